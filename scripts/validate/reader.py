"""One reader: every table is read as frictionless reads it, whatever its format, for the project's rules.

frictionless decides the format, sniffs the CSV dialect (a ';' or tab separated file is read with its separator),
reads the header and numbers the rows; the cells come from the same parser with the same settings (Python's csv
module for CSV and TSV, frictionless's own cell stream for JSON). So a personal-data column or a small count is
seen whatever the format and the dialect, and every problem has the row number frictionless gives.

A plain CSV (',' separated, '"' quoted, one header row: every shipped table) is parsed column-wise by Arrow
instead: the same cells as Python's csv module gives frictionless (tests/validation/test_columnar.py compares the
two on generated text), about ten times faster, and held once — the DataFrame's columns are the Arrow columns. A
text the two parsers might read differently (a quote inside a field, a blank row, a row of another width) is read
row by row as before. The Arrow cells (a Grid) are what the columnar checks (scripts/validate/columnar.py) look at.

Two checks come before any parsing, since parsing is what they protect: the format (anything not in
scripts/formats.py is refused, never decoded as text) and the width of the header (a header of a million columns
would take gigabytes in frictionless or pandas).
"""
from __future__ import annotations

import codecs
import csv
import gc
import io
import itertools
import json
import os
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from scripts.formats import MAX_COLUMNS, PUBLISHED, READABLE, listed
from scripts.problems import details

COMPRESSION = ("zip", "gz", "bz2", "xz")  # what frictionless would unpack (settings.COMPRESSION_FORMATS)
_CHUNK = 65_536  # rows turned into a DataFrame at a time, so the lists of cells never hold the whole file


def resource_format(resource: dict, path: str, publish: bool) -> tuple[str | None, dict[str, str]]:
    """The format frictionless would read the resource as (declared, else from the path's extension, as its
    detector does), and why it may not be read, in both languages as Problem's keywords ({} when it may). None
    when the descriptor's value is not a string: frictionless reports that."""
    ext = os.path.splitext(path)[1][1:].lower()
    compression = resource.get("compression") or (ext if ext in COMPRESSION else None)
    inner = os.path.splitext(path[: -len(ext) - 1])[1][1:].lower() if ext in COMPRESSION else ext
    fmt = resource.get("format") if resource.get("format") is not None else inner
    if not isinstance(fmt, str) or not isinstance(compression, (str, type(None))):
        return None, {}
    allowed = PUBLISHED if publish else READABLE
    shown, shown_en = f"'{fmt or '(không có đuôi)'}'", f"'{fmt or '(no extension)'}'"
    if compression:
        return fmt, details(f"{shown} nén {compression}: giải nén trước; định dạng được đọc: {listed(allowed)}",
                            f"{shown_en} compressed with {compression}: unpack it first; formats read: {listed(allowed)}")
    if resource.get("scheme") not in (None, "file") or resource.get("extrapaths") or resource.get("innerpath"):
        return fmt, details(f"{shown} đọc qua scheme/extrapaths/innerpath: chỉ đọc một tệp cục bộ ({listed(allowed)})",
                            f"{shown_en} read through scheme/extrapaths/innerpath: only a local file is read "
                            f"({listed(allowed)})")
    if fmt not in READABLE:
        return fmt, details(f"{shown}; định dạng được đọc: {listed(allowed)}", f"{shown_en}; formats read: {listed(allowed)}")
    if fmt not in allowed:
        return fmt, details(f"{shown}: thư mục datasets/ chỉ nhận {listed(PUBLISHED)} (trang web công bố mỗi bảng dưới dạng .csv)",
                            f"{shown_en}: the datasets/ folder takes only {listed(PUBLISHED)} (the site publishes every "
                            f"table as .csv)")
    return fmt, {}


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


@dataclass(frozen=True)
class Grid:
    """A CSV's cells exactly as frictionless's parser gives them, column by column: every data row (numbered from 2)
    as wide as the header, no blank row, no row left out."""
    labels: list[str]  # the header, as frictionless reads it (each label stripped)
    columns: pa.Table  # the data rows: one large_string column per label, in order
    utf8: bool  # frictionless decodes the file as UTF-8 too (declared so, or detected so)
    schema: object = None  # the declared schema as frictionless built it (None: none, or one it refused)
    _distinct: dict = field(default_factory=dict, compare=False, repr=False)

    def distinct(self, position: int) -> pa.Array:
        """The distinct cells of a column (computed once: the checks and the rules' gates share them)."""
        if position not in self._distinct:
            self._distinct[position] = pc.unique(self.columns.column(position))
        return self._distinct[position]

    def matches(self, pattern: str) -> bool:
        """Whether any cell contains a match of `pattern` (a character class: Arrow's RE2 and Python's re agree),
        tested on each column's distinct cells."""
        return any(pc.any(pc.match_substring_regex(self.distinct(i), pattern)).as_py()
                   for i in range(self.columns.num_columns))


# A quote that neither opens nor closes a field nor is doubled inside one ('ab"c', '"ab"c'): the two parsers may
# read such a field differently, so the text is read row by row.
_STRAY_QUOTE = re.compile(r'(?<=[^,\r\n"])"(?=[^,\r\n"])')
_ARROW_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # what dtype=str is: the frames are the same either way


def _plain(fmt: str, table, python_dialect) -> bool:
    """A dialect Arrow's CSV parser reads exactly as Python's csv module: ',' and '"' (doubled inside a quoted
    field), no escape character, nothing skipped, one header row."""
    from frictionless.formats.csv.control import CsvControl

    d = python_dialect
    return (fmt == "csv" and table.dialect.header and table.dialect.header_rows == [1]
            and not table.dialect.comment_char and not table.dialect.comment_rows and not table.dialect.skip_blank_rows
            and CsvControl.from_dialect(table.dialect).null_sequence is None
            and d.delimiter == "," and d.quotechar == '"' and d.doublequote and d.escapechar is None
            and not d.skipinitialspace and d.quoting == csv.QUOTE_MINIMAL)


def _columns(data: bytes, text: str, width: int) -> pa.Table | None:
    """The rows of a plain CSV, the header first, as Arrow columns of text; None when they may differ from the
    cells Python's csv module reads (a stray quote), or a row is blank or of another width than the header
    (frictionless reports each such row; the row-by-row reader keeps their numbers)."""
    quoted = '"' in text
    if width < 1 or (quoted and _STRAY_QUOTE.search(text)):
        return None
    names = [str(i) for i in range(width)]
    try:
        grid = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(newlines_in_values=quoted, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.large_string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # a row of another width, mostly
        return None
    if grid.num_rows == 0:
        return None
    blank = None  # a row whose every cell is empty: found column by column, stopping at the first with none
    for column in grid.columns:
        empty = pc.equal(column, "")
        blank = empty if blank is None else pc.and_(blank, empty)
        if not pc.any(blank).as_py():
            return grid
    return None


def _utf8(resource: dict, data: bytes) -> bool:
    """Whether frictionless decodes the file as UTF-8: the declared encoding, or the one its detector finds in the
    first bytes (data without a byte order mark: files.read_text refuses one)."""
    from frictionless import Detector

    declared = resource.get("encoding")
    try:
        if declared is None:
            detector = Detector()
            return detector.detect_encoding(data[:detector.buffer_size]) == "utf-8"
        return isinstance(declared, str) and codecs.lookup(declared).name == "utf-8"
    except (LookupError, ValueError, TypeError):
        return False


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


def read_table(data: bytes, text: str, fmt: str, resource: dict, dialect,
               schema) -> tuple[pd.DataFrame | None, list[tuple], Grid | None]:
    """Read one table as frictionless does. Returns (DataFrame of strings with the header's labels as columns and
    row number − 2 as index, [(code, row, field, detail as Problem's keywords)], the Grid of a plain CSV read column-wise or None); the
    DataFrame is None when frictionless cannot read the table either (it reports why) or a limit was hit before
    parsing.

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
            return None, [], None  # frictionless reports the dialect; without it the cells cannot be read as it would
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
        return None, [("header-too-wide", 1, "", details(f"dòng tiêu đề có hơn {MAX_COLUMNS:,} cột".replace(",", "."),
                                                         f"the header row has more than {MAX_COLUMNS:,} columns"))], None
    grid = None
    try:
        table = TableResource(data=data, **options)  # a table even where frictionless would see plain JSON
        with table:
            labels = [str(label) for label in table.labels]
            if not table.dialect.header:
                labels = [f.name for f in table.schema.fields]
            if fmt in ("csv", "tsv"):
                python_dialect = CsvControl.from_dialect(table.dialect).to_python()
                columns = _columns(data, text, len(labels)) if _plain(fmt, table, python_dialect) else None
                if columns is not None:
                    grid = Grid(labels, columns.slice(1), _utf8(resource, data), options.get("schema"))
                else:  # frictionless opens CSV with newline="" and TSV with universal newlines: the same here
                    cells = csv.reader(io.StringIO(text, newline="" if fmt == "csv" else None), python_dialect)
                to_text = None
            else:
                cells, to_text = table.cell_stream, _cell
            if grid is not None:  # the Arrow columns themselves, without a copy; index: row number − 2
                df = grid.columns.to_pandas(types_mapper={pa.large_string(): _ARROW_TEXT}.get)
            else:
                df = _frame(_content(table.dialect, cells), len(labels), to_text)
            control = JsonControl.from_dialect(table.dialect) if fmt == "json" else None
    except (FrictionlessException, csv.Error, ValueError, TypeError, KeyError):
        return None, [], None  # frictionless reports the same table with its own error
    df.columns = _unique(labels)
    problems = []
    if control is not None and control.keyed:
        path = f"{control.property}.item" if control.property else "item"
        for key, values in _keyed_extras(data, path, set(labels)).items():
            problems.append(("extra-label", min(values), key, details(
                f"thuộc tính '{key}' không có trong tiêu đề (schema): frictionless bỏ qua nó, nhưng tệp vẫn chứa nó",
                f"property '{key}' is not in the header (schema): frictionless ignores it, but the file still holds it")))
            df[key] = pd.Series(values, dtype=str).reindex(df.index, fill_value="")
    return df, problems, grid
