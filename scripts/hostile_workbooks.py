"""SYNTHETIC hostile workbooks, for the tests and `make bench` only (never committed, never under datasets/).

Each one is a real Excel template of a dataset (python -m scripts template) with one part rewritten the way an
attacker, or a broken program, would: a stale or huge declared dimension, gigabytes of shared or inline strings in a
file of about a megabyte, a million rows, a cell in the last column, 200,000 parts. The parts are streamed into
the zip, so making a 1 GiB one costs seconds and little memory.
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from scripts.excel_limits import MIB, read_package

MARK = "SYNTHETIC hostile test data"


def _copy(template: Path, out: Path, replace: dict[str, Callable[[bytes], Iterator[bytes]]],
          add: dict[str, Iterator[bytes]] | None = None) -> Path:
    """The template's zip with some parts rewritten (function of the old bytes → new chunks) and some added."""
    def stream(dst: zipfile.ZipFile, name: str, chunks: Iterator[bytes]) -> None:
        info = zipfile.ZipInfo(name, (2021, 1, 7, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as fh:
            for chunk in chunks:
                fh.write(chunk)

    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in replace:
                stream(dst, info.filename, replace[info.filename](data))
            else:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, chunks in (add or {}).items():
            stream(dst, name, chunks)
    return out


def _sheet_part(template: Path, sheet: str) -> str:
    return read_package(template).sheets[sheet]


def _last_row(xml: bytes) -> int:
    rows = re.findall(rb'<row r="(\d+)"', xml)
    return int(rows[-1]) if rows else 0


def _append_rows(rows: Callable[[int], Iterator[bytes]], dimension: str | None = None):
    """A rewrite that adds rows (made by rows(first free row number)) at the end of sheetData."""
    def rewrite(xml: bytes) -> Iterator[bytes]:
        if dimension is not None:
            xml = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), xml, count=1)
        head, tail = xml.split(b"</sheetData>", 1)
        yield head
        yield from rows(_last_row(head) + 1)
        yield b"</sheetData>" + tail
    return rewrite


def _batched(lines: Iterator[bytes], size: int = MIB) -> Iterator[bytes]:
    buf, n = [], 0
    for line in lines:
        buf.append(line)
        n += len(line)
        if n >= size:
            yield b"".join(buf)
            buf, n = [], 0
    if buf:
        yield b"".join(buf)


def added_rows(template: Path, out: Path, sheet: str, rows: list[list[str]], numbers: list[int] | None = None) -> Path:
    """New rows written after the data as text cells, the sheet's <dimension> left as the template had it: stale,
    as some programs leave it (openpyxl's read-only mode stopped there and the rows were silently lost).
    `numbers`: the rows' r attributes (default: the next free rows, in order)."""
    part = _sheet_part(template, sheet)

    def make(first: int) -> Iterator[bytes]:
        for i, values in enumerate(rows):
            r = numbers[i] if numbers else first + i
            cells = "".join(f'<c r="{chr(65 + j)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for j, v in enumerate(values) if v)
            yield f'<row r="{r}">{cells}</row>'.encode()
    return _copy(template, out, {part: _append_rows(make)})


def huge_dimension(template: Path, out: Path, sheet: str) -> Path:
    """About 11 KB: declares A1:XFD1048576 and has one cell in the very last row and column."""
    part = _sheet_part(template, sheet)
    return _copy(template, out, {part: _append_rows(
        lambda first: iter([f'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>{MARK}</t></is></c></row>'.encode()]),
        dimension="A1:XFD1048576")})


def cell_in_last_column(template: Path, out: Path, sheet: str) -> Path:
    """A single cell in column XFD of a data row, the dimension stating it honestly."""
    part = _sheet_part(template, sheet)
    return _copy(template, out, {part: _append_rows(
        lambda first: iter([f'<row r="{first}"><c r="A{first}" t="inlineStr"><is><t>x</t></is></c>'
                            f'<c r="XFD{first}" t="inlineStr"><is><t>{MARK}</t></is></c></row>'.encode()]),
        dimension=None)})


def many_rows(template: Path, out: Path, sheet: str, rows: int = 1_000_000) -> Path:
    """`rows` more rows of one short cell each."""
    part = _sheet_part(template, sheet)

    def make(first: int) -> Iterator[bytes]:
        return _batched(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x{r}</t></is></c></row>'.encode()
                        for r in range(first, first + rows))
    return _copy(template, out, {part: _append_rows(make)})


def inline_strings(template: Path, out: Path, sheet: str, total: int = 1024 * MIB) -> Path:
    """`total` bytes of inline text in new rows: one 32,000-character cell per row (Excel allows 32,767)."""
    part = _sheet_part(template, sheet)
    text = ("A" * 32_000).encode()

    def make(first: int) -> Iterator[bytes]:
        return _batched(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (r, r, text)
                        for r in range(first, first + total // len(text) + 1))
    return _copy(template, out, {part: _append_rows(make)})


def shared_strings(template: Path, out: Path, total: int = 1024 * MIB) -> Path:
    """A shared-strings table of `total` bytes (32,000-character strings), declared in [Content_Types].xml."""
    text = b"<si><t>" + b"A" * 32_000 + b"</t></si>"
    count = total // len(text) + 1

    def table() -> Iterator[bytes]:
        yield (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
               % (count, count))
        yield from _batched(text for _ in range(count))
        yield b"</sst>"

    def types(xml: bytes) -> Iterator[bytes]:
        yield xml.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                       b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    return _copy(template, out, {"[Content_Types].xml": types}, {"xl/sharedStrings.xml": table()})


def many_parts(template: Path, out: Path, parts: int = 200_000) -> Path:
    """`parts` empty extra files inside the zip (200,000 fit in about 17 MB)."""
    with zipfile.ZipFile(_copy(template, out, {}), "a") as z:
        for i in range(parts):
            z.writestr(zipfile.ZipInfo(f"{i}", (2021, 1, 7, 0, 0, 0)), b"")
    return out


def hostile_set(template: Path, folder: Path, sheet: str) -> dict[str, Path]:
    """The workbooks of issue 15, full size, for make bench."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "huge-dimension": huge_dimension(template, folder / "huge-dimension.xlsx", sheet),
        "cell-in-last-column": cell_in_last_column(template, folder / "cell-in-last-column.xlsx", sheet),
        "shared-strings-1gib": shared_strings(template, folder / "shared-strings.xlsx"),
        "inline-strings-1gib": inline_strings(template, folder / "inline-strings.xlsx", sheet),
        "rows-1000000": many_rows(template, folder / "rows.xlsx", sheet),
        "parts-200000": many_parts(template, folder / "parts.xlsx"),
    }
