"""Readable where it is read (issue 14): at a phone's size (360×740) and a desktop's (1280×800), on every page type
in both languages, every text of every chart is at least 12 CSS px as displayed and none is cut off at the chart's
edge, no page scrolls sideways, and every column of every table can be read without scrolling the page.

These hold for whatever the pages contain (charts, sparklines, tables of any shape), not for today's markup only.

How a chart's text is measured, so that the number is what a reader sees:
- an SVG drawn inline (the interactive chart, or any other inline SVG): the computed font size of each <text> times
  the scale of its transformation to the screen (getScreenCTM: the SVG's viewBox, its groups' transforms and any
  CSS scaling of the <svg> element);
- an SVG shown by an <img> (or a <picture>: its currentSrc is the file the browser chose for this screen): the SVG
  file opened by itself in another tab, at its own size, gives each <text>'s size in the SVG's pixels (computed font
  size times getScreenCTM scale); the <img> draws that document scaled by its displayed size over the SVG's own size
  (uniformly: preserveAspectRatio "meet" takes the smaller of the two ratios), so the text is displayed at that
  size times that scale. In the same tab each text's box is compared with the SVG's edges (a text wider than the
  build estimated would be cut off there).
"""
from __future__ import annotations

import pytest

from browsing import DESKTOP, MOBILE, PAGES, VIEWPORTS, goto, kind_of, scroll_width, sticking_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-a")]

MIN_PX = 12

# Inline SVG text as displayed; and the SVG images (their file, displayed box) to measure in their own tab.
IN_PAGE = """async () => {
  const scale = m => Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
  const inline = [];
  for (const text of document.querySelectorAll('svg text')) {
    const box = text.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0) || !text.textContent.trim()) continue;
    inline.push({text: text.textContent.trim().slice(0, 60),
                 px: parseFloat(getComputedStyle(text).fontSize) * scale(text.getScreenCTM())});
  }
  const images = [];
  for (const img of document.querySelectorAll('img')) {
    img.loading = 'eager';
    try { await img.decode(); } catch (e) { /* an image that failed to load is reported below */ }
    const src = img.currentSrc || img.src;
    if (!/\\.svg([?#]|$)/i.test(src)) continue;
    const cs = getComputedStyle(img), box = img.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) continue;
    const pad = side => parseFloat(cs['padding' + side]) + parseFloat(cs['border' + side + 'Width']);
    images.push({src, loaded: img.complete && img.naturalWidth > 0, width: box.width - pad('Left') - pad('Right'),
                 height: box.height - pad('Top') - pad('Bottom')});
  }
  return {inline, images};
}"""

# In a tab showing the SVG file itself: its own size and each text's size and box in its pixels.
IN_SVG = """() => {
  const svg = document.documentElement;
  const scale = m => Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
  const own = svg.getBoundingClientRect();
  return {width: own.width, height: own.height, texts: [...svg.querySelectorAll('text')]
    .filter(t => t.textContent.trim())
    .map(t => { const b = t.getBoundingClientRect();
                return {text: t.textContent.trim().slice(0, 60), px: parseFloat(getComputedStyle(t).fontSize)
                        * scale(t.getScreenCTM()), left: b.left - own.left, right: b.right - own.left,
                        top: b.top - own.top, bottom: b.bottom - own.top}; })};
}"""


def chart_texts(page, svg_tab) -> tuple[list[dict], list[str]]:
    """Every chart text on the page as displayed ({where, text, px}), and problems found on the way (an SVG image
    that did not load, a text cut off at its SVG's edge)."""
    found = page.evaluate(IN_PAGE)
    out = [{"where": "inline SVG", **t} for t in found["inline"]]
    problems = []
    for img in found["images"]:
        if not img["loaded"]:
            problems.append(f"{img['src']} did not load")
            continue
        svg_tab.goto(img["src"])
        svg = svg_tab.evaluate(IN_SVG)
        shown = min(img["width"] / svg["width"], img["height"] / svg["height"])
        for t in svg["texts"]:
            out.append({"where": f"{img['src'].rsplit('/', 1)[-1]} at {img['width']:.0f}px", "text": t["text"],
                        "px": t["px"] * shown})
            if t["left"] < -0.5 or t["right"] > svg["width"] + 0.5 or t["top"] < -0.5 or t["bottom"] > svg["height"] + 0.5:
                problems.append(f"{img['src']}: {t['text']!r} is cut off at the edge ({t['left']:.0f}–{t['right']:.0f}"
                                f" of {svg['width']:.0f}px)")
    return out, problems


def too_small(texts: list[dict]) -> list[str]:
    return [f"{t['where']}: {t['text']!r} {t['px']:.1f}px" for t in texts if t["px"] < MIN_PX - 0.01]


@pytest.fixture(scope="module")
def svg_tab(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_chart_text_is_at_least_12px_as_displayed(tab, base_url, svg_tab, name, size):
    page = tab(VIEWPORTS[size])
    goto(page, base_url, PAGES[name])
    texts, problems = chart_texts(page, svg_tab)
    if kind_of(name) in ("indicator", "chart"):
        assert len(texts) > 10, f"{name} at {size}: no chart text found to measure ({texts})"
    assert not problems, f"{name} at {size}:\n" + "\n".join(problems[:10])
    small = too_small(texts)
    assert not small, f"{name} at {size}: chart text below {MIN_PX}px as displayed:\n" + "\n".join(small[:15])


# Around the widths where the layout changes: the switch between the two chart layouts (scripts/charts.py
# SMALL_SCREEN, 672 px) and the theme's sidebars (960 px); and an older, narrower phone.
@pytest.mark.parametrize("width", [320, 671, 672, 959, 960])
def test_chart_text_is_readable_at_every_layout_change(browser, base_url, svg_tab, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        goto(page, base_url, PAGES["indicator-vi"])
        texts, problems = chart_texts(page, svg_tab)
        assert texts and not problems, problems
        small = too_small(texts)
        assert not small, f"at {width}px: chart text below {MIN_PX}px as displayed:\n" + "\n".join(small[:15])
        assert scroll_width(page) <= width, sticking_out(page)
    finally:
        context.close()


def test_the_measure_sees_a_chart_drawn_too_small(tab, base_url, svg_tab):
    """The measure can fail: the same indicator page with the phone's chart replaced by the desktop's, squeezed
    into the phone's width (what every phone showed before the small layout), has text far below 12 px."""
    page = tab(MOBILE)
    goto(page, base_url, PAGES["indicator-vi"])
    page.evaluate("() => document.querySelectorAll('picture source').forEach(s => s.remove())")
    texts, _ = chart_texts(page, svg_tab)
    assert texts and max(t["px"] for t in texts) < MIN_PX, texts[:5]


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways(tab, base_url, name, size):
    page = tab(VIEWPORTS[size])
    goto(page, base_url, PAGES[name])
    inner = page.evaluate("() => window.innerWidth")
    width = scroll_width(page)
    assert width <= inner, f"{name} at {size}: the page is {width}px wide in {inner}px: {sticking_out(page)}"


# Every table: inside the screen, or in a box that scrolls sideways by itself, says so in words, has a name for
# assistive technology, is reachable by keyboard and keeps the first column in view when scrolled to its end.
TABLES = """async () => {
  const out = [];
  const inner = window.innerWidth;
  for (const table of document.querySelectorAll('.md-content table')) {
    const r = table.getBoundingClientRect();
    if (!(r.width > 0)) continue;
    let box = null;
    for (let el = table; el && el !== document.body; el = el.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1) { box = el; break; }
    }
    const item = {right: r.right, scrolls: !!box};
    if (box) {
      const b = box.getBoundingClientRect();
      item.boxRight = b.right; item.boxLeft = b.left;
      item.name = box.getAttribute('aria-label') || '';
      item.role = box.getAttribute('role');
      item.focusable = box.tabIndex >= 0;
      const hint = box.getAttribute('aria-describedby') && document.getElementById(box.getAttribute('aria-describedby'));
      item.hint = hint ? hint.textContent.trim() : '';
      item.hintVisible = !!hint && hint.getBoundingClientRect().height > 0 && getComputedStyle(hint).visibility === 'visible';
      box.scrollLeft = box.scrollWidth;
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      const rows = [...table.rows];
      item.lastInView = rows.every(row => { const c = row.cells[row.cells.length - 1].getBoundingClientRect();
                                            return c.right <= b.right + 1 && c.left >= b.left - 1; });
      item.firstInView = rows.every(row => { const c = row.cells[0].getBoundingClientRect();
                                             return c.left >= b.left - 1 && c.right <= b.right + 1; });
      // the first column is drawn over the others, not under them
      item.firstOnTop = rows.every(row => { const c = row.cells[0].getBoundingClientRect();
        const hit = document.elementFromPoint(c.left + Math.min(4, c.width / 2), c.top + Math.min(4, c.height / 2));
        return !hit || !table.contains(hit) || row.cells[0].contains(hit); });  // (or under the header)
      box.scrollLeft = 0;
    }
    out.push(item);
  }
  return {inner, tables: out};
}"""


@pytest.mark.parametrize("name", PAGES)
def test_every_table_column_can_be_read_on_a_phone(tab, base_url, name):
    page = tab(MOBILE)
    goto(page, base_url, PAGES[name])
    found = page.evaluate(TABLES)
    inner = found["inner"]
    for i, t in enumerate(found["tables"]):
        where = f"{name}, table {i + 1}"
        if not t["scrolls"]:
            assert t["right"] <= inner + 0.5, f"{where} reaches {t['right']:.0f}px of {inner}px and does not scroll"
            continue
        assert t["boxLeft"] >= -0.5 and t["boxRight"] <= inner + 0.5, f"{where}: its scrolling box leaves the screen"
        assert t["role"] == "region" and t["name"], f"{where}: the scrolling box has no name ({t})"
        assert t["focusable"], f"{where}: the scrolling box cannot be reached by keyboard"
        assert t["hintVisible"] and len(t["hint"]) > 10, f"{where}: no visible hint that the table scrolls ({t})"
        assert t["lastInView"], f"{where}: scrolled to its end, the last column is still not in view"
        assert t["firstInView"] and t["firstOnTop"], f"{where}: scrolled to its end, the first column is out of view"


def test_a_wide_table_is_announced_on_a_phone(tab, base_url):
    """The indicator page's data table is wider than a phone: the checks above run on a scrolling table."""
    page = tab(MOBILE)
    goto(page, base_url, PAGES["indicator-vi"])
    assert any(t["scrolls"] for t in page.evaluate(TABLES)["tables"]), "no table scrolls: pick a page with a wide one"


@pytest.mark.parametrize("size", VIEWPORTS)
def test_only_a_table_that_scrolls_is_announced(tab, base_url, size):
    """The hint and the name come and go with the overflow: a table that fits is not a scrolling region."""
    page = tab(VIEWPORTS[size])
    goto(page, base_url, PAGES["indicator-vi"])
    boxes = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map(table => {
      const wrap = table.closest('.md-typeset__scrollwrap') || table;
      const hint = wrap.previousElementSibling;
      return {overflows: wrap.scrollWidth > wrap.clientWidth + 1, region: wrap.getAttribute('role') === 'region',
              hint: !!hint && hint.classList.contains('table-hint')};
    })""")
    assert boxes, "no table on the indicator page"
    assert any(not b["overflows"] for b in boxes), f"every table scrolls at {size}: nothing to check ({boxes})"
    for b in boxes:
        assert b["region"] == b["overflows"] == b["hint"], f"at {size}: {b}"
