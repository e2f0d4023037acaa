"""Print (issue 14): an indicator page prints on A4 with its chart, targets, tables and sources, every element within
the sheet's width; no header, navigation, drawer or search; and a footer on every sheet with the page's address and
the date of its data.

Printing is emulated: the page is laid out at the width of the sheet's printable area (read from the site's own
@page rule) with the print media type, as Chromium lays it out for printing. A PDF is printed too (for people to
look at, in tests/screenshots/) and its sheets checked for A4.
"""
from __future__ import annotations

import json
import re

import pytest

from browsing import DESKTOP, PAGES, ROOT, SCREENSHOTS, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

MM = 96 / 25.4  # CSS px per millimetre
A4 = (210, 297)

# The @page rules of the page's stylesheets in cascade order, merged: what the last one declares wins.
PAGE_RULE = """() => {
  const out = {};
  for (const sheet of document.styleSheets) {
    let rules;
    try { rules = sheet.cssRules; } catch (e) { continue; }
    for (const rule of rules) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText) continue;
      for (const p of ['size', 'margin-left', 'margin-right', 'margin-top', 'margin-bottom']) {
        const v = rule.style.getPropertyValue(p);
        if (v) out[p] = v;
      }
    }
  }
  return Object.keys(out).length ? out : null;
}"""

# Visible elements reaching out of the sheet, and the visible ones a printed page must not have.
LAYOUT = """(width) => {
  const visible = el => { const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
                          return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'; };
  const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.right > width + 0.5) wide.push(name(el) + ' ' + Math.round(r.left) + '…' + Math.round(r.right));
  }
  const chrome = [...document.querySelectorAll('header, nav, [role=navigation], [role=search], form, input, ' +
                                               'label[for], dialog, [role=dialog]')].filter(visible).map(name);
  return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 15), chrome,
          charts: [...document.querySelectorAll('.md-content img')].filter(visible)
            .map(i => ({src: i.currentSrc, loaded: i.complete && i.naturalWidth > 0})),
          tables: [...document.querySelectorAll('.md-content table')].filter(visible).length,
          links: [...document.querySelectorAll('.md-content a[href^="http"]')].map(a => ({
            href: a.href, visible: visible(a), listed: !!a.parentElement.closest('li'),
            after: getComputedStyle(a, '::after').content}))};
}"""

# The element holding `needle` and drawn at the foot of the page area (fixed: Chromium repeats it on every sheet).
FOOTER = """(needle) => {
  const hits = [...document.querySelectorAll('body *')].filter(el => el.children.length === 0
    && el.textContent.includes(needle) && el.getBoundingClientRect().height > 0);
  return hits.map(el => { let fixed = false;
    for (let p = el; p; p = p.parentElement) if (getComputedStyle(p).position === 'fixed') fixed = true;
    const r = el.getBoundingClientRect();
    return {text: el.textContent.trim(), fixed, bottom: r.bottom, innerHeight}; });
}"""


def mm(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(mm|cm|in|px)", value.strip()).groups()
    return float(number) * {"mm": 1, "cm": 10, "in": 25.4, "px": 1 / MM}[unit]


def data_date() -> str:
    """The date of the data: the latest release of any dataset (its changelog)."""
    return max(c["date"] for p in (ROOT / "datasets").glob("*/datapackage.json")
               for c in json.loads(p.read_text(encoding="utf-8")).get("changelog", []))


@pytest.fixture
def printed(open_context, base_url):
    """printed(name) → (page laid out for print, printable width in px, the @page rule)."""
    def make(name):
        context, _ = open_context(viewport=DESKTOP)
        page = context.new_page()
        goto(page, base_url, PAGES[name])
        rule = page.evaluate(PAGE_RULE)
        assert rule and {"margin-left", "margin-right", "margin-top", "margin-bottom"} <= set(rule), \
            f"the site's stylesheets set no @page margins: {rule}"
        width = round((A4[0] - mm(rule["margin-left"]) - mm(rule["margin-right"])) * MM)
        height = round((A4[1] - mm(rule["margin-top"]) - mm(rule["margin-bottom"])) * MM)
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(media="print")
        page.evaluate("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; "
                      "return i.decode().catch(() => null); }))")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return page, width, rule
    return make


@pytest.mark.parametrize("name", ["indicator-vi", "indicator-en"])
def test_an_indicator_page_prints_on_a4_within_the_sheet(printed, name):
    page, width, rule = printed(name)
    assert rule.get("size", "").strip().upper() == "A4", f"@page size is {rule.get('size')!r}"
    found = page.evaluate(LAYOUT, width)
    assert found["scrollWidth"] <= width, f"{name}: printed {found['scrollWidth']}px wide on a {width}px sheet"
    assert not found["wide"], f"{name}: elements wider than the sheet ({width}px):\n" + "\n".join(found["wide"])
    assert not found["chrome"], f"{name}: printed with navigation, header or search: {found['chrome']}"
    assert found["charts"] and all(c["loaded"] for c in found["charts"]), f"{name}: no chart printed: {found['charts']}"
    assert found["tables"] >= 2, f"{name}: the facts and the data table are not both printed"
    # every source is printed, and in a list (the sources, the downloads) with its address
    links = found["links"]
    assert links and all(link["visible"] for link in links), f"{name}: links left out of print: {links}"
    listed = [link for link in links if link["listed"]]
    assert all(link["href"] in link["after"] for link in listed), \
        f"{name}: addresses not printed after the links of lists: {listed}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-print.png"), full_page=True)


@pytest.mark.parametrize("name", ["indicator-vi", "indicator-en"])
def test_the_printed_footer_has_the_address_and_the_date_of_the_data(printed, name):
    page, _, _ = printed(name)
    url = page.evaluate("() => document.querySelector('link[rel=canonical]').href")
    hits = page.evaluate(FOOTER, url)
    footer = [h for h in hits if h["fixed"] and abs(h["bottom"] - h["innerHeight"]) < 2]
    assert footer, f"{name}: no footer with {url} at the foot of the sheet: {hits}"
    assert data_date() in footer[0]["text"], f"{name}: the footer has not the date of the data: {footer[0]['text']!r}"
    page.emulate_media(media="screen")
    assert not [h for h in page.evaluate(FOOTER, url) if h["fixed"]], f"{name}: the print footer shows on screen"


def test_an_indicator_page_prints_to_a4_sheets(open_context, base_url):
    context, _ = open_context(viewport=DESKTOP)
    page = context.new_page()
    goto(page, base_url, PAGES["indicator-vi"])
    page.evaluate("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; "
                  "return i.decode().catch(() => null); }))")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "indicator-vi-print.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes, "no page in the PDF"
    points = [(float(w), float(h)) for w, h in boxes]
    a4 = (A4[0] / 25.4 * 72, A4[1] / 25.4 * 72)
    assert all(abs(w - a4[0]) < 1 and abs(h - a4[1]) < 1 for w, h in points), f"sheets not A4: {points}"
