"""A phone (360×740): the hotline 111 in sight on arrival. (No sideways scrolling, at phone and desktop size: test_readable.)"""
from __future__ import annotations

import pytest

from browsing import MOBILE, PAGES, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-a")]


@pytest.mark.parametrize("name", ["home-vi", "home-en"])
def test_hotline_visible_without_scrolling(tab, base_url, name):
    page = tab(MOBILE)
    goto(page, base_url, PAGES[name])
    assert page.evaluate("() => window.scrollY") == 0
    hotline = page.locator('a[href="tel:111"]').first
    assert hotline.is_visible(), f"{name}: the hotline link is not visible"
    assert "111" in hotline.inner_text()
    box = hotline.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= MOBILE["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"], f"{name}: the hotline is off screen: {box}"
    # …and it is what is drawn there, not hidden under something else
    top = page.evaluate("([x, y]) => { const el = document.elementFromPoint(x, y); return el && el.closest('a') "
                        "&& el.closest('a').getAttribute('href'); }", [box["x"] + box["width"] / 2,
                                                                      box["y"] + box["height"] / 2])
    assert top == "tel:111", f"{name}: something covers the hotline link ({top})"
