"""A sparkline: a tiny static SVG of one series (the latest value's), with the comparison target as a dashed level.

Hand-written SVG rather than a chart library: a polyline, a dot and a line are all it is, it weighs a few hundred
bytes inline in the page (no request), has no text to shrink on a phone, and carries its text alternative (role=img,
aria-label and <title>). Colours come from classes in assets/css/extra.css: the site's CSP allows no inline style.
"""
from __future__ import annotations

from scripts.fmt import esc

WIDTH, HEIGHT, PAD = 120, 32, 3


def sparkline(points: list[tuple[int, float]], label: str, target: float | None = None,
              gaps: tuple[int, ...] = ()) -> str:
    """The SVG markup, or '' with fewer than two points (one value is not a line). The line is broken at each year
    of `gaps` (a year left out: no segment is drawn across it)."""
    if len(points) < 2:
        return ""
    years = [y for y, _ in points]
    values = [v for _, v in points] + ([target] if target is not None else [])
    lo, hi = min(values), max(values)
    span_y = (hi - lo) or 1.0
    span_x = (max(years) - min(years)) or 1

    def xy(year: int, value: float) -> tuple[float, float]:
        x = PAD + (year - min(years)) / span_x * (WIDTH - 2 * PAD)
        y = HEIGHT - PAD - (value - lo) / span_y * (HEIGHT - 2 * PAD)
        return round(x, 1), round(y, 1)

    segments: list[list[tuple[int, float]]] = [[]]
    for i, (yr, v) in enumerate(points):
        if i and any(points[i - 1][0] < g < yr for g in gaps):
            segments.append([])
        segments[-1].append((yr, v))
    last_x, last_y = xy(*points[-1])
    # The page is Markdown: the label is escaped for HTML and Markdown alike (fmt.esc), in the attribute and the title.
    parts = [f'<svg class="spark" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
             f'aria-label="{esc(label)}"><title>{esc(label)}</title>']
    if target is not None:
        _, ty = xy(min(years), target)
        parts.append(f'<line class="spark-target" x1="{PAD}" y1="{ty}" x2="{WIDTH - PAD}" y2="{ty}"/>')
    for seg in segments:
        line = " ".join(f"{x},{y}" for x, y in (xy(yr, v) for yr, v in seg))
        parts.append(f'<polyline class="spark-line" points="{line}"/>')
    parts.append(f'<circle class="spark-last" cx="{last_x}" cy="{last_y}" r="2.5"/></svg>')
    return "".join(parts)
