"""axe-core on every page type, in both languages, at desktop and phone size: no violation of serious or critical
impact. Charts carry their text alternative (alt, SVG <title>/<desc>) and the data table is their accessible
equivalent; the without-JavaScript tests check those."""
from __future__ import annotations

import pytest

from browsing import PAGES, VIEWPORTS, goto

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-a")]

BLOCKING = ("serious", "critical")


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(tab, base_url, axe, name, size):
    page = tab(VIEWPORTS[size])
    goto(page, base_url, PAGES[name])
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    report = "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} — "
                       + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5]) for v in blocking)
    assert not blocking, f"{name} at {size}:\n{report}"
