"""The SDMX code lists, as data: from the datasets (areas, indicators, measures, sources) and from the labels the
site already shows (units, series, trust, qualifiers, reasons for doubt). The writers and the validator both use
this module, so a published file can never carry a code that its structure does not list.

Codes are the project's own codes wherever they are valid SDMX identifiers, so that a statistics office can match a
row of an SDMX file with the same row of the CSV. Two exceptions follow SDMX conventions: sex is F, M and _T (total),
and _Z ("not applicable") stands for a measure that matches no Decision 23 indicator.

REF_AREA and the 2025 merger. Official unit codes were reused on 1/7/2025 (56 was Khánh Hòa before the merger and is
the merged Khánh Hòa after it; commune codes likewise), so in the admin-units dataset a code identifies a unit only
together with a year. An SDMX code list needs one code per unit, so:
- a code that names one unit is its REF_AREA code unchanged (58, VN, 582 …);
- where a code names several units, the unit still valid keeps the code, and a unit that ended carries the year its
  validity ended after an underscore (56_2025: Khánh Hòa before 1/7/2025);
- every REF_AREA code carries the official code and its validity dates as annotations (OFFICIAL_CODE, VALID_FROM,
  VALID_TO), and a row's REF_AREA is the unit its code meant in that row's year, resolved as on the area pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from scripts import i18n

AGENCY = "TREEM_NT"  # the project's own SDMX agency: no code here is claimed to be another body's
SDMX_ID = re.compile(r"^[A-Za-z0-9_@$\-]+$")  # common:IDType of the SDMX-ML 3.0 schemas
NOT_APPLICABLE = "_Z"
SEX = {"total": "_T", "female": "F", "male": "M"}


@dataclass(frozen=True)
class Annotation:
    type: str
    value: str = ""
    url: str = ""


@dataclass(frozen=True)
class Code:
    id: str
    name_vi: str
    name_en: str
    description_vi: str = ""
    description_en: str = ""
    annotations: tuple[Annotation, ...] = ()


@dataclass(frozen=True)
class Codelist:
    id: str
    name_vi: str
    name_en: str
    codes: tuple[Code, ...]
    version: str = "1.0.0"

    def ids(self) -> set[str]:
        return {c.id for c in self.codes}


def _labelled(table: dict) -> tuple[Code, ...]:
    return tuple(Code(key, names["vi"], names["en"]) for key, names in table.items())


# Code lists that do not depend on the data, by the column whose values they code (a value of the column IS its code,
# except for sex). A value outside them is the problem sdmx-code-not-in-list.
FIXED: dict[str, Codelist] = {
    "sex": Codelist("CL_SEX", "Giới tính", "Sex", (Code("_T", "Tổng", "Total"), Code("F", "Nữ", "Female"),
                                                   Code("M", "Nam", "Male"))),
    "unit": Codelist("CL_UNIT", "Đơn vị đo", "Unit of measure", _labelled(i18n.UNITS)),
    "series": Codelist("CL_SERIES", "Chuỗi số liệu", "Data series", _labelled(i18n.SERIES)),
    "qualifier": Codelist("CL_QUALIFIER", "Từ chỉ mức của nguồn", "Qualifier of the source",
                          _labelled(i18n.QUALIFIERS)),
    "doubt_reason": Codelist("CL_DOUBT_REASON", "Lý do nghi vấn", "Reason for doubt", _labelled(i18n.DOUBT_REASONS)),
    "trust": Codelist("CL_TRUST", "Độ tin cậy của nguồn", "Source trust", _labelled(i18n.TRUST)),
}
OBS_STATUS = Codelist("CL_OBS_STATUS", "Tình trạng quan sát", "Observation status", (
    Code("A", "Giá trị bình thường", "Normal value"),
    Code("P", "Số sơ bộ", "Provisional value"),
    Code("O", "Không có giá trị", "Missing value")))
CONF_STATUS = Codelist("CL_CONF_STATUS", "Tình trạng bảo mật", "Confidentiality status", (
    Code("F", "Được công bố", "Free"),
    Code("C", "Ẩn vì số nhỏ, để bảo vệ quyền riêng tư", "Suppressed: a small count, to protect privacy")))


def fixed_code(column: str, value: str) -> str | None:
    """The code of a value of a column with a fixed code list; None when the list has no such code."""
    code = SEX.get(value) if column == "sex" else value
    return code if code in FIXED[column].ids() else None


# --- code lists from the datasets ------------------------------------------------------------------------------------
def area_ids(units: pd.DataFrame) -> list[str]:
    """The REF_AREA code of every row of the admin-units table, in its order (see the module's docstring)."""
    codes = units["code"].astype(str).tolist()
    ends = units["valid_to"].astype(str).tolist() if "valid_to" in units else [""] * len(codes)
    shared = set(units["code"][units["code"].duplicated(keep=False)].astype(str))
    out: list[str] = []
    taken: set[str] = set()
    for code, end in zip(codes, ends):
        if code in shared and end:
            code = f"{code}_{end[:4]}" if f"{code}_{end[:4]}" not in taken else f"{code}_{end.replace('-', '')}"
        out.append(code)
        taken.add(code)
    seen: dict[str, int] = {}
    for i, code in enumerate(out):  # two units still valid with one code (a data error caught elsewhere): keep apart
        seen[code] = seen.get(code, 0) + 1
        if seen[code] > 1:
            out[i] = f"{code}_{seen[code]}"
    return out


def area_codelist(units: pd.DataFrame, version: str) -> Codelist:
    codes = []
    for sdmx_id, r in zip(area_ids(units), units.to_dict("records")):
        notes = tuple(Annotation(kind, str(r.get(column) or "")) for kind, column in
                      (("OFFICIAL_CODE", "code"), ("VALID_FROM", "valid_from"), ("VALID_TO", "valid_to"),
                       ("VALIDITY", "validity"), ("LEVEL", "level"), ("PARENT_CODE", "parent_code"))
                      if r.get(column))
        codes.append(Code(sdmx_id, str(r["name_vi"]), str(r["name_en"]), annotations=notes))
    return Codelist("CL_AREA", "Địa bàn", "Reference area", tuple(codes), version)


def resolve_areas(units: pd.DataFrame, area_code: pd.Series, year: pd.Series) -> pd.Series:
    """The REF_AREA code of each (area_code, year): the unit the code meant that year, the first such unit in the
    admin-units table (as the area pages resolve it); a code no unit has stays as it is (the validator reports it)."""
    ids = area_ids(units)
    codes = units["code"].astype(str).tolist()
    start = pd.to_numeric(units["valid_from"].astype(str).str[:4], errors="coerce").fillna(-1).astype(int).tolist()
    end = pd.to_numeric(units["valid_to"].astype(str).str[:4], errors="coerce").fillna(10**6).astype(int).tolist()
    first: dict[str, str] = {}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for code, sdmx_id, s, e in zip(codes, ids, start, end):
        first.setdefault(code, sdmx_id)
        spans.setdefault(code, []).append((s, e, sdmx_id))
    out = area_code.astype(str).map(first).fillna(area_code.astype(str))
    reused = area_code.astype(str).isin([c for c, s in spans.items() if len(s) > 1])
    if reused.any():
        pairs = pd.DataFrame({"code": area_code[reused].astype(str), "year": year[reused].astype(int)})
        for (code, y), index in pairs.groupby(["code", "year"]).groups.items():
            out[index] = next((i for s, e, i in spans[code] if s <= y <= e), first[code])
    return out


def indicator_codelist(indicators: pd.DataFrame, version: str) -> Codelist:
    codes = [Code(str(r["indicator_id"]), str(r["name_vi"]), str(r["name_en"]),
                  annotations=(Annotation("GOAL", str(r.get("goal_id") or "")),) if r.get("goal_id") else ())
             for r in indicators.to_dict("records")]
    codes.append(Code(NOT_APPLICABLE, "Không áp dụng: chuỗi đo không khớp chỉ tiêu nào của Quyết định 23",
                      "Not applicable: the measure matches no indicator of Decision 23"))
    return Codelist("CL_INDICATOR", "Chỉ tiêu của Quyết định 23/QĐ-TTg", "Indicator of Decision 23/QĐ-TTg",
                    tuple(codes), version)


# The measures' columns that map a measure to a global code, each with the column of its metadata page (source).
GLOBAL_CODES = {"sdg_series": ("sdg_series_source", "SDG_SERIES"),
                "unicef_indicator": ("unicef_indicator_source", "UNICEF_INDICATOR")}


def measure_codelist(measures: pd.DataFrame, version: str) -> Codelist:
    codes = []
    for r in measures.to_dict("records"):
        notes = [Annotation(kind, str(r.get(column) or "")) for kind, column in
                 (("INDICATOR", "indicator_id"), ("RELATION", "relation")) if r.get(column)]
        notes += [Annotation(kind, str(r[column]), str(r.get(source) or ""))
                  for column, (source, kind) in GLOBAL_CODES.items() if r.get(column)]
        codes.append(Code(str(r["measure"]), str(r["name_vi"]), str(r["name_en"]),
                          str(r.get("definition_note_vi") or ""), str(r.get("definition_note_en") or ""),
                          tuple(notes)))
    return Codelist("CL_MEASURE", "Chuỗi đo", "Measure", tuple(codes), version)


def source_codelist(sources: pd.DataFrame, version: str) -> Codelist:
    codes = [Code(str(r["source_id"]), str(r["title_vi"]), str(r["title_en"]), str(r.get("publisher_vi") or ""),
                  str(r.get("publisher_en") or ""),
                  tuple(a for a in (Annotation("URL", "", str(r.get("url") or "")) if r.get("url") else None,
                                    Annotation("TRUST", str(r.get("trust") or "")) if r.get("trust") else None) if a))
             for r in sources.to_dict("records")]
    return Codelist("CL_SOURCE", "Nguồn", "Source", tuple(codes), version)
