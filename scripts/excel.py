"""Excel round trip: a template for a dataset, and the import of a filled template back into its CSV files.

    python -m scripts template observations -o observations.xlsx
    python -m scripts import observations.xlsx

Template layout (what import relies on, so it stays unambiguous):

* sheet "Hướng dẫn" first: how to fill the workbook, the privacy rules, and every column explained;
* one sheet per resource, named like the resource (cut to Excel's 31 characters);
  row 1 holds the schema's field names, exactly, and nothing else: the Vietnamese title and description of each
  column are the header cell's comment and are repeated on "Hướng dẫn", so no second header row can be mistaken
  for data; every row from 2 on is one record, blank rows are ignored;
* a hidden sheet "_danh_muc" with the lists behind the drop-downs (enum values, and codes from other datasets);
* workbook property "identifier" = the dataset's name (import uses it when --dataset is not given);
* fixed workbook dates and zip timestamps, so the same dataset always gives the same bytes.

Import reads what staff type and normalises it, never guessing:

* numbers: "12,5" and "12.5" are 12.5; spaces or several separators of one kind group thousands
  ("590 467", "1.234.567", "1.234,5"); a single "." or "," followed by exactly three digits ("590.467", "1,250") can be
  thousands or decimals and is reported (excel-number-ambiguous), except in integer fields, which have no decimals;
  a number cell is written as Excel stores it, to 15 significant digits (Excel's precision, so 0.30000000000000004
  from a formula is 0.3), padded with zeros to the decimals its number format shows ("25.0" stays "25.0");
  an integer-valued number in an integer field is written without ".0"; a cell formatted as % is reported;
* dates: Excel dates, "dd/mm/yyyy" (also with "-" or "."; day first, always) and "yyyy-mm-dd" become ISO dates;
* booleans: TRUE/FALSE cells, true/false, đúng/sai, có/không, 1/0;
* text: NFC, line breaks as LF, spaces at both ends removed.

Before openpyxl parses anything, the workbook is checked against limits (scripts/excel_limits.py: file size, parts,
unpacked size, compression ratio, shared strings, rows, columns beyond the template's). Every row is read whatever
range the file declares, and the rows read are compared with the sheet's real extent: every row arrives, or the
import refuses. A dataset folder that is a symbolic link is refused (it would be written wherever it points).

Nothing is written until the result passes validation: the candidate CSV files are written into a temporary copy of
every dataset and validated there; problems are mapped back to the cell they come from ("observations!G5").
Only resources whose rows changed are rewritten (UTF-8 without BOM, LF, minimal quoting, the schema's column order),
each through a temporary file and os.replace.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from scripts.paths import DATASETS
from scripts.atomic import write_atomic
from scripts.excel_limits import Contents, Extent, Limits, check_container, check_sheet, read_package, scan_sheet
from scripts.problems import LAW, Problem, sort_key

INSTRUCTIONS = "Hướng dẫn"
LISTS = "_danh_muc"
MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32767  # Excel's limit; longer text would be cut by Excel, so no template is made
DATE_FORMAT = "DD/MM/YYYY"
FIXED_TIME = datetime(2021, 1, 7)  # Quyết định 23/QĐ-TTg; used only when a dataset has no changelog date
TYPE_LABELS = {"string": "văn bản", "integer": "số nguyên", "number": "số", "date": "ngày (dd/mm/yyyy)",
               "boolean": "true / false", "year": "năm"}
TRUE_WORDS = {"true", "đúng", "có", "yes", "1"}
FALSE_WORDS = {"false", "sai", "không", "no", "0"}


def sheet_name(resource: str) -> str:
    return resource[:MAX_SHEET_NAME]


def cell_address(sheet: str, column: int | None = None, row: int | None = None) -> str:
    """'observations!G5', 'observations!G:G', 'observations!5:5' or 'observations'."""
    from openpyxl.utils import get_column_letter

    name = sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else "'" + sheet.replace("'", "''") + "'"
    if column is not None and row is not None:
        return f"{name}!{get_column_letter(column)}{row}"
    if column is not None:
        letter = get_column_letter(column)
        return f"{name}!{letter}:{letter}"
    if row is not None:
        return f"{name}!{row}:{row}"
    return name


# --- reading a dataset as it is ------------------------------------------------------------------------------------
@dataclass
class Resource:
    name: str
    path: Path | None
    fields: list[dict]
    schema: dict
    rows: list[list[str]] | None  # None when the file is missing or unreadable

    @property
    def names(self) -> list[str]:
        return [str(f.get("name", "")) for f in self.fields]


def _load(folder: Path) -> tuple[dict | None, list[Resource], list[Problem]]:
    from scripts.validate import load_descriptor
    from scripts.validate.files import read_bytes, resolve_resource_path

    if folder.is_symlink():  # everything in it would count as inside the dataset, and be written wherever it points
        return None, [], [Problem(folder.name, code="path-unsafe",
                                  detail=f"'{folder.name}' là liên kết tượng trưng; dùng thư mục thật trong datasets/")]
    descriptor, problems = load_descriptor(folder)
    if descriptor is None:
        return None, [], problems
    resources = []
    for r in descriptor["resources"]:
        if not isinstance(r, dict) or not isinstance(r.get("name"), str):
            continue
        schema = r.get("schema") if isinstance(r.get("schema"), dict) else {}
        fields = [f for f in schema.get("fields") or [] if isinstance(f, dict) and isinstance(f.get("name"), str)]
        path, found = resolve_resource_path(folder.name, r["name"], folder, r.get("path"))
        rows = None
        if path is not None:
            try:
                rows = list(csv.reader(io.StringIO(read_bytes(path).decode("utf-8"), newline="")))[1:]
            except (OSError, UnicodeDecodeError, csv.Error):
                rows = None
        elif found and found[0].code == "path-unsafe":
            problems += found
        resources.append(Resource(r["name"], path, fields, schema, rows))
    return descriptor, resources, problems


def _column(folder: Path, resource: str, column: str) -> list[str]:
    """Distinct non-empty values of one column of another dataset, in file order (for drop-down lists)."""
    descriptor, resources, _ = _load(folder) if (folder / "datapackage.json").is_file() else (None, [], [])
    for r in resources:
        if r.name == resource and column in r.names and r.rows is not None:
            i = r.names.index(column)
            return list(dict.fromkeys(row[i] for row in r.rows if i < len(row) and row[i]))
    return []


# --- the template --------------------------------------------------------------------------------------------------
def _fixed_time(descriptor: dict) -> datetime:
    dates = [c.get("date") for c in descriptor.get("changelog") or [] if isinstance(c, dict)]
    parsed = []
    for d in dates:
        try:
            parsed.append(datetime.fromisoformat(str(d)))
        except ValueError:
            pass
    return max(parsed) if parsed else FIXED_TIME


def _float_text(v: float) -> str:
    """A float as Excel means it: 15 significant digits, no exponent, no trailing zeros."""
    s = format(Decimal(format(v, ".15g")), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


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
        return None, [Problem(dataset, code="package-missing", detail=f"không có bộ dữ liệu '{dataset}' trong {root.name}/")]
    descriptor, resources, problems = _load(folder)
    if descriptor is None or problems:
        return None, problems
    bad = []
    for r in resources:
        for i, row in enumerate(r.rows or [], 2):
            for name, value in zip(r.names, row):
                if ILLEGAL_CHARACTERS_RE.search(value):
                    bad.append(Problem(dataset, resource=r.name, row=i, field=name, code="excel-value-unparseable",
                                       detail="ký tự điều khiển không đưa được vào Excel"))
                elif len(value) > MAX_CELL_TEXT:
                    bad.append(Problem(dataset, resource=r.name, row=i, field=name, code="excel-value-unparseable",
                                       detail=f"{len(value)} ký tự; một ô Excel chứa tối đa {MAX_CELL_TEXT}"))
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


# --- normalising what staff type -----------------------------------------------------------------------------------
class Unparseable(ValueError):
    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code, self.detail = code, detail


_SPACE_SEPARATORS = "\u0020\u00a0\u202f\u2009\u2007'"
_NUMBER_TEXT = re.compile(r"[0-9][0-9.,\u0020\u00a0\u202f\u2009\u2007']*")


def clean_text(value: str) -> str:
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip().strip("\u200b\ufeff").strip()


def _grouped(integer_part: str, sep: str) -> str | None:
    """'1.234.567' with sep '.' -> '1234567'; None when the groups are not thousands groups."""
    groups = integer_part.split(sep)
    if not (1 <= len(groups[0]) <= 3) or groups[0].startswith("0") or any(len(g) != 3 for g in groups[1:]):
        return None
    return "".join(groups)


def parse_number_text(text: str, integer: bool = False) -> str:
    """Typed text -> a number in the CSV's form ('12,5' -> '12.5'); the digits typed are kept as typed."""
    t = clean_text(text).replace("\u2212", "-")
    sign = ""
    if t and t[0] in "+-":
        sign, t = ("-" if t[0] == "-" else ""), t[1:].strip()
    if "%" in t:
        raise Unparseable("excel-value-unparseable", f"'{text}': bỏ dấu % (đơn vị đã ghi ở cột unit)")
    if not _NUMBER_TEXT.fullmatch(t) or not t[-1].isdigit():
        raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số")
    spaced = {c for c in t if c in _SPACE_SEPARATORS}
    if len(spaced) > 1:
        raise Unparseable("excel-value-unparseable", f"'{text}': dấu phân cách hàng nghìn lẫn lộn")
    dots, commas = t.count("."), t.count(",")
    decimal_sep = thousands = None
    if spaced:
        thousands = spaced.pop()
        if dots and commas:
            raise Unparseable("excel-value-unparseable", f"'{text}': vừa có dấu chấm vừa có dấu phẩy")
        if dots + commas > 1:
            raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số")
        decimal_sep = "." if dots else "," if commas else None
    elif dots and commas:
        decimal_sep = "." if t.rfind(".") > t.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        if t.count(decimal_sep) > 1:
            raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số")
    elif dots > 1 or commas > 1:
        thousands = "." if dots else ","
    elif dots == 1 or commas == 1:
        sep = "." if dots else ","
        head, tail = t.split(sep)
        if len(tail) == 3 and _grouped(head, ",") is not None:  # one group before: could be thousands
            if integer:
                thousands = sep
            else:
                raise Unparseable("excel-number-ambiguous",
                                  f"'{text}' là {sign}{head}{tail} hay {sign}{head},{tail}?")
        else:
            decimal_sep = sep
    head, tail = (t.rsplit(decimal_sep, 1) if decimal_sep else (t, ""))
    if thousands:
        grouped = _grouped(head, thousands)
        if grouped is None:
            raise Unparseable("excel-value-unparseable", f"'{text}': nhóm hàng nghìn phải có 3 chữ số")
        head = grouped
    if not head.isdigit() or (decimal_sep and not tail.isdigit()):
        raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số")
    if integer and tail:
        raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số nguyên")
    return sign + head + ("." + tail if tail else "")


def _format_decimals(number_format: str | None) -> int:
    """How many decimals a number format always shows: '0.0' -> 1, '#,##0.00;[Red]-0.00' -> 2, 'General' -> 0."""
    fmt = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", (number_format or "").split(";")[0])
    m = re.search(r"\.(0+)", fmt)
    return len(m.group(1)) if m else 0


def _is_percent(number_format: str | None) -> bool:
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format or "")


def normalise(value, ftype: str, field: dict | None = None, number_format: str | None = None,
              data_type: str | None = None) -> str:
    """One cell's value -> the CSV text for a field of type ftype, or Unparseable."""
    field = field or {}
    if value is None:
        return ""
    if data_type == "e" or (isinstance(value, str) and value in ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!",
                                                                  "#NULL!", "#GETTING_DATA") and data_type != "s"):
        raise Unparseable("excel-value-unparseable", f"ô lỗi của Excel: {value}")
    if isinstance(value, str):
        text = clean_text(value)
        if text == "":
            return ""
        if ftype == "number":
            return parse_number_text(text)
        if ftype == "integer":
            return parse_number_text(text, integer=True)
        if ftype == "boolean":
            return _boolean(text.lower(), field, value)
        if ftype == "date":
            return _date_text(text, field)
        return text
    if isinstance(value, bool):
        if ftype == "boolean":
            return _boolean("true" if value else "false", field, value)
        if ftype in ("number", "integer", "date"):
            raise Unparseable("excel-value-unparseable", f"{'TRUE' if value else 'FALSE'} không phải là {TYPE_LABELS[ftype]}")
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        if isinstance(value, datetime):
            if value.time() != time(0, 0):
                if ftype == "date":
                    raise Unparseable("excel-value-unparseable", f"{value:%d/%m/%Y %H:%M}: chỉ ghi ngày, không ghi giờ")
                return value.isoformat(sep=" ")
            value = value.date()
        if ftype in ("number", "integer", "boolean"):
            raise Unparseable("excel-value-unparseable",
                              f"Excel đã hiểu ô này là ngày {value:%d/%m/%Y}; định dạng ô là số rồi gõ lại")
        return _date_out(value, field)
    if isinstance(value, time):
        raise Unparseable("excel-value-unparseable", f"{value}: Excel đã hiểu ô này là giờ")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise Unparseable("excel-value-unparseable", "giá trị không phải số hữu hạn")
        if ftype in ("number", "integer") and _is_percent(number_format):
            raise Unparseable("excel-value-unparseable",
                              f"ô định dạng phần trăm: Excel lưu {value * 100:g}% là {value:g}; bỏ định dạng % và gõ số")
        if ftype == "date":
            raise Unparseable("excel-value-unparseable", f"{value} là số, không phải ngày; gõ dd/mm/yyyy")
        if ftype == "boolean":
            if value in (0, 1):
                return _boolean("true" if value else "false", field, value)
            raise Unparseable("excel-value-unparseable", f"{value} không phải true/false")
        text = str(value) if isinstance(value, int) else _float_text(value)
        if ftype == "integer":
            if "." in text:
                raise Unparseable("excel-value-unparseable", f"{text} không phải là số nguyên")
            return text
        decimals = _format_decimals(number_format)
        have = len(text.split(".")[1]) if "." in text else 0
        if decimals > have:
            text = text + ("" if have else ".") + "0" * (decimals - have)
        return text
    return clean_text(str(value))


def _boolean(word: str, field: dict, original) -> str:
    true = (field.get("trueValues") or ["true"])[0]
    false = (field.get("falseValues") or ["false"])[0]
    if word in TRUE_WORDS:
        return true
    if word in FALSE_WORDS:
        return false
    raise Unparseable("excel-value-unparseable", f"'{original}' không phải true/false")


def _date_out(d: date, field: dict) -> str:
    fmt = field.get("format")
    return d.strftime(fmt) if isinstance(fmt, str) and "%" in fmt else d.isoformat()


def _date_text(text: str, field: dict) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})", text)
        if not m:
            raise Unparseable("excel-value-unparseable", f"'{text}' không phải ngày dạng dd/mm/yyyy")
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    try:
        return _date_out(date(y, mo, d), field)
    except ValueError:
        raise Unparseable("excel-value-unparseable", f"'{text}': không có ngày {d} tháng {mo} năm {y}") from None


# --- the import ----------------------------------------------------------------------------------------------------
@dataclass
class CellProblem:
    """A problem and the Excel cell it comes from ('' when it belongs to no cell)."""

    cell: str
    problem: Problem

    def as_dict(self) -> dict:
        return {"cell": self.cell, **self.problem.as_dict()}


@dataclass
class Change:
    added: int = 0
    changed: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return (f"{self.added} thêm, {self.changed} sửa, {self.removed} xóa "
                f"({self.added} added, {self.changed} changed, {self.removed} removed)")


@dataclass
class ImportResult:
    dataset: str
    problems: list[CellProblem] = field(default_factory=list)
    changes: dict[str, Change] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    preexisting: list[Problem] = field(default_factory=list)  # problems elsewhere that were there before the import

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Sheet:
    resource: Resource
    title: str
    columns: dict[str, int] = field(default_factory=dict)  # field name -> 1-based column
    rows: list[list[str]] = field(default_factory=list)
    excel_rows: list[int] = field(default_factory=list)
    bad_cells: set[tuple[int, str]] = field(default_factory=set)  # (index in rows, field)


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet holds a formula (<f> element), read as a stream so large sheets stay cheap."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            tail = b""
            with z.open(name) as f:
                while chunk := f.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def _open(path: Path):
    """The workbook's values (as Excel last computed them) and, only if it has formulas, the formulas themselves."""
    from openpyxl import load_workbook

    values = load_workbook(path, read_only=True, data_only=True)
    formulas = load_workbook(path, read_only=True, data_only=False) if _has_formulas(path) else None
    return values, formulas


def _find_dataset(contents: Contents, dataset: str | None, root: Path) -> tuple[str | None, str]:
    """The dataset a workbook fills: --dataset, else the template's identifier, else the one whose sheets it has."""
    known = sorted(p.name for p in root.iterdir() if (p / "datapackage.json").is_file()) if root.is_dir() else []
    if dataset:
        return (dataset, "") if dataset in known else (None, f"không có bộ dữ liệu '{dataset}'")
    ident = contents.identifier
    if ident in known:
        return ident, ""
    sheets = set(contents.sheets)
    matches = []
    for name in known:
        _, resources, _ = _load(root / name)
        if resources and all(sheet_name(r.name) in sheets for r in resources):
            matches.append(name)
    if len(matches) == 1:
        return matches[0], ""
    return None, ("tên các trang tính khớp với nhiều bộ dữ liệu: " + ", ".join(matches) if matches
                  else "tên các trang tính không khớp với bộ dữ liệu nào") + "; dùng --dataset <tên>"


def _read_sheet(sheet: _Sheet, ws, formula_ws, dataset: str, problems: list[CellProblem], extent: Extent,
                width: int) -> None:
    """Read every row of a sheet, `width` columns wide. The <dimension> the file declares is ignored (it can be
    stale: openpyxl's read-only mode stopped there and rows were lost), and the rows openpyxl returned are compared
    with the extent scanned from the XML: any row it skipped makes the sheet a problem, never a silent loss."""
    from openpyxl.cell.read_only import EMPTY_CELL
    from openpyxl.utils import get_column_letter

    ws.reset_dimensions()
    counted = [0, 0]  # rows holding a cell, the last of them: as excel_limits.scan_sheet counts them

    def counting(rows):
        for r, row in enumerate(rows, 1):
            if any(c is not EMPTY_CELL for c in row):
                counted[0], counted[1] = counted[0] + 1, r
            yield row

    rows = counting(ws.iter_rows(max_col=width))
    header = next(rows, ())
    fields = {f["name"]: f for f in sheet.resource.fields}
    seen: dict[str, int] = {}
    unnamed: set[int] = set()
    ok = True

    def header_problem(col: int | None, detail: str) -> None:
        nonlocal ok
        ok = False
        problems.append(CellProblem(cell_address(sheet.title, col, 1), Problem(
            dataset, resource=sheet.resource.name, row=1, field=get_column_letter(col) if col else "",
            code="excel-header-mismatch", detail=detail)))

    for j, c in enumerate(header, 1):
        raw = c.value
        if raw is None or (isinstance(raw, str) and not clean_text(raw)):
            unnamed.add(j)
            continue
        name = clean_text(str(raw))
        if name not in fields:
            header_problem(j, f"cột '{name}' không có trong lược đồ (các cột: {', '.join(fields)})")
        elif name in seen:
            header_problem(j, f"cột '{name}' lặp lại")
        else:
            seen[name] = j
    for name in fields:
        if name not in seen:
            header_problem(None, f"thiếu cột '{name}'")
    sheet.columns = seen
    formula_cells = set()
    if formula_ws is not None:
        formula_ws.reset_dimensions()
        for row in formula_ws.iter_rows(min_row=2, max_col=width):
            for c in row:
                if getattr(c, "data_type", None) == "f":
                    formula_cells.add((c.row, c.column))
    reported_unnamed = set()
    for r, row in enumerate(rows, 2):
        cells = list(row)
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells):
            if not any((r, j) in formula_cells for j in range(1, len(cells) + 1)):
                continue
        values = []
        for j in sorted(unnamed):
            if j <= len(cells) and cells[j - 1].value not in (None, "") and j not in reported_unnamed:
                reported_unnamed.add(j)
                header_problem(j, f"cột {get_column_letter(j)} có dữ liệu (ô {get_column_letter(j)}{r}) nhưng không có tên cột")
        index = len(sheet.rows)
        for f in sheet.resource.fields:
            j = seen.get(f["name"])
            c = cells[j - 1] if j and j <= len(cells) else None
            value = c.value if c is not None else None
            try:
                if value is None and j and (r, j) in formula_cells:
                    raise Unparseable("excel-value-unparseable",
                                      "công thức chưa có giá trị đã tính; mở tệp trong Excel và lưu lại, hoặc dán giá trị")
                text = normalise(value, f.get("type", "string"), f, getattr(c, "number_format", None),
                                 getattr(c, "data_type", None))
            except Unparseable as exc:
                problems.append(CellProblem(cell_address(sheet.title, j, r), Problem(
                    dataset, resource=sheet.resource.name, row=r, field=f["name"], code=exc.code, detail=exc.detail)))
                sheet.bad_cells.add((index, f["name"]))
                text = clean_text(str(value)) if value is not None else ""
            values.append(text)
        sheet.rows.append(values)
        sheet.excel_rows.append(r)
    if tuple(counted) != (extent.rows_with_cells, extent.last_row):
        ok = False
        problems.append(CellProblem(cell_address(sheet.title), Problem(
            dataset, resource=sheet.resource.name, code="excel-rows-not-read",
            detail=f"đọc được {counted[0]} dòng (tới dòng {counted[1]}), trang tính có {extent.rows_with_cells} dòng "
                   f"(tới dòng {extent.last_row})")))
    if not ok:
        sheet.rows, sheet.excel_rows = [], []


def csv_text(names: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    writer.writerows(rows)
    return out.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    write_atomic(path, data, durable=True)


def diff_rows(resource: Resource, old: list[list[str]], new: list[list[str]]) -> Change:
    """Rows added, changed and removed: by primary key when the table has one, otherwise by whole row."""
    pk = resource.schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else pk if isinstance(pk, list) else []
    names = resource.names
    if pk and all(k in names for k in pk):
        idx = [names.index(k) for k in pk]
        width = len(names)

        def keyed(rows):
            return {tuple(row[i] if i < len(row) else "" for i in idx): (row + [""] * width)[:width] for row in rows}

        a, b = keyed(old), keyed(new)
        return Change(added=len(b.keys() - a.keys()), removed=len(a.keys() - b.keys()),
                      changed=sum(1 for k in a.keys() & b.keys() if a[k] != b[k]))
    a, b = Counter(map(tuple, old)), Counter(map(tuple, new))
    return Change(added=sum((b - a).values()), removed=sum((a - b).values()))


def _relocate(p: Problem, sheets: dict[str, _Sheet], dataset: str) -> Problem:
    """The problem with row = the Excel row (the CSV row means nothing to someone looking at the workbook)."""
    if p.dataset == dataset and p.resource in sheets and p.row is not None and p.row >= 2:
        s = sheets[p.resource]
        if p.row - 2 < len(s.excel_rows):
            return Problem(p.dataset, p.resource, s.excel_rows[p.row - 2], p.field, p.code, p.detail)
    return p


def _scan(path: Path, contents: Contents, resources: list[Resource], dataset: str, limits: Limits,
          result: ImportResult) -> dict[str, Extent]:
    """The sheets to import, scanned before openpyxl reads them: their extents, and the limits they pass."""
    extents = {}
    for r in resources:
        title = sheet_name(r.name)
        part = contents.sheets.get(title)
        if part is None:
            continue  # reported as excel-sheet-missing once openpyxl lists the sheets
        width = len(r.fields) + limits.extra_columns
        try:
            extents[title] = scan_sheet(path, part, width, limits.rows)
        except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            result.problems.append(CellProblem(cell_address(title), Problem(
                dataset, resource=r.name, code="excel-file-unreadable", detail=f"{type(exc).__name__}: {str(exc)[:160]}")))
            continue
        result.problems += [CellProblem(cell_address(title), Problem(dataset, resource=r.name, code=f.code, detail=f.detail))
                            for f in check_sheet(title, extents[title], len(r.fields), limits)]
    return extents


def import_workbook(path: Path, dataset: str | None = None, root: Path = DATASETS, *, min_count: int = 5,
                    today: date | None = None, write: bool = True, limits: Limits = Limits()) -> ImportResult:
    """Read a filled workbook, validate the dataset it would make, and only then replace the dataset's CSV files.
    The workbook is checked against `limits` (scripts/excel_limits.py) before openpyxl parses any of it."""
    from scripts.validate import dataset_folders, validate_datasets
    from scripts.validate.files import resolve_resource_path

    path = Path(path)
    result = ImportResult(dataset or "")

    def fail(code: str, detail: str, cell: str = "") -> ImportResult:
        result.problems.append(CellProblem(cell, Problem(result.dataset or path.name, code=code, detail=detail)))
        return result

    if not path.is_file():
        return fail("excel-file-unreadable", f"không có tệp '{path}'")
    try:
        found = check_container(path, limits)
        contents = None if found else read_package(path)
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, ValueError) as exc:  # not a zip, or a damaged one
        return fail("excel-file-unreadable", f"{path.name}: {type(exc).__name__}: {str(exc)[:160]}")
    for f in found:
        fail(f.code, f.detail)
    if found:
        return result
    name, why = _find_dataset(contents, dataset, root)
    if name is None:
        return fail("excel-dataset-unknown", why)
    result.dataset = name
    folder = root / name
    descriptor, resources, problems = _load(folder)
    if descriptor is None or problems:
        result.problems += [CellProblem("", p) for p in problems]
        return result
    extents = _scan(path, contents, resources, name, limits, result)
    if result.problems:
        return result
    try:
        wb, formulas = _open(path)
    except Exception as exc:  # openpyxl raises many kinds of errors on files that are not .xlsx
        return fail("excel-file-unreadable", f"{path.name}: {type(exc).__name__}: {str(exc)[:160]}")
    try:
        sheets: dict[str, _Sheet] = {}
        for r in resources:
            title = sheet_name(r.name)
            if title not in wb.sheetnames:
                fail("excel-sheet-missing", f"không có trang tính '{title}' (các trang tính: {', '.join(wb.sheetnames)})")
                continue
            if title not in extents:  # openpyxl found a sheet the zip's parts did not name: read nothing unscanned
                fail("excel-file-unreadable", f"không tìm thấy phần dữ liệu của trang tính '{title}'; mở tệp bằng "
                                              "Excel và lưu lại", cell_address(title))
                continue
            sheet = _Sheet(r, title)
            try:
                _read_sheet(sheet, wb[title], formulas[title] if formulas is not None else None, name, result.problems,
                            extents[title], len(r.fields) + limits.extra_columns)
            except Exception as exc:  # a damaged sheet part
                fail("excel-file-unreadable", f"trang tính '{title}': {type(exc).__name__}: {str(exc)[:160]}",
                     cell_address(title))
                continue
            sheets[r.name] = sheet
        used = {s.title for s in sheets.values()} | {INSTRUCTIONS, LISTS}
        result.ignored_sheets = [s for s in wb.sheetnames if s not in used and s not in
                                 {sheet_name(r.name) for r in resources}]
    finally:
        wb.close()
        if formulas is not None:
            formulas.close()
    if any(p.problem.code in ("excel-sheet-missing", "excel-header-mismatch", "excel-file-unreadable",
                              "excel-rows-not-read") for p in result.problems):
        return result

    # Validate the candidate in a temporary copy of every dataset (other datasets are needed for cross-references).
    bad_cells = {(r, s.excel_rows[i], f) for r, s in sheets.items() for i, f in s.bad_cells}
    with tempfile.TemporaryDirectory(prefix="import-") as tmp:
        tmp_root = Path(tmp) / "datasets"
        tmp_root.mkdir()
        for f in dataset_folders(root):
            shutil.copytree(f, tmp_root / f.name, symlinks=True,
                            ignore=shutil.ignore_patterns("*.xlsx", "*.xls", ".*"))
        texts = {}
        for r in resources:
            target, found = resolve_resource_path(name, r.name, tmp_root / name, _resource_path(descriptor, r.name))
            if target is None and found and found[0].code == "path-unsafe":
                result.problems += [CellProblem("", p) for p in found]
                return result
            target = target or (tmp_root / name / str(_resource_path(descriptor, r.name)))
            target.parent.mkdir(parents=True, exist_ok=True)
            texts[r.name] = csv_text(r.names, sheets[r.name].rows)
            target.write_bytes(texts[r.name].encode("utf-8"))
        checked = validate_datasets(dataset_folders(tmp_root), min_count=min_count, today=today)
    blocking, elsewhere = [], []
    for p in checked.problems:
        if p.dataset == name:
            q = _relocate(p, sheets, name)
            if (q.resource, q.row, q.field) not in bad_cells:  # already reported as unreadable
                blocking.append(q)
        else:
            elsewhere.append(p)
    if elsewhere:
        before = set(validate_datasets(dataset_folders(root), min_count=min_count, today=today).problems)
        result.preexisting = [p for p in elsewhere if p in before]
        blocking += [p for p in elsewhere if p not in before]
    result.problems += [CellProblem(_locate_excel(p, sheets, name), p) for p in sorted(blocking, key=sort_key)]
    result.problems.sort(key=lambda cp: (cp.problem.dataset != name, sort_key(cp.problem)))
    for r in resources:
        old = r.rows if r.rows is not None else []
        result.changes[r.name] = diff_rows(r, old, sheets[r.name].rows)
    if result.problems or not write:
        return result

    # Write only what changed, each file through a temporary file and os.replace.
    for r in resources:
        old = r.rows
        new = sheets[r.name].rows
        target = r.path or (folder / str(_resource_path(descriptor, r.name)))
        current = target.read_bytes() if target.is_file() else None
        if old is not None and old == new and current is not None:
            continue
        data = texts[r.name].encode("utf-8")
        if current == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, data)
        result.written.append(target)
    return result


def _locate_excel(p: Problem, sheets: dict[str, _Sheet], dataset: str) -> str:
    """Cell address of a problem whose row is already the Excel row."""
    if p.dataset != dataset or p.resource not in sheets:
        return ""
    s = sheets[p.resource]
    return cell_address(s.title, s.columns.get(p.field), p.row)


def _resource_path(descriptor: dict, resource: str):
    for r in descriptor.get("resources") or []:
        if isinstance(r, dict) and r.get("name") == resource:
            return r.get("path")
    return None


# --- reports -------------------------------------------------------------------------------------------------------
def report_json(result: ImportResult) -> str:
    import json

    data = {"valid": result.ok, "dataset": result.dataset, "count": len(result.problems),
            "problems": [cp.as_dict() for cp in result.problems],
            "changes": {k: vars(v) for k, v in result.changes.items()},
            "written": [str(p) for p in result.written], "ignored_sheets": result.ignored_sheets}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def report_markdown(result: ImportResult, workbook: str = "", limit: int = 200) -> str:
    """The import's part of the pull-request report: names, cells and details from the workbook as code spans
    (scripts/inert.py), so a cell cannot link, embed, mention, reference or start a line."""
    from scripts.inert import code, plain
    from scripts.problems import markdown_message

    name = f" {code(workbook, cell=False)}" if workbook else ""
    if result.ok:
        lines = [f"### ✅ Đã nhập tệp Excel{name} vào {code(result.dataset, cell=False)}", ""]
        lines += [f"- {code(k, cell=False)}: {v}" for k, v in result.changes.items()]
        return "\n".join(lines) + "\n"
    lines = [f"### ❌ Tệp Excel{name}: {len(result.problems)} lỗi, không có tệp nào được ghi", "",
             "| # | Ô | Mã lỗi | Lỗi | Cách sửa |", "|---|---|---|---|---|"]
    for i, cp in enumerate(result.problems[:limit], 1):
        lines.append(f"| {i} | {code(cp.cell or cp.problem.where())} | `{cp.problem.code}` | {markdown_message(cp.problem)} "
                     f"| {plain(cp.problem.hint)} |")
    if len(result.problems) > limit:
        lines.append(f"\n… và {len(result.problems) - limit} lỗi khác.")
    return "\n".join(lines) + "\n"
