"""The home page answers "how are the children doing?" on a phone: every indicator by its name with its latest
figure, the hotline and the first goal's indicators on the first screen; the list of all indicators filters with
JavaScript and is a plain list without it (issue 14)."""
from __future__ import annotations

import csv

import pytest

from browsing import DESKTOP, LANG_PREFIX, MOBILE, ROOT, read_csv, settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-a")]


def indicators() -> list[dict]:
    return read_csv("programme-targets/data/indicators.csv")


def with_data() -> set[str]:
    """Indicators with at least one value of their own (a measure that is the indicator, or its survey definition),
    read from the datasets with the csv module."""
    with open(ROOT / "datasets/observations/data/measures.csv", encoding="utf-8", newline="") as fh:
        own = {r["measure"] for r in csv.DictReader(fh) if r["relation"] in ("same", "survey-definition")}
    with open(ROOT / "datasets/observations/data/observations.csv", encoding="utf-8", newline="") as fh:
        return {r["indicator_id"] for r in csv.DictReader(fh) if r["measure"] in own and r["value"]}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_home_page_names_every_indicator(tab, base_url, lang):
    page = tab(DESKTOP)
    page.goto(base_url + LANG_PREFIX[lang], wait_until="load")
    titles = page.locator(".md-content .dashboard .card-title a").all_inner_texts()
    assert titles == [r[f"short_name_{lang}"] for r in indicators()]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_phone_sees_the_programme_the_hotline_and_the_first_goals_indicators_without_scrolling(tab, base_url, lang):
    page = tab(MOBILE)
    page.goto(base_url + LANG_PREFIX[lang], wait_until="load")
    settle(page)
    height = page.viewport_size["height"]

    def on_first_screen(locator) -> bool:
        box = locator.bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height

    assert on_first_screen(page.locator(".md-content h1").first)
    assert on_first_screen(page.locator('a[href="tel:111"]').first)
    assert "23/QĐ-TTg" in page.locator(".md-content h1 + p").first.inner_text()  # what the programme is
    first = page.locator(".md-content .dashboard").first.locator(".card").first
    assert on_first_screen(first.locator(".card-title a")), "the first indicator's name is below the first screen"
    assert on_first_screen(first.locator(".card-status, .card-latest").first), "its figure is below the first screen"


def test_every_sparkline_says_what_it_shows(tab, base_url):
    page = tab(DESKTOP)
    page.goto(base_url, wait_until="load")
    sparks = page.locator("svg.spark")
    assert sparks.count() >= 3
    for i in range(sparks.count()):
        spark = sparks.nth(i)
        assert spark.get_attribute("role") == "img"
        label = spark.get_attribute("aria-label")
        assert label and label == spark.locator("title").text_content()
        assert any(ch.isdigit() for ch in label), label  # it gives the numbers, not only a name


def test_without_javascript_the_indicator_list_is_a_plain_list_of_all(tab, base_url):
    page = tab(MOBILE, javascript=False)
    page.goto(base_url + "chi-so/", wait_until="load")
    assert page.locator("form.indicator-filter").count() == 0
    items = page.locator("ul.indicator-list > li")
    assert items.count() == len(indicators())
    assert all(items.nth(i).is_visible() for i in range(items.count()))


def test_the_indicator_list_filters_by_goal_status_and_data(tab, base_url):
    page = tab(DESKTOP)
    page.goto(base_url + "chi-so/", wait_until="load")
    form = page.locator("form.indicator-filter")
    visible = lambda: page.locator("ul.indicator-list > li:not([hidden])").count()  # noqa: E731
    assert visible() == len(indicators())
    form.locator('select[name="goal"]').select_option("2")
    assert visible() == sum(1 for r in indicators() if r["goal_id"] == "2")
    form.locator('select[name="goal"]').select_option("")
    form.locator('select[name="data"]').select_option("yes")
    assert visible() == len(with_data()) and visible() > 0
    assert str(len(with_data())) in form.locator(".indicator-count").inner_text()
    form.locator('select[name="data"]').select_option("no")
    assert visible() == len(indicators()) - len(with_data())
    form.locator('select[name="data"]').select_option("")
    form.locator('select[name="status"]').select_option("insufficient-data")
    assert visible() == len(indicators())  # every shipped indicator lacks official data since 2020
