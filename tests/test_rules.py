"""The project's own validation rules (scripts/validate/rules.py), one rule at a time on a few hand-written rows:
what is refused, with which code, on which row and field, and what the staff member is told. Fast unit tests beside
the corpus of broken datasets (tests/validation/), which checks the same rules end to end."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from scripts.validate.rules import (UNIT_BOUNDS, Context, Table, numbers, personal_column, rule_area_valid_for_year,
                                    rule_conflicts_flagged, rule_external_foreign_keys, rule_no_duplicate_observations,
                                    rule_personal_columns, rule_plausible_values, rule_small_counts,
                                    rule_suppressed_cells, rule_targets_follow_direction, rule_text_cells,
                                    rule_year_not_future)

NO_CATALOG = Context({})


def table(rows: list[dict], fields: list[dict] | None = None, resource: str = "observations", schema=None) -> Table:
    df = pd.DataFrame(rows, dtype=str).fillna("")
    return Table("ds", resource, df, fields or [{"name": c, "type": "string"} for c in df.columns], schema or {})


def found(problems) -> list[tuple]:
    return [(p.code, p.row, p.field) for p in problems]


def said(problems) -> list[tuple]:
    """What a staff member reads of each problem: code, row of the file (the header is row 1), field, detail."""
    return [(p.code, p.row, p.field, p.detail) for p in problems]


def where(problems) -> list[tuple]:
    """Where each problem is said to be: dataset and resource."""
    return [(p.dataset, p.resource) for p in problems]


OBS = {"measure": "m", "area_code": "58", "year": "2016", "sex": "total", "value": "16.1", "series": "gso",
       "source_id": "gso", "conflict": ""}


# --- which tables a rule reads -----------------------------------------------------------------------------------------
def test_a_table_of_observations_has_an_area_a_year_a_value_and_a_measure_or_an_indicator():
    assert table([{"area_code": "58", "year": "2016", "value": "1", "measure": "m"}]).is_observations()
    assert table([{"area_code": "58", "year": "2016", "value": "1", "indicator_id": "1"}]).is_observations()
    assert not table([{"area_code": "58", "year": "2016", "value": "1"}]).is_observations()
    assert not table([{"year": "2016", "value": "1", "measure": "m"}]).is_observations()
    assert not table([{"area_code": "58", "value": "1", "measure": "m"}]).is_observations()
    assert not table([{"area_code": "58", "year": "2016", "measure": "m"}]).is_observations()


def test_a_rule_leaves_alone_a_table_without_the_columns_it_reads():
    assert rule_small_counts(table([{"value": "1"}]), NO_CATALOG) == []
    assert rule_small_counts(table([{"unit": "children"}]), NO_CATALOG) == []
    assert rule_suppressed_cells(table([{"value": "1"}]), NO_CATALOG) == []
    assert rule_suppressed_cells(table([{"value_status": "suppressed"}]), NO_CATALOG) == []
    assert rule_plausible_values(table([{"value": "-1"}]), NO_CATALOG) == []
    assert rule_plausible_values(table([{"unit": "percent"}]), NO_CATALOG) == []
    # area, year and value, but neither measure nor indicator: not observations
    rows = [{"area_code": "58", "year": "2030", "value": "1", "conflict": ""},
            {"area_code": "58", "year": "2030", "value": "2", "conflict": ""}]
    assert rule_year_not_future(table(rows), Context({}, today=date(2026, 6, 1))) == []
    assert rule_no_duplicate_observations(table(rows), NO_CATALOG) == []
    assert rule_conflicts_flagged(table(rows), NO_CATALOG) == []
    assert rule_area_valid_for_year(table(rows), Context(units())) == []


# --- privacy ---------------------------------------------------------------------------------------------------------
def test_a_column_of_personal_data_is_refused_whatever_its_diacritics_or_case():
    for name in ("địa chỉ", "Địa chỉ", "Họ và tên", "ngày sinh", "Số điện thoại", "email", "student_id"):
        assert personal_column(name), name
    for name in ("area_code", "value", "đơn vị", "year"):
        assert not personal_column(name), name
    t = table([{"area_code": "58", "địa chỉ": "x"}])
    assert found(rule_personal_columns(t, Context({}))) == [("personal-data-column", None, "địa chỉ")]


def test_a_personal_column_is_found_by_its_whole_name_or_a_word_of_it_whatever_the_spaces_and_signs():
    # a whole name: only as the column's name, spaces, signs and case aside
    for name in ("Email ", " TÊN", "Họ", "Lớp", "SĐT", "- Ảnh -", "dob"):
        assert personal_column(name), name
    # a part of a name, between underscores, spaces or signs
    for name in ("Ngày sinh của trẻ", "tre.ho-ten", "Child Name", "địa chỉ thường trú", "so dien thoai (me)"):
        assert personal_column(name), name
    # a word that only begins or ends like one is not personal
    for name in ("tenure", "photography_budget", "emails_sent", "phones", "ho_so", "school_year", "classification"):
        assert not personal_column(name), name


def test_each_personal_column_is_one_problem_naming_the_column_of_the_whole_table():
    t = table([{"area_code": "58", "Họ tên": "A", "value": "1", "Email": "a@b.vn"}])
    problems = rule_personal_columns(t, NO_CATALOG)
    assert said(problems) == [("personal-data-column", None, "Họ tên", "cột 'Họ tên'"),
                              ("personal-data-column", None, "Email", "cột 'Email'")]
    assert where(problems) == [("ds", "observations")] * 2


# --- small counts and suppressed cells -------------------------------------------------------------------------------
def test_a_count_of_children_or_cases_below_the_minimum_is_refused_unless_suppressed():
    rows = table([
        {"unit": "children", "value": "3", "value_status": "reported"},
        {"unit": "cases", "value": "4", "value_status": ""},
        {"unit": "children", "value": "5", "value_status": ""},       # the minimum itself is allowed
        {"unit": "children", "value": "0", "value_status": ""},       # none at all says nothing about a child
        {"unit": "percent", "value": "3", "value_status": ""},        # not a count
        {"unit": "children", "value": "2", "value_status": "suppressed"},
        {"unit": "cases", "value": "1", "value_status": "reported"},
        {"unit": "children", "value": "", "value_status": "reported"},
        {"unit": "children", "value": "4.5", "value_status": ""},
    ])
    problems = rule_small_counts(rows, NO_CATALOG)
    assert said(problems) == [("small-count", 2, "value", "3 < 5"), ("small-count", 3, "value", "4 < 5"),
                              ("small-count", 8, "value", "1 < 5"), ("small-count", 10, "value", "4.5 < 5")]
    assert where(problems) == [("ds", "observations")] * 4


def test_the_minimum_count_is_the_one_configured_and_a_table_without_a_status_column_is_checked_too():
    rows = table([{"unit": "children", "value": "9"}, {"unit": "children", "value": "10"},
                  {"unit": "cases", "value": "1"}])
    assert said(rule_small_counts(rows, Context({}, min_count=10))) == [("small-count", 2, "value", "9 < 10"),
                                                                        ("small-count", 4, "value", "1 < 10")]


def test_a_suppressed_cell_must_be_empty_and_a_reported_one_must_not():
    rows = table([
        {"value": "", "value_status": "reported"},
        {"value": "3", "value_status": "suppressed"},
        {"value": "", "value_status": "suppressed"},
        {"value": "7", "value_status": "reported"},
        {"value": "", "value_status": ""},
        {"value": "0", "value_status": "suppressed"},
    ])
    problems = rule_suppressed_cells(rows, NO_CATALOG)
    assert said(problems) == [("suppressed-value-present", 3, "value", "'3'"),
                              ("suppressed-value-present", 7, "value", "'0'"),
                              ("value-missing", 2, "value", "value_status = reported")]
    assert where(problems) == [("ds", "observations")] * 3


# --- plausible values ------------------------------------------------------------------------------------------------
def test_a_value_outside_its_units_bounds_is_refused_and_the_bounds_themselves_are_allowed():
    rows = table([
        {"unit": "percent", "value": "100"},
        {"unit": "percent", "value": "100.5"},
        {"unit": "percent", "value": "-0.1"},
        {"unit": "percent", "value": "0"},
        {"unit": "children", "value": "-1"},
        {"unit": "children", "value": "1000000"},
        {"unit": "percent-per-year", "value": "-100"},
        {"unit": "percent-per-year", "value": "-100.1"},
        {"unit": "per-1000-live-births", "value": "1001"},
        {"unit": "per-1000-live-births", "value": "1000"},
        {"unit": "per-100000-children", "value": "100001"},
        {"unit": "percent-of-age-group", "value": "120"},     # enrolment may pass 100 %: no upper bound
        {"unit": "percent-of-age-group", "value": "-2"},
        {"unit": "cases", "value": "-3"},
        {"unit": "percent-per-year", "value": "100.1"},
        {"unit": "ratio", "value": "-5"},                     # a unit without bounds
        {"unit": "percent", "value": "abc"},                  # not a number: its type error is said elsewhere
        {"unit": "percent", "value": ""},
    ])
    problems = rule_plausible_values(rows, NO_CATALOG)
    assert said(problems) == [
        ("value-implausible", 3, "value", "100.5 (percent: 0–100)"),
        ("value-implausible", 4, "value", "-0.1 (percent: 0–100)"),
        ("value-implausible", 14, "value", "-2 (percent-of-age-group: 0–∞)"),
        ("value-implausible", 10, "value", "1001 (per-1000-live-births: 0–1000)"),
        ("value-implausible", 12, "value", "100001 (per-100000-children: 0–100000)"),
        ("value-implausible", 6, "value", "-1 (children: 0–∞)"),
        ("value-implausible", 15, "value", "-3 (cases: 0–∞)"),
        ("value-implausible", 9, "value", "-100.1 (percent-per-year: -100–100)"),
        ("value-implausible", 16, "value", "100.1 (percent-per-year: -100–100)"),
    ]
    assert where(problems) == [("ds", "observations")] * 9


def test_not_a_number_and_infinity_are_refused_once_whatever_their_case_and_spaces():
    rows = table([
        {"unit": "percent", "value": " NaN "},
        {"unit": "children", "value": "Infinity"},
        {"unit": "cases", "value": "1e400"},                  # too large for a number: infinite
        {"unit": "percent-per-year", "value": "-inf"},
        {"unit": "ratio", "value": "+INF"},
        {"unit": "percent", "value": "-1e400"},
        {"unit": "percent", "value": "50"},
    ])
    assert said(rule_plausible_values(rows, NO_CATALOG)) == [
        ("value-implausible", 2, "value", "' NaN '"), ("value-implausible", 3, "value", "'Infinity'"),
        ("value-implausible", 4, "value", "'1e400'"), ("value-implausible", 5, "value", "'-inf'"),
        ("value-implausible", 6, "value", "'+INF'"), ("value-implausible", 7, "value", "'-1e400'")]


# --- years -----------------------------------------------------------------------------------------------------------
def test_a_year_after_this_one_is_refused_and_this_year_is_allowed():
    rows = table([dict(OBS, year="2026"), dict(OBS, year="2027"), dict(OBS, year="2025"), dict(OBS, year="3000")])
    problems = rule_year_not_future(rows, Context({}, today=date(2026, 6, 1)))
    assert said(problems) == [("year-in-future", 3, "year", "2027 > 2026"), ("year-in-future", 5, "year", "3000 > 2026")]
    assert where(problems) == [("ds", "observations")] * 2


# --- duplicates and conflicts ----------------------------------------------------------------------------------------
def test_a_second_row_of_the_same_observation_from_the_same_source_is_a_duplicate():
    rows = table([
        OBS,
        dict(OBS, value="16.4", note="x", conflict="true"),   # value, note and conflict do not identify a row
        dict(OBS, series="news"),
        dict(OBS, source_id="paper"),
        dict(OBS, sex="female"),
        dict(OBS, year="2017"),
        OBS,
    ], resource="obs")
    problems = rule_no_duplicate_observations(rows, NO_CATALOG)
    detail = "measure=m, area_code=58, year=2016, sex=total, series=gso"   # the source is named by the row itself
    assert said(problems) == [("duplicate-observation", 3, "", detail), ("duplicate-observation", 8, "", detail)]
    assert where(problems) == [("ds", "obs")] * 2


def test_an_indicator_identifies_an_observation_only_in_a_table_without_a_measure():
    by_indicator = {"indicator_id": "1", "area_code": "58", "year": "2016", "value": "5", "source_url": "https://a.vn"}
    rows = table([by_indicator, dict(by_indicator, indicator_id="2"), dict(by_indicator, value="6"),
                  dict(by_indicator, source_url="https://b.vn")])
    assert said(rule_no_duplicate_observations(rows, NO_CATALOG)) == [
        ("duplicate-observation", 4, "", "indicator_id=1, area_code=58, year=2016")]
    with_measure = table([dict(OBS, indicator_id="1"), dict(OBS, indicator_id="2")])
    assert said(rule_no_duplicate_observations(with_measure, NO_CATALOG)) == [
        ("duplicate-observation", 3, "", "measure=m, area_code=58, year=2016, sex=total, series=gso")]


def test_two_values_of_one_observation_must_be_flagged_as_a_conflict_in_any_letter_case():
    flagged = table([dict(OBS, conflict="TRUE"), dict(OBS, value="16.4", series="news", source_id="paper", conflict="true")])
    assert rule_conflicts_flagged(flagged, Context({})) == []
    unflagged = table([dict(OBS, conflict="false"), dict(OBS, value="16.4", series="news", source_id="paper", conflict="TRUE")])
    assert found(rule_conflicts_flagged(unflagged, Context({}))) == [("conflict-not-flagged", 2, "conflict")]


def test_the_same_value_from_two_sources_is_no_conflict_and_an_empty_value_is_none_either():
    same = table([OBS, dict(OBS, series="news", source_id="paper"), dict(OBS, value="", source_id="x")])
    assert rule_conflicts_flagged(same, Context({})) == []


def test_a_conflict_is_said_on_each_unflagged_row_of_the_observation_with_what_identifies_it():
    rows = table([
        dict(OBS, value=""),                                                  # no value: no part in a conflict
        dict(OBS, value="16.1", source_url="https://a.vn"),
        dict(OBS, value="16.4", series="news", source_id="paper", source_url="https://b.vn", conflict="True"),
        dict(OBS, sex="female", value="10"),
        dict(OBS, sex="female", value="10.0", series="news", source_id="paper"),   # the same number written twice
        dict(OBS, year="2017", value="1"),
        dict(OBS, year="2017", value="2", series="news"),
    ], resource="obs")
    problems = rule_conflicts_flagged(rows, NO_CATALOG)
    assert said(problems) == [("conflict-not-flagged", 3, "conflict", "m, 58, 2016, total"),
                              ("conflict-not-flagged", 7, "conflict", "m, 58, 2017, total"),
                              ("conflict-not-flagged", 8, "conflict", "m, 58, 2017, total")]
    assert where(problems) == [("ds", "obs")] * 3


def test_conflicts_are_not_looked_for_in_a_table_without_a_conflict_column():
    without = {k: v for k, v in OBS.items() if k != "conflict"}
    assert rule_conflicts_flagged(table([without, dict(without, value="1", series="x")]), NO_CATALOG) == []
    assert found(rule_conflicts_flagged(table([OBS, dict(OBS, value="1", series="x")]), NO_CATALOG)) == [
        ("conflict-not-flagged", 2, "conflict"), ("conflict-not-flagged", 3, "conflict")]


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


def test_each_row_of_an_area_outside_its_years_is_refused_whatever_the_order_of_the_rows():
    catalog = {"admin-units": {"admin-units": table([
        {"code": "58", "valid_from": "1992-04-01", "valid_to": "2025-06-30"},
        {"code": "56", "valid_from": "2025-07-01", "valid_to": ""},
        {"code": "VN", "valid_from": "", "valid_to": ""}], resource="admin-units")}}
    rows = table([dict(OBS, area_code="56", year="2030"), dict(OBS, year="1991"), dict(OBS, area_code="VN", year="1"),
                  dict(OBS, area_code="56", year="2024"), dict(OBS, year="1992"), dict(OBS, year="2030"),
                  dict(OBS, area_code="VN", year="2030"), dict(OBS, area_code="56", year="1991"),
                  dict(OBS, year="1991"), dict(OBS, area_code="xx", year="2030")], resource="obs")
    problems = rule_area_valid_for_year(rows, Context(catalog))
    assert said(problems) == [("area-not-valid-for-year", 3, "area_code", "58 năm 1991"),
                              ("area-not-valid-for-year", 5, "area_code", "56 năm 2024"),
                              ("area-not-valid-for-year", 7, "area_code", "58 năm 2030"),
                              ("area-not-valid-for-year", 9, "area_code", "56 năm 1991"),
                              ("area-not-valid-for-year", 10, "area_code", "58 năm 1991")]
    assert where(problems) == [("ds", "obs")] * 5


def test_areas_are_not_checked_without_a_table_of_areas_with_their_years():
    rows = table([dict(OBS, year="2030")])
    assert rule_area_valid_for_year(rows, NO_CATALOG) == []
    assert rule_area_valid_for_year(rows, Context({"admin-units": {}})) == []
    for missing in ("code", "valid_from", "valid_to"):
        columns = {k: v for k, v in {"code": "58", "valid_from": "2040", "valid_to": "2041"}.items() if k != missing}
        assert rule_area_valid_for_year(rows, Context({"admin-units": {"admin-units": table([columns])}})) == [], missing


def test_an_area_whose_dates_cannot_be_read_is_checked_as_if_they_were_not_given():
    """A date that is not a date is its own type error (frictionless): here it must not stop the check of the rest."""
    catalog = {"admin-units": {"admin-units": table([
        {"code": "58", "valid_from": "khoảng 1992", "valid_to": "2025-06-30"},
        {"code": "56", "valid_from": "2025-07-01", "valid_to": "chưa rõ"}], resource="admin-units")}}
    rows = table([dict(OBS, year="1900"), dict(OBS, year="2026"), dict(OBS, area_code="56", year="2024"),
                  dict(OBS, area_code="56", year="2090")])
    assert said(rule_area_valid_for_year(rows, Context(catalog))) == [
        ("area-not-valid-for-year", 3, "area_code", "58 năm 2026"), ("area-not-valid-for-year", 4, "area_code", "56 năm 2024")]


def test_an_area_without_a_first_or_last_year_is_valid_in_every_year_however_far():
    catalog = {"admin-units": {"admin-units": table([{"code": "VN", "valid_from": "", "valid_to": ""}])}}
    rows = table([dict(OBS, area_code="VN", year=year) for year in ("-5", "0", "1", "2016", "1000001", "99999999")])
    assert rule_area_valid_for_year(rows, Context(catalog)) == []


# --- foreign keys to other datasets ----------------------------------------------------------------------------------
SOURCES = {"sources": {"sources": table([{"source_id": "gso"}, {"source_id": "unicef"}], resource="sources")}}


def key(column="source_id", package="sources", resource="sources", ref="source_id", **more) -> dict:
    return {"fields": [column], "reference": {"package": package, "resource": resource, "fields": [ref]}, **more}


def test_a_value_missing_from_the_referenced_table_is_refused_unless_empty_or_allowed():
    rows = table([{"source_id": "gso"}, {"source_id": "who"}, {"source_id": ""}, {"source_id": "other"},
                  {"source_id": "5"}, {"source_id": "unicef"}],
                 schema={"externalForeignKeys": [key(allow=["other", 5])]})
    problems = rule_external_foreign_keys(rows, Context(SOURCES))
    assert said(problems) == [
        ("foreign-key-external", 3, "source_id", "'who' không có trong sources/sources.source_id"),
        ("foreign-key-external", 6, "source_id", "'5' không có trong sources/sources.source_id")]
    assert where(problems) == [("ds", "observations")] * 2


def test_one_key_may_be_given_alone_and_an_allow_that_is_not_a_list_allows_nothing():
    rows = table([{"source_id": "gso"}, {"source_id": "x"}], schema={"externalForeignKeys": key(allow="x")})
    assert said(rule_external_foreign_keys(rows, Context(SOURCES))) == [
        ("foreign-key-external", 3, "source_id", "'x' không có trong sources/sources.source_id")]
    assert rule_external_foreign_keys(table([{"source_id": "x"}]), Context(SOURCES)) == []
    assert rule_external_foreign_keys(table([{"source_id": "x"}], schema={"externalForeignKeys": []}),
                                      Context(SOURCES)) == []


def test_a_key_to_a_dataset_or_table_that_is_not_there_is_refused_on_the_schema():
    """Each key is checked on its own: one that cannot be followed, or names a column that is not there, does not stop
    the keys after it from being checked."""
    rows = table([{"source_id": "x"}], schema={"externalForeignKeys": [
        key(package="nowhere"), key(resource="other"), key(), key(column="absent"), key(ref="absent"), key()]})
    problems = rule_external_foreign_keys(rows, Context(SOURCES))
    missing = ("foreign-key-external", 2, "source_id", "'x' không có trong sources/sources.source_id")
    assert said(problems) == [
        ("dataset-absent", None, "externalForeignKeys",
         "source_id → nowhere/sources.source_id: bộ dữ liệu nowhere không nằm cạnh bộ ds"),
        ("foreign-key-external", None, "externalForeignKeys",
         "source_id → sources/other.source_id: bộ dữ liệu sources không có bảng other đọc được"),
        missing, missing]
    assert where(problems) == [("ds", "observations")] * 4


def test_a_key_that_is_not_one_column_to_one_column_of_a_named_table_is_refused_saying_what_it_is():
    wrong = "cần fields: [một cột] và reference: {package, resource, fields: [một cột]}; đang là "
    keys = [
        "a",
        5,
        {"fields": "a", "reference": {"package": "p", "resource": "r", "fields": ["b"]}},
        {"fields": ["a"], "reference": {"package": "p", "resource": "r", "fields": "b"}},
        {"fields": ["a", "b"], "reference": {"package": "p", "resource": "r", "fields": ["b"]}},
        {"fields": ["a"], "reference": {"package": "p", "resource": "r", "fields": ["b", "c"]}},
        {"fields": [1], "reference": {"package": "p", "resource": "r", "fields": ["b"]}},
        {"fields": ["a"], "reference": {"package": "p", "resource": "r", "fields": [1]}},
        {"fields": ["a"], "reference": "p/r.b"},
        {"fields": ["a"], "reference": {"package": 1, "resource": "r", "fields": ["b"]}},
        {"fields": ["a"], "reference": {"package": "p", "fields": ["b"]}},
        {"fields": ["a"]},
    ]
    rows = table([{"a": "x"}], schema={"externalForeignKeys": keys})
    problems = rule_external_foreign_keys(rows, Context({"p": {"r": table([{"b": "y"}])}}))
    assert said(problems) == [("foreign-key-external", None, "externalForeignKeys", detail) for detail in [
        "mỗi khóa phải là một đối tượng {fields, reference}, không phải a",
        "mỗi khóa phải là một đối tượng {fields, reference}, không phải 5",
        wrong + '{"fields": "a", "reference": {"package": "p", "resource": "r", "fields": ["b"]}}',
        wrong + '{"fields": ["a"], "reference": {"package": "p", "resource": "r", "fields": "b"}}',
        wrong + '{"fields": ["a", "b"], "reference": {"package": "p", "resource": "r", "fields": ["b"]}}',
        wrong + '{"fields": ["a"], "reference": {"package": "p", "resource": "r", "fields": ["b", "c"]}}',
        wrong + '{"fields": [1], "reference": {"package": "p", "resource": "r", "fields": ["b"]}}',
        wrong + '{"fields": ["a"], "reference": {"package": "p", "resource": "r", "fields": [1]}}',
        wrong + '{"fields": ["a"], "reference": "p/r.b"}',
        wrong + '{"fields": ["a"], "reference": {"package": 1, "resource": "r", "fields": ["b"]}}',
        wrong + '{"fields": ["a"], "reference": {"package": "p", "fields": ["b"]}}',
        wrong + '{"fields": ["a"]}',
    ]]
    assert where(problems) == [("ds", "observations")] * 12


def test_a_long_key_is_shown_cut_short():
    long_key = {"fields": ["a"], "reference": {"package": "p" * 100, "resource": "r", "fields": []}}
    problems = rule_external_foreign_keys(table([{"a": "x"}], schema={"externalForeignKeys": [long_key, ["x" * 100]]}),
                                          NO_CATALOG)
    assert [p.detail for p in problems] == [
        "cần fields: [một cột] và reference: {package, resource, fields: [một cột]}; đang là "
        '{"fields": ["a"], "reference": {"package": "' + "p" * 55 + "…",
        'mỗi khóa phải là một đối tượng {fields, reference}, không phải ["' + "x" * 57 + "…"]


# --- text cells ------------------------------------------------------------------------------------------------------
def test_markup_and_formulas_are_refused_in_text_fields_only_and_formulas_not_in_a_list_of_codes():
    fields = [{"name": "note"}, {"name": "n", "type": "number"}, {"name": ["note"]}, {"name": "absent"},
              {"name": "comparison", "type": "string", "constraints": {"enum": ["=", "<"]}},
              {"name": "extra", "type": "any", "constraints": {"maxLength": 9}}, {"name": "year", "type": "year"}]
    rows = table([{"note": "=1+1", "n": "=1+1", "comparison": "=", "extra": "=2", "year": "<b>"},
                  {"note": "ổn", "n": "<b>", "comparison": "=SUM(A1)", "extra": "<b>x</b>", "year": "2016"}], fields,
                 resource="obs")
    problems = rule_text_cells(rows, NO_CATALOG)
    assert said(problems) == [("formula-cell", 2, "note", "=1+1"), ("html-in-text", 3, "extra", "<b>x</b>"),
                              ("formula-cell", 2, "extra", "=2")]
    assert where(problems) == [("ds", "obs")] * 3


def test_only_http_addresses_without_spaces_are_accepted_in_an_address_field():
    fields = [{"name": "url", "type": "string", "format": "uri"}]
    rows = table([{"url": "https://example.org/a?b=1"}, {"url": "javascript:alert(1)"}, {"url": "https://a.vn/x y"},
                  {"url": "ftp://example.org"}, {"url": ""}, {"url": "http://example.org"}], fields)
    problems = found(rule_text_cells(rows, Context({})))
    assert [p for p in problems if p[0] == "url-invalid"] == [("url-invalid", 3, "url"), ("url-invalid", 4, "url"),
                                                             ("url-invalid", 5, "url")]
    assert ("html-in-text", 3, "url") in problems  # a script address is also markup


def test_each_row_with_a_wrong_address_is_refused_with_the_address_cut_at_80_characters():
    fields = [{"name": "source_url", "format": "uri"}, {"name": "note"}]
    long = "www.example.org/" + "b" * 90
    rows = table([{"source_url": long, "note": ""}, {"source_url": "https://", "note": "https://"},
                  {"source_url": "https://a.vn/" + "c" * 200, "note": ""}, {"source_url": long, "note": ""},
                  {"source_url": "see https://a.vn", "note": ""}], fields)
    assert said(rule_text_cells(rows, NO_CATALOG)) == [
        ("url-invalid", 2, "source_url", "www.example.org/" + "b" * 64),
        ("url-invalid", 3, "source_url", "https://"),
        ("url-invalid", 5, "source_url", "www.example.org/" + "b" * 64),
        ("url-invalid", 6, "source_url", "see https://a.vn")]


# --- targets ---------------------------------------------------------------------------------------------------------
INDICATORS = {"ds": {"indicators": table([{"indicator_id": "1", "direction": "decrease"},
                                          {"indicator_id": "2", "direction": "increase"},
                                          {"indicator_id": "3", "direction": ""}], resource="indicators")}}


def target(indicator, scope, year, comparison, value) -> dict:
    return {"indicator_id": indicator, "scope": scope, "year": year, "comparison": comparison, "value": value}


def test_a_target_must_be_compared_and_move_the_way_its_indicator_should_go():
    rows = table([
        target("1", "province", "2030", "<=", "10"),
        target("1", "province", "2025", "<", "12"),       # earlier and higher: the rows are read in year order
        target("1", "national", "2025", ">", "5"),        # a decrease compared with '>'
        target("1", "national", "2030", "=", "6"),        # a decrease that goes up
        target("2", "province", "2025", ">=", "90"),
        target("2", "province", "2030", ">", "85"),       # an increase that goes down
        target("2", "province", "2020", "<", "80"),       # an increase compared with '<'
        target("1", "province", "2035", "=", "10"),       # staying level is allowed either way
        target("2", "national", "2025", ">=", "50"),
        target("2", "national", "2030", ">=", "50"),
        target("3", "province", "2025", "<", "5"),        # no direction: nothing is checked
        target("3", "province", "2030", ">", "1"),
        target("9", "province", "2025", "<", "5"),        # an unknown indicator: nothing either
        target("9", "province", "2030", ">", "9"),
        target("2", "district", "2030", "=", "95"),
    ], resource="targets")
    problems = rule_targets_follow_direction(rows, Context(INDICATORS))
    assert said(problems) == [
        ("target-direction-mismatch", 4, "comparison", "chỉ tiêu 1 (decrease) với '>'"),
        ("target-direction-mismatch", 8, "comparison", "chỉ tiêu 2 (increase) với '<'"),
        ("target-direction-mismatch", 5, "value", "chỉ tiêu 1 (decrease), phạm vi national: mục tiêu năm 2030 là 6"),
        ("target-direction-mismatch", 7, "value", "chỉ tiêu 2 (increase), phạm vi province: mục tiêu năm 2030 là 85"),
    ]
    assert where(problems) == [("ds", "targets")] * 4


def test_targets_are_not_checked_without_the_indicators_directions_or_their_own_columns():
    rows = table([target("1", "province", "2025", ">", "5"), target("1", "province", "2030", ">", "6")])
    assert len(rule_targets_follow_direction(rows, Context(INDICATORS))) == 3
    assert rule_targets_follow_direction(rows, NO_CATALOG) == []
    no_direction = {"ds": {"indicators": table([{"indicator_id": "1", "name": "x"}], resource="indicators")}}
    assert rule_targets_follow_direction(rows, Context(no_direction)) == []
    elsewhere = {"other": INDICATORS["ds"]}
    assert rule_targets_follow_direction(rows, Context(elsewhere)) == []
    for column in ("indicator_id", "scope", "year", "comparison", "value"):
        without = table([{k: v for k, v in row.items() if k != column} for row in rows.df.to_dict("records")])
        assert rule_targets_follow_direction(without, Context(INDICATORS)) == [], column
    unnamed = {"ds": {"indicators": table([{"id": "1", "direction": "decrease"}], resource="indicators")}}
    assert rule_targets_follow_direction(rows, Context(unnamed)) == []


def test_targets_that_do_not_move_the_right_way_are_said_in_the_order_of_the_file():
    rows = table([target("2", "province", "2025", ">", "9"), target("2", "province", "2030", ">", "8"),
                  target("1", "province", "2025", "<", "5"), target("1", "province", "2030", "<", "6")])
    assert said(rule_targets_follow_direction(rows, Context(INDICATORS))) == [
        ("target-direction-mismatch", 3, "value", "chỉ tiêu 2 (increase), phạm vi province: mục tiêu năm 2030 là 8"),
        ("target-direction-mismatch", 5, "value", "chỉ tiêu 1 (decrease), phạm vi province: mục tiêu năm 2030 là 6")]


def test_an_address_followed_by_a_line_break_is_refused_like_one_followed_by_a_space():
    """A line break is white space like a space: the address check must not let it through at the end of a cell
    (a regular expression's `$` also matches before a final line break), or it is published with the address."""
    fields = [{"name": "source_url", "format": "uri"}]
    rows = table([{"source_url": "https://a.vn\n"}, {"source_url": "https://a.vn "}, {"source_url": "https://a.vn"}],
                 fields)
    assert said(rule_text_cells(rows, NO_CATALOG)) == [("url-invalid", 2, "source_url", "https://a.vn\n"),
                                                       ("url-invalid", 3, "source_url", "https://a.vn ")]


def test_an_address_with_a_space_of_any_kind_is_refused():
    """A non-breaking space (copied from a word processor) or a tab is white space too."""
    fields = [{"name": "source_url", "format": "uri"}]
    rows = table([{"source_url": "https://a.vn/x\u00a0y"}, {"source_url": "https://a.vn/x\ty"}], fields)
    assert found(rule_text_cells(rows, NO_CATALOG)) == [("url-invalid", 2, "source_url"), ("url-invalid", 3, "source_url")]


# --- the helpers every rule uses -------------------------------------------------------------------------------------
def test_a_number_read_once_per_distinct_cell_is_given_back_to_every_row_by_its_index_and_name():
    """numbers() reads each distinct cell once and gives the result back to every row holding it: the rows keep their
    index (the reader numbers them by their line in the file, skipping blank lines) and the column its name; a
    missing cell stays missing, never the number of another cell."""
    cells = pd.Series(["x", "1", None, "1", "2.5", None], index=[3, 5, 7, 9, 11, 12], name="value", dtype=object)
    pd.testing.assert_series_equal(numbers(cells), pd.Series([np.nan, 1.0, np.nan, 1.0, 2.5, np.nan],
                                                             index=[3, 5, 7, 9, 11, 12], name="value"))


def test_a_problem_is_said_on_the_files_row_and_one_without_a_detail_says_only_its_title():
    t = Table("ds", "observations", pd.DataFrame({"value": ["", "1"]}, index=[4, 7]), [])
    problem = t.problem(4, "value", "value-missing")
    assert (problem.dataset, problem.resource, problem.row, problem.field, problem.detail) == (
        "ds", "observations", 6, "value", "")
    assert problem.message_in("en") == "Value missing"


def test_a_fields_type_is_the_one_its_schema_gives_and_text_when_none_is_given():
    t = table([{"a": "1"}], fields=[{"name": "a", "type": "integer"}, {"name": "b"}])
    assert (t.field_type("a"), t.field_type("b"), t.field_type("c")) == ("integer", "string", "string")


def test_a_unit_bounded_above_only_is_checked_above_only(monkeypatch):
    """UNIT_BOUNDS allows a unit without a lower bound (None); none of the units has one yet. (Only where the problem
    is, not its detail, is asserted: the detail would show the missing bound as 'None', not '−∞'.)"""
    monkeypatch.setitem(UNIT_BOUNDS, "score", (None, 10))
    rows = table([{"unit": "score", "value": "-50"}, {"unit": "score", "value": "11"}, {"unit": "score", "value": "10"},
                  {"unit": "score", "value": ""}])
    assert found(rule_plausible_values(rows, NO_CATALOG)) == [("value-implausible", 3, "value")]
