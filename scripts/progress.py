"""Progress status by the published method of Statistics Canada, as used by Open SDG.

    CAGR_obs = (y_latest / y_base) ** (1 / (t_latest - t_base)) - 1
    CAGR_req = (y_target / y_base) ** (1 / (t_target - t_base)) - 1
    R        = d * CAGR_obs / |CAGR_req|        (d = +1 if higher is better, -1 if lower is better)

    target already met → achieved;  R ≥ 0.95 → on track;  0.6 ≤ R < 0.95 → moderate progress (acceleration needed);
    0 ≤ R < 0.6 → limited progress;  R < 0 → deterioration.

The base year is 2020, chosen by the site (the year before Decision 23/QĐ-TTg was issued; not taken from it): the base value is the first
observation in or after it, and progress needs a later observation too. Anything less is "not enough data", said
with its reason. The docs page "Phương pháp" explains this in plain words; every indicator page shows the inputs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

BASE_YEAR = 2020
THRESHOLDS = ((0.95, "on-track"), (0.6, "moderate"), (0.0, "limited"))
STATUSES = ("achieved", "on-track", "moderate", "limited", "deterioration", "insufficient-data")


@dataclass(frozen=True)
class Progress:
    status: str
    reason: str = ""
    base_year: int | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    comparison: str | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    ratio: float | None = None


def meets(value: float, comparison: str, target: float) -> bool:
    return {"<": value < target, "<=": value <= target + 1e-9, "=": math.isclose(value, target, abs_tol=1e-9),
            ">=": value >= target - 1e-9, ">": value > target}[comparison]


def classify(ratio: float) -> str:
    for threshold, status in THRESHOLDS:
        if ratio >= threshold:
            return status
    return "deterioration"


def assess(points: list[tuple[int, float]], direction: str, targets: list[tuple[int, str, float]],
           base_year: int = BASE_YEAR) -> Progress:
    """points: (year, value) of one series; targets: (year, comparison, value), usable ones only."""
    if not targets:
        return Progress("insufficient-data", "no-target")
    series = sorted((y, v) for y, v in points if v is not None and not math.isnan(v) and y >= base_year)
    if not series:
        return Progress("insufficient-data", "no-data-since-base")
    (t0, y0), (ti, yi) = series[0], series[-1]
    targets = sorted(targets)
    t_target, comparison, y_target = next((t for t in targets if t[0] >= ti), targets[-1])
    common = dict(base_year=t0, base_value=y0, latest_year=ti, latest_value=yi, target_year=t_target,
                  target_value=y_target, comparison=comparison)
    if ti == t0:
        return Progress("insufficient-data", "one-value-since-base", **common)
    if meets(yi, comparison, y_target):
        return Progress("achieved", **common)
    if min(y0, yi, y_target) <= 0 or t_target <= t0:
        return Progress("insufficient-data", "not-computable", **common)
    cagr_obs = (yi / y0) ** (1 / (ti - t0)) - 1
    cagr_req = (y_target / y0) ** (1 / (t_target - t0)) - 1
    if cagr_req == 0:
        return Progress("insufficient-data", "not-computable", **common)
    d = 1 if direction == "increase" else -1
    ratio = d * cagr_obs / abs(cagr_req)
    return Progress(classify(ratio), cagr_observed=cagr_obs, cagr_required=cagr_req, ratio=ratio, **common)
