"""Charts as a reader sees them (scripts/charts.py): which values are drawn, how (lines, hollow preliminary points,
dashed targets ending in a diamond), what the legend and the text alternative say, and the SVG's title and
description. Small hand-written models (tests/factory.py); each test that checks rendered output renders it itself
(no cache shared with the build)."""
from __future__ import annotations

import re

import pytest

from factory import model, obs, target
from scripts import charts

NT, VN = "58", "VN"
NATIONAL_2025 = target("3b", "national", 2025, "<=", 12.5)
PLAN_182 = target("3b", NT, 2025, "<", 15, document_id="182-kh-ubnd")
DOUBTFUL_2030 = target("3b", "national", 2030, "<=", 10, "doubtful", "copy-error-suspected")
RANGE_2030 = target("3b", "national", 2030, "=", 2, value_upper=3)


def sample(lang_rows=None):
    return model(lang_rows or [obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True),
                               obs(VN, 2014, 14.0, "survey", "mirror", measure="s"), obs(VN, 2016, 13.9, "news", "paper")],
                 [NATIONAL_2025, PLAN_182, DOUBTFUL_2030, RANGE_2030],
                 measures=(("m", "same"), ("s", "survey-definition")))


def layers(spec: dict) -> list[dict]:
    """Every mark of a (nested) layered spec, in order."""
    out = []
    for layer in spec.get("layer", []):
        out.extend(layers(layer) if "layer" in layer else [layer])
    return out


def data_of(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


# --- what is drawn, and its legend -----------------------------------------------------------------------------------
def test_a_line_is_named_by_place_series_and_the_trust_of_its_source_unless_the_series_says_it():
    assert charts.line_label("Ninh Thuận", "gso", "secondary-copy", "", "vi") == "Ninh Thuận — Tổng cục Thống kê · bản sao"
    assert charts.line_label("Viet Nam", "news", "press", "", "en") == "Viet Nam — Press"
    assert charts.line_label("Viet Nam", "gso", "", "", "en") == "Viet Nam — GSO"
    assert charts.line_label("Viet Nam", "survey", "low-trust-copy", "own definition", "en") == \
        "Viet Nam — Survey · low trust · own definition"


def test_the_chart_rows_are_the_indicators_own_values_labelled_by_line_with_preliminary_ones_marked():
    m = sample()
    rows = charts.chart_rows(m, m.indicators["3b"], "vi")
    assert list(zip(rows["area_code"], rows["year"], rows["line"], rows["preliminary"], rows["value_label"])) == [
        (NT, 2010, "Ninh Thuận — Tổng cục Thống kê · bản sao", False, "18,8‰ trẻ đẻ sống"),
        (NT, 2016, "Ninh Thuận — Tổng cục Thống kê · bản sao", True, "16,1‰ trẻ đẻ sống"),
        (VN, 2014, "Việt Nam — Điều tra · độ tin cậy thấp · định nghĩa riêng", False, "14‰ trẻ đẻ sống"),
        (VN, 2016, "Việt Nam — Báo chí", False, "13,9‰ trẻ đẻ sống")]
    assert charts.chart_rows(m, m.indicators["3b"], "vi") is rows  # computed once per indicator and language
    en = charts.chart_rows(m, m.indicators["3b"], "en")
    assert list(en["line"])[2:] == ["Viet Nam — Survey · low trust · own definition", "Viet Nam — Press"]


def test_an_area_is_named_as_the_unit_its_code_meant_in_its_last_year():
    m = model([obs("56", 2019, 10.0), obs("56", 2024, 9.0)], [])
    assert set(charts.chart_rows(m, m.indicators["3b"], "vi")["line"]) == {
        "Khánh Hòa (trước 1/7/2025) — Tổng cục Thống kê · bản sao"}


def test_without_values_there_are_no_chart_rows():
    m = model([], [])
    assert charts.chart_rows(m, m.indicators["3b"], "vi").empty


def test_usable_level_targets_are_drawn_from_2021_to_their_year_and_doubtful_ones_and_ranges_not_at_all():
    m = sample()
    rows = charts.target_rows(m, m.indicators["3b"], "vi")
    assert rows.to_dict("records") == [
        {"year": 2021, "value": 12.5, "target": "Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg: không quá 12,5‰",
         "short": "2025, toàn quốc: ≤ 12,5", "end": False},
        {"year": 2025, "value": 12.5, "target": "Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg: không quá 12,5‰",
         "short": "2025, toàn quốc: ≤ 12,5", "end": True},
        {"year": 2021, "value": 15.0, "target": "Mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND: dưới 15‰",
         "short": "2025, Ninh Thuận: < 15", "end": False},
        {"year": 2025, "value": 15.0, "target": "Mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND: dưới 15‰",
         "short": "2025, Ninh Thuận: < 15", "end": True}]
    at_least = model([], [target("3b", "national", 2025, ">=", 97.5)], "increase", "percent")
    assert list(charts.target_rows(at_least, at_least.indicators["3b"], "en")["short"]) == ["2025, national: ≥ 97.5"] * 2


def test_the_distribution_of_many_areas_is_the_10th_50th_and_90th_percentile_per_year():
    import pandas as pd
    rows = pd.DataFrame({"year": [2020] * 10 + [2021] * 2, "area_code": [str(i) for i in range(10)] + ["0", "1"],
                         "value": [float(v) for v in range(1, 11)] + [4.0, 6.0]})
    q = charts.distribution(rows, "vi")
    # 1..10: p10 = 1 + 0.9 * 1 = 1.9, median 5.5, p90 = 9.1; {4, 6}: 4.2, 5, 5.8
    assert q.round(6).to_dict("records") == [
        {"year": 2020, "p10": 1.9, "p50": 5.5, "p90": 9.1, "n": 10},
        {"year": 2021, "p10": 4.2, "p50": 5.0, "p90": 5.8, "n": 2}]


# --- the Vega-Lite spec ----------------------------------------------------------------------------------------------
def test_the_spec_draws_official_series_as_lines_every_value_as_a_point_preliminary_ones_hollow_and_targets_dashed():
    m = sample()
    spec = charts.spec(m, m.indicators["3b"], "vi")
    marks = layers(spec)
    # then two text layers: each target line's label on the chart (its box and its words; tests/test_charts.py)
    assert [mk["mark"]["type"] for mk in marks] == ["line", "point", "line", "point", "text", "text"]
    line, point, tline, tpoint = marks[:4]
    assert line["transform"] == [{"filter": {"field": "series_code", "oneOf": list(charts.LINE_SERIES)}}]
    assert line["mark"]["strokeWidth"] == 2
    assert point["encoding"]["fill"]["condition"] == {"test": "datum.preliminary", "value": "white"}
    assert (point["mark"]["size"], point["mark"]["strokeWidth"]) == (45, 2)
    assert [t["field"] for t in point["encoding"]["tooltip"]] == ["series", "year", "value_label"]
    assert [t["title"] for t in point["encoding"]["tooltip"]] == ["Chuỗi số liệu", "Năm", "Giá trị"]
    assert tline["mark"]["strokeDash"] == [6, 4]
    assert tpoint["transform"] == [{"filter": "datum.end"}]
    assert (tpoint["mark"]["shape"], tpoint["mark"]["filled"]) == ("diamond", True)
    assert tpoint["encoding"]["tooltip"] == [{"field": "target", "title": "Mức mục tiêu", "type": "nominal"}]
    assert tline["encoding"]["color"]["legend"]["symbolType"] == "diamond"
    # the points carry what a tooltip says; preliminary only on the 2016 value
    points = [r for r in data_of(spec) if "value_label" in r]
    assert [(r["year"], r["preliminary"], r["series_code"]) for r in points] == [
        (2010, False, "gso"), (2016, True, "gso"), (2014, False, "survey"), (2016, False, "news")]
    assert line["encoding"]["y"]["title"] == "Giá trị (‰ trẻ đẻ sống)"
    assert line["encoding"]["x"]["axis"]["format"] == "d"
    assert line["encoding"]["x"]["title"] == "Năm"


def test_the_chart_is_titled_with_the_indicator_and_described_by_its_sentence():
    m = sample()
    spec = charts.spec(m, m.indicators["3b"], "en")
    assert spec["title"]["text"] == ["Indicator 3b: Test indicator"]  # lines: a long title wraps
    assert spec["title"]["subtitle"] == ["per 1,000 live births"]
    assert (spec["width"], spec["height"]) == (640, 300)
    assert spec["description"] == charts.describe(m, m.indicators["3b"], "en")
    assert spec["description"].startswith("Ninh Thuận, GSO (copy): fell from 18.8‰ in 2010 to 16.1‰ in 2016 "
                                          "(preliminary).")


def test_a_chart_with_targets_only_draws_the_targets():
    m = model([], [NATIONAL_2025])
    spec = charts.spec(m, m.indicators["3b"], "vi")
    assert [mk["mark"]["type"] for mk in layers(spec)] == ["line", "point", "text", "text"]  # + the target's label
    assert layers(spec)[0]["mark"]["strokeDash"] == [6, 4]


def test_a_chart_with_nothing_to_draw_says_so():
    m = model([], [DOUBTFUL_2030])
    spec = charts.spec(m, m.indicators["3b"], "vi")
    assert spec["mark"]["type"] == "text"
    assert data_of(spec) == [{"x": 0, "y": 0, "text": "Chưa có số liệu để vẽ biểu đồ."}]
    assert spec["title"]["text"] == ["Chỉ tiêu 3b: Chỉ tiêu thử"]
    assert spec["description"].startswith("Chưa có số liệu cho chỉ tiêu “Chỉ tiêu thử”.")
    assert (spec["width"], spec["height"]) == (640, 120)


def test_more_than_twelve_lines_are_drawn_as_a_distribution_with_the_targets():
    rows = [obs(f"{i:05d}", 2020, float(i)) for i in range(1, 14)]
    m = model(rows, [NATIONAL_2025])
    spec = charts.spec(m, m.indicators["3b"], "en")
    marks = layers(spec)
    assert [mk["mark"]["type"] for mk in marks] == ["area", "line", "line", "point", "text", "text"]
    assert marks[0]["encoding"]["y"]["field"] == "p10" and marks[0]["encoding"]["y2"]["field"] == "p90"
    assert marks[1]["encoding"]["y"]["field"] == "p50"
    assert spec["title"]["subtitle"] == ["per 1,000 live births — median of areas, 10th–90th percentile of areas"]
    median = [r for r in data_of(spec) if "p50" in r]
    assert [(r["year"], r["p50"], r["n"]) for r in median] == [(2020, 7.0, 13)]
    vi = charts.spec(m, m.indicators["3b"], "vi")
    assert vi["title"]["subtitle"] == ["‰ trẻ đẻ sống — trung vị các địa bàn, 10–90% địa bàn"]


def test_twelve_lines_are_still_drawn_one_by_one():
    m = model([obs(f"{i:05d}", 2020, float(i)) for i in range(1, 13)], [])
    assert [mk["mark"]["type"] for mk in layers(charts.spec(m, m.indicators["3b"], "en"))] == ["line", "point"]


# --- the rendered SVG ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def svg():
    """A small chart (a hand-written spec) rendered here, never read from a cache, with markup in its title and
    description."""
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 200, "height": 100,
            "data": {"values": [{"year": 2010, "value": 1200.0}, {"year": 2016, "value": 2600.0}]},
            "mark": "line", "encoding": {"x": {"field": "year", "type": "quantitative", "axis": {"format": "d"}},
                                         "y": {"field": "value", "type": "quantitative"}}}
    return charts.render_svg(spec, "vi", 'Chỉ tiêu 3b: <b>&"', "Mô tả <script>x</script> & y")


def test_the_svg_has_an_escaped_title_and_description_for_screen_readers(svg):
    assert '<title id="chart-title">Chỉ tiêu 3b: &lt;b&gt;&amp;"</title>' in svg
    assert '<desc id="chart-desc">Mô tả &lt;script&gt;x&lt;/script&gt; &amp; y</desc>' in svg
    assert re.search(r'<svg\b[^>]* role="img" aria-labelledby="chart-title chart-desc">', svg)
    assert svg.count("<title id=") == 1 and "<script" not in svg


def test_the_svg_axis_numbers_follow_the_pages_language(svg):
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"1.000", "2.000"} <= set(labels), labels  # thousands with a dot, as 590.467
    assert "2010" in labels  # years are years, not 2.010
