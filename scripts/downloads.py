"""Download files for every dataset: the validated CSV bytes, XLSX, JSON, a ZIP per dataset and one of everything.

Stable URLs: /data/<dataset>/<resource>.csv|.xlsx|.json, /data/<dataset>/<dataset>.zip, /data/all-data.zip,
/data/<dataset>/datapackage.json (with bytes and sha256 hash of every resource, and paths that work where it lies).
A dataset's ZIP holds exactly the files of /data/<dataset>/ that make the data package (datapackage.json and the
CSVs), plus README.md and LICENSE.txt, so its datapackage.json is byte-identical to the published one.

A large resource (its CSV above LARGE_FILE_MB, 10 MB unless the environment says otherwise) is published as
<resource>.csv.gz (gzip, deterministic) and <resource>.parquet instead of the plain CSV, so that a national-scale site
stays within what GitHub Pages accepts (1 GB a site, 100 MB a file). Its datapackage.json names the .csv.gz as the
resource's path (`compression: gz`; frictionless reads it as it is, and checks `bytes` and `hash` on the compressed
file) and lists the Parquet file under `alternates` with its own bytes and hash. The ZIP then holds the .csv.gz as it
is (stored, not compressed twice), so it stays a complete data package; the Parquet file, the same rows again, is not
in it. Such a file is made straight into the cache by streaming (scripts/blob.py), never held whole in memory.
Every writer is deterministic (fixed timestamps, sorted keys) so two builds give the same bytes.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

from scripts import blob, facts, routes
from scripts.blob import Data
from scripts.cache import cached, cached_file  # the one cache (scripts/cache.py), keyed by the code and the recipe
from scripts.validate import Dataset

ZIP_DATE = (2021, 1, 7, 0, 0, 0)  # the date of Decision 23/QĐ-TTg: a fixed, meaningful timestamp
LICENCE = """Dữ liệu này được cấp phép Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0).
This data is licensed under Creative Commons Attribution 4.0 International (CC BY 4.0).
https://creativecommons.org/licenses/by/4.0/

Khi dùng lại, hãy ghi công dự án và các nguồn gốc được liệt kê trong datapackage.json (sources) và trong cột nguồn
của từng dòng. When reusing, credit the project and the upstream sources listed in datapackage.json (sources) and
in each row's source column.
"""
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARQUET_MEDIA = "application/vnd.apache.parquet"
# The one size setting: a published CSV above this many megabytes (1,000,000 bytes) is published compressed instead
# (a resource as .csv.gz and Parquet, an indicator's extract as .csv.gz, the SDMX files of such a table as SDMX-CSV in
# .gz). LARGE_FILE_MB in the environment overrides it.
LARGE_FILE_MB = 10


def large_file_bytes() -> int:
    return int(float(os.environ.get("LARGE_FILE_MB") or LARGE_FILE_MB) * 1_000_000)


def is_large(ds: Dataset, resource: str) -> bool:
    """Whether a resource's CSV is above the size setting (then published as .csv.gz and Parquet)."""
    return ds.sizes.get(resource, 0) > large_file_bytes()


def published_names(ds: Dataset, resource: str) -> list[str]:
    """The files that publish a resource's rows under /data/<dataset>/, the one datapackage.json names first."""
    return [f"{resource}.csv.gz", f"{resource}.parquet"] if is_large(ds, resource) else [f"{resource}.csv"]


class IntegrityError(Exception):
    """A file to publish is not byte-identical to the file that was validated."""


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dataset_url(ds: Dataset, site_url: str, lang: str = "vi") -> str:
    return routes.page_url(site_url, routes.dataset_page(ds.name), lang)


def published_descriptor(ds: Dataset, site_url: str, files: dict[str, Data] | None = None) -> dict:
    """The descriptor as published in /data/<dataset>/: each resource's path is the CSV next to it, with its size
    (bytes) and sha256 (hash) as validated; a large resource's path is its .csv.gz (`files` holds it and the
    Parquet file), with their sizes and hashes; the project-only externalForeignKeys are left out."""
    d = json.loads(json.dumps(ds.descriptor))
    for r in d.get("resources", []):
        name = r.get("name")
        if name in ds.hashes and files is not None and f"{name}.csv.gz" in files:
            gz, parquet = files[f"{name}.csv.gz"], files.get(f"{name}.parquet")
            r["path"] = f"{name}.csv.gz"
            r["compression"] = "gz"
            r["bytes"] = blob.size(gz)
            r["hash"] = f"sha256:{blob.sha256(gz)}"
            if parquet is not None:  # an earlier release's table (scripts/releases.py) has none
                r["alternates"] = [{"path": f"{name}.parquet", "format": "parquet", "mediatype": PARQUET_MEDIA,
                                    "bytes": blob.size(parquet), "hash": f"sha256:{blob.sha256(parquet)}"}]
        elif name in ds.hashes:
            r["path"] = f"{name}.csv"
            r["bytes"] = ds.sizes[name]
            r["hash"] = f"sha256:{ds.hashes[name]}"
        if isinstance(r.get("schema"), dict):
            r["schema"].pop("externalForeignKeys", None)
    d["homepage"] = dataset_url(ds, site_url)
    return d


def verified_bytes(ds: Dataset, resource: str) -> bytes:
    data = ds.files[resource].read_bytes()
    if hashlib.sha256(data).hexdigest() != ds.hashes[resource]:
        raise IntegrityError(f"{ds.name}/{resource}: the file changed after validation")
    return data


def verified_chunks(ds: Dataset, resource: str):
    """The validated file in chunks, read once; IntegrityError at the end if it is not what was validated."""
    h = hashlib.sha256()
    for chunk in blob.file_chunks(ds.files[resource]):
        h.update(chunk)
        yield chunk
    if h.hexdigest() != ds.hashes[resource]:
        raise IntegrityError(f"{ds.name}/{resource}: the file changed after validation")


def csv_gz_file(ds: Dataset, resource: str, disk_cache: Path | None) -> Path:
    """The resource's validated CSV, gzipped on the way from its file to the cache (never read whole)."""
    return cached_file(f"csv.gz|{ds.hashes[resource]}", lambda path: blob.gzip_into(verified_chunks(ds, resource),
                                                                                     path), disk_cache)


def gzip_release_csv(sha256: str, data, disk_cache: Path | None) -> Path:
    """A CSV read from an earlier release (`data()` gives its bytes, whose sha256 is given), gzipped into the cache:
    the same entry as csv_gz_file's for the same content."""
    return cached_file(f"csv.gz|{sha256}", lambda path: blob.gzip_into([data()], path), disk_cache)


def parquet_file(ds: Dataset, resource: dict, disk_cache: Path | None) -> Path:
    """The resource's rows as Parquet (zstd): integer, number and boolean fields typed where every cell reads as
    one (a missing value is null), every other column text exactly as validated."""
    name = resource["name"]
    recipe = json.dumps(["parquet", ds.hashes[name], resource.get("schema")], sort_keys=True, ensure_ascii=False)
    return cached_file(recipe, lambda path: _write_parquet(ds.tables[name].df, resource, path), disk_cache)


def _write_parquet(df, resource: dict, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    schema = resource.get("schema") or {}
    kinds = {f.get("name"): f.get("type") for f in schema.get("fields") or [] if isinstance(f, dict)}
    missing = schema.get("missingValues", [""])
    target = {"integer": pa.int64(), "number": pa.float64(), "year": pa.int64()}
    columns = {}
    for column in df.columns:
        text = pa.array(df[column].astype(str), type=pa.string()) if df[column].dtype == object else \
            pa.Array.from_pandas(df[column]).cast(pa.string())
        kind = kinds.get(column)
        blank = pc.is_in(text, value_set=pa.array(missing, type=pa.string()))
        cells = pc.if_else(blank, pa.scalar(None, pa.string()), text)
        try:
            if kind in target:
                columns[column] = pc.cast(cells, target[kind])
            elif kind == "boolean":
                lowered = pc.utf8_lower(cells)
                if not pc.all(pc.or_kleene(pc.is_null(lowered), pc.is_in(lowered, value_set=pa.array(
                        ["true", "false"])))).as_py():
                    raise ValueError(column)
                columns[column] = pc.equal(lowered, "true")
            else:
                columns[column] = pc.dictionary_encode(text)
        except (pa.ArrowInvalid, ValueError):
            columns[column] = pc.dictionary_encode(text)
    pq.write_table(pa.table(columns), path, compression="zstd")


def citations(ds: Dataset, site_url: str) -> dict[str, str]:
    """The dataset's citation as one line of plain text, in Vietnamese and English."""
    return {lang: facts.citation_text(facts.citation(ds.descriptor, lang, dataset_url(ds, site_url, lang)), lang)
            for lang in ("vi", "en")}


def licence_text(ds: Dataset, site_url: str) -> str:
    c = citations(ds, site_url)
    return f"{LICENCE}\nTrích dẫn / Cite as:\n{c['vi']}\n{c['en']}\n"


def readme_bytes(ds: Dataset, site_url: str) -> bytes:
    """The dataset's own README.md, byte for byte as the validator read it (never read again from the folder, where
    it could since have become a link to anything); a short generated one when it has none."""
    if "README.md" in ds.texts:
        return ds.texts["README.md"]
    d = ds.descriptor
    c = citations(ds, site_url)
    text = (f"# {d.get('title') or ds.name}\n\n{d.get('description') or ''}\n\n## {d.get('title_en') or ds.name}\n\n"
            f"{d.get('description_en') or ''}\n\n## Trích dẫn / Cite as\n\n{c['vi']}\n\n{c['en']}\n")
    return text.encode("utf-8")


def _text_cells(ws, row: int) -> None:
    """Text that starts with '=' stays text: openpyxl would otherwise write it as a formula."""
    for cell in ws[row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def xlsx_bytes(ds: Dataset, resource: dict, site_url: str) -> bytes:
    """A workbook with the data (typed numbers), a sheet describing the fields, and a sheet with the source,
    citation and licence (also in the workbook's properties)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    name = resource["name"]
    df = ds.tables[name].df
    fields = {f["name"]: f for f in (resource.get("schema") or {}).get("fields", []) if isinstance(f, dict)}
    d = ds.descriptor
    cite = citations(ds, site_url)
    lic_name, lic_url = facts.licence(d)
    wb = Workbook()
    ws = wb.active
    ws.title = name[:31]
    ws.append(list(df.columns))
    _text_cells(ws, 1)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    numeric = {c: fields.get(c, {}).get("type") in ("number", "integer") for c in df.columns}
    row_number = 1
    for row in df.itertuples(index=False):
        out = []
        for col, value in zip(df.columns, row):
            if numeric[col] and value != "":
                try:
                    out.append(int(value) if fields[col]["type"] == "integer" else float(value))
                    continue
                except ValueError:
                    pass
            out.append(value)  # text stays text: validation refused formula-like cells, _text_cells makes sure
        ws.append(out)
        row_number += 1
        for column, value in enumerate(out, 1):  # only this row's cells: ws[row] scans the whole sheet
            if isinstance(value, str) and value.startswith("="):
                ws.cell(row=row_number, column=column).data_type = "s"
    ws.freeze_panes = "A2"
    info = wb.create_sheet("fields")
    info.append(["name", "type", "title", "title_en", "description", "description_en"])
    for f in fields.values():
        info.append([f.get("name"), f.get("type", "string"), f.get("title", ""), f.get("title_en", ""),
                     f.get("description", ""), f.get("description_en", "")])
        _text_cells(info, info.max_row)
    about = wb.create_sheet("source")
    rows = [["Trích dẫn / Cite as", cite["vi"]], ["", cite["en"]],
            ["Giấy phép / Licence", f"{lic_name} — {lic_url}"],
            ["Trang / Page", dataset_url(ds, site_url)],
            ["Bộ dữ liệu / Dataset", d.get("name")], ["title", d.get("title")], ["title_en", d.get("title_en")],
            ["version", d.get("version")], ["date", facts.modified(d)],
            ["publisher", facts.publisher(d, "vi")], ["resource", name],
            ["rows", len(df)], ["sha256 (CSV)", ds.hashes.get(name, "")]]
    rows += [["source", s.get("title", ""), s.get("path", "")] for s in d.get("sources") or [] if isinstance(s, dict)]
    for r in rows:
        about.append(r)
        _text_cells(about, about.max_row)
    for cell in about["A"]:
        cell.font = Font(bold=True)
    about["B3"].hyperlink = lic_url
    about["B4"].hyperlink = dataset_url(ds, site_url)
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 120
    wb.properties.creator = facts.publisher(d, "vi")
    wb.properties.title = str(d.get("title") or name)
    wb.properties.description = f"{cite['vi']} {cite['en']}"
    wb.properties.subject = f"{lic_name} {lic_url}"
    fixed = _dt.datetime(*ZIP_DATE)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP (an .xlsx is one) with fixed timestamps and order, so the bytes are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # keep the element (it declares its own namespaces), fix only the time openpyxl took from the clock
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2021-01-07T00:00:00Z\g<2>", content)
            zi = zipfile.ZipInfo(info.filename, ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, content)
    return out.getvalue()


def json_bytes(ds: Dataset, resource: dict) -> bytes:
    df = ds.tables[resource["name"]].df
    fields = {f["name"]: f.get("type", "string") for f in (resource.get("schema") or {}).get("fields", [])}

    def typed(col, value):
        if value == "":
            return None
        kind = fields.get(col)
        try:
            if kind == "integer":
                return int(value)
            if kind == "number":
                return float(value)
        except ValueError:
            return value
        if kind == "boolean":
            return value.lower() == "true"
        return value

    rows = [{c: typed(c, v) for c, v in zip(df.columns, r)} for r in df.itertuples(index=False)]
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def zip_bytes(files: dict[str, Data]) -> bytes:
    out = io.BytesIO()
    _write_zip(out, files)
    return out.getvalue()


def _write_zip(out, files: dict[str, Data]) -> None:
    """A ZIP of `files` in name order with fixed dates; a member that is already compressed (.gz, .parquet) is stored
    as it is, and a member on disk is copied in by streaming."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            zi = zipfile.ZipInfo(name, ZIP_DATE)
            zi.compress_type = zipfile.ZIP_STORED if name.endswith((".gz", ".parquet")) else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            data = files[name]
            if isinstance(data, Path):
                with open(data, "rb") as src, z.open(zi, "w") as dst:
                    shutil.copyfileobj(src, dst, blob.CHUNK)
            else:
                z.writestr(zi, data)


def zip_of(files: dict[str, Data], disk_cache: Path | None) -> Data:
    """The ZIP of `files`, cached by its members' sha256 (a member that changed not, is not read again): bytes, or a
    file in the cache when a member is one (a large resource)."""
    members = json.dumps({k: blob.sha256(v) for k, v in sorted(files.items())})
    if any(isinstance(v, Path) for v in files.values()):
        def make(path: Path) -> None:
            with open(path, "wb") as out:
                _write_zip(out, files)
        return cached_file(f"zip|{members}", make, disk_cache)
    return cached(members, lambda: zip_bytes(files), disk_cache)


_CACHE: dict[tuple, dict[str, Data]] = {}
# Spreadsheet and JSON copies of very large tables are not made (Excel stops at 1,048,576 rows; a JSON of millions
# of rows helps nobody): the CSV, the ZIP and the per-indicator extracts cover them.
XLSX_MAX_ROWS = 200_000
JSON_MAX_ROWS = 500_000
TEMPLATE_MAX_ROWS = 100_000  # an Excel template carries the current rows; above this staff work on CSV instead


def has_template(ds: Dataset) -> bool:
    """Whether the build makes the dataset's Excel template (/mau-excel/<dataset>.xlsx)."""
    return sum(len(t.df) for t in ds.tables.values()) <= TEMPLATE_MAX_ROWS


def dataset_files(ds: Dataset, site_url: str, disk_cache: Path | None = None) -> dict[str, Data]:
    """Every download of one dataset, by file name under /data/<dataset>/ (the ZIP as <dataset>.zip): bytes, or the
    path of a file in the cache for a large resource's .csv.gz and Parquet (and a ZIP holding one).

    Built once per content (the descriptor and the validated hashes), so the catalogue and the pages can ask again;
    the XLSX, JSON and ZIP also kept in `disk_cache` from one build to the next."""
    key = (ds.name, str(ds.folder), json.dumps(ds.descriptor, sort_keys=True, ensure_ascii=False),
           tuple(sorted(ds.hashes.items())), hashlib.sha256(readme_bytes(ds, site_url)).hexdigest(), site_url,
           large_file_bytes())
    if key in _CACHE:
        return dict(_CACHE[key])
    files: dict[str, Data] = {}
    for r in ds.descriptor.get("resources", []):
        name = r.get("name") if isinstance(r, dict) else None
        if name not in ds.tables or name not in ds.hashes:
            continue
        if is_large(ds, name):
            files[f"{name}.csv.gz"] = csv_gz_file(ds, name, disk_cache)
            files[f"{name}.parquet"] = parquet_file(ds, r, disk_cache)
        else:
            files[f"{name}.csv"] = verified_bytes(ds, name)
        rows = len(ds.tables[name].df)
        recipe = json.dumps([r, ds.hashes[name], site_url, citations(ds, site_url)], sort_keys=True, ensure_ascii=False)
        if rows <= XLSX_MAX_ROWS:
            files[f"{name}.xlsx"] = cached(f"{recipe}|xlsx", lambda: xlsx_bytes(ds, r, site_url), disk_cache)
        if rows <= JSON_MAX_ROWS:
            files[f"{name}.json"] = cached(f"{recipe}|json", lambda: json_bytes(ds, r), disk_cache)
    files = {"datapackage.json": dumps(published_descriptor(ds, site_url, files)).encode("utf-8"), **files}
    files[f"{ds.name}.zip"] = zip_of(bundle(ds, files, site_url), disk_cache)
    _CACHE[key] = dict(files)
    return files


def bundle(ds: Dataset, files: dict[str, Data], site_url: str) -> dict[str, Data]:
    """What a dataset's ZIP holds: datapackage.json and the files it names as resources exactly as published (each
    CSV, or a large resource's .csv.gz), README.md and LICENSE.txt."""
    out = {f: data for f, data in files.items() if f == "datapackage.json" or f.endswith((".csv", ".csv.gz"))}
    out["README.md"] = readme_bytes(ds, site_url)
    out["LICENSE.txt"] = licence_text(ds, site_url).encode("utf-8")
    return out


def all_data_zip(datasets: dict[str, Dataset], per_dataset: dict[str, dict[str, Data]], site_url: str,
                 disk_cache: Path | None = None) -> Data:
    """Every dataset's ZIP content under a folder named after the dataset, and the licence at the top."""
    files: dict[str, Data] = {"LICENSE.txt": LICENCE.encode("utf-8")}
    for name, ds in datasets.items():
        for fname, data in bundle(ds, per_dataset[name], site_url).items():
            files[f"{name}/{fname}"] = data
    return zip_of(files, disk_cache) if disk_cache is not None else zip_bytes(files)


def write(folder: Path, files: dict[str, Data]) -> None:
    for name, data in files.items():
        path = folder / name
        if not blob.same(data, path):
            blob.write(data, path)
