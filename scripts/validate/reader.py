"""One reader: every table is read as frictionless reads it, whatever its format, for the project's rules.

frictionless decides the format, sniffs the CSV dialect (a ';' or tab separated file is read with its separator),
reads the header and numbers the rows; the cells come from the same parser with the same settings (Python's csv
module for CSV and TSV, frictionless's own cell stream for JSON). So a personal-data column or a small count is
seen whatever the format and the dialect, and every problem has the row number frictionless gives.

Two checks come before any parsing, since parsing is what they protect: the format (anything not in
scripts/formats.py is refused, never decoded as text) and the width of the header (a header of a million columns
would take gigabytes in frictionless or pandas).
"""
from __future__ import annotations

import csv
import gc
import io
import itertools
import json
import os
import sys
from decimal import Decimal

import pandas as pd

from scripts.formats import MAX_COLUMNS, PUBLISHED, READABLE, listed

COMPRESSION = ("zip", "gz", "bz2", "xz")  # what frictionless would unpack (settings.COMPRESSION_FORMATS)
_CHUNK = 65_536  # rows turned into a DataFrame at a time, so the lists of cells never hold the whole file


def resource_format(resource: dict, path: str, publish: bool) -> tuple[str | None, str]:
    """The format frictionless would read the resource as (declared, else from the path's extension, as its
    detector does), and why it may not be read ('' when it may). None when the descriptor's value is not a
    string: frictionless reports that."""
    ext = os.path.splitext(path)[1][1:].lower()
    compression = resource.get("compression") or (ext if ext in COMPRESSION else None)
    inner = os.path.splitext(path[: -len(ext) - 1])[1][1:].lower() if ext in COMPRESSION else ext
    fmt = resource.get("format") if resource.get("format") is not None else inner
    if not isinstance(fmt, str) or not isinstance(compression, (str, type(None))):
        return None, ""
    allowed = PUBLISHED if publish else READABLE
    shown = f"'{fmt or '(không có đuôi)'}'"
    if compression:
        return fmt, f"{shown} nén {compression}: giải nén trước; định dạng được đọc: {listed(allowed)}"
    if resource.get("scheme") not in (None, "file") or resource.get("extrapaths") or resource.get("innerpath"):
        return fmt, f"{shown} đọc qua scheme/extrapaths/innerpath: chỉ đọc một tệp cục bộ ({listed(allowed)})"
    if fmt not in READABLE:
        return fmt, f"{shown}; định dạng được đọc: {listed(allowed)}"
    if fmt not in allowed:
        return fmt, f"{shown}: thư mục datasets/ chỉ nhận {listed(PUBLISHED)} (trang web công bố mỗi bảng dưới dạng .csv)"
    return fmt, ""


def header_width(text: str) -> int:
    """How many columns the first record of a CSV or TSV could have, counted on the raw text before anything parses
    it: the most frequent of the separators frictionless sniffs, in the first record (lines joined while a quote is
    open)."""
    end, quotes = 0, 0
    while True:
        nl = text.find("\n", end)
        line_end = len(text) if nl < 0 else nl + 1
        quotes += text.count('"', end, line_end)
        end = line_end
        if nl < 0 or quotes % 2 == 0:
            break
    return 1 + max(text.count(sep, 0, end) for sep in ",\t;|")


def json_header_width(data: bytes, prop: str | None) -> int:
    """How many cells the first row of a JSON table has (keys of an object, items of an array), counted on the
    parser's events and stopping past MAX_COLUMNS, so a first row of a million items is never built."""
    import ijson

    row = f"{prop}.item" if prop else "item"
    cell, count = f"{row}.item", 0
    try:
        for prefix, event, _ in ijson.parse(io.BytesIO(data)):
            if prefix == row and event in ("end_array", "end_map"):
                break
            if (prefix == row and event == "map_key") or (prefix == cell and event not in ("end_array", "end_map")):
                count += 1
                if count > MAX_COLUMNS:
                    break
    except ijson.JSONError:
        pass  # frictionless reports malformed JSON
    return count


def _cell(value) -> str:
    """A JSON cell as the text a CSV would hold: null is empty, numbers as written, true/false in lower case."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _unique(labels: list[str]) -> list[str]:
    """Column names made unique as pandas does (a, a.1), so a rule never gets two columns for one name."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        name = label
        while name in seen:
            seen[label] += 1
            name = f"{label}.{seen[label]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


def _content(dialect, cells):
    """(row number, cells) after the header, as frictionless's dialect.read_enumerated_content_stream gives them;
    with no comment rows nor blank-row skipping (every shipped dialect) the same without a Python call per row."""
    if dialect.comment_char or dialect.comment_rows or dialect.skip_blank_rows:
        return dialect.read_enumerated_content_stream(cells)
    return itertools.islice(enumerate(cells, start=1), dialect.create_first_content_row() - 1, None)


def _frame(numbered, width: int, to_text) -> pd.DataFrame:
    """(row number, cells) → a DataFrame of strings, indexed by row number − 2 (Table.problem adds 2 back).
    Blank rows are left out (frictionless reports each one); every other row keeps its number."""
    chunks, rows, index = [], [], []
    collecting = gc.isenabled()
    gc.disable()  # a million row lists would trigger full collections that find nothing to free

    def flush():
        if rows:
            chunks.append(pd.DataFrame(rows, index=index, columns=range(width), dtype=str))
            rows.clear()
            index.clear()

    try:
        for number, cells in numbered:
            if to_text is not None:
                cells = [to_text(c) for c in cells]
            if len(cells) != width:  # frictionless reports extra and missing cells; the rules see the header's width
                cells = (list(cells) + [""] * width)[:width]
            if not any(cells):
                continue
            rows.append(list(map(sys.intern, cells)))  # one object per distinct text, as pandas' parser shares them
            index.append(number - 2)
            if len(rows) >= _CHUNK:
                flush()
        flush()
    finally:
        if collecting:
            gc.enable()
    if not chunks:
        return pd.DataFrame({c: pd.Series([], dtype=str) for c in range(width)})
    return chunks[0] if len(chunks) == 1 else pd.concat(chunks)


def _keyed_extras(data: bytes, path: str, known: set[str]) -> dict[str, dict[int, str]]:
    """Properties of a JSON object row that frictionless never reads (it takes the schema's fields, or the first
    row's keys): by name, the value in each row (numbered as frictionless numbers them, the first object row 2)."""
    import ijson

    extras: dict[str, dict[int, str]] = {}
    for number, item in enumerate(ijson.items(io.BytesIO(data), path), start=2):
        if isinstance(item, dict):
            for key, value in item.items():
                if key not in known:
                    extras.setdefault(str(key), {})[number] = _cell(value)
    return extras


def read_table(data: bytes, text: str, fmt: str, resource: dict, dialect, schema) -> tuple[pd.DataFrame | None, list[tuple]]:
    """Read one table as frictionless does. Returns (DataFrame of strings with the header's labels as columns and
    row number − 2 as index, [(code, row, field, detail)]); the DataFrame is None when frictionless cannot read the
    table either (it reports why) or a limit was hit before parsing.

    `dialect` and `schema` are the resource's, already loaded (dicts or None)."""
    from frictionless import Dialect, FrictionlessException, Schema
    from frictionless.formats.csv.control import CsvControl
    from frictionless.formats.json.control import JsonControl
    from frictionless.resources import TableResource

    options = {"format": fmt, "encoding": "utf-8"}
    if isinstance(dialect, dict):
        try:
            options["dialect"] = Dialect.from_descriptor(dialect)
        except Exception:
            return None, []  # frictionless reports the dialect; without it the cells cannot be read as it would
    if isinstance(schema, dict):  # without foreign keys: they would make frictionless open the tables they name
        try:
            options["schema"] = Schema.from_descriptor({k: v for k, v in schema.items() if k != "foreignKeys"})
        except Exception:
            pass  # frictionless reports the schema; the rules still read the cells, by the header's labels
    if fmt == "json":
        prop = JsonControl.from_dialect(options["dialect"]).property if "dialect" in options else None
        width = json_header_width(data, prop)
    else:
        width = header_width(text)
    if width > MAX_COLUMNS:
        return None, [("header-too-wide", 1, "", f"dòng tiêu đề có hơn {MAX_COLUMNS:,} cột".replace(",", "."))]
    try:
        table = TableResource(data=data, **options)  # a table even where frictionless would see plain JSON
        with table:
            labels = [str(label) for label in table.labels]
            if not table.dialect.header:
                labels = [f.name for f in table.schema.fields]
            if fmt in ("csv", "tsv"):
                python_dialect = CsvControl.from_dialect(table.dialect).to_python()
                # frictionless opens CSV with newline="" and TSV with universal newlines: the same here
                cells, to_text = csv.reader(io.StringIO(text, newline="" if fmt == "csv" else None), python_dialect), None
            else:
                cells, to_text = table.cell_stream, _cell
            df = _frame(_content(table.dialect, cells), len(labels), to_text)
            control = JsonControl.from_dialect(table.dialect) if fmt == "json" else None
    except (FrictionlessException, csv.Error, ValueError, TypeError, KeyError):
        return None, []  # frictionless reports the same table with its own error
    df.columns = _unique(labels)
    problems = []
    if control is not None and control.keyed:
        path = f"{control.property}.item" if control.property else "item"
        for key, values in _keyed_extras(data, path, set(labels)).items():
            problems.append(("extra-label", min(values), key,
                             f"thuộc tính '{key}' không có trong tiêu đề (schema): frictionless bỏ qua nó, "
                             f"nhưng tệp vẫn chứa nó"))
            df[key] = pd.Series(values, dtype=str).reindex(df.index, fill_value="")
    return df, problems
