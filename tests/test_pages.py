"""Pages for reuse, checked on the built site: every link and image on dataset, indicator and chart pages resolves
to a file of the site, each dataset and indicator page has a citation with its absolute address and a licence
notice, charts can be downloaded and embedded, and a journalist gets an indicator's data in two clicks."""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts import pages
from scripts import facts
from scripts.context import Context
from scripts.model import build_model
from scripts.paths import DATASETS
from scripts.validate import dataset_folders, validate_datasets

NAMES = [f.name for f in dataset_folders(DATASETS)]
LANGS = {"vi": "", "en": "en/"}

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


class Links(HTMLParser):
    """href and src of a page's content (the <article>), and every <a> on the page."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.content: list[tuple[str, str]] = []
        self.anchors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if tag == "a" and a.get("href"):
            self.anchors.append(a["href"])
        if self.depth:
            for key in ("href", "src", "data-spec"):
                if a.get(key):
                    self.content.append((tag, a[key]))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def target(site: Path, page: Path, href: str) -> Path | None:
    """The site file a link of `page` points to; None for links that leave the site or stay on the page."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith(("#", "//")):
        if href.startswith(CTX.site_url):
            return target(site, site / "index.html", "/" + href[len(CTX.site_url):])
        return None
    path = unquote(parts.path)
    if not path:
        return None
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    resolved = posixpath.normpath(posixpath.join(base, path) if not path.startswith("/") else path)
    out = site / resolved.lstrip("/")
    return out / "index.html" if path.endswith("/") or out.is_dir() else out


def pages_of(site: Path, kind: str) -> list[Path]:
    return sorted(p for lang in LANGS.values() for p in (site / lang / kind).glob("*/index.html"))


def broken_links(site: Path, page_list: list[Path]) -> tuple[int, list[str]]:
    checked, broken = 0, []
    for page in page_list:
        for tag, href in parse(page).content:
            path = target(site, page, href)
            if path is None:
                continue
            checked += 1
            if not path.is_file():
                broken.append(f"{page.relative_to(site)}: <{tag}> {href}")
    return checked, broken


@pytest.mark.parametrize("kind", ["bo-du-lieu", "chi-so", "bieu-do"])
def test_every_link_and_image_on_dataset_indicator_and_chart_pages_resolves(built_site, kind):
    checked, broken = broken_links(built_site, pages_of(built_site, kind))
    assert not broken, "\n".join(broken[:40])
    assert checked > 50


def test_the_link_check_finds_a_missing_file(tmp_path):
    page = tmp_path / "en" / "chi-so" / "1" / "index.html"
    page.parent.mkdir(parents=True)
    (tmp_path / "data" / "chi-so").mkdir(parents=True)
    (tmp_path / "data" / "chi-so" / "1.csv").write_text("x\n", encoding="utf-8")
    page.write_text('<article><a href="../../../data/chi-so/1.csv">ok</a><a href="../../../data/chi-so/2.csv">'
                    'missing</a><img src="../../../bieu-do/1-en.svg"><a href="https://example.org/">out</a>'
                    f'<a href="{CTX.site_url}data/chi-so/3.csv">abs</a></article>', encoding="utf-8")
    checked, broken = broken_links(tmp_path, [page])
    assert checked == 4
    assert [b.split()[-1] for b in broken] == ["../../../data/chi-so/2.csv", "../../../bieu-do/1-en.svg",
                                               f"{CTX.site_url}data/chi-so/3.csv"]


def test_dataset_pages_link_every_download_with_its_size(built_site):
    for name in NAMES:
        descriptor = json.loads((DATASETS / name / "datapackage.json").read_text(encoding="utf-8"))
        for prefix in LANGS.values():
            page = built_site / prefix / "bo-du-lieu" / name / "index.html"
            html = page.read_text(encoding="utf-8")
            links = parse(page)
            files = {target(built_site, page, h) for _, h in links.content}
            wanted = [f"{name}.zip", "datapackage.json"] + [f"{r['name']}.{ext}" for r in descriptor["resources"]
                                                             for ext in ("csv", "xlsx", "json")]
            for fname in wanted:
                path = built_site / "data" / name / fname
                assert path in files, f"{page}: no link to {fname}"
                href = next(h for _, h in links.content if target(built_site, page, h) == path)
                after = html[html.index(f'href="{href}"'):][:400]
                assert re.search(r"\(\d[\d.,]* (B|KB|MB)\)", after), f"{page}: no size next to {fname}"


def citation_of(page: Path) -> str:
    text = " ".join(parse(page).text)
    text = re.sub(r"\s+", " ", text)
    for heading in ("Trích dẫn", "Cite"):
        if f" {heading} " in f" {text} ":
            return text[text.rindex(heading):]
    raise AssertionError(f"{page}: no citation heading")


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_dataset_and_indicator_page_has_a_citation_and_licence(built_site, lang):
    model = build_model(validate_datasets().datasets)
    prefix = LANGS[lang]
    year = max(c["date"] for n in NAMES for c in json.loads(
        (DATASETS / n / "datapackage.json").read_text(encoding="utf-8"))["changelog"])[:4]
    for name in NAMES:
        d = model.datasets[name].descriptor
        page = built_site / prefix / "bo-du-lieu" / name / "index.html"
        cite = citation_of(page)
        url = CTX.page_url(f"bo-du-lieu/{name}/", lang)
        for part in (url, facts.publisher(d, lang), d["title_en" if lang == "en" else "title"], d["version"],
                     f"({facts.modified(d)[:4]})", "accessed …" if lang == "en" else "truy cập ngày …", "CC BY 4.0"):
            assert part in cite.replace("’", "'"), f"{page}: {part!r} missing from the citation: {cite[:300]}"
        assert url in [h for h in parse(page).anchors]
    for ind in model.indicators.values():
        page = built_site / prefix / "chi-so" / ind.id / "index.html"
        cite = citation_of(page)
        url = CTX.page_url(f"chi-so/{ind.id}/", lang)
        version = json.loads((DATASETS / "observations" / "datapackage.json").read_text(encoding="utf-8"))["version"]
        for part in (url, f"({year})", f"observations {version}", "CC BY 4.0", ind.name(lang)):
            assert part in cite, f"{page}: {part!r} missing from the citation: {cite[:300]}"
        assert (built_site / prefix / "chi-so" / ind.id / "index.html") == target(built_site, page, url)


def test_a_journalist_gets_an_indicators_data_in_two_clicks(built_site):
    """Home → an indicator page → a CSV that exists and names the source of every row."""
    for prefix in LANGS.values():
        home = built_site / prefix / "index.html"
        indicator_pages = sorted({p for _, h in parse(home).content for p in [target(built_site, home, h)]
                                  if p and p.parent.parent.name == "chi-so" and p.parent.name != "chi-so"})
        assert len(indicator_pages) >= 24
        for page in indicator_pages:
            csvs = [p for _, h in parse(page).content for p in [target(built_site, page, h)]
                    if p and p.suffix == ".csv" and p.parent.name == "chi-so"]
            assert csvs, f"{page}: no CSV of the indicator"
            assert csvs[0].is_file(), f"{page}: {csvs[0]} is linked but not in the site"
            with csvs[0].open(encoding="utf-8") as fh:
                rows = list(csv.DictReader(fh))
            header = csvs[0].read_text(encoding="utf-8").splitlines()[0].split(",")
            assert "source_url" in header and "value" in header and "year" in header
            assert all(r["source_url"] for r in rows), f"{csvs[0]}: a row without its source"


def test_indicator_csv_holds_exactly_that_indicators_rows(built_site):
    observations = (DATASETS / "observations" / "data" / "observations.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(observations)))
    for path in (built_site / "data" / "chi-so").glob("*.csv"):
        mine = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        own = [{k: v for k, v in r.items() if not k.startswith("source_") or k == "source_id"} for r in mine]
        assert own == [r for r in rows if r["indicator_id"] == path.stem], path


def test_chart_pages_offer_svg_png_and_an_embed_snippet_with_the_absolute_address(built_site):
    charts = pages_of(built_site, "bieu-do")
    assert charts
    for page in charts:
        lang = "en" if page.relative_to(built_site).parts[0] == "en" else "vi"
        ind = page.parent.name
        html = page.read_text(encoding="utf-8")
        linked = {target(built_site, page, h) for _, h in parse(page).content}
        for ext in ("svg", "png"):
            assert built_site / "bieu-do" / f"{ind}-{lang}.{ext}" in linked, f"{page}: no {ext.upper()} download"
        src = re.search(r"&lt;iframe src=&quot;([^&]+)&quot;", html)
        assert src, f"{page}: no iframe snippet"
        assert src.group(1) == CTX.page_url(f"bieu-do/{ind}/", lang)
        assert target(built_site, page, src.group(1)) == page  # the snippet embeds this very page


def test_citation_block_escapes_dataset_text():
    c = {"publisher": "<b>P</b>", "year": "2026", "title": "*T* [x](javascript:alert(1))", "version": "1.0.0",
         "url": CTX.page_url("bo-du-lieu/x/"), "licence": "CC BY 4.0", "licence_url": facts.LICENCE_URL}
    md = pages.citation_block(c, "vi")
    assert "<b>" not in md and "](javascript" not in md and "*T*" not in md
    assert CTX.page_url("bo-du-lieu/x/") in md and "truy cập ngày …" in md
    assert "[Data set]" in pages.citation_block(c, "en") and "accessed …" in pages.citation_block(c, "en")


def test_page_front_matter_is_escaped():
    md = pages.page('T "</title><script>x</script>', "body", 'D "><script>y</script>')
    front = md.split("---")[1]
    assert "<script>" not in front and "</title>" not in front


def test_a_long_page_description_is_cut_at_a_sentence_or_a_word_never_inside_a_word():
    """Journalist's review, defect 22: '…mâu thuẫn giữa các nguồn được', '…kept and flagge'."""
    from scripts.pages import page

    def meta(text: str) -> str:
        return json.loads(re.search(r'^description: (".*")$', page("T", "body", text), re.M).group(1))

    sentences = "Một câu đầu đủ dài để làm mô tả của trang, nói trang có gì. " * 4 + "Câu cuối rất dài " * 20
    assert meta(sentences) == ("Một câu đầu đủ dài để làm mô tả của trang, nói trang có gì. " * 4).strip()
    words = "Published values for Ninh Thuận and Viet Nam, each kept and flagged " * 6
    cut = meta(words)
    assert cut.endswith("…") and len(cut) <= 300 and words.startswith(cut[:-1]) and words[len(cut) - 1] == " "
    assert meta("Ngắn.") == "Ngắn."
