"""Which files are read, and how (scripts/validate/files.py): paths that are refused, the size limit, the first line
that is not NFC, and line endings. Fast unit tests on files made in a temporary folder; the corpus of broken
datasets (tests/validation/) checks the same end to end."""
from __future__ import annotations

import unicodedata

import pytest

from scripts.validate.files import read_text, remote_references, safe_file, unsafe_path


@pytest.mark.parametrize("path", ["..\\x.csv", "data\\..\\..\\x.csv", "../x.csv", "data/../../x.csv"])
def test_a_path_going_up_is_refused_with_either_slash(path, tmp_path):
    assert unsafe_path(path) == f"'{path}' chứa '..'"
    found, problems = safe_file("ds", tmp_path, path, resource="r", field="path")
    assert found is None and [(p.code, p.resource, p.field) for p in problems] == [("path-unsafe", "r", "path")]


NETWORK = "là địa chỉ mạng; dữ liệu phải nằm trong kho"


@pytest.mark.parametrize("path, reason", [
    ("https://example.org/x.csv", NETWORK), ("//example.org/x.csv", NETWORK), ("file:x.csv", NETWORK),
    ("/etc/passwd", "là đường dẫn tuyệt đối"), ("\\\\server\\x.csv", "là đường dẫn tuyệt đối")])
def test_an_address_or_an_absolute_path_is_refused(path, reason):
    assert unsafe_path(path) == f"'{path}' {reason}"


@pytest.mark.parametrize("path", ["C:\\x.csv", "c:/x.csv", "D:x.csv"])
def test_a_windows_drive_is_refused_as_a_path_on_a_computer_not_an_address(path):
    """A drive letter reads like a URL scheme ('c:'); the staff member who typed it is told it is a path on their
    computer, not a network address."""
    assert unsafe_path(path) == f"'{path}' là đường dẫn tuyệt đối"


@pytest.mark.parametrize("path", ["data/x.csv", "x..csv", "data/..x/y.csv"])
def test_a_plain_path_inside_the_folder_is_accepted(path):
    assert unsafe_path(path) is None


def test_a_missing_file_is_missing_and_a_folder_is_not_a_file(tmp_path):
    (tmp_path / "data").mkdir()
    assert [p.code for p in safe_file("ds", tmp_path, "data/x.csv")[1]] == ["file-missing"]
    assert [p.code for p in safe_file("ds", tmp_path, "data")[1]] == ["file-missing"]
    (tmp_path / "data" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    assert safe_file("ds", tmp_path, "data/x.csv") == (tmp_path / "data" / "x.csv", [])


def test_a_schema_or_dialect_given_as_an_address_is_refused_and_an_object_is_not():
    problems = remote_references("ds", {"schema": "https://example.org/s.json", "dialect": {"delimiter": ","}}, "r")
    assert [(p.code, p.field) for p in problems] == [("path-unsafe", "schema")]
    assert remote_references("ds", {"profile": "tabular-data-package"}) == []
    assert [p.field for p in remote_references("ds", {"profile": "https://example.org/p.json"})] == ["profile"]


# --- reading a data file ---------------------------------------------------------------------------------------------
def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(b"a\n" + b"1" * 7 + b"\n")  # 10 bytes
    text, problems = read_text("ds", "r", f, max_bytes=10)
    assert (text, problems) == ("a\n1111111\n", [])
    text, problems = read_text("ds", "r", f, max_bytes=9)
    assert text is None and [(p.code, p.detail) for p in problems] == [("file-too-large", "10 byte, giới hạn 9 byte")]


def test_only_the_first_line_that_is_not_nfc_is_reported(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Khánh Hòa")
    f = tmp_path / "x.csv"
    f.write_text(f"name\nNinh Thuận\n{decomposed}\n{decomposed}\n", encoding="utf-8")
    text, problems = read_text("ds", "r", f)
    assert [(p.code, p.row, p.detail) for p in problems] == [("text-not-nfc", 3, decomposed)]


def test_mixed_line_endings_are_refused_unless_the_bare_ones_are_inside_quoted_cells(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(b'a,b\r\n1,"two\nlines"\r\n')  # a cell may hold a line break
    assert read_text("ds", "r", f)[1] == []
    f.write_bytes(b"a,b\r\n1,2\n3,4\r\n")
    assert [(p.code, p.detail) for p in read_text("ds", "r", f)[1]] == [("line-endings-mixed", "2 CRLF, 1 LF, 0 CR")]
    f.write_bytes(b"a,b\r1,2\r\n")
    assert [(p.code, p.detail) for p in read_text("ds", "r", f)[1]] == [("line-endings-mixed", "1 CRLF, 0 LF, 1 CR")]
    f.write_bytes(b"a,b\r\n1,2\r\n")
    assert read_text("ds", "r", f)[1] == []


def test_a_readme_over_one_mebibyte_is_refused_with_its_size_written_the_vietnamese_way(tmp_path):
    from scripts.validate.files import dataset_texts

    (tmp_path / "README.md").write_bytes(b"x" * (1024 * 1024))
    texts, problems = dataset_texts("ds", tmp_path)
    assert problems == [] and len(texts["README.md"]) == 1024 * 1024
    (tmp_path / "README.md").write_bytes(b"x" * (1024 * 1024 + 1))
    texts, problems = dataset_texts("ds", tmp_path)
    assert [(p.code, p.detail) for p in problems] == [
        ("file-too-large", "'README.md': 1.048.577 byte, giới hạn 1.048.576 byte")]
