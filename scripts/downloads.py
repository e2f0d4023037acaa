"""Download files for every dataset: the validated CSV bytes, XLSX, JSON, a ZIP per dataset and one of everything.

Stable URLs: /data/<dataset>/<resource>.csv|.xlsx|.json, /data/<dataset>/<dataset>.zip, /data/all-data.zip,
/data/<dataset>/datapackage.json (with bytes and sha256 hash of every resource).
Every writer is deterministic (fixed timestamps, sorted keys) so two builds give the same bytes.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from scripts.validate import Dataset

ZIP_DATE = (2021, 1, 7, 0, 0, 0)  # the date of Decision 23/QĐ-TTg: a fixed, meaningful timestamp
LICENCE = """Dữ liệu này được cấp phép Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0).
This data is licensed under Creative Commons Attribution 4.0 International (CC BY 4.0).
https://creativecommons.org/licenses/by/4.0/

Khi dùng lại, hãy ghi công dự án và các nguồn gốc được liệt kê trong datapackage.json (sources) và trong cột nguồn
của từng dòng. When reusing, credit the project and the upstream sources listed in datapackage.json (sources) and
in each row's source column.
"""


class IntegrityError(Exception):
    """A file to publish is not byte-identical to the file that was validated."""


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def published_descriptor(ds: Dataset) -> dict:
    d = json.loads(json.dumps(ds.descriptor))
    for r in d.get("resources", []):
        name = r.get("name")
        if name in ds.hashes:
            r["bytes"] = ds.sizes[name]
            r["hash"] = f"sha256:{ds.hashes[name]}"
        r.get("schema", {}).pop("externalForeignKeys", None)
    return d


def verified_bytes(ds: Dataset, resource: str) -> bytes:
    data = ds.files[resource].read_bytes()
    if hashlib.sha256(data).hexdigest() != ds.hashes[resource]:
        raise IntegrityError(f"{ds.name}/{resource}: the file changed after validation")
    return data


def xlsx_bytes(ds: Dataset, resource: dict) -> bytes:
    """A workbook with the data (typed numbers), a sheet describing the fields, and the source and licence."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    name = resource["name"]
    df = ds.tables[name].df
    fields = {f["name"]: f for f in (resource.get("schema") or {}).get("fields", [])}
    wb = Workbook()
    ws = wb.active
    ws.title = name[:31]
    ws.append(list(df.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    numeric = {c: fields.get(c, {}).get("type") in ("number", "integer") for c in df.columns}
    for row in df.itertuples(index=False):
        out = []
        for col, value in zip(df.columns, row):
            if numeric[col] and value != "":
                try:
                    out.append(int(value) if fields[col]["type"] == "integer" else float(value))
                    continue
                except ValueError:
                    pass
            out.append(value)  # text stays text: validation refused formula-like cells
        ws.append(out)
    ws.freeze_panes = "A2"
    info = wb.create_sheet("fields")
    info.append(["name", "type", "title", "title_en", "description", "description_en"])
    for f in fields.values():
        info.append([f.get("name"), f.get("type", "string"), f.get("title", ""), f.get("title_en", ""),
                     f.get("description", ""), f.get("description_en", "")])
    about = wb.create_sheet("source")
    d = ds.descriptor
    about.append(["dataset", d.get("name")])
    about.append(["title", d.get("title")])
    about.append(["title_en", d.get("title_en")])
    about.append(["version", d.get("version")])
    about.append(["licence", "CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/"])
    for s in d.get("sources") or []:
        about.append(["source", s.get("title", ""), s.get("path", "")])
    wb.properties.creator = "tre-em-ninh-thuan"
    import datetime as _dt
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
                import re
                content = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                                 b'<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-07T00:00:00Z</dcterms:modified>',
                                 content)
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


def dataset_files(ds: Dataset) -> dict[str, bytes]:
    """Every download of one dataset, by file name under /data/<dataset>/."""
    files: dict[str, bytes] = {}
    descriptor = published_descriptor(ds)
    bundle: dict[str, bytes] = {"datapackage.json": dumps(descriptor).encode("utf-8"), "LICENSE.txt": LICENCE.encode("utf-8")}
    readme = ds.folder / "README.md"
    if readme.is_file():
        bundle["README.md"] = readme.read_bytes()
    for r in ds.descriptor.get("resources", []):
        name = r["name"]
        if name not in ds.tables:
            continue
        csv = verified_bytes(ds, name)
        files[f"{name}.csv"] = csv
        bundle[f"data/{name}.csv"] = csv
        files[f"{name}.xlsx"] = xlsx_bytes(ds, r)
        files[f"{name}.json"] = json_bytes(ds, r)
    files["datapackage.json"] = bundle["datapackage.json"]
    files[f"{ds.name}.zip"] = zip_bytes(bundle)
    return files


def all_data_zip(datasets: dict[str, Dataset], per_dataset: dict[str, dict[str, bytes]]) -> bytes:
    files = {"LICENSE.txt": LICENCE.encode("utf-8")}
    for name, ds in datasets.items():
        for fname, data in per_dataset[name].items():
            if fname.endswith(".csv") or fname == "datapackage.json":
                files[f"{name}/{'data/' if fname.endswith('.csv') else ''}{fname}"] = data
        readme = ds.folder / "README.md"
        if readme.is_file():
            files[f"{name}/README.md"] = readme.read_bytes()
    return zip_bytes(files)


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
