"""Download files for every dataset: the validated CSV bytes, XLSX, JSON, a ZIP per dataset and one of everything.

Stable URLs: /data/<dataset>/<resource>.csv|.xlsx|.json, /data/<dataset>/<dataset>.zip, /data/all-data.zip,
/data/<dataset>/datapackage.json (with bytes and sha256 hash of every resource, and paths that work where it lies).
A dataset's ZIP holds exactly the files of /data/<dataset>/ that make the data package (datapackage.json and the
CSVs), plus README.md and LICENSE.txt, so its datapackage.json is byte-identical to the published one.
Every writer is deterministic (fixed timestamps, sorted keys) so two builds give the same bytes.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from scripts import facts, routes
from scripts.cache import cached  # the one cache (scripts/cache.py), keyed by the code and the recipe
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


class IntegrityError(Exception):
    """A file to publish is not byte-identical to the file that was validated."""


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dataset_url(ds: Dataset, site_url: str, lang: str = "vi") -> str:
    return routes.page_url(site_url, routes.dataset_page(ds.name), lang)


def published_descriptor(ds: Dataset, site_url: str) -> dict:
    """The descriptor as published in /data/<dataset>/: each resource's path is the CSV next to it, with its size
    (bytes) and sha256 (hash) as validated; the project-only externalForeignKeys are left out."""
    d = json.loads(json.dumps(ds.descriptor))
    for r in d.get("resources", []):
        name = r.get("name")
        if name in ds.hashes:
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


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            zi = zipfile.ZipInfo(name, ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, files[name])
    return out.getvalue()


_CACHE: dict[tuple, dict[str, bytes]] = {}
# Spreadsheet and JSON copies of very large tables are not made (Excel stops at 1,048,576 rows; a JSON of millions
# of rows helps nobody): the CSV, the ZIP and the per-indicator extracts cover them.
XLSX_MAX_ROWS = 200_000
JSON_MAX_ROWS = 500_000
TEMPLATE_MAX_ROWS = 100_000  # an Excel template carries the current rows; above this staff work on CSV instead


def has_template(ds: Dataset) -> bool:
    """Whether the build makes the dataset's Excel template (/mau-excel/<dataset>.xlsx)."""
    return sum(len(t.df) for t in ds.tables.values()) <= TEMPLATE_MAX_ROWS


def dataset_files(ds: Dataset, site_url: str, disk_cache: Path | None = None) -> dict[str, bytes]:
    """Every download of one dataset, by file name under /data/<dataset>/ (the ZIP as <dataset>.zip).

    Built once per content (the descriptor and the validated hashes), so the catalogue and the pages can ask again;
    the XLSX, JSON and ZIP also kept in `disk_cache` from one build to the next."""
    key = (ds.name, str(ds.folder), json.dumps(ds.descriptor, sort_keys=True, ensure_ascii=False),
           tuple(sorted(ds.hashes.items())), hashlib.sha256(readme_bytes(ds, site_url)).hexdigest(), site_url)
    if key in _CACHE:
        return dict(_CACHE[key])
    files: dict[str, bytes] = {"datapackage.json": dumps(published_descriptor(ds, site_url)).encode("utf-8")}
    for r in ds.descriptor.get("resources", []):
        name = r.get("name") if isinstance(r, dict) else None
        if name not in ds.tables or name not in ds.hashes:
            continue
        files[f"{name}.csv"] = verified_bytes(ds, name)
        rows = len(ds.tables[name].df)
        recipe = json.dumps([r, ds.hashes[name], site_url, citations(ds, site_url)], sort_keys=True, ensure_ascii=False)
        if rows <= XLSX_MAX_ROWS:
            files[f"{name}.xlsx"] = cached(f"{recipe}|xlsx", lambda: xlsx_bytes(ds, r, site_url), disk_cache)
        if rows <= JSON_MAX_ROWS:
            files[f"{name}.json"] = cached(f"{recipe}|json", lambda: json_bytes(ds, r), disk_cache)
    zip_files = bundle(ds, files, site_url)
    members = json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in sorted(zip_files.items())})
    files[f"{ds.name}.zip"] = cached(members, lambda: zip_bytes(zip_files), disk_cache)
    _CACHE[key] = dict(files)
    return files


def bundle(ds: Dataset, files: dict[str, bytes], site_url: str) -> dict[str, bytes]:
    """What a dataset's ZIP holds: datapackage.json and the CSVs exactly as published, README.md and LICENSE.txt."""
    out = {f: data for f, data in files.items() if f == "datapackage.json" or f.endswith(".csv")}
    out["README.md"] = readme_bytes(ds, site_url)
    out["LICENSE.txt"] = licence_text(ds, site_url).encode("utf-8")
    return out


def all_data_zip(datasets: dict[str, Dataset], per_dataset: dict[str, dict[str, bytes]], site_url: str) -> bytes:
    """Every dataset's ZIP content under a folder named after the dataset, and the licence at the top."""
    files = {"LICENSE.txt": LICENCE.encode("utf-8")}
    for name, ds in datasets.items():
        for fname, data in bundle(ds, per_dataset[name], site_url).items():
            files[f"{name}/{fname}"] = data
    return zip_bytes(files)


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
