"""The in-memory model the pages are generated from, built once from the validated datasets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from scripts.validate import Dataset


def _natural(indicator_id: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", indicator_id)
    return (int(m.group(1)), m.group(2)) if m else (10**6, indicator_id)


@dataclass(frozen=True)
class Target:
    indicator_id: str
    scope: str
    year: int
    comparison: str
    value: float
    value_upper: float | None
    status: str
    verification: str
    document_id: str
    source_url: str
    note: str

    @property
    def usable(self) -> bool:
        """Doubtful targets are shown, flagged, but never used to judge progress nor drawn as a target line."""
        return self.verification != "doubtful"


@dataclass
class Indicator:
    id: str
    goal_id: int
    name_vi: str
    name_en: str
    unit: str
    direction: str
    wording_vi: str
    targets: list[Target] = field(default_factory=list)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    @property
    def slug(self) -> str:
        return self.id


@dataclass
class Goal:
    id: int
    name_vi: str
    name_en: str
    indicators: list[Indicator] = field(default_factory=list)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


@dataclass
class Area:
    code: str
    name_vi: str
    name_en: str
    level: str
    parent_code: str
    valid_from: str
    valid_to: str
    successor_code: str
    successor_basis: str
    source: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    @property
    def slug(self) -> str:
        suffix = "" if not self.valid_to else "-den-" + self.valid_to[:4]
        return f"{self.code}{suffix}".lower()


@dataclass
class Model:
    datasets: dict[str, Dataset]
    goals: list[Goal]
    indicators: dict[str, Indicator]
    observations: pd.DataFrame  # typed: year int, value float, conflict bool
    measures: pd.DataFrame
    areas: list[Area]
    documents: pd.DataFrame
    channels: pd.DataFrame
    # Row indexes built once (national scale: 2.3 million rows, 3,400 areas); rows are taken on demand.
    index: dict[str, dict] = field(default_factory=dict, repr=False)
    area_index: dict[str, list[Area]] = field(default_factory=dict, repr=False)
    children_index: dict[str, list[Area]] = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for column in ("indicator_id", "area_code", "measure"):
            self.index[column] = self.observations.groupby(column, sort=False).indices if len(self.observations) else {}
        for a in self.areas:
            self.area_index.setdefault(a.code, []).append(a)
            if a.parent_code:
                self.children_index.setdefault(a.parent_code, []).append(a)

    def rows(self, column: str, *values: str) -> pd.DataFrame:
        """Observations whose `column` is one of `values`, in the table's order, without scanning the table."""
        import numpy as np

        found = [self.index[column][v] for v in values if v in self.index[column]]
        if not found:
            return self.observations.iloc[0:0]
        return self.observations.iloc[np.sort(np.concatenate(found))]

    def area(self, code: str, year: int | None = None) -> Area | None:
        """The unit a code meant in a year (codes are reused after the 2025 merger)."""
        candidates = self.area_index.get(code, [])
        if year is not None:
            for a in candidates:
                start = int(a.valid_from[:4]) if a.valid_from else -1
                end = int(a.valid_to[:4]) if a.valid_to else 10**6
                if start <= year <= end:
                    return a
        return candidates[0] if candidates else None

    def observations_for(self, indicator_id: str) -> pd.DataFrame:
        return self.rows("indicator_id", indicator_id)

    def observations_in(self, area_code: str) -> pd.DataFrame:
        return self.rows("area_code", area_code)

    def children(self, code: str) -> list[Area]:
        return self.children_index.get(code, [])

    def document(self, document_id: str) -> dict:
        rows = self.documents[self.documents["document_id"] == document_id]
        return rows.iloc[0].to_dict() if len(rows) else {}


def _df(datasets: dict[str, Dataset], dataset: str, resource: str) -> pd.DataFrame:
    try:
        return datasets[dataset].tables[resource].df.copy()
    except KeyError:
        return pd.DataFrame()


def build_model(datasets: dict[str, Dataset]) -> Model:
    goals_df = _df(datasets, "programme-targets", "goals")
    goals = {int(r.goal_id): Goal(int(r.goal_id), r.name_vi, r.name_en) for r in goals_df.itertuples()}
    indicators: dict[str, Indicator] = {}
    for r in _df(datasets, "programme-targets", "indicators").itertuples():
        ind = Indicator(r.indicator_id, int(r.goal_id), r.name_vi, r.name_en, r.unit, r.direction, r.wording_vi)
        indicators[ind.id] = ind
    for r in _df(datasets, "programme-targets", "targets").itertuples():
        if r.indicator_id in indicators:
            indicators[r.indicator_id].targets.append(Target(
                r.indicator_id, r.scope, int(r.year), r.comparison, float(r.value),
                float(r.value_upper) if r.value_upper else None, r.status, r.verification, r.document_id,
                r.source_url, r.note))
    indicators = dict(sorted(indicators.items(), key=lambda kv: _natural(kv[0])))
    for ind in indicators.values():
        ind.targets.sort(key=lambda t: (t.scope != "national", t.scope, t.year))
        if ind.goal_id in goals:
            goals[ind.goal_id].indicators.append(ind)
    obs = _df(datasets, "observations", "observations")
    if len(obs):
        obs["year"] = obs["year"].astype(int)
        obs["value"] = pd.to_numeric(obs["value"], errors="coerce")
        obs["conflict"] = obs["conflict"].str.lower().eq("true")
        obs = obs.sort_values(["indicator_id", "measure", "area_code", "series", "year", "source_url"], kind="stable")
    areas = [Area(**{k: getattr(r, k) for k in Area.__dataclass_fields__})
             for r in _df(datasets, "admin-units", "admin-units").itertuples()]
    return Model(datasets, [goals[g] for g in sorted(goals)], indicators, obs, _df(datasets, "observations", "measures"),
                 areas, _df(datasets, "documents", "documents"), _df(datasets, "child-protection-channels", "channels"))
