"""The project's own validation rules (scripts/validate/rules.py), one rule at a time on a few hand-written rows:
what is refused, with which code, on which row and field. Fast unit tests beside the corpus of broken datasets
(tests/validation/), which checks the same rules end to end."""
from __future__ import annotations

import pandas as pd

from scripts.validate.rules import (Context, Table, personal_column, rule_area_valid_for_year, rule_conflicts_flagged,
                                    rule_personal_columns, rule_text_cells)


def table(rows: list[dict], fields: list[dict] | None = None, resource: str = "observations") -> Table:
    df = pd.DataFrame(rows, dtype=str).fillna("")
    return Table("ds", resource, df, fields or [{"name": c, "type": "string"} for c in df.columns])


def found(problems) -> list[tuple]:
    return [(p.code, p.row, p.field) for p in problems]


OBS = {"measure": "m", "area_code": "58", "year": "2016", "sex": "total", "value": "16.1", "series": "gso",
       "source_id": "gso", "conflict": ""}


# --- conflicts -------------------------------------------------------------------------------------------------------
def test_two_values_of_one_observation_must_be_flagged_as_a_conflict_in_any_letter_case():
    flagged = table([dict(OBS, conflict="TRUE"), dict(OBS, value="16.4", series="news", source_id="paper", conflict="true")])
    assert rule_conflicts_flagged(flagged, Context({})) == []
    unflagged = table([dict(OBS, conflict="false"), dict(OBS, value="16.4", series="news", source_id="paper", conflict="TRUE")])
    assert found(rule_conflicts_flagged(unflagged, Context({}))) == [("conflict-not-flagged", 2, "conflict")]


def test_the_same_value_from_two_sources_is_no_conflict_and_an_empty_value_is_none_either():
    same = table([OBS, dict(OBS, series="news", source_id="paper"), dict(OBS, value="", source_id="x")])
    assert rule_conflicts_flagged(same, Context({})) == []


# --- areas by year ---------------------------------------------------------------------------------------------------
def units() -> dict:
    return {"admin-units": {"admin-units": table([
        {"code": "58", "valid_from": "", "valid_to": "2025-06-30"},
        {"code": "56", "valid_from": "2025-07-01", "valid_to": ""}], resource="admin-units")}}


def test_an_area_is_valid_in_the_year_it_ends_and_the_year_it_begins_and_not_outside():
    rows = table([dict(OBS, year="2025"), dict(OBS, year="2026"), dict(OBS, area_code="56", year="2025"),
                  dict(OBS, area_code="56", year="2024"), dict(OBS, area_code="99", year="1990")])
    problems = rule_area_valid_for_year(rows, Context(units()))
    assert found(problems) == [("area-not-valid-for-year", 3, "area_code"), ("area-not-valid-for-year", 5, "area_code")]
    assert [p.detail for p in problems] == ["58 năm 2026", "56 năm 2024"]


# --- addresses -------------------------------------------------------------------------------------------------------
def test_only_http_addresses_without_spaces_are_accepted_in_an_address_field():
    fields = [{"name": "url", "type": "string", "format": "uri"}]
    rows = table([{"url": "https://example.org/a?b=1"}, {"url": "javascript:alert(1)"}, {"url": "https://a.vn/x y"},
                  {"url": "ftp://example.org"}, {"url": ""}, {"url": "http://example.org"}], fields)
    problems = found(rule_text_cells(rows, Context({})))
    assert [p for p in problems if p[0] == "url-invalid"] == [("url-invalid", 3, "url"), ("url-invalid", 4, "url"),
                                                             ("url-invalid", 5, "url")]
    assert ("html-in-text", 3, "url") in problems  # a script address is also markup


# --- privacy ---------------------------------------------------------------------------------------------------------
def test_a_column_of_personal_data_is_refused_whatever_its_diacritics_or_case():
    for name in ("địa chỉ", "Địa chỉ", "Họ và tên", "ngày sinh", "Số điện thoại", "email", "student_id"):
        assert personal_column(name), name
    for name in ("area_code", "value", "đơn vị", "year"):
        assert not personal_column(name), name
    t = table([{"area_code": "58", "địa chỉ": "x"}])
    assert found(rule_personal_columns(t, Context({}))) == [("personal-data-column", None, "địa chỉ")]
