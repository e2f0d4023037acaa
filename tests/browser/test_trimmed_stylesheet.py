"""The trimmed theme stylesheet (scripts/theme/material/stylesheet.py) changes nothing a visitor sees.

On every page type, at desktop and phone size, and with the search open and showing results, the navigation drawer
open, every element's computed style (its ::before and ::after included) is the same with the trimmed stylesheet as
with Material's whole stylesheet, put in its place in the same page. Custom properties (--md-…) are left out of the
comparison: the trimming drops those nothing reads, which is its point, and what reads them is compared.
"""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from browsing import DESKTOP, MOBILE, PAGES, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-a")]

ORIGINAL = sorted((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
ORIGINAL_URL = "/__material-original.css"

# Every element's computed style, as one string per element (custom properties left out), and a name for messages.
COLLECT = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      if (pseudo && cs.content === 'none') continue;
      const parts = [];
      for (let i = 0; i < cs.length; i++) {
        const p = cs[i];
        if (!p.startsWith('--')) parts.push(p + ': ' + cs.getPropertyValue(p));
      }
      const cls = typeof el.className === 'string' ? el.className.trim().replace(/\\s+/g, '.') : '';
      out.push([el.tagName.toLowerCase() + (cls ? '.' + cls : '') + (el.id ? '#' + el.id : '') + (pseudo || ''),
                parts.join('; ')]);
    }
  }
  return out;
}"""

# Put the stylesheet at `href` in place of the theme's (at the same place in the cascade) and wait until it applies.
SWAP = """async (href) => {
  const old = document.querySelector('link[data-theme-css]')
    || document.querySelector('link[rel=stylesheet][href*="stylesheets/main."]');
  const link = document.createElement('link');
  link.dataset.themeCss = '';
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve, reject) => { link.onload = resolve; link.onerror = reject; });
  old.before(link);
  await loaded;
  old.remove();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return old.getAttribute('href');
}"""


def differences(page) -> list[str]:
    """Compare the page's computed styles under the trimmed and the whole stylesheet; back to the trimmed after."""
    trimmed = page.evaluate(COLLECT)
    own = page.evaluate(SWAP, ORIGINAL_URL)
    assert "stylesheets/main." in own, "the page does not load the theme's stylesheet"
    whole = page.evaluate(COLLECT)
    page.evaluate(SWAP, own)
    assert len(trimmed) == len(whole), "the page changed while the styles were compared"
    out = []
    for (name, a), (other, b) in zip(trimmed, whole):
        assert name == other, f"the page changed while the styles were compared: {name} / {other}"
        if a != b:
            pa, pb = (dict(x.split(": ", 1) for x in styles.split("; ") if x) for styles in (a, b))
            diff = sorted(p for p in set(pa) | set(pb) if pa.get(p) != pb.get(p))
            out.append(f"{name}: " + ", ".join(f"{p} {pa.get(p)!r} (whole: {pb.get(p)!r})" for p in diff[:4]))
    return out


@pytest.fixture
def styled_page(open_context):
    def make(viewport):
        assert len(ORIGINAL) == 1, f"Material's stylesheet not found: {ORIGINAL}"
        context, _ = open_context(viewport=viewport)
        body = ORIGINAL[0].read_bytes()
        context.route(f"**{ORIGINAL_URL}", lambda route: route.fulfill(status=200, body=body, content_type="text/css"))
        return context.new_page()
    return make


def test_the_trimmed_stylesheet_is_smaller(site):
    (trimmed,) = site.glob("assets/stylesheets/main.*.min.css")
    assert trimmed.name != ORIGINAL[0].name
    assert trimmed.stat().st_size < 0.6 * ORIGINAL[0].stat().st_size, "the theme's stylesheet was not trimmed"
    assert not list(site.glob("assets/stylesheets/main.*.min.css.map")), "a source map that no longer matches"


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_looks_the_same(styled_page, base_url, name, viewport):
    page = styled_page(DESKTOP if viewport == "desktop" else MOBILE)
    goto(page, base_url, PAGES[name])
    diff = differences(page)
    assert not diff, f"{name} at {viewport} size differs with the trimmed stylesheet:\n" + "\n".join(diff[:15])


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_search_results_look_the_same(styled_page, base_url, lang, viewport):
    page = styled_page(DESKTOP if viewport == "desktop" else MOBILE)
    goto(page, base_url, PAGES[f"indicator-{lang}"])
    if viewport == "mobile":
        page.locator('label[for="__search"]').first.click()
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("tiem chung" if lang == "vi" else "vaccination", delay=10)  # typed, not filled
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(400)  # the search panel's transitions
    diff = differences(page)
    assert not diff, (f"the search results ({lang}, {viewport}) differ with the trimmed stylesheet:\n"
                      + "\n".join(diff[:15]))


def test_the_navigation_drawer_looks_the_same(styled_page, base_url):
    page = styled_page(MOBILE)
    goto(page, base_url, PAGES["goal-vi"])
    page.locator('.md-header label[for="__drawer"]').click()
    page.wait_for_timeout(400)  # the drawer's slide
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    diff = differences(page)
    assert not diff, "the open navigation drawer differs with the trimmed stylesheet:\n" + "\n".join(diff[:15])


def test_a_tooltip_looks_the_same(styled_page, base_url):
    page = styled_page(DESKTOP)
    goto(page, base_url, PAGES["indicator-vi"])
    page.locator(".md-header a[title]").first.hover()
    page.locator(".md-tooltip--active").wait_for(state="visible")
    page.wait_for_timeout(400)  # the tooltip's fade
    diff = differences(page)
    assert not diff, "a tooltip differs with the trimmed stylesheet:\n" + "\n".join(diff[:15])
