"""The import of a filled template: every row read whatever the file declares, normalised, validated in a temporary
copy, and written only if everything passes."""
from __future__ import annotations

import csv
import dataclasses
import io
import re
import shutil
import tempfile
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scripts.paths import DATASETS
from scripts.excel_limits import Contents, Extent, Limits, check_container, check_sheet, read_package, scan_sheet
from scripts.problems import Problem, as_is, sort_key
from scripts.excel.common import INSTRUCTIONS, LISTS, Resource, _atomic_write, _load, cell_address, sheet_name
from scripts.excel.normalise import Unparseable, clean_text, normalise


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


def _find_dataset(contents: Contents, dataset: str | None, root: Path) -> tuple[str | None, tuple[str, str]]:
    """The dataset a workbook fills: --dataset, else the template's identifier, else the one whose sheets it has;
    or None and why not, in Vietnamese and English."""
    known = sorted(p.name for p in root.iterdir() if (p / "datapackage.json").is_file()) if root.is_dir() else []
    if dataset:
        return (dataset, ("", "")) if dataset in known else (None, (f"không có bộ dữ liệu '{dataset}'",
                                                                    f"no dataset '{dataset}'"))
    ident = contents.identifier
    if ident in known:
        return ident, ("", "")
    sheets = set(contents.sheets)
    matches = []
    for name in known:
        _, resources, _ = _load(root / name)
        if resources and all(sheet_name(r.name) in sheets for r in resources):
            matches.append(name)
    if len(matches) == 1:
        return matches[0], ("", "")
    return None, (("tên các trang tính khớp với nhiều bộ dữ liệu: " + ", ".join(matches) if matches
                   else "tên các trang tính không khớp với bộ dữ liệu nào") + "; dùng --dataset <tên>",
                  ("the sheet names match several datasets: " + ", ".join(matches) if matches
                   else "the sheet names match no dataset") + "; use --dataset <name>")


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

    def header_problem(col: int | None, detail: str, detail_en: str) -> None:
        nonlocal ok
        ok = False
        problems.append(CellProblem(cell_address(sheet.title, col, 1), Problem(
            dataset, resource=sheet.resource.name, row=1, field=get_column_letter(col) if col else "",
            code="excel-header-mismatch", detail=detail, detail_en=detail_en)))

    for j, c in enumerate(header, 1):
        raw = c.value
        if raw is None or (isinstance(raw, str) and not clean_text(raw)):
            unnamed.add(j)
            continue
        name = clean_text(str(raw))
        if name not in fields:
            header_problem(j, f"cột '{name}' không có trong lược đồ (các cột: {', '.join(fields)})",
                           f"column '{name}' is not in the schema (the columns: {', '.join(fields)})")
        elif name in seen:
            header_problem(j, f"cột '{name}' lặp lại", f"column '{name}' repeats")
        else:
            seen[name] = j
    for name in fields:
        if name not in seen:
            header_problem(None, f"thiếu cột '{name}'", f"column '{name}' is missing")
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
                header_problem(j, f"cột {get_column_letter(j)} có dữ liệu (ô {get_column_letter(j)}{r}) nhưng không có tên cột",
                               f"column {get_column_letter(j)} holds data (cell {get_column_letter(j)}{r}) but has no "
                               f"column name")
        index = len(sheet.rows)
        for f in sheet.resource.fields:
            j = seen.get(f["name"])
            c = cells[j - 1] if j and j <= len(cells) else None
            value = c.value if c is not None else None
            try:
                if value is None and j and (r, j) in formula_cells:
                    raise Unparseable("excel-value-unparseable",
                                      "công thức chưa có giá trị đã tính; mở tệp trong Excel và lưu lại, hoặc dán giá trị",
                                      "a formula without a computed value; open the file in Excel and save it again, "
                                      "or paste the values")
                text = normalise(value, f.get("type", "string"), f, getattr(c, "number_format", None),
                                 getattr(c, "data_type", None))
            except Unparseable as exc:
                problems.append(CellProblem(cell_address(sheet.title, j, r), Problem(
                    dataset, resource=sheet.resource.name, row=r, field=f["name"], code=exc.code, detail=exc.detail,
                    detail_en=exc.detail_en)))
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
                   f"(tới dòng {extent.last_row})",
            detail_en=f"{counted[0]:,} rows read (up to row {counted[1]:,}), the sheet has {extent.rows_with_cells:,} "
                      f"rows (up to row {extent.last_row:,})")))
    if not ok:
        sheet.rows, sheet.excel_rows = [], []


def csv_text(names: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    writer.writerows(rows)
    return out.getvalue()


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
            return dataclasses.replace(p, row=s.excel_rows[p.row - 2])
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
                dataset, resource=r.name, code="excel-file-unreadable", **as_is(f"{type(exc).__name__}: {str(exc)[:160]}"))))
            continue
        result.problems += [CellProblem(cell_address(title), Problem(dataset, resource=r.name, code=f.code, detail=f.detail,
                                                                    detail_en=f.detail_en))
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

    def fail(code: str, detail: str, detail_en: str, cell: str = "") -> ImportResult:
        result.problems.append(CellProblem(cell, Problem(result.dataset or path.name, code=code, detail=detail,
                                                         detail_en=detail_en)))
        return result

    if not path.is_file():
        return fail("excel-file-unreadable", f"không có tệp '{path}'", f"no file '{path}'")
    try:
        found = check_container(path, limits)
        contents = None if found else read_package(path)
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, ValueError) as exc:  # not a zip, or a damaged one
        said = f"{path.name}: {type(exc).__name__}: {str(exc)[:160]}"  # the library's words, the same in both
        return fail("excel-file-unreadable", said, said)
    for f in found:
        fail(f.code, f.detail, f.detail_en)
    if found:
        return result
    name, why = _find_dataset(contents, dataset, root)
    if name is None:
        return fail("excel-dataset-unknown", *why)
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
        said = f"{path.name}: {type(exc).__name__}: {str(exc)[:160]}"  # the library's words, the same in both
        return fail("excel-file-unreadable", said, said)
    try:
        sheets: dict[str, _Sheet] = {}
        for r in resources:
            title = sheet_name(r.name)
            if title not in wb.sheetnames:
                quoted = ", ".join(f"'{n}'" for n in wb.sheetnames)  # the names are data: quoted in English
                fail("excel-sheet-missing", f"không có trang tính '{title}' (các trang tính: {', '.join(wb.sheetnames)})",
                     f"no sheet '{title}' (the sheets: {quoted})")
                continue
            if title not in extents:  # openpyxl found a sheet the zip's parts did not name: read nothing unscanned
                fail("excel-file-unreadable", f"không tìm thấy phần dữ liệu của trang tính '{title}'; mở tệp bằng "
                                              "Excel và lưu lại",
                     f"the data part of sheet '{title}' was not found; open the file in Excel and save it again",
                     cell_address(title))
                continue
            sheet = _Sheet(r, title)
            try:
                _read_sheet(sheet, wb[title], formulas[title] if formulas is not None else None, name, result.problems,
                            extents[title], len(r.fields) + limits.extra_columns)
            except Exception as exc:  # a damaged sheet part
                fail("excel-file-unreadable", f"trang tính '{title}': {type(exc).__name__}: {str(exc)[:160]}",
                     f"sheet '{title}': {type(exc).__name__}: {str(exc)[:160]}", cell_address(title))
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


