"""The interactive chart page: vega comes from the site itself and draws an SVG chart in place of the static one."""
from __future__ import annotations

import pytest

from browsing import PAGES, settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

VEGA = "assets/vendor/vega-bundle.js"


@pytest.mark.parametrize("name", ["chart-vi", "chart-en"])
def test_interactive_chart_renders_from_the_site_itself(open_context, base_url, name):
    context, rec = open_context()
    page = context.new_page()
    page.goto(base_url + PAGES[name], wait_until="load")
    settle(page)
    chart = page.locator(".vega-chart").first
    failed = chart.get_attribute("data-failed")
    assert failed is None, f"{name}: the interactive chart failed: {failed}"
    assert chart.get_attribute("data-rendered") is not None, f"{name}: the interactive chart did not render"
    assert base_url + VEGA in rec.requests, f"{name}: {VEGA} was not loaded from the site"
    spec = chart.get_attribute("data-spec")
    assert any(u.startswith(base_url) and u.endswith(spec.rsplit("/", 1)[-1]) for u in rec.requests), \
        f"{name}: the chart's spec {spec} was not loaded from the site"

    svg = chart.locator("svg.marks")
    assert svg.count() == 1 and svg.is_visible(), f"{name}: no SVG chart drawn"
    assert svg.locator("path, line, rect, circle, text").count() > 10, f"{name}: the SVG chart is empty"
    assert chart.locator("img").count() == 0, f"{name}: the static image was not replaced"
    label = chart.locator(".vega-embed").get_attribute("aria-label") or ""
    assert len(label.strip()) > 20, f"{name}: the interactive chart has no text alternative"

    # the tooltip works without the inline <style> the Content-Security-Policy refuses
    chart.locator("svg g.mark-symbol.role-mark path").first.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip(), f"{name}: empty tooltip"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]

    assert not rec.foreign(), f"{name}: contacted {rec.foreign()}"
    assert not rec.failed(), f"{name}: failed requests {rec.failed()}"
    assert not rec.page_errors, rec.page_errors
    assert not page.evaluate("() => window.__cspViolations"), "CSP violations while drawing the chart"
