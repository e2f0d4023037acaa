"""Keyboard only: Tab reaches the search, the main navigation and the download links, and wherever the focus is,
it shows."""
from __future__ import annotations

import pytest

from browsing import DESKTOP, MOBILE, PAGES, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

MAX_TABS = 200

# What the focused element is, whether it can be seen, and how it looks; marks it so that its look without focus
# can be read afterwards.
FOCUSED = """async i => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  el.setAttribute('data-tab-stop', ((el.getAttribute('data-tab-stop') || '') + ' ' + i).trim());
  // let the transitions of the element and its containers end (Material fades the skip link in)
  const running = [];
  for (let p = el; p; p = p.parentElement) running.push(...p.getAnimations());
  await Promise.all(running.map(a => a.finished.catch(() => null)));
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight
    && r.left < innerWidth && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0.1;
  return {i, shown, tag: el.tagName.toLowerCase(), cls: String(el.className || ''), href: el.getAttribute('href') || '',
          role: el.getAttribute('role') || '', name: el.getAttribute('aria-label') || '',
          nav: !!el.closest('.md-tabs, .md-nav--primary'), menu: el.matches("label[for='__drawer']"),
          search: el.matches('input.md-search__input'),
          outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), shadow: s.boxShadow,
          outlineWidth: parseFloat(s.outlineWidth) || 0, outlineStyle: s.outlineStyle};
}"""
UNFOCUSED = """i => {
  const el = document.querySelector(`[data-tab-stop~="${i}"]`);
  const s = getComputedStyle(el);
  return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), shadow: s.boxShadow};
}"""


def indicator_visible(focused: dict, unfocused: dict) -> bool:
    outline = focused["outlineStyle"] not in ("none", "hidden") and focused["outlineWidth"] >= 2 \
        and focused["outline"] != unfocused["outline"]
    shadow = focused["shadow"] not in ("none", "") and focused["shadow"] != unfocused["shadow"]
    return outline or shadow


def walk(page, start: int = 0, until=lambda stop: False) -> list[dict]:
    """Press Tab until `until(stop)` or until the focus leaves the page; the stops on the way."""
    stops = []
    for i in range(start, start + MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED, i)
        if stop is None:  # back to the document: the whole page has been walked through
            break
        stops.append(stop)
        if until(stop):
            break
    return stops


def describe(stops: list[dict]) -> list[tuple]:
    return [(s["tag"], s["cls"], s["href"]) for s in stops]


def check_focus_shows(page, name: str, stops: list[dict]) -> None:
    hidden = [s for s in stops if not s["shown"]]
    assert not hidden, f"{name}: the focus goes to elements that cannot be seen: {describe(hidden)}"
    # The look of every stop without focus (and without the mouse over it), against its look with focus.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, page.viewport_size["height"] - 1)
    bare = [s for s in stops if not indicator_visible(s, page.evaluate(UNFOCUSED, s["i"]))]
    assert not bare, f"{name}: no visible focus indicator on " + str(
        [(s["tag"], s["cls"], s["href"], s["outline"], s["shadow"]) for s in bare])


@pytest.mark.parametrize("name", ["indicator-vi", "indicator-en"])
def test_tab_reaches_search_navigation_and_downloads_with_visible_focus(open_context, base_url, name):
    context, _ = open_context(viewport=DESKTOP)
    page = context.new_page()
    goto(page, base_url, PAGES[name])
    stops = walk(page)
    assert stops, "Tab focuses nothing"
    wanted = {
        "the search field": [s for s in stops if s["search"]],
        "the main navigation": [s for s in stops if s["nav"]],
        "the indicator's CSV": [s for s in stops if s["href"].endswith("data/chi-so/4a.csv")],
        "the observations CSV": [s for s in stops if s["href"].endswith("data/observations/observations.csv")],
    }
    missing = [what for what, found in wanted.items() if not found]
    assert not missing, f"{name}: Tab never reaches {missing} in {len(stops)} stops"
    check_focus_shows(page, name, stops)


@pytest.mark.parametrize("name", ["indicator-vi", "home-en"])
def test_phone_keyboard_opens_the_menu_and_focus_always_shows(open_context, base_url, name):
    """On a small screen the navigation is a drawer behind the menu button: the keyboard opens it, reaches its links,
    closes it with Escape; and no Tab stop is ever off screen (the closed drawer's links included)."""
    context, _ = open_context(viewport=MOBILE)
    page = context.new_page()
    goto(page, base_url, PAGES[name])
    drawer = page.locator("#__drawer")

    before = walk(page, until=lambda s: s["menu"])
    assert before and before[-1]["menu"], f"{name}: Tab never reaches the menu button: {describe(before)}"
    button = before[-1]
    assert button["role"] == "button" and button["name"], f"{name}: the menu button has no role or name: {button}"
    assert page.locator("label[for='__drawer'][aria-expanded='false']").count() == 1

    page.keyboard.press("Enter")
    assert drawer.is_checked(), f"{name}: Enter on the menu button does not open the menu"
    assert page.locator("label[for='__drawer'][aria-expanded='true']").count() == 1
    inside = walk(page, start=len(before), until=lambda s: s["nav"])
    assert inside and inside[-1]["nav"], f"{name}: Tab does not reach the open menu: {describe(inside)}"
    assert inside[-1]["shown"], f"{name}: the menu's link is focused but not on screen: {inside[-1]}"

    page.keyboard.press("Escape")
    assert not drawer.is_checked(), f"{name}: Escape does not close the menu"
    assert page.evaluate("() => document.activeElement.matches(\"label[for='__drawer']\")"), \
        f"{name}: the focus does not return to the menu button"
    page.wait_for_timeout(400)  # the drawer slides away (.25 s), then hides

    after = walk(page, start=len(before) + len(inside))
    assert not any(s["nav"] and "md-nav" in s["cls"] for s in after), \
        f"{name}: Tab goes through the closed menu's links"
    check_focus_shows(page, name, before + inside + after)
