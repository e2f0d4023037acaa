"""Machine-readable outputs: the Atom feed of data releases, the DCAT catalogue, per-indicator CSV extracts."""
from __future__ import annotations

import csv
import io
import json

from scripts.model import Indicator, Model

SITE_URL = "https://tre-em-ninh-thuan.github.io/"  # placeholder base for absolute identifiers; see mkdocs.yml site_url


def indicator_csv(model: Model, ind: Indicator) -> bytes:
    """The observation rows of one indicator, with the dataset's own columns and text exactly as validated."""
    table = model.datasets["observations"].tables["observations"].df
    rows = table[table["indicator_id"] == ind.id]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(table.columns))
    writer.writerows(rows.itertuples(index=False))
    return buf.getvalue().encode("utf-8")


def releases_atom(model: Model) -> bytes:
    from feedgen.feed import FeedGenerator

    from scripts.pages import changelog_entries

    fg = FeedGenerator()
    fg.id(SITE_URL + "data/releases.atom")
    fg.title("Trẻ em Ninh Thuận 2021–2030 — phát hành dữ liệu")
    fg.subtitle("Mỗi lần một bộ dữ liệu thay đổi phiên bản / Every new version of a dataset")
    fg.link(href=SITE_URL + "moi-cap-nhat/", rel="alternate")
    fg.link(href=SITE_URL + "data/releases.atom", rel="self")
    fg.language("vi")
    entries = changelog_entries(model)
    latest = max((str(c.get("date", "")) for c in entries), default="2021-01-07")
    fg.updated(f"{latest}T00:00:00Z")
    for c in reversed(entries):
        fe = fg.add_entry()
        fe.id(f"{SITE_URL}bo-du-lieu/{c['dataset']}/#{c.get('version', '')}")
        fe.title(f"{c['title']} {c.get('version', '')}")
        fe.link(href=f"{SITE_URL}bo-du-lieu/{c['dataset']}/")
        fe.summary(f"{c.get('description', '')} / {c.get('description_en', '')}")
        fe.updated(f"{c.get('date', latest)}T00:00:00Z")
        fe.published(f"{c.get('date', latest)}T00:00:00Z")
    return fg.atom_str(pretty=True)


def catalog(model: Model) -> bytes:
    """A DCAT catalogue (JSON-LD) of every dataset and its distributions."""
    datasets = []
    for name, ds in model.datasets.items():
        d = ds.descriptor
        dists = []
        for r in d.get("resources", []):
            for ext, media in (("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                               ("json", "application/json")):
                dists.append({"@id": f"{SITE_URL}data/{name}/{r['name']}.{ext}", "@type": "dcat:Distribution",
                              "dcat:downloadURL": {"@id": f"{SITE_URL}data/{name}/{r['name']}.{ext}"},
                              "dcat:accessURL": {"@id": f"{SITE_URL}bo-du-lieu/{name}/"},
                              "dcat:mediaType": {"@id": f"http://www.iana.org/assignments/media-types/{media}"},
                              "dct:title": f"{r.get('title', r['name'])} ({ext.upper()})",
                              "dct:license": {"@id": "http://creativecommons.org/licenses/by/4.0/"}})
        datasets.append({"@id": f"{SITE_URL}bo-du-lieu/{name}/", "@type": "dcat:Dataset",
                         "dct:identifier": name,
                         "dct:title": [{"@value": d.get("title", ""), "@language": "vi"},
                                       {"@value": d.get("title_en", ""), "@language": "en"}],
                         "dct:description": [{"@value": d.get("description", ""), "@language": "vi"},
                                             {"@value": d.get("description_en", ""), "@language": "en"}],
                         "dcat:keyword": d.get("keywords", []),
                         "dcat:version": d.get("version", ""),
                         "dcat:distribution": dists})
    doc = {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                        "foaf": "http://xmlns.com/foaf/0.1/"},
           "@id": SITE_URL + "data/catalog.jsonld", "@type": "dcat:Catalog",
           "dct:title": [{"@value": "Dữ liệu mở Chương trình hành động vì trẻ em Ninh Thuận", "@language": "vi"},
                         {"@value": "Open data of the Ninh Thuận Children's Action Programme", "@language": "en"}],
           "dct:description": [{"@value": "Các bộ dữ liệu về mục tiêu, chỉ tiêu và số liệu trẻ em.", "@language": "vi"},
                               {"@value": "Datasets of the programme's goals, indicators and observations.", "@language": "en"}],
           "dcat:dataset": datasets}
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def outputs(model: Model) -> dict[str, bytes]:
    return {"data/releases.atom": releases_atom(model), "data/catalog.jsonld": catalog(model)}
