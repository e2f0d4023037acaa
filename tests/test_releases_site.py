"""Releases on the built site (issue 20): the shipped project in a temporary git repository, then two more releases
of its observations made here with SYNTHETIC rows, numbered from the shipped version S (S + 0.1: the 2016 value of 3b for
Ninh Thuận revised 16.1 → 15.9, its 2017 and 2018 values added; S + 0.2: a column added and the 2005 value withdrawn,
with the changelog's note). The
whole site is built from it, from a second clone (byte-identical) and from a shallow clone (a notice, no failure)."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from scripts.context import Context
from scripts.paths import ROOT
from sitebuild import make_project, run_cache

pytestmark = pytest.mark.xdist_group("releases")

OBS = "datasets/observations"
S = json.loads((ROOT / OBS / "datapackage.json").read_text(encoding="utf-8"))["version"]  # the shipped release

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


def later(version: str, minor: int) -> str:
    major, rest = version.split(".", 1)
    return f"{major}.{int(rest.split('.')[0]) + minor}.0"


V1, V2 = later(S, 1), later(S, 2)  # the two releases made here
ROW_2005 = "imr,3b,58,Ninh Thuận,2005,total,22.6,,reported,per-1000-live-births,gso,false,false,,gso-imr-province,,,,\n"
ROW_2016 = "imr,3b,58,Ninh Thuận,2016,total,16.1,,reported,per-1000-live-births,gso,true,false,,gso-imr-province,,,,\n"
ADDED = ("imr,3b,58,Ninh Thuận,2017,total,15.8,,reported,per-1000-live-births,gso,false,false,,gso-imr-province,,,,\n"
         "imr,3b,58,Ninh Thuận,2018,total,15.5,,reported,per-1000-live-births,gso,false,false,,gso-imr-province,,,,\n")
NOTE = ("Rút giá trị năm 2005 của Ninh Thuận: dữ liệu giả lập của bài kiểm thử.",
        "The 2005 value for Ninh Thuận is withdrawn: synthetic data of the test.")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def release(root: Path, version: str, date: str, vi: str, en: str, change, **entry) -> str:
    path = root / OBS / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    change(d, root)
    d["version"] = version
    d["changelog"].insert(0, {"version": version, "date": date, "description": vi, "description_en": en, **entry})
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"observations {version}")
    return git(root, "rev-parse", "HEAD")


def add_column(d: dict, root: Path) -> None:
    fields = d["resources"][0]["schema"]["fields"]
    fields.append({"name": "survey_round", "type": "string", "title": "Vòng điều tra", "title_en": "Survey round",
                   "description": "Vòng điều tra của số liệu, nếu có.", "description_en": "The survey round, if any."})
    csv = root / OBS / "data" / "observations.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text(lines[0].rstrip("\n") + ",survey_round\n" + "".join(
        line.rstrip("\n") + ",\n" for line in lines[1:] if line != ROW_2005), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> dict:
    root = make_project(tmp_path_factory.mktemp("releases-site") / "project")
    (root / ".gitignore").write_text("/.cache\n/site\n/.site-builds\n", encoding="utf-8")
    git(root.parent, "init", "-q", "-b", "main", str(root))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the shipped project")
    csv = root / OBS / "data" / "observations.csv"
    text = csv.read_text(encoding="utf-8")
    assert ROW_2016 in text and ROW_2005 in text
    csv.write_text(text.replace(ROW_2016, ROW_2016.replace(",16.1,", ",15.9,")) + ADDED, encoding="utf-8")
    c21 = release(root, V1, "2027-01-15", "Sửa giá trị năm 2016 và thêm năm 2017, 2018 (giả lập).",
                  "The 2016 value revised, 2017 and 2018 added (synthetic).", lambda d, root: None)
    c22 = release(root, V2, "2027-02-20", "Thêm cột vòng điều tra; rút giá trị năm 2005 (giả lập).",
                  "A survey round column; the 2005 value withdrawn (synthetic).", add_column,
                  withdrawn=NOTE[0], withdrawn_en=NOTE[1])
    from scripts.build import build_site

    site = build_site(root=root).resolve()
    return {"root": root, "site": site,
            "commits": {S: git(root, "rev-list", "--max-parents=0", "HEAD"), V1: c21, V2: c22}}


def text_of(page: Path) -> str:
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


def test_each_release_has_its_files_and_their_sha256_at_its_stable_address(project):
    site, root = project["site"], project["root"]
    for version in (S, V1, V2):
        folder = site / "data" / "observations" / version
        commit = project["commits"][version]
        blob = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{OBS}/data/observations.csv"],
                              capture_output=True, check=True).stdout
        assert (folder / "observations.csv").read_bytes() == blob
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        assert package["version"] == version
        observations = next(r for r in package["resources"] if r["name"] == "observations")
        assert observations["hash"] == f"sha256:{hashlib.sha256(blob).hexdigest()}"
        for line in (folder / "SHA256SUMS").read_text(encoding="ascii").splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, (version, name)
        assert (folder / f"observations-{version}.zip").is_file()
    # The latest files keep their unversioned addresses, with the latest bytes.
    assert (site / "data/observations/observations.csv").read_bytes() == \
        (site / f"data/observations/{V2}/observations.csv").read_bytes()


def test_the_release_page_shows_the_revised_value_old_and_new(project):
    site = project["site"]
    vi = (site / f"data/observations/{V1}/index.html").read_text(encoding="utf-8")
    cells = ["<code>imr</code>", "<code>58</code>", "<code>2016</code>", "<code>total</code>", "<code>gso</code>",
             "<code>gso-imr-province</code>", "<code>value</code>", "16,1", "15,9"]  # the key, the column, old, new
    assert re.search(r"\s*".join(f"<td>{re.escape(c)}</td>" for c in cells), vi)
    assert f"So với phiên bản {S}: Số liệu quan sát: 1 giá trị được sửa, 2 giá trị mới." in text_of(
        site / f"data/observations/{V1}/index.html")
    en = text_of(site / f"en/data/observations/{V2}/index.html")
    assert f"Since release {V1}: Observations: 1 value withdrawn, 1 column added." in en
    assert f"Note on the withdrawn rows: {NOTE[1]}" in en
    assert f"(version {V2}) [Data set]. {CTX.page_url(f'data/observations/{V2}/', 'en')} (accessed …)" in en


def test_the_dataset_page_lists_the_releases_and_cites_the_current_one(project):
    page = text_of(project["site"] / "bo-du-lieu/observations/index.html")
    assert f"{V2} 20/2/2027 Thêm cột vòng điều tra; rút giá trị năm 2005 (giả lập). Số liệu quan sát: 1 giá trị " \
           "bị rút, thêm 1 cột" in page
    assert f"{V1} 15/1/2027 Sửa giá trị năm 2016 và thêm năm 2017, 2018 (giả lập). Số liệu quan sát: 1 giá trị " \
           "được sửa, 2 giá trị mới" in page
    assert f"Phiên bản {V2}, địa chỉ cố định: {CTX.page_url(f'data/observations/{V2}/')}" in page


def measure_name(lang: str) -> str:
    """Indicator 3b has several measures, so a revision names its measure (read from the shipped measures table)."""
    import csv

    with open(ROOT / OBS / "data" / "measures.csv", encoding="utf-8", newline="") as fh:
        return next(r for r in csv.DictReader(fh) if r["measure"] == "imr")[f"name_{lang}"]


def test_the_indicator_page_says_what_changed_and_when(project):
    vi = text_of(project["site"] / "chi-so/3b/index.html")
    imr = measure_name("vi")
    assert f"ngày 20/2/2027, phiên bản {V2} — Số liệu quan sát các chỉ tiêu trẻ em : 1 giá trị bị rút " \
           f"Rút giá trị năm 2005 (Ninh Thuận, Tổng cục Thống kê, {imr}): 22,6‰" in vi
    assert f"Giá trị năm 2016 (Ninh Thuận, Tổng cục Thống kê, {imr}) được sửa: 16,1‰ → 15,9‰" in vi
    assert f"Thêm giá trị năm 2018 (Ninh Thuận, Tổng cục Thống kê, {imr}): 15,5‰" in vi
    en = text_of(project["site"] / "en/chi-so/3b/index.html")
    assert f"2016 value (Ninh Thuận, GSO, {measure_name('en')}) revised: 16.1‰ → 15.9‰" in en
    assert f"Data releases, stable addresses: Observed values of the children's indicators {V2}, " \
           f"{CTX.page_url(f'data/observations/{V2}/', 'en')}" in en


A = "{http://www.w3.org/2005/Atom}"


def test_the_feeds_have_an_entry_per_release_with_its_changes(project):
    site = project["site"]
    feed = ET.parse(site / "data/releases.atom").getroot()
    entry = next(e for e in feed.findall(f"{A}entry") if V1 in e.findtext(f"{A}title"))
    assert entry.findtext(f"{A}summary").endswith(
        "— Số liệu quan sát: 1 giá trị được sửa, 2 giá trị mới / Observations: 1 value revised, 2 added")
    own = ET.parse(site / "data/chi-so/3b.atom").getroot()
    assert [e.findtext(f"{A}updated")[:10] for e in own.findall(f"{A}entry")][:2] == ["2027-02-20", "2027-01-15"]
    assert ET.parse(site / "data/chi-so/10.atom").getroot().findall(f"{A}entry") == []  # not revised


def test_every_link_on_the_release_pages_resolves(project):
    from test_pages import broken_links

    site = project["site"]
    pages = sorted((site / "data").rglob("index.html")) + sorted((site / "en" / "data").rglob("index.html"))
    checked, broken = broken_links(site, pages)
    # The repository starts with the shipped project (one release of each of the 5 datasets), then observations'
    # V1 and V2, in two languages.
    assert len(pages) == 2 * (5 + 2) and checked > 100
    assert not broken, "\n".join(broken[:20])


def test_release_pages_speak_one_language(project):
    from test_language import wrong

    for lang in ("vi", "en"):
        found = wrong(project["site"], lang)
        assert not found, "\n".join(f"{page}: {text}" for page, text in found[:20])


def test_the_search_index_leaves_out_release_pages_and_lists_of_changes(project):
    """Release pages and lists of changes are data, like the data tables: searching them would find every release of
    every row again, and the index would no longer fit the page-weight budget (tests/browser/test_requests.py). The
    sections' headings stay findable."""
    for index, prefix in (("search/search_index.json", ""), ("en/search/search_index.json", "en/")):
        docs = json.loads((project["site"] / index).read_text(encoding="utf-8"))["docs"]
        assert [d["location"] for d in docs if re.match(prefix + r"data/[^/]+/\d+\.\d+\.\d+/", d["location"])] == []
        text = {d["location"].removeprefix(prefix): d["text"] for d in docs}
        section = text["chi-so/3b/#nhung-gi-a-thay-oi" if not prefix else "chi-so/3b/#what-changed"]
        assert "16,1" not in section and "16.1" not in section and "2016" not in section
        listed = text["bo-du-lieu/observations/#cac-phien-ban" if not prefix else "bo-du-lieu/observations/#releases"]
        assert V1 not in listed and "2027" not in listed
        cite = text["chi-so/3b/#trich-dan" if not prefix else "chi-so/3b/#cite"]
        assert f"/data/observations/{V2}/" not in cite and ("(version" if prefix else "(phiên bản") in cite



def test_two_builds_from_two_clones_are_byte_identical(project, tmp_path):
    from sitebuild import build_project
    from test_build import tree

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{project['root']}", str(clone)], check=True)
    (clone / ".cache").symlink_to(run_cache())
    other = build_project(clone)
    first, second = tree(project["site"]), tree(other)
    assert [k for k in sorted(set(first) | set(second)) if first.get(k) != second.get(k)] == []
    assert f"data/observations/{V1}/changes.json" in first


def test_a_shallow_clone_builds_with_a_notice_and_skips_earlier_releases(project, tmp_path, capfd):
    from sitebuild import build_project

    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project['root']}", str(clone)], check=True)
    (clone / ".cache").symlink_to(run_cache())
    site = build_project(clone)
    err = capfd.readouterr().err
    assert "[release-history-incomplete] datasets: Lịch sử git không đầy đủ: bỏ qua các phiên bản trước: bản sao " \
           "nông (shallow clone)" in err
    assert (site / f"data/observations/{V2}/observations.csv").is_file()
    assert not (site / f"data/observations/{V1}").exists()
    assert "Lịch sử git của bản dựng này không đầy đủ" in text_of(site / "bo-du-lieu/observations/index.html")


def test_the_pull_request_report_names_the_revisions_of_each_indicator(project, monkeypatch):
    from scripts.cli import main
    from scripts.validate.versioning import check_versions

    root = project["root"]
    monkeypatch.setattr(check_versions, "__defaults__", (None, root))
    folders = [str(p) for p in sorted((root / "datasets").iterdir())]
    out = CliRunner().invoke(main, ["validate", *folders, "--base", project["commits"][S],
                                    "--format", "markdown"])
    assert out.exit_code == 0, out.output
    assert f"- ` observations ` (` {S} ` → ` {V2} `): Số liệu quan sát: 1 giá trị được sửa, 2 giá trị mới, " \
           "1 giá trị bị rút, thêm 1 cột" in out.output
    assert "- **Chỉ tiêu ` 3b `** ` Tỷ suất tử vong của trẻ em dưới 1 tuổi trên 1.000 trẻ đẻ sống `: 1 giá trị được " \
           "sửa, 2 giá trị mới, 1 giá trị bị rút\n" \
           f"    - Giá trị năm 2016 (` Ninh Thuận `, ` Tổng cục Thống kê `, ` {measure_name('vi')} `) được sửa: " \
           "16,1‰ → 15,9‰" in out.output
