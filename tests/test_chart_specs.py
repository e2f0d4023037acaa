"""Chart specifications as a reader gets them (scripts/charts.py): every layer, its marks, colours, text sizes,
legends and the target labels' places, for small hand-written models (tests/factory.py). Expected specs, numbers and
places are worked out by hand from the rules the module states (layouts, palettes, label placement), never produced
by the code under test. Fast: no site build, no shipped data, no rendering except the one SVG whose <title> is read.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from factory import model, obs, target
from test_charts import targets_frame  # rows as target_rows makes them
from scripts import charts

NT, VN = "58", "VN"
NBSP = "\u00a0"
PALETTE = ["#1b6ca8", "#c0392b", "#27803b", "#8e44ad", "#b9770e", "#17837a", "#555555", "#a93226"]
TARGET_PALETTE = ["#333333", "#666666", "#000000", "#9a6a00", "#5a3d99", "#00606b"]
OFFICIAL = ["gso", "official-report", "wb-igme", "wb-uis", "who-unicef-jrf"]  # the series drawn as lines
NATIONAL_2025 = target("3b", "national", 2025, "<=", 12.5)
NATIONAL_NAME_EN = "National 2025 target, Decision 23/QĐ-TTg: at most 12.5‰"


# --- what a spec is made of, written out -----------------------------------------------------------------------------
def x_axis(small: bool, title: str = "Year") -> dict:
    axis = {"format": "d", "tickMinStep": 1, **({"tickCount": 5} if small else {})}
    return {"axis": axis, "field": "year", "scale": {"nice": False, "zero": False}, "title": title,
            "type": "quantitative"}


def y_axis(field: str, domain: list, title) -> dict:
    return {"field": field, "scale": {"domain": domain, "nice": False}, "title": title, "type": "quantitative"}


def config(font: int, axis_label_limit: int) -> dict:
    return {"view": {"stroke": None},
            "axis": {"labelFontSize": font, "titleFontSize": font, "labelLimit": axis_label_limit},
            "legend": {"labelFontSize": font, "titleFontSize": font, "symbolSize": 120, "rowPadding": 6,
                       "layout": {"bottom": {"direction": "vertical", "anchor": "start"}}},
            "title": {"fontSize": 16, "subtitleFontSize": font}}


def series_colour(title: str, label_limit: int, **legend) -> dict:
    return {"field": "series", "legend": {"columns": 1, "direction": "vertical", "labelLimit": label_limit,
                                          "orient": "bottom", "title": title, **legend},
            "scale": {"range": PALETTE}, "title": title, "type": "nominal"}


def target_colour(legend) -> dict:
    return {"field": "target", "legend": legend, "scale": {"range": TARGET_PALETTE}, "type": "nominal"}


def target_layers(x: dict, y: dict, legend, tooltip_title: str, align: str, dx: int, font: int) -> list[dict]:
    """The dashed line, its diamond, then the label: a white halo under the text in the line's colour."""
    label_y = {"field": "label_y", "title": None, "type": "quantitative"}
    text = {"type": "text", "align": align, "baseline": "top", "dx": dx, "fontSize": font, "lineBreak": "\n",
            "lineHeight": font * 1.25}
    return [
        {"mark": {"type": "line", "strokeDash": [6, 4], "strokeWidth": 1.5},
         "encoding": {"color": target_colour(legend), "detail": {"field": "target", "type": "nominal"}, "x": x, "y": y}},
        {"mark": {"type": "point", "filled": True, "shape": "diamond", "size": 110},
         "encoding": {"color": target_colour(legend),
                      "tooltip": [{"field": "target", "title": tooltip_title, "type": "nominal"}],
                      "x": x, "y": {"field": "value", "type": "quantitative"}},
         "transform": [{"filter": "datum.end"}]},
        {"mark": {**text, "color": "white", "stroke": "white", "strokeJoin": "round", "strokeWidth": 4},
         "encoding": {"text": {"field": "text", "type": "nominal"}, "x": x, "y": label_y}},
        {"mark": text, "encoding": {"color": target_colour(legend), "text": {"field": "text", "type": "nominal"},
                                    "x": x, "y": label_y}}]


def without_data(node):
    """The spec as written, less the names Altair gives its data sets (hashes of the rows)."""
    if isinstance(node, dict):
        return {k: without_data(v) for k, v in node.items() if k not in ("data", "datasets", "$schema")}
    if isinstance(node, list):
        return [without_data(v) for v in node]
    return node


def rows_of(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def small_model():
    """Ninh Thuận's 18.8 (2010) and a preliminary 16.1 (2016), and the national 2025 target of at most 12.5."""
    return model([obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True)], [NATIONAL_2025])


# --- the spec of a chart with values and a target --------------------------------------------------------------------
def test_the_phone_chart_is_written_out_in_full():
    """The small layout: 320 px, 14-px text, no y-axis title (the unit is the subtitle), at most 5 years labelled,
    bigger points, the series' legend under the chart, the target labelled on its line and not listed again."""
    m = small_model()
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    # values 18.8, 16.1 and 12.5: from 0 to 18.8 in five steps of 3.76, rounded up to steps of 5 → 0 to 20
    x, y = x_axis(True), y_axis("value", [0, 20], None)
    colour = series_colour("Series", 280)  # 320 px less 40 for the symbol and padding
    fill = {"condition": {"test": "datum.preliminary", "value": "white"}, "field": "series", "legend": None,
            "scale": {"range": PALETTE}, "type": "nominal"}
    tooltip = [{"field": "series", "title": "Series", "type": "nominal"},
               {"field": "year", "format": "d", "title": "Year", "type": "quantitative"},
               {"field": "value_label", "title": "Value", "type": "nominal"}]
    assert without_data(spec) == {
        "config": config(14, 106),  # axis labels up to a third of the width
        "layer": [
            {"layer": [
                {"mark": {"type": "line", "strokeWidth": 2},
                 "encoding": {"color": colour, "detail": {"field": "series", "type": "nominal"}, "x": x, "y": y},
                 "transform": [{"filter": {"field": "series_code", "oneOf": OFFICIAL}}]},
                {"mark": {"type": "point", "size": 60, "strokeWidth": 2},
                 "encoding": {"color": colour, "fill": fill, "tooltip": tooltip, "x": x,
                              "y": {"field": "value", "type": "quantitative"}}}]},
            {"layer": target_layers(x, y, None, "Target", "right", -9, 14)}],
        "autosize": {"contains": "padding", "type": "fit-x"},
        "description": "Ninh Thuận, GSO (copy): fell from 18.8‰ in 2010 to 16.1‰ in 2016 (preliminary). National "
                       "2025 target, Decision 23/QĐ-TTg: at most 12.5‰; the 2016 value is 3.6‰ above the target, but "
                       "it is not used to assess progress (not enough data).",
        "height": 220,
        "resolve": {"scale": {"color": "independent", "fill": "independent"}},
        "title": {"text": ["Indicator 3b: Test indicator"], "anchor": "start", "fontSize": 16, "limit": 320,
                  "offset": 8, "subtitle": ["per 1,000 live births"], "subtitleFontSize": 14},
        "width": 320}


def test_the_phone_chart_draws_each_value_once_the_preliminary_one_hollow_and_labels_the_target_beside_its_end():
    m = small_model()
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    values, targets = spec["layer"]
    points = rows_of(spec, values)
    assert points == [
        {"year": 2010, "value": 18.8, "value_label": "18.8 per 1,000 live births", "series": "Ninh Thuận — GSO · copy",
         "preliminary": False, "series_code": "gso"},
        {"year": 2016, "value": 16.1, "value_label": "16.1 per 1,000 live births", "series": "Ninh Thuận — GSO · copy",
         "preliminary": True, "series_code": "gso"}]
    line, diamond, halo, label = targets["layer"]
    assert rows_of(spec, line) == rows_of(spec, diamond) == [
        {"year": 2021, "value": 12.5, "target": NATIONAL_NAME_EN, "short": "2025, national: ≤ 12.5", "end": False},
        {"year": 2025, "value": 12.5, "target": NATIONAL_NAME_EN, "short": "2025, national: ≤ 12.5", "end": True}]
    # The plot: 320 px less 10 of padding, the y axis (the widest tick '20' and one more character at 14 px × 0.6,
    # plus 8: 33.2 px) and the last year's label past the edge (2 × 14 × 0.6 = 16.8): 260 px wide, 220 high, years
    # 2010–2025. The line of 12.5 is at 220 × (1 − 12.5 / 20) = 82.5 px. Its label (22 characters: 184.8 px) ends
    # 9 px before the line's end, just above it: its top at 82.5 − 3 − 17.5 = 62 px, i.e. 20 − 62 / 220 × 20.
    assert rows_of(spec, halo) == rows_of(spec, label) == [
        {"year": 2025, "label_y": pytest.approx(20 - 62 / 11), "text": f"2025, national: ≤{NBSP}12.5",
         "target": NATIONAL_NAME_EN, "align": "right"}]


def test_the_wide_chart_has_its_axis_titles_and_lists_the_targets_under_it():
    m = small_model()
    spec = charts.spec(m, m.indicators["3b"], "vi")
    x, y = x_axis(False, "Năm"), y_axis("value", [0, 20], "Giá trị (‰ trẻ đẻ sống)")
    values, targets = spec["layer"]
    line, point = values["layer"]
    assert without_data(line)["encoding"] == {
        "color": series_colour("Chuỗi số liệu", 600), "detail": {"field": "series", "type": "nominal"}, "x": x, "y": y}
    assert point["mark"] == {"type": "point", "size": 45, "strokeWidth": 2}
    legend = {"columns": 1, "direction": "vertical", "labelLimit": 600, "orient": "bottom", "symbolType": "diamond",
              "title": "Mức mục tiêu"}
    # wide: the plot is 640 − 10 − (3 × 13 × 0.6 + 8 + 13 × 1.25 + 4) − 2 × 13 × 0.6 = 562.75 px by 300
    assert without_data(targets) == {"layer": target_layers(x, y, legend, "Mức mục tiêu", "right", -9, 13)}
    assert rows_of(spec, targets["layer"][2])[0]["text"] == f"2025, toàn{NBSP}quốc: ≤{NBSP}12,5"  # a place's words kept together
    assert (spec["config"], spec["width"], spec["height"]) == (config(13, 213), 640, 300)
    assert spec["title"] == {"text": ["Chỉ tiêu 3b: Chỉ tiêu thử"], "anchor": "start", "fontSize": 16, "limit": 640,
                             "offset": 8, "subtitle": ["‰ trẻ đẻ sống"], "subtitleFontSize": 13}


def test_a_legend_label_too_long_for_a_phone_is_broken_into_balanced_lines():
    """'Khánh Hòa (before 1 July 2025) — GSO · copy' (43 characters) is wider than the 280 px a legend label has on
    a phone (33 characters of 14 px): two lines, the second as long as the first allows."""
    m = model([obs("56", 2019, 10.0)], [])
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    legend = spec["layer"][0]["layer"][0]["encoding"]["color"]["legend"]
    assert legend["labelExpr"] == ('({"Khánh Hòa (before 1 July 2025) — GSO · copy": ["Khánh Hòa (before 1", '
                                   '"July 2025) — GSO · copy"]})[datum.label] || datum.label')
    assert "labelExpr" not in charts.spec(m, m.indicators["3b"], "en")["layer"][0]["layer"][0]["encoding"]["color"][
        "legend"]  # 600 px are enough


def test_a_chart_of_press_figures_only_draws_no_line_between_them():
    m = model([obs(VN, 2014, 14.0, "news", "paper"), obs(VN, 2016, 13.9, "news", "paper")], [])
    spec = charts.spec(m, m.indicators["3b"], "en")
    assert [layer["mark"]["type"] for layer in spec["layer"][0]["layer"]] == ["line", "point"]
    assert spec["layer"][0]["layer"][0]["transform"] == [{"filter": {"field": "series_code", "oneOf": OFFICIAL}}]
    assert len(spec["layer"]) == 1  # no target, no target layers
    assert {row["series_code"] for row in rows_of(spec, spec)} == {"news"}  # one data set, at the top


def test_a_chart_without_values_is_one_of_targets_scaled_to_them():
    m = model([], [target("3b", "national", 2030, ">=", 45)], "increase", "percent")
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    assert len(spec["layer"]) == 1
    layers = spec["layer"][0]["layer"]
    # 45 / 5 = 9, rounded up to a step of 10: 0 to 50
    assert layers[0]["encoding"]["y"] == y_axis("value", [0, 50], None)
    assert [layer["mark"]["type"] for layer in layers] == ["line", "point", "text", "text"]


# --- nothing to draw, many areas -------------------------------------------------------------------------------------
def test_a_chart_with_nothing_to_draw_is_a_sentence_in_the_layouts_size():
    m = model([], [])
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    assert without_data(spec) == {
        "config": config(14, 106),
        "mark": {"type": "text", "color": "#555", "fontSize": 16, "lineBreak": "\n"},
        "encoding": {"text": {"field": "text", "type": "nominal"},
                     "x": {"axis": None, "field": "x", "type": "quantitative"},
                     "y": {"axis": None, "field": "y", "type": "quantitative"}},
        "autosize": {"contains": "padding", "type": "fit-x"},
        "description": spec["description"],
        "height": 120,
        "title": {"text": ["Indicator 3b: Test indicator"], "anchor": "start", "fontSize": 16, "limit": 320,
                  "offset": 8, "subtitle": ["per 1,000 live births"], "subtitleFontSize": 14},
        "width": 320}
    assert spec["description"] == "There is no data yet for “Test indicator”."
    # 'No data to chart yet.' fits the 300 px at 16 px on one line
    assert spec["datasets"][spec["data"]["name"]] == [{"x": 0, "y": 0, "text": "No data to chart yet."}]
    assert charts.empty_spec(m, m.indicators["3b"], "vi")["width"] == 640  # wide unless told


def test_many_areas_are_drawn_as_a_band_and_a_median_with_the_targets():
    rows = [obs(f"{i:05d}", 2020, float(i)) for i in range(1, 14)] + [obs("00001", 2021, 4.0), obs("00002", 2021, 6.0)]
    m = model(rows, [NATIONAL_2025])
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    band_and_median, targets = spec["layer"]
    # p10 … p90 of 1…13 is 2.2 … 11.8; with 12.5: 0 to 12.5 in five steps of 2.5
    x, y = x_axis(True), y_axis("p10", [0, 12.5], None)
    assert without_data(band_and_median) == {"layer": [
        {"mark": {"type": "area", "color": PALETTE[0], "opacity": 0.3},
         "encoding": {"x": x, "y": y, "y2": {"field": "p90"}}},
        {"mark": {"type": "line", "color": PALETTE[0], "strokeWidth": 2},
         "encoding": {"tooltip": [{"field": "year", "format": "d", "title": "Year", "type": "quantitative"},
                                  {"field": "p50", "title": "Median of areas", "type": "quantitative"},
                                  {"field": "n", "title": "n", "type": "quantitative"}],
                      "x": x, "y": {"field": "p50", "type": "quantitative"}}}]}
    assert [layer["mark"]["type"] for layer in targets["layer"]] == ["line", "point", "text", "text"]
    assert targets["layer"][0]["encoding"]["y"] == y_axis("value", [0, 12.5], None)
    assert rows_of(spec, band_and_median) == [
        {"year": 2020, "p10": pytest.approx(2.2), "p50": 7.0, "p90": pytest.approx(11.8), "n": 13,
         "band": "10th–90th percentile of areas", "median": "Median of areas"},
        {"year": 2021, "p10": pytest.approx(4.2), "p50": 5.0, "p90": pytest.approx(5.8), "n": 2,
         "band": "10th–90th percentile of areas", "median": "Median of areas"}]
    assert spec["resolve"] == {"scale": {"color": "independent"}}
    assert (spec["width"], spec["height"], spec["autosize"]) == (320, 220, {"contains": "padding", "type": "fit-x"})
    assert spec["config"] == config(14, 106)
    # 70 characters, 36 to a line of 310 px at 14 px: two lines (of 35 the second would not fit)
    assert spec["title"]["subtitle"] == ["per 1,000 live births — median of", "areas, 10th–90th percentile of areas"]
    assert spec["description"] == charts.describe(m, m.indicators["3b"], "en")


def test_many_areas_without_a_target_are_a_band_and_a_median_only():
    m = model([obs(f"{i:05d}", 2020, float(i)) for i in range(1, 14)], [])
    spec = charts.spec(m, m.indicators["3b"], "vi")
    assert len(spec["layer"]) == 1 and [lay["mark"]["type"] for lay in spec["layer"][0]["layer"]] == ["area", "line"]
    assert spec["layer"][0]["layer"][0]["encoding"]["y"] == y_axis("p10", [0, 12.5], "Giá trị (‰ trẻ đẻ sống)")
    assert spec["layer"][0]["layer"][1]["encoding"]["tooltip"][1]["title"] == "Trung vị các địa bàn"


# --- the pieces: scale, plot, wrapping -------------------------------------------------------------------------------
@pytest.mark.parametrize("values, domain", [
    ([18.8, 16.1, 12.5], (0, 20)),     # 3.76 → a step of 5
    ([12.5], (0, 12.5)),               # 2.5 → 2.5
    ([45], (0, 50)),                   # 9 → 10
    ([-3, 7], (-4, 8)),                # 2 → 2, the lowest value below zero
    ([-2], (-2, 0)),                   # 0.4 → 0.5
    ([None, math.nan, 3], (0, 3)),     # missing values left out; 0.6 → 1
    ([], (0, 1)),                      # nothing: 0 to 1
    ([0.0], (0, 1)),
])
def test_the_value_axis_runs_from_zero_or_below_to_a_round_step_above_the_highest_value(values, domain):
    assert charts.y_domain(values) == pytest.approx(domain)


def test_a_step_is_the_first_of_1_2_2_5_5_10_times_a_power_of_ten_that_covers_the_span():
    assert [charts._nice_step(s) for s in (0, 1, 1.5, 2.2, 4, 7, 0.03, 3000)] == \
        pytest.approx([1, 1, 2, 2.5, 5, 10, 0.05, 5000])


def test_the_plot_area_leaves_room_for_the_axis_and_the_last_years_label():
    small = charts.plot_area(charts.SMALL, [2016, 2010, 2025], (0, 20))
    assert (small.years, small.values, small.width, small.height) == ((2010, 2025), (0, 20), pytest.approx(260), 220)
    wide = charts.plot_area(charts.WIDE, [2016, 2030], (0, 30))
    assert wide.width == pytest.approx(562.75)  # 640 − 10 − (23.4 + 8 + 16.25 + 4) − 15.6
    # '2,000' and one more character: 6 × 8.4 + 8 = 58.4
    assert charts.plot_area(charts.SMALL, [2020], (0, 2000)).width == pytest.approx(234.8)
    assert charts.plot_area(charts.SMALL, [2020], (-15, 5)).width == pytest.approx(320 - 10 - 41.6 - 16.8)


def test_the_plot_maps_years_and_values_to_pixels_and_back():
    plot = charts.Plot((2010, 2020), (0, 20), 200, 100)
    assert (plot.x(2010), plot.x(2015), plot.x(2020)) == (0, 100, 200)
    assert (plot.y(0), plot.y(5), plot.y(20)) == (100, 75, 0)
    assert (plot.value(0), plot.value(25), plot.value(100)) == (20, 15, 0)
    shifted = charts.Plot((2000, 2010), (10, 30), 100, 40)
    assert (shifted.x(2005), shifted.y(15), shifted.value(10)) == (50, 30, 25)
    one_year = charts.Plot((2020, 2020), (0, 1), 80, 10)
    assert (one_year.x(2020), one_year.x(2021)) == (0, 80)


def test_boxes_overlap_only_when_they_share_an_area():
    a = (0, 10, 0, 10)
    assert charts._overlaps(a, (9, 20, 9, 20)) and charts._overlaps((9, 20, 9, 20), a)
    assert charts._overlaps(a, (2, 3, 2, 3))
    assert not charts._overlaps(a, (10, 20, 0, 10))  # side by side
    assert not charts._overlaps(a, (-10, 0, 0, 10))
    assert not charts._overlaps(a, (0, 10, 10, 20))  # one under the other
    assert not charts._overlaps(a, (0, 10, -10, 0))


@pytest.mark.parametrize("text, width, font, lines", [
    ("Khánh Hòa (before 1 July 2025) — GSO · copy", 280, 14, ["Khánh Hòa (before 1", "July 2025) — GSO · copy"]),
    ("aa bb cc dd ee ff", 102, 10, ["aa bb cc dd ee ff"]),          # 17 characters of 6 px fit 102 px
    ("aa bb cc dd ee ff", 101, 10, ["aa bb cc", "dd ee ff"]),       # but not 101
    ("aa bb cc dd ee ff", 60, 10, ["aa bb cc", "dd ee ff"]),        # 10 characters a line: two of 8
    ("abcd efg", 10, 14, ["abcd efg"]),                              # never fewer than 8 characters a line
    ("abcd efgh", 10, 14, ["abcd", "efgh"]),
    ("ngắn", 300, 14, ["ngắn"]),
    ("", 300, 14, [""]),
    ("a-very-long-word", 50, 10, ["a-very-long-word"]),              # never broken inside a word or at a hyphen
    ("x-y z", 10, 14, ["x-y z"]),
    ("one two-three four", 48, 10, ["one", "two-three", "four"]),
])
def test_wrapping_breaks_between_words_into_the_fewest_balanced_lines(text, width, font, lines):
    assert charts.wrap(text, width, font) == lines


# --- target labels ---------------------------------------------------------------------------------------------------
def test_a_lone_target_label_sits_just_above_the_end_of_its_line():
    """Small plot: 260 × 220 px for 2010–2025 and 0–20. The line of 12.5 runs from x = 190.7 to 260 at y = 82.5; the
    label '2025, national: ≤ 12.5' (22 × 8.4 = 184.8 px wide, 17.5 high) ends at 251 px, from y = 62 to 79.5."""
    targets = targets_frame([(2025, 12.5, "2025, national: ≤ 12.5")])
    plot = charts.plot_area(charts.SMALL, [2010, 2025], (0, 20))
    rows, short = charts.target_labels(targets, plot, [(2010, 18.8), (2016, 16.1)], charts.SMALL)
    assert not short
    assert rows.to_dict("records") == [{"year": 2025, "label_y": pytest.approx(20 - 62 / 11),
                                        "text": f"2025, national: ≤{NBSP}12.5", "target": "Mục tiêu 2025: 2025, "
                                        "national: ≤ 12.5", "align": "right"}]


def test_a_target_label_moves_below_its_line_when_a_value_would_be_covered():
    """As above, with a value in 2020 (x = 173.3): above the line, a point within 4 px of the label (62 to 79.5 px)
    would be covered, so the label goes below (85.5 to 103 px), if nothing is there."""
    targets = targets_frame([(2025, 12.5, "2025, national: ≤ 12.5")])
    plot = charts.plot_area(charts.SMALL, [2010, 2025], (0, 20))
    above, _ = charts.target_labels(targets, plot, [(2020, 14.6)], charts.SMALL)  # y = 59.4: 4 px
    assert above["label_y"].tolist() == [pytest.approx(20 - 85.5 / 11)]
    near, _ = charts.target_labels(targets, plot, [(2020, 14.7)], charts.SMALL)  # y = 58.3: still within 4 px
    assert near["label_y"].tolist() == [pytest.approx(20 - 85.5 / 11)]
    clear, _ = charts.target_labels(targets, plot, [(2020, 14.8)], charts.SMALL)  # y = 57.2: clear
    assert clear["label_y"].tolist() == [pytest.approx(20 - 62 / 11)]


def test_a_target_label_that_would_leave_the_plot_at_the_top_goes_under_its_line():
    """A line at 19 (y = 11 px): above it the label's top would be 11 − 3 − 17.5 < 0."""
    targets = targets_frame([(2025, 19.0, "2025, national: ≤ 19")])
    plot = charts.plot_area(charts.SMALL, [2010, 2025], (0, 20))
    rows, short = charts.target_labels(targets, plot, [], charts.SMALL)
    assert not short and rows.to_dict("records") == [{"year": 2025, "label_y": pytest.approx(20 - 14 / 11),
                                                      "text": f"2025, national: ≤{NBSP}19",
                                                      "target": "Mục tiêu 2025: 2025, national: ≤ 19", "align": "right"}]


@pytest.mark.parametrize("plot", [charts.Plot((2024, 2025), (0, 20), 150, 220),
                                  charts.Plot((2020, 2030), (0, 20), 260, 220)])
def test_a_target_label_too_long_for_the_room_before_its_lines_end_is_broken_into_lines(plot):
    """The line ends at 150 px (a 150-px plot of 2024–2025) or at 130 px (2025 on a 260-px plot of 2020–2030): the
    label, ending 9 px before, has room for 16 or 14 characters a line. '2025, national: ≤ 10' (20, '≤ 10' kept
    together) needs two lines, and keeps two down to 14 characters a line: '2025,' and 'national: ≤ 10',
    14 × 8.4 = 117.6 px wide and 35 high, just above the line (at 110 px): from 72."""
    targets = targets_frame([(2025, 10.0, "2025, national: ≤ 10")])
    rows, short = charts.target_labels(targets, plot, [], charts.SMALL)
    assert not short
    assert rows.to_dict("records") == [{"year": 2025, "label_y": pytest.approx(20 - 72 / 11),
                                        "text": f"2025,\nnational: ≤{NBSP}10",
                                        "target": "Mục tiêu 2025: 2025, national: ≤ 10", "align": "right"}]


def test_a_target_label_with_no_room_at_all_is_put_short_at_the_end_of_its_line():
    """A plot 20 px by 10: not even '≤ 10' (17.5 px high) fits anywhere."""
    targets = targets_frame([(2025, 10.0, "2025, national: ≤ 10")])
    rows, short = charts.target_labels(targets, charts.Plot((2020, 2025), (0, 20), 20, 10), [], charts.SMALL)
    assert short
    assert rows.to_dict("records") == [{"year": 2025, "label_y": pytest.approx(10), "text": f"≤{NBSP}10",
                                        "target": "Mục tiêu 2025: 2025, national: ≤ 10", "align": "right"}]


def test_crowded_labels_become_short_and_each_finds_its_own_place():
    """Four lines within 5 units on a 220-px plot of 0–30: full labels would cover each other or another line, so each
    gets its comparison and number, beside its line's end (left of it, then right, then above or below)."""
    targets = targets_frame([(2025, 20.0, "2025, Ninh Thuận: < 20"), (2025, 18.5, "2025, national: < 18.5"),
                            (2030, 18.0, "2030, Ninh Thuận: ≤ 18"), (2030, 15.0, "2030, national: < 15")])
    plot = charts.plot_area(charts.SMALL, [2010, 2030], (0, 30))
    rows, short = charts.target_labels(targets, plot, [], charts.SMALL)
    assert short
    # Worked out on paper, the highest line first (260 × 220 px; lines at 73.3, 84.3, 88 and 110 px, from 143 px to
    # 195 px for 2025 and to 260 px for 2030; labels 17.5 px high, 33.6 px wide, 50.4 for '< 18.5'):
    # - '< 20' right of its line's end, centred on it (64.6 to 82.1 px): nothing there.
    # - '< 18.5' right of its end would cover '< 20' and the line of 18; left of it, the lines of 18.5 and 18; above
    #   it, '< 20', its line and diamond; below it (from 84.3 + 6 px) nothing.
    # - '≤ 18': no room right of 260 px; left of its end it covers both labels and its own line; above it (from
    #   88 − 6 − 17.5 px) nothing.
    # - '< 15': left of its end it covers '< 18.5' and its own line; above it, the line of 18 and its diamond; below.
    assert rows.to_dict("records") == [
        {"year": 2025, "label_y": pytest.approx(30 - (220 / 3 - 8.75) * 30 / 220), "text": f"<{NBSP}20",
         "target": "Mục tiêu 2025: 2025, Ninh Thuận: < 20", "align": "left"},
        {"year": 2025, "label_y": pytest.approx(30 - (220 * 11.5 / 30 + 6) * 30 / 220), "text": f"<{NBSP}18.5",
         "target": "Mục tiêu 2025: 2025, national: < 18.5", "align": "center"},
        {"year": 2030, "label_y": pytest.approx(30 - 64.5 * 30 / 220), "text": f"≤{NBSP}18",
         "target": "Mục tiêu 2030: 2030, Ninh Thuận: ≤ 18", "align": "center"},
        {"year": 2030, "label_y": pytest.approx(30 - 116 * 30 / 220), "text": f"<{NBSP}15",
         "target": "Mục tiêu 2030: 2030, national: < 15", "align": "center"}]


# --- the rendered SVG's text alternative -----------------------------------------------------------------------------
def test_the_svg_title_and_description_are_escaped_text_not_markup():
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 40, "height": 20,
            "data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    svg = charts.render_svg(spec, "en", "3b: <i>x</i> & y", 'fell "a lot" <b>')
    root = ET.fromstring(svg)  # well-formed: nothing the title says became markup
    title, desc = root.find("{http://www.w3.org/2000/svg}title"), root.find("{http://www.w3.org/2000/svg}desc")
    assert (title.text, title.get("id"), desc.text, desc.get("id")) == ("3b: <i>x</i> & y", "chart-title",
                                                                         'fell "a lot" <b>', "chart-desc")
    assert list(root)[:2] == [title, desc]  # first, where assistive technology reads them
    assert svg.startswith("<svg") and svg.count("<svg") == 1 and svg.count('role="img"') == 1
    assert ' opacity="1"' not in svg and "pointer-events" not in svg and "aria-hidden" not in svg


def test_many_areas_with_a_higher_target_are_scaled_to_it_and_label_it_at_its_year():
    """Values 1…13 (2020) and a target of at most 20 by 2030: the axis runs to 20, the years to 2030. On the phone's
    260 × 220-px plot the line of 20 is at the top (y = 0): its label (20 characters, 168 px) cannot go above it, so
    it goes just under it, ending 9 px before 2030: from y = 3 px."""
    m = model([obs(f"{i:05d}", 2020, float(i)) for i in range(1, 14)], [target("3b", "national", 2030, "<=", 20)])
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    band, targets = spec["layer"]
    assert band["layer"][0]["encoding"]["y"] == y_axis("p10", [0, 20], None)
    assert rows_of(spec, targets["layer"][2]) == [
        {"year": 2030, "label_y": pytest.approx(20 - 3 / 11), "text": f"2030, national: ≤{NBSP}20",
         "target": "National 2030 target, Decision 23/QĐ-TTg: at most 20‰", "align": "right"}]
    wide = charts.spec(m, m.indicators["3b"], "vi")
    assert wide["layer"][1]["layer"][0]["encoding"]["y"] == y_axis("value", [0, 20], "Giá trị (‰ trẻ đẻ sống)")


@pytest.mark.parametrize("width, lines", [
    (300, ["Chưa có số liệu", "để vẽ biểu đồ."]),  # 280 px at 16 px: 29 characters a line, the sentence has 30
    (308, ["Chưa có số liệu để vẽ biểu đồ."]),    # 288 px: 30
])
def test_the_sentence_of_an_empty_chart_is_wrapped_to_its_width_less_20_px_at_2_px_above_the_layouts_font(width,
                                                                                                          lines):
    layout = charts.Layout("test", width=width, height=200, font=14, title_font=16, y_title=False, x_ticks=None,
                           target_legend=False)
    m = model([], [])
    spec = charts.empty_spec(m, m.indicators["3b"], "vi", layout)
    assert spec["datasets"][spec["data"]["name"]] == [{"x": 0, "y": 0, "text": "\n".join(lines)}]


def test_the_svg_size_is_zero_when_the_svg_declares_none():
    assert charts.svg_size(b"<svg><g/></svg>") == (0, 0)
    assert charts.svg_size(b'<svg width="12.4" height="7.6">') == (12, 8)


def test_the_picture_declares_no_size_it_does_not_know_whole():
    assert charts.picture("b/", "1-en", "a", lazy=False) == (
        f'<picture><source media="{charts.SMALL_SCREEN}" srcset="b/1-en-small.svg"><img src="b/1-en.svg" alt="a">'
        '</picture>')
    half_known = {"spec_size": (640, 0), "small_size": (0, 424)}
    assert charts.picture("b/", "1-en", "a", half_known) == (
        f'<picture><source media="{charts.SMALL_SCREEN}" srcset="b/1-en-small.svg"><img src="b/1-en.svg" alt="a" '
        'loading="lazy"></picture>')


def sized_spec(values: list[float]) -> dict:
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 60, "height": 40,
            "data": {"values": [{"year": 2010 + i, "value": v} for i, v in enumerate(values)]}, "mark": "line",
            "encoding": {"x": {"field": "year", "type": "quantitative", "axis": {"format": "d"}},
                         "y": {"field": "value", "type": "quantitative"}}}


def test_the_svg_writes_numbers_as_its_language_does():
    texts = " ".join(ET.fromstring(charts.render_svg(sized_spec([1200.0, 2600.0]), "vi", "t", "d")).itertext())
    assert "2.000" in texts and "2,000" not in texts
    texts = " ".join(ET.fromstring(charts.render_svg(sized_spec([1200.0, 2600.0]), "en", "t", "d")).itertext())
    assert "2,000" in texts and "2.000" not in texts


def test_the_svg_renderer_fetches_nothing():
    spec = {**sized_spec([]), "data": {"url": "http://127.0.0.1:9/x.csv"}}
    with pytest.raises(ValueError, match="not allowed"):
        charts.render_svg(spec, "en", "t", "d")


def test_a_target_label_never_starts_left_of_the_plot_even_when_a_place_name_cannot_be_broken():
    """'Khánh Hòa (from 1 July 2025):' is kept on one line (29 characters, 243.6 px): ending at the line's end
    (121 px) it would start off the plot, and from the line's start (35 px) it covers the line's diamond at 130 px,
    above or below. So the labels are short: '< 10' just right of the line's end, centred on it (110 px)."""
    targets = targets_frame([(2025, 10.0, "2025, Khánh Hòa (from 1 July 2025): < 10")])
    rows, short = charts.target_labels(targets, charts.Plot((2020, 2030), (0, 20), 260, 220), [], charts.SMALL)
    assert short
    assert rows.to_dict("records") == [{"year": 2025, "label_y": pytest.approx(20 - 101.25 / 11),
                                        "text": f"<{NBSP}10", "target": targets["target"][0], "align": "left"}]


def test_target_labels_are_placed_from_the_highest_line_and_at_one_height_the_earliest_first():
    """Two targets of 10 (2025 and 2030) and one of 12 (2030): the 12 first, then the 10s by year."""
    targets = targets_frame([(2030, 10.0, "2030, national: < 10"), (2025, 10.0, "2025, national: < 10"),
                             (2030, 12.0, "2030, Ninh Thuận: < 12")])
    rows, _ = charts.target_labels(targets, charts.plot_area(charts.SMALL, [2010, 2030], (0, 20)), [], charts.SMALL)
    assert rows["target"].tolist() == ["Mục tiêu 2030: 2030, Ninh Thuận: < 12", "Mục tiêu 2025: 2025, national: < 10",
                                       "Mục tiêu 2030: 2030, national: < 10"]


def test_a_target_label_splits_its_number_from_the_last_colon_only():
    """A place whose name has a colon keeps it: only what follows the last ': ' is the comparison and number."""
    targets = targets_frame([(2025, 10.0, "2025, Vùng: A: < 10")])
    rows, short = charts.target_labels(targets, charts.plot_area(charts.SMALL, [2010, 2025], (0, 20)), [],
                                       charts.SMALL)
    assert not short and rows["text"].tolist() == [f"2025, Vùng:{NBSP}A: <{NBSP}10"]


def test_the_chart_puts_a_target_label_below_its_line_when_above_it_would_cover_a_value():
    """The phone chart of small_model() with a value of 14.6 in 2020 (x = 173.3, y = 59.4 px), within 4 px of where
    the label would be above its line (62 to 79.5 px): it goes below, from 85.5 px."""
    m = model([obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True), obs(NT, 2020, 14.6)], [NATIONAL_2025])
    spec = charts.small_spec(m, m.indicators["3b"], "en")
    assert [(r["year"], r["label_y"]) for r in rows_of(spec, spec["layer"][1]["layer"][2])] == [
        (2025, pytest.approx(20 - 85.5 / 11))]


def test_a_points_tooltip_keeps_the_sources_qualifier():
    """'more than 96%' as the source says it, not '96%'."""
    m = model([obs(NT, 2020, 96.0, qualifier="more-than", unit="percent")], [], "increase", "percent")
    spec = charts.spec(m, m.indicators["3b"], "en")
    assert [r["value_label"] for r in rows_of(spec, spec)] == ["more than 96%"]


def test_the_text_alternative_is_kept_per_language():
    m = small_model()
    en = charts.describe(m, m.indicators["3b"], "en")
    vi = charts.describe(m, m.indicators["3b"], "vi")
    assert en.startswith("Ninh Thuận, GSO (copy): fell from 18.8‰") and vi.startswith("Ninh Thuận")
    assert vi != en and "giảm" in vi
