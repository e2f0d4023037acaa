"""Nothing a dataset says becomes live in the site: text that validation lets through (Markdown and HTML look-alikes)
is built into a whole site, and none of it may turn into markup, a script, a link or an attribute."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.paths import DATASETS
from scripts.validate import validate_datasets
from sitebuild import build_project, make_project

pytestmark = pytest.mark.xdist_group("build")

# Each payload carries a marker so we can find where it landed. All pass validation (validation refuses <tags,
# javascript:, on...= handlers, &# entities, [..](..) links and ![..] images, which the corpus tests cover).
PAYLOADS = [
    "ZQ1 **bold** __strong__ *em* _em_ ~~del~~",
    "ZQ2 `code` ``x`` {: .danger #evil } {#id}",
    "ZQ3 # heading | pipe | cell | !!! warning",
    "ZQ4 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;",
    "ZQ5 [ref] [ref]: zz > zz <- zz",  # Markdown reference, blockquote, arrow (no English words: notes keep their language)
    "ZQ6 ' \" ]]> < 3 > 2 & x -- /",
]


def hostile(text: str, i: int) -> str:
    return f"{text} {PAYLOADS[i % len(PAYLOADS)]}"


def rewrite_csv(path: Path, column: str, change) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    fields = list(rows[0].keys())
    for i, row in enumerate(rows):
        row[column] = change(row[column], i)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("hostile") / "datasets"
    shutil.copytree(DATASETS, data)
    rewrite_csv(data / "programme-targets/data/indicators.csv", "name_en", hostile)
    rewrite_csv(data / "programme-targets/data/indicators.csv", "name_vi", hostile)
    # Payloads go after text that is there (a blank note must stay blank in both languages, and a payload alone
    # would be a note in neither language).
    where_text = lambda text, i: hostile(text, i) if text else text  # noqa: E731
    for column in ("note_vi", "note_en"):
        rewrite_csv(data / "programme-targets/data/targets.csv", column, where_text)
        rewrite_csv(data / "observations/data/observations.csv", column, where_text)
    rewrite_csv(data / "observations/data/observations.csv", "quote", where_text)
    for column in ("publisher_vi", "publisher_en", "title_vi", "title_en"):
        rewrite_csv(data / "observations/data/sources.csv", column, hostile)
    rewrite_csv(data / "admin-units/data/admin-units.csv", "name_en", hostile)
    for name in ("observations", "documents"):
        path = data / name / "datapackage.json"
        d = json.loads(path.read_text(encoding="utf-8"))
        d["title"] += " " + PAYLOADS[5]
        d["title_en"] += " " + PAYLOADS[3]
        d["description"] += " " + PAYLOADS[0]
        d["resources"][0]["schema"]["fields"][0]["description_en"] += " " + PAYLOADS[1]
        path.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    result = validate_datasets(sorted(p for p in data.iterdir() if p.is_dir()))
    assert result.problems == [], "the payloads must be ones validation lets through"
    root = make_project(tmp_path_factory.mktemp("hostile-site") / "project", datasets=data)
    return build_project(root)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_payloads_reach_the_pages(hostile_site):
    text = "".join(p.read_text(encoding="utf-8") for p in html_files(hostile_site))
    for marker in ("ZQ1", "ZQ2", "ZQ3", "ZQ4", "ZQ5", "ZQ6"):
        assert marker in text


def test_no_payload_becomes_markup(hostile_site):
    # From its marker to the next real tag, each payload must read back whole: any markup made from it would
    # cut it short. (Language spans we add around Vietnamese quotations are not markup from the data.)
    import html as _html

    offenders, seen = {}, 0
    for page in html_files(hostile_site):
        source = re.sub(r'<span lang="vi">|</span>', "", page.read_text(encoding="utf-8"))
        source = re.sub(r"<(pre|script)\b.*?</\1>", "", source, flags=re.S)  # code shows text as text; JSON-LD: own test
        for payload in PAYLOADS:
            marker = payload.split()[0]
            for m in re.finditer(marker, source):
                seen += 1
                shown = _html.unescape(source[m.start():].split("<", 1)[0])
                if not shown.startswith(payload) and not (payload.startswith(shown.rstrip("…. ")) and len(shown) > 20):
                    offenders.setdefault(str(page.relative_to(hostile_site)), shown[:120])
    assert seen > 100
    assert offenders == {}


def test_scripts_are_only_the_sites_own(hostile_site):
    for page in html_files(hostile_site):
        source = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", source):
            assert re.search(r'src="[^"]+"', tag) or 'type="application/ld+json"' in tag or 'id="__config"' in tag \
                or "application/json" in tag, (page, tag)
        assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", source, re.I), page
        assert not re.search(r"\son[a-z]+\s*=", re.sub(r"<script\b.*?</script>", "", source, flags=re.S)), page


def test_json_ld_and_feeds_stay_well_formed(hostile_site):
    for page in html_files(hostile_site):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S):
            json.loads(block)
            assert "</" not in block
    ET.parse(hostile_site / "data/releases.atom")
    json.loads((hostile_site / "data/catalog.jsonld").read_text(encoding="utf-8"))


def test_chart_svgs_hold_text_only(hostile_site):
    svgs = sorted((hostile_site / "bieu-do").glob("*.svg"))
    assert svgs
    for svg in svgs:
        source = svg.read_text(encoding="utf-8")
        ET.fromstring(source)  # well-formed: the names were escaped
        assert "<script" not in source and "javascript:" not in source
