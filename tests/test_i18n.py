"""Vietnamese first, English second, from the same data: twins, switcher, formats, no Vietnamese-only English pages."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from scripts import fmt
from scripts.i18n import (BASIS, COMPARISONS, DIRECTIONS, DOUBT_REASONS, LEVELS, QUALIFIERS, SERIES, STATUS,
                          STATUS_REASON, STRINGS, TRUST, TRUST_SHORT, UNITS, VERIFICATION, WORDING_VERIFICATION)

# Words that only Vietnamese text has; an English page must not contain them outside an element marked lang="vi".
VIETNAMESE_WORDS = re.compile(r"\b(của|và|trẻ em|năm|các|không|được|Nguồn|Mục tiêu|Chỉ tiêu|số liệu|bản sao|"
                              r"Tải dữ liệu|Cập nhật|Trang chủ|Tình trạng)\b")


def pages(site: Path, english: bool) -> list[Path]:
    root = site / "en" if english else site
    out = []
    for f in sorted(root.rglob("index.html")):
        rel = f.relative_to(site)
        if not english and rel.parts[0] == "en":
            continue
        out.append(rel)
    return out


def test_ui_strings_exist_in_both_languages():
    assert set(STRINGS["vi"]) == set(STRINGS["en"])
    for table in (UNITS, DIRECTIONS, COMPARISONS, STATUS, STATUS_REASON, SERIES, TRUST, TRUST_SHORT, QUALIFIERS,
                  DOUBT_REASONS, VERIFICATION, WORDING_VERIFICATION, LEVELS, BASIS):
        for key, labels in table.items():
            assert set(labels) == {"vi", "en"}, key
            assert all(labels.values()), key


def test_every_vietnamese_page_has_an_english_twin_and_back(built_site):
    vi = {str(p) for p in pages(built_site, english=False)}
    en = {str(Path(*p.parts[1:])) for p in pages(built_site, english=True)}
    assert len(vi) > 100
    assert vi - en == set()
    assert en - vi == set()


def test_language_switcher_and_html_lang_point_to_the_twin(built_site):
    # The switcher's links carry hreflang. (The theme's <link rel="alternate" hreflang> tags are removed on purpose:
    # Material's JavaScript fetches sitemap.xml beside each of them; see scripts/theme/material/overrides/main.html.)
    for rel in pages(built_site, english=False):
        page = (built_site / rel).read_text(encoding="utf-8")
        assert '<html lang="vi"' in page, rel
        hrefs = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', page))
        assert set(hrefs) == {"vi", "en"}, rel
        href = hrefs["en"]
        base = built_site if href.startswith("/") else (built_site / rel).parent
        twin = base / href.lstrip("/") / "index.html"
        assert twin.resolve() == (built_site / "en" / rel).resolve(), rel
        assert '<html lang="en"' in twin.read_text(encoding="utf-8")


def test_search_engines_learn_the_twins_from_the_sitemap(built_site):
    """Absolute hreflang alternates live in sitemap.xml (search engines read them there): a <url> for every page of
    either language, each naming both languages' pages, which exist."""
    import xml.etree.ElementTree as ET

    import yaml

    site_url = yaml.load((Path(__file__).parents[1] / "mkdocs.yml").read_text(encoding="utf-8"),
                         Loader=yaml.BaseLoader)["site_url"]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)
    assert len(urls) == len(pages(built_site, english=False)) + len(pages(built_site, english=True))
    for url in urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        assert set(alternates) == {"vi", "en"}, url.findtext("s:loc", namespaces=ns)
        for href in alternates.values():
            assert href.startswith(site_url), href
            assert (built_site / href[len(site_url):] / "index.html").is_file(), href


def visible_text(page: str) -> str:
    m = re.search(r"<article[^>]*>(.*)</article>", page, re.S)
    body = m.group(1) if m else page
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    # Quotations of Vietnamese originals are marked lang="vi" and are allowed on English pages.
    for _ in range(5):
        body = re.sub(r'<(\w+)[^>]*\blang="vi"[^>]*>(?:(?!<\1\b).)*?</\1>', " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_english_pages_have_no_unmarked_vietnamese(built_site):
    offenders = {}
    for rel in pages(built_site, english=True):
        text = visible_text((built_site / rel).read_text(encoding="utf-8"))
        hits = VIETNAMESE_WORDS.findall(text)
        if hits:
            offenders[str(rel)] = sorted(set(hits))
    assert offenders == {}


def test_numbers_follow_the_page_language(built_site):
    vi = (built_site / "chi-so/3b/index.html").read_text(encoding="utf-8")
    en = (built_site / "en/chi-so/3b/index.html").read_text(encoding="utf-8")
    assert "12,5" in vi and "12.5" not in visible_text(vi).replace("12.5", "", 0)
    assert "12.5" in en


@pytest.mark.parametrize("value, vi, en", [(12.5, "12,5", "12.5"), (590467, "590.467", "590,467"),
                                           (0.12, "0,12", "0.12"), (99.96, "99,96", "99.96")])
def test_number_format(value, vi, en):
    assert fmt.number(value, "vi") == vi
    assert fmt.number(value, "en") == en
