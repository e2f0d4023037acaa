"""Pure writers: SDMX rows (scripts/sdmx/structure.py `rows`) and the Structure → bytes.

- SDMX-CSV 2.0: one line per observation (STRUCTURE, STRUCTURE_ID, ACTION, then every component);
- SDMX-JSON 2.0 data message: all dimensions at the observation level, values as indices into the message's own
  lists of values, as the format prescribes;
- SDMX-ML 3.0 structure-specific data (all dimensions at the observation level) and the SDMX-ML 3.0 structure
  message (code lists, concept scheme, data structure definition, dataflow).

Lines are built column by column (vectorised): at national scale an indicator has about 66,000 rows and the
observations table 2.3 million. Each line of a CSV or an XML data message is built once and shared by the file of the
whole table and the file of its indicator.
"""
from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from scripts.sdmx.codes import AGENCY, Code, Codelist
from scripts.sdmx.structure import ATTRIBUTES, COLUMNS, COMPONENTS, DIMENSIONS, Structure

V30 = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0"
NAMESPACES = (f'xmlns:mes="{V30}/message" xmlns:str="{V30}/structure" xmlns:com="{V30}/common" '
              f'xmlns:ss="{V30}/data/structurespecific" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
JSON_SCHEMA = ("https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/"
               "sdmx-json-data-schema.json")
# The media types of the SDMX REST specification.
MEDIA = {"csv": "application/vnd.sdmx.data+csv;version=2.0.0", "json": "application/vnd.sdmx.data+json;version=2.0.0",
         "xml": "application/vnd.sdmx.data+xml;version=3.0.0", "structure": "application/vnd.sdmx.structure+xml;version=3.0.0"}
_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$")


def _texts(tag: str, vi: str, en: str) -> str:
    return "".join(f'<com:{tag} xml:lang="{lang}">{escape(text)}</com:{tag}>' for lang, text in (("vi", vi), ("en", en))
                   if text)


def _cells(values: pd.Series, convert) -> list[str]:
    """`convert` applied to each distinct value of a column (a handful for codes), then spread back to the rows."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        converted = [convert(str(v)) for v in values.cat.categories] + [convert("")]
        return [converted[i] for i in values.cat.codes.to_numpy().tolist()]  # code -1 (none) is the last: ''
    index, uniques = pd.factorize(values, sort=False)
    converted = [convert(v) for v in uniques]
    return [converted[i] for i in index.tolist()]


def _positions(index) -> list[str]:
    """Positions in a list of values as JSON text; -1 (no value) as null."""
    text = [str(i) for i in range(int(index.max()) + 1 if len(index) else 0)] + ["null"]
    return [text[i] for i in index.tolist()]


def _xml_text(value: str) -> str:
    """Text for an XML attribute: codes and numbers as they are, anything else escaped."""
    return escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;"})


def _csv_text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if re.search(r'[",\r\n]', value) else value


# --- SDMX-CSV 2.0 ----------------------------------------------------------------------------------------------------
def csv_lines(rows: pd.DataFrame, structure: Structure) -> pd.Series:
    """One line per row (without its line break), in the rows' order."""
    prefix = f"dataflow,{structure.structure_id},I"
    columns = [_cells(rows[c], _csv_text) for c in COLUMNS]
    return pd.Series([",".join((prefix, *cells)) for cells in zip(*columns)], index=rows.index, dtype=object)


def csv_bytes(lines: pd.Series) -> bytes:
    header = ",".join(["STRUCTURE", "STRUCTURE_ID", "ACTION", *COLUMNS])
    return ("\n".join([header, *lines.tolist()]) + "\n").encode("utf-8")


# --- SDMX-ML 3.0 data ------------------------------------------------------------------------------------------------
def obs_elements(rows: pd.DataFrame) -> pd.Series:
    """One <Obs/> per row: every dimension, the value and each attribute that has one, as XML attributes."""
    def piece(column: str):
        optional = column not in DIMENSIONS
        return lambda v: "" if optional and v == "" else f' {column}="{_xml_text(v)}"'

    columns = [_cells(rows[c], piece(c)) for c in COLUMNS]
    return pd.Series(["<Obs" + "".join(cells) + "/>" for cells in zip(*columns)], index=rows.index, dtype=object)


def _header(structure: Structure, message_id: str) -> str:
    return (f"<mes:ID>{escape(message_id)}</mes:ID><mes:Test>false</mes:Test>"
            f"<mes:Prepared>{structure.prepared}</mes:Prepared>"
            f'<mes:Sender id="{AGENCY}">{_texts("Name", *_publisher())}</mes:Sender>')


def _publisher() -> tuple[str, str]:
    from scripts.facts import PROJECT

    return PROJECT["vi"], PROJECT["en"]


def data_namespace(structure: Structure) -> str:
    return f"{structure.urn('Dataflow')}:ObsLevelDim:AllDimensions"


def xml_bytes(elements: pd.Series, structure: Structure, message_id: str) -> bytes:
    ref = f"{AGENCY}_{structure.dataflow}"
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<mes:StructureSpecificData {NAMESPACES} '
            f'xmlns:ns1={quoteattr(data_namespace(structure))}>\n<mes:Header>{_header(structure, message_id)}'
            f'<mes:Structure structureID="{ref}" namespace={quoteattr(data_namespace(structure))} '
            f'dimensionAtObservation="AllDimensions"><com:StructureUsage>{structure.urn("Dataflow")}'
            f"</com:StructureUsage></mes:Structure></mes:Header>\n"
            f'<mes:DataSet ss:structureRef="{ref}" xsi:type="ns1:DataSetType" ss:action="Information">\n')
    return (head + "\n".join(elements.tolist()) + ("\n" if len(elements) else "")
            + "</mes:DataSet>\n</mes:StructureSpecificData>\n").encode("utf-8")


# --- SDMX-JSON 2.0 ---------------------------------------------------------------------------------------------------
def _names(vi: str, en: str) -> dict:
    return {"name": vi or en, "names": {lang: text for lang, text in (("vi", vi), ("en", en)) if text}}


def _value(code: Code | None, ident: str) -> dict:
    return {"id": ident, **_names(code.name_vi, code.name_en)} if code else {"id": ident, "name": ident}


def json_bytes(rows: pd.DataFrame, structure: Structure, message_id: str) -> bytes:
    """An SDMX-JSON 2.0 data message: the structure of this message (the values it uses) and its observations."""
    lookup = {cl.id: {c.id: c for c in cl.codes} for cl in structure.codelists.values()}
    components = {c.id: c for c in COMPONENTS}
    dims, keys = [], []
    for position, column in enumerate(DIMENSIONS):
        index, values = pd.factorize(rows[column], sort=True)
        comp = components[column]
        codes = lookup.get(comp.codelist, {})
        entry = {"id": column, **_names(comp.name_vi, comp.name_en), "keyPosition": position,
                 "values": [_value(codes.get(v), v) for v in values]}
        if comp.role == "time":
            entry["roles"] = ["TIME_PERIOD"]
        dims.append(entry)
        keys.append(_positions(index))
    attrs, attr_cells = [], []
    for column in ATTRIBUTES:
        comp = components[column]
        present = rows[column].ne("")
        if not present.any():  # an attribute without a value in this message is left out of its structure
            continue
        index, values = pd.factorize(rows[column].where(present), sort=True)
        codes = lookup.get(comp.codelist, {})
        # A value's name in the message's first language only ("names" of values trips sdmx1's reader).
        listed = [{"value": v == "true", "name": v} if comp.text_type == "Boolean" else
                  {"id": v, "name": codes[v].name_vi if v in codes else v} for v in values]
        attrs.append({"id": column, **_names(comp.name_vi, comp.name_en), "isMandatory": comp.mandatory,
                      "relationship": {"observation": {}}, "values": listed})
        attr_cells.append(_positions(index))
    numbers = _cells(rows["OBS_VALUE"], lambda v: "null" if v == "" else v if _NUMBER.match(v) else
                     json.dumps(float(v)))  # the last: never in validated data; written as JSON writes a number
    cell = [f'"{":".join(key)}":[{",".join(values)}]' for key, values in
            zip(zip(*keys), zip(numbers, *attr_cells))]
    links = [{"rel": "dataflow", "urn": structure.urn("Dataflow")}]
    message = {
        "meta": {"schema": JSON_SCHEMA, "id": message_id, "test": False, "prepared": structure.prepared,
                 "contentLanguages": ["vi", "en"], "sender": {"id": AGENCY, **_names(*_publisher())}},
        "data": {"structures": [{"links": links, **_names(structure.name_vi, structure.name_en),
                                 "dimensions": {"observation": dims},
                                 "measures": {"observation": [{"id": "OBS_VALUE", **_names("Giá trị", "Observation value"),
                                                               "isMandatory": False}]},
                                 "attributes": {"observation": attrs}, "dataSets": [0]}],
                 "dataSets": [{"structure": 0, "action": "Information", "links": links, "observations": {}}]},
    }
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    marker = '"observations":{}'
    head, tail = text.rsplit(marker, 1)
    return (head + '"observations":{' + ",".join(cell) + "}" + tail + "\n").encode("utf-8")


# --- SDMX-ML 3.0 structure -------------------------------------------------------------------------------------------
def _annotations(code: Code) -> str:
    if not code.annotations:
        return ""
    out = []
    for a in code.annotations:
        out.append("<com:Annotation>" + f"<com:AnnotationType>{escape(a.type)}</com:AnnotationType>"
                   + (f"<com:AnnotationURL>{escape(a.url)}</com:AnnotationURL>" if a.url else "")
                   + (f"<com:AnnotationValue>{escape(a.value)}</com:AnnotationValue>" if a.value else "")
                   + "</com:Annotation>")
    return "<com:Annotations>" + "".join(out) + "</com:Annotations>"


def _codelist(cl: Codelist) -> str:
    body = "".join(f'<str:Code id="{escape(c.id)}">{_annotations(c)}{_texts("Name", c.name_vi, c.name_en)}'
                   f'{_texts("Description", c.description_vi, c.description_en)}</str:Code>' for c in cl.codes)
    return (f'<str:Codelist id="{cl.id}" version="{escape(cl.version)}" agencyID="{AGENCY}" '
            f'isExternalReference="false" isPartial="false">{_texts("Name", cl.name_vi, cl.name_en)}{body}'
            "</str:Codelist>")


def _representation(structure: Structure, comp) -> str:
    if comp.codelist:
        return (f"<str:LocalRepresentation><str:Enumeration>{structure.urn('Codelist', comp.codelist)}"
                "</str:Enumeration></str:LocalRepresentation>")
    return f'<str:LocalRepresentation><str:TextFormat textType="{comp.text_type}"/></str:LocalRepresentation>'


def _component(structure: Structure, comp, position: int) -> str:
    identity = f"<str:ConceptIdentity>{structure.concept_urn(comp.id)}</str:ConceptIdentity>"
    inner = identity + _representation(structure, comp)
    if comp.role == "dimension":
        return f'<str:Dimension id="{comp.id}" position="{position}">{inner}</str:Dimension>'
    if comp.role == "time":
        return f'<str:TimeDimension id="{comp.id}">{inner}</str:TimeDimension>'
    if comp.role == "measure":
        return f'<str:Measure id="{comp.id}" usage="optional">{inner}</str:Measure>'
    usage = "mandatory" if comp.mandatory else "optional"
    return (f'<str:Attribute id="{comp.id}" usage="{usage}">{inner}'
            "<str:AttributeRelationship><str:Observation/></str:AttributeRelationship></str:Attribute>")


def structure_bytes(structure: Structure) -> bytes:
    """The structure message: code lists, concepts, the data structure definition and the dataflow."""
    common = f'version="{escape(structure.version)}" agencyID="{AGENCY}" isExternalReference="false"'
    used = [structure.codelists[c.codelist] for c in COMPONENTS if c.codelist]
    concepts = "".join(f'<str:Concept id="{c.id}">{_texts("Name", c.name_vi, c.name_en)}</str:Concept>'
                       for c in COMPONENTS)
    position = {c: i for i, c in enumerate(DIMENSIONS, 1)}
    parts = {role: "".join(_component(structure, c, position.get(c.id, 0)) for c in COMPONENTS if c.role in roles)
             for role, roles in (("dims", ("dimension", "time")), ("attrs", ("attribute",)), ("measures", ("measure",)))}
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<mes:Structure {NAMESPACES}>\n<mes:Header>'
            f"{_header(structure, f'{structure.dataflow}_STRUCTURE')}</mes:Header>\n<mes:Structures>\n"
            f"<str:Codelists>\n" + "\n".join(_codelist(cl) for cl in used) + "\n</str:Codelists>\n"
            f'<str:ConceptSchemes><str:ConceptScheme id="{structure.concepts}" {common} isPartial="false">'
            f'{_texts("Name", "Khái niệm", "Concepts")}{concepts}</str:ConceptScheme></str:ConceptSchemes>\n'
            f'<str:DataStructures><str:DataStructure id="{structure.dsd}" {common}>'
            f'{_texts("Name", structure.name_vi, structure.name_en)}<str:DataStructureComponents>'
            f"<str:DimensionList>{parts['dims']}</str:DimensionList>"
            f"<str:AttributeList>{parts['attrs']}</str:AttributeList>"
            f"<str:MeasureList>{parts['measures']}</str:MeasureList>"
            "</str:DataStructureComponents></str:DataStructure></str:DataStructures>\n"
            f'<str:Dataflows><str:Dataflow id="{structure.dataflow}" {common}>'
            f'{_texts("Name", structure.name_vi, structure.name_en)}'
            f"<str:Structure>{structure.urn('DataStructure')}</str:Structure></str:Dataflow></str:Dataflows>\n"
            "</mes:Structures>\n</mes:Structure>\n")
    return text.encode("utf-8")
