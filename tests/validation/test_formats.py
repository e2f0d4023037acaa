"""Whatever the format, the same problems: every case about table content also runs as twins made here.

Each twin holds the case's cells in another format frictionless reads: a JSON array of rows, a JSON array of
objects (keyed), a TSV, and a CSV separated by ';' (frictionless sniffs the separator). They are validated as a copy
from elsewhere (publish=False: every readable format) and must end in exactly the problems the CSV case ends in, so
no change of format lets a personal-data column or an unsuppressed small count through; with the columnar checks
(scripts/validate/columnar.py) on and off alike. Under datasets/ (publish)
only CSV is accepted: a twin there is refused with format-unsupported, naming the formats, and nothing else.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from scripts.formats import PUBLISHED, READABLE
from scripts.validate import INTERNAL, validate_datasets
from test_validation_corpus import CASES, TODAY, as_rows, case_folders, load_expected

# Problems about what the cells hold (or the header's labels, or the rows' shape): the same in every format.
CONTENT = {"personal-data-column", "small-count", "suppressed-value-present", "value-missing", "value-implausible",
           "year-in-future", "duplicate-observation", "conflict-not-flagged", "area-not-valid-for-year",
           "foreign-key-external", "dataset-absent", "formula-cell", "html-in-text", "markdown-in-text", "url-invalid",
           "target-direction-mismatch", "type-error", "constraint-error", "primary-key", "foreign-key", "unique-error",
           "missing-cell", "extra-cell", "blank-row", "duplicate-label", "missing-label", "extra-label",
           "incorrect-label", "blank-label", "control-character", "text-too-long"}
# A keyed JSON row has no header of its own nor a shape: frictionless takes the schema's fields as the header.
NOT_KEYED = {"missing-cell", "extra-cell", "duplicate-label", "missing-label", "extra-label", "incorrect-label",
             "blank-label"}
# A row of another width than the header: csv.Sniffer finds no separator in such a sample, so frictionless reads a
# ';' file with ',' (one column), and so do the rules; the header problems refuse it all the same.
SHAPE = {"missing-cell", "extra-cell"}
# Problems about the descriptor: the twins keep it, so they keep these too.
DESCRIPTOR = {"name-not-kebab-case", "name-mismatch", "field-description-missing", "translation-missing",
              "metadata-missing"}
# About the bytes of a CSV, not the cells (a NUL is its own case: csv-nul-byte).
BYTES_CASES = {"csv-nul-byte"}


def _comma_csv(folder: Path) -> bool:
    """Every resource a comma-separated CSV with a header and no dialect: what the twins are made from (a ';' or
    JSON case is a twin already)."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for r in descriptor["resources"]:
        if r.get("format", "csv") != "csv" or not r["path"].endswith(".csv") or "dialect" in r:
            return False
        if "," not in (folder / r["path"]).read_text(encoding="utf-8").split("\n", 1)[0]:
            return False
    return True


def content_cases() -> list[Path]:
    out = []
    for case in CASES:
        spec = load_expected(case)
        codes = {p[0] for p in spec["problems"]}
        if (case.name not in BYTES_CASES and codes & CONTENT and codes <= CONTENT | DESCRIPTOR
                and all(_comma_csv(f) for f in case_folders(case, spec))):
            out.append(case)
    return out


CONTENT_CASES = content_cases()
TWINS = ("json", "json-keyed", "tsv", "csv-semicolon")
_JSON_NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?")


def _typed(value: str, kind: str):
    """A cell as a JSON table would hold it: numbers and booleans typed where the text is one, null for empty."""
    if value == "":
        return None
    if kind in ("number", "integer") and _JSON_NUMBER.fullmatch(value) and abs(float(value)) < 1e300:
        return RawNumber(value)  # written as typed, digits as they are (12.50 stays 12.50)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


class RawNumber(str):
    """A JSON number written as the CSV wrote it. (1e400 stays a string: as a JSON number frictionless fails on it
    with a source-error, see test_json_number_beyond_float.)"""


def _dumps(value) -> str:
    if isinstance(value, RawNumber):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_dumps(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {_dumps(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def make_twin(folder: Path, twin: str) -> None:
    """Rewrite every resource of the dataset in folder as `twin`, in place (descriptor included)."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for r in descriptor["resources"]:
        source = folder / r["path"]
        rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"), newline="")))
        source.unlink()
        schema = r["schema"] if isinstance(r["schema"], dict) else json.loads((folder / r["schema"]).read_text(encoding="utf-8"))
        kinds = {f["name"]: f.get("type", "string") for f in schema["fields"]}
        stem = r["path"].rsplit(".", 1)[0]
        if twin in ("json", "json-keyed"):
            header, body = rows[0], rows[1:]
            typed = [[_typed(v, kinds.get(h, "string")) for h, v in zip(header, row)] + row[len(header):]
                     for row in body]
            data = ([header] + typed) if twin == "json" else [dict(zip(header, row)) for row in typed]
            r["path"], r["format"] = f"{stem}.json", "json"
            text = "[\n" + ",\n".join(_dumps(row) for row in data) + "\n]\n"
        else:
            buf = io.StringIO()
            csv.writer(buf, delimiter="\t" if twin == "tsv" else ";", lineterminator="\n").writerows(rows)
            r["path"], r["format"] = (f"{stem}.tsv", "tsv") if twin == "tsv" else (r["path"], "csv")
            text = buf.getvalue()
        (folder / r["path"]).write_text(text, encoding="utf-8")
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def _copy(case: Path, dest: Path) -> tuple[list[Path], dict]:
    spec = load_expected(case)
    shutil.copytree(case, dest / case.name)
    return case_folders(dest / case.name, spec), spec


def _run(folders, spec, publish, columnar=None):
    options = dict(spec.get("options") or {})
    options["today"] = TODAY
    return validate_datasets(folders, publish=publish, columnar=columnar, **options).problems


def test_the_matrix_covers_the_rules():
    """The matrix holds the privacy and content cases, so a format that skips a rule cannot go unseen."""
    names = {c.name for c in CONTENT_CASES}
    for name in ("personal-data-columns", "personal-data-vietnamese-header", "small-count", "suppressed-value-present",
                 "formula-hyperlink", "html-javascript-url-in-note", "value-percent-140", "duplicate-observation",
                 "foreign-key-external-unknown-area", "target-direction-mismatch", "header-incorrect-label"):
        assert name in names
    assert len(CONTENT_CASES) >= 30


def _pairs():
    """Every content case with every twin, but keyed JSON for a case about labels or a row's cell count: a keyed row
    takes its header from the schema, so such a problem cannot exist there (the other three twins have it)."""
    for case in CONTENT_CASES:
        codes = {p[0] for p in load_expected(case)["problems"]}
        for twin in TWINS:
            if not (twin == "json-keyed" and codes & NOT_KEYED):
                yield pytest.param(case, twin, id=f"{case.name}-{twin}")


@pytest.mark.parametrize(("case", "twin"), list(_pairs()))
def test_twin_has_the_same_problems(case, twin, tmp_path):
    folders, spec = _copy(case, tmp_path)
    codes = {p[0] for p in spec["problems"]}
    for folder in folders:
        make_twin(folder, twin)
    problems = _run(folders, spec, publish=False)
    assert not [p for p in problems if INTERNAL in p.detail]
    # the same problems, details included, with the columnar checks (scripts/validate/columnar.py) off
    assert _run(folders, spec, publish=False, columnar=False) == problems
    if twin == "csv-semicolon" and codes & SHAPE:
        assert {p.code for p in problems} >= {"incorrect-label", "missing-label"}  # read with ',', refused
        return
    with_dataset = {len(p) for p in spec["problems"]} == {5}
    assert as_rows(problems, with_dataset) == Counter(tuple(p) for p in spec["problems"]), [
        (p.code, p.row, p.field, p.detail) for p in problems]


@pytest.mark.parametrize("twin", ("json", "json-keyed", "tsv"))
def test_twins_are_refused_under_datasets(twin, tmp_path):
    """Under datasets/ only CSV is published: the privacy case as JSON or TSV is refused as such, with the formats."""
    folders, spec = _copy(CASES[0].parent / "personal-data-columns", tmp_path)
    make_twin(folders[0], twin)
    problems = _run(folders, spec, publish=True)
    assert [(p.code, p.resource) for p in problems] == [("format-unsupported", "children")]
    fmt = "tsv" if twin == "tsv" else "json"
    assert problems[0].detail == f"'{fmt}': thư mục datasets/ chỉ nhận csv (trang web công bố mỗi bảng dưới dạng .csv)"


def test_published_formats_are_readable():
    assert set(PUBLISHED) <= set(READABLE) and "csv" in PUBLISHED


# --- what frictionless reads but the validator does not: refused as such, never decoded as text ---------------------
def _workbook_bytes() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["area_code", "ho_ten", "value", "unit"])
    wb.active.append(["58", "Nguyễn Văn A", 3, "children"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _gzip(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, mtime=0)


def _zip(data: bytes) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("counts.csv", data)
    return buf.getvalue()


CSV_BYTES = "area_code,ho_ten,value,unit\n58,Nguyễn Văn A,3,children\n".encode("utf-8")
UNREAD = {  # file name: (bytes, what the detail names)
    "counts.xlsx": (_workbook_bytes, "'xlsx'"),
    "counts.ods": (lambda: _zip(b"mimetype"), "'ods'"),
    "counts.xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "'xls'"),
    "counts.csv.gz": (lambda: _gzip(CSV_BYTES), "'csv' nén gz"),
    "counts.csv.zip": (lambda: _zip(CSV_BYTES), "'csv' nén zip"),
}


@pytest.mark.parametrize("publish", (True, False))
@pytest.mark.parametrize("name", list(UNREAD))
def test_other_formats_are_refused_by_name(name, publish, tmp_path):
    folder = tmp_path / "counts"
    shutil.copytree(CASES[0].parent / "personal-data-columns", folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = "counts"
    (resource,) = descriptor["resources"]
    resource.update(name="counts", path=f"data/{name}")
    resource.pop("format", None)  # as frictionless does: the format from the file's extension
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    make, shown = UNREAD[name]
    (folder / "data" / name).write_bytes(make())
    problems = validate_datasets([folder], publish=publish, today=TODAY).problems
    # data/counts.csv.gz has the stem counts.csv: the resource's name is reported as not matching it, rightly
    named = {"resource-name-mismatch"} if name.count(".") > 1 else set()
    assert {p.code for p in problems} == {"format-unsupported"} | named
    (problem,) = [p for p in problems if p.code == "format-unsupported"]
    allowed = "csv" if publish else "csv, tsv, json"
    assert problem.resource == "counts" and problem.detail.startswith(shown) and problem.detail.endswith(allowed), problem.detail


def test_json_number_beyond_float(tmp_path):
    """frictionless cannot read a JSON number of 1e400 (decimal fails in it): refused, with no Python repr."""
    folders, spec = _copy(CASES[0].parent / "value-extreme-number", tmp_path)
    make_twin(folders[0], "json")
    path = folders[0] / "data" / "observations.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"1e400"', "1e400"), encoding="utf-8")
    problems = _run(folders, spec, publish=False)
    assert [(p.code, p.detail) for p in problems] == [("source-error", "decimal.DivisionImpossible")]


def test_problem_codes_page_names_the_formats():
    from scripts.pages import problem_codes

    for lang, words in (("vi", "Trình kiểm tra đọc các định dạng: csv, tsv, json"),
                        ("en", "The validator reads: csv, tsv, json")):
        page = problem_codes(lang)
        assert "format-unsupported" in page and words in page


def test_contributing_states_the_limits_the_code_has():
    from scripts.formats import MAX_CELL_CHARS, MAX_COLUMNS
    from scripts.problems import thousands
    from scripts.validate import MAX_DESCRIPTOR_BYTES, archive

    text = (Path(__file__).resolve().parents[2] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"tối đa {thousands(MAX_COLUMNS)} cột" in text and f"{MAX_COLUMNS:,} columns" in text
    assert f"tối đa {thousands(MAX_CELL_CHARS)} ký tự" in text and f"{MAX_CELL_CHARS:,} characters" in text
    assert MAX_DESCRIPTOR_BYTES == 2 * 1024**2 and "`datapackage.json` tối đa 2 MB" in text
    assert (archive.MAX_MEMBERS, archive.MAX_TOTAL_BYTES, archive.MAX_RATIO) == (10_000, 2 * 1024**3, 200)
    assert "10.000 tệp, 2 GB" in text and "tỷ lệ nén 200 lần" in text and "10,000 files or 2 GB" in text
