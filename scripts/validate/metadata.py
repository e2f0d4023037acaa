"""Project rules on a package's metadata (datapackage.json), one small function each."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from scripts.problems import Problem, as_is, details, shown
from scripts.validate.text import text_problem

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
REQUIRED = ("title", "description", "version", "licenses", "sources")
TRANSLATED = ("title", "description")


def check_name(folder_name: str, descriptor: dict) -> list[Problem]:
    name = descriptor.get("name")
    if not isinstance(name, str) or not name:
        return [Problem(folder_name, field="name", code="metadata-missing", **as_is("name"))]
    problems = []
    if not KEBAB.match(name):
        problems.append(Problem(folder_name, field="name", code="name-not-kebab-case", **as_is(name)))
    if name != folder_name:
        problems.append(Problem(folder_name, field="name", code="name-mismatch",
                                **details(f"name = '{name}', thư mục = '{folder_name}'", f"name = '{name}', folder = '{folder_name}'")))
    if not KEBAB.match(folder_name):
        problems.append(Problem(folder_name, code="name-not-kebab-case",
                                **details(f"thư mục '{folder_name}'", f"folder '{folder_name}'")))
    return problems


def check_required(dataset: str, descriptor: dict) -> list[Problem]:
    problems = []
    for key in REQUIRED:
        value = descriptor.get(key)
        if value in (None, "", [], {}):
            problems.append(Problem(dataset, field=key, code="metadata-missing", **as_is(key)))
    version = descriptor.get("version")
    if isinstance(version, str) and version and not SEMVER.match(version):
        problems.append(Problem(dataset, field="version", code="version-invalid", **as_is(version)))
    if isinstance(version, str) and SEMVER.match(version):
        changelog = descriptor.get("changelog")
        versions = [c.get("version") for c in changelog if isinstance(c, dict)] if isinstance(changelog, list) else []
        if version not in versions:
            problems.append(Problem(dataset, field="changelog", code="changelog-missing", **as_is(f"version {version}")))
    return problems


def check_translations(dataset: str, descriptor: dict, resource: str = "", field: str = "") -> list[Problem]:
    """Every title and description has its English twin (title_en, description_en)."""
    problems = []
    for key in TRANSLATED:
        if descriptor.get(key) and not descriptor.get(f"{key}_en"):
            problems.append(Problem(dataset, resource=resource, field=field or f"{key}_en", code="translation-missing",
                                    **as_is(f"{key}_en")))
    return problems


def check_resource(dataset: str, resource: dict) -> list[Problem]:
    name = resource.get("name")
    rname = name if isinstance(name, str) else ""
    problems = []
    if not rname or not KEBAB.match(rname):
        problems.append(Problem(dataset, resource=rname, field="name", code="name-not-kebab-case", **as_is(shown(name))))
    path = resource.get("path")
    if isinstance(path, str) and rname and PurePosixPath(path).stem != rname:
        problems.append(Problem(dataset, resource=rname, field="name", code="resource-name-mismatch",
                                **details(f"name = '{rname}', tệp = '{path}'", f"name = '{rname}', file = '{path}'")))
    problems += check_translations(dataset, resource, resource=rname)
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return problems
    for f in fields:
        if not isinstance(f, dict):
            continue
        fname = shown(f.get("name", ""))
        problems += [Problem(dataset, resource=rname, field=fname, code=c, **as_is(d)) for c, d in text_problem(fname)]
        if not SNAKE.match(fname):
            problems.append(Problem(dataset, resource=rname, field=fname, code="name-not-kebab-case",
                                    **details(f"tên cột '{fname}' phải dạng chu_thuong_gach_duoi",
                                              f"column name '{fname}' must be lower_case_with_underscores")))
        if not f.get("description"):
            problems.append(Problem(dataset, resource=rname, field=fname, code="field-description-missing", **as_is(fname)))
        elif not f.get("title"):
            problems.append(Problem(dataset, resource=rname, field=fname, code="field-description-missing",
                                    **as_is(f"{fname}: title")))
        else:
            problems += check_translations(dataset, f, resource=rname, field=fname)
    return problems


def _list(value) -> list:
    """A descriptor property that should be a list, or [] when it is anything else (frictionless reports that)."""
    return value if isinstance(value, list) else []


def descriptor_texts(descriptor: dict) -> list[tuple[str, str, str]]:
    """(resource, property, text) for every human-readable text in a descriptor, to scan for injection."""
    out = []
    keys = ("title", "title_en", "description", "description_en")
    for k in keys:
        if isinstance(descriptor.get(k), str):
            out.append(("", k, descriptor[k]))
    for s in _list(descriptor.get("sources")):
        if isinstance(s, dict) and isinstance(s.get("title"), str):
            out.append(("", "sources", s["title"]))
    for c in _list(descriptor.get("changelog")):
        if isinstance(c, dict):
            out += [("", "changelog", c[k]) for k in ("description", "description_en", "withdrawn", "withdrawn_en")
                    if isinstance(c.get(k), str)]
    for r in _list(descriptor.get("resources")):
        if not isinstance(r, dict):
            continue
        rname = str(r.get("name", ""))
        out += [(rname, k, r[k]) for k in keys if isinstance(r.get(k), str)]
        schema = r.get("schema") if isinstance(r.get("schema"), dict) else {}
        for f in _list(schema.get("fields")):
            if isinstance(f, dict):
                out += [(rname, str(f.get("name", "")), f[k]) for k in keys if isinstance(f.get(k), str)]
    return out
