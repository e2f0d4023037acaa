"""What text from a dataset may not contain: markup that could run on the site or in a spreadsheet."""
from __future__ import annotations

import re

import pandas as pd

HTML = r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|&#|\bon[a-z]+\s*="
MARKDOWN = r"!\[|\]\(|\]\[|^\s*\[[^\]]*\]:\s"
FORMULA = r"^[=+\-@\t\r]"
# A value that is a plain number (e.g. '-5' or '+84') is not a formula.
_NUMBER = r"^[+-]?\d+([.,]\d+)?$"

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


def _excerpt(text: str, pattern: re.Pattern) -> str:
    m = pattern.search(text)
    start = max(0, m.start() - 10)
    return text[start:m.end() + 20]


def column_problems(series, formula: bool = True) -> list[tuple[int, str, str]]:
    """(row index, code, detail) for a pandas Series of strings, vectorised so a million rows stay cheap.

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
            out += [(i, code, v[:width]) for i, v in s[s.isin(bad)].items()]
    return out
