"""The Markdown every page is made of: front matter, tables, code spans, citations, sizes; what the search leaves
out. Shared by the page writers (scripts/pages.py, scripts/release_pages.py), which import it and not each other."""
from __future__ import annotations

import html
import json

from scripts import fmt, routes
from scripts.fmt import esc, link
from scripts.i18n import t

SUFFIX = routes.SOURCE_SUFFIX  # a page's Markdown file: <name>.md in Vietnamese, <name>.en.md in English


def shorten(text: str, limit: int = 300) -> str:
    """A page description within `limit` characters: whole sentences where the first ones fill at least half of it,
    otherwise whole words and an ellipsis; never a word cut in two."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = head.rfind(". ")
    if end >= limit // 2:
        return head[:end + 1]
    return head[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page(title: str, body: str, description: str = "", data_date: str = "", searchable: bool = True) -> str:
    """Front matter and body. The theme puts title and description into the HTML without escaping them (Jinja
    autoescape is off in MkDocs, and <title> even unescapes), so both are escaped here. `data_date`, the date of the
    data a page shows, goes into the printed page's footer (scripts/theme/material/overrides/main.html).
    `searchable=False`: the theme's search leaves the whole page out (its search.exclude front matter), as
    excluded_from_search does a block."""
    meta: dict[str, object] = {"title": esc(title)}
    if description:
        meta["description"] = esc(shorten(description))
    if data_date:
        meta["data_date"] = esc(data_date)
    if not searchable:
        meta["search"] = {"exclude": True}
    front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{front}\n---\n\n{body.strip()}\n"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (fmt.esc) or be links we made."""
    if not rows:
        return ""
    cell = lambda c: str(c).replace("|", "&#124;").replace("\n", " ")  # noqa: E731
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def code(text: object) -> str:
    """Inline code shown as written (a field name, a code): escaped once, in <code>, never Markdown backticks
    (which would show the escapes, as in indicator&#95;id)."""
    return f"<code>{html.escape(str(text), quote=False)}</code>"


def excluded_from_search(markdown: str, kind: str = "data-table") -> str:
    """A block of tables or lists that the search index leaves out (the theme's search reads data-search-exclude):
    readers search for indicators and topics, and every value, target and source is in the downloads. Without it
    the index grows with every row and source and no longer fits the page-weight budget."""
    return f'<div class="{kind}" data-search-exclude markdown="1">\n\n{markdown}\n\n</div>\n'


def human_size(n: int, lang: str) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{fmt.number(n / scale, lang, 1)} {unit}"
    return f"{fmt.number(n, lang)} B"


def citation_block(c: dict[str, str], lang: str) -> str:
    """A citation (facts.citation: publisher, year, title, version, absolute URL, licence), an access-date
    placeholder and the licence notice. Every part is escaped: titles and publishers come from datasets."""
    year = esc(c["year"]) or t(lang, "no_year")
    kind = t(lang, "data_set")
    version = f" ({t(lang, 'version_n', version=esc(c['version']))})" if c["version"] else ""
    accessed = t(lang, "accessed_on")
    notice = t(lang, "licence_notice", licence=link(c["licence_url"], c["licence"], external=False))
    # The release's stable address (release_pages.stable_address: escaped): addresses, not words to search for, and
    # on every indicator page: left out of the search index (the page-weight budget).
    stable = excluded_from_search(c["stable"], "citation-release") + "\n" if c.get("stable") else ""
    return (f"## {t(lang, 'cite')}\n\n"
            f'<div class="citation" markdown="1">\n\n'
            f"{esc(c['publisher'])} ({year}). *{esc(c['title'])}*{version} [{kind}]. "
            f"{link(c['url'], c['url'], external=False)} ({accessed}).\n\n{stable}</div>\n\n{notice}\n")
