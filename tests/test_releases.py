"""Releases read from git history (issue 20): a temporary repository holds three releases of a small SYNTHETIC
dataset — 1.0.0; 1.1.0 revises a value and adds two rows; 1.2.0 adds a column and withdraws a row, with its note —
and the tests check what is read, what changed, the files and their hashes, the pages, the feeds, the pull-request
report, the cache, the problems and a shallow clone. Every expected number and sentence is worked out by hand from
the rows written here."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest

import factory
from scripts import atom, release_pages, releases
from scripts.context import Context
from scripts.release_pages import pr_report
from scripts.releases import read_history, release_files
from scripts.validate import validate_datasets

HEADER = "indicator_id,area_code,year,value,unit,series\n"
R1 = HEADER + ("3b,58,2021,12.1,per-1000-live-births,gso\n"
               "3b,58,2022,11.9,per-1000-live-births,gso\n"
               "3b,VN,2022,14.0,per-1000-live-births,gso\n")
# 1.1.0: the 2021 value is revised (12.1 → 11.8) and two 2023 values are added.
R2 = HEADER + ("3b,58,2021,11.8,per-1000-live-births,gso\n"
               "3b,58,2022,11.9,per-1000-live-births,gso\n"
               "3b,VN,2022,14.0,per-1000-live-births,gso\n"
               "3b,58,2023,11.5,per-1000-live-births,gso\n"
               "3b,VN,2023,13.6,per-1000-live-births,gso\n")
# 1.2.0: a column (provisional) is added and the national 2022 value is withdrawn.
R3 = "indicator_id,area_code,year,value,unit,series,provisional\n" + (
    "3b,58,2021,11.8,per-1000-live-births,gso,false\n"
    "3b,58,2022,11.9,per-1000-live-births,gso,false\n"
    "3b,58,2023,11.5,per-1000-live-births,gso,true\n"
    "3b,VN,2023,13.6,per-1000-live-births,gso,true\n")
WITHDRAWN = ("Rút giá trị toàn quốc năm 2022: nguồn đã thu hồi số liệu này.",
             "The national 2022 value is withdrawn: its source retracted it.")

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


def field(name: str, kind: str = "string") -> dict:
    return {"name": name, "type": kind, "title": f"Cột {name}", "title_en": f"Column {name}",
            "description": f"Mô tả cột {name}.", "description_en": f"The column {name}."}


def descriptor(version: str, extra_field: bool = False, key: list[str] | None = None) -> dict:
    changes = [("1.0.0", "2027-01-10", "Phát hành lần đầu.", "First release."),
               ("1.1.0", "2027-03-02", "Sửa giá trị năm 2021, thêm năm 2023.", "2021 revised, 2023 added."),
               ("1.2.0", "2027-06-15", "Thêm cột số sơ bộ; rút một giá trị.", "Provisional column; a value withdrawn."),
               ("2.0.0", "2027-08-01", "Đổi khóa.", "Key changed.")]
    log = [{"version": v, "date": d, "description": vi, "description_en": en} for v, d, vi, en in changes
           if releases.semver(v) <= releases.semver(version)]
    if version == "1.2.0":
        log[-1].update(withdrawn=WITHDRAWN[0], withdrawn_en=WITHDRAWN[1])
    fields = [field("indicator_id"), field("area_code"), field("year", "integer"), field("value", "number"),
              field("unit"), field("series")] + ([field("provisional", "boolean")] if extra_field else [])
    return {"name": "values", "title": "Giá trị thử", "title_en": "Test values", "version": version,
            "description": "Bộ dữ liệu giả lập.", "description_en": "A synthetic dataset.",
            "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
            "sources": [{"title": "Nguồn thử", "title_en": "Test source", "path": "https://example.org/"}],
            "changelog": log,
            "resources": [{"name": "values", "path": "data/values.csv", "title": "Giá trị", "title_en": "Values",
                           "description": "Các giá trị.", "description_en": "The values.",
                           "schema": {"fields": fields,
                                      "primaryKey": key or ["indicator_id", "area_code", "year"]}}]}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write_release(folder: Path, version: str, data: str, **kw) -> None:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "data" / "values.csv").write_text(data, encoding="utf-8")
    (folder / "datapackage.json").write_text(json.dumps(descriptor(version, **kw), ensure_ascii=False, indent=2),
                                             encoding="utf-8")
    (folder / "README.md").write_text(f"# Giá trị thử {version}\n", encoding="utf-8")


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> tuple[Path, list[str]]:
    """A repository with the three releases, one commit each, and a commit between them that changes no data."""
    repo = tmp_path_factory.mktemp("releases") / "repo"
    folder = repo / "datasets" / "values"
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    write_release(folder, "1.0.0", R1)
    commits = [commit(repo, "1.0.0")]
    (repo / "NOTES.md").write_text("ghi chú\n", encoding="utf-8")
    commit(repo, "not a release")
    write_release(folder, "1.1.0", R2)
    commits.append(commit(repo, "1.1.0"))
    write_release(folder, "1.2.0", R3, extra_field=True)
    commits.append(commit(repo, "1.2.0"))
    return repo, commits


def model_of(folder: Path):
    """The hand-written model of factory.py (indicator 3b, its areas and sources) with this folder as its dataset."""
    m = factory.model([], [])
    m.datasets = validate_datasets([folder]).datasets
    return m


@pytest.fixture(scope="module")
def history(repo, tmp_path_factory):
    root, _ = repo
    m = model_of(root / "datasets" / "values")
    return m, read_history(m, tmp_path_factory.mktemp("cache"))


# --- what is read ---------------------------------------------------------------------------------------------------
def test_each_version_is_released_at_the_commit_that_set_it(repo, history):
    _, commits = repo
    m, h = history
    found = h.releases["values"]
    assert [(r.version, r.date, r.commit, r.current) for r in found] == [
        ("1.0.0", "2027-01-10", commits[0], False), ("1.1.0", "2027-03-02", commits[1], False),
        ("1.2.0", "2027-06-15", commits[2], True)]
    assert found[2].withdrawn == WITHDRAWN
    assert h.notices == [] and h.incomplete == ""


def test_the_first_release_has_nothing_to_compare_with(history):
    _, h = history
    doc = h.changes[("values", "1.0.0")]
    assert doc["previous"] is None and doc["summary"]["first_release"] is True
    assert doc["resources"][0]["status"] == "added" and doc["resources"][0]["rows_after"] == 3


def test_a_revised_value_and_added_rows_are_keyed_by_the_primary_key(history, repo):
    _, commits = repo
    _, h = history
    doc = h.changes[("values", "1.1.0")]
    assert doc["previous"] == {"version": "1.0.0", "date": "2027-01-10", "commit": commits[0]}
    r = doc["resources"][0]
    assert (r["key"], r["key_kind"], r["compared_by"]) == (["indicator_id", "area_code", "year"], "primary-key", "key")
    assert r["counts"] == {"added": 2, "removed": 0, "changed": 1}
    assert r["changed"] == [{"key": {"indicator_id": "3b", "area_code": "58", "year": "2021"},
                             "values": {"indicator_id": "3b", "area_code": "58", "year": "2021", "value": "11.8",
                                        "unit": "per-1000-live-births", "series": "gso"},
                             "changes": {"value": {"old": "12.1", "new": "11.8"}}}]
    assert [a["key"] for a in r["added"]] == [{"indicator_id": "3b", "area_code": "58", "year": "2023"},
                                              {"indicator_id": "3b", "area_code": "VN", "year": "2023"}]
    assert r["removed"] == [] and r["schema"]["fields_added"] == []
    assert doc["summary"]["withdrawn"] == 0 and doc["problems"] == []


def test_an_added_field_and_a_withdrawn_row(history):
    _, h = history
    doc = h.changes[("values", "1.2.0")]
    r = doc["resources"][0]
    assert r["schema"]["fields_added"] == [{"name": "provisional", "type": "boolean"}]
    assert r["counts"] == {"added": 0, "removed": 1, "changed": 0}
    assert r["removed"] == [{"key": {"indicator_id": "3b", "area_code": "VN", "year": "2022"},
                             "values": {"indicator_id": "3b", "area_code": "VN", "year": "2022", "value": "14.0",
                                        "unit": "per-1000-live-births", "series": "gso"}}]
    # The new column is not a change of the rows that were there: only columns both releases have are compared.
    assert r["changed"] == [] and r["columns"] == ["indicator_id", "area_code", "year", "value", "unit", "series"]
    assert doc["summary"]["withdrawn"] == 1 and doc["problems"] == []  # the changelog says why


def test_every_changes_document_follows_the_published_schema(history):
    _, h = history
    for doc in h.changes.values():
        jsonschema.Draft202012Validator(releases.SCHEMA).validate(doc)


def test_equal_numbers_are_not_a_change():
    from scripts.releases import rows_changes
    import pandas as pd

    old = pd.DataFrame({"k": ["a", "b"], "v": ["12.10", "3"]})
    new = pd.DataFrame({"k": ["a", "b"], "v": ["12.1", "3.5"]})
    found = rows_changes(old, new, ["k"], ["v"], {"v"})
    assert found["counts"] == {"added": 0, "removed": 0, "changed": 1}
    assert found["changed"][0]["changes"] == {"v": {"old": "3", "new": "3.5"}}


# --- files ----------------------------------------------------------------------------------------------------------
def test_every_release_is_downloadable_at_its_stable_address_with_its_sha256(repo, history):
    root, _ = repo
    m, h = history
    from scripts import downloads

    per_dataset = {"values": downloads.dataset_files(m.datasets["values"], m.context.site_url)}
    out = release_files(h, m, per_dataset)
    for version, data in (("1.0.0", R1), ("1.1.0", R2), ("1.2.0", R3)):
        folder = f"data/values/{version}"
        expected = hashlib.sha256(data.encode("utf-8")).hexdigest()
        assert out[f"{folder}/values.csv"] == data.encode("utf-8")
        package = json.loads(out[f"{folder}/datapackage.json"])
        assert package["version"] == version
        assert package["resources"][0]["hash"] == f"sha256:{expected}"
        assert package["resources"][0]["bytes"] == len(data.encode("utf-8"))
        archive = zipfile.ZipFile(io.BytesIO(out[f"{folder}/values-{version}.zip"]))
        assert archive.read("values.csv") == data.encode("utf-8")
        assert archive.read("datapackage.json") == out[f"{folder}/datapackage.json"]
        assert archive.read("README.md") == f"# Giá trị thử {version}\n".encode("utf-8")
        sums = dict(reversed(line.split("  ")) for line in out[f"{folder}/SHA256SUMS"].decode("ascii").splitlines())
        assert sums["values.csv"] == expected
        assert set(sums) == {f for f in (p.rsplit("/", 1)[1] for p in out if p.startswith(folder + "/"))
                             if f != "SHA256SUMS"}
        for name, digest in sums.items():
            assert hashlib.sha256(out[f"{folder}/{name}"]).hexdigest() == digest
        assert json.loads(out[f"{folder}/changes.json"]) == h.changes[("values", version)]
    # The current release is the latest files themselves (the same bytes, not a copy).
    assert out["data/values/1.2.0/values.csv"] is per_dataset["values"]["values.csv"]
    assert out["data/values/1.2.0/values-1.2.0.zip"] is per_dataset["values"]["values.zip"]


# --- words ----------------------------------------------------------------------------------------------------------
def test_a_release_above_the_size_setting_is_published_as_csv_gz_like_the_latest(repo, history, monkeypatch, tmp_path):
    """Issue 19: every version of a table above downloads.LARGE_FILE_MB is <resource>.csv.gz (an earlier one without
    Parquet: its rows are not read), named in its datapackage.json with the compressed file's size and sha256, in its
    ZIP as it is; none is a plain CSV."""
    import gzip

    from scripts import blob, downloads

    m, h = history
    monkeypatch.setenv("LARGE_FILE_MB", "0.00001")  # 10 bytes: every version of values.csv is above it
    downloads._CACHE.clear()
    per_dataset = {"values": downloads.dataset_files(m.datasets["values"], m.context.site_url, tmp_path)}
    out = release_files(h, m, per_dataset, tmp_path)
    downloads._CACHE.clear()
    assert not [f for f in out if f.endswith("/values.csv")]
    for version, data in (("1.0.0", R1), ("1.1.0", R2), ("1.2.0", R3)):
        folder = f"data/values/{version}"
        gz = blob.read(out[f"{folder}/values.csv.gz"])
        assert gzip.decompress(gz) == data.encode("utf-8")
        (resource,) = json.loads(out[f"{folder}/datapackage.json"])["resources"]
        assert (resource["path"], resource["compression"]) == ("values.csv.gz", "gz")
        assert (resource["bytes"], resource["hash"]) == (len(gz), f"sha256:{hashlib.sha256(gz).hexdigest()}")
        archive = zipfile.ZipFile(io.BytesIO(blob.read(out[f"{folder}/values-{version}.zip"])))
        assert archive.read("values.csv.gz") == gz and "values.csv" not in archive.namelist()
        sums = dict(reversed(line.split("  ")) for line in out[f"{folder}/SHA256SUMS"].decode("ascii").splitlines())
        assert sums["values.csv.gz"] == hashlib.sha256(gz).hexdigest()


def test_the_change_summary_in_both_languages(history):
    _, h = history
    summary = lambda v, lang: release_pages.summary(h.changes[("values", v)], lang)  # noqa: E731
    assert summary("1.0.0", "vi") == "phát hành lần đầu: 3 dòng"
    assert summary("1.1.0", "vi") == "1 giá trị được sửa, 2 giá trị mới"
    assert summary("1.1.0", "en") == "1 value revised, 2 added"
    assert summary("1.2.0", "vi") == "1 giá trị bị rút, thêm 1 cột"
    assert summary("1.2.0", "en") == "1 value withdrawn, 1 column added"


def test_thousands_and_decimals_are_written_the_vietnamese_way():
    doc = {"summary": {"first_release": False}, "metadata": [],
           "resources": [{"name": "x", "status": "changed", "kind": "observations", "compared_by": "key",
                          "counts": {"changed": 1234, "added": 590467, "removed": 0}, "schema": {}}]}
    assert release_pages.summary(doc, "vi") == "1.234 giá trị được sửa, 590.467 giá trị mới"
    assert release_pages.summary(doc, "en") == "1,234 values revised, 590,467 added"


def test_a_value_whose_figure_did_not_change_is_not_called_revised():
    """A row of observations whose notes changed but not its value: its figure was not revised, and no summary (of a
    release, of an indicator) may say it was."""
    def row(year: str, changes: dict) -> dict:
        key = {"indicator_id": "3b", "area_code": "58", "year": year}
        return {"key": key, "values": {**key, "value": "11.8"}, "changes": changes}

    rows = [row("2021", {"value": {"old": "12.1", "new": "11.8"}}),
            row("2022", {"note_en": {"old": "Per the compilation.", "new": "The compiler notes."}}),
            row("2023", {"note_vi": {"old": "a", "new": "b"}, "unit": {"old": "percent", "new": "per-1000"}})]
    table = {"name": "values", "status": "changed", "kind": "observations", "compared_by": "key",
             "counts": {"changed": 3, "added": 1, "removed": 0}, "schema": {}}
    doc = {"summary": {"first_release": False}, "metadata": [], "resources": [{**table, "changed": rows}]}
    assert release_pages.summary(doc, "vi") == \
        "1 giá trị được sửa, 1 giá trị mới, sửa thông tin kèm theo của 2 giá trị (số liệu không đổi)"
    assert release_pages.summary(doc, "en") == "1 value revised, 1 added, details revised for 2 values (no figure changed)"
    revs = [release_pages.Revision("values", "1.1.0", "2027-03-02", table, "changed", r) for r in rows[1:2]]
    assert release_pages.indicator_summary(revs, "vi") == "sửa thông tin kèm theo của 1 giá trị (số liệu không đổi)"
    assert release_pages.indicator_summary(revs, "en") == "details revised for 1 value (no figure changed)"
    target = {"key": {"indicator_id": "3b", "scope": "province", "year": "2025"},
              "values": {"indicator_id": "3b", "scope": "province", "year": "2025", "comparison": "<=", "value": "12"},
              "changes": {"note_en": {"old": "x", "new": "y"}}}
    revs = [release_pages.Revision("programme-targets", "2.1.0", "2027-03-02", {**table, "kind": "table"}, "changed",
                                   target)]
    assert release_pages.indicator_summary(revs, "vi") == \
        "sửa thông tin kèm theo của 1 mức mục tiêu (không con số nào thay đổi)"
    assert release_pages.indicator_summary(revs, "en") == "details revised for 1 target (no target figure changed)"

def test_rows_compared_whole_name_the_columns_that_differ():
    """A table without a key whose note was reworded shows the row twice (only in the previous release, only in this
    one); the page names the columns that differ, and the short ones are in the tables even past the eighth column."""
    columns = ["code", "name_vi", "name_en", "level", "parent_code", "valid_from", "valid_to", "validity", "status",
               "note_vi"]
    old = dict(zip(columns, ["60", "Tỉnh Bình Thuận", "Bình Thuận Province", "province", "VN", "", "", "ended", "a",
                             "Kết thúc theo một bản tin. " * 4]))
    new = {**old, "status": "b", "note_vi": "Kết thúc theo một bản tin, chưa có nghị quyết. " * 3}
    r = {"name": "units", "title": "Đơn vị", "title_en": "Units", "status": "changed", "kind": "table",
         "compared_by": "rows", "counts": {"added": 1, "removed": 1, "changed": 0}, "columns": columns,
         "schema": {"fields_added": [{"name": "x", "type": "string"}]},
         "added": [{"key": {}, "values": new}], "removed": [{"key": {}, "values": old}], "changed": []}
    descriptor = {"resources": [{"name": "units", "schema": {"fields": [{"name": c} for c in columns]}}]}
    vi = release_pages.resource_section(r, descriptor, "vi")
    assert "\n\n1 dòng chỉ có ở phiên bản này, 1 dòng chỉ có ở phiên bản trước, thêm 1 cột\n\n" in vi
    assert "Các cột có giá trị khác nhau giữa những dòng chỉ có ở phiên bản trước và những dòng chỉ có ở phiên bản " \
           "này: <code>status</code>, <code>note_vi</code>." in vi
    assert vi.count("| <code>code</code> | <code>name_vi</code> | <code>name_en</code> | <code>level</code> | "
                    "<code>parent_code</code> | <code>valid_from</code> | <code>valid_to</code> | <code>status</code> |") == 2
    en = release_pages.resource_section({**r, "schema": {}}, descriptor, "en")
    assert "Columns whose values differ between the rows only in the previous release and those only in this one: " \
           "<code>status</code>, <code>note_vi</code>." in en
    assert "\n\nThêm 1 cột\n\n" in release_pages.resource_section(
        {**r, "counts": {"added": 0, "removed": 0, "changed": 0}, "added": [], "removed": []}, descriptor, "vi")

def test_an_indicators_rows_compared_whole_name_the_columns_that_differ():
    """Observations 2.0.0 of this repository changed its key, so rows were compared whole: each of an indicator's
    rows whose area name changed is one row only in each release. The indicator page and the report say which
    columns differ."""
    table = {"name": "observations", "kind": "observations", "compared_by": "rows", "reason": "key-changed",
             "columns": ["indicator_id", "area_code", "area_name", "year", "value"]}
    old = {"indicator_id": "3b", "area_code": "56", "area_name": "Khánh Hòa", "year": "2010", "value": "16"}
    revs = [release_pages.Revision("observations", "2.0.0", "2026-12-01", table, how, {"key": {}, "values": values})
            for how, values in (("removed", old), ("added", {**old, "area_name": "Khánh Hòa (trước 1/7/2025)"}))]
    assert release_pages.not_matched_line(revs, "vi", release_pages.code) == (
        "Không nối được từng dòng giữa hai phiên bản (trang của phiên bản nói vì sao), nên các dòng được so cả dòng. "
        "Các cột có giá trị khác nhau giữa những dòng chỉ có ở phiên bản trước và những dòng chỉ có ở phiên bản này: "
        "<code>area_name</code>.")
    assert release_pages.not_matched_line(revs, "en", release_pages.code).endswith(
        "so whole rows were compared. Columns whose values differ between the rows only in the previous release and "
        "those only in this one: <code>area_name</code>.")

def test_the_indicator_page_says_what_changed_in_its_numbers_and_when(history):
    m, _ = history
    ind = m.indicators["3b"]
    vi = release_pages.indicator_section(m, ind, "vi")
    assert ("**[ngày 15/6/2027, phiên bản 1.2.0 — Giá trị thử](../data/values/1.2.0/index.md)**: 1 giá trị bị rút\n\n"
            "- Rút giá trị năm 2022 (Việt Nam, Tổng cục Thống kê): 14‰") in vi
    assert ("**[ngày 2/3/2027, phiên bản 1.1.0 — Giá trị thử](../data/values/1.1.0/index.md)**: "
            "1 giá trị được sửa, 2 giá trị mới\n\n"
            "- Giá trị năm 2021 (Ninh Thuận, Tổng cục Thống kê) được sửa: 12,1‰ → 11,8‰\n"
            "- Thêm giá trị năm 2023 (Ninh Thuận, Tổng cục Thống kê): 11,5‰\n"
            "- Thêm giá trị năm 2023 (Việt Nam, Tổng cục Thống kê): 13,6‰") in vi
    assert vi.index("phiên bản 1.2.0") < vi.index("phiên bản 1.1.0")  # newest first
    assert "[nguồn cấp Atom](../data/chi-so/3b.atom)" in vi
    en = release_pages.indicator_section(m, ind, "en")
    assert "- 2021 value (Ninh Thuận, GSO) revised: 12.1‰ → 11.8‰" in en
    assert "- 2022 value withdrawn (Viet Nam, GSO): 14‰" in en
    assert "**[2 March 2027, release 1.1.0 — Test values](../data/values/1.1.0/index.md)**: 1 value revised, 2 added" \
        in en


def test_the_dataset_page_lists_every_release_newest_first(history):
    m, _ = history
    vi = release_pages.release_list(m, "values", "vi")
    assert ("| [1.2.0](../data/values/1.2.0/index.md) | 15/6/2027 | Thêm cột số sơ bộ; rút một giá trị. | "
            "1 giá trị bị rút, thêm 1 cột |") in vi
    assert ("| [1.1.0](../data/values/1.1.0/index.md) | 2/3/2027 | Sửa giá trị năm 2021, thêm năm 2023. | "
            "1 giá trị được sửa, 2 giá trị mới |") in vi
    assert "| [1.0.0](../data/values/1.0.0/index.md) | 10/1/2027 | Phát hành lần đầu. | phát hành lần đầu: 3 dòng |" in vi
    assert vi.index("1.2.0") < vi.index("1.1.0") < vi.index("[1.0.0]")
    en = release_pages.release_list(m, "values", "en")
    assert "| [1.1.0](../data/values/1.1.0/index.md) | 2 March 2027 | 2021 revised, 2023 added. | " \
           "1 value revised, 2 added |" in en


def test_the_release_page_shows_old_and_new_values_the_files_and_their_hashes(history):
    m, h = history
    release_files(h, m, {"values": __import__("scripts.downloads").downloads.dataset_files(m.datasets["values"], m.context.site_url)})
    r = h.release("values", "1.1.0")
    vi = release_pages.release_page(m, h, r, "vi")
    assert "So với phiên bản 1.0.0: 1 giá trị được sửa, 2 giá trị mới." in vi
    assert ("| <code>3b</code> | <code>58</code> | <code>2021</code> | <code>value</code> | 12,1 | 11,8 |") in vi
    assert "| <code>3b</code> | <code>58</code> | <code>2023</code> | 11,5 |" in vi
    expected = hashlib.sha256(R2.encode("utf-8")).hexdigest()
    assert f"| [values.csv](values.csv) | {release_pages.n(len(R2.encode('utf-8')), 'vi')} B | <code>{expected}</code> |" \
        in vi
    assert CTX.page_url("data/values/1.1.0/") in vi  # the citation names the stable address
    en = release_pages.release_page(m, h, h.release("values", "1.2.0"), "en")
    assert f"**Note on the withdrawn rows:** {WITHDRAWN[1]}" in en
    assert "| <code>3b</code> | <code>VN</code> | <code>2022</code> | 14 |" in en
    assert "**Columns added:** <code>provisional</code> (boolean)" in en


def test_citations_name_the_version_and_its_stable_address(history):
    m, _ = history
    assert release_pages.stable_address(m, ["values"], "en") == (
        f'Release 1.2.0, stable address: <a href="{CTX.page_url("data/values/1.2.0/", "en")}">'
        f'{CTX.page_url("data/values/1.2.0/", "en")}</a>')


# --- feeds ----------------------------------------------------------------------------------------------------------
A = "{http://www.w3.org/2005/Atom}"


def test_one_feed_per_indicator_with_one_entry_per_release_that_revised_it(history):
    import xml.etree.ElementTree as ET

    from test_feed import check_atom

    m, h = history
    feed = check_atom(release_pages.indicator_feed(m, m.indicators["3b"],
                                                   release_pages.indicator_revisions(m, h)["3b"]))
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}updated")[:10] for e in entries] == ["2027-06-15", "2027-03-02"]
    assert entries[1].findtext(f"{A}summary") == (
        "1 giá trị được sửa, 2 giá trị mới: Giá trị năm 2021 (Ninh Thuận, Tổng cục Thống kê) được sửa: 12,1‰ → 11,8‰; "
        "Thêm giá trị năm 2023 (Ninh Thuận, Tổng cục Thống kê): 11,5‰; Thêm giá trị năm 2023 (Việt Nam, Tổng cục "
        "Thống kê): 13,6‰ / 1 value revised, 2 added: 2021 value (Ninh Thuận, GSO) revised: 12.1‰ → 11.8‰; 2023 value "
        "added (Ninh Thuận, GSO): 11.5‰; 2023 value added (Viet Nam, GSO): 13.6‰")
    assert [li.get("href") for li in entries[0].findall(f"{A}link")] == [CTX.page_url("data/values/1.2.0/")]
    assert ET.fromstring(release_pages.indicator_feed(m, m.indicators["3b"], [])).find(f"{A}entry") is None


def test_the_releases_feed_gives_each_release_its_change_summary(history):
    from test_feed import check_atom

    m, h = history
    feed = check_atom(atom.releases_atom(m, release_pages.feed_summaries(h)))
    summaries = {e.findtext(f"{A}title"): e.findtext(f"{A}summary") for e in feed.findall(f"{A}entry")}
    assert summaries["Giá trị thử 1.1.0 / Test values 1.1.0"] == (
        "Sửa giá trị năm 2021, thêm năm 2023. / 2021 revised, 2023 added. — 1 giá trị được sửa, 2 giá trị mới / "
        "1 value revised, 2 added")


# --- the pull-request report ------------------------------------------------------------------------------------------
def test_the_pull_request_report_lists_the_changes_per_indicator(history):
    m, h = history
    report = pr_report(m, {"values": h.changes[("values", "1.1.0")]})
    assert report == (
        "### Thay đổi so với nhánh gốc\n\n"
        "- ` values ` (` 1.0.0 ` → ` 1.1.0 `): 1 giá trị được sửa, 2 giá trị mới\n\n"
        "#### Theo chỉ tiêu (như trang web sẽ hiện)\n\n"
        "- **Chỉ tiêu ` 3b `** ` Chỉ tiêu thử `: 1 giá trị được sửa, 2 giá trị mới\n"
        "    - Giá trị năm 2021 (` Ninh Thuận `, ` Tổng cục Thống kê `) được sửa: 12,1‰ → 11,8‰\n"
        "    - Thêm giá trị năm 2023 (` Ninh Thuận `, ` Tổng cục Thống kê `): 11,5‰\n"
        "    - Thêm giá trị năm 2023 (` Việt Nam `, ` Tổng cục Thống kê `): 13,6‰\n")


def test_data_in_the_report_is_inert():
    assert release_pages._inert("[x](https://evil) @team #1 `tick`\n::error::") == \
        "`` [x](https://evil) @team #1 `tick` ::error:: ``"


# --- the cache --------------------------------------------------------------------------------------------------------
def test_changes_are_cached_by_the_pair_of_release_ids(repo, tmp_path, monkeypatch):
    root, _ = repo
    m = model_of(root / "datasets" / "values")
    first = read_history(m, tmp_path)
    monkeypatch.setattr(releases, "release_changes", lambda *a, **k: pytest.fail("computed again"))
    again = read_history(model_of(root / "datasets" / "values"), tmp_path)
    assert again.changes == first.changes
    states = {r.state for r in first.releases["values"]}
    assert len(states) == 3 and all(len(s) == 40 for s in states)  # git tree ids of the dataset's folder


# --- problems ---------------------------------------------------------------------------------------------------------
@pytest.fixture
def fresh(tmp_path) -> Path:
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    write_release(repo / "datasets" / "values", "1.0.0", R1)
    commit(repo, "1.0.0")
    return repo


def version_problems(repo: Path) -> list[tuple[str, str]]:
    from scripts.validate.versioning import check_versions

    return sorted((p.code, p.field) for p in check_versions("main", [repo / "datasets" / "values"], repo=repo))


def test_a_row_withdrawn_without_a_note_is_refused_by_the_version_rule(fresh):
    folder = fresh / "datasets" / "values"
    write_release(folder, "1.1.0", R1.replace("3b,VN,2022,14.0,per-1000-live-births,gso\n", ""))
    assert version_problems(fresh) == [("release-rows-withdrawn-unexplained", "changelog")]
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    d["changelog"][-1].update(withdrawn=WITHDRAWN[0], withdrawn_en=WITHDRAWN[1])
    (folder / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert version_problems(fresh) == []


def test_a_key_changed_without_a_new_major_version_is_a_problem(fresh):
    folder = fresh / "datasets" / "values"
    write_release(folder, "1.1.0", R2, key=["indicator_id", "area_code", "year", "series"])
    assert version_problems(fresh) == [("release-key-changed", "")]
    write_release(folder, "2.0.0", R2, key=["indicator_id", "area_code", "year", "series"])
    assert version_problems(fresh) == []


def test_a_key_that_repeats_at_the_base_is_a_problem_not_a_traceback(fresh):
    folder = fresh / "datasets" / "values"
    write_release(folder, "1.0.0", R1 + "3b,58,2021,99,per-1000-live-births,gso\n")
    commit(fresh, "a duplicate key slipped in")
    write_release(folder, "1.1.0", R2)
    assert version_problems(fresh) == [("release-key-not-unique", "")]


def test_history_that_cannot_be_read_is_a_notice_and_the_release_is_skipped(fresh):
    folder = fresh / "datasets" / "values"
    (folder / "datapackage.json").write_text("{ not json", encoding="utf-8")
    broken = commit(fresh, "a broken descriptor")
    write_release(folder, "1.1.0", R2)
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    d["resources"][0]["path"] = "data/elsewhere.csv"  # not in the release's commit
    (folder / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    commit(fresh, "1.1.0, its file missing")
    write_release(folder, "1.2.0", R3, extra_field=True)
    commit(fresh, "1.2.0")
    m = model_of(folder)
    h = read_history(m, None)
    assert [r.version for r in h.releases["values"]] == ["1.0.0", "1.1.0", "1.2.0"]
    assert sorted(h.changes) == [("values", "1.0.0")]  # 1.1.0 cannot be read: neither it nor 1.2.0 can be compared
    assert [(p.code, p.resource, p.detail) for p in h.notices] == [
        ("release-history-unreadable", "datapackage.json", f"commit {broken[:12]}: JSONDecodeError"),
        ("release-history-unreadable", "", "phiên bản 1.1.0: values: file 'data/elsewhere.csv' is not in the release")]
    assert [p.detail_en for p in h.notices] == [f"commit {broken[:12]}: JSONDecodeError",
                                                "release 1.1.0: values: file 'data/elsewhere.csv' is not in the release"]


def test_a_schema_given_as_a_path_is_read_from_the_release_commit(tmp_path):
    """The validator reads a schema given as a path and puts it inline; a release read from history does the same
    with the schema file of its own commit, so rows are keyed by that schema's primaryKey."""
    repo = tmp_path / "repo"
    folder = repo / "datasets" / "values"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    for version, data in (("1.0.0", R1), ("1.1.0", R2)):
        write_release(folder, version, data)
        d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        (folder / "schema.json").write_text(json.dumps(d["resources"][0]["schema"]), encoding="utf-8")
        d["resources"][0]["schema"] = "schema.json"
        (folder / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        commit(repo, version)
    h = read_history(model_of(folder), None)
    assert h.notices == []
    r = h.changes[("values", "1.1.0")]["resources"][0]
    assert (r["key"], r["key_kind"]) == (["indicator_id", "area_code", "year"], "primary-key")
    assert r["counts"] == {"added": 2, "removed": 0, "changed": 1}

def test_outside_git_the_build_goes_on_with_a_notice(tmp_path):
    folder = tmp_path / "values"
    write_release(folder, "1.2.0", R3, extra_field=True)
    m = model_of(folder)
    h = read_history(m, None)
    assert [p.code for p in h.notices] == ["release-history-incomplete"] and h.incomplete == "no-git"
    assert [(r.version, r.available, r.current) for r in h.releases["values"]] == [
        ("1.0.0", False, False), ("1.1.0", False, False), ("1.2.0", True, True)]
    listed = release_pages.release_list(m, "values", "vi")
    assert listed.count("| không có trong lịch sử của bản dựng này: không có tệp tải về |") == 2
    assert "| chưa so được: phiên bản trước không có trong lịch sử của bản dựng này |" in listed


def test_a_shallow_clone_skips_earlier_releases_with_a_notice(repo, tmp_path):
    root, _ = repo
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    m = model_of(clone / "datasets" / "values")
    h = read_history(m, None)
    assert h.incomplete == "shallow"
    assert [(p.code, p.detail) for p in h.notices] == [
        ("release-history-incomplete", "bản sao nông (shallow clone): các phiên bản trước bị bỏ qua")]
    assert [p.message_in("en") for p in h.notices] == [
        "The git history is incomplete: earlier releases are skipped: a shallow clone: earlier releases are skipped"]
    assert [(r.version, r.available) for r in h.releases["values"]] == [("1.0.0", False), ("1.1.0", False),
                                                                        ("1.2.0", True)]
    from scripts import downloads

    out = release_files(h, m, {"values": downloads.dataset_files(m.datasets["values"], m.context.site_url)})
    assert sorted({p.split("/")[2] for p in out}) == ["1.2.0"]
    assert "Lịch sử git của bản dựng này không đầy đủ" in release_pages.release_list(m, "values", "vi")


# --- this repository's own history --------------------------------------------------------------------------------
def test_the_repositorys_own_2_0_0_release_reads_truthfully():
    """Issue 13's commit released every dataset as 2.0.0: observations lost source_url, source_status and note,
    gained source_id, notes in both languages and more, and got a sources table. Read from this clone's history."""
    from scripts.model import build_model
    from scripts.paths import ROOT

    first = subprocess.run(["git", "-C", str(ROOT), "log", "--reverse", "--format=%H", "--",
                            "datasets/observations/datapackage.json"], capture_output=True, text=True).stdout.split()
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"], capture_output=True,
                      text=True).stdout.strip() != "false" or not first:
        pytest.skip("this clone has no history (fetch it with git fetch --unshallow)")
    m = build_model(validate_datasets().datasets)
    h = read_history(m, None)
    doc = h.changes[("observations", "2.0.0")]
    obs = next(r for r in doc["resources"] if r["name"] == "observations")
    assert {f["name"] for f in obs["schema"]["fields_removed"]} == {"source_url", "source_status", "note"}
    assert {"source_id", "note_vi", "note_en", "qualifier", "provisional", "quote"} <= {
        f["name"] for f in obs["schema"]["fields_added"]}
    sources = next(r for r in doc["resources"] if r["name"] == "sources")
    rows = subprocess.run(["git", "-C", str(ROOT), "show", f"{doc['commit']}:datasets/observations/data/sources.csv"],
                          capture_output=True, text=True).stdout.count("\n") - 1
    assert (sources["status"], sources["rows_after"]) == ("added", rows)
    en = release_pages.release_page(m, h, h.release("observations", "2.0.0"), "en")
    assert "**Columns removed:** <code>source_status</code> (string), <code>source_url</code> (string), " \
           "<code>note</code> (string)" in en
    assert f"A new table of {rows} rows" in en


# --- the workflows fetch the history the build reads ----------------------------------------------------------------
def test_every_workflow_job_that_builds_the_site_fetches_the_whole_history():
    import yaml

    from scripts.paths import ROOT

    building = 0
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            steps = job.get("steps") or []
            if any("python -m scripts build" in str(s.get("run", "")) for s in steps):
                building += 1
                checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
                assert (checkout.get("with") or {}).get("fetch-depth") == 0, f"{path.name}: {name}"
    assert building == 2  # the pull request's preview and the published site


def test_the_words_of_releases_are_in_both_languages_each_in_its_own():
    from scripts.i18n import RELEASE_WORDS
    from scripts.language import guess

    assert all(set(forms) == {"vi", "en"} and all(forms.values()) for forms in RELEASE_WORDS.values())
    wrong = [(key, lang) for key, forms in RELEASE_WORDS.items() for lang, text in forms.items()
             if guess(text) == ("en" if lang == "vi" else "vi")]
    assert wrong == []
