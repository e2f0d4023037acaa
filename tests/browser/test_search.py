"""Search as people type it: with Vietnamese diacritics and without (on a phone keyboard, often without)."""
from __future__ import annotations

import pytest

from browsing import CSP_RECORDER, DESKTOP, LANG_PREFIX, MOBILE, PAGES, Recorder

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

CASES = [
    ("suy dinh dưỡng", ["4a", "4b"]),
    ("suy dinh duong", ["4a", "4b"]),
    ("tiêm chủng", ["5a", "5b"]),
    ("tiem chung", ["5a", "5b"]),
]


@pytest.fixture(scope="module", params=[DESKTOP, MOBILE], ids=["desktop", "mobile"])
def home(request, browser, base_url):
    """The Vietnamese home page at one screen size, kept open for all the queries (the search index loads once)."""
    context = browser.new_context(viewport=request.param)
    context.set_default_timeout(15_000)
    recorder = Recorder(base_url)
    recorder.attach(context)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.goto(base_url + PAGES["home-vi"], wait_until="load")
    yield page, recorder
    context.close()


def search(page, query: str) -> list[str]:
    """Open the search, type the query key by key as a person would, and return the result links (without the
    highlight parameter) once the results for the whole query are shown."""
    if not page.locator("#__search").is_checked():
        if page.viewport_size["width"] < 960:  # small screens: the field hides behind the magnifier button
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.locator("input.md-search__input").click()
    field = page.locator("input.md-search__input")
    field.press("Control+A")
    field.press("Backspace")
    field.press_sequentially(query, delay=10)
    assert field.input_value() == query
    # Results for the whole query carry it in their links (?h=…), which tells them from results for a prefix.
    page.wait_for_function(
        """words => [...document.querySelectorAll('a.md-search-result__link')].some(a => {
             const h = (new URL(a.href).searchParams.get('h') || '').split(' ');
             return words.every(w => h.includes(w));
           })""", arg=query.split(), timeout=15_000)
    hrefs = page.eval_on_selector_all("a.md-search-result__link", "els => els.map(a => a.href)")
    return [h.split("?")[0].split("#")[0] for h in hrefs]


@pytest.mark.parametrize("query,expected", CASES, ids=[q for q, _ in CASES])
def test_search_finds_the_indicator(home, base_url, query, expected):
    page, rec = home
    found = search(page, query)
    for ind in expected:
        assert f"{base_url}chi-so/{ind}/" in found, f"“{query}” does not find indicator {ind}: {found[:10]}"
    english = [url for url in found if url.startswith(base_url + LANG_PREFIX["en"])]
    assert not english, f"a Vietnamese page's search shows English pages: {english[:5]}"
    assert not rec.foreign(), f"search contacted other hosts: {rec.foreign()}"
    assert not rec.failed(), rec.failed()
    assert not page.evaluate("() => window.__cspViolations"), "CSP violations while searching"


def test_search_in_english(open_context, base_url):
    context, rec = open_context()
    page = context.new_page()
    page.goto(base_url + PAGES["home-en"], wait_until="load")
    found = search(page, "underweight")
    assert f"{base_url}{LANG_PREFIX['en']}chi-so/4a/" in found, found[:10]
    assert all(url.startswith(base_url + LANG_PREFIX["en"]) for url in found), f"not only English pages: {found[:10]}"
    assert not rec.foreign(), rec.foreign()


def test_a_page_opened_from_a_search_result_highlights_the_words(open_context, base_url):
    """Search results link to ?h=<words>; the page highlights them, which needs the index at once (theme.js holds
    it back on other pages until the search is opened)."""
    context, rec = open_context()
    page = context.new_page()
    page.goto(base_url + PAGES["indicator-vi"] + "?h=dinh+dưỡng", wait_until="load")
    page.locator("mark[data-md-highlight]").first.wait_for(state="attached", timeout=15_000)
    marked = " ".join(page.locator("mark[data-md-highlight]").all_inner_texts()).lower()
    assert "dinh" in marked or "dưỡng" in marked, marked
    assert not rec.foreign(), rec.foreign()
