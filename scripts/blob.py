"""A generated file is either its bytes (small files) or a file on disk (a large one, made straight into the cache and
never held in memory): its size, sha256 and content read the same way for both, and it is copied into docs/ by
streaming. Also the one deterministic gzip writer (no file name, time 0) for the compressed downloads.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

Data = bytes | Path
CHUNK = 1 << 20


def size(data: Data) -> int:
    return data.stat().st_size if isinstance(data, Path) else len(data)


@functools.lru_cache(maxsize=4096)
def _file_sha256(path: str, _size: int, _mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256(data: Data) -> str:
    if isinstance(data, Path):
        st = data.stat()
        return _file_sha256(str(data), st.st_size, st.st_mtime_ns)
    return hashlib.sha256(data).hexdigest()


def read(data: Data) -> bytes:
    return data.read_bytes() if isinstance(data, Path) else data


def same(data: Data, path: Path) -> bool:
    """Whether the file at `path` holds exactly `data` (sizes first, then the content, streamed)."""
    if not path.is_file() or path.stat().st_size != size(data):
        return False
    if isinstance(data, Path):
        return sha256(data) == sha256(path)
    return path.read_bytes() == data


def write(data: Data, path: Path) -> None:
    """Write `data` at `path` atomically (a file is copied by streaming, never read whole)."""
    if not isinstance(data, Path):
        from scripts.atomic import write_atomic

        write_atomic(path, data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(data, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def gzip_into(chunks: Iterable[bytes], path: Path) -> None:
    """Deterministic gzip (RFC 1952 header with no file name and time 0, level 6) of `chunks`, written at `path`."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as out:
        for chunk in chunks:
            out.write(chunk)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def file_chunks(path: Path) -> Iterable[bytes]:
    with open(path, "rb") as f:
        yield from iter(lambda: f.read(CHUNK), b"")
