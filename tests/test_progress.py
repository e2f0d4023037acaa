"""Progress status by the Statistics Canada / Open SDG method, on cases computed by hand (see each comment)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.progress import STATUSES, assess, classify, meets


def test_on_track_increase():
    # base 80 (2020), 84.05 (2022): observed CAGR = sqrt(84.05/80) - 1 = 0.025 exactly.
    # target >= 90 in 2025: required CAGR = 1.125**(1/5) - 1 = 0.023836; R = 0.025/0.023836 = 1.0488
    p = assess([(2020, 80.0), (2022, 84.05)], "increase", [(2025, ">=", 90.0), (2030, ">=", 95.0)])
    assert p.status == "on-track"
    assert p.cagr_observed == pytest.approx(0.025, abs=1e-9)
    assert p.cagr_required == pytest.approx(0.023836, abs=1e-6)
    assert p.ratio == pytest.approx(1.0488, abs=1e-4)
    assert (p.base_year, p.latest_year, p.target_year) == (2020, 2022, 2025)


def test_limited_progress_decrease():
    # IMR 16 (2020) → 15 (2024); target <= 12.5 in 2025.
    # observed = 0.9375**0.25 - 1 = -0.016005; required = 0.78125**0.2 - 1 = -0.048173; R = -(-0.016005)/0.048173 = 0.3322
    p = assess([(2020, 16.0), (2024, 15.0)], "decrease", [(2025, "<=", 12.5)])
    assert p.status == "limited"
    assert p.ratio == pytest.approx(0.3322, abs=1e-4)


def test_moderate_progress():
    # 50 → 50 * 1.03**3 = 54.63635 in three years; target >= 60 in 2025: required = 1.2**0.2 - 1 = 0.037137; R = 0.8078
    p = assess([(2020, 50.0), (2023, 54.63635)], "increase", [(2025, ">=", 60.0)])
    assert p.status == "moderate"
    assert p.ratio == pytest.approx(0.8078, abs=1e-4)


def test_deterioration_when_a_decrease_indicator_rises():
    p = assess([(2020, 10.0), (2022, 11.0)], "decrease", [(2025, "<", 8.0)])
    assert p.status == "deterioration"
    assert p.ratio < 0


def test_achieved_when_latest_meets_the_target():
    assert assess([(2020, 14.0), (2023, 12.4)], "decrease", [(2025, "<=", 12.5)]).status == "achieved"
    # "below 9.5" is not met by exactly 9.5
    assert assess([(2020, 11.0), (2023, 9.5)], "decrease", [(2025, "<", 9.5)]).status != "achieved"


def test_the_next_target_not_yet_passed_is_used():
    p = assess([(2020, 16.0), (2026, 13.0)], "decrease", [(2025, "<=", 12.5), (2030, "<=", 10.0)])
    assert p.target_year == 2030


@pytest.mark.parametrize("points, reason", [
    ([], "no-data-since-base"),
    ([(2010, 20.0), (2016, 16.1)], "no-data-since-base"),  # Ninh Thuận today: nothing since the base year
    ([(2016, 16.1), (2021, 15.0)], "one-value-since-base"),
    ([(2020, 0.0), (2022, 13.0)], "not-computable"),
])
def test_not_enough_data_says_why(points, reason):
    p = assess(points, "decrease", [(2025, "<=", 12.5)])
    assert (p.status, p.reason) == ("insufficient-data", reason)


def test_no_target_is_not_enough_data():
    assert assess([(2020, 1.0), (2022, 2.0)], "increase", []).reason == "no-target"


@pytest.mark.parametrize("ratio, status", [(0.95, "on-track"), (0.9499, "moderate"), (0.6, "moderate"),
                                           (0.5999, "limited"), (0.0, "limited"), (-0.0001, "deterioration")])
def test_thresholds(ratio, status):
    assert classify(ratio) == status


@pytest.mark.parametrize("value, comparison, target, expected", [
    (9.4, "<", 9.5, True), (9.5, "<", 9.5, False), (12.5, "<=", 12.5, True), (97, ">=", 97, True),
    (96.9, ">=", 97, False), (100, "=", 100, True), (101, ">", 100, True)])
def test_meets(value, comparison, target, expected):
    assert meets(value, comparison, target) is expected


values = st.floats(min_value=0.01, max_value=1000, allow_nan=False)
years = st.integers(min_value=2020, max_value=2030)


@given(st.lists(st.tuples(years, values), max_size=6), st.sampled_from(["increase", "decrease"]), values,
       st.sampled_from(["<", "<=", ">=", ">"]))
def test_assess_always_returns_a_known_status(points, direction, target, comparison):
    p = assess(points, direction, [(2030, comparison, target)])
    assert p.status in STATUSES
    if p.status not in ("achieved", "insufficient-data"):
        assert p.ratio is not None and p.base_year < p.latest_year


@given(st.lists(st.tuples(years, values), min_size=2, max_size=6), values)
def test_moving_the_right_way_is_never_deterioration(points, target):
    # A series that only rises is never "deterioration" for an increase indicator.
    rising = sorted({y: v for y, v in points}.items())
    values_sorted = sorted(v for _, v in rising)
    series = [(y, v) for (y, _), v in zip(rising, values_sorted)]
    p = assess(series, "increase", [(2030, ">=", target)])
    assert p.status != "deterioration"


# --- the boundaries and the reasons a reader is given (each expected value worked out by hand) -----------------------
def test_a_value_equal_to_a_strict_target_does_not_meet_it():
    assert meets(100, ">", 100) is False
    assert meets(100.5, "=", 100) is False


def test_a_value_within_a_billionth_of_the_target_meets_at_most_at_least_and_equal():
    # stored decimals are not exact: 12.5 read back as 12.500000001 still meets "at most 12.5"
    assert meets(12.5 + 1e-9, "<=", 12.5) is True
    assert meets(97 - 1e-9, ">=", 97) is True
    assert meets(0.0, "=", 5e-10) is True
    assert meets(12.5 + 1e-6, "<=", 12.5) is False


def test_no_target_is_reported_as_not_enough_data():
    p = assess([(2020, 1.0), (2022, 2.0)], "increase", [])
    assert (p.status, p.reason) == ("insufficient-data", "no-target")


def test_a_value_of_a_target_year_is_judged_against_that_years_target():
    # 2025 is the year of the first target: a 2025 value is compared with the 2025 target, not the 2030 one
    p = assess([(2020, 16.0), (2025, 13.0)], "decrease", [(2025, "<=", 12.5), (2030, "<=", 10.0)])
    assert (p.target_year, p.target_value, p.comparison) == (2025, 12.5, "<=")


def test_a_value_after_the_last_target_year_is_judged_against_the_last_target():
    p = assess([(2020, 16.0), (2031, 11.0)], "decrease", [(2030, "<=", 10.0), (2025, "<=", 12.5)])
    assert (p.target_year, p.target_value) == (2030, 10.0)
    # observed (11/16)**(1/11) - 1 = -0.033489; required (10/16)**(1/10) - 1 = -0.045913; R = 0.7294
    assert p.status == "moderate" and p.ratio == pytest.approx(0.7294, abs=1e-4)


def test_one_value_since_the_base_year_is_not_enough_even_when_it_meets_the_target():
    # 12.0 in 2021 already meets "at most 12.5", but one value says nothing about progress since 2020
    p = assess([(2016, 16.1), (2021, 12.0)], "decrease", [(2025, "<=", 12.5)])
    assert (p.status, p.reason) == ("insufficient-data", "one-value-since-base")
    assert (p.base_year, p.base_value, p.latest_year, p.latest_value) == (2021, 12.0, 2021, 12.0)
    assert (p.target_year, p.comparison, p.target_value) == (2025, "<=", 12.5)


def test_an_achieved_target_shows_the_values_it_was_judged_on():
    p = assess([(2020, 14.0), (2023, 12.4)], "decrease", [(2025, "<=", 12.5)])
    assert p.status == "achieved"
    assert (p.base_year, p.base_value, p.latest_year, p.latest_value) == (2020, 14.0, 2023, 12.4)
    assert (p.target_year, p.comparison, p.target_value) == (2025, "<=", 12.5)


@pytest.mark.parametrize("points, direction, target", [
    ([(2020, 50.0), (2022, 0.0)], "increase", (2025, ">=", 90.0)),    # a latest value of zero: no growth rate
    ([(2020, 5.0), (2022, 3.0)], "decrease", (2025, "<=", 0.0)),      # a target of zero (no deaths): no rate either
    ([(2025, 10.0), (2027, 11.0)], "increase", (2025, ">=", 20.0)),   # target year = base year: no years to get there
    ([(2020, 10.0), (2023, 9.0)], "increase", (2025, ">=", 10.0)),    # target = base value: no rate is required
])
def test_progress_that_cannot_be_computed_says_so_and_shows_its_inputs(points, direction, target):
    p = assess(points, direction, [target])
    assert (p.status, p.reason) == ("insufficient-data", "not-computable")
    (t0, y0), (ti, yi) = points
    assert (p.base_year, p.base_value, p.latest_year, p.latest_value) == (t0, y0, ti, yi)
    assert (p.target_year, p.comparison, p.target_value) == target


def test_values_below_one_are_assessed():
    # a rate of 0.5 per 1,000 falling to 0.4 by 2022; target at most 0.3 in 2025:
    # observed 0.8**0.5 - 1 = -0.105573; required 0.6**0.2 - 1 = -0.097120; R = 1.0870: on track
    p = assess([(2020, 0.5), (2022, 0.4)], "decrease", [(2025, "<=", 0.3)])
    assert p.status == "on-track" and p.ratio == pytest.approx(1.0870, abs=1e-4)
