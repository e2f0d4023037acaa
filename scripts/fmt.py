"""Numbers, dates and safe text for pages, in the page's language (Babel): 12,5 and 590.467 in Vietnamese."""
from __future__ import annotations

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
    if digits is None:
        text = repr(float(value)) if not isinstance(value, int) else str(value)
        digits = len(text.split(".")[1]) if "." in text and not text.endswith(".0") else 0
        digits = min(digits, 3)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=lang)


def signed(value: float, lang: str, digits: int = 1) -> str:
    text = number(abs(value), lang, digits)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def date(value, lang: str) -> str:
    """A date for people: 29/11/2026 (vi), 29 Nov 2026 (en)."""
    return format_date(value, format="dd/MM/yyyy" if lang == "vi" else "d MMM y", locale=lang)


def esc(text: object) -> str:
    """Escape text from a dataset for HTML and Markdown: nothing in it becomes markup or a link."""
    t = html.escape("" if text is None else str(text), quote=True)
    # Markdown would still turn these into emphasis, code, links or headings inside Markdown text.
    return re.sub(r"([\\`*_\[\]{}#!|~])", lambda m: f"&#{ord(m.group(1))};", t)


def url(value: object) -> str | None:
    """An http(s) address safe to put in href, or None."""
    text = "" if value is None else str(value).strip()
    if re.match(r"^https?://[^\s<>\"']+$", text):
        return html.escape(text, quote=True)
    return None


def link(href: object, text: object, external: bool = True) -> str:
    """An HTML link with escaped text; plain text when the address is not http(s)."""
    safe = url(href)
    if not safe:
        return esc(text)
    rel = ' rel="noopener nofollow external"' if external else ""
    return f'<a href="{safe}"{rel}>{esc(text)}</a>'


def fold(text: str) -> str:
    """ASCII folding for search ('suy dinh dưỡng' → 'suy dinh duong')."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in t if not unicodedata.combining(c)))
