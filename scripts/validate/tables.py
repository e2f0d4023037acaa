"""frictionless does the standard checks (types, constraints, keys); its errors are wrapped as Problems."""
from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import frictionless
from frictionless import FrictionlessException, Package

from scripts.problems import CODES, Problem, as_is, shown

# frictionless error types whose meaning we already cover with a file-level code of our own.
_FILE_LEVEL = {"scheme-error": "path-unsafe"}
# Checked before frictionless, with expected and actual in the project's words (validate._integrity).
_OURS = {"hash-count", "byte-count"}
_DESCRIPTOR = {"package-error": "package-invalid", "resource-error": "package-invalid", "schema-error": "schema-invalid",
               "field-error": "schema-invalid", "dialect-error": "package-invalid", "checklist-error": "package-invalid"}

frictionless.system.trusted = False
_NAME = re.compile(r"^[-a-z0-9._/]+$")  # the names frictionless' profile accepts


def _code(error_type: str) -> str:
    if error_type in CODES:
        return error_type
    return _DESCRIPTOR.get(error_type) or _FILE_LEVEL.get(error_type) or "data-error"


def _literal(text: str):
    """A value frictionless or jsonschema printed with Python's repr ("['a', 'b']", "True"), as the value."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text


_CONSTRAINT = re.compile(r'^constraint "(\w+)" is "(.*)"$', re.DOTALL)
_CONSTRAINTS = {  # (Vietnamese, English)
    "required": ("bắt buộc có giá trị", "a value is required"),
    "enum": ("không thuộc danh sách cho phép: {}", "not in the allowed list: {}"),
    "minimum": ("nhỏ hơn giá trị nhỏ nhất {}", "less than the minimum {}"),
    "maximum": ("lớn hơn giá trị lớn nhất {}", "greater than the maximum {}"),
    "exclusiveMinimum": ("phải lớn hơn {}", "must be greater than {}"),
    "exclusiveMaximum": ("phải nhỏ hơn {}", "must be less than {}"),
    "minLength": ("ngắn hơn {} ký tự", "shorter than {} characters"),
    "maxLength": ("dài hơn {} ký tự", "longer than {} characters"),
    "pattern": ("không khớp mẫu {}", "does not match the pattern {}")}
# jsonschema's messages start with the offending value as Python prints it: "['note'] is not of type 'string' …"
_JSONSCHEMA = re.compile(r"^(.+?) (is not of type|is not one of|is not valid under|is a required property|"
                         r"does not match|is too long|is too short|should be non-empty|is not a|has non-unique)(.*)$", re.DOTALL)


_CLASSES = re.compile(r"^\[?((?:<class '[\w.]+'>(?:, )?)+)\]?$")


def _human(note: str, lang: str) -> str:
    """frictionless's note without Python reprs: constraints in the language asked (vi, en), values as JSON,
    exception classes by name ("[<class 'decimal.DivisionImpossible'>]" is what frictionless says when decimal
    fails); any other note as frictionless wrote it (in English)."""
    if _CLASSES.match(note):
        return ", ".join(re.findall(r"<class '([\w.]+)'>", note))
    m = _CONSTRAINT.match(note)
    if m and m.group(1) in _CONSTRAINTS:
        value = _literal(m.group(2))
        listed = ", ".join(shown(v, 40) for v in value) if isinstance(value, (list, tuple)) else shown(value, 60)
        return _CONSTRAINTS[m.group(1)][lang == "en"].format(listed)
    m = _JSONSCHEMA.match(note)
    if m:
        return f"{shown(_literal(m.group(1)), 80)} {m.group(2)}{m.group(3)}".replace("'", '"')
    return note


def _foreign_key(error, lang: str) -> str:
    """`area_code` = '99' → areas.code: not in the referenced table."""
    names, cells = getattr(error, "field_names", None), getattr(error, "field_cells", None)
    target, columns = getattr(error, "reference_name", ""), getattr(error, "reference_field_names", None)
    if not (isinstance(names, list) and isinstance(cells, list) and isinstance(columns, list)):
        return _human(error.note or error.message, lang)
    values = ", ".join(f"{n} = '{shown(c, 40)}'" for n, c in zip(names, cells))
    if lang == "en":
        return f"{values} → {target or 'this table itself'}.{', '.join(columns)}: not in the referenced table"
    return f"{values} → {target or 'chính bảng này'}.{', '.join(columns)}: không có trong bảng được tham chiếu"


def _detail(error, lang: str) -> str:
    if error.type == "foreign-key":
        return _foreign_key(error, lang)
    cell = getattr(error, "cell", None)
    note = _human(getattr(error, "note", "") or "", lang)
    if cell not in (None, ""):
        return f"'{str(cell)[:60]}' — {note}" if note else f"'{str(cell)[:60]}'"
    return note or error.message


def wrap(dataset: str, resource: str, error) -> Problem:
    return Problem(dataset, resource=resource, row=getattr(error, "row_number", None),
                   field=getattr(error, "field_name", "") or "", code=_code(error.type), detail=_detail(error, "vi"),
                   detail_en=_detail(error, "en"))


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


def _to_validate(package: Package, aliases: dict[str, str], clean: set[str]) -> list[str] | None:
    """The names of the resources frictionless must read: every one (None) when nothing was found clean or the
    package's descriptor is invalid (frictionless then reports that alone, as a whole validation would); else those
    the columnar checks did not find clean, and those whose own descriptor frictionless finds invalid."""
    if not clean:
        return None
    try:
        package.to_descriptor(validate=True)
    except FrictionlessException:
        return None
    names = []
    for resource in package.resources:
        if aliases.get(resource.name, resource.name) in clean:
            try:
                resource.to_descriptor(validate=True)
                continue
            except FrictionlessException:
                pass
        names.append(resource.name)
    return names


def run_frictionless(dataset: str, folder: Path, descriptor: dict, skip: set[str],
                     clean: set[str] = frozenset()) -> list[Problem]:
    """frictionless's problems on the package without the resources in `skip`. Resources in `clean` (found clean by
    scripts/validate/columnar.py) are not read again: each other resource is validated as the package validation
    would, in the package (its foreign keys look up the others)."""
    d, aliases = usable_descriptor(descriptor, skip)
    if not d["resources"]:
        return []
    try:
        package = Package(d, basepath=str(folder))
        names = _to_validate(package, aliases, clean)
        reports = ([package.validate(limit_errors=500)] if names is None
                   else [package.validate(name=name, limit_errors=500) for name in names])
    except FrictionlessException as exc:
        errors = getattr(exc, "reasons", None) or [exc.error]
        return [wrap(dataset, "", e) for e in errors]
    except Exception as exc:  # frictionless may fail on input it does not expect: still a problem, not a traceback
        return [Problem(dataset, code="package-invalid", **as_is(f"{type(exc).__name__}: {exc}"[:300]))]
    problems = []
    for report in reports:
        problems += [wrap(dataset, "", e) for e in report.errors if e.type not in _OURS]
        for task in report.tasks:
            problems += [wrap(dataset, aliases.get(task.name, task.name or ""), e) for e in task.errors
                         if e.type not in _OURS]
    return problems
