"""What the model says of each area, computed once per build from the observations: which areas get a page, the
latest value of every indicator in every area (decide.area_latest) and, per area, the years each indicator has data.
Domain facts the area pages, coverage and ranked tables show; the pages only put them into words."""
from __future__ import annotations

from scripts.model import Area, Model
from scripts.model import decide


def area_pages_for(model: Model) -> list[Area]:
    """Country, provinces and districts always; communes when they have data (national scale: 3,321 of them)."""
    if "area_pages" not in model.memo:
        with_data = set(model.index.get("area_code", {}))
        model.memo["area_pages"] = [a for a in model.areas
                                    if a.level in ("country", "province", "district") or a.code in with_data]
        model.memo["area_page_set"] = {id(a) for a in model.memo["area_pages"]}
    return model.memo["area_pages"]


def has_area_page(model: Model, area: Area) -> bool:
    area_pages_for(model)
    return id(area) in model.memo["area_page_set"]


def area_latest(model: Model) -> dict:
    """decide.area_latest, computed once per build."""
    if "area_latest" not in model.memo:
        model.memo["area_latest"] = decide.area_latest(model)
    return model.memo["area_latest"]


def area_summary(model: Model) -> dict[str, list]:
    """Per area, a record per indicator (in the programme's order): first and last year with data — one pass over
    the table for all areas (at national scale a per-area groupby took minutes), kept as plain records (a page per
    area filtering a DataFrame of its own took 11 s for 6,700 pages). The latest value is decide's (area_latest)."""
    if "area_summary" not in model.memo:
        obs = model.observations
        if len(obs):  # the indicator's own values only (related series of other definitions have their own table)
            own = obs["measure"].map(decide.relations(model)).isin(decide.OWN_RELATIONS)
            obs = obs[obs["indicator_id"].ne("") & obs["value"].notna() & own]
        if obs.empty:
            model.memo["area_summary"] = {}
        else:
            ordered = obs.sort_values(["area_code", "indicator_id", "year"], kind="stable")
            grouped = ordered.groupby(["area_code", "indicator_id"], sort=False)
            summary = grouped.tail(1)[["area_code", "indicator_id", "year", "value", "unit", "series"]].rename(
                columns={"year": "last_year"})
            summary["first_year"] = grouped["year"].min().to_numpy()
            order = {k: i for i, k in enumerate(model.indicators)}
            summary = summary.assign(_o=summary["indicator_id"].map(order)).sort_values(["area_code", "_o"], kind="stable")
            records: dict[str, list] = {}
            for record in summary.drop(columns="_o").itertuples(index=False, name="AreaIndicator"):
                records.setdefault(record.area_code, []).append(record)
            model.memo["area_summary"] = records
    return model.memo["area_summary"]
