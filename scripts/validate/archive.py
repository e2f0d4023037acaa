"""A ZIP of data packages (the site's all-data.zip or one dataset's ZIP) unpacked safely, to be validated.

Nothing is written outside a fresh temporary folder: a member whose path is absolute, climbs out with '..' or is a
symbolic link is refused before anything is written, and so is an archive whose declared sizes are too large or
compress too well (a zip bomb). The sizes are checked again while unpacking, since a ZIP may lie about them.
"""
from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

from scripts.problems import Problem, thousands

MAX_MEMBERS = 10_000  # files in one archive; all-data.zip holds about 30
MAX_TOTAL_BYTES = 2 * 1024**3  # unpacked, in all; a data file may hold 200 MB (files.MAX_FILE_BYTES)
MAX_RATIO = 200  # unpacked / packed size of a member; a CSV packs about 5 to 20 times, a zip bomb over 1,000
_CHUNK = 1024 * 1024


class ArchiveRefused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.detail)
        self.problem = problem


def _member_problem(name: str, info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """Why a member may not be unpacked (in Vietnamese and English), or None."""
    mode = info.external_attr >> 16
    f = info.filename
    if stat.S_ISLNK(mode):
        return f"'{f}' là liên kết tượng trưng", f"'{f}' is a symbolic link"
    path = f.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[a-zA-Z]:", path):
        return f"'{f}' là đường dẫn tuyệt đối", f"'{f}' is an absolute path"
    if ".." in PurePosixPath(path).parts:
        return f"'{f}' chứa '..' (trỏ ra ngoài thư mục giải nén)", f"'{f}' contains '..' (points outside the folder it unpacks into)"
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # a device, a pipe … (0: no type recorded)
        return f"'{f}' không phải tệp thường", f"'{f}' is not a regular file"
    return None


def unpack(archive: Path, dest: Path, *, max_total: int = MAX_TOTAL_BYTES, max_ratio: int = MAX_RATIO,
           max_members: int = MAX_MEMBERS) -> None:
    """Unpack `archive` into the empty folder `dest`, or raise ArchiveRefused with the problem (nothing is kept)."""
    name = archive.name

    def refuse(code: str, detail: str, detail_en: str):
        raise ArchiveRefused(Problem(name, code=code, detail=detail, detail_en=detail_en))

    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        refuse("archive-unreadable", f"không phải tệp ZIP đọc được ({type(exc).__name__})",
               f"not a readable ZIP file ({type(exc).__name__})")
    with zf:
        members = zf.infolist()
        if len(members) > max_members:
            refuse("archive-too-large", f"{thousands(len(members))} tệp, tối đa {thousands(max_members)}",
                   f"{len(members):,} files, at most {max_members:,}")
        total = sum(m.file_size for m in members)
        if total > max_total:
            refuse("archive-too-large", f"giải nén ra {thousands(total)} byte, tối đa {thousands(max_total)} byte",
                   f"unpacks to {total:,} bytes, at most {max_total:,} bytes")
        root = dest.resolve()
        for info in members:
            why = _member_problem(name, info)
            if why:
                refuse("archive-unsafe", *why)
            target = (dest / info.filename.replace("\\", "/")).resolve()
            if not target.is_relative_to(root):
                refuse("archive-unsafe", f"'{info.filename}' trỏ ra ngoài thư mục giải nén",
                       f"'{info.filename}' points outside the folder it unpacks into")
            if info.file_size > max_ratio * max(info.compress_size, 1) and info.file_size > _CHUNK:
                refuse("archive-ratio", f"'{info.filename}': {thousands(info.compress_size)} byte nén thành "
                                        f"{thousands(info.file_size)} byte (hơn {max_ratio} lần)",
                       f"'{info.filename}': {info.compress_size:,} packed bytes unpack to {info.file_size:,} bytes "
                       f"(more than {max_ratio} times)")
        written = 0
        for info in members:
            target = dest / info.filename.replace("\\", "/")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            size = 0
            try:
                with zf.open(info) as src, open(target, "xb") as out:
                    while chunk := src.read(_CHUNK):
                        size += len(chunk)
                        written += len(chunk)
                        if size > info.file_size or written > max_total:  # the archive lied about its sizes
                            refuse("archive-too-large", f"'{info.filename}' giải nén ra nhiều hơn kích thước khai báo",
                                   f"'{info.filename}' unpacks to more than its declared size")
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                refuse("archive-unreadable", f"'{info.filename}': {type(exc).__name__}",
                       f"'{info.filename}': {type(exc).__name__}")
