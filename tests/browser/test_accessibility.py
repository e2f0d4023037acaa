"""axe-core on every page type, in both languages, at desktop and phone size, and on the search showing results and
the open navigation drawer: no violation of serious or critical impact. Charts carry their text alternative (alt,
SVG <title>/<desc>) and the data table is their accessible equivalent; the without-JavaScript tests check those."""
from __future__ import annotations

import pytest

from browsing import PAGES, VIEWPORTS, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-a")]

BLOCKING = ("serious", "critical")


def blocking_report(results) -> tuple[list, str]:
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    return blocking, "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} — "
                               + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5]) for v in blocking)


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(tab, base_url, axe, name, size):
    page = tab(VIEWPORTS[size])
    goto(page, base_url, PAGES[name])
    blocking, report = blocking_report(axe.run(page))
    assert not blocking, f"{name} at {size}:\n{report}"


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_search_with_results_has_no_serious_violation(open_context, base_url, axe, lang, size):
    """The search as a visitor uses it: opened, a query typed, the results showing."""
    context, _ = open_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    goto(page, base_url, PAGES[f"indicator-{lang}"])
    if size == "mobile":
        page.locator('label.md-header__button[for="__search"]').click()
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("tiem chung" if lang == "vi" else "vaccination", delay=10)  # typed, not filled
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(400)  # the search panel's transitions: axe measures contrast on what is drawn
    blocking, report = blocking_report(axe.run(page))
    assert not blocking, f"search ({lang}, {size}):\n{report}"


def test_open_navigation_drawer_has_no_serious_violation(open_context, base_url, axe):
    context, _ = open_context(viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    goto(page, base_url, PAGES["goal-vi"])
    page.locator('.md-header label[for="__drawer"]').click()
    page.wait_for_timeout(400)  # the drawer's slide
    blocking, report = blocking_report(axe.run(page))
    assert not blocking, f"open navigation drawer:\n{report}"
