"""Charts: Altair builds the Vega-Lite spec, vl-convert renders a static SVG at build time (visible without
JavaScript). Pure functions: data in, spec / SVG / sentence out.

Rules: one line per (area, measure, series) — series of different definitions are never joined; preliminary
values are drawn hollow; targets are drawn as dashed segments ending in a diamond at the target year; doubtful
targets are not drawn.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

import altair as alt
import pandas as pd

from scripts import fmt, wording
from scripts.i18n import SERIES, TRUST_SHORT, UNITS, label, t
from scripts.model import Indicator, Model, decide
# Series that are one table over time are drawn as lines; figures quoted one by one (press, surveys) only as points.
LINE_SERIES = decide.TIME_SERIES
TARGET_PALETTE = ["#333333", "#7a7a7a", "#000000", "#9a6a00", "#5a3d99", "#00606b"]
START_YEAR = 2021
PALETTE = ["#1b6ca8", "#c0392b", "#27803b", "#8e44ad", "#b9770e", "#17837a", "#555555", "#a93226"]


def chart_rows(model: Model, ind: Indicator, lang: str) -> pd.DataFrame:
    """The observations a chart and the indicator's table show: the indicator's own rows (decide.own_rows), each
    labelled with its line: area, series and the trust of its source. Computed once per indicator and language."""
    key = ("chart_rows", ind.id, lang)
    if key not in model.memo:
        model.memo[key] = _chart_rows(model, ind, lang)
    return model.memo[key]


def line_label(place: str, series: str, trust: str, measure_name: str, lang: str) -> str:
    """'Ninh Thuận — Tổng cục Thống kê · bản sao': where, which series, and how far its source can be trusted (left
    out when the series already says it, as with the press)."""
    series_name = label(SERIES, series, lang)
    trust_name = label(TRUST_SHORT, trust, lang) if trust else ""
    text = f"{place} — {series_name}"
    if trust_name and trust_name.lower() != series_name.lower():
        text += f" · {trust_name}"
    return text + (f" · {measure_name}" if measure_name else "")


def _chart_rows(model: Model, ind: Indicator, lang: str) -> pd.DataFrame:
    obs = decide.own_rows(model, ind)
    if obs.empty:
        return obs
    obs = obs.copy()
    measure_names = dict(zip(model.measures["measure"], model.measures["name_" + lang]))
    several_measures = obs["measure"].nunique() > 1
    # One label per distinct (area, series, measure, trust), mapped back: cheap even for millions of rows. An area is
    # named as the unit its code meant in the row's year (codes are reused after the 2025 merger).
    keys = obs[["area_code", "series", "measure", "trust"]].astype(str).drop_duplicates()
    years = obs.groupby("area_code", observed=True)["year"].max().to_dict()
    other = {"vi": "định nghĩa riêng", "en": "own definition"}[lang]
    labels = {(a, s_, m, tr): line_label(wording.place(model, a, lang, int(years[a])), s_, tr,
                                         other if rel == "survey-definition" else
                                         measure_names.get(m, m) if several_measures and rel != "same" else "", lang)
              for a, s_, m, tr in keys.itertuples(index=False)
              for rel in [decide.relations(model).get(m, "")]}
    quads = zip(obs["area_code"].to_numpy(object), obs["series"].to_numpy(object), obs["measure"].to_numpy(object),
                obs["trust"].astype(str).to_numpy(object))
    obs["line"] = [labels[k] for k in quads]
    obs["preliminary"] = obs["provisional"].astype(bool)
    obs["value_label"] = [wording.value_text(v, u, lang, q) for v, u, q in
                          zip(obs["value"], obs["unit"], obs["qualifier"])]
    return obs


def target_rows(model: Model, ind: Indicator, lang: str) -> pd.DataFrame:
    """Usable level targets as dashed segments from the programme's start to the target year: `target` names it in
    full ('Mục tiêu 2025 của Ninh Thuận (Kế hoạch 182/KH-UBND): dưới 15 ‰ trẻ đẻ sống'), `short` is the label drawn
    on the line ('2025, Ninh Thuận: < 15')."""
    rows = []
    for tg in ind.targets:
        if not tg.level:
            continue
        name = f"{wording.target_label(model, tg, lang)}: {wording.target_value_text(tg, ind.unit, lang)}"
        short = f"{tg.year}, {wording.scope_name(model, tg.scope, lang)}: {tg.comparison.replace('<=', '≤').replace('>=', '≥')} " \
                f"{fmt.number(tg.value, lang)}"
        rows.append({"year": START_YEAR, "value": tg.value, "target": name, "short": short, "end": False})
        rows.append({"year": tg.year, "value": tg.value, "target": name, "short": short, "end": True})
    return pd.DataFrame(rows)


MAX_LINES = 12  # above this many series (national scale: thousands of communes) a chart shows the distribution


def distribution(obs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per year: the 10th, 50th and 90th percentiles across areas, for a chart that stays readable with thousands
    of communes (one line per commune would be a hairball)."""
    q = obs.groupby("year")["value"].quantile([0.1, 0.5, 0.9]).unstack()
    q.columns = ["p10", "p50", "p90"]
    q["n"] = obs.groupby("year")["area_code"].nunique()
    return q.reset_index()


def spec(model: Model, ind: Indicator, lang: str) -> dict | None:
    """The Vega-Lite spec (data inline), or None when there is nothing to draw."""
    obs = chart_rows(model, ind, lang)
    targets = target_rows(model, ind, lang)
    if obs.empty and targets.empty:
        return empty_spec(model, ind, lang)
    if obs["line"].nunique() > MAX_LINES if len(obs) else False:
        return distribution_spec(model, ind, lang, obs, targets)
    unit = label(UNITS, ind.unit, lang)
    y_title = f"{t(lang, 'value')} ({unit})"
    x = alt.X("year:Q", title=t(lang, "year"), axis=alt.Axis(format="d", tickMinStep=1),
              scale=alt.Scale(zero=False, nice=False))
    layers, tlayers = [], []
    if not obs.empty:
        data = obs[["year", "value", "value_label", "line", "preliminary", "series"]].rename(
            columns={"series": "series_code"}).rename(columns={"line": "series"})
        color = alt.Color("series:N", title=t(lang, "series"), scale=alt.Scale(range=PALETTE),
                          legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400))
        tooltip = [alt.Tooltip("series:N", title=t(lang, "series")), alt.Tooltip("year:Q", title=t(lang, "year"), format="d"),
                   alt.Tooltip("value_label:N", title=t(lang, "value"))]
        base = alt.Chart(data)
        layers.append(base.transform_filter(alt.FieldOneOfPredicate("series_code", list(LINE_SERIES)))
                      .mark_line(strokeWidth=2).encode(x=x, y=alt.Y("value:Q", title=y_title), color=color,
                                                       detail="series:N"))
        layers.append(base.mark_point(size=45, strokeWidth=2).encode(
            x=x, y="value:Q", color=color,
            fill=alt.condition("datum.preliminary", alt.value("white"), alt.Color("series:N", legend=None)),
            tooltip=tooltip))
    tlayers = _target_layers(targets, x, y_title, lang)
    title = alt.TitleParams(f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}", subtitle=unit, anchor="start",
                            fontSize=14, limit=640)
    groups = [alt.layer(*group) for group in (layers, tlayers) if group]
    chart = alt.layer(*groups).resolve_scale(color="independent").properties(
        width=640, height=300, title=title, description=describe(model, ind, lang))
    chart = chart.configure_view(stroke=None).configure_axis(labelFontSize=11, titleFontSize=12).configure_legend(
        labelFontSize=11, titleFontSize=12)
    return chart.to_dict()


def empty_spec(model: Model, ind: Indicator, lang: str) -> dict:
    """A chart that says plainly there is nothing to draw yet (no data, and no target that is a level)."""
    message = t(lang, "no_chart")
    data = pd.DataFrame({"x": [0], "y": [0], "text": [message]})
    chart = alt.Chart(data).mark_text(fontSize=16, color="#555").encode(
        x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None), text="text:N").properties(
        width=640, height=120, description=describe(model, ind, lang),
        title=alt.TitleParams(f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}",
                              subtitle=label(UNITS, ind.unit, lang), anchor="start", fontSize=14, limit=640))
    return chart.configure_view(stroke=None).to_dict()


def _target_layers(targets: pd.DataFrame, x, y_title: str, lang: str) -> list:
    if targets.empty:
        return []
    tbase = alt.Chart(targets)
    tcolor = alt.Color("target:N", title=t(lang, "target"), scale=alt.Scale(range=TARGET_PALETTE),
                       legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400, symbolType="diamond"))
    return [tbase.mark_line(strokeDash=[6, 4], strokeWidth=1.5).encode(x=x, y=alt.Y("value:Q", title=y_title),
                                                                     color=tcolor, detail="target:N"),
            tbase.transform_filter("datum.end").mark_point(shape="diamond", size=110, filled=True)
            .encode(x=x, y="value:Q", color=tcolor, tooltip=[alt.Tooltip("target:N", title=t(lang, "target"))])]


def distribution_spec(model: Model, ind: Indicator, lang: str, obs: pd.DataFrame, targets: pd.DataFrame) -> dict:
    unit = label(UNITS, ind.unit, lang)
    y_title = f"{t(lang, 'value')} ({unit})"
    x = alt.X("year:Q", title=t(lang, "year"), axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False, nice=False))
    q = distribution(obs, lang)
    band_label = "10–90% địa bàn" if lang == "vi" else "10th–90th percentile of areas"
    median_label = "Trung vị các địa bàn" if lang == "vi" else "Median of areas"
    q["band"], q["median"] = band_label, median_label
    base = alt.Chart(q)
    layers = [base.mark_area(opacity=0.3, color=PALETTE[0]).encode(x=x, y=alt.Y("p10:Q", title=y_title), y2="p90:Q"),
              base.mark_line(color=PALETTE[0], strokeWidth=2).encode(
                  x=x, y="p50:Q", tooltip=[alt.Tooltip("year:Q", format="d", title=t(lang, "year")),
                                           alt.Tooltip("p50:Q", title=median_label), alt.Tooltip("n:Q", title="n")])]
    groups = [alt.layer(*layers)]
    tl = _target_layers(targets, x, y_title, lang)
    if tl:
        groups.append(alt.layer(*tl))
    title = alt.TitleParams(f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}",
                            subtitle=f"{unit} — {median_label.lower()}, {band_label}", anchor="start", fontSize=14, limit=640)
    chart = alt.layer(*groups).resolve_scale(color="independent").properties(
        width=640, height=300, title=title, description=describe(model, ind, lang))
    return chart.configure_view(stroke=None).to_dict()


def describe(model: Model, ind: Indicator, lang: str) -> str:
    """The chart's text alternative and the page description: scripts/wording.describe of the indicator's decision."""
    key = ("describe", ind.id, lang)
    if key not in model.memo:
        model.memo[key] = wording.describe(model, decide.decide(model, ind), lang)
    return model.memo[key]


def render_svg(chart_spec: dict, lang: str, title: str, description: str) -> str:
    """Static SVG with <title> and <desc> for assistive technology; no external requests are allowed."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart_spec, format_locale=fmt.D3_LOCALE[lang], allowed_base_urls=[])
    head = (f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>')
    svg = re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg{m.group(1)} role="img" aria-labelledby="chart-title chart-desc">{head}',
                 svg, count=1)
    return svg
