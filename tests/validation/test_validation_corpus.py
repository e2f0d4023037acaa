"""The corpus of broken and hostile datasets: every case must end in the exact coded problems, never a traceback.

Each folder under cases/ is one case, named for what it shows. It holds either one dataset (datapackage.json and
data/) or several dataset folders validated together (for rules across datasets), and an expected.json:

    [["code", "resource", row, "field"], ...]                    the exact problems, in any order
    {"why": "...", "validate": ["admin-units", "observations"],  or an object: which subfolders to validate,
     "options": {"today": "2026-06-01", "max_bytes": 64, "min_count": 5}, "problems": [...]}

A problem may carry a fifth element, the dataset, when the case validates several. Adding a case is adding a folder.
All data in the cases is synthetic. Cases that cannot be committed as files (a symlink out of the repository, a file
over the real size limit, a named pipe) are built in tmp_path below.
"""
from __future__ import annotations

import json
import os
import socket
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from scripts.problems import CODES
from scripts.validate import INTERNAL, validate_datasets
from tests.problem_language import untranslated

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir())
TODAY = date(2026, 6, 1)  # fixed, so "a year in the future" does not change with the calendar

# Codes the dataset validator does not emit, and why. Keep these short and honest: the coverage test fails on any
# other code in CODES without a case.
OTHER_COMMANDS = {"excel": "emitted by the Excel import (python -m scripts import), not by validate_datasets",
                  "archive": "emitted when a ZIP is validated (validate_paths); tests/test_validate_paths.py builds each "
                             "hostile archive"}
NOT_REACHABLE = {  # emitted by scripts/validate/versioning.check_versions (validate --base), which compares the
    # datasets with a git base: a case folder holds no git history. tests/test_versioning.py covers both.
    "version-not-bumped": "needs a git base to compare with (validate --base); see tests/test_versioning.py",
    "version-base-unknown": "needs a git base to compare with (validate --base); see tests/test_versioning.py",
    # frictionless says format-error when its parser for a format fails; every format it has a parser for that the
    # validator does not read is refused before (format-unsupported, tests/validation/test_formats.py).
    "format-error": "a format frictionless parses but the validator refuses first; see tests/validation/test_formats.py",
    # issue 20: releases are read from git history, by the build and by validate --base; a case folder has none.
    # tests/test_releases.py makes each in a temporary repository.
    "release-history-incomplete": "a shallow clone or no git at all; see tests/test_releases.py",
    "release-history-unreadable": "a release commit whose files cannot be read; see tests/test_releases.py",
    "release-key-not-unique": "a key that repeats at the base (validate --base); see tests/test_releases.py",
    "release-key-changed": "a key changed since the base (validate --base); see tests/test_releases.py",
    "release-rows-withdrawn-unexplained": "rows gone since the base (validate --base); see tests/test_releases.py",
}


def load_expected(case: Path) -> dict:
    spec = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    if isinstance(spec, list):
        spec = {"problems": spec}
    return spec


def case_folders(case: Path, spec: dict) -> list[Path]:
    if "validate" in spec:
        return [case / sub for sub in spec["validate"]]
    return [case]


def run(folders: list[Path], options: dict | None = None) -> list:
    options = dict(options or {})
    options["today"] = date.fromisoformat(options["today"]) if "today" in options else TODAY
    return validate_datasets(folders, **options).problems


def as_rows(problems, with_dataset: bool) -> Counter:
    return Counter((p.code, p.resource, p.row, p.field) + ((p.dataset,) if with_dataset else ()) for p in problems)


@pytest.fixture
def no_network(monkeypatch):
    """Fail loudly if anything tries to open a network connection while validating."""
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError(f"network access attempted during validation: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, no_network):
    spec = load_expected(case)
    expected = [tuple(p) for p in spec["problems"]]
    lengths = {len(p) for p in expected}
    assert lengths <= {4} or lengths == {5}, f"{case.name}: give every problem 4 elements, or every one 5 (with dataset)"
    problems = run(case_folders(case, spec), spec.get("options"))
    assert not [p for p in problems if INTERNAL in p.detail], f"{case.name}: the validator's safety net caught a bug"
    assert not no_network, f"{case.name}: the validator tried to reach {no_network}"
    unknown = {p.code for p in problems} - set(CODES)
    assert not unknown, f"{case.name}: codes not listed in scripts/problems.py CODES: {unknown}"
    actual = as_rows(problems, with_dataset=lengths == {5})
    assert actual == Counter(expected), (
        f"{case.name}: problems differ\n  expected: {sorted(expected, key=str)}\n"
        f"  actual:   {sorted(actual.elements(), key=str)}\n  details:  {[(p.code, p.detail) for p in problems]}")
    assert not untranslated(problems), f"{case.name}: details not said in English: {untranslated(problems)}"


def test_corpus_is_big_and_well_formed():
    assert len(CASES) >= 40, f"issue 9 asks for at least 40 broken and hostile cases, found {len(CASES)}"
    for case in CASES:
        assert (case / "expected.json").is_file(), f"{case.name} has no expected.json"
        spec = load_expected(case)
        assert spec["problems"], f"{case.name}: every case must end in at least one coded problem"
        for folder in case_folders(case, spec):
            assert folder.is_dir(), f"{case.name}: expected.json names a folder that is not there: {folder.name}"


# --- cases built in tmp_path: they cannot be committed as files ---------------------------------------------------
def _copy_case(name: str, dest: Path) -> Path:
    """A committed valid-shaped case copied to dest (its data file is replaced by each test)."""
    src = CASES_DIR / name
    folder = dest / name
    folder.mkdir(parents=True)
    (folder / "datapackage.json").write_bytes((src / "datapackage.json").read_bytes())
    (folder / "data").mkdir()
    return folder


BASE = "formula-hyperlink"  # any single-dataset case whose resource is data/counts.csv
HEADER = b"area_code,year,value,unit,note\n"


def test_symlink_out_of_the_repository(tmp_path, no_network):
    outside = tmp_path / "outside.csv"
    outside.write_bytes(HEADER + b"58,2015,12.5,percent,secret\n")
    folder = _copy_case(BASE, tmp_path / "repo")
    (folder / "data" / "counts.csv").symlink_to(outside)
    problems = run([folder])
    assert as_rows(problems, False) == Counter([("path-unsafe", "counts", None, "path")])
    assert "secret" not in repr(problems)


def test_symlinked_data_folder_out_of_the_repository(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "counts.csv").write_bytes(HEADER + b"58,2015,12.5,percent,ok\n")
    folder = _copy_case(BASE, tmp_path / "repo")
    (folder / "data").rmdir()
    (folder / "data").symlink_to(outside, target_is_directory=True)
    assert as_rows(run([folder]), False) == Counter([("path-unsafe", "counts", None, "path")])


def test_symlinked_dataset_folder(tmp_path):
    """A dataset folder that is a link (say datasets/x -> /home/someone) is refused, not read."""
    real = _copy_case(BASE, tmp_path / "outside")
    (real / "data" / "counts.csv").write_bytes(HEADER + b"58,2015,12.5,percent,ok\n")
    (tmp_path / "repo").mkdir()
    link = tmp_path / "repo" / BASE
    link.symlink_to(real, target_is_directory=True)
    assert as_rows(run([link]), False) == Counter([("path-unsafe", "", None, "")])


def test_symlinked_descriptor_out_of_the_repository(tmp_path):
    outside = tmp_path / "datapackage.json"
    outside.write_bytes((CASES_DIR / BASE / "datapackage.json").read_bytes())
    folder = _copy_case(BASE, tmp_path / "repo")
    (folder / "datapackage.json").unlink()
    (folder / "datapackage.json").symlink_to(outside)
    (folder / "data" / "counts.csv").write_bytes(HEADER + b"58,2015,12.5,percent,ok\n")
    assert as_rows(run([folder]), False) == Counter([("path-unsafe", "datapackage.json", None, "")])


def test_file_over_the_real_size_limit(tmp_path):
    """A sparse file of 200 MiB + 1 byte: over the default limit, costs no disk and is never read."""
    folder = _copy_case(BASE, tmp_path)
    with open(folder / "data" / "counts.csv", "wb") as fh:
        fh.write(HEADER)
        fh.truncate(200 * 1024 * 1024 + 1)
    assert as_rows(run([folder]), False) == Counter([("file-too-large", "counts", None, "")])


def test_named_pipe_is_not_read(tmp_path):
    """Reading a FIFO would block for ever; it is not a regular file, so it is reported as missing."""
    folder = _copy_case(BASE, tmp_path)
    os.mkfifo(folder / "data" / "counts.csv")
    assert as_rows(run([folder]), False) == Counter([("file-missing", "counts", None, "path")])


def test_folder_that_does_not_exist(tmp_path):
    assert as_rows(run([tmp_path / "khong-co"]), False) == Counter([("package-missing", "", None, "")])


def test_descriptor_over_the_size_limit_is_never_read(tmp_path, monkeypatch):
    """A datapackage.json of 2 MiB + 1 byte (a 200 MB description was accepted before) is refused unread."""
    folder = _copy_case(BASE, tmp_path)
    with open(folder / "datapackage.json", "ab") as fh:
        fh.truncate(2 * 1024 * 1024 + 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    assert as_rows(run([folder]), False) == Counter([("file-too-large", "datapackage.json", None, "")])


def test_header_of_a_million_columns_is_measured_before_parsing(tmp_path, monkeypatch):
    """Neither frictionless nor the reader builds the header: refused from the raw text (13 GB before, issue 15)."""
    import frictionless.resources

    folder = _copy_case(BASE, tmp_path)
    (folder / "data" / "counts.csv").write_text(",".join(f"c{i}" for i in range(10**6)) + "\n1\n", encoding="utf-8")
    refuse = lambda *a, **k: pytest.fail("frictionless was asked to read the table")  # noqa: E731
    monkeypatch.setattr(frictionless.resources.TableResource, "__init__", refuse)
    monkeypatch.setattr("scripts.validate.tables.Package", refuse)
    problems = run([folder])
    assert as_rows(problems, False) == Counter([("header-too-wide", "counts", 1, "")])
    assert problems[0].detail == "dòng tiêu đề có hơn 1.000 cột"


def test_a_table_the_rules_cannot_read_is_never_passed(tmp_path, monkeypatch):
    """Should the project's reader fail where frictionless does not, the table is refused, not published unchecked."""
    folder = _copy_case(BASE, tmp_path)
    (folder / "data" / "counts.csv").write_bytes(HEADER + b"58,2015,12.5,percent,ok\n")
    assert run([folder]) == []
    monkeypatch.setattr("scripts.validate.reader.read_table", lambda *args: (None, [], None))
    assert as_rows(run([folder]), False) == Counter([("source-error", "counts", None, "")])


TMP_CASE_CODES = {"path-unsafe", "file-too-large", "file-missing", "package-missing"}


def test_remote_references_are_never_fetched(tmp_path):
    """Resource path, schema, dialect and profile given as URLs of a live local server: nothing may be requested."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"fields": [{"name": "a", "type": "string"}]}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        folders = []
        for name in ("path-url-not-fetched", "schema-url-not-fetched", "dialect-url-not-fetched", "profile-url-not-fetched"):
            folder = tmp_path / name
            folder.mkdir()
            text = (CASES_DIR / name / "datapackage.json").read_text(encoding="utf-8")
            (folder / "datapackage.json").write_text(text.replace("127.0.0.1:9", f"127.0.0.1:{server.server_port}"))
            data = CASES_DIR / name / "data"
            if data.is_dir():
                (folder / "data").mkdir()
                for f in data.iterdir():
                    (folder / "data" / f.name).write_bytes(f.read_bytes())
            folders.append(folder)
        problems = run(folders)
    finally:
        server.shutdown()
    assert hits == [], f"the validator fetched {hits}"
    assert {p.dataset for p in problems if p.code == "path-unsafe"} == {f.name for f in folders}


def test_every_code_has_a_case():
    covered = set(TMP_CASE_CODES)
    for case in CASES:
        covered |= {p[0] for p in load_expected(case)["problems"]}
    validator_codes = {code for code, c in CODES.items() if c.group not in OTHER_COMMANDS}
    missing = sorted(validator_codes - covered - set(NOT_REACHABLE))
    assert not missing, f"codes in scripts/problems.py CODES with no case under {CASES_DIR.name}/: {missing}"
    stale = sorted(set(NOT_REACHABLE) & covered) + sorted(set(NOT_REACHABLE) - set(CODES))
    assert not stale, f"NOT_REACHABLE lists codes that now have a case or no longer exist: {stale}"
    assert covered <= set(CODES), f"cases expect codes that are not in CODES: {sorted(covered - set(CODES))}"
