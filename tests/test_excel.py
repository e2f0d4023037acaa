"""Excel round trip: template → staff fill it in → import → the CSV files, byte for byte.

Every expected CSV line below is written by hand, never produced by the code under test.
"""
from __future__ import annotations

import json
import shutil
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from scripts.cli import main
from scripts.excel import (INSTRUCTIONS, LISTS, Unparseable, import_workbook, normalise, parse_number_text,
                           write_template)
from scripts.paths import DATASETS
from tests.problem_language import untranslated, vietnamese_outside_quotes

ALL = ["admin-units", "child-protection-channels", "documents", "observations", "programme-targets"]


@pytest.fixture
def root(tmp_path) -> Path:
    """A private copy of the shipped datasets: imports in these tests never touch the repository."""
    dst = tmp_path / "datasets"
    shutil.copytree(DATASETS, dst, ignore=shutil.ignore_patterns("*.xlsx"))
    return dst


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def template(root: Path, dataset: str, tmp_path: Path) -> Path:
    out = tmp_path / f"{dataset}.xlsx"
    assert write_template(dataset, out, root) == []
    return out


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- the round trip ----------------------------------------------------------------------------------------------
def test_values_typed_the_way_staff_type_them_arrive_as_the_csv_expects(root, tmp_path):
    xlsx = template(root, "observations", tmp_path)
    before = (root / "observations/data/observations.csv").read_bytes()
    wb = load_workbook(xlsx)
    ws = wb["observations"]
    assert nfd("Thuận") != "Thuận"  # the test really types decomposed Vietnamese
    ws.append(["imr", "3b", 58, nfd(" Ninh Thuận "), 2006.0, "total", "12,5", None, " reported", "per-1000-live-births",
               "gso", False, False, None, " gso-imr-province ", None, None, nfd("Niên giám thống kê tỉnh;  bản in "),
               " Provincial statistical yearbook; printed copy "])
    wb.save(xlsx)

    result = import_workbook(xlsx, root=root)

    assert result.ok, [(p.cell, p.problem) for p in result.problems]
    expected_line = ("imr,3b,58,Ninh Thuận,2006,total,12.5,,reported,per-1000-live-births,gso,false,false,,"
                     "gso-imr-province,,,Niên giám thống kê tỉnh;  bản in,Provincial statistical yearbook; printed copy\n")
    assert (root / "observations/data/observations.csv").read_bytes() == before + expected_line.encode("utf-8")
    assert str(result.changes["observations"]) == "1 thêm, 0 sửa, 0 xóa (1 added, 0 changed, 0 removed)"
    assert str(result.changes["measures"]).endswith("(0 added, 0 changed, 0 removed)")
    assert str(result.changes["sources"]).endswith("(0 added, 0 changed, 0 removed)")
    assert result.written == [root / "observations/data/observations.csv"]


def test_dates_typed_day_first_become_iso_and_a_changed_row_is_counted_by_its_key(root, tmp_path):
    xlsx = template(root, "documents", tmp_path)
    wb = load_workbook(xlsx)
    ws = wb["documents"]
    header = [c.value for c in ws[1]]
    assert header == ["document_id", "number", "date", "issuer", "title_vi", "title_en", "kind", "url", "note_vi",
                      "note_en"]
    ws.append(["ke-hoach-thu", "01/KH-UBND", "05/03/2024", nfd(" Ủy ban nhân dân tỉnh Khánh Hòa "),
               nfd("Kế hoạch thử"), "Test plan", "plan", "https://example.org/kh-01", None, None])
    ws.append(["ke-hoach-thu-2", None, datetime(2024, 12, 31), "UBND", None, None, "plan", None, "  ", "  "])
    ws["E2"] = ws["E2"].value + " (sửa)"  # change one existing document
    wb.save(xlsx)
    original = (root / "documents/data/documents.csv").read_text(encoding="utf-8").split("\n")

    result = import_workbook(xlsx, root=root)

    assert result.ok, [(p.cell, p.problem) for p in result.problems]
    text = (root / "documents/data/documents.csv").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[-3:] == [
        "ke-hoach-thu,01/KH-UBND,2024-03-05,Ủy ban nhân dân tỉnh Khánh Hòa,Kế hoạch thử,Test plan,plan,https://example.org/kh-01,,",
        "ke-hoach-thu-2,,2024-12-31,UBND,,,plan,,,",
        "",
    ]
    assert lines[1] == original[1].replace(",Luật Trẻ em,", ",Luật Trẻ em (sửa),")
    assert lines[2:-3] == original[2:-1]  # every other row is byte-identical
    assert str(result.changes["documents"]) == "2 thêm, 1 sửa, 0 xóa (2 added, 1 changed, 0 removed)"


@pytest.mark.parametrize("dataset", ALL)
def test_an_unchanged_template_imports_back_to_identical_bytes(root, tmp_path, dataset):
    before = snapshot(root)
    result = import_workbook(template(root, dataset, tmp_path), root=root)
    assert result.ok, [(p.cell, p.problem) for p in result.problems]
    assert snapshot(root) == before
    assert result.written == []
    assert {str(c) for c in result.changes.values()} == {"0 thêm, 0 sửa, 0 xóa (0 added, 0 changed, 0 removed)"}


def test_a_rewritten_file_keeps_every_untouched_line(root, tmp_path):
    """One value changed: the file is rewritten, and the diff is that one line (a table without a key: -1 +1)."""
    xlsx = template(root, "observations", tmp_path)
    original = (root / "observations/data/observations.csv").read_text(encoding="utf-8").split("\n")
    wb = load_workbook(xlsx)
    assert wb["observations"]["G3"].value == 5.4
    wb["observations"]["G3"] = "5,6"
    wb.save(xlsx)
    result = import_workbook(xlsx, root=root)
    assert result.ok, [(p.cell, p.problem) for p in result.problems]
    lines = (root / "observations/data/observations.csv").read_text(encoding="utf-8").split("\n")
    assert [i for i, (a, b) in enumerate(zip(original, lines)) if a != b] == [2]
    assert lines[2] == original[2].replace(",5.4,", ",5.6,", 1)
    assert len(lines) == len(original)
    assert str(result.changes["observations"]) == "1 thêm, 0 sửa, 1 xóa (1 added, 0 changed, 1 removed)"


# --- failing imports ---------------------------------------------------------------------------------------------
def test_a_failing_import_writes_nothing_and_names_each_cell(root, tmp_path):
    xlsx = template(root, "observations", tmp_path)
    wb = load_workbook(xlsx)
    ws = wb["observations"]
    ws["G5"] = "abc"                        # not a number: found while reading the workbook
    ws["F6"] = "nope"                       # not in the enum: found by the validator, mapped back to the cell
    ws.insert_rows(8, 2)                    # two blank rows: Excel rows no longer equal CSV rows
    ws["G12"] = "3"                         # a rate, fine …
    ws["J12"] = "children"                  # … but now a count below 5 that is not suppressed (privacy)
    ws["C14"] = "99"                        # not an area code (another dataset)
    wb.save(xlsx)
    before = snapshot(root)

    result = import_workbook(xlsx, root=root)

    assert not result.ok
    assert snapshot(root) == before
    cells = {(p.cell, p.problem.code) for p in result.problems}
    assert ("observations!G5", "excel-value-unparseable") in cells
    assert ("observations!F6", "constraint-error") in cells
    assert ("observations!G12", "small-count") in cells
    assert ("observations!C14", "foreign-key-external") in cells
    assert not any(code == "type-error" and cell == "observations!G5" for cell, code in cells)  # reported once
    assert all(p.cell.startswith("observations!") for p in result.problems)
    assert not any(p.cell.endswith(("8", "9")) and p.cell[-2].isalpha() for p in result.problems)  # blank rows skipped
    assert not untranslated(p.problem for p in result.problems)


def test_cli_import_failure_prints_cells_and_exit_code_1(root, tmp_path, monkeypatch):
    xlsx = template(root, "observations", tmp_path)
    wb = load_workbook(xlsx)
    wb["observations"]["G5"] = "590.467"
    wb.save(xlsx)
    monkeypatch.setattr("scripts.excel.importer.DATASETS", root)
    monkeypatch.setattr("scripts.excel.import_workbook.__defaults__", (None, root))
    out = CliRunner().invoke(main, ["import", str(xlsx), "--format", "json"])
    assert out.exit_code == 1, out.output
    report = json.loads(out.output)
    assert report["valid"] is False
    assert [(p["cell"], p["code"]) for p in report["problems"]] == [("observations!G5", "excel-number-ambiguous")]


def test_headers_and_sheets_must_match_the_schema(root, tmp_path):
    xlsx = template(root, "observations", tmp_path)
    wb = load_workbook(xlsx)
    wb["observations"]["I1"] = "trang_thai"
    wb["observations"]["S1"] = None
    wb["observations"]["S4"] = "ghi chú lạc cột"
    del wb["measures"]
    wb.save(xlsx)
    before = snapshot(root)
    result = import_workbook(xlsx, root=root)
    assert snapshot(root) == before
    found = {(p.cell, p.problem.code) for p in result.problems}
    assert ("observations!I1", "excel-header-mismatch") in found
    assert ("observations!1:1", "excel-header-mismatch") in found  # value_status is missing
    assert ("observations!S1", "excel-header-mismatch") in found  # data in a column without a name
    assert any(code == "excel-sheet-missing" for _, code in found)
    english = {(p.cell, p.problem.detail_en) for p in result.problems}
    assert any(cell == "observations!I1" and detail.startswith("column 'trang_thai' is not in the schema (the columns: ")
               for cell, detail in english)
    assert ("observations!1:1", "column 'value_status' is missing") in english
    assert ("observations!S1", "column S holds data (cell S2) but has no column name") in english
    assert ("", "no sheet 'measures' (the sheets: 'Hướng dẫn', 'observations', 'sources', '_danh_muc')") in english
    assert not untranslated(p.problem for p in result.problems)


def test_which_dataset_a_workbook_belongs_to(root, tmp_path):
    plain = Workbook()
    plain.active.title = "documents"
    plain.active.append(["document_id", "number", "date", "issuer", "title_vi", "title_en", "kind", "url", "note_vi",
                         "note_en"])
    plain.active.append(["x-1", None, "1/7/2025", "UBND", None, None, "plan", None, None, None])
    plain.save(tmp_path / "plain.xlsx")
    before = snapshot(root)
    result = import_workbook(tmp_path / "plain.xlsx", root=root)
    assert result.dataset == "documents"
    assert str(result.changes["documents"]).startswith("1 thêm, 0 sửa, 17 xóa")
    # Dropping the documents that programme-targets cites breaks the other dataset: blocked, nothing written.
    assert {(p.problem.dataset, p.problem.code) for p in result.problems} == {("programme-targets", "foreign-key-external")}
    assert snapshot(root) == before

    unknown = Workbook()
    unknown.active.title = "Sheet1"
    unknown.save(tmp_path / "unknown.xlsx")
    result = import_workbook(tmp_path / "unknown.xlsx", root=root)
    assert [p.problem.code for p in result.problems] == ["excel-dataset-unknown"]
    assert result.problems[0].problem.detail_en == "the sheet names match no dataset; use --dataset <name>"
    result = import_workbook(tmp_path / "unknown.xlsx", "no-such-dataset", root=root)
    assert [p.problem.code for p in result.problems] == ["excel-dataset-unknown"]
    assert result.problems[0].problem.detail_en == "no dataset 'no-such-dataset'"


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_is_a_problem_not_a_traceback(root, tmp_path, content):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    result = import_workbook(bad, root=root)
    assert [p.problem.code for p in result.problems] == ["excel-file-unreadable"]
    assert import_workbook(tmp_path / "missing.xlsx", root=root).problems[0].problem.code == "excel-file-unreadable"


def test_a_formula_without_a_computed_value_is_reported(root, tmp_path):
    xlsx = template(root, "observations", tmp_path)
    wb = load_workbook(xlsx)
    wb["observations"]["G3"] = "=5+0.4"  # written by openpyxl: no cached value, as if never opened in Excel
    wb.save(xlsx)
    result = import_workbook(xlsx, root=root)
    assert [(p.cell, p.problem.code) for p in result.problems] == [("observations!G3", "excel-value-unparseable")]
    assert result.problems[0].problem.message_in("en") == (
        "A cell's value cannot be understood: a formula without a computed value; open the file in Excel and save it "
        "again, or paste the values")


# --- the template ------------------------------------------------------------------------------------------------
def test_the_template_is_deterministic_and_complete(root, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert write_template("observations", a, root) == [] and write_template("observations", b, root) == []
    assert a.read_bytes() == b.read_bytes()
    wb = load_workbook(a)
    assert wb.sheetnames == [INSTRUCTIONS, "observations", "measures", "sources", LISTS]
    assert wb[LISTS].sheet_state == "hidden"
    assert wb.properties.identifier == "observations"
    ws = wb["observations"]
    assert [c.value for c in ws[1]][:3] == ["measure", "indicator_id", "area_code"]
    assert ws["F1"].comment.text.startswith("Giới tính / Sex")
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert validations["F2:F1048576"].startswith("'_danh_muc'!")           # sex: enum
    assert validations["A2:A1048576"] == "'measures'!$A$2:$A$1048576"      # measure: key of the measures sheet
    lists = {wb[LISTS].cell(1, c).value: [wb[LISTS].cell(r, c).value for r in range(2, wb[LISTS].max_row + 1)]
             for c in range(1, wb[LISTS].max_column + 1)}
    assert "58" in lists["admin-units/admin-units.code"]                   # area codes from another dataset
    assert "3b" in lists["programme-targets/indicators.indicator_id"]
    assert ws.column_dimensions["E"].number_format == "0"                  # year: integer
    assert isinstance(ws["E2"].value, int) and isinstance(ws["G3"].value, float)
    guide = " ".join(str(c.value) for row in wb[INSTRUCTIONS].iter_rows() for c in row if c.value)
    for needle in ("Điều 21", "56/2017/NĐ-CP Điều 33", "suppressed", "nhỏ hơn 5", "dd/mm/yyyy", "value_status"):
        assert needle in guide
    docs = load_workbook(template(root, "documents", tmp_path))["documents"]
    assert docs["C3"].number_format == "DD/MM/YYYY" and docs["C3"].is_date


def test_no_template_for_text_excel_cannot_hold(root, tmp_path):
    csv = root / "documents/data/documents.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Luật Trẻ em", "Luật\x01Trẻ em", 1), encoding="utf-8")
    problems = write_template("documents", tmp_path / "d.xlsx", root)
    assert [(p.code, p.resource, p.row, p.field) for p in problems] == [
        ("excel-value-unparseable", "documents", 2, "title_vi")]
    assert not (tmp_path / "d.xlsx").exists()


def test_cli_template_and_dry_run_import(tmp_path):
    out = tmp_path / "obs.xlsx"
    r = CliRunner().invoke(main, ["template", "observations", "-o", str(out)])
    assert r.exit_code == 0, r.output
    before = snapshot(DATASETS)
    r = CliRunner().invoke(main, ["import", str(out), "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "observations: 0 thêm, 0 sửa, 0 xóa (0 added, 0 changed, 0 removed)" in r.output
    assert snapshot(DATASETS) == before
    r = CliRunner().invoke(main, ["template", "no-such-dataset", "-o", str(tmp_path / "x.xlsx")])
    assert r.exit_code == 1 and "package-missing" in r.output


# --- normalisation, one value at a time --------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [
    ("12,5", "12.5"), ("12.5", "12.5"), (" 12,50 ", "12.50"), ("-3,5", "-3.5"), ("\u22123,5", "-3.5"), ("+7", "7"),
    ("590 467", "590467"), ("590\u00a0467,5", "590467.5"), ("1.234.567", "1234567"), ("1,234,567", "1234567"),
    ("1.234,5", "1234.5"), ("1,234.5", "1234.5"), ("0,125", "0.125"), ("0.125", "0.125"), ("12,3456", "12.3456"),
    ("96", "96"),
])
def test_numbers_typed_as_text(typed, expected):
    assert parse_number_text(typed) == expected


@pytest.mark.parametrize("typed", ["590.467", "1,250", "-1.000"])
def test_a_single_separator_before_three_digits_is_ambiguous(typed):
    with pytest.raises(Unparseable) as exc:
        parse_number_text(typed)
    assert exc.value.code == "excel-number-ambiguous"
    head, _, tail = typed.lstrip("-").replace(",", ".").partition(".")
    sign = "-" if typed.startswith("-") else ""
    assert exc.value.detail_en == f"'{typed}' is {sign}{head}{tail} or {sign}{head}.{tail}?"  # English decimals


@pytest.mark.parametrize("typed, expected", [("590.467", "590467"), ("1,250", "1250"), ("2024", "2024")])
def test_integers_have_no_decimals_so_one_separator_is_thousands(typed, expected):
    assert parse_number_text(typed, integer=True) == expected


@pytest.mark.parametrize("typed, integer", [("12,5%", False), ("abc", False), ("12 5", False), ("1.2.3,4,5", False),
                                            ("12,5", True), ("1.23", True), ("1 234.567.8", False), ("", False)])
def test_text_that_is_not_a_number(typed, integer):
    with pytest.raises(Unparseable) as exc:
        parse_number_text(typed, integer=integer)
    assert exc.value.code == "excel-value-unparseable"
    assert exc.value.detail_en and not vietnamese_outside_quotes(exc.value.detail_en), exc.value.detail_en


@pytest.mark.parametrize("value, ftype, fmt, expected", [
    (12.499999999999998, "number", "General", "12.5"),       # binary noise beyond Excel's 15 digits
    (0.1 + 0.2, "number", "General", "0.3"),
    (12.499999999, "number", "General", "12.499999999"),     # typed: kept
    (96, "number", "General", "96"),
    (25, "number", "0.0", "25.0"),                           # the decimals the cell shows
    (12.345, "number", "0.0", "12.345"),                     # never fewer digits than the value has
    (1e16, "number", "General", "10000000000000000"),
    (2024.0, "integer", "0", "2024"),
    (58, "string", "General", "58"),
    (True, "boolean", None, "true"),
    (0, "boolean", None, "false"),
    ("Có", "boolean", None, "true"),
    ("SAI", "boolean", None, "false"),
    (datetime(2024, 3, 5), "date", "DD/MM/YYYY", "2024-03-05"),
    ("05/03/2024", "date", None, "2024-03-05"),
    ("5-3-2024", "date", None, "2024-03-05"),
    ("2024-3-5", "date", None, "2024-03-05"),
    (nfd("  Trẻ em\r\nvùng khó khăn "), "string", None, "Trẻ em\nvùng khó khăn"),
    (None, "number", None, ""),
    ("   ", "integer", None, ""),
])
def test_cell_values(value, ftype, fmt, expected):
    assert normalise(value, ftype, {}, fmt) == expected


@pytest.mark.parametrize("value, ftype, fmt, data_type", [
    (12.5, "integer", "General", "n"),
    (0.125, "number", "0.0%", "n"),
    (datetime(2024, 3, 5), "number", "d/m", "d"),
    (datetime(2024, 3, 5, 14, 30), "date", "DD/MM/YYYY hh:mm", "d"),
    ("31/02/2024", "date", None, "s"),
    ("03/05/24", "date", None, "s"),
    (45356, "date", "General", "n"),
    ("maybe", "boolean", None, "s"),
    (True, "number", None, "b"),
    ("#N/A", "number", None, "e"),
    (float("nan"), "number", None, "n"),
])
def test_cell_values_that_are_reported(value, ftype, fmt, data_type):
    with pytest.raises(Unparseable) as exc:
        normalise(value, ftype, {}, fmt, data_type)
    assert exc.value.code == "excel-value-unparseable"
    assert exc.value.detail_en and not vietnamese_outside_quotes(exc.value.detail_en), exc.value.detail_en


# --- issue 15: files outside datasets/ -----------------------------------------------------------------------------
def test_import_refuses_a_symlinked_dataset_folder(root, tmp_path):
    """`import --dataset documents` where datasets/documents is a link to a folder elsewhere: nothing is written
    there (CI's find does not follow links, but someone running the import by hand would be writing outside)."""
    xlsx = template(root, "documents", tmp_path)
    wb = load_workbook(xlsx)
    wb["documents"].append(["ke-hoach-thu", None, "05/03/2024", "UBND", None, None, "plan", None, None])
    wb.save(xlsx)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(root / "documents", elsewhere)
    (root / "documents").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(elsewhere)

    result = import_workbook(xlsx, "documents", root=root)

    assert [(p.problem.code, p.problem.dataset) for p in result.problems] == [("path-unsafe", "documents")]
    assert result.written == []
    assert snapshot(elsewhere) == before
    assert write_template("documents", tmp_path / "again.xlsx", root)[0].code == "path-unsafe"
