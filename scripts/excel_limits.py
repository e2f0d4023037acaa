"""Limits on an uploaded workbook, checked on the zip itself before openpyxl parses anything.

An .xlsx is a zip of XML parts. A small file can unpack to gigabytes, declare a sheet of 1,048,576 × 16,384 cells,
or hold a million rows; openpyxl would spend minutes and gigabytes on each before any check of ours ran. So the
import first reads only the zip's directory and streams the sheets it will import through a cheap scan:

* the file's size, the number of parts, their unpacked size and compression ratio (from the zip directory; zipfile
  never unpacks a part beyond its declared size, it fails instead), and the shared-strings part's size;
* for each sheet to import: the dimension it declares, and its real extent (rows, and the farthest column holding a
  cell), scanned from the XML before openpyxl reads a cell.

Every limit is one field of Limits, with its own problem code (CONTRIBUTING.md lists them). The scan's extent is
also what the import compares the rows openpyxl returned with (a stale <dimension> once made it stop early).
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20 * MIB              # excel-file-too-large: the .xlsx itself
    parts: int = 1000                       # excel-too-many-parts: files inside the zip
    unpacked_bytes: int = 256 * MIB         # excel-unpacked-too-large: all parts unpacked together
    ratio: int = 100                        # excel-compression-suspicious: unpacked ÷ packed, for a part of 1 MiB or more
    shared_strings_bytes: int = 64 * MIB    # excel-shared-strings-too-large: xl/sharedStrings.xml unpacked
    rows: int = 100_000                     # excel-too-many-rows: data rows of one sheet (declared or real)
    extra_columns: int = 10                 # excel-too-many-columns: columns read beyond the template's


RATIO_FLOOR = MIB  # smaller parts may compress as well as they like: they cannot cost much
# Which limit each code stands for (CONTRIBUTING.md and a test keep these three in step).
CODES = {"file_bytes": "excel-file-too-large", "parts": "excel-too-many-parts",
         "unpacked_bytes": "excel-unpacked-too-large", "ratio": "excel-compression-suspicious",
         "shared_strings_bytes": "excel-shared-strings-too-large", "rows": "excel-too-many-rows",
         "extra_columns": "excel-too-many-columns"}


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _mib(value: int) -> str:
    return f"{value / MIB:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".") + " MiB"


def _mib_en(value: int) -> str:
    return f"{value / MIB:,.1f} MiB"


@dataclass
class Finding:
    """A limit passed: its code and the detail (where, how much, the limit) in Vietnamese and English."""

    code: str
    detail: str
    sheet: str = ""
    detail_en: str | None = None


@dataclass
class Contents:
    """What the zip's own small parts say: sheet name → worksheet part, and the workbook's identifier."""

    sheets: dict[str, str] = field(default_factory=dict)
    identifier: str | None = None


@dataclass
class Extent:
    """A worksheet as scanned: its declared dimension and where its cells really are."""

    declared: str | None = None
    declared_rows: int = 0
    declared_columns: int = 0
    rows_with_cells: int = 0        # <row> elements that hold at least one <c> within the columns read
    last_row: int = 0               # the last of those rows
    farthest_column: int = 0        # the farthest column holding a <c>, and one such cell
    farthest_cell: str = ""


# --- the zip directory ----------------------------------------------------------------------------------------------
def check_container(path: Path, limits: Limits) -> list[Finding]:
    """Size, parts, unpacked size, ratio and shared strings, from the zip directory alone. Raises zipfile.BadZipFile
    (and OSError) for a file that is not a zip; the caller reports it as unreadable."""
    found = []
    size = path.stat().st_size
    if size > limits.file_bytes:
        found.append(Finding("excel-file-too-large", f"{path.name}: {_mib(size)}, giới hạn {_mib(limits.file_bytes)}",
                             detail_en=f"{path.name}: {_mib_en(size)}, the limit is {_mib_en(limits.file_bytes)}"))
        return found  # nothing else is opened
    entries, directory = _directory_size(path)
    if entries > limits.parts or directory > limits.parts * DIRECTORY_ENTRY:
        found.append(Finding("excel-too-many-parts", f"{_n(entries)} phần trong tệp (danh mục {_mib(directory)}), "
                                                     f"giới hạn {_n(limits.parts)}",
                             detail_en=f"{entries:,} parts in the file (directory {_mib_en(directory)}), the limit is "
                                       f"{limits.parts:,}"))
        return found  # zipfile would read every entry of the directory into memory first
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        if len(infos) > limits.parts:
            found.append(Finding("excel-too-many-parts", f"{_n(len(infos))} phần trong tệp, giới hạn {_n(limits.parts)}",
                                 detail_en=f"{len(infos):,} parts in the file, the limit is {limits.parts:,}"))
            return found
        total = sum(i.file_size for i in infos)
        if total > limits.unpacked_bytes:
            found.append(Finding("excel-unpacked-too-large",
                                 f"giải nén ra {_mib(total)}, giới hạn {_mib(limits.unpacked_bytes)}",
                                 detail_en=f"unpacks to {_mib_en(total)}, the limit is {_mib_en(limits.unpacked_bytes)}"))
        for i in infos:
            if i.file_size >= RATIO_FLOOR and i.file_size > limits.ratio * max(i.compress_size, 1):
                found.append(Finding("excel-compression-suspicious",
                                     f"'{i.filename[:80]}': {_mib(i.compress_size)} giải nén ra {_mib(i.file_size)} "
                                     f"(gấp {_n(i.file_size // max(i.compress_size, 1))} lần; giới hạn {limits.ratio} lần)",
                                     detail_en=f"'{i.filename[:80]}': {_mib_en(i.compress_size)} unpacks to "
                                               f"{_mib_en(i.file_size)} ({i.file_size // max(i.compress_size, 1):,} times; "
                                               f"the limit is {limits.ratio} times)"))
        strings = _shared_strings_parts(z)
        for i in infos:
            if i.filename in strings and i.file_size > limits.shared_strings_bytes:
                found.append(Finding("excel-shared-strings-too-large",
                                     f"'{i.filename[:80]}': {_mib(i.file_size)}, giới hạn {_mib(limits.shared_strings_bytes)}",
                                     detail_en=f"'{i.filename[:80]}': {_mib_en(i.file_size)}, the limit is "
                                               f"{_mib_en(limits.shared_strings_bytes)}"))
    return found


DIRECTORY_ENTRY = 1024  # bytes of the zip's directory one part may take (46 and its name: a real one needs ~100)


def _directory_size(path: Path) -> tuple[int, int]:
    """(entries, bytes) of the zip's central directory, as its end record states them, read from the file's last
    64 KiB before zipfile reads the directory itself (which it does whole, into memory: 400,000 entries took 20 s and
    360 MB). zipfile reads as many bytes as the end record says, so bounding them bounds its work. Raises
    zipfile.BadZipFile when there is no end record."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        end = fh.tell()
        fh.seek(max(0, end - 65_536 - 22))
        tail = fh.read()
        at = tail.rfind(b"PK\x05\x06")
        if at == -1 or len(tail) - at < 22:
            raise zipfile.BadZipFile("no end of central directory record")
        entries = int.from_bytes(tail[at + 10: at + 12], "little")
        size = int.from_bytes(tail[at + 12: at + 16], "little")
        locator = at - 20
        if locator >= 0 and tail[locator: locator + 4] == b"PK\x06\x07":  # zip64: the real counts are elsewhere
            fh.seek(int.from_bytes(tail[locator + 8: locator + 16], "little"))
            record = fh.read(56)
            if record[:4] != b"PK\x06\x06":
                raise zipfile.BadZipFile("bad zip64 end of central directory record")
            entries = max(entries, int.from_bytes(record[32:40], "little"))
            size = max(size, int.from_bytes(record[40:48], "little"))
    return entries, size


_ATTR = r"""\s{name}\s*=\s*(["'])(.*?)\1"""


def _attr(tag: str, name: str) -> str | None:
    m = re.search(_ATTR.format(name=name), tag, flags=re.S)
    return html.unescape(m.group(2)) if m else None


def _small(z: zipfile.ZipFile, name: str, limit: int = 4 * MIB) -> str:
    """A small XML part as text ('' when absent or larger than limit: a real one is a few kilobytes)."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return ""
    if info.file_size > limit:
        return ""
    return z.read(info).decode("utf-8", errors="replace")


def _shared_strings_parts(z: zipfile.ZipFile) -> set[str]:
    parts = {"xl/sharedStrings.xml"}
    for tag in re.findall(r"<(?:\w+:)?Override\b[^>]*>", _small(z, "[Content_Types].xml")):
        if (_attr(tag, "ContentType") or "").endswith("sharedStrings+xml"):
            parts.add((_attr(tag, "PartName") or "").lstrip("/"))
    return parts


def read_package(path: Path) -> Contents:
    """Sheet names and their parts (xl/workbook.xml and its relationships), and the identifier (docProps/core.xml),
    read with a few regular expressions from parts of a few kilobytes: no XML parser runs on the upload here."""
    package = Contents()
    with zipfile.ZipFile(path) as z:
        targets = {}
        for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", _small(z, "xl/_rels/workbook.xml.rels")):
            rid, target = _attr(tag, "Id"), _attr(tag, "Target")
            if rid and target:
                targets[rid] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        for tag in re.findall(r"<(?:\w+:)?sheet\s[^>]*>", _small(z, "xl/workbook.xml")):
            name, rid = _attr(tag, "name"), _attr(tag, r"\w+:id")
            if name is not None and rid in targets:
                package.sheets[name] = targets[rid]
        m = re.search(r"<(?:\w+:)?identifier\b[^>]*>([^<]*)<", _small(z, "docProps/core.xml"))
        package.identifier = html.unescape(m.group(1)).strip() if m else None
    return package


# --- one worksheet ---------------------------------------------------------------------------------------------------
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)(?=[\s/>])([^>]*)>")
_R = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def scan_sheet(path: Path, part: str, columns: int, max_rows: int) -> Extent:
    """Stream one worksheet part and record its declared dimension and real extent. Stops early (the extent then
    says so) once more than max_rows + 1 rows hold cells: the sheet is refused anyway.
    `columns`: how many columns the import reads; rows_with_cells counts the rows with a cell among them."""
    extent = Extent()
    row = col = 0
    row_counted = False
    numbers: dict[bytes, int] = {}  # column letters → number, computed once per column
    with zipfile.ZipFile(path) as z, z.open(part) as fh:
        tail = b""
        while chunk := fh.read(MIB):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut != -1 and data.find(b">", cut) == -1:  # a tag split between two chunks: finish it next time
                data, tail = data[:cut], data[cut:]
            else:
                tail = b""
            for m in _TAG.finditer(data):
                name, attrs = m.group(1), m.group(2)
                r = _R.search(attrs)
                if name == b"c":
                    letters = r.group(1) if r else b""
                    if not letters:
                        col += 1
                    elif (col := numbers.get(letters, 0)) == 0:
                        col = numbers[letters] = column_number(letters.decode())
                    if col > extent.farthest_column:
                        extent.farthest_column, extent.farthest_cell = col, f"{column_letters(col)}{row}"
                    if col <= columns and not row_counted:
                        row_counted = True
                        extent.rows_with_cells += 1
                        extent.last_row = max(extent.last_row, row)
                elif name == b"row":
                    row = int(r.group(2)) if r and r.group(2) else row + 1
                    col, row_counted = 0, False
                    if extent.rows_with_cells > max_rows + 1 or row > max_rows + 1:
                        extent.last_row = max(extent.last_row, row)
                        return extent
                elif extent.declared is None:
                    ref = (_attr(attrs.decode("utf-8", "replace"), "ref") or "").strip()
                    extent.declared = ref
                    m2 = _REF.match(ref)
                    if m2:
                        last_col, last_row = (m2.group(3), m2.group(4)) if m2.group(3) else (m2.group(1), m2.group(2))
                        extent.declared_rows, extent.declared_columns = int(last_row), column_number(last_col)
            if extent.declared_rows > max_rows + 1:  # refused on what it declares: no need to read further
                return extent
    return extent


def check_sheet(sheet: str, extent: Extent, template_columns: int, limits: Limits) -> list[Finding]:
    """The limits on one sheet to import: rows (declared and real) and columns beyond the template's."""
    found = []
    cap = template_columns + limits.extra_columns
    if extent.declared_rows > limits.rows + 1 or extent.declared_columns > cap:
        code = "excel-too-many-rows" if extent.declared_rows > limits.rows + 1 else "excel-too-many-columns"
        found.append(Finding(code, f"trang tính '{sheet}' khai báo vùng dữ liệu {extent.declared} "
                                   f"({_n(extent.declared_rows)} dòng × {_n(extent.declared_columns)} cột); giới hạn "
                                   f"{_n(limits.rows)} dòng dữ liệu và {_n(cap)} cột", sheet,
                             detail_en=f"sheet '{sheet}' declares the data range {extent.declared} "
                                       f"({extent.declared_rows:,} rows × {extent.declared_columns:,} columns); the limit "
                                       f"is {limits.rows:,} data rows and {cap:,} columns"))
        return found
    if extent.last_row > limits.rows + 1 or extent.rows_with_cells > limits.rows + 1:
        found.append(Finding("excel-too-many-rows", f"trang tính '{sheet}' có hơn {_n(limits.rows)} dòng dữ liệu "
                                                    f"(đã đếm tới dòng {_n(extent.last_row)})", sheet,
                             detail_en=f"sheet '{sheet}' has more than {limits.rows:,} data rows (counted up to row "
                                       f"{extent.last_row:,})"))
    if extent.farthest_column > cap:
        found.append(Finding("excel-too-many-columns",
                             f"trang tính '{sheet}' có ô {extent.farthest_cell} ở cột {_n(extent.farthest_column)}; "
                             f"mẫu có {template_columns} cột, đọc tối đa {_n(cap)} cột", sheet,
                             detail_en=f"sheet '{sheet}' has cell {extent.farthest_cell} in column "
                                       f"{extent.farthest_column:,}; the template has {template_columns} columns, at "
                                       f"most {cap:,} columns are read"))
    return found
