"""frictionless does the standard checks (types, constraints, keys); its errors are wrapped as Problems."""
from __future__ import annotations

import copy
from pathlib import Path

import frictionless
from frictionless import FrictionlessException, Package

from scripts.problems import CODES, Problem

# frictionless error types whose meaning we already cover with a file-level code of our own.
_FILE_LEVEL = {"scheme-error": "path-unsafe", "hash-count": "data-error", "byte-count": "data-error"}
_DESCRIPTOR = {"package-error": "package-invalid", "resource-error": "package-invalid", "schema-error": "schema-invalid",
               "field-error": "schema-invalid", "dialect-error": "package-invalid", "checklist-error": "package-invalid"}

frictionless.system.trusted = False


def _code(error_type: str) -> str:
    if error_type in CODES:
        return error_type
    return _DESCRIPTOR.get(error_type) or _FILE_LEVEL.get(error_type) or "data-error"


def _detail(error) -> str:
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    if cell not in (None, ""):
        return f"'{str(cell)[:60]}' — {note}" if note else f"'{str(cell)[:60]}'"
    return note or error.message


def wrap(dataset: str, resource: str, error) -> Problem:
    return Problem(dataset, resource=resource, row=getattr(error, "row_number", None),
                   field=getattr(error, "field_name", "") or "", code=_code(error.type), detail=_detail(error))


def usable_descriptor(descriptor: dict, skip: set[str]) -> dict:
    """The descriptor without resources that failed file checks, nor foreign keys that point at them."""
    d = copy.deepcopy(descriptor)
    d["resources"] = [r for r in d.get("resources", []) if isinstance(r, dict) and r.get("name") not in skip]
    for r in d["resources"]:
        schema = r.get("schema")
        if isinstance(schema, dict):
            schema.pop("externalForeignKeys", None)
            fks = schema.get("foreignKeys")
            if isinstance(fks, list):
                schema["foreignKeys"] = [fk for fk in fks if not (isinstance(fk, dict) and isinstance(fk.get("reference"), dict)
                                                                   and fk["reference"].get("resource") in skip)]
    return d


def run_frictionless(dataset: str, folder: Path, descriptor: dict, skip: set[str]) -> list[Problem]:
    d = usable_descriptor(descriptor, skip)
    if not d["resources"]:
        return []
    try:
        package = Package(d, basepath=str(folder))
        report = package.validate(limit_errors=500)
    except FrictionlessException as exc:
        errors = getattr(exc, "reasons", None) or [exc.error]
        return [wrap(dataset, "", e) for e in errors]
    except Exception as exc:  # frictionless may fail on input it does not expect: still a problem, not a traceback
        return [Problem(dataset, code="package-invalid", detail=f"{type(exc).__name__}: {exc}"[:300])]
    problems = [wrap(dataset, "", e) for e in report.errors]
    for task in report.tasks:
        problems += [wrap(dataset, task.name or "", e) for e in task.errors]
    return problems
