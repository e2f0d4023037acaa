"""Numbers, dates and safe text for pages, in the page's language (Babel): 12,5 and 590.467 in Vietnamese."""
from __future__ import annotations

import functools
import html
import math
import re
import unicodedata

from babel.dates import format_date
from babel.numbers import format_decimal

LANGS = ("vi", "en")

# d3-format locales for Vega (charts follow the page's language too).
D3_LOCALE = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}


def number(value, lang: str, digits: int | None = None) -> str:
    """12.5 → '12,5' (vi) or '12.5' (en); None or NaN → '–'. Keeps the digits as printed unless told."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _number(float(value) if not isinstance(value, int) else value, lang, digits)


@functools.lru_cache(maxsize=65536)
def _number(value, lang: str, digits: int | None) -> str:  # Babel is slow; pages repeat the same numbers
    if digits is None:
        text = repr(float(value)) if not isinstance(value, int) else str(value)
        digits = len(text.split(".")[1]) if "." in text and not text.endswith(".0") else 0
        digits = min(digits, 3)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def signed(value: float, lang: str, digits: int = 1) -> str:
    text = number(abs(value), lang, digits)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def day(iso: str, lang: str) -> str:
    """A day in a sentence: 1/7/2025 (vi), 1 July 2025 (en)."""
    import datetime

    d = datetime.date.fromisoformat(str(iso)[:10])
    return f"{d.day}/{d.month}/{d.year}" if lang == "vi" else format_date(d, format="d MMMM y", locale=lang)


def date(value, lang: str) -> str:
    """A date for people: 29/11/2026 (vi), 29 Nov 2026 (en)."""
    return format_date(value, format="dd/MM/yyyy" if lang == "vi" else "d MMM y", locale=lang)


_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}#!|~"}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;"})


def esc(text: object) -> str:
    """Escape text from a dataset for HTML and Markdown: nothing in it becomes markup, emphasis, code or a link."""
    return ("" if text is None else str(text)).translate(_ESCAPES)


def url(value: object) -> str | None:
    """An http(s) address safe to put in href, or None."""
    text = "" if value is None else str(value).strip()
    if re.match(r"^https?://[^\s<>\"']+$", text):
        return html.escape(text, quote=True)
    return None


def link(href: object, text: object, external: bool = True, lang: str = "vi") -> str:
    """An HTML link with escaped text; plain text when the address is not http(s)."""
    safe = url(href)
    shown = esc_lang(text, lang)
    if not safe:
        return shown
    rel = ' rel="noopener nofollow external"' if external else ""
    return f'<a href="{safe}"{rel}>{shown}</a>'


def fold(text: str) -> str:
    """ASCII folding for search ('suy dinh dưỡng' → 'suy dinh duong')."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in t if not unicodedata.combining(c)))


# A straight apostrophe opens or closes a quotation only outside a word: "Khánh Hòa's … the plan's" is no quotation.
_QUOTED = re.compile(r"((?<!\w)'[^']{3,}'(?!\w)|“[^”]{3,}”|\"[^\"]{3,}\"|‘[^’]{3,}’|\([^()]{3,}\))")


def esc_lang(text: object, lang: str) -> str:
    """esc(), and any part in the other language marked with it (scripts/language.guess): on an English page a
    Vietnamese text, or a Vietnamese quotation inside English, gets lang="vi", so screen readers switch voice and
    readers know it is the original's words; on a Vietnamese page an English text gets lang="en"."""
    from scripts.language import VI_LETTERS, guess

    raw = "" if text is None else str(text)
    other = "en" if lang == "vi" else "vi"
    if not raw or (other == "vi" and not VI_LETTERS.search(raw)):
        return esc(raw)
    if guess(raw) == other:
        return f'<span lang="{other}">{esc(raw)}</span>'
    out, last = [], 0
    for m in _QUOTED.finditer(raw):
        part = m.group(0)
        if guess(part) == other or (other == "vi" and VI_LETTERS.search(part) and guess(part) != "en"):
            out.append(esc(raw[last:m.start()]))
            out.append(f'<span lang="{other}">{esc(part)}</span>')
            last = m.end()
    out.append(esc(raw[last:]))
    return "".join(out)
