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
