"""Screenshots of every page type at desktop and phone size, for people to look at: tests/screenshots/ (ignored by
git, never compared)."""
from __future__ import annotations

import pytest

from browsing import PAGES, SCREENSHOTS, VIEWPORTS, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(tab, base_url, name, size):
    page = tab(VIEWPORTS[size])
    goto(page, base_url, PAGES[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{size}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000, f"{path}: suspiciously small"
