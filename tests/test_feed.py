"""The Atom feed of data releases (RFC 4287), read with xml.etree only: the elements the spec requires on the feed and
on every entry, one entry per changelog line, dates from the data and never from the clock."""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest

from scripts import atom
from scripts.context import Context
from scripts.model import changelog_entries
from scripts.model import build_model
from scripts.paths import DATASETS
from scripts.validate import dataset_folders, validate_datasets

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


def day(text: str) -> str:
    """The UTC day of an RFC 3339 timestamp that must fall at midnight UTC (dates come from changelogs)."""
    moment = datetime.fromisoformat(text).astimezone(timezone.utc)
    assert (moment.hour, moment.minute, moment.second) == (0, 0, 0), text
    return moment.date().isoformat()


def changelog_lines(folders: list[Path]) -> list[tuple[str, dict]]:
    out = []
    for folder in folders:
        d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        out += [(folder.name, c) for c in d.get("changelog") or []]
    return out


def check_atom(data: bytes) -> ET.Element:
    """Assert what RFC 4287 requires and return the feed element."""
    feed = ET.fromstring(data)
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{tag}")) == 1, f"atom:feed needs exactly one atom:{tag}"
    assert IRI.match(feed.findtext(f"{A}id"))
    assert RFC3339.match(feed.findtext(f"{A}updated"))
    assert feed.findtext(f"{A}title").strip()
    assert [link.get("href") for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
    entries = feed.findall(f"{A}entry")
    feed_author = feed.find(f"{A}author/{A}name") is not None
    ids = []
    for e in entries:
        for tag in ("id", "title", "updated"):
            assert len(e.findall(f"{A}{tag}")) == 1, f"atom:entry needs exactly one atom:{tag}"
        assert IRI.match(e.findtext(f"{A}id")) and RFC3339.match(e.findtext(f"{A}updated"))
        assert e.findtext(f"{A}title").strip()
        assert feed_author or e.find(f"{A}author/{A}name") is not None, "an entry without an author in a feed without one"
        # an entry without content must have an alternate link (and then a summary is recommended)
        assert e.find(f"{A}content") is not None or [l for l in e.findall(f"{A}link") if l.get("rel", "alternate") == "alternate"]
        assert len([l for l in e.findall(f"{A}link") if l.get("rel", "alternate") == "alternate"
                    and not l.get("hreflang")]) <= 1
        ids.append(e.findtext(f"{A}id"))
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    if entries:
        assert datetime.fromisoformat(feed.findtext(f"{A}updated")) == max(
            datetime.fromisoformat(e.findtext(f"{A}updated")) for e in entries)
    return feed


def test_the_published_feed_is_valid_atom_with_one_entry_per_changelog_line(built_site):
    feed = check_atom((built_site / "data" / "releases.atom").read_bytes())
    lines = changelog_lines(dataset_folders(DATASETS))
    entries = feed.findall(f"{A}entry")
    assert len(entries) == len(lines)
    latest = max(c["date"] for _, c in lines)
    assert day(feed.findtext(f"{A}updated")) == latest  # from the data, not the clock
    for name, c in lines:
        matching = [e for e in entries if e.findtext(f"{A}id").startswith(CTX.page_url(f"bo-du-lieu/{name}/"))
                    and day(e.findtext(f"{A}updated")) == c["date"] and c["version"] in e.findtext(f"{A}title")]
        assert len(matching) == 1, (name, c)
        links = {l.get("rel", "alternate"): l.get("href") for l in matching[0].findall(f"{A}link")}
        assert links["alternate"] == CTX.page_url(f"bo-du-lieu/{name}/")
        assert c["description"] in matching[0].findtext(f"{A}summary")
        assert c["description_en"] in matching[0].findtext(f"{A}summary")


def test_every_link_in_the_feed_points_into_the_site(built_site):
    feed = ET.fromstring((built_site / "data" / "releases.atom").read_bytes())
    hrefs = [l.get("href") for l in feed.iter(f"{A}link")]
    assert hrefs
    for href in hrefs:
        assert href.startswith(CTX.site_url), href
        rel = href[len(CTX.site_url):]
        assert (built_site / rel / "index.html").is_file() if rel.endswith("/") else (built_site / rel).is_file(), href


def test_the_updates_page_lists_every_changelog_line(built_site):
    lines = changelog_lines(dataset_folders(DATASETS))
    for lang, prefix in (("vi", ""), ("en", "en/")):
        html = (built_site / prefix / "moi-cap-nhat" / "index.html").read_text(encoding="utf-8")
        assert "releases.atom" in html
        for name, c in lines:
            assert c["description_en" if lang == "en" else "description"] in html.replace("&#39;", "'")


@pytest.fixture
def two_releases(tmp_path) -> Path:
    """The documents dataset with a second, later release in its changelog."""
    folder = tmp_path / "documents"
    shutil.copytree(DATASETS / "documents", folder)
    path = folder / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    d["version"] = "2.1.0"
    d["changelog"].append({"version": "2.1.0", "date": "2027-02-03", "description": "Thêm văn bản mới.",
                           "description_en": "New documents added."})
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def test_a_new_release_adds_one_entry_first_and_moves_updated(two_releases):
    result = validate_datasets([two_releases])
    assert not [p for p in result.problems if p.dataset == "documents" and p.code.startswith(("changelog", "version"))]
    model = build_model(result.datasets)
    feed = check_atom(atom.releases_atom(model))
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 3
    assert [day(e.findtext(f"{A}updated")) for e in entries] == ["2027-02-03", "2026-12-01", "2026-11-29"]
    assert "2.1.0" in entries[0].findtext(f"{A}title") and "New documents added." in entries[0].findtext(f"{A}summary")
    assert day(feed.findtext(f"{A}updated")) == "2027-02-03"
    # the same bytes from another process, another hash seed, another time zone: nothing comes from the clock or
    # from the order of a set
    assert atom.releases_atom(model) == in_another_process(
        "atom.releases_atom(build_model(validate_datasets([Path(sys.argv[1])]).datasets))", two_releases)


def in_another_process(expression: str, *args) -> bytes:
    """The bytes an expression of scripts.atom or scripts.catalog gives in a fresh Python (PYTHONHASHSEED and TZ
    unlike this one)."""
    import os
    import subprocess
    import sys

    program = ("import sys\nfrom pathlib import Path\nfrom scripts import atom, catalog\n"
               "from scripts.model import build_model\n"
               f"from scripts.validate import validate_datasets\nsys.stdout.buffer.write({expression})\n")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati"}
    return subprocess.run([sys.executable, "-c", program, *map(str, args)], cwd=Path(__file__).resolve().parents[1],
                          env=env, capture_output=True, check=True).stdout


def test_dataset_text_is_escaped_in_the_feed(two_releases, monkeypatch):
    model = build_model(validate_datasets([two_releases]).datasets)
    ds = model.datasets["documents"]
    hostile = 'Văn bản <b>mới</b> & "trích" ]]> <!--'
    changelog = [dict(c, description=hostile) for c in ds.descriptor["changelog"]]
    monkeypatch.setattr(ds, "descriptor", dict(ds.descriptor, title=hostile, changelog=changelog))
    feed = check_atom(atom.releases_atom(model))
    entry = feed.findall(f"{A}entry")[0]
    assert hostile in entry.findtext(f"{A}title") and hostile in entry.findtext(f"{A}summary")
    assert feed.find(f".//{A}b") is None


def test_changelog_entries_are_newest_first():
    entries = changelog_entries(build_model(validate_datasets().datasets))
    dates = [c["date"] for c in entries]
    assert dates == sorted(dates, reverse=True) and entries
