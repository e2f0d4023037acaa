"""`python -m scripts validate` as people and CI run it: exit codes, every output format, never a traceback."""
from __future__ import annotations

import hashlib
import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "validation" / "cases"
# A few broken cases of different kinds (file bytes, descriptor, security, privacy) and the code each must show.
BROKEN = {
    "descriptor-json-malformed": "package-json-invalid",
    "csv-windows-1258": "encoding-not-utf8",
    "path-url-not-fetched": "path-unsafe",
    "formula-hyperlink": "formula-cell",
    "html-script-in-title": "html-in-text",
    "small-count": "small-count",
}


def validate(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="250", PYTHONDONTWRITEBYTECODE="1")  # wide enough that rich never folds a code
    return subprocess.run([sys.executable, "-m", "scripts", "validate", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def assert_no_traceback(run: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr


def test_shipped_datasets_exit_0():
    run = validate()
    assert_no_traceback(run)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "hợp lệ" in run.stdout


@pytest.fixture(scope="module")
def broken() -> list[str]:
    return [str(CASES / name) for name in BROKEN]


def test_broken_cases_table(broken):
    run = validate(*broken)
    assert_no_traceback(run)
    assert run.returncode == 1
    for code in BROKEN.values():
        assert code in run.stdout, f"{code} missing from the table output:\n{run.stdout}"


def test_broken_cases_json(broken):
    run = validate(*broken, "--format", "json")
    assert_no_traceback(run)
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["valid"] is False and report["count"] == len(report["problems"])
    found = {(p["dataset"], p["code"]) for p in report["problems"]}
    for name, code in BROKEN.items():
        assert (name, code) in found, f"{name}: {code} missing from {sorted(found)}"
    assert all(p["hint"] and p["message"] for p in report["problems"])


def test_broken_cases_markdown_is_a_table_without_live_html(broken):
    run = validate(*broken, "--format", "markdown")
    assert_no_traceback(run)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert "| # | Mã lỗi | Vị trí | Lỗi | Cách sửa |" in lines and "|---|---|---|---|---|" in lines
    rows = [line for line in lines if line.startswith("| ") and line[2:3].isdigit()]
    assert len(rows) >= len(BROKEN)
    for code in BROKEN.values():
        assert f"`{code}`" in run.stdout
    # a pull-request comment must not carry the dataset's HTML live: it is shown as code (scripts/inert.py)
    from markdown_it import MarkdownIt

    inline = [c for t in MarkdownIt("commonmark").enable("table").parse(run.stdout) for c in t.children or []]
    assert any(c.type == "code_inline" and "<script" in c.content for c in inline)
    assert not [c for c in inline if c.type == "html_inline" or (c.type == "text" and "<script" in c.content)]


def test_cross_dataset_case_and_missing_folder():
    case = CASES / "foreign-key-external-unknown-area"
    run = validate(str(case / "admin-units"), str(case / "observations"), str(ROOT / "khong-co-thu-muc-nay"),
                   "--format", "json")
    assert_no_traceback(run)
    assert run.returncode == 1
    codes = {(p["dataset"], p["code"]) for p in json.loads(run.stdout)["problems"]}
    assert codes == {("observations", "foreign-key-external"), ("khong-co-thu-muc-nay", "package-missing")}


# --- readable in an 80-column terminal and in a CI log (issue 18) ---------------------------------------------------
LONG_CODES = ["foreign-key-external-unknown-area", "field-description-missing", "suppressed-value-present",
              "header-missing-label", "target-direction-mismatch"]


def _on_a_terminal(columns: int, *args: str) -> str:
    """The command's output as a terminal of `columns` shows it (a pseudo-terminal; styles removed)."""
    import pty
    import re

    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS=str(columns), LINES="50", TERM="xterm", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen([sys.executable, "-m", "scripts", "validate", *args], cwd=ROOT, env=env,
                            stdout=slave, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=120)
    os.close(master)
    return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", out.decode("utf-8")).replace("\r\n", "\n")


def _codes(*names: str) -> set[str]:
    from scripts.validate import validate_paths

    return {p.code for p in validate_paths([CASES / n for n in names]).problems}


def test_an_80_column_terminal_never_cuts_a_code():
    text = _on_a_terminal(80, *(str(CASES / n) for n in LONG_CODES))
    assert_no_traceback(subprocess.CompletedProcess([], 1, text, ""))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    shown = {line.split("] ", 1)[1].strip() for line in lines if line.startswith("[") and "] " in line}
    assert shown == _codes(*LONG_CODES)  # each code whole, on its own line
    assert "Cách sửa:" in text and "╇" not in text  # blocks, not a table squeezed into 80 columns


def test_a_wide_terminal_gets_the_table():
    text = _on_a_terminal(160, *(str(CASES / n) for n in LONG_CODES))
    assert "Mã lỗi" in text and "┃" in text
    for code in _codes(*LONG_CODES):
        assert code in text  # never folded: the code column does not wrap


def test_a_log_gets_plain_lines_that_nothing_in_the_data_can_start(tmp_path):
    """Not a terminal (CI, a pipe): one block per problem, no box drawing, no wrapping; a line break in a value is
    shown as \\n, so text from a dataset never starts a line (a GitHub workflow command starts with '::')."""
    case = tmp_path / "formula-hyperlink"
    case.mkdir()
    (case / "datapackage.json").write_bytes((CASES / "formula-hyperlink" / "datapackage.json").read_bytes())
    (case / "data").mkdir()
    (case / "data" / "counts.csv").write_text('area_code,year,value,unit,note\n58,2015,12.5,percent,"=x\n::error::gia mao"\n',
                                              encoding="utf-8")
    run = validate(str(case), *(str(CASES / n) for n in LONG_CODES))
    assert_no_traceback(run)
    lines = run.stdout.splitlines()
    assert lines[0].endswith("lỗi cần sửa — không có gì được công bố")
    assert not any(line.startswith("::") for line in lines)
    assert "=x\\n::error::gia mao" in run.stdout
    assert not set("┃│┏━") & set(run.stdout)
    blocks = [line for line in lines if line.startswith("[")]
    assert [b.split("] ", 1)[1] for b in blocks] == [p for p in _sorted_codes(case)]
    first = lines.index(blocks[0])
    assert [line.split(":", 1)[0].strip() for line in lines[first + 1:first + 4]] == ["Vị trí", "Lỗi", "Cách sửa"]


def _sorted_codes(case: Path) -> list[str]:
    from scripts.validate import validate_paths

    return [p.code for p in validate_paths([case] + [CASES / n for n in LONG_CODES]).problems]


def test_validate_accepts_a_zip(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "small-count.zip", "w") as z:
        for f in (CASES / "small-count").rglob("*"):
            if f.is_file() and f.name != "expected.json":
                z.write(f, f.relative_to(CASES / "small-count"))
    run = validate(str(tmp_path / "small-count.zip"), "--format", "json")
    assert run.returncode == 1
    assert [(p["dataset"], p["code"], p["row"]) for p in json.loads(run.stdout)["problems"]] == [
        ("small-count", "small-count", 3), ("small-count", "small-count", 4)]


# --- no Python repr in any detail (issue 18) -------------------------------------------------------------------------
REPR = re.compile(r"\['|\{'|': |', '|<class |\bTrue\b|\bFalse\b|\bNone\b")


def test_no_detail_is_a_python_repr():
    """Every case of the corpus: details read as text and JSON, never as Python prints its values."""
    from scripts.validate import validate_paths

    cases = sorted(p for p in CASES.iterdir() if p.is_dir())
    problems = validate_paths(cases).problems
    assert len(problems) > 100
    bad = [(p.dataset, p.code, p.detail) for p in problems if REPR.search(p.detail) or REPR.search(p.field)]
    assert bad == []


def test_details_read_like_sentences():
    from scripts.validate import validate_paths

    def details(name: str) -> list[str]:
        case = CASES / name
        folders = [case / "admin-units", case / "observations"] if (case / "admin-units").is_dir() else [case]
        return sorted(p.detail for p in validate_paths(folders).problems)

    assert details("enum-value-unknown") == ["'phần trăm' — không thuộc danh sách cho phép: percent, children, cases"]
    assert details("required-value-missing") == ["bắt buộc có giá trị"]
    assert details("foreign-key-internal") == ["area_code = '99' → areas.code: không có trong bảng được tham chiếu"]
    assert details("foreign-key-external-package-absent") == [
        "area_code → admin-units/admin-units.code: bộ dữ liệu admin-units không nằm cạnh bộ foreign-key-external-package-absent"]
    assert details("external-foreign-keys-not-a-list") == [
        "mỗi khóa phải là một đối tượng {fields, reference}, không phải 5"]
    assert details("schema-field-name-not-a-string") == [
        '["note"] is not of type "string" at property "name"', "tên cột '[\"note\"]' phải dạng chu_thuong_gach_duoi"]
    assert details("bytes-declared-wrong") == ["khai báo 3 byte, tệp có 120 byte"]
    actual = hashlib.sha256((CASES / "hash-declared-wrong" / "data" / "counts.csv").read_bytes()).hexdigest()
    assert details("hash-declared-wrong") == [f"khai báo sha256 {'0' * 64}, tệp có sha256 {actual}"]


# --- the language of the messages: --lang, else the locale -----------------------------------------------------------
def validate_in(environ: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(environ, COLUMNS="250", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


SMALL = str(CASES / "small-count")


def test_lang_en_says_everything_the_command_line_writes_in_english():
    run = validate_in({"LANG": "C.UTF-8"}, "--lang", "en", "validate", SMALL)
    assert_no_traceback(run)
    assert run.returncode == 1
    assert "problems to fix — nothing is published" in run.stdout
    assert re.search(r"Where: +small-count › observations › row \d+ › column value", run.stdout), run.stdout
    assert "Problem:" in run.stdout and "How to fix:" in run.stdout
    assert "Vị trí" not in run.stdout and "Cách sửa" not in run.stdout and "dòng" not in run.stdout


def test_the_locale_chooses_the_language_vietnamese_unless_it_is_english():
    english = validate_in({"LANG": "en_GB.UTF-8"}, "validate", SMALL)
    assert "problems to fix" in english.stdout and "Cách sửa" not in english.stdout
    for locale in ({"LANG": "C.UTF-8"}, {"LANG": "vi_VN.UTF-8"}, {}, {"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}):
        run = validate_in(locale, "validate", SMALL)
        assert "lỗi cần sửa — không có gì được công bố" in run.stdout, locale
        assert re.search(r"Vị trí: +small-count › observations › dòng \d+ › cột value", run.stdout), locale
    assert "✓ The data are valid: no problems." in validate_in({"LANG": "C"}, "--lang", "en", "validate").stdout


def test_json_carries_each_message_in_both_languages():
    from scripts.problems import CODES

    run = validate_in({"LANG": "en_US.UTF-8"}, "validate", SMALL, "--format", "json")
    problem = next(p for p in json.loads(run.stdout)["problems"] if p["code"] == "small-count")
    code = CODES["small-count"]
    assert (problem["title_vi"], problem["title_en"]) == (code.title_vi, code.title_en)
    assert (problem["hint_vi"], problem["hint_en"]) == (code.hint_vi, code.hint_en)
    assert problem["message_vi"].startswith(code.title_vi) and problem["message_en"].startswith(code.title_en)
    assert problem["message"] == problem["message_vi"]  # the field readers of 1.x used, unchanged


def test_json_in_english_says_the_detail_in_english():
    from scripts.problems import CODES, Problem
    from tests.problem_language import untranslated

    run = validate_in({}, "--lang", "en", "validate", str(CASES / "area-district-code-in-2026"), "--format", "json")
    problems = json.loads(run.stdout)["problems"]
    title = CODES["area-not-valid-for-year"].title_en
    assert {(p["detail"], p["message_en"]) for p in problems} == {
        ("58 năm 2026", f"{title}: 58 in 2026"), ("582 năm 2026", f"{title}: 582 in 2026")}
    assert all(p["message_vi"].endswith(p["detail"]) for p in problems)
    table = validate_in({}, "--lang", "en", "validate", str(CASES / "area-district-code-in-2026"))
    assert "58 in 2026" in table.stdout and "năm" not in table.stdout
    assert not untranslated([Problem(**{k: p[k] for k in ("dataset", "resource", "row", "field", "code", "detail",
                                                          "detail_en")}) for p in problems])
