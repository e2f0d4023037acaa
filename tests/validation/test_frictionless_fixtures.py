"""frictionless-py's own invalid fixtures as an acceptance suite: the project refuses each one, with a code that is
frictionless's error type or its documented equivalent below.

The fixtures (MIT, copied unchanged) and where they come from: tests/fixtures/frictionless/SOURCE.md. Each CSV is
put in a data package with the project's required metadata and the schema frictionless infers for it, so the
problems it must end in are frictionless's own, computed here by frictionless on the bare fixture.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import frictionless
import pytest

from scripts.validate import INTERNAL, validate_datasets, validate_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "frictionless"
TEMPLATE = Path(__file__).resolve().parent / "cases" / "formula-hyperlink" / "datapackage.json"

# frictionless's error type → the project's code where they differ, and why.
EQUIVALENT = {
    "package-error": "package-json-invalid",  # a descriptor that is not JSON: said with its line and column
    "schema-error": "schema-invalid",
    "field-error": "schema-invalid",
    "resource-error": "package-invalid",
    "byte-count": "bytes-mismatch",  # with the declared and actual size in the project's words
    "hash-count": "hash-mismatch",
    "scheme-error": "path-unsafe",  # a URL or a path out of the dataset is refused before frictionless
}


def frictionless_types(errors) -> set[str]:
    return {EQUIVALENT.get(e.type, e.type) for e in errors}


def package(dest: Path, resources: list[dict], files: dict[str, bytes]) -> Path:
    """A data package with the project's metadata (from a corpus case) and the given resources and files."""
    descriptor = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    descriptor.update(name=dest.name, resources=resources)
    dest.mkdir(parents=True)
    (dest / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, data in files.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_bytes(data)
    return dest


def _described(fields: list[dict]) -> list[dict]:
    """The project asks every field for a title and description in two languages: given, so they are not the point."""
    return [dict(f, title=f"Cột {f['name']}", title_en=f"Column {f['name']}", description="Cột (giả lập).",
                 description_en="Column (synthetic).") for f in fields]


def _codes(problems) -> set[str]:
    assert not [p for p in problems if INTERNAL in p.detail]
    return {p.code for p in problems}


CSV_FIXTURES = ["invalid.csv", "structure-errors.csv", "schema-errors.csv", "capital-invalid.csv"]


@pytest.mark.parametrize("name", CSV_FIXTURES)
def test_an_invalid_csv_is_refused_with_frictionless_errors(name, tmp_path):
    path = FIXTURES / name
    # relative to a basepath: the validator makes frictionless refuse absolute paths (system.trusted = False)
    expected = frictionless_types(frictionless.Resource(name, basepath=str(FIXTURES)).validate().tasks[0].errors)
    assert expected, f"{name}: frictionless finds it valid; it is no longer an invalid fixture"
    schema = frictionless.describe(name, basepath=str(FIXTURES)).schema.to_descriptor()
    stem = name.removesuffix(".csv")
    schema["fields"] = _described(schema["fields"])
    resource = {"name": stem, "path": f"data/{stem}.csv", "profile": "tabular-data-resource", "format": "csv",
                "encoding": "utf-8", "schema": schema, "title": stem, "title_en": stem}
    folder = package(tmp_path / stem, [resource], {f"data/{stem}.csv": path.read_bytes()})
    codes = _codes(validate_datasets([folder]).problems)
    assert expected <= codes, f"frictionless: {sorted(expected)}; the project: {sorted(codes)}"


def _invalid_package(dest: Path) -> Path:
    original = json.loads((FIXTURES / "invalid" / "datapackage.json").read_text(encoding="utf-8"))
    resources = []
    for r in original["resources"]:
        r = dict(r, path=f"data/{r['path']}", title=r["name"], title_en=r["name"], profile="tabular-data-resource")
        r["schema"] = dict(r["schema"], fields=_described(r["schema"]["fields"]))
        resources.append(r)
    files = {f"data/{f.name}": f.read_bytes() for f in (FIXTURES / "invalid").glob("*.csv")}
    return package(dest, resources, files)


def test_the_invalid_package_is_refused_with_frictionless_errors(tmp_path):
    report = frictionless.Package(str(FIXTURES / "invalid" / "datapackage.json")).validate()
    expected = frictionless_types([e for t in report.tasks for e in t.errors] + list(report.errors))
    assert expected >= {"blank-row", "primary-key"}
    codes = _codes(validate_datasets([_invalid_package(tmp_path / "invalid")]).problems)
    assert expected <= codes, f"frictionless: {sorted(expected)}; the project: {sorted(codes)}"


def test_the_zipped_invalid_package_is_refused(tmp_path):
    """As downloaded: validated from the ZIP itself. It lacks the project's metadata too, which is said as well."""
    report = frictionless.Package(str(FIXTURES / "package-invalid.zip")).validate()
    expected = frictionless_types([e for t in report.tasks for e in t.errors] + list(report.errors))
    shutil.copy(FIXTURES / "package-invalid.zip", tmp_path)
    codes = _codes(validate_paths([tmp_path / "package-invalid.zip"]).problems)
    assert expected <= codes and "metadata-missing" in codes, sorted(codes)


def test_a_descriptor_that_is_not_json(tmp_path):
    with pytest.raises(frictionless.FrictionlessException) as raised:
        frictionless.Package(str(FIXTURES / "invalid.json"))
    folder = tmp_path / "invalid-json"
    folder.mkdir()
    shutil.copy(FIXTURES / "invalid.json", folder / "datapackage.json")
    problems = validate_datasets([folder]).problems
    assert {EQUIVALENT.get(raised.value.error.type)} == _codes(problems) == {"package-json-invalid"}
    assert problems[0].detail == "dòng 2, cột 5: Expecting property name enclosed in double quotes"


def test_a_schema_with_many_errors(tmp_path):
    schema = json.loads((FIXTURES / "schema-invalid-multiple-errors.json").read_text(encoding="utf-8"))
    with pytest.raises(frictionless.FrictionlessException) as raised:
        frictionless.Schema.from_descriptor(schema)
    resource = {"name": "data", "path": "data/data.csv", "profile": "tabular-data-resource", "title": "data",
                "title_en": "data", "schema": dict(schema, fields=_described(schema["fields"]))}
    folder = package(tmp_path / "schema-errors", [resource], {"data/data.csv": b"id,title\n1,a\n"})
    codes = _codes(validate_datasets([folder]).problems)
    assert EQUIVALENT[raised.value.error.type] in codes
