"""The hand-written pages speak their reader's language: a Vietnamese page has no English outside an element marked
lang="en" (or code), an English page no Vietnamese outside lang="vi" (names of places and the numbers of Vietnamese
documents, such as 23/QĐ-TTg, are names, not sentences). Checked on the page as Markdown renders it, before the whole
site is built; the built site has its own test."""
from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = {f"docs/{name}{suffix}": lang
         for name in ("gioi-thieu", "quyen-rieng-tu", "bao-ve-tre-em", "du-lieu-mo")
         for suffix, lang in ((".md", "vi"), (".en.md", "en"))}

# Words only English has: its small grammatical words (short Vietnamese words such as "an", "in", "to", "no", "on"
# are left out: they are Vietnamese too), looked for outside names such as "CC BY 4.0" or "Frictionless Data Package".
ENGLISH = re.compile(r"\b(the|and|of|is|are|for|with|from|this|that|by|or|not|you|your|each|every|has|have|which|"
                     r"where|when|only)\b", re.I)
LICENCE = re.compile(r"\bCC BY(-SA)? \d\.\d\b")
# Place names keep their diacritics in English; a Vietnamese document number is a name.
NAMES = {"Thuận", "Khánh", "Hòa", "Bình"}
DOCUMENT_NUMBER = re.compile(r"^\d+(/\d+)?/[A-ZĐ][A-ZĐa-z]*(-[A-ZĐ][A-ZĐa-z]*)*$")


def vietnamese_words(text: str) -> list[str]:
    """Words written with a letter that English does not use (đ, or a letter with a diacritic)."""
    out = []
    for word in re.findall(r"[\w/-]+", text):
        marked = any(ch in "đĐ" or unicodedata.decomposition(ch) for ch in word if ch.isalpha())
        if marked and word not in NAMES and not DOCUMENT_NUMBER.match(word):
            out.append(word)
    return out


class _Text(HTMLParser):
    """The text of an HTML fragment by language: an element's lang, else its parent's; code is not text."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", lang, False)]
        self.text: dict[str, list[str]] = {"vi": [], "en": []}

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "hr", "input", "meta", "link"):
            return
        _, lang, code = self.stack[-1]
        self.stack.append((tag, dict(attrs).get("lang") or lang, code or tag in ("code", "pre")))

    def handle_endtag(self, tag):
        while len(self.stack) > 1:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        _, lang, code = self.stack[-1]
        if not code:
            self.text.setdefault(lang, []).append(re.sub(r"https?://\S+|\S+\.(vn|org|com)\b\S*", " ", data))


def text_by_language(rel: str, lang: str) -> dict[str, str]:
    source = (ROOT / rel).read_text(encoding="utf-8")
    if rel.endswith(".html"):
        source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", source, flags=re.S)
    else:
        front = re.match(r"---\n(.*?)\n---\n", source, re.S)
        meta = front.group(1) if front else ""
        source = source[front.end():] if front else source
        source = markdown.markdown(source, extensions=["admonition", "attr_list", "md_in_html", "tables"])
        source = f"<p>{meta}</p>" + source
    parser = _Text(lang)
    parser.feed(source)
    return {k: " ".join(v) for k, v in parser.text.items()}


@pytest.mark.parametrize("rel, lang", [*PAGES.items(), ("scripts/theme/material/overrides/404.html", "vi")])
def test_hand_written_page_speaks_one_language_outside_marked_quotations(rel, lang):
    text = text_by_language(rel, lang)
    assert ENGLISH.findall(LICENCE.sub(" ", text["vi"])) == [], f"{rel}: English in Vietnamese text"
    assert vietnamese_words(text["en"]) == [], f"{rel}: Vietnamese in English text"


@pytest.mark.parametrize("sample, english, vietnamese", [
    ('<p>Dữ liệu được cập nhật bằng pull request và the data is checked.</p>', ["the", "is"], []),
    ('<p>Giấy phép CC BY 4.0.</p>', [], []),
    ('<p>Dữ liệu được cập nhật bằng <span lang="en">pull request</span>.</p>', [], []),
    ('<p lang="en">Hotline 111 (Tổng đài 111) is free.</p>', [], ["Tổng", "đài"]),
    ('<p lang="en">Decision 23/QĐ-TTg in Ninh Thuận, <span lang="vi">Cục Trẻ em</span>.</p>', [], []),
])
def test_the_check_finds_the_other_language(tmp_path, monkeypatch, sample, english, vietnamese):
    page = tmp_path / "sample.html"
    page.write_text(sample, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    text = text_by_language("sample.html", "vi")
    assert [w.lower() for w in ENGLISH.findall(LICENCE.sub(" ", text["vi"]))] == english
    assert vietnamese_words(text["en"]) == vietnamese
