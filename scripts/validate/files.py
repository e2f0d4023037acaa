"""Checks on a resource's file before anything parses it: where it is, its size, its bytes."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scripts.problems import Problem

MAX_FILE_BYTES = 200 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
_LINES = re.compile(r"\r\n|\r|\n")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# The only profiles frictionless does not load from a URL or a file.
SAFE_PROFILES = {"package": ("data-package", "tabular-data-package"), "resource": ("data-resource", "tabular-data-resource")}


def unsafe_path(path: str) -> str | None:
    """Why a path may not be followed (a URL, an absolute path, '..'), or None."""
    if _SCHEME.match(path) or path.startswith("//"):
        return f"'{path}' là địa chỉ mạng; dữ liệu phải nằm trong kho"
    if path.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", path):
        return f"'{path}' là đường dẫn tuyệt đối"
    if ".." in re.split(r"[\\/]", path):
        return f"'{path}' chứa '..'"
    return None


def remote_references(dataset: str, descriptor: dict, resource: str | None = None) -> list[Problem]:
    """Properties frictionless would fetch or read before any check: a profile other than the standard ones, and a
    schema or dialect given as a URL or a path out of the folder. They are refused, never followed."""
    level = "package" if resource is None else "resource"
    problems = []
    profile = descriptor.get("profile")
    if isinstance(profile, str) and profile not in SAFE_PROFILES[level]:
        problems.append(Problem(dataset, resource=resource or "", field="profile", code="path-unsafe",
                                detail=f"profile '{profile[:80]}' không phải hồ sơ chuẩn (frictionless sẽ tải hoặc đọc nó); "
                                       f"dùng {SAFE_PROFILES[level][1]}"))
    for key in ("schema", "dialect") if level == "resource" else ():
        value = descriptor.get(key)
        reason = unsafe_path(value) if isinstance(value, str) else None
        if reason:
            problems.append(Problem(dataset, resource=resource, field=key, code="path-unsafe", detail=reason))
    return problems


def resolve_resource_path(dataset: str, resource: str, folder: Path, path: object) -> tuple[Path | None, list[Problem]]:
    """Return the file a resource points to, or the reasons it may not be read (URL, absolute, '..', link out)."""
    where = dict(dataset=dataset, resource=resource, field="path")
    if not isinstance(path, str) or not path.strip():
        return None, [Problem(**where, code="path-unsafe", detail="path phải là một chuỗi, ví dụ data/ten.csv")]
    reason = unsafe_path(path)
    if reason:
        return None, [Problem(**where, code="path-unsafe", detail=reason)]
    target = folder / path
    try:
        real = target.resolve(strict=False)
        inside = real.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        return None, [Problem(**where, code="path-unsafe", detail=f"'{path}' trỏ ra ngoài thư mục bộ dữ liệu")]
    if not target.is_file():
        return None, [Problem(**where, code="file-missing", detail=f"không có tệp '{path}'")]
    return target, []


def read_text(dataset: str, resource: str, file: Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a data file as UTF-8 text, or say why it cannot be published (size, BOM, encoding, NFC)."""
    where = dict(dataset=dataset, resource=resource)
    size = file.stat().st_size
    if size > max_bytes:
        return None, [Problem(**where, code="file-too-large", detail=f"{size:,} byte, giới hạn {max_bytes:,} byte".replace(",", "."))]
    if size == 0:
        return None, [Problem(**where, code="file-empty")]
    data = file.read_bytes()
    if data.startswith(BOM):
        return None, [Problem(**where, row=1, code="encoding-bom", detail="3 byte EF BB BF ở đầu tệp")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(**where, row=line, code="encoding-not-utf8",
                              detail=f"byte 0x{data[exc.start]:02X} ở vị trí {exc.start} không phải UTF-8")]
    if not text.strip():
        return None, [Problem(**where, code="file-empty")]
    problems = []
    if not unicodedata.is_normalized("NFC", text):
        for number, line in enumerate(_LINES.split(text), 1):  # CSV line breaks only, not U+2028 and the like
            if not unicodedata.is_normalized("NFC", line):
                problems.append(Problem(**where, row=number, code="text-not-nfc", detail=line[:60]))
                break
    if "\r" in text:
        crlf = text.count("\r\n")
        bare_cr = text.count("\r") - crlf
        bare_lf = text.count("\n") - crlf
        if bare_cr or (crlf and bare_lf and '"' not in text):
            problems.append(Problem(**where, code="line-endings-mixed",
                                    detail=f"{crlf} CRLF, {bare_lf} LF, {bare_cr} CR"))
    return text, problems
