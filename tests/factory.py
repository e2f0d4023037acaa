"""Small hand-written models for unit tests of what the site decides and says.

Every value here is SYNTHETIC and written by hand for one test: the expected sentences in the tests are worked out
from these values on paper, never produced by the code under test.
"""
from __future__ import annotations

import pandas as pd

from scripts.model import Area, Goal, Indicator, Model, Source, Target

OBS_COLUMNS = ["measure", "indicator_id", "area_code", "area_name", "year", "sex", "value", "qualifier",
               "value_status", "unit", "series", "provisional", "conflict", "doubt_reason", "source_id", "quote",
               "quote_lang", "note_vi", "note_en"]

AREAS = [
    Area("VN", "Việt Nam", "Viet Nam", "country", "", "", "", "valid", "", "", "nguồn", "source", "", ""),
    Area("58", "Tỉnh Ninh Thuận", "Ninh Thuận Province", "province", "VN", "", "2025-06-30", "ended", "56",
         "official", "nguồn", "source", "", ""),
    Area("56", "Tỉnh Khánh Hòa", "Khánh Hòa Province", "province", "VN", "2025-07-01", "", "valid", "", "",
         "nguồn", "source", "", ""),
    Area("56", "Tỉnh Khánh Hòa (trước 1/7/2025)", "Khánh Hòa Province (before 1 July 2025)", "province", "VN", "",
         "2025-06-30", "ended", "56", "official", "nguồn", "source", "", ""),
]

SOURCES = {
    "gso": Source("gso", "Tổng cục Thống kê", "General Statistics Office", "Bảng A", "Table A",
                  "https://example.org/gso", "secondary-copy", "", ""),
    "paper": Source("paper", "Báo X", "Newspaper X", "Bài B", "Article B", "https://example.org/paper", "press", "",
                    ""),
    "mirror": Source("mirror", "Báo Y, bản đăng lại", "Newspaper Y, reproduced", "Bài C", "Article C",
                     "http://mirror.example/c", "low-trust-copy", "", ""),
}


def target(indicator_id: str, scope: str, year: int, comparison: str, value: float, verification: str = "confirmed",
           doubt_reason: str = "", value_upper: float | None = None, document_id: str = "23-qd-ttg") -> Target:
    return Target(indicator_id, scope, year, comparison, value, value_upper, "adopted", verification, doubt_reason,
                  document_id, "paper", (), "", "")


def obs(area: str, year: int, value: float, series: str = "gso", source: str = "gso", measure: str = "m",
        conflict: bool = False, provisional: bool = False, qualifier: str = "", doubt_reason: str = "",
        indicator_id: str = "3b", unit: str = "per-1000-live-births") -> dict:
    return {"measure": measure, "indicator_id": indicator_id, "area_code": area, "area_name": area, "year": year,
            "sex": "total", "value": value, "qualifier": qualifier, "value_status": "reported", "unit": unit,
            "series": series, "provisional": provisional, "conflict": conflict, "doubt_reason": doubt_reason,
            "source_id": source, "quote": "", "quote_lang": "", "note_vi": "", "note_en": ""}


def model(rows: list[dict], targets: list[Target], direction: str = "decrease", unit: str = "per-1000-live-births",
          indicator_id: str = "3b", measures: list[tuple[str, str]] = (("m", "same"),)) -> Model:
    """One indicator (its own rows and targets), the areas and sources above, and the documents the targets cite."""
    ind = Indicator(indicator_id, 1, "Chỉ tiêu thử", "Test indicator", "Thử", "Test", unit, direction, "",
                    targets=sorted(targets, key=lambda t: (t.scope != "national", t.scope, t.year)))
    frame = pd.DataFrame(rows, columns=OBS_COLUMNS)
    if len(frame):
        frame["year"] = frame["year"].astype(int)
        frame["value"] = frame["value"].astype(float)
        frame["trust"] = frame["source_id"].map({k: s.trust for k, s in SOURCES.items()}).astype("category")
    measures_df = pd.DataFrame([{"measure": m, "indicator_id": indicator_id, "relation": r, "name_vi": m,
                                 "name_en": m, "unit": unit, "definition_note_vi": "", "definition_note_en": ""}
                                for m, r in measures])
    documents = pd.DataFrame([
        {"document_id": "23-qd-ttg", "number": "23/QĐ-TTg", "kind": "decision"},
        {"document_id": "182-kh-ubnd", "number": "182/KH-UBND", "kind": "plan",
         "title_vi": "Kế hoạch thực hiện Quyết định 1493/QĐ-TTg", "title_en": "Plan implementing Decision 1493/QĐ-TTg"},
        {"document_id": "kh-56", "number": "", "kind": "plan"},
    ])
    return Model({}, [Goal(1, "Mục tiêu thử", "Test goal", [ind])], {ind.id: ind}, frame, measures_df, list(AREAS),
                 documents, pd.DataFrame(), dict(SOURCES), {"paper": SOURCES["paper"]})
