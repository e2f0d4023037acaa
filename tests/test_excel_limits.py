"""The Excel import reads every row or refuses, and refuses hostile workbooks before openpyxl parses anything
(issue 15, findings 2 and 3).

The hostile workbooks are SYNTHETIC, made here from a real template (scripts/hostile_workbooks.py), each just over
the limit it tests (the full-size ones of the issue, 1 GiB of strings and a million rows, are measured by
`make bench`: import-hostile-max-seconds and import-hostile-max-rss-mb). No test here is timed.
"""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from scripts import hostile_workbooks as hostile
from scripts.excel import import_workbook, write_template
from scripts.excel_limits import MIB, Limits
from scripts.paths import DATASETS
from tests.problem_language import untranslated

LIMITS = Limits()
NEW = [["ke-hoach-thu-1", "", "05/03/2024", "UBND", "", "", "plan", "", ""],
       ["ke-hoach-thu-2", "", "06/03/2024", "UBND", "", "", "plan", "", ""],
       ["ke-hoach-thu-3", "", "07/03/2024", "UBND", "", "", "plan", "", ""]]


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("limits") / "datasets"
    shutil.copytree(DATASETS, dst, ignore=shutil.ignore_patterns("*.xlsx"))
    return dst


@pytest.fixture(scope="module")
def template(root, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("template") / "documents.xlsx"
    assert write_template("documents", out, root) == []
    return out


@pytest.fixture
def no_openpyxl(monkeypatch):
    """Fail if openpyxl is asked to open the workbook: the limits must refuse it first."""
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl parsed a workbook the limits should have refused")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def dimension(xlsx: Path, part: str = "xl/worksheets/sheet2.xml") -> str:
    with zipfile.ZipFile(xlsx) as z:
        return re.search(rb'<dimension ref="([^"]*)"', z.read(part)).group(1).decode()


def codes(result) -> list[tuple[str, str]]:
    assert not untranslated(p.problem for p in result.problems)  # every limit is said in English too
    return sorted((p.problem.code, p.cell) for p in result.problems)


# --- every row or a refusal ------------------------------------------------------------------------------------------
def test_rows_after_a_stale_dimension_all_arrive(root, template, tmp_path):
    xlsx = hostile.added_rows(template, tmp_path / "stale.xlsx", "documents", NEW)
    declared = dimension(template)
    last = int(re.search(r"(\d+)$", declared).group(1))  # the template's last row: the new rows lie below it
    assert dimension(xlsx) == declared
    assert openpyxl.load_workbook(xlsx, read_only=True)["documents"].max_row == last  # what openpyxl believes
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert result.ok, codes(result)
    assert str(result.changes["documents"]) == "3 thêm, 0 sửa, 0 xóa (3 added, 0 changed, 0 removed)"


def test_rows_openpyxl_would_skip_are_a_problem_not_a_loss(root, template, tmp_path):
    """Rows numbered backwards (row 20 before row 19): openpyxl skips the second one. The rows read are compared
    with the sheet's real extent, so the import refuses instead of dropping it."""
    xlsx = hostile.added_rows(template, tmp_path / "backwards.xlsx", "documents", NEW[:2], numbers=[20, 19])
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert codes(result) == [("excel-rows-not-read", "documents")]
    assert "19 dòng" in result.problems[0].problem.detail and "20 dòng" in result.problems[0].problem.detail


def test_rows_and_cells_without_numbers_all_arrive(root, template, tmp_path):
    """Some programs write <row> and <c> without their r attribute (the position is then implied): the scan counts
    them the way openpyxl places them."""
    stale = hostile.added_rows(template, tmp_path / "stale.xlsx", "documents", NEW)
    part = hostile.read_package(stale).sheets["documents"]
    def strip(xml: bytes):  # every row's number, and the numbers of the header's cells (all nine are there)
        yield re.sub(rb'(<row) r="[0-9]+"|(<c) r="[A-Z]+1"', lambda m: m.group(1) or m.group(2), xml)

    xlsx = hostile._copy(stale, tmp_path / "unnumbered.xlsx", {part: strip})
    with zipfile.ZipFile(xlsx) as z:
        xml = z.read(part)
    assert b'<row r="' not in xml and b'<c r="A1"' not in xml and b'<c r="A2"' in xml
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert result.ok, codes(result)
    assert str(result.changes["documents"]) == "3 thêm, 0 sửa, 0 xóa (3 added, 0 changed, 0 removed)"


# --- limits before parsing -------------------------------------------------------------------------------------------
def test_a_declared_dimension_of_the_whole_sheet_is_refused(root, template, tmp_path, no_openpyxl):
    xlsx = hostile.huge_dimension(template, tmp_path / "xfd.xlsx", "documents")
    assert xlsx.stat().st_size < 64_000  # the template, about 30 KB, and one cell
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert codes(result) == [("excel-too-many-rows", "documents")]
    assert "A1:XFD1048576" in result.problems[0].problem.detail


def test_a_cell_far_beyond_the_template_columns_is_refused(root, template, tmp_path, no_openpyxl):
    xlsx = hostile.cell_in_last_column(template, tmp_path / "wide.xlsx", "documents")
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert codes(result) == [("excel-too-many-columns", "documents")]
    assert "XFD19" in result.problems[0].problem.detail


def test_a_few_columns_beyond_the_template_are_still_named(root, template, tmp_path):
    """Up to extra_columns more columns are read, so a column someone added is reported by its header."""
    rows = [["ke-hoach-thu-1", "", "05/03/2024", "UBND", "", "", "plan", "", "", "", "", "", "ghi chú lạc cột"]]
    xlsx = hostile.added_rows(template, tmp_path / "extra.xlsx", "documents", rows)
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert codes(result) == [("excel-header-mismatch", "documents!M1")]


def test_more_rows_than_the_limit_are_refused_before_parsing(root, template, tmp_path, no_openpyxl):
    """The template's rows and as many again as the limit (make bench imports a million)."""
    xlsx = hostile.many_rows(template, tmp_path / "rows.xlsx", "documents", LIMITS.rows)
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert codes(result) == [("excel-too-many-rows", "documents")]


def test_shared_strings_over_the_limit_are_refused_before_parsing(root, template, tmp_path, no_openpyxl):
    xlsx = hostile.shared_strings(template, tmp_path / "sst.xlsx", LIMITS.shared_strings_bytes + MIB)
    assert xlsx.stat().st_size < 2 * MIB
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert {c for c, _ in codes(result)} == {"excel-shared-strings-too-large", "excel-compression-suspicious"}


def test_inline_strings_over_the_limit_are_refused_before_parsing(root, template, tmp_path, no_openpyxl):
    xlsx = hostile.inline_strings(template, tmp_path / "inline.xlsx", "documents", LIMITS.unpacked_bytes + MIB)
    assert xlsx.stat().st_size < 2 * MIB
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert {c for c, _ in codes(result)} == {"excel-unpacked-too-large", "excel-compression-suspicious"}


def test_a_part_that_understates_its_size_is_never_unpacked_past_it(root, template, tmp_path, no_openpyxl):
    """The limits read sizes from the zip's directory. A part whose directory entry claims 64 KB while it holds
    257 MiB passes them, but zipfile stops at the size claimed and then fails on the checksum: refused, unread."""
    xlsx = hostile.inline_strings(template, tmp_path / "liar.xlsx", "documents", LIMITS.unpacked_bytes + MIB)
    part = hostile.read_package(xlsx).sheets["documents"].encode()
    data = bytearray(xlsx.read_bytes())
    entry = data.find(b"PK\x01\x02")
    while entry != -1 and data[entry + 46: entry + 46 + len(part)] != part:
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert entry != -1
    data[entry + 24: entry + 28] = (64 * 1024).to_bytes(4, "little")  # the uncompressed size it claims
    xlsx.write_bytes(bytes(data))
    with zipfile.ZipFile(xlsx) as z:
        assert z.getinfo(part.decode()).file_size == 64 * 1024
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert codes(result) == [("excel-file-unreadable", "documents")]
    assert "CRC" in result.problems[0].problem.detail


def test_too_many_parts_are_refused_before_parsing(root, template, tmp_path, no_openpyxl, monkeypatch):
    """Counted from the zip's end record: zipfile itself reads the whole directory into memory (seconds and hundreds
    of megabytes for a few hundred thousand parts), so it is not even opened."""
    xlsx = hostile.many_parts(template, tmp_path / "parts.xlsx", LIMITS.parts + 1)

    def refuse(*args, **kwargs):
        raise AssertionError("zipfile read the directory of a zip with too many parts")
    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    result = import_workbook(xlsx, "documents", root=root, write=False)
    assert codes(result) == [("excel-too-many-parts", "")]


def test_a_file_over_the_size_limit_is_not_opened(root, tmp_path, no_openpyxl):
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as fh:  # sparse: costs no disk
        fh.truncate(LIMITS.file_bytes + 1)
    result = import_workbook(big, "documents", root=root, write=False)
    assert codes(result) == [("excel-file-too-large", "")]


def test_every_limit_is_a_setting(root, template, tmp_path):
    """The same template, imported under a smaller rows limit, is refused: the limit comes from Limits."""
    assert import_workbook(template, "documents", root=root, write=False).ok
    result = import_workbook(template, "documents", root=root, write=False, limits=Limits(rows=5))
    assert codes(result) == [("excel-too-many-rows", "documents")]


def test_the_parts_are_counted_in_a_zip64_directory_too(template, tmp_path):
    """Past 65,535 parts the end record holds 0xFFFF and the real count is in the zip64 record."""
    from scripts.excel_limits import _directory_size

    with zipfile.ZipFile(template) as z:
        own = len(z.infolist())
    xlsx = hostile.many_parts(template, tmp_path / "zip64.xlsx", 70_000)
    tail = xlsx.read_bytes()[-22:]
    assert tail[:4] == b"PK\x05\x06" and tail[10:12] == b"\xff\xff"  # the plain record cannot say it
    entries, size = _directory_size(xlsx)
    assert entries == own + 70_000 and size > 70_000 * 46  # 46 bytes and the name, for each part
