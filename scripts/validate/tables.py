"""frictionless does the standard checks (types, constraints, keys); its errors are wrapped as Problems."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import frictionless
from frictionless import FrictionlessException, Package

from scripts.problems import CODES, Problem

# frictionless error types whose meaning we already cover with a file-level code of our own.
_FILE_LEVEL = {"scheme-error": "path-unsafe", "hash-count": "data-error", "byte-count": "data-error"}
_DESCRIPTOR = {"package-error": "package-invalid", "resource-error": "package-invalid", "schema-error": "schema-invalid",
               "field-error": "schema-invalid", "dialect-error": "package-invalid", "checklist-error": "package-invalid"}

frictionless.system.trusted = False
_NAME = re.compile(r"^[-a-z0-9._/]+$")  # the names frictionless' profile accepts


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


def usable_descriptor(descriptor: dict, skip: set[str]) -> tuple[dict, dict[str, str]]:
    """The descriptor without resources that failed file checks, nor foreign keys that point at them.

    Names frictionless would reject (we report them as name-not-kebab-case) are left out or replaced by an alias, so
    one badly named resource does not hide every data problem; the aliases map back to the real names."""
    d = copy.deepcopy(descriptor)
    if not (isinstance(d.get("name"), str) and _NAME.match(d["name"])):
        d.pop("name", None)
    d["resources"] = [r for r in d.get("resources", []) if isinstance(r, dict) and str(r.get("name", "")) not in skip]
    aliases, renamed = {}, {}
    for i, r in enumerate(d["resources"], 1):
        if not (isinstance(r.get("name"), str) and _NAME.match(r["name"])):
            aliases[f"alias.{i}"], renamed[str(r.get("name"))] = str(r.get("name", "")), f"alias.{i}"
            r["name"] = f"alias.{i}"
    for r in d["resources"]:
        schema = r.get("schema")
        if isinstance(schema, dict):
            schema.pop("externalForeignKeys", None)
            fks = schema.get("foreignKeys")
            if isinstance(fks, list):
                schema["foreignKeys"] = [fk for fk in fks if not (isinstance(fk, dict) and isinstance(fk.get("reference"), dict)
                                                                   and str(fk["reference"].get("resource")) in skip)]
                for fk in schema["foreignKeys"]:
                    ref = fk.get("reference") if isinstance(fk, dict) else None
                    if isinstance(ref, dict) and isinstance(ref.get("resource"), str) and ref["resource"] in renamed:
                        ref["resource"] = renamed[ref["resource"]]
    return d, aliases


def run_frictionless(dataset: str, folder: Path, descriptor: dict, skip: set[str]) -> list[Problem]:
    d, aliases = usable_descriptor(descriptor, skip)
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
        problems += [wrap(dataset, aliases.get(task.name, task.name or ""), e) for e in task.errors]
    return problems
