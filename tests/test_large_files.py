"""Large tables (issue 19): above the size setting (downloads.LARGE_FILE_MB) a resource is published as a
deterministic .csv.gz and a Parquet file instead of the plain CSV, the ZIP stores the .csv.gz, an indicator's extract
is gzipped, the SDMX files are SDMX-CSV in gzip; datapackage.json, the dataset page and the catalogue say which files
exist with the size and sha256 of each. The shipped datasets are made "large" here by setting the threshold to
20,000 bytes (observations.csv is about 30 KB), so the whole path runs on real data in seconds."""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from scripts import blob, build, downloads, pages
from scripts.model import build_model
from scripts.validate import validate_datasets

THRESHOLD_MB = "0.02"


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The download files of the shipped datasets with a 20,000-byte threshold, written as the build writes them."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LARGE_FILE_MB", THRESHOLD_MB)
    downloads._CACHE.clear()
    root = tmp_path_factory.mktemp("large")
    model = build_model(validate_datasets(min_count=5).datasets)
    files, made = build.download_files(model, root / ".cache")
    build.write_generated(files, root / "docs")
    yield model, files, root / "docs" / "data", made
    downloads._CACHE.clear()
    mp.undo()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_setting_is_ten_megabytes_and_read_from_the_environment(monkeypatch):
    monkeypatch.delenv("LARGE_FILE_MB", raising=False)
    assert downloads.large_file_bytes() == 10_000_000
    monkeypatch.setenv("LARGE_FILE_MB", "2.5")
    assert downloads.large_file_bytes() == 2_500_000


def test_a_large_resource_is_a_csv_gz_and_parquet_and_no_plain_csv(large):
    model, files, data, _ = large
    obs = model.datasets["observations"]
    assert obs.sizes["observations"] > 20_000 > obs.sizes["measures"]
    names = {p.name for p in (data / "observations").iterdir()}
    assert {"observations.csv.gz", "observations.parquet", "measures.csv"} <= names
    assert "observations.csv" not in names
    raw = (data / "observations" / "observations.csv.gz").read_bytes()
    assert raw[:4] == b"\x1f\x8b\x08\x00"  # gzip, deflate, no flags: no file name in the header
    assert raw[4:8] == b"\0\0\0\0"  # modification time 0
    assert gzip.decompress(raw) == obs.files["observations"].read_bytes()


def test_the_parquet_file_holds_the_rows_typed(large):
    import pyarrow.parquet as pq

    model, _, data, _ = large
    table = pq.read_table(data / "observations" / "observations.parquet")
    with open(model.datasets["observations"].files["observations"], newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert table.num_rows == len(rows) and table.column_names == list(rows[0])
    assert str(table.schema.field("year").type) == "int64" and str(table.schema.field("value").type) == "double"
    got = table.to_pylist()
    for want, row in zip(rows, got):
        assert row["year"] == int(want["year"])
        assert row["value"] == (float(want["value"]) if want["value"] else None)
        assert row["area_code"] == want["area_code"] and row["note_en"] == want["note_en"]


def test_the_published_descriptor_names_every_file_with_its_bytes_and_hash_and_is_valid(large):
    from frictionless import Package

    _, _, data, _ = large
    folder = data / "observations"
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    (r,) = [r for r in d["resources"] if r["name"] == "observations"]
    gz, parquet = folder / "observations.csv.gz", folder / "observations.parquet"
    assert (r["path"], r["compression"], r["format"]) == ("observations.csv.gz", "gz", "csv")
    assert (r["bytes"], r["hash"]) == (gz.stat().st_size, f"sha256:{sha256(gz)}")
    assert r["alternates"] == [{"path": "observations.parquet", "format": "parquet",
                                "mediatype": "application/vnd.apache.parquet", "bytes": parquet.stat().st_size,
                                "hash": f"sha256:{sha256(parquet)}"}]
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])


def test_the_zip_stores_the_csv_gz_as_published_and_not_the_parquet_file(large):
    from frictionless import Package

    _, _, data, _ = large
    folder = data / "observations"
    with zipfile.ZipFile(folder / "observations.zip") as z:
        info = {i.filename: i for i in z.infolist()}
        assert sorted(info) == ["LICENSE.txt", "README.md", "datapackage.json", "measures.csv",
                                "observations.csv.gz", "sources.csv"]
        assert info["observations.csv.gz"].compress_type == zipfile.ZIP_STORED
        assert z.read("observations.csv.gz") == (folder / "observations.csv.gz").read_bytes()
        assert z.read("datapackage.json") == (folder / "datapackage.json").read_bytes()
        z.extractall(folder.parent.parent / "unzipped")
    assert Package(str(folder.parent.parent / "unzipped" / "datapackage.json")).validate().valid
    with zipfile.ZipFile(data / "all-data.zip") as z:
        assert z.read("observations/observations.csv.gz") == (folder / "observations.csv.gz").read_bytes()
        assert not [n for n in z.namelist() if n.endswith(".parquet")]


def test_two_builds_give_the_same_bytes(large, tmp_path, monkeypatch):
    model, files, data, _ = large
    monkeypatch.setenv("LARGE_FILE_MB", THRESHOLD_MB)
    downloads._CACHE.clear()
    again, _ = build.download_files(build_model(validate_datasets(min_count=5).datasets), tmp_path)
    assert {k: blob.sha256(v) for k, v in again.items()} == {k: blob.sha256(v) for k, v in files.items()}


def test_an_extract_above_the_setting_is_gzipped_and_the_others_stay_plain_csv(large):
    model, files, data, made = large
    gz = sorted(p.name for p in (data / "chi-so").glob("*.csv.gz"))
    plain = sorted(p.name for p in (data / "chi-so").glob("*.csv"))
    assert gz and plain
    for name in gz:
        text = gzip.decompress((data / "chi-so" / name).read_bytes())
        assert len(text) > 20_000 and text.startswith(b"measure,indicator_id,")
        assert not (data / "chi-so" / name.removesuffix(".gz")).exists()
    assert all((data / "chi-so" / name).stat().st_size <= 20_000 for name in plain)
    ind = model.indicators[gz[0].removesuffix(".csv.gz")]
    assert pages.extract_link(made, ind, "vi", f"chi-so/{ind.id}") == \
        f"[CSV, gzip — số liệu của chỉ tiêu này](../data/chi-so/{ind.id}.csv.gz)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_dataset_page_says_what_is_published_with_sizes_and_hashes(large, lang):
    model, _, data, made = large
    page = pages.dataset_page(model, "observations", lang, made)
    folder = data / "observations"
    if lang == "vi":
        assert ("Bảng lớn hơn 0,02 MB (20.000 byte) được công bố dạng CSV nén gzip (`.csv.gz`) và dạng Parquet thay "
                "cho tệp CSV thường") in page
        assert "Tệp ZIP chứa nguyên tệp `.csv.gz`, không chứa tệp Parquet" in page
    else:
        assert ("Tables above 0.02 MB (20,000 bytes) are published as gzip-compressed CSV (`.csv.gz`) and as Parquet "
                "instead of a plain CSV file") in page
        assert "The ZIP holds the `.csv.gz` file as it is, not the Parquet file" in page
    for name in ("observations.csv.gz", "observations.parquet"):
        assert f"(../data/observations/{name})" in page
        assert f"<code>{sha256(folder / name)}</code>" in page
    assert "(../data/observations/observations.csv)" not in page
    assert "[CSV](../data/observations/measures.csv)" in page


def test_the_catalogue_lists_the_files_with_media_types_sizes_and_hashes(large):
    _, files, data, _ = large
    catalogue = json.loads(blob.read(files["data/catalog.jsonld"]))
    (obs,) = [d for d in catalogue["dcat:dataset"] if d["dct:identifier"] == "observations"]
    dists = {d["dcat:downloadURL"]["@id"].split("/data/", 1)[1]: d for d in obs["dcat:distribution"]}
    assert "observations/observations.csv" not in dists
    gz, parquet = dists["observations/observations.csv.gz"], dists["observations/observations.parquet"]
    assert gz["dcat:mediaType"]["@id"].endswith("/text/csv")
    assert gz["dcat:compressFormat"]["@id"].endswith("/application/gzip")
    assert parquet["dcat:mediaType"]["@id"].endswith("/application/vnd.apache.parquet")
    assert "dcat:compressFormat" not in parquet
    sdmx = dists["observations/sdmx/observations.sdmx.csv.gz"]
    assert sdmx["dct:description"] == "SDMX-CSV 2.0, gzip: application/vnd.sdmx.data+csv;version=2.0.0"
    assert sdmx["dcat:compressFormat"]["@id"].endswith("/application/gzip")
    for rel, dist in dists.items():
        path = data / rel
        assert dist["dcat:byteSize"]["@value"] == str(path.stat().st_size), rel
        assert dist["spdx:checksum"]["spdx:checksumValue"]["@value"] == sha256(path), rel


def test_a_file_changed_after_validation_is_never_published_compressed(tmp_path, monkeypatch):
    import shutil

    from scripts.paths import DATASETS

    monkeypatch.setenv("LARGE_FILE_MB", THRESHOLD_MB)
    shutil.copytree(DATASETS / "child-protection-channels", tmp_path / "child-protection-channels")
    ds = validate_datasets([tmp_path / "child-protection-channels"], min_count=5).datasets["child-protection-channels"]
    name = next(iter(ds.hashes))
    ds.sizes[name] = 10**9  # large, so that it is streamed into .csv.gz
    ds.files[name].write_bytes(ds.files[name].read_bytes() + b"\n")
    downloads._CACHE.clear()
    with pytest.raises(downloads.IntegrityError):
        downloads.dataset_files(ds, "https://example.org/", tmp_path / "cache")
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    downloads._CACHE.clear()


@pytest.mark.xdist_group("build")
def test_a_site_with_large_tables_builds_strict_and_links_only_files_it_has(tmp_path, monkeypatch):
    """The whole build with the 20,000-byte threshold: mkdocs --strict refuses a link to a file that is not there
    (an extract or a table still linked as .csv), and the built pages link the compressed files."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from sitebuild import build_project, make_project

    monkeypatch.setenv("LARGE_FILE_MB", THRESHOLD_MB)
    downloads._CACHE.clear()
    site = build_project(make_project(tmp_path / "project"))
    downloads._CACHE.clear()
    gz = sorted(p.name for p in (site / "data" / "chi-so").glob("*.csv.gz"))
    assert gz
    indicator = gz[0].removesuffix(".csv.gz")
    for page in (f"chi-so/{indicator}/index.html", f"en/bieu-do/{indicator}/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert f"data/chi-so/{indicator}.csv.gz" in text and f"data/chi-so/{indicator}.csv\"" not in text, page
    text = (site / "chi-so" / indicator / "index.html").read_text(encoding="utf-8")
    assert "data/observations/observations.csv.gz" in text and "data/observations/observations.parquet" in text
    assert not (site / "data" / "observations" / "observations.csv").exists()
