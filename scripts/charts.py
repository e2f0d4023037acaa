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

from scripts import fmt
from scripts.i18n import COMPARISONS, SERIES, UNITS, label, t
from scripts.model import Indicator, Model

MAIN_RELATIONS = ("same", "survey-definition")
# Series that are one table over time are drawn as lines; figures quoted one by one (press, surveys) only as points.
LINE_SERIES = ("gso", "wb-igme", "wb-uis", "who-unicef-jrf")
TARGET_PALETTE = ["#333333", "#7a7a7a", "#000000", "#9a6a00", "#5a3d99", "#00606b"]
START_YEAR = 2021
PALETTE = ["#1b6ca8", "#c0392b", "#27803b", "#8e44ad", "#b9770e", "#17837a", "#555555", "#a93226"]


def chart_rows(model: Model, ind: Indicator, lang: str) -> pd.DataFrame:
    """The observations a chart draws: those whose measure is the indicator itself (not proxies or models).
    Computed once per indicator and language (pages ask for it several times)."""
    key = ("chart_rows", ind.id, lang)
    if key not in model.memo:
        model.memo[key] = _chart_rows(model, ind, lang)
    return model.memo[key]


def _chart_rows(model: Model, ind: Indicator, lang: str) -> pd.DataFrame:
    obs = model.observations_for(ind.id)
    if obs.empty:
        return obs
    relation = dict(zip(model.measures["measure"], model.measures["relation"]))
    obs = obs[obs["measure"].map(relation).isin(MAIN_RELATIONS) & obs["value"].notna()].copy()
    names = {a.code: a.name(lang) for a in model.areas if not a.valid_from}
    measure_names = dict(zip(model.measures["measure"], model.measures["name_" + lang]))
    several_measures = obs["measure"].nunique() > 1
    # One label per distinct (area, series, measure), mapped back: cheap even for millions of rows.
    keys = obs[["area_code", "series", "measure"]].drop_duplicates()
    labels = {(a, s, m): f"{names.get(a, a).replace('Tỉnh ', '').replace(' Province', '')} — {label(SERIES, s, lang)}"
              + (f" ({measure_names.get(m, m)})" if several_measures and relation.get(m) != "same" else "")
              for a, s, m in keys.itertuples(index=False)}
    triples = zip(obs["area_code"].to_numpy(object), obs["series"].to_numpy(object), obs["measure"].to_numpy(object))
    obs["line"] = [labels[k] for k in triples]
    obs["preliminary"] = obs["source_status"].eq("provisional")
    return obs


def target_rows(ind: Indicator, lang: str) -> pd.DataFrame:
    rows = []
    for tg in ind.targets:
        if not tg.usable or tg.value_upper is not None:
            continue
        scope = t(lang, "national") if tg.scope == "national" else {"58": "Ninh Thuận", "56": "Khánh Hòa"}.get(tg.scope, tg.scope)
        name = f"{t(lang, 'target')} {tg.year} — {scope}: {label(COMPARISONS, tg.comparison, lang)} {fmt.number(tg.value, lang)}"
        rows.append({"year": START_YEAR, "value": tg.value, "target": name, "end": False})
        rows.append({"year": tg.year, "value": tg.value, "target": name, "end": True})
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
    targets = target_rows(ind, lang)
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
        data = obs[["year", "value", "line", "preliminary", "source_status", "series"]].rename(
            columns={"series": "series_code"}).rename(columns={"line": "series"})
        color = alt.Color("series:N", title=t(lang, "series"), scale=alt.Scale(range=PALETTE),
                          legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400))
        tooltip = [alt.Tooltip("series:N", title=t(lang, "series")), alt.Tooltip("year:Q", title=t(lang, "year"), format="d"),
                   alt.Tooltip("value:Q", title=t(lang, "value"))]
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


def _headline(model: Model, ind: Indicator, lang: str) -> pd.DataFrame:
    """The series a sentence speaks of: Ninh Thuận first, then Viet Nam, then the neighbours; GSO first."""
    obs = chart_rows(model, ind, lang)
    if obs.empty:
        return obs
    clean = obs[~obs["conflict"].to_numpy(bool)]
    areas, series_of = clean["area_code"].to_numpy(object), clean["series"].to_numpy(object)
    for area in ("58", "VN", "56", "60"):
        in_area = areas == area
        if not in_area.any():
            continue
        for series in ("gso", "survey", "unicef-sitan", "news"):
            chosen = in_area & (series_of == series)
            if chosen.any():
                return clean[chosen]
    return obs.iloc[0:0]


def describe(model: Model, ind: Indicator, lang: str) -> str:
    """One sentence (or two) for the chart's text alternative: the trend and the gap to the next target."""
    key = ("describe", ind.id, lang)
    if key not in model.memo:
        model.memo[key] = _describe(model, ind, lang)
    return model.memo[key]


def _describe(model: Model, ind: Indicator, lang: str) -> str:
    head = _headline(model, ind, lang)
    unit = label(UNITS, ind.unit, lang)
    name = ind.name(lang)
    parts = []
    if head.empty:
        parts.append(("Chưa có số liệu cho chỉ tiêu “{n}”." if lang == "vi" else "There is no data yet for “{n}”.").format(n=name))
        latest = None
    else:
        first, last = head.iloc[0], head.iloc[-1]
        area = model.area(last["area_code"])
        where = area.name(lang) if area else last["area_code"]
        series = label(SERIES, last["series"], lang)
        n = fmt.number
        if len(head) == 1:
            parts.append((f"{where} ({series}): {n(last['value'], lang)} {unit} năm {last['year']}."
                          if lang == "vi" else
                          f"{where} ({series}): {n(last['value'], lang)} {unit} in {last['year']}."))
        else:
            diff = last["value"] - first["value"]
            verb_vi = "tăng" if diff > 0 else "giảm" if diff < 0 else "giữ nguyên"
            verb_en = "rose" if diff > 0 else "fell" if diff < 0 else "stayed"
            parts.append((f"{where} ({series}): {verb_vi} từ {n(first['value'], lang)} năm {first['year']} "
                          f"{'lên' if diff > 0 else 'xuống' if diff < 0 else 'ở'} {n(last['value'], lang)} {unit} năm {last['year']}."
                          if lang == "vi" else
                          f"{where} ({series}): {verb_en} from {n(first['value'], lang)} in {first['year']} to "
                          f"{n(last['value'], lang)} {unit} in {last['year']}."))
        latest = (int(last["year"]), float(last["value"]), last["area_code"])
    target = next((tg for tg in ind.targets if tg.usable and tg.value_upper is None and
                   (latest is None or tg.scope in ("national", latest[2])) and tg.year == 2025), None) or \
        next((tg for tg in ind.targets if tg.usable and tg.value_upper is None), None)
    if target is not None:
        scope = t(lang, "national").lower() if target.scope == "national" else (model.area(target.scope).name(lang) if model.area(target.scope) else target.scope)
        cmp_ = label(COMPARISONS, target.comparison, lang)
        sentence = (f"Mục tiêu {target.year} ({scope}): {cmp_} {fmt.number(target.value, lang)} {unit}" if lang == "vi"
                    else f"{target.year} target ({scope}): {cmp_} {fmt.number(target.value, lang)} {unit}")
        if latest is not None:
            gap = latest[1] - target.value
            sentence += (f"; giá trị mới nhất cách mục tiêu {fmt.signed(gap, lang)}." if lang == "vi"
                         else f"; the latest value is {fmt.signed(gap, lang)} from it.")
        else:
            sentence += "."
        parts.append(sentence)
    elif any(not tg.usable for tg in ind.targets):
        parts.append("Giá trị mục tiêu đang bị nghi có sai sót nên không được vẽ." if lang == "vi"
                     else "The target value is suspected to be wrong and is not drawn.")
    return " ".join(parts)


def render_svg(chart_spec: dict, lang: str, title: str, description: str) -> str:
    """Static SVG with <title> and <desc> for assistive technology; no external requests are allowed."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart_spec, format_locale=fmt.D3_LOCALE[lang], allowed_base_urls=[])
    head = (f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>')
    svg = re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg{m.group(1)} role="img" aria-labelledby="chart-title chart-desc">{head}',
                 svg, count=1)
    return svg
