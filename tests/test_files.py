"""Which files are read, and how (scripts/validate/files.py): paths that are refused, the size limit, the first line
that is not NFC, and line endings. Fast unit tests on files made in a temporary folder; the corpus of broken
datasets (tests/validation/) checks the same end to end."""
from __future__ import annotations

import os
import unicodedata

import pytest

from scripts.problems import Problem
from scripts.validate import files
from scripts.validate.files import (dataset_texts, inline_references, read_bytes, read_text, remote_references,
                                    resolve_resource_path, safe_file, unsafe_path)


@pytest.mark.parametrize("path", ["..\\x.csv", "data\\..\\..\\x.csv", "../x.csv", "data/../../x.csv"])
def test_a_path_going_up_is_refused_with_either_slash(path, tmp_path):
    assert unsafe_path(path) == {"detail": f"'{path}' chứa '..'", "detail_en": f"'{path}' contains '..'"}
    found, problems = safe_file("ds", tmp_path, path, resource="r", field="path")
    assert found is None and [(p.code, p.resource, p.field) for p in problems] == [("path-unsafe", "r", "path")]


NETWORK = ("là địa chỉ mạng; dữ liệu phải nằm trong kho", "is a network address; the data must be in the repository")
ABSOLUTE = ("là đường dẫn tuyệt đối", "is an absolute path")


@pytest.mark.parametrize("path, reason", [
    ("https://example.org/x.csv", NETWORK), ("//example.org/x.csv", NETWORK), ("file:x.csv", NETWORK),
    ("/etc/passwd", ABSOLUTE), ("\\\\server\\x.csv", ABSOLUTE)])
def test_an_address_or_an_absolute_path_is_refused(path, reason):
    assert unsafe_path(path) == {"detail": f"'{path}' {reason[0]}", "detail_en": f"'{path}' {reason[1]}"}


@pytest.mark.parametrize("path", ["C:\\x.csv", "c:/x.csv", "D:x.csv"])
def test_a_windows_drive_is_refused_as_a_path_on_a_computer_not_an_address(path):
    """A drive letter reads like a URL scheme ('c:'); the staff member who typed it is told it is a path on their
    computer, not a network address."""
    assert unsafe_path(path) == {"detail": f"'{path}' là đường dẫn tuyệt đối", "detail_en": f"'{path}' is an absolute path"}


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
    (tmp_path / "README.md").write_bytes(b"x" * (1024 * 1024))
    texts, problems = dataset_texts("ds", tmp_path)
    assert problems == [] and len(texts["README.md"]) == 1024 * 1024
    (tmp_path / "README.md").write_bytes(b"x" * (1024 * 1024 + 1))
    texts, problems = dataset_texts("ds", tmp_path)
    assert [(p.code, p.detail) for p in problems] == [
        ("file-too-large", "'README.md': 1.048.577 byte, giới hạn 1.048.576 byte")]


# --- what the staff member is told, in full ---------------------------------------------------------------------------
def test_each_refused_path_says_where_and_why(tmp_path):
    (tmp_path / "data" / "real").mkdir(parents=True)
    (tmp_path / "data" / "real" / "a.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "data" / "linked").symlink_to("real", target_is_directory=True)

    def refused(rel, code, detail):
        return None, [Problem("ds", resource="obs", field="path", code=code, detail=detail)]

    def check(rel):
        return safe_file("ds", tmp_path, rel, resource="obs", field="path")

    assert check("../x.csv") == refused("../x.csv", "path-unsafe", "'../x.csv' chứa '..'")
    assert check("data/x.csv") == refused("data/x.csv", "file-missing", "không có tệp 'data/x.csv'")
    assert check("data") == refused("data", "file-missing", "'data' không phải là một tệp")
    assert check("data/linked/a.csv") == refused("data/linked/a.csv", "path-unsafe",
                                                 "'data/linked' là liên kết tượng trưng; chép tệp thật vào thư mục bộ dữ liệu")


def test_a_file_named_without_resource_or_field_is_refused_with_neither(tmp_path):
    assert safe_file("ds", tmp_path, "x.csv") == (None, [Problem("ds", code="file-missing", detail="không có tệp 'x.csv'")])


def _swap_after_check(monkeypatch, target, swap):
    """Run `swap` right after safe_file has looked at `target` (the last step of the path): the file changes between
    the check and the use, as another process could make it."""
    real, done = os.lstat, []

    def lstat(path, *args, **kwargs):
        result = real(path, *args, **kwargs)
        if not done and os.fspath(path) == os.fspath(target):
            done.append(True)
            swap()
        return result

    monkeypatch.setattr(files.os, "lstat", lstat)


def test_a_file_swapped_for_a_link_out_of_the_folder_after_the_check_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "ds"
    (folder / "data").mkdir(parents=True)
    target = folder / "data" / "a.csv"
    target.write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("token\n", encoding="utf-8")

    def swap():
        target.unlink()
        target.symlink_to(tmp_path / "secret.csv")

    _swap_after_check(monkeypatch, target, swap)
    assert safe_file("ds", folder, "data/a.csv", resource="obs", field="path") == (None, [Problem(
        "ds", resource="obs", field="path", code="path-unsafe", detail="'data/a.csv' trỏ ra ngoài thư mục bộ dữ liệu")])


def test_a_file_removed_after_the_check_is_not_handed_out_and_is_said_to_be_missing(tmp_path, monkeypatch):
    """Not 'points outside the dataset folder', which would send the staff member looking for a link."""
    target = tmp_path / "a.csv"
    target.write_text("a\n1\n", encoding="utf-8")
    _swap_after_check(monkeypatch, target, target.unlink)
    path, problems = safe_file("ds", tmp_path, "a.csv", resource="obs", field="path")
    assert path is None and problems == [Problem("ds", resource="obs", field="path", code="file-missing",
                                                 detail="không có tệp 'a.csv'")]


def test_reading_never_follows_a_link_swapped_in_nor_waits_on_a_pipe(tmp_path):
    (tmp_path / "a.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(OSError):
        read_bytes(tmp_path / "link.csv")
    os.mkfifo(tmp_path / "pipe.csv")  # opened without blocking, then refused: the staff member reads its name
    with pytest.raises(OSError, match="^pipe.csv: not a regular file$"):
        read_bytes(tmp_path / "pipe.csv")
    assert read_bytes(tmp_path / "a.csv") == b"a\n1\n"


@pytest.mark.parametrize("path", [None, 3, "", "   "])
def test_a_resource_path_that_is_not_a_text_is_refused_with_an_example(path, tmp_path):
    assert resolve_resource_path("ds", "obs", tmp_path, path) == (None, [Problem(
        "ds", resource="obs", field="path", code="path-unsafe", detail="path phải là một chuỗi, ví dụ data/ten.csv")])


def test_a_non_standard_profile_is_named_in_its_first_80_characters_and_the_standard_one_given():
    profile = "https://example.org/" + "p" * 90
    assert remote_references("ds", {"profile": profile}, "obs") == [Problem(
        "ds", resource="obs", field="profile", code="path-unsafe",
        detail=f"profile 'https://example.org/{'p' * 60}' không phải hồ sơ chuẩn (frictionless sẽ tải hoặc đọc nó); "
               "dùng tabular-data-resource")]
    assert remote_references("ds", {"profile": "tabular-data-resource"}) == [Problem(
        "ds", field="profile", code="path-unsafe",
        detail="profile 'tabular-data-resource' không phải hồ sơ chuẩn (frictionless sẽ tải hoặc đọc nó); "
               "dùng tabular-data-package")]
    assert remote_references("ds", {"profile": "data-resource"}, "obs") == []
    assert remote_references("ds", {"profile": "data-package"}) == []


def test_a_schema_or_dialect_out_of_the_folder_is_refused_with_the_reason_and_the_package_has_neither():
    assert remote_references("ds", {"schema": "../s.json", "dialect": "/etc/d.json"}, "obs") == [
        Problem("ds", resource="obs", field="schema", code="path-unsafe", detail="'../s.json' chứa '..'"),
        Problem("ds", resource="obs", field="dialect", code="path-unsafe", detail="'/etc/d.json' là đường dẫn tuyệt đối")]
    # A package has no schema nor dialect of its own: frictionless never follows these keys on a package.
    assert remote_references("ds", {"schema": "https://example.org/s.json", "dialect": "../d.json"}) == []


def test_every_text_beside_the_descriptor_is_checked_and_one_too_large_is_not_forgotten(tmp_path):
    (tmp_path / "README.md").write_bytes(b"x" * (1024 * 1024 + 1))
    (tmp_path / "LICENSE").write_bytes(b"CC-BY-4.0\n")
    texts, problems = dataset_texts("ds", tmp_path)
    assert texts == {"LICENSE": b"CC-BY-4.0\n"}
    assert problems == [Problem("ds", resource="README.md", code="file-too-large",
                                detail="'README.md': 1.048.577 byte, giới hạn 1.048.576 byte")]


LONG = "schemas/" + "s" * 100 + ".json"


def test_schemas_and_dialects_given_as_paths_are_read_in_place_or_each_refused_with_where_and_why(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "dialect.json").write_text('{"delimiter": ";"}', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{x", encoding="utf-8")
    (tmp_path / LONG).write_bytes(b"\xff{}")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "big.json").write_bytes(b" " * (1024 * 1024 + 1))
    descriptor = {"resources": [
        "not a resource",
        {"name": "c", "schema": "list.json", "dialect": "list.json"},
        {"name": "a", "schema": "missing.json", "dialect": "dialect.json"},
        {"name": "b", "schema": LONG, "dialect": "broken.json"},
        {"schema": "missing.json"},
        {"name": "d", "schema": "broken.json", "dialect": "dialect.json"},
        {"name": "e", "schema": "deep.json", "dialect": "big.json"},
        {"name": "f", "schema": "https://example.org/s.json", "dialect": {"delimiter": ","}},
    ]}
    problems = inline_references("ds", descriptor, tmp_path)
    assert problems == [
        Problem("ds", resource="c", field="schema", code="schema-invalid", detail="'list.json' phải là một đối tượng JSON {…}"),
        Problem("ds", resource="c", field="dialect", code="package-invalid", detail="'list.json' phải là một đối tượng JSON {…}"),
        Problem("ds", resource="a", field="schema", code="file-missing", detail="không có tệp 'missing.json'"),
        Problem("ds", resource="b", field="schema", code="encoding-not-utf8",
                detail=f"'schemas/{'s' * 100}.json': 'utf-8' codec can't decode byte 0xff in pos"),
        Problem("ds", resource="b", field="dialect", code="package-invalid",
                detail="'broken.json' dòng 1, cột 2: Expecting property name enclosed in double quotes"),
        Problem("ds", resource="", field="schema", code="file-missing", detail="không có tệp 'missing.json'"),
        Problem("ds", resource="d", field="schema", code="schema-invalid",
                detail="'broken.json' dòng 1, cột 2: Expecting property name enclosed in double quotes"),
        Problem("ds", resource="e", field="schema", code="schema-invalid", detail="'deep.json' phải là một đối tượng JSON {…}"),
        Problem("ds", resource="e", field="dialect", code="file-too-large",
                detail="'big.json': 1.048.577 byte, giới hạn 1.048.576 byte"),
    ]
    assert len(problems[3].detail) == 160
    resources = descriptor["resources"]
    # what could be read is put in place of its path; what could not stays a path (its problem says to skip it)
    assert resources[2] == {"name": "a", "schema": "missing.json", "dialect": {"delimiter": ";"}}
    assert resources[5] == {"name": "d", "schema": "broken.json", "dialect": {"delimiter": ";"}}
    assert resources[7] == {"name": "f", "schema": "https://example.org/s.json", "dialect": {"delimiter": ","}}


def test_each_problem_of_a_data_file_names_the_dataset_resource_row_and_what_is_wrong(tmp_path):
    f = tmp_path / "x.csv"

    def said(content: bytes, max_bytes: int = 1000):
        f.write_bytes(content)
        return read_text("ds", "obs", f, max_bytes=max_bytes)

    assert said(b"a\n1\n", max_bytes=3) == (None, [Problem("ds", resource="obs", code="file-too-large",
                                                           detail="4 byte, giới hạn 3 byte")])
    assert said(b"") == (None, [Problem("ds", resource="obs", code="file-empty")])
    assert said(b" \n") == (None, [Problem("ds", resource="obs", code="file-empty")])
    assert said(b"x") == ("x", [])  # one byte is not empty
    assert said(b"\xef\xbb\xbfa\n1\n") == (None, [Problem("ds", resource="obs", row=1, code="encoding-bom",
                                                         detail="3 byte EF BB BF ở đầu tệp")])
    assert said(b"a,b\n1,\xff\n") == (None, [Problem("ds", resource="obs", row=2, code="encoding-not-utf8",
                                                     detail="byte 0xFF ở vị trí 6 không phải UTF-8")])


def test_a_long_line_that_is_not_nfc_is_shown_in_its_first_60_characters(tmp_path):
    line = unicodedata.normalize("NFD", "Tỉnh Ninh Thuận sáp nhập vào tỉnh Khánh Hòa từ ngày 1 tháng 7 năm 2025")
    assert len(line) > 61
    f = tmp_path / "x.csv"
    f.write_text(f"note\n{line}\n", encoding="utf-8")
    text, problems = read_text("ds", "obs", f)
    assert problems == [Problem("ds", resource="obs", row=2, code="text-not-nfc", detail=line[:60])]
