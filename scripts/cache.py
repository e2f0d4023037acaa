"""The one cache: every output kept in <root>/.cache is keyed on the content of what makes it — its inputs and the
code — so that nothing is ever served stale and nothing has a version to bump by hand.

- `code_digest()`: a hash of every module under scripts/ and of the versions of the libraries that write outputs
  (frictionless checks, Altair specs, vl-convert renders, pandas CSV, openpyxl workbooks). Change any line of a
  writer, or upgrade one of them, and every key changes: outputs are made again.
- `cached(recipe, make, folder)`: bytes from `folder` under a hash of the code and the recipe (a text naming the
  inputs' content), made and written atomically on a miss. A hit refreshes the entry's time, so `prune` removes what
  no build has used for longest.
- `prune(root, max_bytes)`: after each build, the cache is cut back to its size limit (CACHE_MAX_MB, 2,048 MB by
  default), oldest first. `make clean` empties it.
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from scripts.atomic import write_atomic

SCRIPTS = Path(__file__).resolve().parent
LIBRARIES = ("altair", "frictionless", "openpyxl", "pandas", "pyarrow", "vl_convert")
DEFAULT_MAX_MB = 2048


def _version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "absent"


@functools.lru_cache(maxsize=None)
def code_digest(scripts: Path = SCRIPTS) -> str:
    """A hash of the code that makes the cached outputs (read once per process: the code does not change under a
    running build)."""
    h = hashlib.sha256(", ".join(f"{name} {_version(name)}" for name in LIBRARIES).encode("utf-8"))
    for path in sorted(Path(scripts).rglob("*.py")):
        h.update(path.relative_to(scripts).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def key(recipe: str) -> str:
    return hashlib.sha256(f"{code_digest()}|{recipe}".encode("utf-8")).hexdigest()[:40]


def cached(recipe: str, make, folder: Path | None, suffix: str = "") -> bytes:
    """Bytes for `recipe` from `folder` (None: no cache, always made), keyed by the code and the recipe."""
    if folder is None:
        return make()
    path = Path(folder) / f"{key(recipe)}{suffix}"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = make()
        write_atomic(path, data)
        return data
    touch(path)
    return data


def touch(path: Path) -> None:
    """Mark a cache entry as used now (prune keeps the most recently used)."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(root: Path, max_bytes: int | None = None) -> int:
    """Remove the least recently used files of the cache folder `root` until it holds at most `max_bytes`
    (CACHE_MAX_MB in the environment, else 2,048 MB). Returns the number of bytes removed."""
    if max_bytes is None:
        max_bytes = int(float(os.environ.get("CACHE_MAX_MB") or DEFAULT_MAX_MB) * 1_000_000)
    entries = []
    for path in Path(root).rglob("*") if Path(root).is_dir() else []:
        try:
            if path.is_file() and not path.is_symlink():
                stat = path.stat()
                entries.append((stat.st_mtime, str(path), stat.st_size))
        except OSError:
            continue
    total = sum(size for _, _, size in entries)
    removed = 0
    for _, name, size in sorted(entries):
        if total - removed <= max_bytes:
            break
        try:
            os.unlink(name)
            removed += size
        except OSError:
            continue
    return removed
