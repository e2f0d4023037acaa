"""What text from a dataset may not contain: markup that could run on the site or in a spreadsheet, and what the
writers cannot hold (control characters, line separators, cells longer than a spreadsheet cell)."""
from __future__ import annotations

import re

import pandas as pd

from scripts.formats import MAX_CELL_CHARS
from scripts.problems import details

HTML = r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|&#|\bon[a-z]+\s*="
MARKDOWN = r"!\[|\]\(|\]\[|^\s*\[[^\]]*\]:\s"
FORMULA = r"^[=+\-@\t\r]"
# A value that is a plain number (e.g. '-5' or '+84') is not a formula.
_NUMBER = r"^[+-]?\d+([.,]\d+)?$"
# Control characters other than tab and the line breaks a CSV cell may hold (the XLSX writer refuses them), and
# U+2028/U+2029, which end a line in JavaScript and in Markdown renderers though no CSV sees a line break there.
CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]"
control = re.compile(CONTROL)

_html = re.compile(HTML, re.IGNORECASE)
_markdown = re.compile(MARKDOWN, re.MULTILINE)
_formula = re.compile(FORMULA)
_number = re.compile(_NUMBER)


def text_problem(text: str) -> list[tuple[str, str]]:
    """(code, detail) pairs for one piece of text."""
    out = []
    if _html.search(text):
        out.append(("html-in-text", _excerpt(text, _html)))
    if _markdown.search(text):
        out.append(("markdown-in-text", _excerpt(text, _markdown)))
    if _formula.match(text) and not _number.match(text.strip()):
        out.append(("formula-cell", text[:40]))
    return out


def control_detail(text: str) -> dict[str, str]:
    """Which control character, and where: 'U+0001 ở ký tự 5', 'U+0001 at character 5' (Problem's keywords)."""
    m = control.search(text)
    return details(f"U+{ord(m.group()):04X} ở ký tự {m.start() + 1}", f"U+{ord(m.group()):04X} at character {m.start() + 1}")


def long_detail(length: int) -> dict[str, str]:
    return details(f"{length:,} ký tự, tối đa {MAX_CELL_CHARS:,}".replace(",", "."),
                   f"{length:,} characters, at most {MAX_CELL_CHARS:,}")


def control_cells(df: pd.DataFrame) -> list[tuple[int, str, dict[str, str]]]:
    """(row index, column, detail) for every cell holding a control character, in every column (a number with
    one passes frictionless when bareNumber is false, and the XLSX writer would fail on it); the detail in both
    languages, as Problem's keywords."""
    out = []
    for column in df.columns:
        col = df[column]
        bad = col.str.contains(CONTROL, regex=True)
        out += [(i, column, control_detail(col[i])) for i in df.index[bad.fillna(False).astype(bool)]]
    return out


def _excerpt(text: str, pattern: re.Pattern) -> str:
    m = pattern.search(text)
    start = max(0, m.start() - 10)
    return text[start:m.end() + 20]


def column_problems(series, formula: bool = True) -> list[tuple[int, str, dict[str, str]]]:
    """(row index, code, detail) for a pandas Series of strings, vectorised so a million rows stay cheap; the detail
    in both languages, as Problem's keywords (an excerpt of the cell is the same in both).

    Each distinct value is tested once (codes, units and addresses repeat), then the rows holding a bad one are found.
    formula=False for fields whose values are an enumeration (the comparison '=' is not a formula)."""
    out = []
    s = series[series != ""]
    if s.empty:
        return out
    values = pd.Series(s.unique(), dtype=object)
    checks = [("html-in-text", 60, values.str.contains(HTML, flags=re.IGNORECASE, regex=True)),
              ("markdown-in-text", 60, values.str.contains(MARKDOWN, flags=re.MULTILINE, regex=True))]
    if formula:
        checks.append(("formula-cell", 40, values.str.match(FORMULA) & ~values.str.strip().str.match(_NUMBER)))
    for code, width, mask in checks:
        bad = set(values[mask.astype(bool)])
        if bad:
            out += [(i, code, details(v[:width], v[:width])) for i, v in s[s.isin(bad)].items()]
    lengths = values.str.len()
    if lengths.max() > MAX_CELL_CHARS:
        bad = set(values[lengths > MAX_CELL_CHARS])
        out += [(i, "text-too-long", long_detail(len(v))) for i, v in s[s.isin(bad)].items()]
    return out
