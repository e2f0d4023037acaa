"""Every page type works with JavaScript turned off: its content and its chart are there, as static HTML and SVG."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from browsing import MOBILE, PAGE_TYPES, PAGES, kind_of, lang_of, read_csv, scroll_width, sticking_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-a")]

SVG = "{http://www.w3.org/2000/svg}"


def check_static_chart(page, site, img, name: str) -> None:
    assert img.is_visible(), f"{name}: the chart image is not visible"
    alt = (img.get_attribute("alt") or "").strip()
    assert len(alt) > 20, f"{name}: the chart image has no real text alternative: {alt!r}"
    img.scroll_into_view_if_needed()
    img.evaluate("el => el.complete ? null : new Promise(r => { el.onload = el.onerror = r; })")
    loaded = img.evaluate("el => el.complete && el.naturalWidth > 0")
    src = img.evaluate("el => el.currentSrc || el.src")
    assert loaded, f"{name}: the chart image {src} did not load"
    path = site / urlsplit(src).path.lstrip("/")
    assert path.is_file(), f"{name}: {src} is not in the site"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg", f"{src}: not an SVG"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip(), f"{src}: no <title>"
    assert desc is not None and (desc.text or "").strip(), f"{src}: no <desc>"


def check_data_table(page, name: str) -> None:
    """The data table is the chart's accessible equivalent: every observation of the indicator is in it."""
    indicator = PAGE_TYPES["indicator"].strip("/").rsplit("/", 1)[-1]
    rows = [r for r in read_csv("observations/data/observations.csv") if r["indicator_id"] == indicator]
    assert rows, f"no observations of {indicator}: pick an indicator with data"
    tables = " ".join(page.locator(".md-content table").all_inner_texts())
    comma = lang_of(name) == "vi"
    missing = []
    for r in rows:
        value = r["value"].replace(".", ",") if comma else r["value"]
        if r["year"] not in tables or value not in tables:
            missing.append((r["area_code"], r["year"], r["value"]))
    assert not missing, f"{name}: observations missing from the page's tables: {missing}"


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_without_javascript(open_context, base_url, site, name):
    context, rec = open_context(javascript=False)
    page = context.new_page()
    response = page.goto(base_url + PAGES[name], wait_until="load")
    assert response.status == 200
    assert "no-js" in (page.locator("html").get_attribute("class") or ""), "JavaScript ran"
    h1 = page.locator(".md-content h1").first
    assert h1.is_visible() and h1.inner_text().strip(), f"{name}: no visible heading"
    kind = kind_of(name)
    if kind == "indicator":
        check_static_chart(page, site, page.locator('.md-content img[src*="bieu-do/"]').first, name)
        check_data_table(page, name)
    elif kind == "chart":
        check_static_chart(page, site, page.locator(".md-content .vega-chart img").first, name)
    elif kind in ("coverage", "area", "dataset"):
        table = page.locator(".md-content table").first
        assert table.is_visible() and table.locator("tbody tr").count() > 0, f"{name}: no table"
    elif kind in ("home", "goal"):  # the indicators as cards, each with its name linked
        cards = page.locator(".md-content .dashboard .card")
        assert cards.count() >= 3 and cards.first.is_visible(), f"{name}: no indicator cards"
        assert cards.first.locator("a").first.inner_text().strip(), f"{name}: a card without its indicator's name"
    if kind in ("home", "child-protection"):
        assert page.locator('a[href="tel:111"]').first.is_visible(), f"{name}: no hotline"
    assert not rec.failed(), f"{name}: failed requests {rec.failed()}"
    assert not rec.foreign(), f"{name}: contacted {rec.foreign()}"


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_on_a_phone_without_javascript(tab, base_url, name):
    page = tab(MOBILE, javascript=False)
    page.goto(base_url + PAGES[name], wait_until="load")
    width = scroll_width(page)
    assert width <= MOBILE["width"], f"{name}: the page is {width}px wide: {sticking_out(page)}"
