"""The DCAT-AP 3 catalogue (/data/catalog.jsonld, JSON-LD) of every dataset and its downloads, with sizes and sha256
checksums; the SDMX files among them."""
from __future__ import annotations

import hashlib
import json

from scripts import downloads, routes
from scripts.context import Context
from scripts.facts import LICENCE_URL, PROJECT, data_years, issued, licence, modified, publisher
from scripts.model import Model
from scripts.sdmx import outputs as sdmx_outputs

EU = "http://publications.europa.eu/resource/authority/"
FORMATS = {  # extension: (IANA media type, EU file type)
    "csv": ("text/csv", "CSV"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "json": ("application/json", "JSON"),
    "zip": ("application/zip", "ZIP"),
    # SDMX files: the registered type of their syntax; the SDMX media type is in each distribution's description.
    "sdmx.csv": ("text/csv", "SDMX"), "sdmx.json": ("application/json", "SDMX"), "sdmx.xml": ("application/xml", "SDMX"),
}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _texts(vi: object, en: object) -> list[dict]:
    return [{"@value": str(v), "@language": lang} for v, lang in ((vi, "vi"), (en, "en")) if v]


def _node(iri: str, kind: str, **extra) -> dict:
    return {"@id": iri, "@type": kind, **extra}


def _date(value: str) -> dict:
    return {"@value": value, "@type": "xsd:date"}


def _agent(descriptor: dict, site_url: str) -> dict:
    name_vi, name_en = publisher(descriptor, "vi"), publisher(descriptor, "en")
    iri = site_url + "#publisher" if name_vi == PROJECT["vi"] else \
        site_url + "#agent-" + hashlib.sha256(name_vi.encode("utf-8")).hexdigest()[:12]
    return _node(iri, "foaf:Agent", **{"foaf:name": _texts(name_vi, name_en if name_en != name_vi else "")})


def _licence(descriptor: dict) -> dict:
    return _node(licence(descriptor)[1], "dct:LicenseDocument")


def _distribution(ctx: Context, name: str, fname: str, title: str, data: bytes, descriptor: dict, when: str) -> dict:
    ext = next(e for e in sorted(FORMATS, key=len, reverse=True) if fname.endswith(f".{e}"))
    media, eu_type = FORMATS[ext]
    url = ctx.file_url(routes.dataset_file(name, fname))
    dist = _node(f"{ctx.page_url(routes.dataset_page(name))}#{fname}", "dcat:Distribution", **{
        "dct:title": title,
        "dcat:accessURL": _node(ctx.page_url(routes.dataset_page(name)), "rdfs:Resource"),
        "dcat:downloadURL": _node(url, "rdfs:Resource"),
        "dcat:mediaType": _node(f"http://www.iana.org/assignments/media-types/{media}", "dct:MediaType"),
        "dct:format": _node(f"{EU}file-type/{eu_type}", "dct:MediaTypeOrExtent"),
        "dct:license": _licence(descriptor),
        "dcat:byteSize": {"@value": str(len(data)), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {"@type": "spdx:Checksum",
                          "spdx:algorithm": _node("spdx:checksumAlgorithm_sha256", "spdx:ChecksumAlgorithm"),
                          "spdx:checksumValue": {"@value": hashlib.sha256(data).hexdigest(), "@type": "xsd:hexBinary"}},
    })
    if when:
        dist["dct:modified"] = _date(when)
    if ext == "zip":
        dist["dcat:packageFormat"] = _node(f"http://www.iana.org/assignments/media-types/{media}", "dct:MediaType")
    return dist


def catalog(model: Model, files: dict[str, dict[str, bytes]] | None = None) -> bytes:
    """The DCAT-AP 3 catalogue (JSON-LD) of every dataset and its downloads, with sizes and sha256 checksums."""
    ctx = model.context
    files = files if files is not None else {n: downloads.dataset_files(ds, ctx.site_url) for n, ds in model.datasets.items()}
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
            for ext in ("csv", "xlsx", "json"):
                fname = f"{r['name']}.{ext}"
                if fname in files.get(name, {}):
                    title = f"{r.get('title') or r['name']} ({ext.upper()})"
                    dists.append(_distribution(ctx, name, fname, title, files[name][fname], d, when))
        if f"{name}.zip" in files.get(name, {}):
            dists.append(_distribution(ctx, name, f"{name}.zip", f"{d.get('title') or name} (ZIP)", files[name][f"{name}.zip"], d, when))
        for fname, title, data, about in sdmx_outputs.distributions(model, name):  # issue 21: SDMX files
            dists.append({**_distribution(ctx, name, fname, f"{d.get('title') or name} ({title})", data, d, when),
                          "dct:description": about})
        entry = _node(f"{ctx.page_url(routes.dataset_page(name))}#dataset", "dcat:Dataset", **{
            "dct:identifier": name,
            "dct:title": _texts(d.get("title") or name, d.get("title_en")),
            "dct:description": _texts(d.get("description") or d.get("title") or name, d.get("description_en")),
            "dcat:keyword": [{"@value": str(k), "@language": "vi"} for k in d.get("keywords") or [] if k],
            "dcat:version": str(d.get("version") or ""),
            "dct:publisher": _agent(d, ctx.site_url),
            "dct:creator": _agent(d, ctx.site_url),
            "dct:language": languages,
            "dct:spatial": vietnam,
            "dcat:landingPage": _node(ctx.page_url(routes.dataset_page(name)), "foaf:Document"),
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
    doc = {"@context": CONTEXT, **_node(ctx.file_url(routes.CATALOG), "dcat:Catalog", **{
        "dct:title": _texts("Dữ liệu mở Chương trình hành động vì trẻ em Ninh Thuận 2021–2030",
                            "Open data of the Ninh Thuận Children's Action Programme 2021–2030"),
        "dct:description": _texts("Các bộ dữ liệu về mục tiêu, chỉ tiêu và số liệu trẻ em của Chương trình hành động quốc gia "
                                  "vì trẻ em 2021–2030 tại Ninh Thuận, mỗi số liệu có nguồn.",
                                  "Datasets of the goals, indicators and sourced figures of the National Action Programme "
                                  "for Children 2021–2030 in Ninh Thuận."),
        "dct:publisher": _node(ctx.site_url + "#publisher", "foaf:Agent", **{"foaf:name": _texts(PROJECT["vi"], PROJECT["en"])}),
        "foaf:homepage": _node(ctx.site_url, "foaf:Document"),
        "dct:language": languages,
        "dct:spatial": vietnam,
        "dct:license": _node(LICENCE_URL, "dct:LicenseDocument"),
        "dcat:dataset": datasets,
    })}
    if latest:
        doc["dct:modified"] = _date(latest)
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def outputs(model: Model) -> dict[str, bytes]:
    return {routes.CATALOG: catalog(model)}
