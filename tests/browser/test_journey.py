"""A person's way through the site: from the home page to a goal, to an indicator, to its data; and every indicator
within two clicks of the home page."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import urldefrag

import pytest

from browsing import LANG_PREFIX, ROOT, indicator_ids, read_csv, settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

OBSERVATIONS = ROOT / "datasets" / "observations" / "data" / "observations.csv"
GOAL_LINK = {"vi": r"^Mục tiêu {goal}\b", "en": r"^Goal {goal}\b"}
INDICATOR = "4a"


def indicator_rows(indicator_id: str) -> list[list[str]]:
    """The header and the rows of one indicator, read from the dataset's own file with the csv module, each followed
    by its source's publisher, title (vi, en), address and trust from the dataset's sources.csv."""
    with open(OBSERVATIONS, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with open(OBSERVATIONS.parent / "sources.csv", encoding="utf-8", newline="") as fh:
        sources = {r["source_id"]: r for r in csv.DictReader(fh)}
    column, sid = rows[0].index("indicator_id"), rows[0].index("source_id")
    joined = ["publisher_vi", "title_vi", "title_en", "url", "trust"]
    header = rows[0] + ["source_publisher", "source_title", "source_title_en", "source_url", "source_trust"]
    return [header] + [r + [sources[r[sid]][c] for c in joined] for r in rows[1:] if r[column] == indicator_id]


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    d = info.value
    assert d.failure() is None, d.failure()
    with open(d.path(), "rb") as fh:
        return fh.read()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_goal_indicator_download(open_context, base_url, lang):
    indicators = read_csv("programme-targets/data/indicators.csv")
    goal = next(r["goal_id"] for r in indicators if r["indicator_id"] == INDICATOR)
    short = next(r[f"short_name_{lang}"] for r in indicators if r["indicator_id"] == INDICATOR)
    context, rec = open_context(accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + LANG_PREFIX[lang], wait_until="load")

    content = page.locator(".md-content")
    content.get_by_role("link", name=re.compile(GOAL_LINK[lang].format(goal=goal))).first.click()
    page.wait_for_url(f"{base_url}{LANG_PREFIX[lang]}muc-tieu/{goal}/")

    content.get_by_role("link", name=short, exact=True).first.click()  # a goal page names its indicators
    page.wait_for_url(f"{base_url}{LANG_PREFIX[lang]}chi-so/{INDICATOR}/")
    settle(page)
    assert INDICATOR in page.locator("h1").inner_text()

    full = content.locator('a[href$="data/observations/observations.csv"]')
    assert full.count() >= 1, "no link to the full observations CSV on the indicator page"
    assert download(page, full.first) == OBSERVATIONS.read_bytes(), \
        "the observations CSV downloaded from the indicator page differs from the dataset's file"

    own = content.locator(f'a[href$="data/chi-so/{INDICATOR}.csv"]')
    assert own.count() >= 1, f"no link to {INDICATOR}'s own CSV on the indicator page"
    data = download(page, own.first)
    got = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    want = indicator_rows(INDICATOR)
    assert len(want) > 1, f"the dataset has no rows for {INDICATOR}: pick an indicator with data"
    assert got == want, f"{INDICATOR}.csv: {len(got) - 1} rows, the dataset has {len(want) - 1}; first difference: " \
        + str(next(((g, w) for g, w in zip(got, want) if g != w), "in length"))
    assert not rec.foreign(), rec.foreign()


# The pages one click away are fetched and parsed into DOM documents by the browser (DOMParser), all at once: the
# same links as when each is opened (the site's JavaScript adds none), without rendering 60 pages.
LINKS_OF = """async urls => Object.fromEntries(await Promise.all(urls.map(async url => {
  const response = await fetch(url);
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const base = doc.createElement("base");
  base.href = url;
  doc.head.prepend(base);
  return [url, [response.status, [...doc.querySelectorAll("a[href]")].map(a => a.href)]];
})))"""


def without_fragment(urls) -> set[str]:
    return {urldefrag(u)[0] for u in urls}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_indicator_within_two_clicks_of_home(open_context, base_url, lang):
    context, _ = open_context()
    page = context.new_page()
    home = base_url + LANG_PREFIX[lang]
    page.goto(home, wait_until="domcontentloaded")
    one_click = without_fragment(page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"))
    pages = sorted(u for u in one_click if u.startswith(base_url) and u.endswith("/") and u != home)
    assert len(pages) >= 24, f"only {len(pages)} pages one click from {home}"
    reached = set(one_click)
    for url, (status, hrefs) in page.evaluate(LINKS_OF, pages).items():
        assert status == 200, f"{url}: HTTP {status}"
        reached |= without_fragment(hrefs)
    wanted = {f"{base_url}{LANG_PREFIX[lang]}chi-so/{i}/": i for i in indicator_ids()}
    assert len(wanted) >= 24
    missing = sorted(i for url, i in wanted.items() if url not in reached)
    assert not missing, f"indicators more than two clicks from {home}: {missing}"
    broken = sorted(url for url, (status, _) in page.evaluate(LINKS_OF, sorted(wanted)).items() if status != 200)
    assert not broken, f"indicator pages that do not open: {broken}"
