"""The build publishes all or nothing: bad data, a failing mkdocs or a killed process leave the previous site
untouched; two builds of the same sources give byte-identical sites."""
from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.build import BuildFailed, build_site
from scripts.paths import ROOT
from scripts.problems import ValidationFailed
from sitebuild import build_project, make_project

pytestmark = pytest.mark.xdist_group("build")


def tree(folder: Path) -> dict[str, str]:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("build") / "project")
    build_project(root)
    return root


def test_two_builds_of_the_same_sources_are_byte_identical(project, tmp_path):
    other = build_project(make_project(tmp_path / "again"))
    first, second = tree((project / "site").resolve()), tree(other)
    assert len(first) > 300
    assert [k for k in sorted(set(first) | set(second)) if first.get(k) != second.get(k)] == []


def test_bad_data_publishes_nothing_and_keeps_the_previous_site(project):
    site = project / "site"
    before_target, before = site.resolve(), tree(site.resolve())
    csv = project / "datasets/observations/data/observations.csv"
    original = csv.read_bytes()
    docs_before = tree(project / "docs")
    try:
        csv.write_bytes(original + "imr,3b,58,Ninh Thuận,2006,total,\"12,5\",,reported,per-1000-live-births,gso,"
                                   "false,false,,gso-imr-province,,,,\n".encode())
        with pytest.raises(ValidationFailed) as exc:
            build_site(root=project)
        assert [p.code for p in exc.value.problems] == ["type-error"]
        assert exc.value.problems[0].row == original.count(b"\n") + 1
    finally:
        csv.write_bytes(original)
    assert site.resolve() == before_target
    assert tree(site.resolve()) == before
    assert tree(project / "docs") == docs_before


def test_a_failing_mkdocs_build_keeps_the_previous_site(project):
    site = project / "site"
    before_target, before = site.resolve(), tree(site.resolve())
    page = project / "docs/gioi-thieu.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\n[broken](khong-co-trang-nay.md)\n", encoding="utf-8")
        with pytest.raises(BuildFailed, match="khong-co-trang-nay"):
            build_site(root=project)
    finally:
        page.write_text(original, encoding="utf-8")
    assert site.resolve() == before_target
    assert tree(site.resolve()) == before
    assert not [p for p in (project / ".site-builds").iterdir() if p.name.startswith("tmp-")]


@pytest.mark.parametrize("stage", ["Vẽ", "mkdocs build"])
def test_a_build_killed_at_any_stage_leaves_the_previous_site_complete(project, stage):
    site = project / "site"
    before_target, before = site.resolve(), tree(site.resolve())
    # Make the run differ from the last one, so it has real work to do (a changed page and chart).
    page = project / "docs/gioi-thieu.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + f"\n<!-- {stage} -->\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", "from scripts.build import build_site; from pathlib import Path; "
                             f"build_site(root=Path({str(project)!r}))"],
                            cwd=project, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.time() + 120
        for line in proc.stderr:
            if stage in line:
                time.sleep(0.3 if stage != "mkdocs build" else 1.0)
                break
            assert time.time() < deadline
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assert site.resolve() == before_target
        assert tree(site.resolve()) == before
        # a re-run then succeeds and publishes the change
        built = build_site(root=project).resolve()
        assert built != before_target
        assert (built / "index.html").is_file()
    finally:
        page.write_text(original, encoding="utf-8")
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def test_cli_build_reports_problems_without_traceback(tmp_path):
    root = make_project(tmp_path / "broken")
    (root / "datasets/observations/data/observations.csv").write_bytes(
        b"\xef\xbb\xbf" + (ROOT / "datasets/observations/data/observations.csv").read_bytes())
    result = subprocess.run([sys.executable, "-m", "scripts", "build", "--root", str(root)], cwd=ROOT,
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "encoding-bom" in result.stdout
    assert not (root / "site").exists()
    assert not (root / "docs/chi-so").exists()


def test_a_theme_step_that_finds_nothing_fails_the_build_and_keeps_the_previous_site(project):
    """A template that stops loading theme.js (a new Material version, an edited override) would publish a site whose
    search loads its whole index on every page: the theme step fails instead, naming itself."""
    site = project / "site"
    before_target, before = site.resolve(), tree(site.resolve())
    partial = project / "scripts/theme/material/overrides/partials/javascripts/base.html"
    original = partial.read_text(encoding="utf-8")
    try:
        partial.write_text(original.replace("assets/javascripts/theme.js", "assets/javascripts/other.js"),
                           encoding="utf-8")
        with pytest.raises(BuildFailed, match="theme_script: .* pages load assets/javascripts/theme.js"):
            build_site(root=project)
    finally:
        partial.write_text(original, encoding="utf-8")
    assert site.resolve() == before_target
    assert tree(site.resolve()) == before


def test_properdocs_builds_the_same_site_as_mkdocs(project, tmp_path):
    """The second engine: ProperDocs (the maintained fork of MkDocs) over the same sources and theme steps writes the
    same bytes, apart from the page's generator line, so every built-site test holds for its output too."""
    # both from the same sources now (other tests here change a page and build again without restoring the site)
    mine = build_site(root=project, site_dir=tmp_path / "mkdocs", engine_name="mkdocs").resolve()
    other = build_site(root=project, site_dir=tmp_path / "site", engine_name="properdocs").resolve()
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')

    def masked(folder: Path) -> dict[str, str]:
        return {str(f.relative_to(folder)): hashlib.sha256(generator.sub(b"", f.read_bytes())).hexdigest()
                for f in sorted(folder.rglob("*")) if f.is_file()}

    first, second = masked(mine), masked(other)
    assert len(first) > 300
    assert [k for k in sorted(set(first) | set(second)) if first.get(k) != second.get(k)] == []
    assert b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7' in (other / "index.html").read_bytes()
    assert b'<meta name="generator" content="mkdocs-1.6.1' in (mine / "index.html").read_bytes()


def test_a_build_of_another_checkout_writes_its_address_everywhere_and_the_repositorys_nowhere(tmp_path):
    """`build --root` over a mirror whose mkdocs.yml names another address: the sitemap, the pages, the catalogue,
    the feed, every download (inside the ZIPs and workbooks too) say the mirror's address, none the repository's.
    (The catalogue and the feed once kept the repository's, read into a module global at import time.)"""
    import gzip
    import io
    import zipfile

    from scripts.context import Context

    ours = Context.load().site_url
    mirror = "https://mirror.example.org/tre-em/"
    root = make_project(tmp_path / "mirror")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"site_url: {ours}", f"site_url: {mirror}"),
                      encoding="utf-8")
    site = build_project(root)

    def texts(name: str, data: bytes):
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for member in z.namelist():
                    yield from texts(f"{name}!{member}", z.read(member))
        elif name.endswith(".gz"):
            yield from texts(name[:-3], gzip.decompress(data))
        elif not name.endswith(".png"):
            yield name, data.decode("utf-8", errors="replace")

    found: dict[str, set[str]] = {"ours": set(), "mirror": set()}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        for name, text in texts(str(path.relative_to(site)), path.read_bytes()):
            found["ours"] |= {name} if ours in text else set()
            found["mirror"] |= {name} if mirror in text else set()
    # Only hand-written text keeps the address it was written with (the API page's examples, and the search index
    # made from that page): a mirror edits its own docs/. Nothing generated does.
    hand_written = {"du-lieu-mo/index.html", "en/du-lieu-mo/index.html", "search/search_index.json",
                    "en/search/search_index.json"}
    assert ours in (root / "docs/du-lieu-mo.md").read_text(encoding="utf-8")
    assert sorted(found["ours"] - hand_written) == []
    for expected in ("sitemap.xml", "data/catalog.jsonld", "data/releases.atom", "bo-du-lieu/observations/index.html",
                     "data/observations/datapackage.json", "data/observations/observations.zip!LICENSE.txt"):
        assert expected in found["mirror"], expected
    assert any(name.startswith("data/observations/observations.xlsx!") for name in found["mirror"])


def test_generated_files_are_written_as_they_are_made_and_stale_ones_removed(tmp_path, monkeypatch):
    """The build does not hold every output until the end (issue 17): a chart is on disk before the pages are
    written; an unchanged file is not written again; a generated file no longer made is deleted at the end."""
    from factory import model, obs
    from scripts import build, pages
    from scripts.build import GeneratedWriter, generate

    docs = tmp_path / "docs"
    (docs / "chi-so").mkdir(parents=True)
    (docs / "chi-so" / "old.md").write_text("stale", encoding="utf-8")
    (docs / "gioi-thieu.md").write_text("hand-written", encoding="utf-8")
    seen = []
    home = pages.home
    monkeypatch.setattr(pages, "home", lambda *a: seen.append((docs / "bieu-do/3b-vi.svg").is_file()) or home(*a))
    writer = GeneratedWriter(docs)
    assert generate(model([obs("58", 2016, 16.1)], []), 1, tmp_path / "cache", history=False, out=writer) is writer
    assert seen == [True, True]
    assert writer.finish() == len(writer) > 0
    assert not (docs / "chi-so" / "old.md").exists() and (docs / "gioi-thieu.md").is_file()
    again = GeneratedWriter(docs)
    again["chi-so/3b.md"] = (docs / "chi-so/3b.md").read_bytes()
    again["index.md"] = b"changed"
    assert again.written == 1 and (docs / "index.md").read_bytes() == b"changed"
