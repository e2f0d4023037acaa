"""Checks on a dataset's files before anything parses them: where they are (safe_file, the one rule for every
file a dataset refers to), their size, their bytes."""
from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from pathlib import Path, PurePath

from scripts.problems import Problem, as_is, details, thousands

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TEXT_BYTES = 1024 * 1024  # README.md, LICENSE, a schema or a dialect file: small texts, read whole
TEXTS = ("README.md", "LICENSE", "LICENSE.md", "LICENSE.txt")  # files beside the descriptor that are published or
# could be: README.md goes into the dataset's ZIP as it was validated
BOM = b"\xef\xbb\xbf"
_LINES = re.compile(r"\r\n|\r|\n")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# The only profiles frictionless does not load from a URL or a file.
SAFE_PROFILES = {"package": ("data-package", "tabular-data-package"), "resource": ("data-resource", "tabular-data-resource")}


def unsafe_path(path: str) -> dict[str, str] | None:
    """Why a path may not be followed (a URL, an absolute path, '..'), as a problem's details, or None."""
    if path.startswith(("/", "\\")) and not path.startswith("//") or re.match(r"^[a-zA-Z]:", path):
        # a drive letter ('C:\\x.csv', 'D:x.csv') is not a URL scheme
        return details(f"'{path}' là đường dẫn tuyệt đối", f"'{path}' is an absolute path")
    if _SCHEME.match(path) or path.startswith("//"):
        return details(f"'{path}' là địa chỉ mạng; dữ liệu phải nằm trong kho",
                       f"'{path}' is a network address; the data must be in the repository")
    if ".." in re.split(r"[\\/]", path):
        return details(f"'{path}' chứa '..'", f"'{path}' contains '..'")
    return None


def remote_references(dataset: str, descriptor: dict, resource: str | None = None) -> list[Problem]:
    """Properties frictionless would fetch or read before any check: a profile other than the standard ones, and a
    schema or dialect given as a URL or a path out of the folder. They are refused, never followed."""
    level = "package" if resource is None else "resource"
    problems = []
    profile = descriptor.get("profile")
    if isinstance(profile, str) and profile not in SAFE_PROFILES[level]:
        problems.append(Problem(dataset, resource=resource or "", field="profile", code="path-unsafe",
                                **details(f"profile '{profile[:80]}' không phải hồ sơ chuẩn (frictionless sẽ tải hoặc "
                                          f"đọc nó); dùng {SAFE_PROFILES[level][1]}",
                                          f"profile '{profile[:80]}' is not a standard profile (frictionless would "
                                          f"fetch or read it); use {SAFE_PROFILES[level][1]}")))
    for key in ("schema", "dialect") if level == "resource" else ():
        value = descriptor.get(key)
        reason = unsafe_path(value) if isinstance(value, str) else None
        if reason:
            problems.append(Problem(dataset, resource=resource, field=key, code="path-unsafe", **reason))
    return problems


def _missing(rel: str) -> dict[str, str]:
    return details(f"không có tệp '{rel}'", f"no file '{rel}'")


def safe_file(dataset: str, folder: Path, rel: str, *, resource: str = "", field: str = "") -> tuple[Path | None, list[Problem]]:
    """The regular file `rel` names inside `folder`, or why it may not be read. The one rule for every file a
    dataset refers to (data, schema, dialect, README.md, LICENSE): no URL, no absolute path, no '..', no symbolic
    link at any step below the folder (even one that points inside: what a link points to can change after the
    check), and the resolved file inside the folder. The folder itself is checked by validate_datasets."""
    where = dict(dataset=dataset, resource=resource, field=field)
    reason = unsafe_path(rel)
    if reason:
        return None, [Problem(**where, code="path-unsafe", **reason)]
    parts = PurePath(rel).parts
    current, mode = folder, None
    for i, part in enumerate(parts):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None, [Problem(**where, code="file-missing", **_missing(rel))]
        if stat.S_ISLNK(mode):
            step = "/".join(parts[: i + 1])
            return None, [Problem(**where, code="path-unsafe",
                                  **details(f"'{step}' là liên kết tượng trưng; chép tệp thật vào thư mục bộ dữ liệu",
                                            f"'{step}' is a symbolic link; copy the real file into the dataset folder"))]
    if mode is None or not stat.S_ISREG(mode):
        return None, [Problem(**where, code="file-missing",
                              **details(f"'{rel}' không phải là một tệp", f"'{rel}' is not a file"))]
    try:
        inside = current.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except FileNotFoundError:  # removed since it was looked at: missing, not a way out of the folder
        return None, [Problem(**where, code="file-missing", **_missing(rel))]
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        return None, [Problem(**where, code="path-unsafe", **details(f"'{rel}' trỏ ra ngoài thư mục bộ dữ liệu",
                                                                     f"'{rel}' points outside the dataset folder"))]
    return current, []


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, opened without following a symbolic link (one swapped in after safe_file raises)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(f"{path.name}: not a regular file")
        return fh.read()


def resolve_resource_path(dataset: str, resource: str, folder: Path, path: object) -> tuple[Path | None, list[Problem]]:
    """Return the file a resource points to, or the reasons it may not be read (see safe_file)."""
    if not isinstance(path, str) or not path.strip():
        return None, [Problem(dataset, resource=resource, field="path", code="path-unsafe",
                              **details("path phải là một chuỗi, ví dụ data/ten.csv",
                                        "path must be a text, for example data/name.csv"))]
    return safe_file(dataset, folder, path, resource=resource, field="path")


def _small_file(dataset: str, folder: Path, rel: str, resource: str, field: str = "") -> tuple[bytes | None, list[Problem]]:
    path, problems = safe_file(dataset, folder, rel, resource=resource, field=field)
    if path is None:
        return None, problems
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        return None, [Problem(dataset, resource=resource, field=field, code="file-too-large",
                              **details(f"'{rel}': {thousands(size)} byte, giới hạn {thousands(MAX_TEXT_BYTES)} byte",
                                        f"'{rel}': {size:,} bytes, at most {MAX_TEXT_BYTES:,} bytes"))]
    return read_bytes(path), []


def dataset_texts(dataset: str, folder: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """README.md and LICENSE files beside the descriptor, read once through safe_file: the bytes the ZIP writer
    publishes are these, never a second read of the folder."""
    texts, problems = {}, []
    for name in TEXTS:
        if not os.path.lexists(folder / name):
            continue
        data, found = _small_file(dataset, folder, name, resource=name)
        problems += found
        if data is not None:
            texts[name] = data
    return texts, problems


def inline_references(dataset: str, descriptor: dict, folder: Path) -> list[Problem]:
    """A resource's schema or dialect given as a relative path is read here, through safe_file, and put in the
    descriptor in its place: frictionless then never opens a file of its own, and the project's rules check it like
    an inline one. URLs and paths out of the folder are left for remote_references to report. A reference that
    cannot be read stays a string; its problem (resource, field schema|dialect) tells the caller to skip it."""
    problems = []
    for resource in descriptor.get("resources") or []:
        if not isinstance(resource, dict):
            continue
        rname = str(resource.get("name", ""))
        for key, code in (("schema", "schema-invalid"), ("dialect", "package-invalid")):
            value = resource.get(key)
            if not isinstance(value, str) or unsafe_path(value):
                continue
            data, found = _small_file(dataset, folder, value, rname, key)
            if data is None:
                problems += found
                continue
            try:
                parsed = json.loads(data.decode("utf-8"))
            except UnicodeDecodeError as exc:
                problems.append(Problem(dataset, resource=rname, field=key, code="encoding-not-utf8",
                                        **as_is(f"'{value}': {exc}"[:160])))
                continue
            except json.JSONDecodeError as exc:
                problems.append(Problem(dataset, resource=rname, field=key, code=code,
                                        **details(f"'{value}' dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
                                                  f"'{value}' line {exc.lineno}, column {exc.colno}: {exc.msg}")))
                continue
            except RecursionError:
                parsed = None
            if not isinstance(parsed, dict):
                problems.append(Problem(dataset, resource=rname, field=key, code=code,
                                        **details(f"'{value}' phải là một đối tượng JSON {{…}}",
                                                  f"'{value}' must be a JSON object {{…}}")))
                continue
            resource[key] = parsed
    return problems


def read_text(dataset: str, resource: str, file: Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a data file as UTF-8 text, or say why it cannot be published (size, BOM, encoding, NFC)."""
    _, text, problems = read_data(dataset, resource, file, max_bytes)
    return text, problems


def read_data(dataset: str, resource: str, file: Path,
              max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes | None, str | None, list[Problem]]:
    """read_text, with the bytes the text was decoded from (its UTF-8 encoding: they need not be made again)."""
    where = dict(dataset=dataset, resource=resource)
    size = file.stat().st_size
    if size > max_bytes:
        return None, None, [Problem(**where, code="file-too-large",
                                    **details(f"{thousands(size)} byte, giới hạn {thousands(max_bytes)} byte",
                                              f"{size:,} bytes, at most {max_bytes:,} bytes"))]
    if size == 0:
        return None, None, [Problem(**where, code="file-empty")]
    data = read_bytes(file)
    if data.startswith(BOM):
        return None, None, [Problem(**where, row=1, code="encoding-bom",
                                    **details("3 byte EF BB BF ở đầu tệp", "3 bytes EF BB BF at the start of the file"))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, None, [Problem(**where, row=line, code="encoding-not-utf8",
                                    **details(f"byte 0x{data[exc.start]:02X} ở vị trí {exc.start} không phải UTF-8",
                                              f"byte 0x{data[exc.start]:02X} at position {exc.start} is not UTF-8"))]
    if not text or text.isspace():  # not text.strip(), which would copy the whole file to say the same
        return None, None, [Problem(**where, code="file-empty")]
    problems = []
    if not unicodedata.is_normalized("NFC", text):
        for number, line in enumerate(_LINES.split(text), 1):  # CSV line breaks only, not U+2028 and the like
            if not unicodedata.is_normalized("NFC", line):
                problems.append(Problem(**where, row=number, code="text-not-nfc", **as_is(line[:60])))
                break
    if "\r" in text:
        crlf = text.count("\r\n")
        bare_cr = text.count("\r") - crlf
        bare_lf = text.count("\n") - crlf
        if bare_cr or (crlf and bare_lf and '"' not in text):
            problems.append(Problem(**where, code="line-endings-mixed",
                                    **as_is(f"{crlf} CRLF, {bare_lf} LF, {bare_cr} CR")))
    return data, text, problems
