"""Screenshots of every page type at desktop and phone size, for people to look at: tests/screenshots/ (ignored by
git, never compared with earlier ones): each is checked to be the whole page at its size, showing the page."""
from __future__ import annotations

import struct

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
    # the picture is the whole page at this size: a PNG as wide as the viewport and as tall as the document
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", png[16:24])
    scale = page.evaluate("devicePixelRatio")
    assert width == round(VIEWPORTS[size]["width"] * scale), (path, width)
    document = page.evaluate("Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    assert abs(height - document * scale) <= 2 * scale and height >= VIEWPORTS[size]["height"] * scale, (path, height)
    # and what it shows is the page: its heading is on screen, with the hotline
    assert page.locator("h1").first.is_visible() and page.locator('a[href="tel:111"]').first.is_visible(), path
