"""Screenshots of every page type at desktop and phone size, for people to look at: tests/screenshots/ (ignored by
git). Each is checked for what it must show: as wide as the screen (the page does not scroll sideways) and at least
a screen high, and every chart on the page drawn, not blank (its region of the screenshot has ink in several
colours)."""
from __future__ import annotations

import base64
import struct

import pytest

from browsing import PAGES, SCREENSHOTS, VIEWPORTS, goto, kind_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

# In the page itself: the share of a PNG's pixels that are not (near) white, and how many colours it has.
INK = """async (data) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + data;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0; const colours = new Set();
  for (let i = 0; i < px.length; i += 4) {
    if (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235) ink++;
    colours.add((px[i] >> 4) << 8 | (px[i + 1] >> 4) << 4 | (px[i + 2] >> 4));
  }
  return {ink: ink / (px.length / 4), colours: colours.size};
}"""


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (IHDR)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", png[16:24])


def chart_boxes(page):
    """Every chart drawn on the page: SVG images (<img>, <picture>) and inline SVGs with text, at least 60 px."""
    return [el for el in page.locator(".md-content img, .md-content svg").all()
            if el.evaluate("el => (el.tagName !== 'IMG' || /\\.svg|image\\/svg/i.test(el.currentSrc || el.src))"
                           " && (el.tagName === 'IMG' || el.querySelector('text') !== null)"
                           " && el.getBoundingClientRect().width >= 60 && el.getBoundingClientRect().height >= 60")]


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(tab, base_url, name, size):
    viewport = VIEWPORTS[size]
    page = tab(viewport)
    goto(page, base_url, PAGES[name])
    page.evaluate("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; "
                  "return i.decode().catch(() => null); }))")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{size}.png"
    page.screenshot(path=str(path), full_page=True)
    width, height = png_size(path.read_bytes())
    assert width == viewport["width"], f"{path.name}: {width}px wide for a {viewport['width']}px screen"
    assert height >= viewport["height"], f"{path.name}: {height}px high"
    # what it shows is the page: its heading is on screen, with the hotline
    assert page.locator("h1").first.is_visible() and page.locator('a[href="tel:111"]').first.is_visible(), path
    charts = chart_boxes(page)
    if kind_of(name) in ("indicator", "chart"):
        assert charts, f"{name}: no chart on the page"
    for chart in charts:
        shot = chart.screenshot()
        seen = page.evaluate(INK, base64.b64encode(shot).decode("ascii"))
        assert seen["ink"] > 0.02 and seen["colours"] >= 4, f"{name} at {size}: a chart looks blank: {seen}"


def test_the_blank_check_sees_a_blank_chart(tab, base_url):
    """The check can fail: the chart's image replaced by an empty SVG of the same size looks blank to it."""
    page = tab(VIEWPORTS["mobile"])
    goto(page, base_url, PAGES["indicator-vi"])
    page.evaluate("""() => { const img = document.querySelector('.md-content picture img');
      img.closest('picture').querySelectorAll('source').forEach(s => s.remove());
      img.loading = 'eager';  // a lazy image out of sight would never load (nor decode)
      img.src = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="320" '
        + 'height="300"><rect width="320" height="300" fill="white"/></svg>'); return img.decode(); }""")
    (chart,) = chart_boxes(page)
    seen = page.evaluate(INK, base64.b64encode(chart.screenshot()).decode("ascii"))
    assert seen["ink"] < 0.02, seen
