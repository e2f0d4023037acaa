"""`python -m scripts validate` as people and CI run it: exit codes, every output format, never a traceback."""
from __future__ import annotations

import json
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
