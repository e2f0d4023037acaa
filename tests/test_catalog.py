"""Machine-readable catalogues: the DCAT-AP 3 catalogue validated against the official SHACL shapes (a local copy,
no network), and the schema.org Dataset JSON-LD on every dataset page; the site's address comes from mkdocs.yml."""
from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from scripts import manifest, pages
from scripts import catalog
from scripts.context import Context, ContextError
from scripts.model import build_model
from scripts.paths import DATASETS, MKDOCS_YML, ROOT
from scripts.validate import dataset_folders, validate_datasets
from test_feed import in_another_process

SHAPES = Path(__file__).parent / "shapes" / "dcat-ap-SHACL.ttl"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
NAMES = [f.name for f in dataset_folders(DATASETS)]

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def catalogue(built_site) -> Graph:
    return Graph().parse(built_site / "data" / "catalog.jsonld", format="json-ld")


def shacl(data: Graph, shapes: Graph) -> tuple[bool, str]:
    from pyshacl import validate

    conforms, _, text = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False)
    return conforms, text


def site_file(site: Path, url: str) -> Path:
    """The file in the built site that an absolute URL of the site points to."""
    assert url.startswith(CTX.site_url), url
    rel = url[len(CTX.site_url):].split("#")[0]
    path = site / rel
    return path / "index.html" if rel.endswith("/") or rel == "" else path


# --- DCAT-AP 3 --------------------------------------------------------------------------------------------------------
def test_the_shapes_are_the_official_file():
    data = SHAPES.read_bytes()
    assert len(data) == 92935
    assert hashlib.sha256(data).hexdigest() == "05af11c73bce3270cd75f81d651af281109ff8179d320f2114a98d6280b3e45e"


def test_catalog_conforms_to_dcat_ap_3(catalogue, shapes):
    conforms, text = shacl(catalogue, shapes)
    assert conforms, text


def test_catalog_has_the_mandatory_properties(catalogue):
    catalogs = list(catalogue.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    cat = catalogs[0]
    for prop in (DCT.title, DCT.description, DCT.publisher):
        assert catalogue.value(cat, prop) is not None, prop
    assert catalogue.value(catalogue.value(cat, DCT.publisher), FOAF.name) is not None
    datasets = list(catalogue.objects(cat, DCAT.dataset))
    assert sorted(str(catalogue.value(d, DCT.identifier)) for d in datasets) == sorted(NAMES)
    for d in datasets:
        titles = {t.language: str(t) for t in catalogue.objects(d, DCT.title)}
        descriptions = {t.language: str(t) for t in catalogue.objects(d, DCT.description)}
        assert titles.keys() == descriptions.keys() == {"vi", "en"} and all(titles.values())
        assert catalogue.value(d, DCAT.version) and catalogue.value(d, DCT.modified)
        assert list(catalogue.objects(d, DCAT.distribution))


def test_every_distribution_points_to_a_real_file_with_its_size_and_sha256(catalogue, built_site):
    dists = list(catalogue.subjects(RDF.type, DCAT.Distribution))
    assert len(dists) >= 5 * 4
    for dist in dists:
        assert catalogue.value(dist, DCAT.accessURL) is not None
        path = site_file(built_site, str(catalogue.value(dist, DCAT.downloadURL)))
        data = path.read_bytes()
        assert int(catalogue.value(dist, DCAT.byteSize)) == len(data), path
        checksum = catalogue.value(dist, SPDX.checksum)
        assert str(catalogue.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest(), path
        assert site_file(built_site, str(catalogue.value(dist, DCAT.accessURL))).is_file()


def test_temporal_coverage_comes_from_the_data(catalogue):
    d = URIRef(CTX.page_url("bo-du-lieu/observations/") + "#dataset")
    period = catalogue.value(d, DCT.temporal)
    start, end = (str(catalogue.value(period, p)) for p in (DCAT.startDate, DCAT.endDate))
    rows = validate_datasets().datasets["observations"].tables["observations"].df
    assert (start, end) == (f"{rows['year'].astype(int).min()}-01-01", f"{rows['year'].astype(int).max()}-12-31")


@pytest.mark.parametrize("remove", ["dataset-title", "dataset-description", "access-url", "publisher-name"])
def test_the_shapes_catch_a_missing_mandatory_property(catalogue, shapes, remove):
    """The SHACL check can fail: take one mandatory property away and it must."""
    g = Graph()
    for triple in catalogue:
        g.add(triple)
    if remove == "dataset-title":
        g.remove((next(g.subjects(RDF.type, DCAT.Dataset)), DCT.title, None))
    elif remove == "dataset-description":
        g.remove((next(g.subjects(RDF.type, DCAT.Dataset)), DCT.description, None))
    elif remove == "access-url":
        g.remove((next(g.subjects(RDF.type, DCAT.Distribution)), DCAT.accessURL, None))
    else:
        g.remove((None, FOAF.name, None))
    conforms, text = shacl(g, shapes)
    assert not conforms
    assert "MinCount" in text


def test_the_shapes_catch_a_wrong_byte_size_type(catalogue, shapes):
    g = Graph()
    for triple in catalogue:
        g.add(triple)
    dist = next(g.subjects(RDF.type, DCAT.Distribution))
    g.set((dist, DCAT.byteSize, Literal("about 3 KB")))
    assert not shacl(g, shapes)[0]


def test_catalog_is_deterministic_and_escapes_dataset_text():
    result = validate_datasets()
    model = build_model(result.datasets)
    # the same bytes from another process, another hash seed, another time zone
    assert catalog.catalog(model) == in_another_process("catalog.catalog(build_model(validate_datasets().datasets))")
    model.datasets["documents"].descriptor = dict(model.datasets["documents"].descriptor,
                                                  title='Văn bản "</script><b>" & {"@id": "x"}')
    g = Graph().parse(data=catalog.catalog(model).decode("utf-8"), format="json-ld")
    titles = [str(t) for t in g.objects(URIRef(CTX.page_url("bo-du-lieu/documents/") + "#dataset"), DCT.title)]
    assert 'Văn bản "</script><b>" & {"@id": "x"}' in titles  # stays a literal, nothing else


# --- schema.org JSON-LD on dataset pages -------------------------------------------------------------------------------
class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.found.append("")

    def handle_endtag(self, tag):
        self._in = False if tag == "script" else self._in

    def handle_data(self, data):
        if self._in:
            self.found[-1] += data


def jsonld_of(page: Path) -> list[dict]:
    parser = Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return [json.loads(text) for text in parser.found]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_dataset_page_has_schema_org_dataset_json_ld(built_site, name, lang):
    page = built_site / ("en/" if lang == "en" else "") / "bo-du-lieu" / name / "index.html"
    found = [d for d in jsonld_of(page) if d.get("@type") == "Dataset"]
    assert len(found) == 1, page
    d = found[0]
    descriptor = json.loads((DATASETS / name / "datapackage.json").read_text(encoding="utf-8"))
    assert d["@context"] == "https://schema.org"
    assert d["name"] == descriptor["title_en" if lang == "en" else "title"]
    assert d["description"] == descriptor["description_en" if lang == "en" else "description"]
    assert d["license"] == descriptor["licenses"][0]["path"]
    assert d["creator"]["name"] and d["creator"]["@type"] == "Organization"
    assert d["version"] == descriptor["version"]
    assert d["dateModified"] == max(c["date"] for c in descriptor["changelog"])
    assert d["url"] == CTX.page_url(f"bo-du-lieu/{name}/", lang)
    assert d["spatialCoverage"] and all(p["@type"] == "Place" and p["name"] for p in d["spatialCoverage"])
    if name != "child-protection-channels":  # the only dataset without a year or date column
        assert re.fullmatch(r"\d{4}(/\d{4})?", d["temporalCoverage"])  # one year written once
    formats = set()
    for dist in d["distribution"]:
        assert dist["@type"] == "DataDownload"
        assert site_file(built_site, dist["contentUrl"]).is_file(), dist["contentUrl"]
        formats.add(dist["encodingFormat"])
    assert {"text/csv", "application/json", "application/zip"} <= formats


def test_json_in_a_script_element_cannot_close_it():
    hostile = {"name": "</script><script>alert(1)</script>", "x": "a & b <!-- c --> \u2028"}
    text = pages.script_json(hostile)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == hostile


def test_a_hostile_dataset_title_stays_inside_the_json_ld(monkeypatch):
    result = validate_datasets()
    model = build_model(result.datasets)
    ds = model.datasets["documents"]
    monkeypatch.setattr(ds, "descriptor", dict(ds.descriptor, title="</script><img src=x onerror=alert(1)>"))
    md = pages.dataset_page(model, "documents", "vi", manifest.of(model))
    assert md.count("</script>") == 1 and "<img" not in md
    script = md[md.index('<script type="application/ld+json">'):]
    data = json.loads(script[len('<script type="application/ld+json">'):script.index("</script>")])
    assert data["name"] == "</script><img src=x onerror=alert(1)>"


# --- the site's address ---------------------------------------------------------------------------------------------
def test_site_url_is_read_from_mkdocs_yml(tmp_path):
    declared = re.search(r"^site_url:\s*(\S+)", MKDOCS_YML.read_text(encoding="utf-8"), re.M).group(1)
    assert CTX.site_url == declared.rstrip("/") + "/"
    other = tmp_path / "mkdocs.yml"
    other.write_text("site_name: x\nsite_url: https://example.org/tre-em\nmarkdown_extensions:\n"
                     "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                     encoding="utf-8")
    assert Context.load(tmp_path).site_url == "https://example.org/tre-em/"
    other.write_text("site_name: x\n", encoding="utf-8")
    with pytest.raises(ContextError, match="site_url must be an absolute http"):
        Context.load(tmp_path)


def test_the_address_is_written_in_one_place_only():
    host = re.sub(r"^https?://", "", CTX.site_url).rstrip("/")
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        assert host not in path.read_text(encoding="utf-8"), f"{path} hard-codes {host}; use the build context's site_url"


@pytest.mark.parametrize("doc", ["du-lieu-mo.md", "du-lieu-mo.en.md"])
def test_the_api_page_examples_use_the_site_address(doc):
    """The hand-written API page shows full addresses; they must follow mkdocs.yml site_url."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    urls = re.findall(r"https?://[^\s\"')]+/data/[^\s\"')]+", text)
    assert len(urls) >= 4
    assert all(u.startswith(CTX.site_url) for u in urls), urls
    for section in ("pandas", "read_csv", "Csv.Document", "curl", "sha256sum", "CC BY 4.0"):
        assert section in text


def test_a_cache_folder_linked_to_nowhere_is_named_not_reported_per_dataset(tmp_path):
    """.cache may be a link (the tests link theirs); a link to a folder that does not exist is a clear error of the
    build's setup, not five 'source-error: File exists' problems, one per dataset."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.org/\n", encoding="utf-8")
    (tmp_path / ".cache").symlink_to(tmp_path / "gone")
    with pytest.raises(ContextError, match=r"\.cache .*gone.* không tồn tại / does not exist"):
        Context.load(tmp_path)
    (tmp_path / "gone").mkdir()
    assert Context.load(tmp_path).cache == tmp_path / ".cache"
