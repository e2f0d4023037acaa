"""Machine-readable outputs and the facts they share with the pages: the site's address (read once from mkdocs.yml),
each dataset's publisher, release dates, years covered and citation, the Atom feed of data releases, the DCAT-AP 3
catalogue, and the per-indicator CSV extracts.

Every output is deterministic: dates come from the datasets' changelogs, never from the clock.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import date
from pathlib import Path

from scripts import blob
from scripts.model import Indicator, Model
from scripts.paths import MKDOCS_YML

PROJECT = {"vi": "Dự án dữ liệu mở Chương trình hành động vì trẻ em Ninh Thuận",
           "en": "Ninh Thuận Children's Action Programme open-data project"}
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FIXED_DATE = "2021-01-07"  # Decision 23/QĐ-TTg: the date used when a dataset has no dated release


def read_site_url(path: Path = MKDOCS_YML) -> str:
    """The site's absolute address from mkdocs.yml `site_url`, always ending in '/'. Read once, into SITE_URL."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !!python/... tags, never run them
    config = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=Loader) or {}
    url = str(config.get("site_url") or "")
    if not re.match(r"^https?://[^\s<>\"']+$", url):
        raise ValueError(f"{path}: site_url must be an absolute http(s) address, not {url!r}")
    return url if url.endswith("/") else url + "/"


SITE_URL = read_site_url()


def page_url(path: str, lang: str = "vi") -> str:
    """Absolute address of a page or file: page_url('bo-du-lieu/observations/', 'en')."""
    return SITE_URL + ("en/" if lang == "en" else "") + path.lstrip("/")


def file_url(path: str) -> str:
    """Absolute address of a file under docs/ (downloads and charts are shared by both languages)."""
    return SITE_URL + path.lstrip("/")


# --- facts about a dataset ----------------------------------------------------------------------------------------
def _iso(value) -> str:
    text = str(value or "")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def release_dates(descriptor: dict) -> list[str]:
    """The valid ISO dates of the changelog, oldest first."""
    changes = descriptor.get("changelog") if isinstance(descriptor.get("changelog"), list) else []
    return sorted({d for c in changes if isinstance(c, dict) for d in [_iso(c.get("date"))] if d})


def modified(descriptor: dict) -> str:
    dates = release_dates(descriptor)
    return dates[-1] if dates else ""


def issued(descriptor: dict) -> str:
    dates = release_dates(descriptor)
    return dates[0] if dates else ""


def publisher(descriptor: dict, lang: str) -> str:
    """The contributor with role 'publisher', else the project; in English when the project is the publisher."""
    for c in descriptor.get("contributors") or []:
        if isinstance(c, dict) and c.get("role") == "publisher" and c.get("title"):
            title = str(c["title"])
            if lang == "en":
                return str(c.get("title_en") or (PROJECT["en"] if title == PROJECT["vi"] else title))
            return title
    return PROJECT[lang]


def licence(descriptor: dict) -> tuple[str, str]:
    """(name, url) of the dataset's first licence; CC BY 4.0 when it has none that we can link."""
    lic = (descriptor.get("licenses") or [{}])[0]
    lic = lic if isinstance(lic, dict) else {}
    url = str(lic.get("path") or "")
    if not re.match(r"^https?://[^\s<>\"']+$", url):
        url = LICENCE_URL
    name = str(lic.get("name") or lic.get("title") or "CC-BY-4.0")
    return ("CC BY 4.0" if name.upper().replace(" ", "-") == "CC-BY-4.0" else name), url


def data_years(ds) -> tuple[int, int] | None:
    """First and last year in the data: from fields named 'year' or typed year, date or datetime."""
    years: set[int] = set()
    for r in ds.descriptor.get("resources") or []:
        if not isinstance(r, dict) or r.get("name") not in ds.tables:
            continue
        df = ds.tables[r["name"]].df
        for f in (r.get("schema") or {}).get("fields") or []:
            if not isinstance(f, dict) or f.get("name") not in df.columns:
                continue
            kind = f.get("type")
            if kind in ("year", "date", "datetime") or (f.get("name") == "year" and kind == "integer"):
                for value in df[f["name"]].astype(str).str[:4].unique():  # distinct values only: millions of rows
                    if re.match(r"^\d{4}$", value) and 1900 <= int(value) <= 2100:
                        years.add(int(value))
    return (min(years), max(years)) if years else None


def citation(descriptor: dict, lang: str, url: str, title: str | None = None) -> dict[str, str]:
    """The parts of a citation: publisher, year (of the latest release), title, version, url, licence."""
    name, lic_url = licence(descriptor)
    when = modified(descriptor)
    return {"publisher": publisher(descriptor, lang), "year": when[:4] if when else "",
            "title": title if title is not None else str(descriptor.get("title_en" if lang == "en" else "title") or ""),
            "version": str(descriptor.get("version") or ""), "url": url, "licence": name, "licence_url": lic_url}


def citation_text(c: dict[str, str], lang: str) -> str:
    """One line of plain text (for README, LICENSE.txt and spreadsheets; pages escape it themselves)."""
    if lang == "en":
        return (f"{c['publisher']} ({c['year'] or 'n.d.'}). {c['title']} (version {c['version']}) [Data set]. "
                f"{c['url']} (accessed …). Licence: {c['licence']} ({c['licence_url']}).")
    return (f"{c['publisher']} ({c['year'] or 'không rõ năm'}). {c['title']} (phiên bản {c['version']}) [Bộ dữ liệu]. "
            f"{c['url']} (truy cập ngày …). Giấy phép: {c['licence']} ({c['licence_url']}).")


# --- per-indicator extracts ---------------------------------------------------------------------------------------
# The columns of the sources table joined into each extract row, so a journalist's CSV names every row's source.
EXTRACT_SOURCE_COLUMNS = {"source_publisher": "publisher_vi", "source_title": "title_vi", "source_title_en": "title_en",
                          "source_url": "url", "source_trust": "trust"}


def indicator_rows(model: Model, ind: Indicator):
    """The observation rows of one indicator, with the dataset's own columns and text exactly as validated, then
    the publisher, title, address and trust of each row's source."""
    import numpy as np

    table = model.datasets["observations"].tables["observations"].df
    # model.observations is sorted; its index labels are the positions in the file, so the rows keep the file's order.
    positions = model.observations.index.to_numpy()[model.index.get("indicator_id", {}).get(ind.id, [])]
    rows = table.iloc[np.sort(positions)]
    if "source_id" in rows and model.sources:
        ids = rows["source_id"]
        rows = rows.assign(**{column: ids.map({k: getattr(s, attr) for k, s in model.sources.items()}).fillna("")
                              for column, attr in EXTRACT_SOURCE_COLUMNS.items()})
    return rows


def csv_bytes(rows) -> bytes:
    # pandas writes text cells as the csv module would (minimal quoting, LF); all columns are strings as validated.
    return rows.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).encode("utf-8")


def extract_file(indicator_id: str, data: bytes) -> str:
    """The file name of an indicator's extract under /data/chi-so/: <id>.csv, or <id>.csv.gz when it was compressed
    (above downloads.LARGE_FILE_MB)."""
    return f"{indicator_id}.csv.gz" if data[:2] == b"\x1f\x8b" else f"{indicator_id}.csv"


def extract_name(model: Model, ind: Indicator) -> str:
    """The file name of an indicator's extract, as the build made it (or would make it)."""
    known = model.memo.get("extracts", {})
    if ind.id not in known:
        from scripts import downloads

        large = len(csv_bytes(indicator_rows(model, ind))) > downloads.large_file_bytes()
        known = model.memo.setdefault("extracts", {})
        known[ind.id] = f"{ind.id}.csv.gz" if large else f"{ind.id}.csv"
    return known[ind.id]



# --- Atom feed ----------------------------------------------------------------------------------------------------
def releases_atom(model: Model) -> bytes:
    """One entry per changelog line of every dataset (RFC 4287: id, title, updated on the feed and each entry)."""
    from feedgen.feed import FeedGenerator

    from scripts.pages import changelog_entries

    entries = changelog_entries(model)
    latest = max((_iso(c.get("date")) for c in entries), default="") or FIXED_DATE
    fg = FeedGenerator()
    fg.id(file_url("data/releases.atom"))
    fg.title("Trẻ em Ninh Thuận 2021–2030 — phát hành dữ liệu / data releases")
    fg.subtitle("Mỗi lần một bộ dữ liệu có phiên bản mới / Every new version of a dataset")
    fg.author({"name": PROJECT["vi"], "uri": SITE_URL})
    fg.link(href=page_url("moi-cap-nhat/"), rel="alternate", hreflang="vi")
    fg.link(href=page_url("moi-cap-nhat/", "en"), rel="alternate", hreflang="en")
    fg.link(href=file_url("data/releases.atom"), rel="self", type="application/atom+xml")
    fg.language("vi")
    fg.rights("CC BY 4.0 — " + LICENCE_URL)
    fg.updated(f"{latest}T00:00:00Z")
    for c in reversed(entries):  # feedgen prepends: the newest ends up first
        when = _iso(c.get("date")) or latest
        version = str(c.get("version", ""))
        fe = fg.add_entry()
        fe.id(f"{page_url('bo-du-lieu/' + c['dataset'] + '/')}#v{version}-{when}")
        fe.title(f"{c['title']} {version} / {c['title_en']} {version}")
        # One link only: feedgen 1.0.0 drops rel, type and hreflang of entry links, and a link without rel is
        # rel="alternate" (RFC 4287 4.2.7.2), of which an entry may have one per type and language.
        fe.link(href=page_url(f"bo-du-lieu/{c['dataset']}/"))
        fe.summary(f"{c.get('description', '')} / {c.get('description_en', '')}")
        fe.updated(f"{when}T00:00:00Z")
        fe.published(f"{when}T00:00:00Z")
    return fg.atom_str(pretty=True)


# --- DCAT-AP 3 catalogue ------------------------------------------------------------------------------------------
EU = "http://publications.europa.eu/resource/authority/"
FORMATS = {  # extension: (IANA media type, EU file type)
    "csv": ("text/csv", "CSV"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "json": ("application/json", "JSON"),
    "zip": ("application/zip", "ZIP"),
    "parquet": ("application/vnd.apache.parquet", "PARQUET"),
    # A compressed CSV: the media type of what it holds, with dcat:compressFormat (DCAT 2) naming gzip.
    "csv.gz": ("text/csv", "CSV"), "sdmx.csv.gz": ("text/csv", "SDMX"),
    # SDMX files: the registered type of their syntax; the SDMX media type is in each distribution's description.
    "sdmx.csv": ("text/csv", "SDMX"), "sdmx.json": ("application/json", "SDMX"), "sdmx.xml": ("application/xml", "SDMX"),
}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


FILE_LABELS = {"csv.gz": "CSV, gzip", "parquet": "Parquet"}


def _texts(vi: object, en: object) -> list[dict]:
    return [{"@value": str(v), "@language": lang} for v, lang in ((vi, "vi"), (en, "en")) if v]


def _node(iri: str, kind: str, **extra) -> dict:
    return {"@id": iri, "@type": kind, **extra}


def _date(value: str) -> dict:
    return {"@value": value, "@type": "xsd:date"}


def _agent(descriptor: dict) -> dict:
    name_vi, name_en = publisher(descriptor, "vi"), publisher(descriptor, "en")
    iri = SITE_URL + "#publisher" if name_vi == PROJECT["vi"] else \
        SITE_URL + "#agent-" + hashlib.sha256(name_vi.encode("utf-8")).hexdigest()[:12]
    return _node(iri, "foaf:Agent", **{"foaf:name": _texts(name_vi, name_en if name_en != name_vi else "")})


def _licence(descriptor: dict) -> dict:
    return _node(licence(descriptor)[1], "dct:LicenseDocument")


def _distribution(name: str, fname: str, title: str, data, descriptor: dict, when: str) -> dict:
    ext = next(e for e in sorted(FORMATS, key=len, reverse=True) if fname.endswith(f".{e}"))
    media, eu_type = FORMATS[ext]
    url = file_url(f"data/{name}/{fname}")
    dist = _node(f"{page_url(f'bo-du-lieu/{name}/')}#{fname}", "dcat:Distribution", **{
        "dct:title": title,
        "dcat:accessURL": _node(page_url(f"bo-du-lieu/{name}/"), "rdfs:Resource"),
        "dcat:downloadURL": _node(url, "rdfs:Resource"),
        "dcat:mediaType": _node(f"http://www.iana.org/assignments/media-types/{media}", "dct:MediaType"),
        "dct:format": _node(f"{EU}file-type/{eu_type}", "dct:MediaTypeOrExtent"),
        "dct:license": _licence(descriptor),
        "dcat:byteSize": {"@value": str(blob.size(data)), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {"@type": "spdx:Checksum",
                          "spdx:algorithm": _node("spdx:checksumAlgorithm_sha256", "spdx:ChecksumAlgorithm"),
                          "spdx:checksumValue": {"@value": blob.sha256(data), "@type": "xsd:hexBinary"}},
    })
    if fname.endswith(".gz"):
        dist["dcat:compressFormat"] = _node("http://www.iana.org/assignments/media-types/application/gzip",
                                            "dct:MediaType")
    if when:
        dist["dct:modified"] = _date(when)
    if ext == "zip":
        dist["dcat:packageFormat"] = _node(f"http://www.iana.org/assignments/media-types/{media}", "dct:MediaType")
    return dist


def catalog(model: Model, files: dict[str, dict[str, bytes]] | None = None) -> bytes:
    """The DCAT-AP 3 catalogue (JSON-LD) of every dataset and its downloads, with sizes and sha256 checksums."""
    from scripts import downloads
    from scripts.sdmx import outputs as sdmx_outputs

    files = files if files is not None else {n: downloads.dataset_files(ds) for n, ds in model.datasets.items()}
    languages = [_node(f"{EU}language/{code}", "dct:LinguisticSystem") for code in ("VIE", "ENG")]
    vietnam = _node(f"{EU}country/VNM", "dct:Location")
    datasets = []
    for name, ds in model.datasets.items():
        d = ds.descriptor
        when = modified(d)
        dists = []
        for r in d.get("resources") or []:
            if not isinstance(r, dict) or r.get("name") not in ds.tables:
                continue
            for ext in ("csv", "csv.gz", "parquet", "xlsx", "json"):
                fname = f"{r['name']}.{ext}"
                if fname in files.get(name, {}):
                    title = f"{r.get('title') or r['name']} ({FILE_LABELS.get(ext, ext.upper())})"
                    dists.append(_distribution(name, fname, title, files[name][fname], d, when))
        if f"{name}.zip" in files.get(name, {}):
            dists.append(_distribution(name, f"{name}.zip", f"{d.get('title') or name} (ZIP)", files[name][f"{name}.zip"], d, when))
        for fname, title, data, about in sdmx_outputs.distributions(model, name):  # issue 21: SDMX files
            dists.append({**_distribution(name, fname, f"{d.get('title') or name} ({title})", data, d, when),
                          "dct:description": about})
        entry = _node(f"{page_url(f'bo-du-lieu/{name}/')}#dataset", "dcat:Dataset", **{
            "dct:identifier": name,
            "dct:title": _texts(d.get("title") or name, d.get("title_en")),
            "dct:description": _texts(d.get("description") or d.get("title") or name, d.get("description_en")),
            "dcat:keyword": [{"@value": str(k), "@language": "vi"} for k in d.get("keywords") or [] if k],
            "dcat:version": str(d.get("version") or ""),
            "dct:publisher": _agent(d),
            "dct:creator": _agent(d),
            "dct:language": languages,
            "dct:spatial": vietnam,
            "dcat:landingPage": _node(page_url(f"bo-du-lieu/{name}/"), "foaf:Document"),
            "dcat:distribution": dists,
        })
        if when:
            entry["dct:modified"] = _date(when)
            entry["dct:issued"] = _date(issued(d))
        years = data_years(ds)
        if years:
            entry["dct:temporal"] = {"@type": "dct:PeriodOfTime",
                                     "dcat:startDate": _date(f"{years[0]}-01-01"), "dcat:endDate": _date(f"{years[1]}-12-31")}
        datasets.append(entry)
    latest = max((modified(ds.descriptor) for ds in model.datasets.values()), default="")
    doc = {"@context": CONTEXT, **_node(file_url("data/catalog.jsonld"), "dcat:Catalog", **{
        "dct:title": _texts("Dữ liệu mở Chương trình hành động vì trẻ em Ninh Thuận 2021–2030",
                            "Open data of the Ninh Thuận Children's Action Programme 2021–2030"),
        "dct:description": _texts("Các bộ dữ liệu về mục tiêu, chỉ tiêu và số liệu trẻ em của Chương trình hành động quốc gia "
                                  "vì trẻ em 2021–2030 tại Ninh Thuận, mỗi số liệu có nguồn.",
                                  "Datasets of the goals, indicators and sourced figures of the National Action Programme "
                                  "for Children 2021–2030 in Ninh Thuận."),
        "dct:publisher": _node(SITE_URL + "#publisher", "foaf:Agent", **{"foaf:name": _texts(PROJECT["vi"], PROJECT["en"])}),
        "foaf:homepage": _node(SITE_URL, "foaf:Document"),
        "dct:language": languages,
        "dct:spatial": vietnam,
        "dct:license": _node(LICENCE_URL, "dct:LicenseDocument"),
        "dcat:dataset": datasets,
    })}
    if latest:
        doc["dct:modified"] = _date(latest)
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def outputs(model: Model) -> dict[str, bytes]:
    return {"data/releases.atom": releases_atom(model), "data/catalog.jsonld": catalog(model)}
