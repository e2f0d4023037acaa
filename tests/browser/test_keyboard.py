"""Keyboard only: Tab reaches the search, the main navigation and the download links, and wherever the focus is,
it shows."""
from __future__ import annotations

import pytest

from browsing import DESKTOP, PAGES, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

MAX_TABS = 200

# What the focused element is, and how it looks; marks it so its look without focus can be read afterwards.
FOCUSED = """async i => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  el.setAttribute('data-tab-stop', String(i));
  // let the transitions of the element and its containers end (Material fades the skip link in)
  const running = [];
  for (let p = el; p; p = p.parentElement) running.push(...p.getAnimations());
  await Promise.all(running.map(a => a.finished.catch(() => null)));
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight
    && r.left < innerWidth && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0.1;
  return {i, shown, tag: el.tagName.toLowerCase(), cls: String(el.className || ''), href: el.getAttribute('href') || '',
          nav: !!el.closest('.md-tabs'), search: el.matches('input.md-search__input'),
          outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), shadow: s.boxShadow,
          outlineWidth: parseFloat(s.outlineWidth) || 0, outlineStyle: s.outlineStyle};
}"""
UNFOCUSED = """i => {
  const el = document.querySelector(`[data-tab-stop="${i}"]`);
  const s = getComputedStyle(el);
  return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), shadow: s.boxShadow};
}"""


def indicator_visible(focused: dict, unfocused: dict) -> bool:
    outline = focused["outlineStyle"] not in ("none", "hidden") and focused["outlineWidth"] >= 2 \
        and focused["outline"] != unfocused["outline"]
    shadow = focused["shadow"] not in ("none", "") and focused["shadow"] != unfocused["shadow"]
    return outline or shadow


@pytest.mark.parametrize("name", ["indicator-vi", "indicator-en"])
def test_tab_reaches_search_navigation_and_downloads_with_visible_focus(open_context, base_url, name):
    context, _ = open_context(viewport=DESKTOP)
    page = context.new_page()
    goto(page, base_url, PAGES[name])
    stops = []
    for i in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED, i)
        if stop is None:  # back to the document: the whole page has been walked through
            break
        stops.append(stop)
    assert stops, "Tab focuses nothing"

    wanted = {
        "the search field": [s for s in stops if s["search"]],
        "the main navigation": [s for s in stops if s["nav"]],
        "the indicator's CSV": [s for s in stops if s["href"].endswith("data/chi-so/4a.csv")],
        "the observations CSV": [s for s in stops if s["href"].endswith("data/observations/observations.csv")],
    }
    missing = [what for what, found in wanted.items() if not found]
    assert not missing, f"{name}: Tab never reaches {missing} in {len(stops)} stops"

    hidden = [(s["tag"], s["cls"], s["href"]) for s in stops if not s["shown"]]
    assert not hidden, f"{name}: the focus goes to elements that cannot be seen: {hidden}"

    # The look of every stop without focus (and without the mouse over it), against its look with focus.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, DESKTOP["height"] - 1)
    bare = [(s["tag"], s["cls"], s["href"], s["outline"], s["shadow"]) for s in stops
            if not indicator_visible(s, page.evaluate(UNFOCUSED, s["i"]))]
    assert not bare, f"{name}: no visible focus indicator on {bare}"
