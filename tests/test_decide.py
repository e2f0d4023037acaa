"""What the site decides about an indicator (scripts/model/decide.py): which values are its own, the latest value,
the comparison target and the progress status with its reasons. Small hand-written models (tests/factory.py); every
expected value is worked out by hand from the rows written here."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from factory import model, obs, target
from scripts import wording
from scripts.model import Model
from scripts.model.decide import (Value, area_latest, comparison_targets, decide, decide_all, latest, own_rows,
                                  relations, status, target_for, trend)

NT, VN, KH = "58", "VN", "56"


def with_rows(m: Model, **changes) -> Model:
    """The model with every observation's columns changed (a column the factory does not vary)."""
    return dataclasses.replace(m, observations=m.observations.assign(**changes))


# --- the indicator's own values --------------------------------------------------------------------------------------
def test_only_the_indicators_own_measures_with_a_value_are_its_values():
    m = model([obs(NT, 2016, 16.1), obs(NT, 2017, float("nan")), obs(NT, 2018, 9.0, measure="proxy"),
               obs(NT, 2019, 14.0, measure="survey")], [],
              measures=(("m", "same"), ("proxy", "proxy"), ("survey", "survey-definition")))
    rows = own_rows(m, m.indicators["3b"])
    assert list(zip(rows["year"], rows["relation"])) == [(2016, "same"), (2019, "survey-definition")]


def test_a_model_without_measures_has_no_relations():
    m = dataclasses.replace(model([], []), measures=pd.DataFrame())
    assert relations(m) == {}


# --- the latest value ------------------------------------------------------------------------------------------------
def test_the_latest_value_is_told_with_everything_a_reader_is_shown():
    m = model([obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True)], [])
    assert latest(m, m.indicators["3b"]).value == Value(NT, 2016, 16.1, "per-1000-live-births", "", True, "gso", "m",
                                                        "gso", "secondary-copy")


def test_of_two_values_in_the_latest_year_the_more_trusted_source_is_the_latest_value():
    # the press figure comes first in the table; the official copy is more trusted
    m = model([obs(NT, 2016, 17.0, "news", "paper"), obs(NT, 2016, 16.1)], [])
    v = latest(m, m.indicators["3b"]).value
    assert (v.value, v.source_id) == (16.1, "gso")


def test_a_conflict_reports_the_conflicting_values_only():
    m = model([obs(VN, 2020, 99.6, "news", "paper", conflict=True), obs(VN, 2020, 99.7, "gso", "gso"),
               obs(VN, 2020, 99.96, "news", "paper", conflict=True)], [], "increase", "percent")
    found = latest(m, m.indicators["3b"])
    assert found.value is None and [v.value for v in found.conflicting] == [99.6, 99.96]


def test_values_for_a_part_of_the_population_are_never_the_latest_value():
    rows = [obs(NT, 2016, 16.1), obs(NT, 2017, 15.0)]
    rows[1]["sex"] = "female"
    m = model(rows, [])
    assert latest(m, m.indicators["3b"]).value.year == 2016


def test_a_value_without_a_sex_or_a_status_is_for_everyone_and_reported():
    m = with_rows(model([obs(NT, 2016, 16.1)], []), sex="", value_status="")
    assert latest(m, m.indicators["3b"]).value.value == 16.1


def test_a_latest_value_of_another_province_is_shown_on_its_area_page_by_the_same_rule():
    m = model([obs(KH, 2019, 14.0), obs(KH, 2021, 13.0), obs(NT, 2016, 16.1), obs(NT, 2017, 15.0, measure="proxy"),
               obs(VN, 2020, float("nan")), obs(VN, 2018, 12.0, conflict=True), obs(VN, 2018, 12.5, conflict=True)],
              [], measures=(("m", "same"), ("proxy", "proxy")))
    found = area_latest(m)
    assert sorted(found) == [(KH, "3b"), (NT, "3b"), (VN, "3b")]
    assert (found[(KH, "3b")].value.year, found[(KH, "3b")].value.value) == (2021, 13.0)
    assert found[(NT, "3b")].value.value == 16.1  # the proxy of 2017 is not the indicator
    assert [v.value for v in found[(VN, "3b")].conflicting] == [12.0, 12.5]  # the empty 2020 row is no value


def test_an_observation_of_no_indicator_has_no_latest_value():
    m = with_rows(model([obs(NT, 2016, 16.1)], []), indicator_id="")
    assert area_latest(m) == {}
    assert area_latest(dataclasses.replace(m, observations=m.observations.iloc[:0])) == {}


# --- the trend a sentence describes ----------------------------------------------------------------------------------
def test_the_trend_is_the_latest_values_own_series_only():
    m = model([obs(NT, 2005, 22.6), obs(VN, 2006, 20.0), obs(NT, 2007, 21.0, measure="other"),
               obs(NT, 2008, 19.0, "official-report", "gso"), obs(NT, 2009, 18.0, conflict=True),
               obs(NT, 2009, 18.5, conflict=True), obs(NT, 2010, 18.8, "gso", "paper"), obs(NT, 2016, 16.1)], [],
              measures=(("m", "same"), ("other", "same")))
    ind = m.indicators["3b"]
    chosen = latest(m, ind)
    got = trend(m, ind, chosen)
    assert [(v.year, v.value) for v in got] == [(2005, 22.6), (2016, 16.1)]
    assert got[-1] is chosen.value


def test_the_trend_takes_the_first_value_of_a_year_in_the_tables_order():
    m = model([obs(NT, 2005, 22.6), obs(NT, 2005, 22.9), obs(NT, 2016, 16.1)], [])
    ind = m.indicators["3b"]
    assert [v.value for v in trend(m, ind, latest(m, ind))] == [22.6, 16.1]


# --- the comparison target -------------------------------------------------------------------------------------------
def test_the_provinces_targets_are_used_in_the_order_of_their_years():
    ind = model([], []).indicators["3b"]
    ind = dataclasses.replace(ind, targets=[target("3b", NT, 2030, "<", 10), target("3b", "national", 2025, "<=", 12.5),
                                            target("3b", NT, 2025, "<", 15)])
    assert [(t.scope, t.year) for t in comparison_targets(ind, NT)] == [(NT, 2025), (NT, 2030)]
    assert [(t.scope, t.year) for t in comparison_targets(ind, VN)] == [("national", 2025)]
    assert [(t.scope, t.year) for t in comparison_targets(ind, "national")] == [("national", 2025)]


def test_a_value_of_a_target_year_is_compared_with_that_years_target_and_a_later_one_with_the_last():
    targets = (target("3b", "national", 2025, "<=", 12.5), target("3b", "national", 2030, "<=", 10))
    assert target_for(targets, 2016).year == 2025
    assert target_for(targets, 2025).year == 2025
    assert target_for(targets, 2026).year == 2030
    assert target_for(targets, 2031).year == 2030
    assert target_for((), 2025) is None


def test_a_national_value_is_never_compared_with_the_provinces_target():
    m = model([obs(VN, 2017, 14.4)], [target("3b", NT, 2025, "<", 15, document_id="182-kh-ubnd")])
    assert decide(m, m.indicators["3b"]).target is None


def test_without_data_the_provinces_own_target_is_shown():
    m = model([], [target("3b", "national", 2025, "<=", 12.5), target("3b", NT, 2025, "<", 15)])
    assert decide(m, m.indicators["3b"]).target.scope == NT


# --- the status ------------------------------------------------------------------------------------------------------
def test_ninh_thuans_official_series_is_assessed_with_the_numbers_behind_it():
    # 16 (2020) → 15 (2024) against at most 12.5 in 2025: R = 0.3322, limited progress (tests/test_progress.py)
    m = model([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0), obs(VN, 2020, 14.0), obs(VN, 2023, 12.0)],
              [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.reasons, s.area_code, s.series) == ("limited", (), NT, "gso")
    assert s.progress.ratio == pytest.approx(0.3322, abs=1e-4)
    assert [(t.scope, t.year) for t in s.targets] == [("national", 2025)]
    assert s.last_official == ((NT, 2024), (VN, 2023))


def test_viet_nam_is_assessed_when_ninh_thuan_cannot_be():
    m = model([obs(NT, 2016, 16.1), obs(VN, 2020, 16.0), obs(VN, 2024, 15.0)],
              [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.area_code, s.series) == ("limited", VN, "gso")
    assert s.last_official == ((NT, 2016), (VN, 2024))


def test_an_official_report_series_is_assessed_when_there_is_no_statistics_office_series():
    m = model([obs(NT, 2020, 16.0, "official-report"), obs(NT, 2024, 15.0, "official-report")],
              [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.area_code, s.series) == ("limited", NT, "official-report")


def test_the_last_official_year_of_an_area_is_the_latest_of_its_series():
    m = model([obs(NT, 2016, 16.1), obs(NT, 2014, 17.0, "official-report")], [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert s.last_official == ((NT, 2016),)
    assert s.reasons == ("no-official-data-since-base",)
    assert (s.area_code, s.series) == (NT, "gso")


def test_an_official_series_without_a_target_gives_no_target_as_the_reason():
    m = model([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0)], [])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.reasons) == ("insufficient-data", ("no-target",))


@pytest.mark.parametrize("rows, reasons", [
    ([], ("no-data", "no-target")),
    ([obs(VN, 2020, 99.6, "news", "paper")], ("no-official-series", "no-target")),
])
def test_without_an_official_series_the_status_says_why_and_names_no_area(rows, reasons):
    m = model(rows, [])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.progress.status, s.progress.reason, s.reasons) == ("insufficient-data", "insufficient-data",
                                                                         reasons[0], reasons)
    assert (s.area_code, s.series, s.targets) == ("", "", ())


@pytest.mark.parametrize("rows", [
    [obs(NT, 2020, 16.0, conflict=True), obs(NT, 2020, 14.0, "official-report", conflict=True)],
    [obs(VN, 2021, 16.0, doubt_reason="copy-error-suspected")],
    [obs(NT, 2022, 16.0, qualifier="approx")],
])
def test_official_figures_that_cannot_be_used_are_said_to_exist_not_to_be_press_figures(rows):
    """Official figures that are all disputed, doubtful or approximate exist: the reason says so, and never that
    there are only press or survey figures (which would be false)."""
    m = model(rows, [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.reasons) == ("insufficient-data", ("official-values-unusable",))
    assert wording.reason_text(m, s, "vi") == ("các số liệu chính thức đều đang mâu thuẫn giữa các nguồn, còn nghi vấn "
                                             "hoặc chỉ là số gần đúng, nên không dùng để đánh giá")
    assert wording.reason_text(m, s, "en") == ("every official figure is disputed between sources, doubtful or only "
                                             "approximate, so none is used to assess progress")


def test_a_doubtful_target_gives_its_reason_and_a_doubtful_range_is_doubtful_not_a_range():
    m = model([], [target("3b", "national", 2025, "<=", 12.5, "doubtful", "copy-error")])
    assert status(m, m.indicators["3b"]).reasons == ("no-data", "target-doubtful")
    m = model([], [target("3b", "national", 2030, "=", 2, "doubtful", "copy-error", value_upper=3)])
    assert status(m, m.indicators["3b"]).reasons == ("no-data", "target-doubtful")


# --- the headline ----------------------------------------------------------------------------------------------------
def test_a_headline_counts_the_indicators_own_values_even_when_none_can_be_used():
    m = model([obs(VN, 2020, 11.5, "survey", "mirror")], [])
    h = decide(m, m.indicators["3b"])
    assert (h.latest, h.rows) == (None, 1)
    assert wording.latest_text(m, h, "en") == ("No usable value yet (only figures from low-trust sources, of "
                                               "uncertain year or of other areas)")


def test_every_indicator_gets_its_headline():
    m = model([obs(NT, 2016, 16.1)], [])
    assert list(decide_all(m)) == ["3b"]
    assert decide_all(m)["3b"].latest.value.value == 16.1


def test_conflicting_values_are_never_assessed():
    m = model([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0, conflict=True), obs(NT, 2024, 11.0, conflict=True)],
              [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.reasons) == ("insufficient-data", ("one-value-since-base",))


def test_a_value_from_an_unknown_source_is_ranked_last_but_still_a_latest_value():
    rows = [obs(NT, 2016, 16.1, source="")]
    m = with_rows(model(rows, []), trust="")
    v = latest(m, m.indicators["3b"]).value
    assert (v.value, v.source_id, v.trust) == (16.1, "", "")
    m = with_rows(model([obs(NT, 2016, 16.1, source=""), obs(NT, 2016, 17.0, "news", "paper")], []),
                  trust=["", "press"])
    assert latest(m, m.indicators["3b"]).value.value == 17.0  # a known source before an unknown one


def test_an_indicator_that_should_rise_is_assessed_as_rising():
    # 80 (2020) → 84.05 (2022) towards at least 90 in 2025: R = 1.0488, on track (tests/test_progress.py)
    m = model([obs(NT, 2020, 80.0, unit="percent"), obs(NT, 2022, 84.05, unit="percent")],
              [target("3b", "national", 2025, ">=", 90)], "increase", "percent")
    s = status(m, m.indicators["3b"])
    assert s.code == "on-track"
    assert f"{s.progress.base_year}–{s.progress.latest_year}" == "2020–2022"  # years as a reader reads them


def test_not_enough_data_keeps_the_numbers_of_the_closest_series():
    m = model([obs(NT, 2016, 16.1), obs(NT, 2021, 15.0)], [target("3b", "national", 2025, "<=", 12.5)])
    p = status(m, m.indicators["3b"]).progress
    assert (p.status, p.reason, p.base_year, p.base_value, p.target_year) == (
        "insufficient-data", "one-value-since-base", 2021, 15.0, 2025)


def test_the_first_series_that_can_be_assessed_is_used_not_the_first_series():
    # Ninh Thuận's statistics office series has one value since 2020; its official reports have two
    m = model([obs(NT, 2021, 15.5), obs(NT, 2020, 16.0, "official-report"), obs(NT, 2024, 15.0, "official-report")],
              [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert (s.code, s.area_code, s.series) == ("limited", NT, "official-report")


def test_without_an_observations_table_an_indicator_has_no_data_and_no_crash():
    m = model([], [target("3b", "national", 2025, "<=", 12.5)])
    m = dataclasses.replace(m, observations=pd.DataFrame(), area_index={}, children_index={}, index={})
    h = decide(m, m.indicators["3b"])
    assert (h.latest, h.rows, h.status.reasons) == (None, 0, ("no-data",))
    assert h.target.value == 12.5


def test_a_long_series_keeps_the_first_value_of_each_year_in_the_tables_order():
    # 1990–2009 twice: the first pass gives 0–19, the second 20–39; the first value of each year is kept
    rows = [obs(NT, year, float(i)) for i, year in enumerate(list(range(1990, 2010)) * 2)]
    m = model(rows, [])
    ind = m.indicators["3b"]
    chosen = latest(m, ind)
    assert chosen.value.value == 19.0
    assert [v.value for v in trend(m, ind, chosen)] == [float(i) for i in range(20)]
