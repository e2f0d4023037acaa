"""The data structure of the observations, generated from the data contract (the Frictionless schemas and tables),
and each observation row as an SDMX row.

Dimensions: REF_AREA (admin-units), INDICATOR (programme-targets; _Z for a measure that matches none), MEASURE (the
measures table), SERIES (the series column), SEX, UNIT_MEASURE and SOURCE, then TIME_PERIOD. SOURCE is a dimension
because two sources may give different values for the same measure, area and year (conflict = true); the key of an
SDMX observation must be unique, and the project's own key of an observation includes its source. The data have no
age breakdown, so there is no AGE dimension. The measure is OBS_VALUE. Attributes: OBS_STATUS (P provisional, A a
normal value, O no value), CONF_STATUS (C: suppressed because the count is small), QUALIFIER, CONFLICT, DOUBT_REASON
and SOURCE_TRUST (the trust of the row's source).

Versions follow the datasets: CL_AREA has the version of admin-units, CL_INDICATOR that of programme-targets, and
every other artefact that of observations.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scripts.sdmx import codes
from scripts.sdmx.codes import AGENCY, Codelist

DATASET = "observations"


@dataclass(frozen=True)
class Component:
    id: str
    role: str            # dimension, time, measure or attribute
    name_vi: str
    name_en: str
    codelist: str = ""   # the id of its code list, or
    text_type: str = ""  # its SDMX text type when it has none
    mandatory: bool = True


COMPONENTS = (
    Component("REF_AREA", "dimension", "Địa bàn", "Reference area", "CL_AREA"),
    Component("INDICATOR", "dimension", "Chỉ tiêu", "Indicator", "CL_INDICATOR"),
    Component("MEASURE", "dimension", "Chuỗi đo", "Measure", "CL_MEASURE"),
    Component("SERIES", "dimension", "Chuỗi số liệu", "Data series", "CL_SERIES"),
    Component("SEX", "dimension", "Giới tính", "Sex", "CL_SEX"),
    Component("UNIT_MEASURE", "dimension", "Đơn vị đo", "Unit of measure", "CL_UNIT"),
    Component("SOURCE", "dimension", "Nguồn", "Source", "CL_SOURCE"),
    Component("TIME_PERIOD", "time", "Năm", "Time period", text_type="ObservationalTimePeriod"),
    Component("OBS_VALUE", "measure", "Giá trị", "Observation value", text_type="Double", mandatory=False),
    Component("OBS_STATUS", "attribute", "Tình trạng quan sát", "Observation status", "CL_OBS_STATUS"),
    Component("CONF_STATUS", "attribute", "Tình trạng bảo mật", "Confidentiality status", "CL_CONF_STATUS",
              mandatory=False),
    Component("QUALIFIER", "attribute", "Từ chỉ mức của nguồn", "Qualifier of the source", "CL_QUALIFIER",
              mandatory=False),
    Component("CONFLICT", "attribute", "Mâu thuẫn nguồn", "Conflicting sources", text_type="Boolean"),
    Component("DOUBT_REASON", "attribute", "Lý do nghi vấn", "Reason for doubt", "CL_DOUBT_REASON", mandatory=False),
    Component("SOURCE_TRUST", "attribute", "Độ tin cậy của nguồn", "Source trust", "CL_TRUST", mandatory=False),
)
COLUMNS = [c.id for c in COMPONENTS]
DIMENSIONS = [c.id for c in COMPONENTS if c.role in ("dimension", "time")]
ATTRIBUTES = [c.id for c in COMPONENTS if c.role == "attribute"]


@dataclass
class Structure:
    """Every structural artefact of the observations, and what the messages say about themselves."""
    version: str                                  # of the dataflow, the DSD and the concept scheme
    codelists: dict[str, Codelist]                # by id
    prepared: str                                 # ISO date-time of the latest release of the data used
    name_vi: str = "Số liệu quan sát về trẻ em"
    name_en: str = "Observations on children"
    links: dict[str, str] = field(default_factory=dict)

    @property
    def dataflow(self) -> str:
        return DATASET.upper()

    @property
    def dsd(self) -> str:
        return f"DSD_{DATASET.upper()}"

    @property
    def concepts(self) -> str:
        return f"CS_{DATASET.upper()}"

    def urn(self, kind: str, ident: str | None = None, version: str | None = None) -> str:
        packages = {"Dataflow": "datastructure", "DataStructure": "datastructure", "Codelist": "codelist",
                    "ConceptScheme": "conceptscheme"}
        ident = ident or {"Dataflow": self.dataflow, "DataStructure": self.dsd, "ConceptScheme": self.concepts}[kind]
        version = version or (self.codelists[ident].version if kind == "Codelist" else self.version)
        return f"urn:sdmx:org.sdmx.infomodel.{packages[kind]}.{kind}={AGENCY}:{ident}({version})"

    def concept_urn(self, component: str) -> str:
        return f"urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept={AGENCY}:{self.concepts}({self.version}).{component}"

    @property
    def structure_id(self) -> str:
        """The dataflow as SDMX-CSV names it: AGENCY:ID(VERSION)."""
        return f"{AGENCY}:{self.dataflow}({self.version})"


def _version(model, name: str) -> str:
    ds = model.datasets.get(name)
    return str(ds.descriptor.get("version") or "1.0.0") if ds else "1.0.0"


def _table(model, dataset: str, resource: str) -> pd.DataFrame:
    ds = model.datasets.get(dataset)
    return ds.tables[resource].df if ds and resource in ds.tables else pd.DataFrame()


def structure_of(model) -> Structure:
    """The structure of the model's observations: code lists from its datasets, versions and date from theirs."""
    from scripts import facts

    version = _version(model, DATASET)
    lists = [codes.FIXED[c] for c in ("sex", "unit", "series", "qualifier", "doubt_reason", "trust")]
    lists = [Codelist(c.id, c.name_vi, c.name_en, c.codes, version) for c in lists + [codes.OBS_STATUS,
                                                                                      codes.CONF_STATUS]]
    units = _table(model, "admin-units", "admin-units")
    indicators = _table(model, "programme-targets", "indicators")
    measures = _table(model, DATASET, "measures")
    sources = _table(model, DATASET, "sources")
    empty = {"code": [], "name_vi": [], "name_en": [], "valid_to": [], "valid_from": []}
    lists += [codes.area_codelist(units if len(units) else pd.DataFrame(empty), _version(model, "admin-units")),
              codes.indicator_codelist(indicators if len(indicators) else
                                       pd.DataFrame({"indicator_id": [], "name_vi": [], "name_en": []}),
                                       _version(model, "programme-targets")),
              codes.measure_codelist(measures if len(measures) else
                                     pd.DataFrame({"measure": [], "name_vi": [], "name_en": []}), version),
              codes.source_codelist(sources if len(sources) else
                                    pd.DataFrame({"source_id": [], "title_vi": [], "title_en": []}), version)]
    used = [model.datasets[n].descriptor for n in (DATASET, "admin-units", "programme-targets") if n in model.datasets]
    latest = max((facts.modified(d) for d in used), default="") or facts.FIXED_DATE
    return Structure(version, {c.id: c for c in lists}, f"{latest}T00:00:00Z")


def rows(model) -> pd.DataFrame:
    """Every row of the observations table, in the file's order, as SDMX columns (text, '' where blank): the
    dimensions, OBS_VALUE exactly as validated, and the attributes."""
    df = _table(model, DATASET, DATASET)
    blank = pd.Series("", index=df.index, dtype=object)
    col = lambda name: df[name].astype(str) if name in df else blank  # noqa: E731
    units = _table(model, "admin-units", "admin-units")
    area = codes.resolve_areas(units, col("area_code"), pd.to_numeric(col("year"), errors="coerce").fillna(0)) \
        if len(units) else col("area_code")
    sources = _table(model, DATASET, "sources")
    trust = dict(zip(sources["source_id"], sources["trust"])) if len(sources) and "trust" in sources else {}
    value = col("value")
    provisional = col("provisional").str.lower().eq("true")
    out = pd.DataFrame({
        "REF_AREA": area,
        "INDICATOR": col("indicator_id").where(col("indicator_id").ne(""), codes.NOT_APPLICABLE),
        "MEASURE": col("measure"),
        "SERIES": col("series"),
        "SEX": col("sex").map(codes.SEX).fillna(col("sex")),
        "UNIT_MEASURE": col("unit"),
        "SOURCE": col("source_id"),
        "TIME_PERIOD": col("year"),
        "OBS_VALUE": value,
        "OBS_STATUS": np.where(provisional, "P", np.where(value.ne(""), "A", "O")),
        "CONF_STATUS": np.where(col("value_status").eq("suppressed"), "C", ""),
        "QUALIFIER": col("qualifier"),
        "CONFLICT": col("conflict").str.lower(),
        "DOUBT_REASON": col("doubt_reason"),
        "SOURCE_TRUST": col("source_id").map(trust).fillna(""),
    }, index=df.index)
    # Codes repeat (a few hundred distinct values in millions of rows): kept as categories, so that each message
    # converts every distinct value once.
    return out.astype("category")


def indicator_positions(model, ind) -> np.ndarray:
    """Positions in the observations table of an indicator's own rows (scripts/model/decide.py decides which), in
    the file's order."""
    from scripts.model.decide import own_rows

    own = own_rows(model, ind)
    return np.sort(own.index.to_numpy()) if len(own) else np.array([], dtype=int)
