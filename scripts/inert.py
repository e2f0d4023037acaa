"""Text that comes from data or a workbook, made inert wherever a report shows it.

GitHub renders the pull-request comment and the job summary as Markdown: a link, a remote image, an @mention or a
#123 reference typed into a cell would come alive there. And the Actions runner reads any log line that starts
with `::` as a workflow command, so a cell holding a line break followed by `::` could give one. Hence:

* code(text) — the text as a Markdown code span, in which GitHub links, embeds, mentions and references nothing;
  safe inside a table cell. The reader sees the text as it is.
* line(text) — the text on one line: carriage returns, line feeds, the Unicode line and paragraph separators and
  every other control or bidirectional-override character are shown as visible escapes (\\r, \\n, \\u2028 …), so
  data can never start a line of a log, a summary or a comment.

Everything the project writes itself (codes, titles, hints, numbers) is shown as it is.
"""
from __future__ import annotations

import re

# Line breaks as str.splitlines() knows them, C0/C1 controls (tab kept), and the bidirectional controls that can
# make a line read differently from what it holds.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\n": "\\n"}


def _visible(m: re.Match) -> str:
    ch = m.group(0)
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def line(text: object) -> str:
    """One line, whatever the text held (see the module's description)."""
    return _UNSAFE.sub(_visible, "" if text is None else str(text))


def code(text: object, cell: bool = True) -> str:
    """A Markdown code span holding the text on one line, or '' for no text. cell: it goes in a table cell, where
    GFM reads '|' as the cell's end even inside code, so it is escaped (the span still shows '|')."""
    s = line(text).replace("|", "\\|") if cell else line(text)
    if not s:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", s)), default=0) + 1)
    return f"{fence} {s} {fence}"  # CommonMark strips one space each side: the span shows exactly s


def plain(text: object) -> str:
    """Text of the project's own (titles, hints) for a Markdown table cell: one line, no HTML, '|' escaped."""
    return (line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("`", "'"))

