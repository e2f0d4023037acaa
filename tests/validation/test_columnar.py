"""The columnar checks (scripts/validate/columnar.py) change how fast the validator is, never what it says.

- Every corpus case gives exactly the same problems, details included, with the columnar checks on and off (the
  twin matrix in test_formats.py does the same for every twin).
- On generated tables — types, constraints, keys, blanks, odd numbers, dates and booleans, broken headers and rows —
  a resource the columnar checks call clean is one frictionless itself, run directly, finds nothing wrong with; and
  the validator's frictionless step gives the same problems whether or not the clean resources were skipped.
- Arrow reads a plain CSV into the same cells as Python's csv module (what frictionless parses with), and the rules
  get the same DataFrame from it as from the row-by-row reader.
- The shipped datasets and the benchmark's synthetic data are found clean, so the fast path is the one they take.
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from frictionless import Package
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from scripts import bench
from scripts.paths import DATASETS
from scripts.validate import columnar, dataset_folders, reader, tables, validate_datasets
from scripts.validate.consistency import _blank
from scripts.validate.rules import numbers
from scripts.validate.text import CONTROL, control
from test_validation_corpus import CASES, TODAY, case_folders, load_expected

PROPERTY = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _problems(folders, spec, on: bool):
    options = dict(spec.get("options") or {})
    options["today"] = TODAY
    return validate_datasets(folders, columnar=on, **options).problems


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gives_the_same_problems_either_way(case):
    spec = load_expected(case)
    folders = case_folders(case, spec)
    assert _problems(folders, spec, on=True) == _problems(folders, spec, on=False)


# --- generated tables against frictionless itself ---------------------------------------------------------------------
# Cells that are valid for some types and not others, or that frictionless reads in a way one might not expect.
ODD = ["", "NA", "1", "01", "+1", " 1", "1 ", "-1", "1.0", "1.5", "1e5", "1E5", "NaN", "nan", "inf", "-Infinity",
       "1_000", "١٢", "0", "true", "TRUE", "True", "yes", "false", "2020-01-01", "2020-1-1", "2020-02-30",
       "0001-01-01", "1999", "999", "10000", "a", "b", "A", "é", "ab", " a", "a,b", 'a"b', "x\ny", " ", "https://a.vn",
       "2020-01-01T00:00:00"]
GOOD = {"string": ["a", "b", "ab", "xyz", "é"], "integer": ["1", "2", "-3", "40", "0"],
        "number": ["1", "2.5", "-0.5", "10", "3.25"], "boolean": ["true", "false"],
        "date": ["2020-01-01", "2021-06-30", "1999-12-31"], "year": ["1999", "2020", "2024"], "any": ["a", "1", ""]}
BOUNDS = {"integer": [0, 1, 2, 10], "number": [0, 1.5, 2, 10], "year": [1999, 2020], "date": ["2000-01-01", "2020-06-30"]}
PATTERNS = ["[a-z]+", "\\d+", ".*", "a|b", "[a-z]"]


@st.composite
def fields(draw, name: str) -> dict:
    kind = draw(st.sampled_from(sorted(GOOD)))
    field = {"name": name, "type": kind}
    constraints = {}
    if draw(st.integers(0, 2)) == 0:
        constraints["required"] = True
    if draw(st.integers(0, 4)) == 0:
        constraints["unique"] = True
    if draw(st.integers(0, 4)) == 0:  # mostly every good value, so that a table may still be clean
        constraints["enum"] = GOOD[kind] + draw(st.lists(st.sampled_from(ODD), max_size=2, unique=True))
        if draw(st.integers(0, 2)) == 0:
            constraints["enum"] = constraints["enum"][1:]
    if kind == "string" and draw(st.integers(0, 3)) == 0:
        constraints["pattern"] = draw(st.sampled_from(PATTERNS))
    if kind == "string" and draw(st.integers(0, 3)) == 0:
        constraints[draw(st.sampled_from(["minLength", "maxLength"]))] = draw(st.integers(0, 3))
    if kind in BOUNDS and draw(st.integers(0, 2)) == 0:
        constraints[draw(st.sampled_from(["minimum", "maximum"]))] = draw(st.sampled_from(BOUNDS[kind]))
    if kind == "string" and draw(st.integers(0, 5)) == 0:
        field["format"] = "uri"
    if kind == "boolean" and draw(st.integers(0, 4)) == 0:
        field["trueValues"], field["falseValues"] = ["yes", "TRUE"], ["no"]
    if constraints:
        field["constraints"] = constraints
    return field


@st.composite
def cells(draw, kind: str, odd: int) -> str:
    """A cell for a field of this type: one of ODD once in `odd` cells (never when 0), else a good one."""
    return draw(st.sampled_from(ODD)) if odd and draw(st.integers(1, odd)) == 1 else draw(st.sampled_from(GOOD[kind]))


@st.composite
def csv_text(draw, schema: dict, rows: int, codes: list[str] | None = None) -> str:
    """The table as CSV text: mostly well-formed, sometimes with a header or rows frictionless reports. `codes`:
    values the first foreign key's column takes most of the time."""
    names = [f["name"] for f in schema["fields"]]
    header = list(names)
    odd = draw(st.sampled_from([0, 0, 2, 4, 8]))
    shape = draw(st.sampled_from(["plain"] * 10 + ["swapped", "blank", "duplicate", "extra", "missing"]))
    if shape == "swapped" and len(header) > 1:
        header[0], header[1] = header[1], header[0]
    elif shape == "blank":
        header[-1] = ""
    elif shape == "duplicate" and len(header) > 1:
        header[1] = header[0]
    elif shape == "extra":
        header.append("extra")
    elif shape == "missing" and len(header) > 1:
        header.pop()
    body = [[draw(cells(f["type"], odd)) for f in schema["fields"]] for _ in range(rows)]
    if codes and schema.get("foreignKeys"):
        position = names.index(schema["foreignKeys"][0]["fields"][0])
        for row in body:
            row[position] = draw(st.sampled_from(codes)) if draw(st.integers(0, 5)) else row[position]
    for row in body:
        damage = draw(st.integers(0, 40)) if odd else 99
        if damage == 0:
            row.append("x")  # an extra cell
        elif damage == 1 and len(row) > 1:
            row.pop()  # a missing cell
        elif damage == 2:
            row[:] = [""] * len(row)  # a blank row
    buf = io.StringIO()
    csv.writer(buf, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows([header] + body)
    text = buf.getvalue()
    if draw(st.integers(0, 10)) == 0:  # a hand-written line: quotes where they do not open or close a field
        text += ",".join(draw(st.sampled_from(['a"b', '"a"b', "1", '""', '"x"'])) for _ in names) + "\n"
    return text


@st.composite
def packages(draw) -> tuple[dict, dict[str, str]]:
    """A package of one table ("main"), sometimes with a table it refers to ("ref") by a foreign key."""
    width = draw(st.integers(1, 4))
    main = {"fields": [draw(fields(f"c{i}")) for i in range(width)]}
    if draw(st.booleans()):
        main["missingValues"] = draw(st.sampled_from([[""], ["", "NA"], ["NA"]]))
    if draw(st.integers(0, 3)) == 0:
        main["primaryKey"] = draw(st.lists(st.sampled_from([f["name"] for f in main["fields"]]), min_size=1,
                                           max_size=2, unique=True))
    resources = [{"name": "main", "path": "main.csv", "format": "csv", "encoding": "utf-8", "schema": main}]
    texts, codes = {}, None
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["string", "integer"]))
        ref = {"fields": [{"name": "code", "type": kind}], "primaryKey": ["code"]}
        codes = draw(st.lists(st.sampled_from(["1", "2", "01", "", "+2"] + (["a", "b"] if kind == "string" else [])),
                              min_size=0, max_size=4, unique=draw(st.booleans())))
        texts["ref"] = "code\n" + "".join(f"{c}\n" for c in codes)
        resources.append({"name": "ref", "path": "ref.csv", "format": "csv", "encoding": "utf-8", "schema": ref})
        field = draw(st.sampled_from(main["fields"]))
        if draw(st.booleans()):  # the same type as the referenced column, or any other
            field["type"] = kind
            field.pop("format", None)
            field.pop("trueValues", None)
            field.pop("falseValues", None)
            field["constraints"] = {k: v for k, v in field.get("constraints", {}).items() if k in ("required", "unique")}
        main["foreignKeys"] = [{"fields": [field["name"]], "reference": {"resource": "ref", "fields": ["code"]}}]
    texts["main"] = draw(csv_text(main, draw(st.integers(0, 6)), [c for c in codes or [] if c]))
    return {"name": "generated", "resources": resources}, texts


def _grids(descriptor: dict, texts: dict[str, str]) -> dict:
    grids = {}
    for r in descriptor["resources"]:
        text = texts[r["name"]]
        _, _, grid = reader.read_table(text.encode("utf-8"), text, "csv", r, None, r["schema"])
        if grid is not None:
            grids[r["name"]] = grid
    return grids


@PROPERTY
@given(packages())
def test_columnar_never_calls_clean_what_frictionless_finds_invalid(package):
    descriptor, texts = package
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in texts.items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
        clean = columnar.clean_resources(descriptor, _grids(descriptor, texts), set())
        valid, found = set(), {}
        for r in descriptor["resources"]:  # each resource as frictionless validates it in its package
            try:
                report = Package(json.loads(json.dumps(descriptor)), basepath=tmp).validate(name=r["name"])
            except Exception as exc:  # frictionless fails on some schemas (a minimum that is no number)
                found[r["name"]] = repr(exc)
                continue
            found[r["name"]] = report.flatten(["type", "rowNumber", "fieldName", "note"])
            if report.valid:
                valid.add(r["name"])
        event(f"main: columnar {'clean' if 'main' in clean else '-'}, frictionless {'valid' if 'main' in valid else '-'}"
              f"{'; with a foreign key' if len(texts) > 1 else ''}")
        assert clean <= valid, (clean, found)
        # and the validator's frictionless step says the same with the clean resources skipped as without
        assert (tables.run_frictionless("generated", folder, descriptor, set(), clean)
                == tables.run_frictionless("generated", folder, descriptor, set()))


def test_generated_clean_tables_are_found_clean(tmp_path):
    """The property above is not empty: a table that is clean by every check is called so (with a foreign key,
    a primary key, a unique column and missing values)."""
    schema = {"fields": [{"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
                         {"name": "code", "type": "string", "constraints": {"enum": ["a", "b"]}},
                         {"name": "day", "type": "date"}, {"name": "flag", "type": "boolean"},
                         {"name": "value", "type": "number", "constraints": {"minimum": 0}}],
              "primaryKey": ["id"], "missingValues": ["", "NA"],
              "foreignKeys": [{"fields": ["code"], "reference": {"resource": "ref", "fields": ["code"]}}]}
    descriptor = {"name": "p", "resources": [
        {"name": "main", "path": "main.csv", "format": "csv", "encoding": "utf-8", "schema": schema},
        {"name": "ref", "path": "ref.csv", "format": "csv", "encoding": "utf-8",
         "schema": {"fields": [{"name": "code", "type": "string"}]}}]}
    texts = {"main": "id,code,day,flag,value\n1,a,2020-01-01,true,1.5\n2,NA,2021-02-28,FALSE,0\n3,b,,1,1e3\n",
             "ref": "code\na\nb\n"}
    for name, text in texts.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    assert Package(json.loads(json.dumps(descriptor)), basepath=str(tmp_path)).validate().valid
    assert columnar.clean_resources(descriptor, _grids(descriptor, texts), set()) == {"main", "ref"}
    texts["main"] = texts["main"].replace("3,b,", "3,c,")  # not in the referenced table
    assert columnar.clean_resources(descriptor, _grids(descriptor, texts), set()) == {"ref"}


# --- Arrow reads the cells Python's csv module reads --------------------------------------------------------------------
@PROPERTY
@given(st.text(alphabet='ab,"\n\r \x00\té\u2028\x0b\x1c\x85', min_size=1, max_size=60), st.integers(1, 4))
def test_arrow_reads_the_cells_pythons_csv_module_reads(text, width):
    grid = reader._columns(text.encode("utf-8"), text, width)
    if grid is None:
        return  # the row-by-row reader reads it
    arrow = [list(row) for row in zip(*(c.to_pylist() for c in grid.columns))]
    assert arrow == list(csv.reader(io.StringIO(text, newline="")))


@PROPERTY
@given(st.lists(st.lists(st.sampled_from(["", "a", "1", "a,b", 'a"b', "x\ny", " ", "é"]), min_size=3, max_size=3),
                min_size=1, max_size=8))
def test_the_rules_get_the_same_frame_either_way(rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([["x", "y", "z"]] + rows)
    text = buf.getvalue()
    schema = {"fields": [{"name": n, "type": "string"} for n in "xyz"]}
    resource = {"name": "t", "path": "t.csv", "encoding": "utf-8"}
    columnwise, _, grid = reader.read_table(text.encode("utf-8"), text, "csv", resource, None, schema)
    original = reader._columns
    reader._columns = lambda *args: None
    try:
        rowwise, _, none = reader.read_table(text.encode("utf-8"), text, "csv", resource, None, schema)
    finally:
        reader._columns = original
    assert none is None
    if grid is None:
        return
    event("read column-wise")
    assert list(columnwise.columns) == list(rowwise.columns) and list(columnwise.dtypes) == list(rowwise.dtypes)
    assert list(columnwise.index) == list(rowwise.index)
    assert columnwise.to_numpy().tolist() == rowwise.to_numpy().tolist()


@PROPERTY
@given(st.lists(st.text(alphabet="a\x00\x01\t\n\r\x0b\x1f\x7f\x85\x9f\xa0\u2028\u2029é", max_size=4), min_size=1,
                max_size=5))
def test_control_characters_are_found_in_a_grid_as_in_the_text(cells):
    """The validator looks for control characters in a Grid's distinct cells with Arrow's RE2, and in the text with
    Python's re otherwise: the same characters either way."""
    grid = reader.Grid(["x"], pa.table({"0": pa.array(cells, pa.large_string())}), True)
    assert grid.matches(CONTROL) == any(control.search(c) for c in cells)


def test_a_blank_row_or_a_stray_quote_is_read_row_by_row():
    assert reader._columns(b"a,b\n1,2\n,\n", "a,b\n1,2\n,\n", 2) is None  # frictionless reports the blank row
    assert reader._columns(b'a,b\n1,x"y\n', 'a,b\n1,x"y\n', 2) is None
    assert reader._columns(b"a,b\n1,2,3\n", "a,b\n1,2,3\n", 2) is None  # an extra cell
    assert reader._columns(b'a,b\n1,"x,""y"""\n', 'a,b\n1,"x,""y"""\n', 2).column(1).to_pylist() == ["b", 'x,"y"']


# --- the rules compute once per distinct value what they computed per cell ------------------------------------------------
values = st.lists(st.sampled_from(["", "1", "2", "1.5", "1e5", " 3", "+4", "NaN", "inf", "-Infinity", "x", "1_000",
                                   "99999999999999999999", "0x10", "١٢", " ", "\u00a0", "\t"]), max_size=12)


@PROPERTY
@given(values)
def test_numbers_are_pandas_to_numeric(cells):
    series = pd.Series(cells, dtype=str)
    expected = pd.to_numeric(series, errors="coerce")
    actual = numbers(series)
    assert actual.dtype == expected.dtype and actual.index.equals(expected.index)
    assert actual.equals(expected)


@PROPERTY
@given(values)
def test_blank_is_per_cell_strip(cells):
    series = pd.Series(cells, dtype=str)
    assert _blank(series).tolist() == series.astype(str).str.strip().eq("").tolist()


# --- the fast path is the one real data takes ---------------------------------------------------------------------------
def _frictionless_reads(monkeypatch) -> list:
    read = []
    validate = Package.validate

    def spy(self, *args, **kwargs):
        read.append(kwargs.get("name") or [r.name for r in self.resources])
        return validate(self, *args, **kwargs)

    monkeypatch.setattr(Package, "validate", spy)
    return read


def test_shipped_datasets_are_clean_without_frictionless_reading_them(monkeypatch):
    read = _frictionless_reads(monkeypatch)
    assert validate_datasets().problems == []
    assert read == []


def test_the_switch_has_frictionless_read_every_resource(monkeypatch):
    read = _frictionless_reads(monkeypatch)
    monkeypatch.setenv(columnar.ENVIRONMENT, "0")
    assert validate_datasets().problems == []
    assert len(read) == len(dataset_folders()) and ["observations", "measures", "sources"] in read
    read.clear()
    monkeypatch.delenv(columnar.ENVIRONMENT)
    assert validate_datasets(columnar=False).problems == []
    assert len(read) == len(dataset_folders()) and ["observations", "measures", "sources"] in read


def test_the_benchmarks_synthetic_rows_are_clean(tmp_path):
    bench.synthetic_observations(tmp_path / "observations", 300)
    descriptor = json.loads((tmp_path / "observations" / "datapackage.json").read_text(encoding="utf-8"))
    grids = {}
    for r in descriptor["resources"]:
        data = (tmp_path / "observations" / r["path"]).read_bytes()
        grids[r["name"]] = reader.read_table(data, data.decode("utf-8"), "csv", r, None, r["schema"])[2]
    assert columnar.clean_resources(descriptor, grids, set()) == {"observations", "measures", "sources"}


def test_a_problem_found_column_wise_is_reported_by_frictionless_with_its_row(tmp_path):
    """One bad year among many rows: the resource goes to frictionless, which reports it with row and field."""
    folder = tmp_path / "observations"
    bench.synthetic_observations(folder, 50)
    path = folder / "data" / "observations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[30].split(",")
    cells[4] = "1e3"  # the year, an integer: frictionless reads '1e3' as no integer
    lines[30] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    folders = [DATASETS / n for n in bench.REFERENCED] + [folder]
    on = validate_datasets(folders, today=TODAY).problems
    assert [(p.code, p.resource, p.row, p.field) for p in on] == [("type-error", "observations", 31, "year")]
    assert on == validate_datasets(folders, today=TODAY, columnar=False).problems


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "OFF"])
def test_switch_values(value, monkeypatch):
    monkeypatch.setenv(columnar.ENVIRONMENT, value)
    assert not columnar.enabled()
    assert columnar.enabled(True)


def test_switch_is_on_by_default(monkeypatch):
    monkeypatch.delenv(columnar.ENVIRONMENT, raising=False)
    assert columnar.enabled()
    assert not columnar.enabled(False)

