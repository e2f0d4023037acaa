"""The Excel template of a dataset: one sheet per table with its rows, drop-downs, and the guide sheet."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from scripts.paths import DATASETS
from scripts.problems import LAW, Problem
from scripts.excel.common import (DATE_FORMAT, FIXED_TIME, INSTRUCTIONS, LISTS, MAX_CELL_TEXT, TYPE_LABELS, Resource,
                                  _atomic_write, _column, _load, sheet_name)
from scripts.excel.normalise import _float_text


def _fixed_time(descriptor: dict) -> datetime:
    dates = [c.get("date") for c in descriptor.get("changelog") or [] if isinstance(c, dict)]
    parsed = []
    for d in dates:
        try:
            parsed.append(datetime.fromisoformat(str(d)))
        except ValueError:
            pass
    return max(parsed) if parsed else FIXED_TIME


def _template_value(value: str, ftype: str):
    """The cell value (and number format) for a CSV value, chosen so that import gives the same text back."""
    if value == "":
        return None, None
    if ftype in ("integer", "number"):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value, "@"
        if not number.is_finite():
            return value, "@"
        if ftype == "integer" and re.fullmatch(r"-?(0|[1-9]\d*)", value) and len(value.lstrip("-")) <= 15:
            return int(value), "0"
        m = re.fullmatch(r"-?(0|[1-9]\d*)(?:\.(\d+))?", value)
        if ftype == "number" and m and len(value.replace("-", "").replace(".", "").lstrip("0")) <= 15:
            decimals = len(m.group(2) or "")
            v = int(value) if decimals == 0 else float(value)
            if _float_text(float(v)) == value:
                return v, "General"
            if _float_text(float(v)) == value.rstrip("0").rstrip("."):  # "25.0": keep the printed decimals
                return v, "0." + "0" * decimals
        return value, "@"
    if ftype == "date":
        try:
            return date.fromisoformat(value), DATE_FORMAT
        except ValueError:
            return value, "@"
    return value, "@"


def _comment_text(f: dict) -> str:
    parts = [str(f.get("title") or f["name"])]
    if f.get("title_en"):
        parts[0] += f" / {f['title_en']}"
    if f.get("description"):
        parts.append(str(f["description"]))
    constraints = f.get("constraints") or {}
    parts.append(f"Kiểu: {TYPE_LABELS.get(f.get('type', 'string'), f.get('type', 'string'))}"
                 + ("; bắt buộc" if constraints.get("required") else ""))
    return "\n".join(parts)


def _allowed(f: dict, fks: dict[str, str]) -> str:
    c = f.get("constraints") or {}
    out = []
    if c.get("enum"):
        out.append("một trong: " + ", ".join(str(v) for v in c["enum"]))
    if f["name"] in fks:
        out.append(f"mã có trong {fks[f['name']]}")
    if "minimum" in c:
        out.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        out.append(f"≤ {c['maximum']}")
    if c.get("pattern"):
        out.append(f"dạng {c['pattern']}")
    return "; ".join(out)


def _foreign_keys(resource: Resource) -> dict[str, tuple[str | None, str, str]]:
    """field -> (package or None for this package, resource, referenced field), for single-field keys."""
    out = {}
    for key, external in (("foreignKeys", False), ("externalForeignKeys", True)):
        for fk in resource.schema.get(key) or []:
            try:
                (column,), ref = fk["fields"], fk["reference"]
                (ref_field,) = ref["fields"]
                out[column] = (ref["package"] if external else None, ref["resource"], ref_field)
            except (KeyError, TypeError, ValueError):
                continue
    return out


class _FixedZip(zipfile.ZipFile):
    """A zip whose entries all carry the same timestamp, so equal workbooks are equal bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(str(zinfo_or_arcname), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        self.writestr(str(arcname or filename), Path(filename).read_bytes())


def build_template(dataset: str, root: Path = DATASETS):
    """The openpyxl Workbook for a dataset, or the problems that prevent making one."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    folder = root / dataset
    if not (folder / "datapackage.json").is_file():
        return None, [Problem(dataset, code="package-missing", detail=f"không có bộ dữ liệu '{dataset}' trong {root.name}/",
                              detail_en=f"no dataset '{dataset}' in {root.name}/")]
    descriptor, resources, problems = _load(folder)
    if descriptor is None or problems:
        return None, problems
    bad = []
    for r in resources:
        for i, row in enumerate(r.rows or [], 2):
            for name, value in zip(r.names, row):
                if ILLEGAL_CHARACTERS_RE.search(value):
                    bad.append(Problem(dataset, resource=r.name, row=i, field=name, code="excel-value-unparseable",
                                       detail="ký tự điều khiển không đưa được vào Excel",
                                       detail_en="a control character cannot go into Excel"))
                elif len(value) > MAX_CELL_TEXT:
                    bad.append(Problem(dataset, resource=r.name, row=i, field=name, code="excel-value-unparseable",
                                       detail=f"{len(value)} ký tự; một ô Excel chứa tối đa {MAX_CELL_TEXT}",
                                       detail_en=f"{len(value):,} characters; an Excel cell holds at most {MAX_CELL_TEXT:,}"))
    if bad:
        return None, bad

    stamp = _fixed_time(descriptor)
    wb = Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = "tre-em-ninh-thuan"
    wb.properties.title = f"Mẫu nhập liệu: {descriptor.get('title') or dataset}"
    wb.properties.identifier = dataset
    wb.properties.version = str(descriptor.get("version") or "")
    wb.properties.created = wb.properties.modified = stamp
    guide = wb.active
    guide.title = INSTRUCTIONS
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    list_columns: dict[tuple, str] = {}

    def list_range(key: tuple, label: str, values: list[str]) -> str:
        if key not in list_columns:
            col = len(list_columns) + 1
            lists.cell(1, col, label).font = bold
            for i, v in enumerate(values, 2):
                c = lists.cell(i, col, v)
                c.data_type = "s"
            letter = get_column_letter(col)
            list_columns[key] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${max(len(values), 1) + 1}"
        return list_columns[key]

    fk_labels: dict[str, dict[str, str]] = {}
    sheet_of = {r.name: sheet_name(r.name) for r in resources}
    for r in resources:
        ws = wb.create_sheet(sheet_of[r.name])
        fks = _foreign_keys(r)
        fk_labels[r.name] = {k: f"{p or dataset}/{res}.{col}" for k, (p, res, col) in fks.items()}
        for j, f in enumerate(r.fields, 1):
            cell = ws.cell(1, j, f["name"])
            cell.font, cell.fill = bold, header_fill
            cell.comment = Comment(_comment_text(f), "tre-em-ninh-thuan", width=320, height=160)
            ftype = f.get("type", "string")
            letter = get_column_letter(j)
            ws.column_dimensions[letter].width = max(12, min(40, len(f["name"]) + 4))
            ws.column_dimensions[letter].number_format = {"integer": "0", "number": "General", "date": DATE_FORMAT,
                                                          "boolean": "@"}.get(ftype, "@")
            formula = None
            enum = (f.get("constraints") or {}).get("enum")
            if enum:
                formula = list_range(("enum", r.name, f["name"]), f"{r.name}.{f['name']}", [str(v) for v in enum])
            elif ftype == "boolean":
                formula = list_range(("boolean",), "true/false", ["true", "false"])
            elif f["name"] in fks:
                package, ref_res, ref_col = fks[f["name"]]
                if package is None and ref_res in sheet_of:
                    target = next(x for x in resources if x.name == ref_res)
                    if ref_col in target.names:
                        col = get_column_letter(target.names.index(ref_col) + 1)
                        formula = f"{quote_sheetname(sheet_of[ref_res])}!${col}$2:${col}$1048576"
                elif package is not None:
                    values = _column(root / package, ref_res, ref_col)
                    if values:
                        formula = list_range(("fk", package, ref_res, ref_col), f"{package}/{ref_res}.{ref_col}", values)
            if formula:
                dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                                    errorStyle="stop" if enum or ftype == "boolean" else "warning",
                                    error="Chọn một giá trị trong danh sách.", errorTitle="Giá trị không có trong danh sách",
                                    showErrorMessage=True)
                dv.add(f"{letter}2:{letter}1048576")
                ws.add_data_validation(dv)
        types = [f.get("type", "string") for f in r.fields]
        for i, row in enumerate(r.rows or [], 2):
            for j, (value, ftype) in enumerate(zip(row, types), 1):
                v, fmt = _template_value(value, ftype)
                if v is None:
                    continue
                cell = ws.cell(i, j, v)
                if isinstance(v, str):
                    cell.data_type = "s"  # text that starts with '=' stays text
                cell.number_format = fmt
        ws.freeze_panes = "A2"
    _write_guide(guide, descriptor, dataset, resources, fk_labels, bold)
    wb.move_sheet(LISTS, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS))
    wb.active = 0
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == INSTRUCTIONS
    guide.column_dimensions["A"].width = 22
    for col, width in zip("BCDEFG", (22, 26, 18, 10, 40, 70)):
        guide.column_dimensions[col].width = width
    for row in guide.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    return wb, []


def _write_guide(ws, descriptor: dict, dataset: str, resources: list[Resource], fk_labels, bold) -> None:
    from openpyxl.styles import Font

    lines = [
        (f"Mẫu nhập liệu: {descriptor.get('title') or dataset}", Font(bold=True, size=14)),
        (f"Bộ dữ liệu {dataset}, phiên bản {descriptor.get('version', '')}. "
         "Mỗi trang tính là một bảng; dòng 1 là tên cột, mỗi dòng từ dòng 2 là một bản ghi.", None),
        ("", None),
        ("Cách điền", bold),
        ("1. Không đổi tên trang tính và không sửa dòng 1 (tên cột). Di chuột vào ô tiêu đề để xem giải thích cột; "
         "bảng dưới đây giải thích mọi cột.", None),
        ("2. Thêm bản ghi ở dòng trống cuối bảng. Xóa cả dòng thì bản ghi đó bị xóa khi nhập. Dòng trống được bỏ qua.", None),
        ("3. Số: gõ 12,5 hoặc 12.5. Không gõ dấu phân cách hàng nghìn (gõ 590467, không gõ 590.467 hay 590,467: "
         "hai cách đọc, công cụ sẽ báo lỗi thay vì đoán). Không gõ dấu %.", None),
        ("4. Ngày: gõ ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/03/2024 là ngày 5 tháng 3 năm 2024. Kiểm tra Excel hiển thị đúng ngày.", None),
        ("5. Cột có mũi tên thả xuống: chọn một giá trị trong danh sách. Cột true/false: chọn true (có) hoặc false (không).", None),
        ("6. Ô để trống là không có giá trị. Không dùng công thức trỏ sang tệp khác; ô lỗi (#N/A, #REF!…) sẽ bị báo.", None),
        ("7. Lưu tệp dạng Excel Workbook (.xlsx). Khi nhập, mọi ô được kiểm tra trước khi ghi; nếu có lỗi, không có gì "
         "bị thay đổi và mỗi lỗi được chỉ ra bằng địa chỉ ô, ví dụ observations!G5.", None),
        ("", None),
        ("Bảo vệ thông tin của trẻ em", bold),
        ("• Không nhập họ tên, ngày sinh, địa chỉ, số điện thoại, số định danh, trường, lớp, ảnh hay bất kỳ thông tin nào "
         f"làm nhận ra một trẻ em ({LAW}: quyền bí mật đời sống riêng tư và thông tin bí mật đời sống riêng tư của trẻ em). "
         "Chỉ nhập số liệu tổng hợp theo tỉnh, xã hoặc cả nước.", None),
        ("• Số đếm (đơn vị children hoặc cases) nhỏ hơn 5 phải được ẩn: để trống cột value và đặt value_status = "
         "suppressed. Công cụ kiểm tra sẽ từ chối số nhỏ chưa được ẩn.", None),
        ("", None),
        ("Giải thích từng cột", bold),
    ]
    for text, font in lines:
        ws.append([text])
        if font is not None:
            ws.cell(ws.max_row, 1).font = font
    ws.append(["Trang tính", "Cột", "Tên cột", "Kiểu", "Bắt buộc", "Giá trị cho phép", "Giải thích"])
    for c in ws[ws.max_row]:
        c.font = bold
    from openpyxl.utils import get_column_letter

    for r in resources:
        for j, f in enumerate(r.fields, 1):
            c = f.get("constraints") or {}
            ws.append([sheet_name(r.name), f"{get_column_letter(j)}: {f['name']}", str(f.get("title") or ""),
                       TYPE_LABELS.get(f.get("type", "string"), str(f.get("type"))), "có" if c.get("required") else "",
                       _allowed(f, fk_labels.get(r.name, {})), str(f.get("description") or "")])


def write_template(dataset: str, out: Path, root: Path = DATASETS) -> list[Problem]:
    """Write the template of a dataset to out (.xlsx). Returns the problems that prevented it, if any."""
    from openpyxl.writer.excel import ExcelWriter

    wb, problems = build_template(dataset, root)
    if wb is None:
        return problems
    buffer = io.BytesIO()
    with _FixedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    out.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(out, buffer.getvalue())
    return []


