"""What the site says about an indicator, decided in one place.

For each indicator this module decides, from the model alone:

- which rows are the indicator's own (`own_rows`): measures that ARE the indicator, or the indicator under a survey's
  definition; proxies, modelled series and other definitions are "related series", shown apart;
- the comparison target (`comparison_targets`, `target_for`): Ninh Thuận's own target where the province has one
  that is usable, otherwise the national one; a doubtful target or a range is never used;
- the latest value (`latest`): the documented rule below;
- the progress status and every reason for it (`status`).

`decide` bundles them into a `Headline`. Pages, chart sentences, page descriptions, tables, home counts and feeds
only render a Headline (scripts/wording.py turns it into words); none of them chooses again.

The latest-value rule (the methodology page says the same in words):
1. Only the indicator's own measure (relation `same`), with a reported value, for the whole population (sex total).
2. Never a value whose source is a low-trust copy, nor one with a recorded doubt (`doubt_reason`: its year not
   stated or only implied, or its series unclear).
3. Ninh Thuận first; Viet Nam only when Ninh Thuận has no such value. Other provinces are context, never the
   headline.
4. The most recent year. If the values of that year conflict (`conflict`), the latest value IS that conflict: both
   values are reported, neither is chosen.
5. Otherwise, of several values in that year, the most trusted source (official, then a copy of an official table,
   then the press), then the first in the table's order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from scripts.model import Indicator, Model, Target
from scripts.progress import BASE_YEAR, Progress, assess

# The province the programme is carried out in, then the country: the areas a headline may speak of, in order.
HEADLINE_AREAS = ("58", "VN")
# Relations of a measure to its indicator that are the indicator itself (drawn and tabled as the indicator's own).
OWN_RELATIONS = ("same", "survey-definition")
# Trust of a source, most trusted first; a low-trust copy is shown but never the latest value nor assessed.
TRUST_ORDER = ("official", "secondary-copy", "press", "low-trust-copy")
LOW_TRUST = "low-trust-copy"
# Progress is judged only on official series that are one table over time; figures quoted one by one in the press,
# or single survey rounds, are shown but never turned into a trend (their sources and definitions differ).
PROGRESS_SERIES = ("gso", "official-report")
# Series that are one table over time (official, or an international agency's): a sentence may describe how they
# moved. Any other series (press, surveys) is a set of single figures: a sentence gives its latest one alone.
TIME_SERIES = PROGRESS_SERIES + ("wb-igme", "wb-uis", "who-unicef-jrf")
# Why a status is "not enough data" (or why no target applies), most fundamental first.
REASONS = ("no-data", "no-official-series", "official-values-unusable", "no-official-data-since-base", "one-value-since-base", "not-computable",
           "target-doubtful", "range-target", "no-target")


@dataclass(frozen=True)
class Value:
    """One observation, as a reader is told it."""
    area_code: str
    year: int
    value: float
    unit: str
    qualifier: str
    provisional: bool
    series: str
    measure: str
    source_id: str
    trust: str


@dataclass(frozen=True)
class Latest:
    """The latest value: one `value`, or, when the sources disagree about the latest year, the `conflicting` values."""
    value: Value | None = None
    conflicting: tuple[Value, ...] = ()

    @property
    def area_code(self) -> str:
        return (self.value or self.conflicting[0]).area_code

    @property
    def year(self) -> int:
        return (self.value or self.conflicting[0]).year


@dataclass(frozen=True)
class Status:
    """The progress status, the numbers behind it and every reason that applies, most fundamental first."""
    progress: Progress
    reasons: tuple[str, ...] = ()
    area_code: str = ""
    series: str = ""
    targets: tuple[Target, ...] = ()
    last_official: tuple[tuple[str, int], ...] = ()   # (area, last year of its official series), headline order

    @property
    def code(self) -> str:
        return self.progress.status


@dataclass(frozen=True)
class Headline:
    """Everything a page may say about one indicator."""
    indicator: Indicator
    latest: Latest | None
    trend: tuple[Value, ...]            # the latest value's series, oldest first (what a chart sentence describes)
    target: Target | None               # the target the latest value is compared with
    status: Status
    doubtful_targets: tuple[Target, ...] = field(default=())
    rows: int = 0                       # how many of the indicator's own values there are, usable or not
    trend_gaps: tuple[int, ...] = ()    # years inside the trend left out because their sources disagree

    @property
    def gap(self) -> float | None:
        """Latest value minus its comparison target (None without both, or when the source gives no exact number)."""
        v = self.latest.value if self.latest else None
        if v is None or self.target is None or v.qualifier:
            return None
        return v.value - self.target.value


# --- rows ------------------------------------------------------------------------------------------------------------
def relations(model: Model) -> dict[str, str]:
    return dict(zip(model.measures["measure"], model.measures["relation"])) if len(model.measures) else {}


def own_rows(model: Model, ind: Indicator) -> pd.DataFrame:
    """The indicator's own observations (relation `same` or `survey-definition`) with a value, in the table's order,
    each with its measure's `relation`."""
    obs = model.observations_for(ind.id)
    if obs.empty:
        return obs
    relation = obs["measure"].map(relations(model))
    keep = relation.isin(OWN_RELATIONS) & obs["value"].notna()
    return obs[keep].assign(relation=relation[keep])


def _eligible(rows: pd.DataFrame, *, doubtful: bool = False) -> pd.DataFrame:
    """Rows a headline may rest on: the indicator itself, reported, for everyone, not low-trust, year not in doubt
    (with doubtful=True, also those with a recorded doubt)."""
    if rows.empty:
        return rows
    keep = rows["relation"].eq("same") & rows["value_status"].isin(("reported", "")) & rows["trust"].ne(LOW_TRUST)
    if not doubtful:
        keep &= rows["doubt_reason"].eq("")
    if "sex" in rows:
        keep &= rows["sex"].isin(("total", ""))
    return rows[keep]


def _value(row) -> Value:
    return Value(str(row["area_code"]), int(row["year"]), float(row["value"]), str(row["unit"]),
                 str(row.get("qualifier", "") or ""), bool(row.get("provisional", False)), str(row["series"]),
                 str(row["measure"]), str(row.get("source_id", "") or ""), str(row.get("trust", "") or ""))


def _trust_rank(trust: str) -> int:
    return TRUST_ORDER.index(trust) if trust in TRUST_ORDER else len(TRUST_ORDER)


# --- the latest value --------------------------------------------------------------------------------------------
def latest_by_area(rows: pd.DataFrame) -> dict[tuple[str, str], Latest]:
    """The latest value of every (area, indicator) in `rows` (already eligible): steps 4 and 5 of the rule, for all
    groups at once (at national scale there are over 100,000 of them)."""
    if rows.empty:
        return {}
    top = rows[rows["year"] == rows.groupby(["area_code", "indicator_id"], observed=True)["year"].transform("max")]
    top = top.assign(_rank=top["trust"].astype(str).map(_trust_rank), _pos=range(len(top)))
    top = top.sort_values(["area_code", "indicator_id", "_rank", "_pos"], kind="stable")
    disputed = top.groupby(["area_code", "indicator_id"], observed=True)["conflict"].transform("any")
    out: dict[tuple[str, str], Latest] = {}
    for r in top[~disputed].drop_duplicates(["area_code", "indicator_id"]).to_dict("records"):
        out[(str(r["area_code"]), str(r["indicator_id"]))] = Latest(value=_value(r))
    conflicting = top[disputed & top["conflict"]]
    for (area, ind_id), g in conflicting.groupby(["area_code", "indicator_id"], observed=True, sort=False):
        out[(str(area), str(ind_id))] = Latest(conflicting=tuple(_value(r) for r in g.to_dict("records")))
    return out


def latest(model: Model, ind: Indicator, rows: pd.DataFrame | None = None) -> Latest | None:
    """The latest value by the module's rule (see the docstring at the top): the first of HEADLINE_AREAS that has one."""
    rows = _eligible(own_rows(model, ind) if rows is None else rows)
    rows = rows[rows["area_code"].isin(HEADLINE_AREAS)] if len(rows) else rows
    found = latest_by_area(rows)
    return next((found[(a, ind.id)] for a in HEADLINE_AREAS if (a, ind.id) in found), None)


def area_latest(model: Model) -> dict[tuple[str, str], Latest]:
    """The latest value of every indicator in every area, by the same rule (for area pages)."""
    obs = model.observations
    if obs.empty:
        return {}
    rel = obs["measure"].map(relations(model))
    own = obs[rel.isin(OWN_RELATIONS) & obs["value"].notna() & obs["indicator_id"].ne("")]
    own = own.assign(relation=rel[own.index])
    return latest_by_area(_eligible(own))


def trend(model: Model, ind: Indicator, chosen: Latest | None, rows: pd.DataFrame | None = None) -> tuple[Value, ...]:
    """The series of the latest value (same area, measure, series and trust), oldest first, without conflicting
    values: what a sentence may describe as a rise or a fall."""
    if chosen is None or chosen.value is None:
        return ()
    v = chosen.value
    if v.series not in TIME_SERIES:  # figures quoted one by one are never joined into a rise or a fall
        return (v,)
    rows = _eligible(own_rows(model, ind) if rows is None else rows)
    same = rows[(rows["area_code"] == v.area_code) & (rows["measure"] == v.measure) & (rows["series"] == v.series)
                & ~rows["conflict"] & (rows["year"] <= v.year)]
    same = same[same["trust"].map(_trust_rank) == _trust_rank(v.trust)]
    points = {}
    for _, r in same.sort_values("year", kind="stable").iterrows():
        points.setdefault(int(r["year"]), _value(r))
    points[v.year] = v
    return tuple(points[y] for y in sorted(points))


def trend_gaps(model: Model, ind: Indicator, points: tuple[Value, ...], rows: pd.DataFrame | None = None
               ) -> tuple[int, ...]:
    """Years between the first and last point of a trend whose values of the same series conflict: left out of the
    trend (a rise or a fall is never drawn through a disputed year), and said where the trend is drawn."""
    if len(points) < 2:
        return ()
    v = points[-1]
    rows = _eligible(own_rows(model, ind) if rows is None else rows)
    if rows.empty:
        return ()
    same = rows[(rows["area_code"] == v.area_code) & (rows["measure"] == v.measure) & (rows["series"] == v.series)
                & rows["conflict"] & (rows["year"] > points[0].year) & (rows["year"] < v.year)]
    drawn = {p.year for p in points}
    return tuple(sorted({int(y) for y in same["year"]} - drawn))


# --- targets -----------------------------------------------------------------------------------------------------
def comparison_targets(ind: Indicator, area: str) -> tuple[Target, ...]:
    """The targets a value of `area` is judged against: the province's own usable level targets where it has any,
    otherwise the national ones. Doubtful targets and ranges are never used."""
    scopes = (area, "national") if area not in ("national", "VN") else ("national",)
    for scope in scopes:
        found = tuple(sorted((t for t in ind.targets if t.scope == scope and t.level), key=lambda t: t.year))
        if found:
            return found
    return ()


def target_for(targets: tuple[Target, ...], year: int) -> Target | None:
    """The target a value of `year` is compared with: the first target year at or after it, else the last one."""
    if not targets:
        return None
    return next((t for t in targets if t.year >= year), targets[-1])


# --- status ------------------------------------------------------------------------------------------------------
def _target_reasons(ind: Indicator) -> tuple[str, ...]:
    if not ind.targets:
        return ("no-target",)
    if any(t.level for t in ind.targets):
        return ()
    if any(t.usable and t.is_range for t in ind.targets):
        return ("range-target",)
    return ("target-doubtful",)


# What progress.assess says when it cannot assess, as the reasons this module gives (most data first).
_PROGRESS_REASONS = {"not-computable": "not-computable", "one-value-since-base": "one-value-since-base",
                     "no-data-since-base": "no-official-data-since-base"}


def status(model: Model, ind: Indicator, rows: pd.DataFrame | None = None) -> Status:
    """Progress by the published method, on the first official series of Ninh Thuận, else Viet Nam, that can be
    assessed; with every reason that applies when none can. Conflicting values, values with a recorded doubt and
    values the source gives only approximately ('gần', 'hơn') are never assessed."""
    own = own_rows(model, ind) if rows is None else rows
    usable = _eligible(own)
    usable = usable[~usable["conflict"] & usable["qualifier"].eq("")] if len(usable) else usable
    candidates: list[Status] = []
    official_years: dict[str, int] = {}
    published = _eligible(own)  # the last official year counts a disputed or approximate figure: it exists
    for area in HEADLINE_AREAS:
        targets = comparison_targets(ind, area)
        for series in PROGRESS_SERIES:
            shown = published[(published["area_code"] == area) & (published["series"] == series)] \
                if len(published) else published
            if len(shown):
                official_years[area] = max(official_years.get(area, 0), int(shown["year"].max()))
            sel = usable[(usable["area_code"] == area) & (usable["series"] == series)] if len(usable) else usable
            if sel.empty:
                continue
            points = list(zip(sel["year"].astype(int), sel["value"].astype(float)))
            p = assess(points, ind.direction, [(t.year, t.comparison, t.value) for t in targets])
            candidates.append(Status(p, area_code=area, series=series, targets=targets))
    last = tuple(official_years.items())
    assessed = next((c for c in candidates if c.code != "insufficient-data"), None)
    if assessed is not None:
        return Status(assessed.progress, (), assessed.area_code, assessed.series, assessed.targets, last)
    # None could be assessed: the candidate that came closest (the most data) says why.
    order = list(_PROGRESS_REASONS)
    closest = min(candidates, key=lambda c: order.index(c.progress.reason) if c.progress.reason in order
                  else len(order), default=None)
    reasons: list[str] = []
    if own.empty:
        reasons.append("no-data")
    elif not candidates:  # official figures that are all disputed, doubtful or approximate still exist
        official = _eligible(own, doubtful=True)
        official = official[official["area_code"].isin(HEADLINE_AREAS) & official["series"].isin(PROGRESS_SERIES)]
        reasons.append("official-values-unusable" if len(official) else "no-official-series")
    elif closest is not None and closest.progress.reason in _PROGRESS_REASONS:
        reasons.append(_PROGRESS_REASONS[closest.progress.reason])
    reasons += [r for r in _target_reasons(ind) if r not in reasons]
    progress = closest.progress if closest is not None else Progress("insufficient-data", reasons[0] if reasons else "")
    return Status(progress, tuple(sorted(reasons, key=REASONS.index)), closest.area_code if closest else "",
                  closest.series if closest else "", closest.targets if closest else (), last)


# --- everything --------------------------------------------------------------------------------------------------
def decide(model: Model, ind: Indicator) -> Headline:
    rows = own_rows(model, ind)
    chosen = latest(model, ind, rows)
    target = target_for(comparison_targets(ind, chosen.area_code), chosen.year) if chosen else None
    if target is None and chosen is None:
        target = target_for(comparison_targets(ind, HEADLINE_AREAS[0]), BASE_YEAR)
    doubtful = tuple(t for t in ind.targets if not t.usable)
    points = trend(model, ind, chosen, rows)
    return Headline(ind, chosen, points, target, status(model, ind, rows), doubtful, len(rows),
                    trend_gaps(model, ind, points, rows))


def decide_all(model: Model) -> dict[str, Headline]:
    return {ind.id: decide(model, ind) for ind in model.indicators.values()}
