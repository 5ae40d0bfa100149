"""Small inline SVG charts: for each indicator, its levels by period and source.

Each fact of the series is a band (the interval all its sources allow); each
source's figure is a dot on it, with a whisker for that figure's own interval.
A conflict's band is drawn in the conflict colour. A side no text bounds ("more
than 4,500") is drawn open: the band fades out towards the end of the axis and
the whisker ends in an arrow, and neither stretches the axis to the unit's limit.

The SVG has no viewBox: it stretches to the width of the page and every
horizontal position is a percentage of that width, so its text keeps its CSS
size (13px) on a phone instead of shrinking with the drawing. Each row's label
stands on its own line above the row's marks, so the plot has the whole width.
The axis is ticked at round values (a step of 1, 2 or 5 × 10^k, or 25 × 10^k),
few enough that their labels never overlap on a 390 px wide screen.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from html import escape

import pandas as pd

from publish.report.phrases import number, ordinal, period

FONT = 13  # px, the size the page's CSS gives the chart's text
PAD = 3  # percent of the width left at either end of the axis, so a dot there is drawn whole
TOP, LABEL, MARK, BOTTOM = 4, 17, 22, 46  # px: above the rows, a row's label line and marks line, below
NARROWEST = 336  # px: the plot's width on a 390 px wide screen (the page's margins, the PAD)
EM = {" ": 0.32, "%": 0.95, "×": 0.84, **dict.fromkeys("0123456789", 0.64)}  # of the widest common sans
MOST_INTERVALS = 4
GAP = 12  # px between neighbouring tick labels
INTEGER_UNITS = {"rank", "count", "count_per_day"}
KIND_MARK = {"actual": "filled", "estimate": "hollow", "target": "hollow", "baseline": "hollow"}


def finite(*values: float) -> list[float]:
    return [v for v in values if v is not None and not pd.isna(v) and math.isfinite(v)]


def tick_label(value: Decimal, unit: str) -> str:
    """A tick in the indicator's unit: '70%', '57.5 million', '71st', '2×'."""
    if unit == "rank":
        return ordinal(value)
    shown = number(float(value))
    if unit in ("percent", "percent_change"):
        return f"{shown}%"
    if unit == "times":
        return f"{shown}×"
    return shown


def steps(low: float, high: float, integer: bool):
    """Round steps for an axis from `low` to `high`, smallest first: never finer than the third
    significant digit of the largest value (4,480 and 18.3%, not 4,487.75 and 18.25%)."""
    # Each end divided first: the span of two values near the largest float is no float.
    exponent = math.floor(math.log10(high / MOST_INTERVALS - low / MOST_INTERVALS))
    top = math.floor(math.log10(max(abs(low), abs(high))))
    finest = Decimal(1).scaleb(top - 2)
    # From the finest step allowed at least: two close values (60,000,000 and 60,000,001) have an
    # interval far finer than it, and no step from there would be allowed.
    start = max(exponent, top - 2, 0 if integer else exponent)
    for k in range(start, start + 5):
        for mantissa in (10, 20, 25, 50):  # in tenths of 10^k; 2.5 only as 25, 250, ..., never 2.5 or 0.25
            if mantissa == 25 and k < 1:
                continue
            step = Decimal(mantissa).scaleb(k - 1).normalize()
            if step < finest or (integer and step < 1):
                continue
            yield step


def fits(labels: list[str]) -> bool:
    """Whether tick labels fit side by side on the narrowest plot: the end ones are anchored at
    their ticks (start and end), the others centred, with a gap between neighbours."""
    intervals = len(labels) - 1
    if intervals > MOST_INTERVALS:
        return False
    spacing = NARROWEST / intervals
    widths = [sum(EM.get(c, 0.5) for c in label) * FONT for label in labels]
    halves = [(w if n in (0, intervals) else w / 2) for n, w in enumerate(widths)]
    return all(halves[n] + halves[n + 1] + GAP <= spacing for n in range(intervals))


def axis_ticks(low: float, high: float, unit: str) -> list[Decimal]:
    """Tick values at multiples of a round step, the first at or below `low`, the last at or above
    `high`: the most (at most five) whose labels fit side by side on a phone."""
    if unit == "rank":
        low = max(low, 1.0)
    if high - low <= 0:  # one value: an axis around it
        spread = abs(low) * 0.05 or 1.0
        low, high = low - spread, high + spread
        if unit == "rank":
            low, high = max(low, 1.0), max(high, low + 2)
    if unit == "percent" and min(high, 100.0) > max(low, 0.0):  # not for values outside 0..100: validate refuses them
        low, high = max(low, 0.0), min(high, 100.0)
    chosen: list[Decimal] = []
    for step in steps(low, high, unit in INTEGER_UNITS):
        first = math.floor(Decimal(repr(low)) / step)
        last = math.ceil(Decimal(repr(high)) / step)
        chosen = [(step * n).normalize() for n in range(first, last + 1)]
        if fits([tick_label(value, unit) for value in chosen]):
            break
    return chosen


def worth_a_chart(facts: list[dict]) -> bool:
    """Several periods, or one period whose sources give different values: a chart shows something.
    One value, however many sources state it, is clearer in the table alone."""
    rows = [obs for fact in facts for obs in fact["observations"]]
    if not rows:
        return False
    spans = {(fact["period_start"], fact["period_end"]) for fact in facts if fact["observations"]}
    values = {(obs["value"], None if pd.isna(obs["value_upper"]) else obs["value_upper"]) for obs in rows}
    return len(spans) > 1 or len(values) > 1


def closed_bounds(fact: dict) -> list[float]:
    """The fact's bounds a text states: an open side's bound (the unit's limit, or none) is left out."""
    side = fact.get("open_bound")
    return finite(*(fact[bound] for bound in ("lower", "upper") if bound != side))


def room_to_fade(rows: list[tuple[dict, dict]], low: float, high: float) -> list[float]:
    """Points a fifth of the plot beyond each open figure ('more than 4,500'), so that its open side
    has room to fade out instead of ending at the edge of the axis."""
    room = (high - low) / 5 or abs(high) / 20 or 1.0
    beyond = []
    for _, obs in rows:
        if obs["high"] == math.inf:
            beyond.append(obs["value"] + room)
        if obs["low"] == -math.inf:
            beyond.append(obs["value"] - room)
    return beyond


def open_extent(fact: dict, low: float, high: float) -> tuple[float, float]:
    """Where a band with an open side is drawn: from its closed bound to the end of the axis."""
    if fact["open_bound"] == "lower":
        return low, high if pd.isna(fact["upper"]) else fact["upper"]
    return low if pd.isna(fact["lower"]) else fact["lower"], high


def open_band(fact: dict, x: str, width: str, top: int, bottom: int, fade: str) -> list[str]:
    """A band whose open side fades out (a gradient named `fade`), so that no end is drawn where no text puts one."""
    colour = "var(--conflict-band)" if fact["status"] == "conflict" else "var(--band)"
    opaque, clear = ("1", "0") if fact["open_bound"] == "upper" else ("0", "1")
    return [
        f'<linearGradient id="{fade}"><stop offset="0" style="stop-color:{colour};stop-opacity:{opaque}"/>'
        f'<stop offset="1" style="stop-color:{colour};stop-opacity:{clear}"/></linearGradient>',
        f'<rect class="open-band" fill="url(#{fade})" x="{x}" y="{top + 2}" width="{width}" '
        f'height="{bottom - top - 4}"/>',
    ]


def chart(indicator: dict, facts: list[dict], chart_id: str) -> str | None:
    """The SVG for one indicator, or None when it would show nothing (see `worth_a_chart`).

    The page inserts this markup as it is, so every text and attribute value
    taken from the data (title, labels, phrases, source ids, `chart_id`) is
    escaped here; the rest are numbers and fixed class names.
    """
    if not worth_a_chart(facts):
        return None
    unit = indicator["unit"]
    rows = [(fact, obs) for fact in facts for obs in fact["observations"]]
    points = finite(
        *[v for fact, obs in rows for v in (obs["value"], obs["value_upper"], obs["low"], obs["high"])],
        *[v for fact in facts if fact["observations"] for v in closed_bounds(fact)],
    )
    points += room_to_fade(rows, min(points), max(points))
    ticks = axis_ticks(min(points), max(points), unit)
    low, high = float(ticks[0]), float(ticks[-1])

    def x(value: float) -> str:
        value = min(max(value, low), high)
        return f"{PAD + (value - low) / (high - low) * (100 - 2 * PAD):.2f}%"

    def width(start: float, end: float) -> str:
        start, end = (min(max(v, low), high) for v in (start, end))
        return f"{max((end - start) / (high - low) * (100 - 2 * PAD), 0.5):.2f}%"

    safe_id = re.sub(r"[^A-Za-z0-9_-]", "_", str(chart_id))  # ids that url(#...) reads whatever the indicator

    axis = TOP + (LABEL + MARK) * len(rows) + 6
    height = axis + BOTTOM
    chart_id = escape(str(chart_id), quote=True)
    title = f"{indicator['title']}: values by period and source"
    described = "; ".join(
        f"{period(f['period_type'], f['period_start'], f['period_end'])} {f['kind']}, {o['source_id']}: {o['phrase']}"
        for f, o in rows
    )
    parts = [
        f'<svg class="chart" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    if any(obs["low"] == -math.inf or obs["high"] == math.inf for _, obs in rows):  # the arrow of an open whisker
        parts.append(
            f'<defs><marker id="{safe_id}-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" style="fill:var(--muted)"/>'
            "</marker></defs>"
        )
    for value in ticks:
        parts.append(f'<line class="grid" x1="{x(float(value))}" x2="{x(float(value))}" y1="{TOP}" y2="{axis}"/>')
    y = TOP
    for n, fact in enumerate(facts):
        count = len(fact["observations"])
        if not count:
            continue
        top, bottom = y + LABEL, y + (LABEL + MARK) * count
        band = finite(fact["lower"], fact["upper"])
        if fact.get("open_bound") in ("lower", "upper"):
            start, end = open_extent(fact, low, high)
            parts += open_band(fact, x(start), width(start, end), top, bottom, f"{safe_id}-fade-{n}")
        elif len(band) == 2:
            css = "band conflict" if fact["status"] == "conflict" else "band"
            parts.append(
                f'<rect class="{css}" x="{x(band[0])}" y="{top + 2}" width="{width(*band)}" '
                f'height="{bottom - top - 4}"/>'
            )
        elif fact["status"] == "conflict":
            parts.append(
                f'<rect class="band conflict" x="{PAD}%" y="{top + 2}" width="{100 - 2 * PAD}%" '
                f'height="{bottom - top - 4}"/>'
            )
        for obs in fact["observations"]:
            label = f"{period(fact['period_type'], fact['period_start'], fact['period_end'])} · {obs['source_id']}"
            if fact["kind"] != "actual":
                label += f" ({fact['kind']})"
            parts.append(f'<text class="label" x="{PAD}%" y="{y + LABEL - 4}">{escape(label)}</text>')
            middle = y + LABEL + MARK / 2
            whisker = [low if obs["low"] == -math.inf else obs["low"], high if obs["high"] == math.inf else obs["high"]]
            if len(finite(*whisker)) == 2:
                arrows = "".join(
                    f' marker-{end}="url(#{safe_id}-open)"'
                    for end, bound in (("start", obs["low"]), ("end", obs["high"]))
                    if bound in (-math.inf, math.inf)
                )
                parts.append(
                    f'<line class="whisker" x1="{x(whisker[0])}" x2="{x(whisker[1])}" y1="{middle}" y2="{middle}"'
                    f"{arrows}/>"
                )
            if not pd.isna(obs["value_upper"]):
                parts.append(
                    f'<line class="range" x1="{x(obs["value"])}" x2="{x(obs["value_upper"])}" '
                    f'y1="{middle}" y2="{middle}"/>'
                )
            parts.append(
                f'<circle class="dot {KIND_MARK.get(fact["kind"], "hollow")}" cx="{x(obs["value"])}" '
                f'cy="{middle}" r="5"><title>{escape(obs["phrase"])}</title></circle>'
            )
            y += LABEL + MARK
    parts.append(f'<line class="axis" x1="{PAD}%" x2="{100 - PAD}%" y1="{axis}" y2="{axis}"/>')
    for n, value in enumerate(ticks):
        anchor = "start" if n == 0 else "end" if n == len(ticks) - 1 else "middle"
        parts.append(
            f'<text class="tick" x="{x(float(value))}" y="{axis + 17}" text-anchor="{anchor}">'
            f"{escape(tick_label(value, unit))}</text>"
        )
    unit_label = indicator.get("unit_label") or unit
    if unit == "rank":
        unit_label = f"{unit_label} (1 is the best)"
    parts.append(f'<text class="unit" x="{PAD}%" y="{axis + 37}">{escape(f"Unit: {unit_label}")}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
