"""The in-memory model the pages are generated from, built once from the validated datasets.

What a page SAYS about an indicator (its comparison target, latest value, status and their reasons) is decided in
one place, scripts/model/decide.py, from this model; pages, charts, descriptions and counts only render it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from scripts.context import Context
from scripts.validate import Dataset


def _natural(indicator_id: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", indicator_id)
    return (int(m.group(1)), m.group(2)) if m else (10**6, indicator_id)


def pick(obj, base: str, lang: str) -> str:
    """The `<base>_en` attribute on English pages, `<base>_vi` otherwise: a row's text in the page's language."""
    return getattr(obj, f"{base}_{'en' if lang == 'en' else 'vi'}")


@dataclass(frozen=True)
class Source:
    """Where a value, a target or a wording comes from: publisher and title in both languages, address, trust."""
    source_id: str
    publisher_vi: str
    publisher_en: str
    title_vi: str
    title_en: str
    url: str
    trust: str
    note_vi: str
    note_en: str

    def publisher(self, lang: str) -> str:
        return pick(self, "publisher", lang)

    def title(self, lang: str) -> str:
        return pick(self, "title", lang)

    def note(self, lang: str) -> str:
        return pick(self, "note", lang)


UNKNOWN_SOURCE = Source("", "", "", "", "", "", "", "", "")


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
    doubt_reason: str
    document_id: str
    source_id: str
    corroborated_by: tuple[str, ...]
    note_vi: str
    note_en: str
    year_stated: bool = True  # false: the text states no year; the year is the site's reading (targets.year_stated)

    @property
    def usable(self) -> bool:
        """Doubtful targets are shown, flagged with their reason, but never used to judge progress nor drawn."""
        return self.verification != "doubtful"

    @property
    def is_range(self) -> bool:
        return self.value_upper is not None

    @property
    def level(self) -> bool:
        """A usable target that is one level (not a range): the only kind progress can be judged against."""
        return self.usable and not self.is_range

    def note(self, lang: str) -> str:
        return pick(self, "note", lang)


@dataclass
class Indicator:
    id: str
    goal_id: int
    name_vi: str
    name_en: str
    short_name_vi: str
    short_name_en: str
    unit: str
    direction: str
    wording_vi: str
    wording_source_id: str = ""
    wording_verification: str = ""
    wording_doubt_reason: str = ""
    targets: list[Target] = field(default_factory=list)

    def name(self, lang: str) -> str:
        return pick(self, "name", lang)

    def short_name(self, lang: str) -> str:
        return pick(self, "short_name", lang) or self.name(lang)

    @property
    def number(self) -> str:
        """The Decision 23 indicator this sub-indicator belongs to: '3' for 3a, 3b and 3c (the id's leading digits)."""
        m = re.match(r"\d+", self.id)
        return m.group(0) if m else self.id

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
        return pick(self, "name", lang)


@dataclass
class Area:
    code: str
    name_vi: str
    name_en: str
    level: str
    parent_code: str
    valid_from: str
    valid_to: str
    validity: str
    successor_code: str
    successor_basis: str
    source_vi: str
    source_en: str
    note_vi: str
    note_en: str
    valid_to_year: str = ""  # the year a unit ended where the day is not known (admin-units.valid_to_year)

    def name(self, lang: str) -> str:
        return pick(self, "name", lang)

    def source(self, lang: str) -> str:
        return pick(self, "source", lang)

    def note(self, lang: str) -> str:
        return pick(self, "note", lang)

    @property
    def ended(self) -> bool:
        return self.validity == "ended" or bool(self.valid_to)

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
    sources: dict[str, Source] = field(default_factory=dict)          # of the observations
    target_sources: dict[str, Source] = field(default_factory=dict)   # of the targets and wordings
    # Row indexes built once (national scale: 2.3 million rows, 3,400 areas); rows are taken on demand.
    index: dict[str, dict] = field(default_factory=dict, repr=False)
    area_index: dict[str, list[Area]] = field(default_factory=dict, repr=False)
    children_index: dict[str, list[Area]] = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False)
    # The build context (scripts/context.py): the site's address among others. The build passes its own; a model made
    # without one (tests, tools) is of this repository's project.
    context: Context | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.context is None:
            self.context = Context.load()
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

    def source(self, source_id: str) -> Source:
        return self.sources.get(source_id) or self.target_sources.get(source_id) or UNKNOWN_SOURCE

    def document(self, document_id: str) -> dict:
        rows = self.documents[self.documents["document_id"] == document_id]
        return rows.iloc[0].to_dict() if len(rows) else {}


def _df(datasets: dict[str, Dataset], dataset: str, resource: str) -> pd.DataFrame:
    try:
        return datasets[dataset].tables[resource].df.copy()
    except KeyError:
        return pd.DataFrame()


def _sources(datasets: dict[str, Dataset], dataset: str) -> dict[str, Source]:
    df = _df(datasets, dataset, "sources")
    return {r.source_id: Source(**{n: str(getattr(r, n, "") or "") for n in Source.__dataclass_fields__})
            for r in df.itertuples(index=False)} if len(df) else {}


def build_model(datasets: dict[str, Dataset], context: Context | None = None) -> Model:
    goals_df = _df(datasets, "programme-targets", "goals")
    goals = {int(r.goal_id): Goal(int(r.goal_id), r.name_vi, r.name_en) for r in goals_df.itertuples()}
    indicators: dict[str, Indicator] = {}
    for r in _df(datasets, "programme-targets", "indicators").itertuples():
        g = lambda name: str(getattr(r, name, "") or "")  # noqa: E731
        ind = Indicator(r.indicator_id, int(r.goal_id), r.name_vi, r.name_en, g("short_name_vi"), g("short_name_en"),
                        r.unit, r.direction, g("wording_vi"), g("wording_source_id"), g("wording_verification"),
                        g("wording_doubt_reason"))
        indicators[ind.id] = ind
    for r in _df(datasets, "programme-targets", "targets").itertuples():
        if r.indicator_id in indicators:
            g = lambda name: str(getattr(r, name, "") or "")  # noqa: E731
            indicators[r.indicator_id].targets.append(Target(
                r.indicator_id, r.scope, int(r.year), r.comparison, float(r.value),
                float(r.value_upper) if r.value_upper else None, r.status, r.verification, g("doubt_reason"),
                r.document_id, g("source_id"), tuple(g("corroborated_by").split()), g("note_vi"), g("note_en"),
                g("year_stated").lower() != "false"))
    indicators = dict(sorted(indicators.items(), key=lambda kv: _natural(kv[0])))
    for ind in indicators.values():
        ind.targets.sort(key=lambda t: (t.scope != "national", t.scope, t.year))
        if ind.goal_id in goals:
            goals[ind.goal_id].indicators.append(ind)
    sources = _sources(datasets, "observations")
    obs = _df(datasets, "observations", "observations")
    if len(obs):
        for column in OPTIONAL_OBSERVATION_COLUMNS:
            if column not in obs:
                obs[column] = ""
        obs["year"] = obs["year"].astype(int)
        obs["value"] = pd.to_numeric(obs["value"], errors="coerce")
        obs["conflict"] = obs["conflict"].str.lower().eq("true")
        obs["provisional"] = obs["provisional"].str.lower().eq("true")
        # The trust of each row's source, joined once (a category: national scale has millions of rows).
        trust = {k: s.trust for k, s in sources.items()}
        obs["trust"] = obs["source_id"].map(trust).fillna("").astype("category")
        obs = obs.sort_values(["indicator_id", "measure", "area_code", "series", "year", "source_id"], kind="stable")
    areas = [Area(**{k: str(getattr(r, k, "") or "") for k in Area.__dataclass_fields__})
             for r in _df(datasets, "admin-units", "admin-units").itertuples()]
    return Model(datasets, [goals[g] for g in sorted(goals)], indicators, obs, _df(datasets, "observations", "measures"),
                 areas, _df(datasets, "documents", "documents"), _df(datasets, "child-protection-channels", "channels"),
                 sources, _sources(datasets, "programme-targets"), context=context)


# Columns an observations table may leave out (a synthetic or older table): read as blank.
OPTIONAL_OBSERVATION_COLUMNS = ("qualifier", "provisional", "doubt_reason", "source_id", "quote", "quote_lang",
                                "note_vi", "note_en", "sex")


def changelog_entries(model: Model) -> list[dict]:
    """Every changelog line of every dataset, newest first (the updates page, the feed, the site's date)."""
    out = []
    for name, ds in model.datasets.items():
        for c in ds.descriptor.get("changelog") or []:
            if isinstance(c, dict):
                out.append({"dataset": name, "title": ds.descriptor.get("title", name),
                            "title_en": ds.descriptor.get("title_en", name), **c})
    return sorted(out, key=lambda c: (str(c.get("date", "")), c["dataset"]), reverse=True)
