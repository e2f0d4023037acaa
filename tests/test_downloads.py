"""Downloads: CSVs byte-identical to the validated files, ZIPs that hold them unchanged, XLSX with citation and
licence that never carries a formula, and spreadsheet-safe CSVs (the validator refuses formula-like text)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from scripts import downloads
from scripts import facts
from scripts.context import Context
from scripts.paths import DATASETS
from scripts.validate import dataset_folders, validate_datasets

SHIPPED = {f.name: f for f in dataset_folders(DATASETS)}

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resources(folder: Path) -> dict[str, Path]:
    """resource name → the CSV file it points to, from the dataset's own datapackage.json."""
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: folder / r["path"] for r in d["resources"]}


@pytest.fixture(scope="module")
def validated():
    result = validate_datasets()
    assert result.problems == []
    return result.datasets


# --- spreadsheet safety ---------------------------------------------------------------------------------------------
def copy_dataset(tmp_path: Path, name: str = "child-protection-channels") -> Path:
    dest = tmp_path / name
    shutil.copytree(SHIPPED[name], dest)
    return dest


def set_cell(csv_path: Path, row: int, column: str, value: str) -> None:
    """Change one cell (row 1 = the first data row) and write the file back in the same CSV dialect."""
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    rows[row][rows[0].index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    csv_path.write_text(buf.getvalue(), encoding="utf-8")


def test_a_copy_of_a_shipped_dataset_validates_clean(tmp_path):
    folder = copy_dataset(tmp_path)
    set_cell(folder / "data" / "channels.csv", 1, "note_vi", "Ghi chú bình thường")
    assert validate_datasets([folder]).problems == []


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://example.com\",\"bấm\")", "=1+1", "@SUM(A1:A2)", "+cmd|' /C calc'!A0"])
def test_a_csv_cell_that_starts_like_a_formula_is_refused(tmp_path, value):
    folder = copy_dataset(tmp_path)
    set_cell(folder / "data" / "channels.csv", 2, "note_vi", value)
    problems = validate_datasets([folder]).problems
    found = [(p.code, p.resource, p.row, p.field) for p in problems]
    assert ("formula-cell", "channels", 3, "note_vi") in found, found  # row 3: the header is row 1


def test_a_negative_number_is_not_a_formula(tmp_path):
    folder = copy_dataset(tmp_path)
    set_cell(folder / "data" / "channels.csv", 1, "note_vi", "-5")
    assert not [p for p in validate_datasets([folder]).problems if p.code == "formula-cell"]


def test_xlsx_writes_formula_like_text_as_text(validated, monkeypatch):
    """Defence in depth: even text that slipped past validation becomes a text cell, never a formula."""
    ds = validated["child-protection-channels"]
    table = ds.tables["channels"]
    df = table.df.copy()
    df.iloc[0, df.columns.get_loc("note_vi")] = "=1+1"
    monkeypatch.setattr(table, "df", df)
    resource = next(r for r in ds.descriptor["resources"] if r["name"] == "channels")
    data = downloads.xlsx_bytes(ds, resource, CTX.site_url)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in s or b"<f " in s for s in sheets)
    from openpyxl import load_workbook
    cell = load_workbook(io.BytesIO(data))["channels"].cell(row=2, column=list(df.columns).index("note_vi") + 1)
    assert cell.value == "=1+1" and cell.data_type == "s"


# --- XLSX ----------------------------------------------------------------------------------------------------------
def test_xlsx_has_data_fields_and_a_visible_source_sheet(built_site):
    from openpyxl import load_workbook

    for name, folder in SHIPPED.items():
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for rname, path in resources(folder).items():
            wb = load_workbook(built_site / "data" / name / f"{rname}.xlsx")
            assert wb.sheetnames == [rname[:31], "fields", "source"]
            header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
            assert [c.value for c in wb[rname[:31]][1]] == header
            with path.open(encoding="utf-8") as fh:
                assert wb[rname[:31]].max_row == sum(1 for _ in csv.reader(fh))
            assert [r[0].value for r in wb["fields"].iter_rows(min_row=2)] == header
            source = {r[0].value: r[1].value for r in wb["source"].iter_rows() if r[0].value}
            text = " ".join(str(c.value) for row in wb["source"].iter_rows() for c in row if c.value)
            assert "CC BY 4.0" in source["Giấy phép / Licence"] and facts.LICENCE_URL in text
            assert source["Trang / Page"] == CTX.page_url(f"bo-du-lieu/{name}/")
            assert source["version"] == descriptor["version"]
            assert "[Bộ dữ liệu]" in source["Trích dẫn / Cite as"] and "[Data set]" in text
            assert source["sha256 (CSV)"] == sha256(path.read_bytes())
            assert "CC BY 4.0" in (wb.properties.description or "")
            assert wb.properties.modified == wb.properties.created == datetime(*downloads.ZIP_DATE)  # never the clock


def test_xlsx_keeps_numbers_as_numbers(built_site):
    from openpyxl import load_workbook

    ws = load_workbook(built_site / "data" / "observations" / "observations.xlsx")["observations"]
    header = [c.value for c in ws[1]]
    years = [r[header.index("year")].value for r in ws.iter_rows(min_row=2)]
    values = [r[header.index("value")].value for r in ws.iter_rows(min_row=2)]
    assert all(isinstance(y, int) for y in years)
    assert all(v is None or v == "" or isinstance(v, (int, float)) for v in values) and any(isinstance(v, float) for v in values)


# --- integrity -----------------------------------------------------------------------------------------------------
def test_published_csvs_are_the_validated_bytes_and_match_the_published_datapackage(built_site):
    checked = 0
    for name, folder in SHIPPED.items():
        published = json.loads((built_site / "data" / name / "datapackage.json").read_text(encoding="utf-8"))
        by_name = {r["name"]: r for r in published["resources"]}
        for rname, source in resources(folder).items():
            original = source.read_bytes()
            served = built_site / "data" / name / f"{rname}.csv"
            assert served.read_bytes() == original, f"{name}/{rname}.csv differs from {source}"
            r = by_name[rname]
            assert r["bytes"] == len(original) == served.stat().st_size
            assert r["hash"] == f"sha256:{sha256(original)}"
            # the path in the published descriptor works where the descriptor lies
            assert (built_site / "data" / name / r["path"]).read_bytes() == original
            checked += 1
    assert checked >= 7


def test_a_changed_file_after_validation_is_never_published(tmp_path):
    folder = copy_dataset(tmp_path)
    ds = validate_datasets([folder]).datasets[folder.name]
    with (folder / "data" / "channels.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    with pytest.raises(downloads.IntegrityError):
        downloads.dataset_files(ds, CTX.site_url)


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        return {i.filename: z.read(i) for i in z.infolist()}


def test_each_dataset_zip_holds_readme_licence_datapackage_and_the_csvs_unchanged(built_site):
    for name, folder in SHIPPED.items():
        members = zip_members(built_site / "data" / name / f"{name}.zip")
        csvs = resources(folder)
        assert set(members) == {"README.md", "LICENSE.txt", "datapackage.json"} | {f"{r}.csv" for r in csvs}
        for rname, source in csvs.items():
            assert members[f"{rname}.csv"] == source.read_bytes()
        assert members["datapackage.json"] == (built_site / "data" / name / "datapackage.json").read_bytes()
        assert members["README.md"] == (folder / "README.md").read_bytes()
        licence = members["LICENSE.txt"].decode("utf-8")
        assert "CC BY 4.0" in licence and CTX.page_url(f"bo-du-lieu/{name}/") in licence
        # the unpacked ZIP is a data package whose hashes hold
        descriptor = json.loads(members["datapackage.json"])
        for r in descriptor["resources"]:
            assert r["hash"] == f"sha256:{sha256(members[r['path']])}" and r["bytes"] == len(members[r["path"]])


def test_the_all_data_zip_holds_every_dataset_zip_content(built_site):
    members = zip_members(built_site / "data" / "all-data.zip")
    assert "LICENSE.txt" in members
    for name in SHIPPED:
        inner = zip_members(built_site / "data" / name / f"{name}.zip")
        assert {f"{name}/{k}": v for k, v in inner.items()}.items() <= members.items()
    assert {m.split("/")[0] for m in members if "/" in m} == set(SHIPPED)


def test_zip_entries_have_a_fixed_date_and_order(built_site):
    with zipfile.ZipFile(built_site / "data" / "observations" / "observations.zip") as z:
        infos = z.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {downloads.ZIP_DATE}


def test_json_download_has_one_typed_object_per_row(built_site):
    rows = json.loads((built_site / "data" / "observations" / "observations.json").read_text(encoding="utf-8"))
    with (SHIPPED["observations"] / "data" / "observations.csv").open(encoding="utf-8") as fh:
        records = list(csv.DictReader(fh))
    assert len(rows) == len(records)
    assert all(isinstance(r["year"], int) and isinstance(r["conflict"], bool) for r in rows)
    assert [r["source_id"] for r in rows] == [r["source_id"] for r in records]


def test_downloads_are_reproducible(tmp_path):
    """Two validations of the same files (in two folders, so no cache is shared) give the same bytes."""
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        shutil.copytree(SHIPPED["observations"], root / "observations")
    files_a = downloads.dataset_files(validate_datasets([a / "observations"], min_count=5).datasets["observations"], CTX.site_url)
    files_b = downloads.dataset_files(validate_datasets([b / "observations"], min_count=5).datasets["observations"], CTX.site_url)
    assert files_a.keys() == files_b.keys()
    assert all(files_a[k] == files_b[k] for k in files_a), [k for k in files_a if files_a[k] != files_b[k]]


def test_a_dataset_without_readme_gets_a_generated_one(tmp_path):
    folder = copy_dataset(tmp_path)
    (folder / "README.md").unlink()
    ds = validate_datasets([folder]).datasets[folder.name]
    members = zip_members_bytes(downloads.dataset_files(ds, CTX.site_url)[f"{folder.name}.zip"])
    readme = members["README.md"].decode("utf-8")
    assert ds.descriptor["title"] in readme and "[Data set]" in readme


def zip_members_bytes(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_each_indicator_csv_holds_exactly_its_rows_in_file_order(built_site):
    import csv as _csv
    import io as _io

    source = (DATASETS / "observations/data/observations.csv").read_text(encoding="utf-8")
    rows = list(_csv.reader(_io.StringIO(source)))
    header, body = rows[0], rows[1:]
    column = header.index("indicator_id")
    # Each row is followed by its source's publisher, title (vi, en), address and trust, from sources.csv.
    sources = {r["source_id"]: r for r in _csv.DictReader(_io.StringIO(
        (DATASETS / "observations/data/sources.csv").read_text(encoding="utf-8")))}
    joined = ["source_publisher", "source_title", "source_title_en", "source_url", "source_trust"]
    from_sources = ["publisher_vi", "title_vi", "title_en", "url", "trust"]
    sid = header.index("source_id")
    checked = 0
    for path in sorted((built_site / "data/chi-so").glob("*.csv")):
        expected = [header + joined] + [r + [sources[r[sid]][c] for c in from_sources]
                                        for r in body if r[column] == path.stem]
        assert list(_csv.reader(_io.StringIO(path.read_text(encoding="utf-8")))) == expected, path.name
        checked += len(expected) > 1
    assert checked >= 8


def test_spreadsheets_json_and_zip_come_from_the_disk_cache_given(validated, tmp_path, monkeypatch):
    """The build keeps XLSX, JSON and ZIP in <root>/.cache/downloads, keyed by a hash of their inputs: a second build
    of the same data takes them from there; without a cache they are made again."""
    ds = validated["child-protection-channels"]
    downloads._CACHE.clear()
    first = downloads.dataset_files(ds, CTX.site_url, tmp_path)
    assert len(list(tmp_path.iterdir())) >= 3  # XLSX, JSON, ZIP

    def refuse(*args, **kwargs):
        raise AssertionError("made again although the disk cache has it")

    for writer in ("xlsx_bytes", "json_bytes", "zip_bytes"):
        monkeypatch.setattr(downloads, writer, refuse)
    downloads._CACHE.clear()
    assert downloads.dataset_files(ds, CTX.site_url, tmp_path) == first
    downloads._CACHE.clear()
    with pytest.raises(AssertionError, match="made again"):
        downloads.dataset_files(ds, CTX.site_url, None)
    downloads._CACHE.clear()
