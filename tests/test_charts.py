"""Chart layout (issue 14): two layouts of every chart (wide for desktops, small for phones), text never below 12 px,
the legend under the chart, every target line labelled on the chart, labels that do not collide, and the <picture>
that lets the browser choose. How the text is displayed in a real browser is measured in tests/browser/test_readable.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from scripts import charts
from scripts.model import build_model
from scripts.validate import validate_datasets

SVG = "{http://www.w3.org/2000/svg}"
FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")


@pytest.fixture(scope="module")
def model():
    result = validate_datasets()
    assert result.problems == []
    return build_model(result.datasets)


def font_sizes(node, path=""):
    """Every font size a spec sets, with where."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, (int, float)):
                yield f"{path}.{key}", value
            yield from font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from font_sizes(value, f"{path}[{i}]")


# One chart of every kind, in the shipped data: lines and points with targets of two scopes, crowded (3b, 3c); with
# national targets (4a), close together (5a); targets and no data (1), one target (6); nothing to draw (13); a
# doubtful target, not drawn (15).
KINDS = ["3b", "3c", "4a", "5a", "1", "6", "13", "15"]


@pytest.fixture(scope="module")
def specs(model):
    """The specs of the charts of KINDS, in both layouts and languages."""
    return {(i, lang, make.__name__): make(model, model.indicators[i], lang) for i in KINDS
            for lang in ("vi", "en") for make in (charts.spec, charts.small_spec)}


def test_every_font_size_a_chart_sets_is_at_least_12px(specs):
    for (ind, lang, layout), spec in specs.items():
        # Vega's own defaults (10 and 11 px) are never left in place for axes and legends
        for part in ("axis", "legend"):
            for key in ("labelFontSize", "titleFontSize"):
                assert spec["config"][part][key] >= 12, (ind, lang, layout, part, key)
        small = {where: size for where, size in font_sizes(spec) if size < 12}
        assert not small, (ind, lang, layout, small)


# (The distribution chart, for thousands of areas, is made in the national benchmark's build.)
@pytest.mark.parametrize("ind", KINDS)
@pytest.mark.parametrize("layout", ["spec", "small_spec"])
def test_specs_are_valid_vega_lite(specs, ind, layout):
    """The build does not validate specs (for speed): here they are, against Altair's Vega-Lite schema, less the one
    Vega option the schema does not know (the legends' layout)."""
    spec = json.loads(json.dumps(specs[(ind, "vi", layout)]))
    assert spec["config"]["legend"].pop("layout") == {"bottom": {"direction": "vertical", "anchor": "start"}}
    alt.LayerChart.from_dict(spec) if "layer" in spec else alt.Chart.from_dict(spec)  # raises if invalid


def test_the_layouts_differ_as_a_phone_needs():
    assert charts.SMALL.width <= 328, "wider than a 360-px phone's content (360 − the theme's 2 × 16 px margins)"
    assert charts.SMALL.font > charts.WIDE.font >= 12
    # The wide chart is shown only where it fits at its own size: the media query switches below that width.
    switch = float(re.fullmatch(r"\(max-width: ([\d.]+)px\)", charts.SMALL_SCREEN).group(1))
    assert charts.WIDE.width + charts.CONTENT_MARGINS - 1 < switch < charts.WIDE.width + charts.CONTENT_MARGINS


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [" ".join(" ".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]  # a line per <tspan>


@pytest.mark.parametrize("make", [charts.spec, charts.small_spec])
def test_the_small_layout_is_its_width_and_has_its_legend_under_the_chart(model, make):
    ind = model.indicators["3b"]
    svg = charts.render_svg(make(model, ind, "vi"), "vi", "3b", "mô tả")
    width, height = charts.svg_size(svg.encode("utf-8"))
    layout = charts.SMALL if make is charts.small_spec else charts.WIDE
    assert width == layout.width
    texts = svg_texts(svg)
    assert "Chuỗi số liệu" in texts and "Bình Thuận — Tổng cục Thống kê" in " ".join(texts)
    # under the chart: in Vega's scene, every legend starts below the plot (y from the plot's top)
    legends = list(scene_items(vlc.vegalite_to_scenegraph(make(model, ind, "vi")), "legend"))
    assert legends and all(item["y"] > layout.height and item["x"] >= 0 for item in legends), legends


def scene_items(node, role):
    if isinstance(node, dict):
        if node.get("role") == role:
            yield from node.get("items", [])
        for key in ("items", "scenegraph", "root"):
            if key in node:
                yield from scene_items(node[key], role)
    elif isinstance(node, list):
        for item in node:
            yield from scene_items(item, role)


def test_every_target_line_is_labelled_on_the_chart(model, specs):
    """For each indicator, each target that is drawn (a usable level) has a label on the chart with its comparison
    and number, in both layouts and languages."""
    symbols = {"<": "<", "<=": "≤", "=": "=", ">=": "≥", ">": ">"}
    checked = 0
    for ind in (model.indicators[i] for i in KINDS):
        drawn = [tg for tg in ind.targets if tg.level]  # usable, and a level (not a range)
        for lang in ("vi", "en"):
            for layout in ("spec", "small_spec"):
                texts = " ".join(svg_texts(charts.render_svg(specs[(ind.id, lang, layout)], lang, ind.id, "d")))
                texts = texts.replace("\u00a0", " ")
                for tg in drawn:
                    number = f"{tg.value:g}".replace(".", "," if lang == "vi" else ".")
                    assert f"{symbols[tg.comparison]} {number}" in texts, (ind.id, lang, layout, tg, texts[:300])
                    checked += 1
    assert checked > 40


def boxes(rows: pd.DataFrame, plot: charts.Plot, font: float) -> list[tuple]:
    """The labels' boxes in px, as drawn (right-aligned ones end 9 px before their anchor, left ones start 9 px after,
    centred ones are centred on it)."""
    out = []
    for r in rows.itertuples():
        lines = r.text.split("\n")
        w = max(map(len, lines)) * font * charts.CHAR_WIDTH
        x = plot.x(r.year) + charts.DX[r.align]
        left = x - w if r.align == "right" else x if r.align == "left" else x - w / 2
        top = plot.y(r.label_y)
        out.append((left, left + w, top, top + len(lines) * font * charts.LINE_HEIGHT))
    return out


def targets_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows as target_rows makes them: a line from 2021 to the target year, per target, with its full name and the
    short label to draw on it."""
    out = []
    for year, value, short in rows:
        name = f"Mục tiêu {year}: {short}"
        out += [{"year": 2021, "value": value, "target": name, "short": short, "end": False},
                {"year": year, "value": value, "target": name, "short": short, "end": True}]
    return pd.DataFrame(out)


def test_targets_far_apart_get_their_full_label_next_to_their_line():
    targets = targets_frame([(2025, 9.0, "2025, toàn quốc: < 9"), (2030, 6.0, "2030, toàn quốc: < 6")])
    plot = charts.plot_area(charts.SMALL, [2010, 2030], (0, 20))
    rows, short = charts.target_labels(targets, plot, [(2010, 17.5), (2016, 13.9)], charts.SMALL)
    assert not short
    assert sorted(rows["text"].str.replace("\u00a0", " ").str.replace("\n", " ")) == \
        ["2025, toàn quốc: < 9", "2030, toàn quốc: < 6"]
    for (left, right, top, bottom), value in zip(boxes(rows, plot, charts.SMALL.font), [9.0, 6.0]):
        line = plot.y(value)
        assert 0 <= top and bottom <= plot.height and left >= 0
        assert bottom <= line or top >= line, "a label over its own line"
        assert min(abs(line - bottom), abs(top - line)) <= 4, "a label away from its line"


def test_crowded_targets_get_short_labels_that_do_not_collide_and_a_legend(model):
    """The under-five mortality targets (20, 18.5, 18 and 15, of two scopes) are too close for their labels on a
    phone: each line's end gets its comparison and number, none over another, and the legend lists them in full."""
    targets = targets_frame([(2025, 20.0, "2025, Ninh Thuận: < 20"), (2025, 18.5, "2025, toàn quốc: < 18,5"),
                             (2030, 18.0, "2030, Ninh Thuận: ≤ 18"), (2030, 15.0, "2030, toàn quốc: < 15")])
    plot = charts.plot_area(charts.SMALL, [2010, 2030], (0, 30))
    rows, short = charts.target_labels(targets, plot, [], charts.SMALL)
    assert short
    assert sorted(rows["text"].str.replace("\u00a0", " ")) == ["< 15", "< 18,5", "< 20", "≤ 18"]
    placed = boxes(rows, plot, charts.SMALL.font)
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]), (a, b)
    spec = charts.small_spec(model, model.indicators["3c"], "vi")
    legends = [enc["color"]["legend"] for layer in spec["layer"] for sub in layer["layer"]
               for enc in [sub.get("encoding", {})] if enc.get("color", {}).get("legend")]
    assert any(leg.get("title") == "Mức mục tiêu" for leg in legends), "no legend of the targets"


def test_a_points_fill_is_the_colour_of_its_line(model):
    """A filled point takes its series' colour from the same palette as the line (it used another scale's)."""
    spec = charts.spec(model, model.indicators["3b"], "vi")
    points = next(sub for layer in spec["layer"] for sub in layer["layer"]
                  if sub.get("mark", {}).get("type") == "point" and "fill" in sub.get("encoding", {}))
    stroke, fill = points["encoding"]["color"], points["encoding"]["fill"]
    assert fill["condition"]["value"] == "white"  # a preliminary value is hollow
    assert fill["field"] == stroke["field"] and fill["scale"]["range"] == stroke["scale"]["range"] == charts.PALETTE


@pytest.mark.parametrize("text, width, font", [
    ("Chỉ tiêu 3b: Tỷ suất tử vong của trẻ em dưới 1 tuổi trên 1.000 trẻ đẻ sống", 310, 16),
    ("Khánh Hòa (trước 1/7/2025) — Tổng cục Thống kê", 280, 14),
    ("Mục tiêu 2025 — Ninh Thuận: dưới 15", 280, 14),
    ("ngắn", 300, 14),
])
def test_wrapped_lines_fit_keep_every_word_and_are_balanced(text, width, font):
    lines = charts.wrap(text, width, font)
    assert " ".join(lines) == text
    limit = width / (font * charts.CHAR_WIDTH)
    assert all(len(line) <= limit for line in lines)
    assert len(lines) == 1 or min(map(len, lines)) >= 0.5 * max(map(len, lines)), lines  # no word left alone


def test_the_picture_offers_the_small_chart_to_small_screens_with_one_text_alternative():
    html = charts.picture("../../bieu-do/", "4a-vi", "giảm &amp; tăng", {"spec_size": (640, 543),
                                                                          "small_size": (320, 424)})
    assert html == ('<picture><source media="' + charts.SMALL_SCREEN + '" srcset="../../bieu-do/4a-vi-small.svg" '
                    'width="320" height="424"><img src="../../bieu-do/4a-vi.svg" alt="giảm &amp; tăng" width="640" '
                    'height="543" loading="lazy"></picture>')
    assert html.count("alt=") == 1
    assert 'width=' not in charts.picture("../", "4a-vi", "x", lazy=False) and "loading" not in \
        charts.picture("../", "4a-vi", "x", lazy=False)


def test_svg_size_reads_the_rendered_size():
    assert charts.svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="320" height="424.5" '
                           b'viewBox="0 0 320 424">') == (320, 424)


def test_a_static_svg_is_one_image_with_its_text_alternative_and_no_per_mark_labels(specs):
    """Shown as an image (or opened alone), the SVG is one role="img" named by its <title> and <desc>; the labels Vega
    writes on every mark for an inline chart are dropped (a third of its bytes)."""
    svg = charts.render_svg(specs[("4a", "vi", "spec")], "vi", "4a: tên", "Mô tả <đầy đủ>")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find(f"{SVG}title").text == "4a: tên" and root.find(f"{SVG}desc").text == "Mô tả <đầy đủ>"
    inner = [el for el in root.iter() if el is not root]
    assert not [el.tag for el in inner if {"role", "aria-label", "aria-roledescription", "pointer-events"} & set(el.attrib)]
    assert "2030, toàn quốc: < 6" in " ".join(svg_texts(svg)).replace("\u00a0", " ")
