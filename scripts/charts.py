"""Charts: Altair builds the Vega-Lite spec, vl-convert renders a static SVG at build time (visible without
JavaScript). Pure functions: data in, spec / SVG / sentence out.

Rules: one line per (area, measure, series) — series of different definitions are never joined; preliminary
values are drawn hollow; targets are drawn as dashed segments ending in a diamond at the target year; doubtful
targets are not drawn.
"""
from __future__ import annotations

import json
import math
import re
import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape

import altair as alt
import pandas as pd

from scripts import fmt, wording
from scripts.i18n import SERIES, TRUST_SHORT, UNITS, label, t
from scripts.model import Indicator, Model, decide
# Series that are one table over time are drawn as lines; figures quoted one by one (press, surveys) only as points.
LINE_SERIES = decide.TIME_SERIES
TARGET_PALETTE = ["#333333", "#666666", "#000000", "#9a6a00", "#5a3d99", "#00606b"]
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


def _own_rows(model: Model, ind: Indicator) -> pd.DataFrame:
    """The indicator's own rows, taken from the table once for both languages: each language's chart rows add their
    labels to a shallow copy, so the taken columns are held once (at national scale, 2.3 million rows)."""
    key = ("own_rows", ind.id)
    if key not in model.memo:
        model.memo[key] = decide.own_rows(model, ind)
    return model.memo[key]


def _chart_rows(model: Model, ind: Indicator, lang: str) -> pd.DataFrame:
    obs = _own_rows(model, ind)
    if obs.empty:
        return obs
    obs = obs.copy(deep=False)
    measure_names = dict(zip(model.measures["measure"], model.measures["name_" + lang]))
    several_measures = obs["measure"].nunique() > 1
    # One label per distinct (area, series, measure, trust), mapped back: cheap even for millions of rows. An area is
    # named as the unit its code meant in the row's year (codes are reused after the 2025 merger).
    keys = obs[["area_code", "series", "measure", "trust"]].astype(str).drop_duplicates()
    years = obs.groupby("area_code", observed=True)["year"].max().to_dict()
    other = t(lang, "own_definition")
    labels = {(a, s_, m, tr): line_label(wording.place(model, a, lang, int(years[a])), s_, tr,
                                         other if rel == "survey-definition" else
                                         measure_names.get(m, m) if several_measures and rel != "same" else "", lang)
              for a, s_, m, tr in keys.itertuples(index=False)
              for rel in [decide.relations(model).get(m, "")]}
    quads = zip(obs["area_code"].to_numpy(object), obs["series"].to_numpy(object), obs["measure"].to_numpy(object),
                obs["trust"].astype(str).to_numpy(object))
    obs["line"] = [labels[k] for k in quads]
    obs["preliminary"] = obs["provisional"].astype(bool)
    # One text per distinct (value, unit, qualifier), shared by the rows that show it: a million rows hold pointers,
    # not a million strings.
    texts: dict = {}
    obs["value_label"] = [texts[k] if k in texts else texts.setdefault(k, wording.value_text(k[0], k[1], lang, k[2]))
                          for k in zip(obs["value"], obs["unit"], obs["qualifier"])]
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


# --- layout ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Layout:
    """A chart's layout for one kind of screen, in CSS pixels of the SVG as drawn. A page never shows the wide chart
    scaled down (it picks the small one below SMALL_SCREEN), nor the small one on a screen of 352 px or more, so
    these font sizes are the sizes a reader sees (on narrower phones the small chart shrinks a little: its 14-px text
    stays above 12 px down to 306 px)."""
    name: str
    width: int             # the whole SVG: axes, legends and padding included (autosize fit-x)
    height: int            # the plot area
    font: int              # axis labels, legend labels and target labels: the smallest text of the chart
    title_font: int
    y_title: bool          # the y axis's title (the small layout leaves the unit to the subtitle)
    x_ticks: int | None    # at most this many years labelled
    target_legend: bool    # the targets listed under the chart too (they are always labelled on it)


WIDE = Layout("wide", width=640, height=300, font=13, title_font=16, y_title=True, x_ticks=None, target_legend=True)
SMALL = Layout("small", width=320, height=220, font=14, title_font=16, y_title=False, x_ticks=5, target_legend=False)
# The theme's margins either side of the content on screens narrower than 960 px (2 × 0.8 rem, the root font being
# 20 px): below WIDE.width + this, the wide chart would be drawn smaller than it is, so pages switch to SMALL.
CONTENT_MARGINS = 32
SMALL_SCREEN = f"(max-width: {WIDE.width + CONTENT_MARGINS - 0.02:g}px)"
CHAR_WIDTH = 0.6  # average width of a character, in em: DejaVu Sans ≈ 0.6, Roboto and Arial ≈ 0.5; wrap for the widest
LINE_HEIGHT = 1.25
NBSP = "\u00a0"


def wrap(text: str, width: float, font: float) -> list[str]:
    """Lines of at most `width` px at `font` px (estimated, for the widest common sans-serif), broken between words
    and balanced: as few lines as the width allows, each about as long as the others (no word left alone)."""
    def lines(chars: int) -> list[str]:
        return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [text]

    limit = max(8, int(width / (font * CHAR_WIDTH)))
    fewest = len(lines(limit))
    return next(lines(chars) for chars in range(max(1, min(limit, len(text) // fewest)), limit + 1)
                if len(lines(chars)) == fewest)


def _title(ind: Indicator, lang: str, subtitle: str, layout: Layout) -> alt.TitleParams:
    text = f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}"
    return alt.TitleParams(wrap(text, layout.width - 10, layout.title_font),
                           subtitle=wrap(subtitle, layout.width - 10, layout.font), anchor="start",
                           fontSize=layout.title_font, subtitleFontSize=layout.font, limit=layout.width, offset=8)


def _legend(title: str, labels, layout: Layout, **options) -> alt.Legend:
    """A legend under the chart, one entry a row; a label too long for the width is broken into lines."""
    room = layout.width - 40  # the symbol and the padding
    wrapped = {text: wrap(text, room, layout.font) for text in sorted(set(labels))}
    long = {text: lines for text, lines in wrapped.items() if len(lines) > 1}
    expr = f"({json.dumps(long, ensure_ascii=False, sort_keys=True)})[datum.label] || datum.label" if long else None
    return alt.Legend(title=title, orient="bottom", direction="vertical", columns=1, labelLimit=room,
                      **({"labelExpr": expr} if expr else {}), **options)


def _configure(chart, layout: Layout) -> dict:
    """The spec, with the layout's text sizes and legends under the chart, stacked (Vega's legend layout, which
    Altair's schema does not know). Set on the finished dict: each of Altair's configure_* copies the whole chart.
    Not validated here against the Vega-Lite schema (two thirds of the time of making a spec): tests/test_charts.py
    validates the specs of every kind of chart."""
    f = layout.font
    out = chart.to_dict(validate=False)
    out["config"] = {"view": {"stroke": None},
                     "axis": {"labelFontSize": f, "titleFontSize": f, "labelLimit": layout.width // 3},
                     "legend": {"labelFontSize": f, "titleFontSize": f, "symbolSize": 120, "rowPadding": 6,
                                "layout": {"bottom": {"direction": "vertical", "anchor": "start"}}},
                     "title": {"fontSize": layout.title_font, "subtitleFontSize": f}}
    return out


def _nice_step(span: float) -> float:
    magnitude = 10 ** math.floor(math.log10(span)) if span > 0 else 1
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= span)


def y_domain(values) -> tuple[float, float]:
    """From zero (or the lowest value, if below) to the highest value rounded up to a round step: fixed here, not
    by the renderer, so that target labels can be placed apart in pixels."""
    values = [float(v) for v in values if v is not None and not pd.isna(v)]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    if hi <= lo:
        hi = lo + 1
    step = _nice_step((hi - lo) / 5)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def _x(lang: str, layout: Layout) -> alt.X:
    return alt.X("year:Q", title=t(lang, "year"), scale=alt.Scale(zero=False, nice=False),
                 axis=alt.Axis(format="d", tickMinStep=1, **({"tickCount": layout.x_ticks} if layout.x_ticks else {})))


def _y(field: str, title: str, domain: tuple[float, float], layout: Layout) -> alt.Y:
    return alt.Y(field, title=title if layout.y_title else None, scale=alt.Scale(domain=list(domain), nice=False))


def spec(model: Model, ind: Indicator, lang: str) -> dict | None:
    """The Vega-Lite spec of the chart for wide screens (data inline), the one offered for download."""
    return _spec(model, ind, lang, WIDE)


def small_spec(model: Model, ind: Indicator, lang: str) -> dict | None:
    """The same chart laid out for a phone: narrower, larger text, no y-axis title, the legend under it."""
    return _spec(model, ind, lang, SMALL)


def _spec(model: Model, ind: Indicator, lang: str, layout: Layout) -> dict | None:
    obs = chart_rows(model, ind, lang)
    targets = target_rows(model, ind, lang)
    if obs.empty and targets.empty:
        return empty_spec(model, ind, lang, layout)
    if obs["line"].nunique() > MAX_LINES if len(obs) else False:
        return distribution_spec(model, ind, lang, obs, targets, layout)
    unit = label(UNITS, ind.unit, lang)
    y_title = f"{t(lang, 'value')} ({unit})"
    domain = y_domain([*obs.get("value", []), *targets.get("value", [])])
    x, y = _x(lang, layout), _y("value:Q", y_title, domain, layout)
    layers = []
    if not obs.empty:
        data = obs[["year", "value", "value_label", "line", "preliminary", "series"]].rename(
            columns={"series": "series_code"}).rename(columns={"line": "series"})
        color = alt.Color("series:N", title=t(lang, "series"), scale=alt.Scale(range=PALETTE),
                          legend=_legend(t(lang, "series"), data["series"], layout))
        tooltip = [alt.Tooltip("series:N", title=t(lang, "series")), alt.Tooltip("year:Q", title=t(lang, "year"), format="d"),
                   alt.Tooltip("value_label:N", title=t(lang, "value"))]
        base = alt.Chart(data)
        layers.append(base.transform_filter(alt.FieldOneOfPredicate("series_code", list(LINE_SERIES)))
                      .mark_line(strokeWidth=2).encode(x=x, y=y, color=color, detail="series:N"))
        # The fill is its own scale: the same colours in the same order as the stroke's, white for a preliminary value.
        layers.append(base.mark_point(size=60 if layout is SMALL else 45, strokeWidth=2).encode(
            x=x, y="value:Q", color=color,
            fill=alt.condition("datum.preliminary", alt.value("white"),
                               alt.Color("series:N", scale=alt.Scale(range=PALETTE), legend=None)),
            tooltip=tooltip))
    plot = plot_area(layout, [*obs.get("year", []), *targets.get("year", [])], domain)
    tlayers = _target_layers(targets, x, y, plot, list(zip(obs.get("year", []), obs.get("value", []))), lang, layout)
    groups = [alt.layer(*group) for group in (layers, tlayers) if group]
    chart = alt.layer(*groups).resolve_scale(color="independent", fill="independent").properties(
        width=layout.width, height=layout.height, title=_title(ind, lang, unit, layout),
        description=describe(model, ind, lang), autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return _configure(chart, layout)


def empty_spec(model: Model, ind: Indicator, lang: str, layout: Layout = WIDE) -> dict:
    """A chart that says plainly there is nothing to draw yet (no data, and no target that is a level)."""
    lines = wrap(t(lang, "no_chart"), layout.width - 20, layout.font + 2)
    data = pd.DataFrame({"x": [0], "y": [0], "text": ["\n".join(lines)]})
    chart = alt.Chart(data).mark_text(fontSize=layout.font + 2, color="#555", lineBreak="\n").encode(
        x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None), text="text:N").properties(
        width=layout.width, height=120, description=describe(model, ind, lang),
        title=_title(ind, lang, label(UNITS, ind.unit, lang), layout),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return _configure(chart, layout)


@dataclass(frozen=True)
class Plot:
    """The plot area in pixels, as estimated before rendering (the renderer sets the axes' width), for placing the
    target labels."""
    years: tuple[float, float]
    values: tuple[float, float]
    width: float
    height: float

    def x(self, year: float) -> float:
        lo, hi = self.years
        return (year - lo) / ((hi - lo) or 1) * self.width

    def y(self, value: float) -> float:
        lo, hi = self.values
        return self.height * (1 - (value - lo) / (hi - lo))

    def value(self, y: float) -> float:
        lo, hi = self.values
        return hi - y / self.height * (hi - lo)


def plot_area(layout: Layout, years, domain: tuple[float, float]) -> Plot:
    """The y axis takes its widest tick label, the ticks and, on wide charts, its title; the last year's label
    reaches half its width past the plot's right edge; Vega pads 5 px on each side."""
    chars = max(len(f"{v:,g}") for v in domain) + 1
    axis = chars * layout.font * CHAR_WIDTH + 8 + (layout.font * LINE_HEIGHT + 4 if layout.y_title else 0)
    width = layout.width - 10 - axis - 2 * layout.font * CHAR_WIDTH
    years = [float(y) for y in years]
    return Plot((min(years), max(years)), domain, width, layout.height)


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


DX = {"right": -9, "left": 9, "center": 0}  # from a label's anchor (a target line's end or start) to its text


def _candidates(kind: str, text: str, r, start: float, plot: Plot, font: float):
    """Where a label may go: (align, anchor year, lines, box in px). A full label sits just above or below its line,
    ending at the line's end or beginning at its start; a short one beside, above or below the line's end."""
    line, right_edge = font * LINE_HEIGHT, plot.width + 2 * font  # the last year's label reaches past the plot too
    own, end = plot.y(r.value), plot.x(r.year)
    for align, year in ((("right", r.year), ("left", start)) if kind == "full" else
                        (("left", r.year), ("right", r.year), ("center", r.year))):
        x = plot.x(year) + DX[align]
        room = x if align == "right" else right_edge - x if align == "left" else plot.width
        lines = wrap(text, room, font)
        w, h = max(len(s) for s in lines) * font * CHAR_WIDTH, line * len(lines)
        left = x - w if align == "right" else x if align == "left" else end - w / 2
        tops = ((own - h / 2,) if kind == "short" and align != "center" else (own - 6 - h, own + 6) if kind == "short"
                else (own - 3 - h, own + 3))
        for top in tops:
            box = (left, left + w, top, top + h)
            if box[0] >= 0 and box[1] <= right_edge and top >= 0 and top + h <= plot.height:
                yield align, year, lines, box


def _place(kind: str, ends: pd.DataFrame, starts, texts: list[str], plot: Plot, points, font: float):
    """Each label at its least costly place: overlapping a label placed before costs most, then covering a target
    line (its own or another), then each data point covered. Returns the rows and whether every label found a place
    that overlaps no label and covers no line."""
    segments = [(plot.x(starts.get(r.target, r.year)), plot.x(r.year), plot.y(r.value)) for r in ends.itertuples()]
    diamonds = [(plot.x(r.year), plot.y(r.value)) for r in ends.itertuples()]
    dots = [(plot.x(year), plot.y(value)) for year, value in points]
    placed, rows, clean = [], [], True
    for r, text in zip(ends.itertuples(), texts):
        best = None
        for rank, (align, year, lines, box) in enumerate(
                _candidates(kind, text, r, starts.get(r.target, r.year), plot, font)):
            hard = (sum(_overlaps(box, other) for other in placed)
                    + sum(x0 - 4 < box[1] and box[0] < x1 + 4 and box[2] - 1 < y < box[3] + 1 for x0, x1, y in segments)
                    + sum(box[0] - 5 < x < box[1] + 5 and box[2] - 5 < y < box[3] + 5 for x, y in diamonds))
            soft = sum(box[0] - 4 < x < box[1] + 4 and box[2] - 4 < y < box[3] + 4 for x, y in dots)
            cost = (hard, soft, rank)
            if best is None or cost < best[0]:
                best = (cost, align, year, lines, box)
        if best is None:  # no room at all (a plot far too small): at the end of its line
            clean = False
            best = ((1, 0, 0), "right", r.year, [text], (0, 0, plot.y(r.value), plot.y(r.value)))
        (hard, _, _), align, year, lines, box = best
        clean = clean and hard == 0
        placed.append(box)
        rows.append({"year": year, "label_y": plot.value(box[2]), "text": "\n".join(lines), "target": r.target,
                     "align": align})
    return pd.DataFrame(rows), clean


def target_labels(targets: pd.DataFrame, plot: Plot, points, layout: Layout) -> tuple[pd.DataFrame, bool]:
    """A label on every target line: its `short` name from target_rows ("2030, Toàn quốc: < 6") next to its line.
    Where the lines crowd so that these cannot be put each by its own line without covering another label or line,
    each line's end gets only its comparison and number ("< 6", what follows the colon) and the chart lists the
    targets in full under it. Returns the labels and whether they are the compact ones."""
    ends = targets[targets["end"]].sort_values(["value", "year"], ascending=[False, True], kind="stable")
    starts = targets[~targets["end"]].groupby("target")["year"].min()
    # Lines break after a comma or the colon only: a comparison stays with its number, a place's words together.
    head_and_value = [short.rsplit(": ", 1) for short in ends["short"]]
    full = [", ".join(part.replace(" ", NBSP) for part in head.split(", ")) + f": {value.replace(' ', NBSP)}"
            for head, value in head_and_value]
    rows, clean = _place("full", ends, starts, full, plot, points, layout.font)
    if clean:
        return rows, False
    return _place("short", ends, starts, [value.replace(" ", NBSP) for _, value in head_and_value], plot, points,
                  layout.font)[0], True


def _target_layers(targets: pd.DataFrame, x, y, plot: Plot, points, lang: str, layout: Layout) -> list:
    if targets.empty:
        return []
    placed, short = target_labels(targets, plot, points, layout)
    tbase = alt.Chart(targets)
    legend = (_legend(t(lang, "target"), targets["target"], layout, symbolType="diamond")
              if layout.target_legend or short else None)
    tcolor = alt.Color("target:N", scale=alt.Scale(range=TARGET_PALETTE), legend=legend)
    layers = [tbase.mark_line(strokeDash=[6, 4], strokeWidth=1.5).encode(x=x, y=y, color=tcolor, detail="target:N"),
              tbase.transform_filter("datum.end").mark_point(shape="diamond", size=110, filled=True)
              .encode(x=x, y="value:Q", color=tcolor, tooltip=[alt.Tooltip("target:N", title=t(lang, "target"))])]
    at = dict(x=x, y=alt.Y("label_y:Q", title=None), text="text:N")
    for align in sorted(set(placed["align"])):
        text = dict(align=align, dx=DX[align], baseline="top", fontSize=layout.font, lineBreak="\n",
                    lineHeight=layout.font * LINE_HEIGHT)
        mine = alt.Chart(placed[placed["align"] == align])
        # a white halo under each label keeps it legible where it crosses a line
        layers += [mine.mark_text(**text, color="white", stroke="white", strokeWidth=4, strokeJoin="round").encode(**at),
                   mine.mark_text(**text).encode(**at, color=tcolor)]
    return layers


def distribution_spec(model: Model, ind: Indicator, lang: str, obs: pd.DataFrame, targets: pd.DataFrame,
                      layout: Layout = WIDE) -> dict:
    unit = label(UNITS, ind.unit, lang)
    y_title = f"{t(lang, 'value')} ({unit})"
    q = distribution(obs, lang)
    domain = y_domain([*q["p10"], *q["p90"], *targets.get("value", [])])
    x, y = _x(lang, layout), _y("p10:Q", y_title, domain, layout)
    band_label, median_label = t(lang, "areas_band"), t(lang, "areas_median")
    q["band"], q["median"] = band_label, median_label
    base = alt.Chart(q)
    layers = [base.mark_area(opacity=0.3, color=PALETTE[0]).encode(x=x, y=y, y2="p90:Q"),
              base.mark_line(color=PALETTE[0], strokeWidth=2).encode(
                  x=x, y="p50:Q", tooltip=[alt.Tooltip("year:Q", format="d", title=t(lang, "year")),
                                           alt.Tooltip("p50:Q", title=median_label), alt.Tooltip("n:Q", title="n")])]
    groups = [alt.layer(*layers)]
    plot = plot_area(layout, [*q["year"], *targets.get("year", [])], domain)
    tl = _target_layers(targets, x, _y("value:Q", y_title, domain, layout), plot, list(zip(q["year"], q["p50"])),
                        lang, layout)
    if tl:
        groups.append(alt.layer(*tl))
    chart = alt.layer(*groups).resolve_scale(color="independent").properties(
        width=layout.width, height=layout.height, description=describe(model, ind, lang),
        title=_title(ind, lang, f"{unit} — {median_label.lower()}, {band_label}", layout),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return _configure(chart, layout)


def describe(model: Model, ind: Indicator, lang: str) -> str:
    """The chart's text alternative and the page description: scripts/wording.describe of the indicator's decision."""
    key = ("describe", ind.id, lang)
    if key not in model.memo:
        model.memo[key] = wording.describe(model, decide.decide(model, ind), lang)
    return model.memo[key]


def svg_size(svg: bytes) -> tuple[int, int]:
    """The width and height, in px, an SVG from render_svg declares."""
    found = re.search(rb'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', svg)
    return (round(float(found.group(1))), round(float(found.group(2)))) if found else (0, 0)


def picture(base: str, stem: str, alt_text: str, chart: dict | None = None, lazy: bool = True) -> str:
    """The static chart for a page: the small layout's SVG on screens below SMALL_SCREEN, the wide one elsewhere and
    where <picture> is unknown; one text alternative (`alt_text`, already escaped) for both. With the SVGs' sizes
    (chart["spec_size"], chart["small_size"], from the build) the page holds their room while they load; without,
    each is shown at its own size. Either way neither is ever drawn larger than it is, and CSS keeps it within the
    screen."""
    def size(key: str) -> str:
        w, h = (chart or {}).get(key) or (0, 0)
        return f' width="{w}" height="{h}"' if w and h else ""

    loading = ' loading="lazy"' if lazy else ""
    return (f'<picture><source media="{SMALL_SCREEN}" srcset="{base}{stem}-small.svg"{size("small_size")}>'
            f'<img src="{base}{stem}.svg" alt="{alt_text}"{size("spec_size")}{loading}></picture>')


# What Vega writes on every mark for an SVG in a page's DOM (labels and roles for assistive technology, events):
# in a static SVG whose root is role="img" (its <title> and <desc> the text alternative) the marks are presentational
# and take no events, so these are dropped. A third of a chart's bytes, on a page with a weight budget.
_MARK_ATTRIBUTES = re.compile(r' (?:aria-label|aria-roledescription|aria-hidden|role|pointer-events)="[^"]*"'
                              r'| opacity="1"')


def render_svg(chart_spec: dict, lang: str, title: str, description: str) -> str:
    """Static SVG with <title> and <desc> for assistive technology; no external requests are allowed."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart_spec, format_locale=fmt.D3_LOCALE[lang], allowed_base_urls=[])
    svg = _MARK_ATTRIBUTES.sub("", svg)
    head = (f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>')
    svg = re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg{m.group(1)} role="img" aria-labelledby="chart-title chart-desc">{head}',
                 svg, count=1)
    return svg
