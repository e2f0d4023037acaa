"""Data releases read from the repository's git history, and what changed from one release to the next.

A release of a dataset is the state of its folder at the commit where the `version` of its datapackage.json changed
(the version rule, scripts/validate/versioning.py, makes every change of data or schema a new version). Nothing is
copied into the repository: earlier releases are read from its history.

Git is read with the git command line (subprocess), as the version rule already does, rather than with dulwich or
pygit2: git is on every machine that has a clone (CI checks it out with git), `git cat-file` streams blobs of
hundreds of megabytes from C at disk speed (dulwich resolves deltas in Python), and it adds no compiled dependency
whose libgit2 may lag behind the repository format (pygit2). Every call has a timeout and every failure becomes a
coded problem, never a traceback.

What changed between two consecutive releases is keyed by each resource's primary key (`schema.primaryKey`); a
table of observations without one is keyed by the columns the duplicate-observation rule treats as a row's identity
(scripts/validate/rules.py); any other table without a key is compared row by row, whole. The result is a JSON
document (FORMAT; its schema is SCHEMA, documented on the site) with rows added, withdrawn and changed (old → new
values), schema changes and metadata changes. It is cached in <root>/.cache/releases by the pair of release ids: the
git tree id of the dataset's folder at each release commit, or, for a state not yet committed, a hash of its
descriptor and data.

A shallow clone (or a copy outside git) builds: the releases whose commit is missing are skipped, with a notice
(release-history-incomplete), and the current release is taken from the working tree.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from scripts import routes
from scripts.atomic import write_atomic
from scripts.problems import Problem, as_is, details

FORMAT = "release-changes/1"
MEMO_KEY = "releases"  # model.memo[MEMO_KEY]: the History of the build (read by the pages)
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
DOC_KEYS = ("title", "title_en", "description", "description_en", "example", "examples")
TIMEOUT = 600


# --- git -----------------------------------------------------------------------------------------------------------
class Unreadable(ValueError):
    """A release's table that cannot be read, said in Vietnamese (its message) and in English (en)."""

    def __init__(self, vi: str, en: str):
        super().__init__(vi)
        self.en = en


def _english(exc: Exception) -> str:
    """An exception's message in English: an Unreadable's English one, any other's own (git's, Python's)."""
    return exc.en if isinstance(exc, Unreadable) else str(exc)


class GitError(Exception):
    """A git command failed or could not run."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(cwd), "-c", "core.quotepath=off", *args], input=stdin,
                              capture_output=True, check=False, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git {args[0]}: {type(exc).__name__}: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else f'exit {done.returncode}'}"[:300])
    return done.stdout


@dataclass(frozen=True)
class Repo:
    """A git repository as the builds read it: its top folder, and whether its history is cut (shallow)."""
    top: Path
    shallow: bool
    boundary: frozenset[str]  # the commits whose parents a shallow clone does not have

    @classmethod
    def open(cls, folder: Path) -> Repo:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode("utf-8").strip())
        _git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")  # a repository without commits has no history
        shallow = _git(top, "rev-parse", "--is-shallow-repository").strip() == b"true"
        boundary: frozenset[str] = frozenset()
        if shallow:
            path = Path(_git(top, "rev-parse", "--git-path", "shallow").decode("utf-8").strip())
            path = path if path.is_absolute() else top / path
            boundary = frozenset(path.read_text(encoding="ascii").split()) if path.is_file() else frozenset()
        return cls(top, shallow, boundary)

    def relative(self, folder: Path) -> str:
        return folder.resolve().relative_to(self.top.resolve()).as_posix()

    def commits(self, path: str) -> list[tuple[str, int]]:
        """(commit, commit time) of every commit that changed path, oldest first."""
        out = _git(self.top, "log", "--topo-order", "--reverse", "--format=%H %ct", "--", path).decode("ascii")
        return [(c, int(t)) for c, t in (line.split() for line in out.splitlines() if line.strip())]

    def objects(self, specs: list[str]) -> dict[str, bytes | None]:
        """The content of each object named by '<commit>:<path>' (None when there is none), in one git process."""
        if not specs:
            return {}
        out = _git(self.top, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in specs).encode("utf-8"))
        found: dict[str, bytes | None] = {}
        pos = 0
        for spec in specs:
            end = out.index(b"\n", pos)
            header = out[pos:end].decode("utf-8", "replace").split()
            pos = end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                found[spec] = out[pos:pos + size]
                pos += size + 1
            else:  # '<spec> missing' or '<spec> ambiguous'
                found[spec] = None
        return found

    def object_ids(self, specs: list[str]) -> dict[str, str]:
        """The id of each object named by '<commit>:<path>' ('' when there is none)."""
        if not specs:
            return {}
        out = _git(self.top, "cat-file", "--batch-check", stdin="".join(f"{s}\n" for s in specs).encode("utf-8"))
        lines = out.decode("utf-8", "replace").splitlines()
        return {s: (line.split()[0] if len(line.split()) == 3 else "") for s, line in zip(specs, lines)}

    def files(self, commit: str, folder: str) -> dict[str, tuple[str, str]]:
        """Every file under folder at commit: path relative to folder → (mode, blob id)."""
        out = _git(self.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{folder}/")
        files = {}
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, path = entry.split(b"\t", 1)
            mode, kind, oid = meta.decode("ascii").split()
            if kind == "blob":
                files[path.decode("utf-8")[len(folder) + 1:]] = (mode, oid)
        return files

    def blob(self, oid: str) -> bytes:
        return _git(self.top, "cat-file", "blob", oid)


# --- releases ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Release:
    """One version of one dataset. `state` names its content (the git tree of the dataset's folder at `commit`, or
    'worktree-<hash>' for a state not yet committed); a release known only from the changelog has no state (its
    commit is not in this clone's history) and so no files and no diff."""
    dataset: str
    version: str
    date: str = ""
    commit: str = ""
    state: str = ""
    description: tuple[str, str] = ("", "")  # Vietnamese, English
    withdrawn: tuple[str, str] = ("", "")    # the changelog's note on withdrawn rows, Vietnamese and English
    current: bool = False

    @property
    def available(self) -> bool:
        return bool(self.state)

    @property
    def folder(self) -> str:
        """Where its files are published, under docs/ (the stable address /data/<dataset>/<version>/)."""
        return routes.release_folder(self.dataset, self.version)

    @property
    def zip_name(self) -> str:
        return f"{self.dataset}-{self.version}.zip"


@dataclass
class History:
    """Every dataset's releases (oldest first), the changes of each release with data, and the notices of the
    build (a history cut short, a release that could not be read, a key problem in a past release)."""
    releases: dict[str, list[Release]] = field(default_factory=dict)
    changes: dict[tuple[str, str], dict] = field(default_factory=dict)
    notices: list[Problem] = field(default_factory=list)
    repo: Repo | None = None
    incomplete: str = ""  # why earlier releases are skipped ('' when the history is whole)
    files: dict[tuple[str, str], list] = field(default_factory=dict)  # (dataset, version) → [FileInfo], by release_files

    def release(self, dataset: str, version: str) -> Release | None:
        return next((r for r in self.releases.get(dataset, []) if r.version == version), None)

    def current(self, dataset: str) -> Release | None:
        return next((r for r in self.releases.get(dataset, []) if r.current), None)


def semver(version: object) -> tuple[int, int, int] | None:
    if isinstance(version, str) and SEMVER.match(version):
        major, minor, patch = version.split(".")
        return int(major), int(minor), int(patch)
    return None


def changelog_entry(descriptor: dict, version: str) -> dict:
    changes = descriptor.get("changelog") if isinstance(descriptor.get("changelog"), list) else []
    return next((c for c in changes if isinstance(c, dict) and c.get("version") == version), {})


def _iso_day(value: object) -> str:
    text = str(value or "")[:10]
    return text if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else ""


def _texts(entry: dict, key: str) -> tuple[str, str]:
    return str(entry.get(key) or ""), str(entry.get(f"{key}_en") or "")


def _release(dataset: str, version: str, current: dict, own: dict, commit: str = "", state: str = "",
             when: int | None = None, is_current: bool = False) -> Release:
    """A release's date and texts: from the current changelog (which may have been corrected since), else from the
    release's own, else the commit's day."""
    entry = changelog_entry(current, version) or changelog_entry(own, version)
    date = _iso_day(entry.get("date"))
    if not date and when is not None:
        import datetime as dt
        date = dt.datetime.fromtimestamp(when, dt.timezone.utc).date().isoformat()
    return Release(dataset, version, date, commit, state, _texts(entry, "description"), _texts(entry, "withdrawn"),
                   is_current)


def worktree_state(descriptor: dict, hashes: dict[str, str]) -> str:
    """The id of a state that is not a commit: its descriptor and the sha256 of each data file."""
    recipe = json.dumps([descriptor, sorted(hashes.items())], sort_keys=True, ensure_ascii=False)
    return "worktree-" + hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:40]


def history_releases(repo: Repo, folder: Path, name: str, descriptor: dict) -> tuple[list[Release], list[Problem]]:
    """The releases of one dataset found in history: the first commit at which each version appears."""
    rel = repo.relative(folder)
    commits = repo.commits(f"{rel}/datapackage.json")
    blobs = repo.objects([f"{c}:{rel}/datapackage.json" for c, _ in commits])
    found: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    problems: list[Problem] = []
    for commit, when in commits:
        raw = blobs.get(f"{commit}:{rel}/datapackage.json")
        if raw is None:
            continue  # removed at that commit
        try:
            d = json.loads(raw.decode("utf-8"))
            version = d.get("version")
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, RecursionError) as exc:
            problems.append(Problem(name, resource="datapackage.json", code="release-history-unreadable",
                                    **as_is(f"commit {commit[:12]}: {type(exc).__name__}")))
            continue
        if not isinstance(version, str) or version in seen:
            continue
        seen.add(version)
        if commit in repo.boundary:
            continue  # a shallow clone: the commit that made this version may lie before the cut
        if semver(version):
            found.append((commit, when, version))
    states = repo.object_ids([f"{c}:{rel}" for c, _, _ in found])
    out = []
    for commit, when, version in found:
        d = json.loads(blobs[f"{commit}:{rel}/datapackage.json"].decode("utf-8"))  # read above
        out.append(_release(name, version, descriptor, d, commit, states.get(f"{commit}:{rel}", ""), when))
    return out, problems


def dataset_releases(repo: Repo | None, ds, problems: list[Problem]) -> list[Release]:
    """Every release of a dataset, oldest first: those found in history, the current one (from the working tree when
    its version is not committed yet), and the changelog's versions whose commit this clone does not have."""
    d = ds.descriptor
    found: list[Release] = []
    if repo is not None:
        try:
            found, unreadable = history_releases(repo, ds.folder, ds.name, d)
            problems += unreadable
        except (GitError, ValueError, OSError) as exc:
            problems.append(Problem(ds.name, code="release-history-unreadable",
                                    **details(str(exc)[:300], _english(exc)[:300])))
    version = str(d.get("version") or "")
    by_version = {r.version: r for r in found}
    if version in by_version:
        by_version[version] = dataclasses.replace(by_version[version], current=True)
    elif semver(version):
        by_version[version] = _release(ds.name, version, d, d, state=worktree_state(d, ds.hashes), is_current=True)
    changes = d.get("changelog") if isinstance(d.get("changelog"), list) else []
    for c in changes:
        v = c.get("version") if isinstance(c, dict) else None
        if semver(v) and v not in by_version:
            by_version[v] = _release(ds.name, v, d, {})
    return sorted(by_version.values(), key=lambda r: semver(r.version))


# --- the content of a release ----------------------------------------------------------------------------------------
@dataclass
class Snapshot:
    """A release's descriptor and tables (all cells as text, as validated), and the bytes of its files on demand."""
    name: str
    state: str
    descriptor: dict
    tables: dict[str, pd.DataFrame]
    data: dict[str, object]  # resource → bytes, or a callable giving them
    readme: bytes | None = None
    blob_ids: dict[str, str] = field(default_factory=dict)  # resource → git blob id (releases from history)

    def bytes_of(self, resource: str) -> bytes:
        value = self.data[resource]
        return value() if callable(value) else value


def _resources(descriptor: dict) -> list[dict]:
    return [r for r in descriptor.get("resources") or [] if isinstance(r, dict) and isinstance(r.get("name"), str)]


def _safe_path(path: object) -> str | None:
    if not isinstance(path, str) or not path or "://" in path:
        return None
    p = PurePosixPath(path)
    return None if p.is_absolute() or ".." in p.parts else p.as_posix()


def _table(dataset: str, resource: dict, data: bytes):
    """A release's table read as the validator reads it (scripts/validate/reader.py), in the format the release
    declared. Raises ValueError when it cannot be read."""
    from scripts.validate import Dataset, _read_table, reader

    fmt, why = reader.resource_format(resource, str(resource.get("path") or ""), publish=True)
    if fmt is None or why:
        raise Unreadable(f"{resource.get('name')}: {why['detail'] if why else 'format is not a string'}",
                         f"{resource.get('name')}: {why['detail_en'] if why else 'format is not a string'}")
    text = data.decode("utf-8")
    table = _read_table(Dataset(dataset, Path(), {}), resource, fmt, data, text)[0]  # (table, problems, cells)
    if table is None:
        raise ValueError(f"{resource.get('name')}: {fmt.upper()} could not be read")
    return table.df.reset_index(drop=True)


def snapshot_from_git(repo: Repo, release: Release, folder: Path, tables: bool = True) -> Snapshot:
    """A release read from its commit. Raises GitError or ValueError when it cannot be read."""
    rel = repo.relative(folder)
    files = repo.files(release.commit, rel)
    if "datapackage.json" not in files:
        raise ValueError("datapackage.json is missing at the release commit")
    descriptor = json.loads(repo.blob(files["datapackage.json"][1]).decode("utf-8"))
    if not isinstance(descriptor, dict):
        raise ValueError("datapackage.json is not an object")
    snap = Snapshot(release.dataset, release.state, descriptor, {}, {})
    readme = files.get("README.md")
    snap.readme = repo.blob(readme[1]) if readme and readme[0] != "120000" else None
    for r in _resources(descriptor):
        for key in ("schema", "dialect"):  # given as a path: read from the same commit and put inline, as validate does
            ref = _safe_path(r.get(key)) if isinstance(r.get(key), str) else None
            if ref is not None:
                if ref not in files or files[ref][0] == "120000":
                    raise ValueError(f"{r['name']}: {key} '{ref}' is not in the release")
                r[key] = json.loads(repo.blob(files[ref][1]).decode("utf-8"))
        path = _safe_path(r.get("path"))
        entry = files.get(path) if path else None
        if entry is None or entry[0] == "120000":  # not in the commit, or a symbolic link
            raise ValueError(f"{r['name']}: file '{r.get('path')}' is not in the release")
        oid = entry[1]
        snap.blob_ids[r["name"]] = oid
        snap.data[r["name"]] = functools.partial(repo.blob, oid)
        if tables:
            snap.tables[r["name"]] = _table(release.dataset, r, snap.bytes_of(r["name"]))
    return snap


def snapshot_from_dataset(ds, state: str) -> Snapshot:
    """The current release, from the validated dataset (its tables as read by the validator)."""
    from scripts import downloads

    data = {name: functools.partial(downloads.verified_bytes, ds, name) for name in ds.hashes}
    return Snapshot(ds.name, state, ds.descriptor, {n: t.df.reset_index(drop=True) for n, t in ds.tables.items()},
                    data, ds.texts.get("README.md"))  # as validated, never read again from the folder


def snapshot_from_folder(folder: Path, state: str = "") -> Snapshot:
    """A dataset folder on disk (the working tree compared by the version rule). Raises ValueError or OSError."""
    from scripts.validate import files, load_descriptor

    descriptor, problems = load_descriptor(folder)  # read as the validator reads it: a path schema put inline
    if descriptor is None or problems:
        raise ValueError(f"datapackage.json: {problems[0].code if problems else 'cannot be read'}")
    snap = Snapshot(folder.name, state, descriptor, {}, {})
    for r in _resources(descriptor):
        path, problems = files.safe_file(folder.name, folder, str(r.get("path") or ""), resource=r["name"])
        if path is None:  # the one rule for a dataset's files: no link, nothing outside the folder
            raise ValueError(f"{r['name']}: file '{r.get('path')}': {problems[0].code if problems else 'not found'}")
        data = path.read_bytes()
        snap.data[r["name"]] = data
        snap.tables[r["name"]] = _table(folder.name, r, data)
    return snap


# --- what changed ----------------------------------------------------------------------------------------------------
def key_of(dataset: str, resource: dict, df: pd.DataFrame) -> tuple[list[str], str]:
    """The columns that identify a row, and where they come from: 'primary-key', 'observation-identity' (a table of
    observations without a primary key: the columns of the duplicate-observation rule) or 'row' (none)."""
    from scripts.validate.rules import Table, _identity

    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else [str(k) for k in pk] if isinstance(pk, list) else []
    if pk:
        return pk, "primary-key"
    fields = [f for f in schema.get("fields") or [] if isinstance(f, dict)]
    table = Table(dataset, str(resource.get("name")), df, fields, schema)
    if table.is_observations():
        return _identity(table), "observation-identity"
    return [], "row"


def _kind(dataset: str, resource: dict, df: pd.DataFrame | None) -> str:
    """'observations' for a table of observations (a row is a value), 'table' otherwise."""
    from scripts.validate.rules import Table

    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    table = Table(dataset, str(resource.get("name")), df if df is not None else pd.DataFrame(), [], schema)
    return "observations" if table.is_observations() else "table"


def _fields(resource: dict) -> dict[str, dict]:
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    return {str(f.get("name")): f for f in schema.get("fields") or [] if isinstance(f, dict)}


def _property_changes(old: dict, new: dict, skip: tuple[str, ...] = ()) -> list[dict]:
    return [{"property": k, "old": old.get(k), "new": new.get(k)} for k in sorted(set(old) | set(new))
            if k not in skip and old.get(k) != new.get(k)]


def schema_changes(old: dict, new: dict) -> dict:
    """Fields added, removed and changed (each property: type, format, constraints, titles …), and other changes of
    the schema (primary key, foreign keys, missing values)."""
    before, after = _fields(old), _fields(new)
    changed = []
    for name in after:
        if name in before and before[name] != after[name]:
            changes = _property_changes(before[name], after[name])
            changed.append({"name": name, "changes": changes,
                            "documentation_only": all(c["property"] in DOC_KEYS for c in changes)})
    schema_old = old.get("schema") if isinstance(old.get("schema"), dict) else {}
    schema_new = new.get("schema") if isinstance(new.get("schema"), dict) else {}
    return {"fields_added": [{"name": n, "type": after[n].get("type", "string")} for n in after if n not in before],
            "fields_removed": [{"name": n, "type": before[n].get("type", "string")} for n in before if n not in after],
            "fields_changed": changed,
            "other": _property_changes(schema_old, schema_new, skip=("fields",))}


def _normalised(df: pd.DataFrame, columns: list[str], numeric: set[str]) -> pd.DataFrame:
    """The cells compared: text as it is, numbers by their value (12.10 and 12.1 are the same number)."""
    out = {}
    for c in columns:
        s = df[c].astype(str)
        if c in numeric:
            num = pd.to_numeric(s, errors="coerce")
            s = s.where(num.isna(), num.astype(str))
        out[c] = s
    return pd.DataFrame(out, index=df.index)


def _row_hashes(df: pd.DataFrame) -> np.ndarray:
    # 64 bits per row: a changed row is missed only if its hash equals another row's, about 1 in 10¹³ for a
    # change among millions of rows.
    return pd.util.hash_pandas_object(df, index=False).to_numpy() if len(df) else np.zeros(0, dtype="uint64")


def _record(df: pd.DataFrame, i: int, columns: list[str]) -> dict[str, str]:
    return {c: str(df.at[i, c]) for c in columns}


def rows_changes(old: pd.DataFrame, new: pd.DataFrame, key: list[str], common: list[str],
                 numeric: set[str]) -> dict:
    """Rows added, withdrawn and changed between two tables with the same key (no key: whole rows on the columns both
    have). Every row is listed with its key and values; a changed row with each changed cell's old and new value."""
    columns = key + common
    norm_old, norm_new = _normalised(old, columns, numeric), _normalised(new, columns, numeric)
    h_old, h_new = _row_hashes(norm_old), _row_hashes(norm_new)
    if key:
        rest_old = np.flatnonzero(~np.isin(h_old, h_new))
        rest_new = np.flatnonzero(~np.isin(h_new, h_old))
        k_old = [tuple(r) for r in norm_old.iloc[rest_old][key].itertuples(index=False)]
        k_new = [tuple(r) for r in norm_new.iloc[rest_new][key].itertuples(index=False)]
        at_new = dict(zip(k_new, rest_new))
        in_old = set(k_old)
        removed = [int(i) for i, k in zip(rest_old, k_old) if k not in at_new]
        added = [int(i) for i, k in zip(rest_new, k_new) if k not in in_old]
        pairs = [(int(i), int(at_new[k])) for i, k in zip(rest_old, k_old) if k in at_new]
    else:  # identical rows may repeat: each occurrence counts
        occ_old = pd.Series(h_old).groupby(h_old).cumcount().to_numpy()
        occ_new = pd.Series(h_new).groupby(h_new).cumcount().to_numpy()
        ids_old = pd.MultiIndex.from_arrays([h_old, occ_old])
        ids_new = pd.MultiIndex.from_arrays([h_new, occ_new])
        removed = [int(i) for i in np.flatnonzero(~ids_old.isin(ids_new))]
        added = [int(i) for i in np.flatnonzero(~ids_new.isin(ids_old))]
        pairs = []
    changed = []
    for i, j in sorted(pairs, key=lambda p: p[1]):
        cells = {c: {"old": str(old.at[i, c]), "new": str(new.at[j, c])} for c in common
                 if norm_old.at[i, c] != norm_new.at[j, c]}
        changed.append({"key": _record(new, j, key), "values": _record(new, j, list(new.columns)), "changes": cells})
    return {"counts": {"added": len(added), "removed": len(removed), "changed": len(changed)},
            "added": [{"key": _record(new, j, key), "values": _record(new, j, list(new.columns))} for j in added],
            "removed": [{"key": _record(old, i, key), "values": _record(old, i, list(old.columns))} for i in removed],
            "changed": changed}


def _duplicate(df: pd.DataFrame, key: list[str]) -> str:
    """The first key that repeats ('' when the key is unique, or when the table lacks one of its columns)."""
    if not key or not all(k in df.columns for k in key):
        return ""
    dup = df.duplicated(subset=key, keep=False)
    if not dup.any():
        return ""
    first = df[dup].iloc[0]
    return ", ".join(f"{k}={first[k]}" for k in key)


def resource_changes(dataset: str, old: dict | None, new: dict | None, old_df: pd.DataFrame | None,
                     new_df: pd.DataFrame | None, check_new: bool = True) -> tuple[dict, list[Problem]]:
    """What changed in one resource: added, removed, or changed (its metadata, schema and rows). Rows are matched by
    the resource's key, on the key columns the previous release also has; when that is not possible (a key that is
    not unique, or that changed so that rows cannot be matched) or the table has no key, whole rows are compared on
    the columns both releases have."""
    described = new or old or {}
    name = str(described.get("name"))
    about = {"name": name, "title": str(described.get("title") or name), "title_en": str(described.get("title_en")
             or described.get("title") or name), "kind": _kind(dataset, described, new_df if new_df is not None
                                                               else old_df)}
    if old is None or old_df is None:
        rows = len(new_df) if new_df is not None else 0
        return {**about, "status": "added", "rows_before": 0, "rows_after": rows,
                "counts": {"added": rows, "removed": 0, "changed": 0}}, []
    if new is None or new_df is None:
        return {**about, "status": "removed", "rows_before": len(old_df), "rows_after": 0,
                "counts": {"added": 0, "removed": len(old_df), "changed": 0}}, []
    key, kind = key_of(dataset, new, new_df)
    old_key, old_kind = key_of(dataset, old, old_df)
    problems = []
    repeated = [(when, _duplicate(df, k)) for when, df, k in ((("trước", "earlier"), old_df, old_key),
                                                               (("sau", "later"), new_df, key))]
    for (when, when_en), dup in repeated[:2 if check_new else 1]:
        if dup:
            problems.append(Problem(dataset, resource=name, code="release-key-not-unique",
                                    **details(f"khóa lặp lại ở bản {when}: {dup}",
                                              f"the key repeats in the {when_en} release: {dup}")))
    by_key = [k for k in key if k in old_df.columns]
    matchable = bool(by_key) and not any(dup for _, dup in repeated) and not _duplicate(old_df, by_key) \
        and not _duplicate(new_df, by_key)
    reason = "" if matchable or not key else ("key-not-unique" if any(dup for _, dup in repeated) else "key-changed")
    # A declared key changes only on purpose. The identity of observations is every column that is not an attribute,
    # so a column added to the table joins it: that changes the key only when rows can no longer be matched.
    changed_key = set(key) != set(old_key) and (kind != old_kind or kind == "primary-key" or not matchable)
    if changed_key:
        problems.append(Problem(dataset, resource=name, code="release-key-changed",
                                **as_is(f"{', '.join(old_key) or '—'} → {', '.join(key) or '—'}")))
    common = [c for c in new_df.columns if c in old_df.columns and (c not in by_key or not matchable)]
    before, after = _fields(old), _fields(new)
    numeric = {c for c in common + by_key if after.get(c, {}).get("type") in ("number", "integer")
               and before.get(c, {}).get("type") in ("number", "integer")}
    out = {**about, "status": "unchanged", "key": key, "key_kind": kind, "previous_key": old_key,
           "key_changed": changed_key, "compared_by": "key" if matchable else "row" if common else "none",
           "columns": (by_key if matchable else []) + common,
           "reason": reason, "rows_before": len(old_df), "rows_after": len(new_df),
           "metadata": _property_changes({k: v for k, v in old.items() if k in DOC_KEYS},
                                         {k: v for k, v in new.items() if k in DOC_KEYS}),
           "schema": schema_changes(old, new)}
    if out["compared_by"] == "none":
        out.update(counts={"added": 0, "removed": 0, "changed": 0}, added=[], removed=[], changed=[])
    else:
        out.update(rows_changes(old_df, new_df, by_key if matchable else [], common, numeric))
    s = out["schema"]
    if out["counts"] != {"added": 0, "removed": 0, "changed": 0} or out["metadata"] or any(s[k] for k in s) \
            or changed_key:
        out["status"] = "changed"
    return out, problems


def withdrawn_rows(resource: dict) -> int:
    """Rows that are gone: matched by key, the keys withdrawn; compared whole, only what the count of rows shows (a
    corrected row is then one row out and one in)."""
    counts = resource.get("counts") or {}
    if resource.get("status") == "removed":
        return int(counts.get("removed", 0))
    if resource.get("compared_by") != "key":
        return max(0, int(resource.get("rows_before", 0)) - int(resource.get("rows_after", 0)))
    return int(counts.get("removed", 0))


def release_changes(old: Snapshot | None, new: Snapshot, release: Release, previous: Release | None,
                    check_new: bool = True) -> dict:
    """The changes document of a release (FORMAT): what changed since the previous release, and the version rule's
    problems with it (release_problems)."""
    doc: dict = {"format": FORMAT, "dataset": release.dataset, "version": release.version, "date": release.date,
                 "commit": release.commit or None,
                 "previous": {"version": previous.version, "date": previous.date, "commit": previous.commit or None}
                 if previous else None}
    problems: list[Problem] = []
    old_res = {r["name"]: r for r in _resources(old.descriptor)} if old else {}
    new_res = {r["name"]: r for r in _resources(new.descriptor)}
    resources = []
    for name in list(new_res) + [n for n in old_res if n not in new_res]:
        found, more = resource_changes(release.dataset, old_res.get(name), new_res.get(name),
                                       old.tables.get(name) if old else None, new.tables.get(name), check_new)
        resources.append(found)
        problems += more
    doc["metadata"] = _property_changes(old.descriptor, new.descriptor, skip=("resources", "version", "changelog")) \
        if old else []
    doc["resources"] = resources
    total = {k: sum(r["counts"][k] for r in resources) for k in ("added", "removed", "changed")}
    doc["summary"] = {**total, "withdrawn": sum(withdrawn_rows(r) for r in resources) if old else 0,
                      "resources_added": sum(r["status"] == "added" for r in resources) if old else 0,
                      "resources_removed": sum(r["status"] == "removed" for r in resources),
                      "fields_added": sum(len(r.get("schema", {}).get("fields_added", [])) for r in resources),
                      "fields_removed": sum(len(r.get("schema", {}).get("fields_removed", [])) for r in resources),
                      "fields_changed": sum(len(r.get("schema", {}).get("fields_changed", [])) for r in resources),
                      "metadata": len(doc["metadata"]) + sum(len(r.get("metadata", [])) for r in resources),
                      "first_release": old is None}
    problems = release_problems(doc, problems, previous.version if previous else "", release)
    doc["problems"] = [{"code": p.code, "resource": p.resource, "field": p.field, "detail": p.detail,
                        "detail_en": p.detail_en} for p in problems]  # detail_en stays out of changes.json (public_changes)
    return doc


def public_changes(doc: dict) -> dict:
    """The changes document as changes.json publishes it (SCHEMA): a problem's detail in Vietnamese only."""
    return {**doc, "problems": [{k: v for k, v in p.items() if k != "detail_en"} for p in doc["problems"]]}


def release_problems(doc: dict, found: list[Problem], old_version: str, release: Release) -> list[Problem]:
    """The version rule's checks of a release against the previous one: rows are withdrawn only with the changelog's
    note (`withdrawn` and `withdrawn_en` in the release's changelog entry); a key changes only with a new major
    version (rows can no longer be followed from one release to the next by it); a key is unique."""
    if doc["summary"]["first_release"]:
        return []
    problems = list(found)
    gone = doc["summary"]["withdrawn"]
    if gone and not all(t.strip() for t in release.withdrawn):
        where = "; ".join(f"{r['name']}: {withdrawn_rows(r)}" for r in doc["resources"] if withdrawn_rows(r))
        problems.append(Problem(doc["dataset"], field="changelog", code="release-rows-withdrawn-unexplained",
                                **details(f"rút {gone} dòng ({where}), changelog của {release.version} không ghi lý do",
                                          f"{gone:,} rows withdrawn ({where}), the changelog of {release.version} "
                                          f"gives no reason")))
    old_v, new_v = semver(old_version), semver(release.version)
    if old_v and new_v and new_v[0] > old_v[0]:
        problems = [p for p in problems if p.code != "release-key-changed"]
    return problems


# --- reading the whole history, with the cache ------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """The code that makes a changes document: this module and the rules it takes the observation identity from."""
    here = Path(__file__).parent
    h = hashlib.sha256(f"{FORMAT}|pandas {pd.__version__}".encode("utf-8"))
    for path in (here / "releases.py", here / "validate" / "rules.py"):
        h.update(path.read_bytes())
    return h.hexdigest()


def cached_json(cache: Path | None, recipe: str, make) -> dict:
    """A document from the cache, or made and kept there. Either way as read back from its JSON (keys sorted), so a
    build that makes it and one that reads it give the same pages."""
    path = cache / f"{hashlib.sha256(recipe.encode('utf-8')).hexdigest()[:40]}.json" if cache else None
    if path is not None and path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            pass
    data = dumps(make())
    if path is not None:
        write_atomic(path, data)
    return json.loads(data)


def dumps(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def same_as_worktree(repo: Repo, release: Release, ds, cache: Path | None) -> bool:
    """Whether a committed release is what the build validated (its descriptor and the sha256 of each data file),
    so its tables need not be read again from history (at national scale, a CSV of millions of rows)."""
    snap = snapshot_from_git(repo, release, ds.folder, tables=False)
    return snap.descriptor == ds.descriptor and set(snap.blob_ids) == set(ds.hashes) and all(
        _blob_sha256(repo, oid, cache)[0] == ds.hashes[res] for res, oid in snap.blob_ids.items())


def read_history(model, cache_root: Path | None = None) -> History:
    """Every dataset's releases and the changes of each, read from the history of the repository that holds the
    datasets. Attached to the model (model.memo[MEMO_KEY]) for the pages. Never raises on a bad history."""
    history = History()
    cache = cache_root / "releases" if cache_root else None
    folders = [ds.folder for ds in model.datasets.values()]
    if folders:
        try:
            history.repo = Repo.open(folders[0])
            if history.repo.shallow:
                history.incomplete = "shallow"
        except (GitError, OSError, ValueError) as exc:
            history.incomplete = "no-git"
            history.notices.append(Problem("datasets", code="release-history-incomplete",
                                           **details(f"không đọc được lịch sử git ({exc})"[:300],
                                                     f"the git history could not be read ({exc})"[:300])))
    if history.incomplete == "shallow":
        history.notices.append(Problem("datasets", code="release-history-incomplete",
                                       **details("bản sao nông (shallow clone): các phiên bản trước bị bỏ qua",
                                                 "a shallow clone: earlier releases are skipped")))
    for name, ds in model.datasets.items():
        problems: list[Problem] = []
        releases = dataset_releases(history.repo, ds, problems)
        history.releases[name] = releases
        loaded: dict[str, Snapshot | None] = {}

        def snapshot(r: Release) -> Snapshot | None:
            if r.state not in loaded:
                try:
                    loaded[r.state] = (snapshot_from_dataset(ds, r.state) if not r.commit or
                                       (r.current and same_as_worktree(history.repo, r, ds, cache)) else
                                       snapshot_from_git(history.repo, r, ds.folder))
                except (GitError, ValueError, OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError,
                        pd.errors.ParserError) as exc:
                    problems.append(Problem(name, code="release-history-unreadable",
                                            **details(f"phiên bản {r.version}: {exc}"[:300],
                                                      f"release {r.version}: {_english(exc)}"[:300])))
                    loaded[r.state] = None
            return loaded[r.state]

        for i, r in enumerate(releases):
            if not r.available:
                continue
            previous = releases[i - 1] if i else None
            if previous is not None and not previous.available:
                continue  # the previous release is not in this clone: what changed cannot be said
            # Everything the document says: the two states, and the versions, dates and commits it names (a cached
            # document of the same content from another clone, whose commits differ, must not stand in for it).
            recipe = json.dumps([code_digest(), r.state, r.version, r.date, r.commit, r.withdrawn,
                                 [previous.state, previous.version, previous.date, previous.commit] if previous else None],
                                ensure_ascii=False, default=str)

            def make(r=r, previous=previous):
                new = snapshot(r)
                old = snapshot(previous) if previous else None
                if new is None or (previous is not None and old is None):
                    return {}
                return release_changes(old, new, r, previous)

            doc = cached_json(cache, recipe, make)
            if doc:
                history.changes[(name, r.version)] = doc
                problems += [Problem(name, resource=p["resource"], field=p["field"], code=p["code"],
                                     **details(f"phiên bản {r.version}: {p['detail']}",
                                               f"release {r.version}: {p['detail_en']}")) for p in doc["problems"]]
        history.notices += problems
    model.memo[MEMO_KEY] = history
    return history


def of(model) -> History | None:
    """The History read for this model's build (None when the build read none: unit tests of single pages)."""
    return model.memo.get(MEMO_KEY)


# --- the version rule: the working tree against a base ----------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def _base_changes(top: str, base: str, folder: str, content: str) -> tuple[str, tuple[Problem, ...]]:
    """(the changes document as JSON, the problems) of a folder of the working tree since base; ('', ()) when the
    dataset is new since base. Cached by the folder's content: validate and its report ask twice."""
    repo = Repo.open(Path(top))
    path = Path(folder)
    rel = repo.relative(path)
    commit = _git(repo.top, "rev-parse", "--verify", f"{base}^{{commit}}").decode("ascii").strip()
    found = repo.objects([f"{commit}:{rel}/datapackage.json"])[f"{commit}:{rel}/datapackage.json"]
    if found is None:
        return "", ()
    old_descriptor = json.loads(found.decode("utf-8"))
    state = repo.object_ids([f"{commit}:{rel}"])[f"{commit}:{rel}"]
    previous = Release(path.name, str(old_descriptor.get("version") or ""), commit=commit, state=state)
    old = snapshot_from_git(repo, previous, path)
    new = snapshot_from_folder(path, "worktree")
    version = str(new.descriptor.get("version") or "")
    # The working tree's own rows are checked by the validator (primary-key, duplicate-observation).
    doc = release_changes(old, new, _release(path.name, version, new.descriptor, new.descriptor, state="worktree"),
                          previous, check_new=False)
    return json.dumps(doc, ensure_ascii=False), tuple(
        Problem(path.name, resource=p["resource"], field=p["field"], code=p["code"],
                **details(p["detail"], p["detail_en"])) for p in doc["problems"])


def changes_since(base: str, folder: Path, repo: Path) -> tuple[dict | None, list[Problem]]:
    """What changed in a dataset folder of the working tree since base, and the version rule's problems with it
    (rows withdrawn without a note, a key that changed, a key that is not unique at the base). (None, []) when the
    dataset is new since base; (None, [release-history-unreadable]) when the base or the folder cannot be read."""
    try:
        content = hashlib.sha256(b"".join(p.relative_to(folder).as_posix().encode("utf-8") + b"\0" + p.read_bytes()
                                          for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink())
                                 ).hexdigest()
        doc, problems = _base_changes(str(repo), base, str(folder.resolve()), content)
    except (GitError, OSError, ValueError, UnicodeDecodeError, json.JSONDecodeError, RecursionError,
            pd.errors.ParserError, AttributeError) as exc:
        return None, [Problem(folder.name, code="release-history-unreadable",
                              **details(f"{base}: {exc}"[:300], f"{base}: {_english(exc)}"[:300]))]
    return (json.loads(doc) if doc else None), list(problems)


# --- the files of every release, at its stable address ------------------------------------------------------------
@dataclass(frozen=True)
class FileInfo:
    name: str
    size: int
    sha256: str


def _blob_sha256(repo: Repo, oid: str, cache: Path | None) -> tuple[str, int]:
    """sha256 and size of a git blob, kept in the cache by the blob's id (a large CSV is hashed once)."""
    path = cache / "sha256" / oid if cache else None
    if path is not None and path.is_file():
        digest, size = path.read_text(encoding="ascii").split()
        return digest, int(size)
    data = repo.blob(oid)
    digest, size = hashlib.sha256(data).hexdigest(), len(data)
    if path is not None:
        write_atomic(path, f"{digest} {size}\n".encode("ascii"))
    return digest, size


def _sums(files: dict, known: dict[str, str]) -> dict[str, str]:
    from scripts import blob

    return {f: known.get(f) or blob.sha256(data) for f, data in files.items()}


def sha256sums(hashes: dict[str, str]) -> bytes:
    """The SHA256SUMS file of a release folder, as `sha256sum -c` reads it."""
    return "".join(f"{hashes[f]}  {f}\n" for f in sorted(hashes)).encode("ascii")


def release_files(history: History, model, per_dataset: dict[str, dict[str, bytes]],
                  cache_root: Path | None = None) -> dict[str, bytes]:
    """The files of every release with data, by their path under docs/: data/<dataset>/<version>/datapackage.json
    (with the size and sha256 of each CSV), each resource's CSV, <dataset>-<version>.zip (the same content as the
    latest ZIP: datapackage.json, the CSVs, README.md and LICENSE.txt), changes.json and SHA256SUMS. A release
    whose files equal the latest ones shares their bytes. Records each file's size and sha256 in history.files."""
    from scripts import blob, downloads
    from scripts.validate import Dataset

    cache = cache_root / "releases" if cache_root else None
    out: dict[str, bytes] = {}
    history.files = {}
    for name, releases in history.releases.items():
        ds = model.datasets[name]
        latest = per_dataset[name]
        latest_sums = {f"{r}.csv": h for r, h in ds.hashes.items()}
        published = ("datapackage.json", ".csv", ".csv.gz", ".parquet")  # a large resource: .csv.gz and Parquet
        for r in releases:
            if not r.available:
                continue
            files: dict[str, bytes] = {}
            known: dict[str, str] = {}
            if not r.commit:  # the working tree's state: the latest files themselves
                files = {f: latest[f] for f in latest if f.endswith(published)}
                files[r.zip_name] = latest[f"{name}.zip"]
                known = dict(latest_sums)
            else:
                try:
                    snap = snapshot_from_git(history.repo, r, ds.folder, tables=False)
                    hashes, sizes = {}, {}
                    for res, oid in snap.blob_ids.items():
                        hashes[res], sizes[res] = _blob_sha256(history.repo, oid, cache)
                        same = ds.hashes.get(res) == hashes[res]
                        if sizes[res] > downloads.large_file_bytes():  # above the size setting, as the latest files
                            if same and f"{res}.csv.gz" in latest:
                                files[f"{res}.csv.gz"], files[f"{res}.parquet"] = (latest[f"{res}.csv.gz"],
                                                                                   latest[f"{res}.parquet"])
                            else:  # an earlier release's table: its CSV gzipped (no Parquet: its rows are not read)
                                files[f"{res}.csv.gz"] = downloads.gzip_release_csv(
                                    hashes[res], lambda res=res: snap.bytes_of(res),
                                    cache_root / "downloads" if cache_root else None)
                            continue
                        files[f"{res}.csv"] = latest[f"{res}.csv"] if same and f"{res}.csv" in latest \
                            else snap.bytes_of(res)
                        known[f"{res}.csv"] = hashes[res]
                except (GitError, ValueError, OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                    history.notices.append(Problem(name, code="release-history-unreadable",
                                                   **details(f"phiên bản {r.version}: {exc}"[:300],
                                                             f"release {r.version}: {_english(exc)}"[:300])))
                    continue
                shadow = Dataset(name, ds.folder / ".release-has-no-folder", snap.descriptor, hashes=hashes,
                                 sizes=sizes)
                files["datapackage.json"] = downloads.dumps(downloads.published_descriptor(
                    shadow, model.context.site_url, files)).encode("utf-8")
                kept = {f: d for f, d in files.items() if not f.endswith(".parquet")}  # as downloads.bundle: no Parquet
                bundle = {**kept, "README.md": snap.readme if snap.readme is not None else
                          downloads.readme_bytes(shadow, model.context.site_url),
                          "LICENSE.txt": downloads.licence_text(shadow, model.context.site_url).encode("utf-8")}
                members = _sums(bundle, known)
                same_as_latest = members == _sums(downloads.bundle(ds, latest, model.context.site_url), latest_sums)
                files[r.zip_name] = latest[f"{name}.zip"] if same_as_latest else downloads.zip_of(
                    bundle, cache_root / "downloads" if cache_root else None)
            doc = history.changes.get((name, r.version))
            if doc:
                files["changes.json"] = dumps(public_changes(doc))
            sums = _sums(files, known)
            files["SHA256SUMS"] = sha256sums(sums)
            history.files[(name, r.version)] = [FileInfo(f, blob.size(files[f]), sums.get(f) or "")
                                                for f in sorted(files) if f != "SHA256SUMS"]
            for f, data in files.items():
                out[f"{r.folder}/{f}"] = data
    return out


# --- the schema of a changes document (published as data/changes.schema.json, documented on the site) ---------------
# Each description in English ("description") and Vietnamese ("x-description-vi", an annotation JSON Schema ignores).
def _d(en: str, vi: str, **more) -> dict:
    return {"description": en, "x-description-vi": vi, **more}


def _obj(en: str, vi: str, properties: dict, required: list[str] | None = None, nullable: bool = False) -> dict:
    return _d(en, vi, type=["object", "null"] if nullable else "object", properties=properties,
              required=required if required is not None else list(properties), additionalProperties=False)


def _arr(en: str, vi: str, items: dict) -> dict:
    return _d(en, vi, type="array", items=items)


def _s(en: str, vi: str, kind: str | list = "string", **more) -> dict:
    return _d(en, vi, type=kind, **more)


def _n(en: str, vi: str) -> dict:
    return _s(en, vi, "integer", minimum=0)


_CHANGE = _obj("A property whose value changed.", "Một thuộc tính đổi giá trị.", {
    "property": _s("The property's name.", "Tên thuộc tính."),
    "old": _d("Its value in the previous release (any JSON value; null when it had none).",
              "Giá trị ở phiên bản trước (bất kỳ giá trị JSON nào; null khi không có)."),
    "new": _d("Its value in this release (any JSON value; null when it has none).",
              "Giá trị ở phiên bản này (bất kỳ giá trị JSON nào; null khi không có).")})
_CELLS = {"type": "object", "additionalProperties": {"type": "string"}}
_ROW = _obj("A row.", "Một dòng.", {
    "key": {**_CELLS, **_d("The row's key: column → cell (empty when whole rows are compared).",
                           "Khóa của dòng: cột → ô (rỗng khi so cả dòng).")},
    "values": {**_CELLS, **_d("Every cell of the row as published (for a withdrawn row, as it was): column → text.",
                              "Mọi ô của dòng như đã công bố (dòng bị rút: như trước khi rút): cột → chữ.")}})
_CELL_CHANGE = _obj("One cell.", "Một ô.", {"old": _s("The cell in the previous release.", "Ô ở phiên bản trước."),
                                            "new": _s("The cell in this release.", "Ô ở phiên bản này.")})
_CHANGED_ROW = _obj("A row whose cells changed.", "Một dòng có ô thay đổi.", {
    **_ROW["properties"],
    "changes": _d("Each changed cell: column → {old, new}, text as published (numbers that are equal, such as 12.10 "
                  "and 12.1, are not a change).",
                  "Từng ô thay đổi: cột → {old, new}, chữ như đã công bố (hai số bằng nhau, như 12.10 và 12.1, không "
                  "phải là thay đổi).", type="object", additionalProperties=_CELL_CHANGE)})
_FIELD = _obj("A column.", "Một cột.", {"name": _s("The column's name.", "Tên cột."),
                                        "type": _s("Its type in the schema.", "Kiểu của cột trong lược đồ.")})
_RESOURCE = _obj("One table (resource) of the dataset.", "Một bảng (resource) của bộ dữ liệu.", {
    "name": _s("The table's name.", "Tên bảng."),
    "title": _s("Its Vietnamese title.", "Tên tiếng Việt của bảng."),
    "title_en": _s("Its English title.", "Tên tiếng Anh của bảng."),
    "kind": _s("'observations' when each row is a value of an indicator, 'table' otherwise.",
               "'observations' khi mỗi dòng là một giá trị của chỉ tiêu, 'table' với bảng khác.",
               enum=["observations", "table"]),
    "status": _s("'added', 'removed', 'changed' or 'unchanged' since the previous release.",
                 "'added' (mới), 'removed' (bị bỏ), 'changed' (thay đổi) hoặc 'unchanged' (không đổi) so với phiên bản "
                 "trước.", enum=["added", "removed", "changed", "unchanged"]),
    "key": _arr("The columns that identify a row in this release (empty: none).",
                "Các cột xác định một dòng ở phiên bản này (rỗng: không có).", {"type": "string"}),
    "key_kind": _s("Where the key comes from: 'primary-key' (the schema's primaryKey), 'observation-identity' (a table "
                   "of observations without one: every column that is not an attribute of the value) or 'row' (no "
                   "key).",
                   "Khóa lấy từ đâu: 'primary-key' (primaryKey của lược đồ), 'observation-identity' (bảng số liệu quan "
                   "sát không có primaryKey: mọi cột không phải thuộc tính của giá trị) hoặc 'row' (không có khóa).",
                   enum=["primary-key", "observation-identity", "row"]),
    "previous_key": _arr("The key in the previous release.", "Khóa ở phiên bản trước.", {"type": "string"}),
    "key_changed": _s("Whether the key changed: a declared key whose columns differ from the previous release's, "
                      "or an identity of observations by which rows can no longer be matched (a column added to a "
                      "table of observations joins its identity, but rows are still matched by the columns both "
                      "releases have).",
                      "Khóa có đổi không: khóa khai báo có cột khác phiên bản trước, hoặc các cột xác định một số liệu "
                      "không còn nối được các dòng (cột thêm vào bảng số liệu quan sát trở thành một cột xác định, "
                      "nhưng các dòng vẫn được nối theo các cột có ở cả hai phiên bản).", "boolean"),
    "compared_by": _s("'key': rows matched by the key columns both releases have; 'row': whole rows compared on the "
                      "columns both releases have (no key, or rows cannot be matched by it); 'none': no column in "
                      "common.",
                      "'key': dòng được nối theo các cột khóa có ở cả hai phiên bản; 'row': so cả dòng trên các cột có "
                      "ở cả hai phiên bản (không có khóa, hoặc không nối được theo khóa); 'none': không có cột chung.",
                      enum=["key", "row", "none"]),
    "reason": _s("Why a table with a key is compared by whole rows: 'key-not-unique' or 'key-changed' (empty when it "
                 "is not).",
                 "Vì sao một bảng có khóa lại được so cả dòng: 'key-not-unique' (khóa lặp lại) hoặc 'key-changed' (khóa "
                 "đổi); rỗng khi không phải vậy.", enum=["", "key-not-unique", "key-changed"]),
    "columns": _arr("The columns compared, key columns first (the columns both releases have).",
                    "Các cột được so, cột khóa trước (các cột có ở cả hai phiên bản).", {"type": "string"}),
    "rows_before": _n("Rows in the previous release.", "Số dòng ở phiên bản trước."),
    "rows_after": _n("Rows in this release.", "Số dòng ở phiên bản này."),
    "metadata": _arr("Changes of the table's titles and descriptions.", "Thay đổi tên và mô tả của bảng.", _CHANGE),
    "schema": _obj("Changes of the table's schema.", "Thay đổi lược đồ của bảng.", {
        "fields_added": _arr("Columns added.", "Các cột thêm.", _FIELD),
        "fields_removed": _arr("Columns removed.", "Các cột bỏ.", _FIELD),
        "fields_changed": _arr("Columns whose definition changed.", "Các cột đổi định nghĩa.", _obj(
            "A column that changed.", "Một cột thay đổi.", {
                "name": _s("The column's name.", "Tên cột."),
                "changes": _arr("Each property that changed (type, format, constraints, titles, descriptions …).",
                                "Từng thuộc tính thay đổi (kiểu, định dạng, ràng buộc, tên, mô tả …).", _CHANGE),
                "documentation_only": _s("True when only its titles or descriptions changed.",
                                         "true khi chỉ tên hoặc lời mô tả thay đổi.", "boolean")})),
        "other": _arr("Other changes of the schema (primary key, foreign keys, missing values …).",
                      "Thay đổi khác của lược đồ (khóa chính, khóa ngoại, giá trị trống …).", _CHANGE)}),
    "counts": _obj("How many rows.", "Đếm số dòng.", {
        "added": _n("Rows added (a new table: all its rows).", "Số dòng mới (bảng mới: mọi dòng của nó)."),
        "removed": _n("Rows withdrawn (a removed table: all its rows).", "Số dòng bị rút (bảng bị bỏ: mọi dòng của nó)."),
        "changed": _n("Rows revised (rows matched by key only).", "Số dòng được sửa (chỉ khi nối dòng theo khóa).")}),
    "added": _arr("Rows added (when whole rows are compared: rows only in this release).",
                  "Các dòng mới (khi so cả dòng: dòng chỉ có ở phiên bản này).", _ROW),
    "removed": _arr("Rows withdrawn (when whole rows are compared: rows only in the previous release).",
                    "Các dòng bị rút (khi so cả dòng: dòng chỉ có ở phiên bản trước).", _ROW),
    "changed": _arr("Rows revised, with each changed cell's old and new value.",
                    "Các dòng được sửa, với giá trị cũ và mới của từng ô thay đổi.", _CHANGED_ROW),
}, required=["name", "title", "title_en", "kind", "status", "rows_before", "rows_after", "counts"])

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "What changed in a data release (changes.json)",
    **_obj("What changed in one release of a dataset since its previous release.",
           "Những gì thay đổi ở một phiên bản của bộ dữ liệu so với phiên bản trước.", {
               "format": _s(f"The format of this document: '{FORMAT}'.", f"Định dạng của tệp: '{FORMAT}'.",
                            const=FORMAT),
               "dataset": _s("The dataset's name.", "Tên bộ dữ liệu."),
               "version": _s("The release's version (semver).", "Phiên bản (semver)."),
               "date": _s("The release's date (YYYY-MM-DD), from its changelog entry.",
                          "Ngày phát hành (YYYY-MM-DD), theo dòng changelog của phiên bản."),
               "commit": _s("The git commit of the release (null: not committed when the site was built).",
                            "Commit git của phiên bản (null: chưa được commit khi dựng trang).", ["string", "null"]),
               "previous": _obj("The release compared with (null for a first release).",
                                "Phiên bản được so sánh (null khi phát hành lần đầu).", {
                                    "version": _s("Its version.", "Phiên bản."),
                                    "date": _s("Its date.", "Ngày phát hành."),
                                    "commit": _s("Its git commit.", "Commit git.", ["string", "null"])},
                                nullable=True),
               "summary": _obj("Counts over every table.", "Số đếm trên mọi bảng.", {
                   "added": _n("Rows added.", "Số dòng mới."),
                   "removed": _n("Rows removed.", "Số dòng bị bỏ."),
                   "changed": _n("Rows revised.", "Số dòng được sửa."),
                   "withdrawn": _n("Rows withdrawn: keys that are gone, or, where whole rows are compared, the fall in "
                                   "the number of rows.",
                                   "Số dòng bị rút: khóa không còn, hoặc, khi so cả dòng, số dòng giảm đi."),
                   "resources_added": _n("Tables added.", "Số bảng mới."),
                   "resources_removed": _n("Tables removed.", "Số bảng bị bỏ."),
                   "fields_added": _n("Columns added.", "Số cột thêm."),
                   "fields_removed": _n("Columns removed.", "Số cột bỏ."),
                   "fields_changed": _n("Columns whose definition changed.", "Số cột đổi định nghĩa."),
                   "metadata": _n("Changes of titles, descriptions, licences, sources and other metadata.",
                                  "Số thay đổi của tên, mô tả, giấy phép, nguồn và thông tin mô tả khác."),
                   "first_release": _s("True for a dataset's first release (nothing to compare with).",
                                       "true khi phát hành lần đầu (không có gì để so).", "boolean")}),
               "metadata": _arr("Changes of the dataset's own metadata (title, licences, sources, contributors …).",
                                "Thay đổi thông tin mô tả của bộ dữ liệu (tên, giấy phép, nguồn, người đóng góp …).",
                                _CHANGE),
               "resources": _arr("Each table of this release and of the previous one.",
                                 "Từng bảng của phiên bản này và phiên bản trước.", _RESOURCE),
               "problems": _arr("Problems the version rule finds in this release (codes of the problem codes page).",
                                "Các lỗi quy tắc phiên bản tìm thấy ở phiên bản này (mã trên trang Mã lỗi).",
                                _obj("A problem.", "Một lỗi.", {
                                    "code": _s("Its code.", "Mã lỗi."),
                                    "resource": _s("The table.", "Bảng."),
                                    "field": _s("The column or property.", "Cột hoặc thuộc tính."),
                                    "detail": _s("What was found (in Vietnamese).", "Điều tìm thấy.")})),
           })}
_SHARED = {id(_CHANGE): "metadata[]", id(_ROW): "resources[].added[]", id(_FIELD): "resources[].schema.fields_added[]"}


def schema_rows(node: dict = SCHEMA, path: str = "") -> list[tuple[str, str, str, str, str]]:
    """(path, type, Vietnamese and English description, path of the same structure described above) of every
    property of the schema, depth first: the documentation of the format. A structure used in several places is
    described once."""
    rows = []
    for name, sub in (node.get("properties") or {}).items():
        here = f"{path}.{name}" if path else name
        kind = sub.get("type", "any")
        kind = " | ".join(kind) if isinstance(kind, list) else kind
        items = sub.get("items") if isinstance(sub.get("items"), dict) else None
        same = _SHARED.get(id(items)) if items is not None else None
        same = same if same and same != f"{here}[]" else ""
        rows.append((here, kind, sub.get("x-description-vi", ""), sub.get("description", ""), same))
        if "object" in str(sub.get("type")) and "properties" in sub:
            rows += schema_rows(sub, here)
        cells = sub.get("additionalProperties")
        if isinstance(cells, dict) and "properties" in cells:
            rows += schema_rows(cells, f"{here}.<column>")
        if items is not None and "properties" in items and not same:
            rows += schema_rows(items, f"{here}[]")
    return rows
