"""Small inline SVG charts: for each indicator, its levels by period and source.

Each fact of the series is a band (the interval all its sources allow); each
source's figure is a dot on it, with a whisker for that figure's own interval.
A conflict's band is drawn in the conflict colour.
"""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from publish.report.phrases import number, period

WIDTH, LEFT, RIGHT, ROW, TOP, BOTTOM = 640, 230, 24, 24, 8, 30
KIND_MARK = {"actual": "filled", "estimate": "hollow", "target": "hollow", "baseline": "hollow"}


def finite(*values: float) -> list[float]:
    return [v for v in values if v is not None and not pd.isna(v) and math.isfinite(v)]


def chart(indicator: dict, facts: list[dict], chart_id: str) -> str | None:
    """The SVG for one indicator, or None when it has one period from one source (nothing to compare).

    The page inserts this markup as it is, so every text and attribute value
    taken from the data (title, labels, phrases, source ids, `chart_id`) is
    escaped here; the rest are numbers and fixed class names.
    """
    rows = [(fact, obs) for fact in facts for obs in fact["observations"]]
    periods = {(f["period_start"], f["period_end"], f["kind"]) for f in facts}
    sources = {obs["source_id"] for _, obs in rows}
    if not rows or (len(periods) < 2 and len(sources) < 2):
        return None
    points = finite(
        *[
            v
            for fact, obs in rows
            for v in (obs["value"], obs["value_upper"], obs["low"], obs["high"], fact["lower"], fact["upper"])
        ]
    )
    low, high = min(points), max(points)
    if indicator["unit"] == "percent":
        low, high = max(0.0, low), min(100.0, high)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    plot = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        value = min(max(value, low), high)
        return round(LEFT + (value - low) / (high - low) * plot, 1)

    height = TOP + ROW * len(rows) + BOTTOM
    chart_id = escape(str(chart_id), quote=True)
    title = f"{indicator['title']}: values by period and source"
    described = "; ".join(
        f"{period(f['period_type'], f['period_start'], f['period_end'])} {f['kind']}, {o['source_id']}: {o['phrase']}"
        for f, o in rows
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    y = TOP
    for fact in facts:
        count = len(fact["observations"])
        band = finite(fact["lower"], fact["upper"])
        if len(band) == 2:
            css = "band conflict" if fact["status"] == "conflict" else "band"
            parts.append(
                f'<rect class="{css}" x="{x(band[0])}" y="{y + 2}" width="{max(x(band[1]) - x(band[0]), 2)}" '
                f'height="{ROW * count - 4}"/>'
            )
        elif fact["status"] == "conflict":
            parts.append(
                f'<rect class="band conflict" x="{LEFT}" y="{y + 2}" width="{plot}" height="{ROW * count - 4}"/>'
            )
        for obs in fact["observations"]:
            middle = y + ROW / 2
            label = f"{period(fact['period_type'], fact['period_start'], fact['period_end'])} · {obs['source_id']}"
            if fact["kind"] != "actual":
                label += f" ({fact['kind']})"
            parts.append(
                f'<text class="label" x="{LEFT - 8}" y="{middle + 4}" text-anchor="end">{escape(label)}</text>'
            )
            whisker = finite(obs["low"], obs["high"])
            if len(whisker) == 2:
                parts.append(
                    f'<line class="whisker" x1="{x(whisker[0])}" x2="{x(whisker[1])}" y1="{middle}" y2="{middle}"/>'
                )
            if not pd.isna(obs["value_upper"]):
                parts.append(
                    f'<line class="range" x1="{x(obs["value"])}" x2="{x(obs["value_upper"])}" '
                    f'y1="{middle}" y2="{middle}"/>'
                )
            parts.append(
                f'<circle class="dot {KIND_MARK.get(fact["kind"], "hollow")}" cx="{x(obs["value"])}" '
                f'cy="{middle}" r="4.5"><title>{escape(obs["phrase"])}</title></circle>'
            )
            y += ROW
    axis = y + 6
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis}" y2="{axis}"/>')
    for value in (low + pad, (low + high) / 2, high - pad):
        parts.append(
            f'<text class="tick" x="{x(value)}" y="{axis + 16}" text-anchor="middle">{escape(number(value))}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
