"""Compared with a git base: a dataset whose data or schema changed must have a new version and a changelog entry.

    python -m scripts validate --base origin/main

What counts as a change: the bytes of a resource's data file, the list of resources, a resource's path or format,
or its schema's structure (fields, types, constraints, keys). Titles and descriptions (of the package, its resources
and its fields) are documentation: fixing a typo there needs no new version. A dataset that did not exist at the
base is new and needs nothing more than what the validator already asks (a version and its changelog entry).
The base is read with `git show <ref>:<path>` in the repository (ROOT by default), never from the working directory.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path, PurePosixPath

from scripts.paths import ROOT
from scripts.problems import Problem, as_is, details
from scripts.releases import changes_since
from scripts.validate.metadata import SEMVER

DOC_KEYS = {"title", "title_en", "description", "description_en", "example", "examples"}


class _GitError(Exception):
    pass


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        raise _GitError(f"{type(exc).__name__}: {exc}") from exc


def git_show(repo: Path, ref: str, path: str) -> bytes | None:
    """The bytes of path at ref, or None when the path does not exist there."""
    done = _git(repo, "show", "--no-textconv", f"{ref}:{path}")
    return done.stdout if done.returncode == 0 else None


def _structure(resource: dict) -> dict:
    """A resource without its documentation: what a reader of the data depends on."""
    out = {k: v for k, v in resource.items() if k not in DOC_KEYS}
    schema = out.get("schema")
    if isinstance(schema, dict):
        schema = {k: v for k, v in schema.items() if k not in DOC_KEYS}
        if isinstance(schema.get("fields"), list):
            schema["fields"] = [{k: v for k, v in f.items() if k not in DOC_KEYS} if isinstance(f, dict) else f
                                for f in schema["fields"]]
        out["schema"] = schema
    return out


def _resources(descriptor: dict) -> dict[str, dict]:
    return {str(r.get("name")): r for r in descriptor.get("resources") or [] if isinstance(r, dict)}


def changes(repo: Path, ref: str, folder: Path, old: dict, new: dict) -> list[tuple[str, str]]:
    """What changed in a dataset since ref: resource names with what changed, in Vietnamese and English
    (('observations: dữ liệu', 'observations: data'))."""
    rel = PurePosixPath(folder.resolve().relative_to(repo.resolve()).as_posix())
    before, after = _resources(old), _resources(new)
    out = [(f"{n}: thêm bảng", f"{n}: table added") for n in sorted(after.keys() - before.keys())]
    out += [(f"{n}: xóa bảng", f"{n}: table removed") for n in sorted(before.keys() - after.keys())]
    for name in sorted(before.keys() & after.keys()):
        if _structure(before[name]) != _structure(after[name]):
            out.append((f"{name}: lược đồ", f"{name}: schema"))
            continue
        path = after[name].get("path")
        if not isinstance(path, str) or ".." in PurePosixPath(path).parts or PurePosixPath(path).is_absolute():
            continue  # the validator reports unsafe paths
        current = folder / path
        now = current.read_bytes() if current.is_file() else None
        if now != git_show(repo, ref, str(rel / path)):
            out.append((f"{name}: dữ liệu", f"{name}: data"))
    return out


def _semver(v: object) -> tuple[int, int, int] | None:
    if isinstance(v, str) and SEMVER.match(v):
        major, minor, patch = v.split(".")
        return int(major), int(minor), int(patch)
    return None


def check_versions(base: str, folders: list[Path] | None = None, repo: Path = ROOT) -> list[Problem]:
    """version-not-bumped / changelog-missing for every dataset in folders that changed since base."""
    from scripts.validate import dataset_folders

    folders = dataset_folders(repo / "datasets") if folders is None else [Path(f) for f in folders]
    if not base or base.startswith("-"):
        return [Problem("datasets", code="version-base-unknown", **details(
            f"'{base}' không phải tên nhánh hay commit", f"'{base}' is not the name of a branch or a commit"))]
    try:
        verified = _git(repo, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except _GitError as exc:
        return [Problem("datasets", code="version-base-unknown", **as_is(f"{base}: {exc}"))]
    if verified.returncode != 0:
        return [Problem("datasets", code="version-base-unknown", **details(
            f"'{base}' không phải nhánh hay commit trong {repo.name}", f"'{base}' is not a branch or a commit in {repo.name}"))]
    problems: list[Problem] = []
    for folder in folders:
        name = folder.name
        try:
            rel = folder.resolve().relative_to(repo.resolve()).as_posix()
        except ValueError:
            problems.append(Problem(name, code="version-base-unknown", **details(
                f"'{folder}' nằm ngoài kho git {repo}", f"'{folder}' is outside the git repository {repo}")))
            continue
        try:
            raw = git_show(repo, base, f"{rel}/datapackage.json")
            if raw is None:
                continue  # new since the base
            old = json.loads(raw.decode("utf-8"))
            new = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            continue  # unreadable now: the validator reports it; unreadable at the base: nothing to compare with
        except _GitError as exc:
            problems.append(Problem(name, code="version-base-unknown", **as_is(str(exc))))
            continue
        if not (isinstance(old, dict) and isinstance(new, dict)):
            continue
        try:
            changed = changes(repo, base, folder, old, new)
        except _GitError as exc:
            problems.append(Problem(name, code="version-base-unknown", **as_is(str(exc))))
            continue
        if not changed:
            continue
        was, now = old.get("version"), new.get("version")
        old_v, new_v = _semver(was), _semver(now)
        what, what_en = "; ".join(vi for vi, _ in changed), "; ".join(en for _, en in changed)
        if new_v is None:
            continue  # version-invalid or metadata-missing, from the validator
        if old_v is not None and new_v <= old_v:
            problems.append(Problem(name, field="version", code="version-not-bumped",
                                    **details(f"{what} đã đổi so với {base}, nhưng version là {now} (trước: {was})",
                                              f"{what_en} changed since {base}, but the version is {now} (before: {was})")))
            continue
        changelog = new.get("changelog")
        versions = [c.get("version") for c in changelog if isinstance(c, dict)] if isinstance(changelog, list) else []
        if now not in versions:
            # The same problem as metadata.check_required reports, so the two are one in a set.
            problems.append(Problem(name, field="changelog", code="changelog-missing", **as_is(f"version {now}")))
        # Issue 20: rows withdrawn only with a note, a key changed only with a new major version (scripts/releases.py).
        problems += changes_since(base, folder, repo)[1]
    return problems
