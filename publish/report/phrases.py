"""Values written as a person would say them: "more than 87.7 million",
"9–10%", "up 15 places since 2022", "71st of 193"."""

from __future__ import annotations

import math

import pandas as pd

QUALIFIERS = {
    "exact": "",
    "about": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "nearly": "nearly ",
    "less_than": "less than ",
    "up_to": "up to ",
}
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
SUFFIXES = {
    "usd": " USD",
    "vnd": " VND",
    "percent": "%",
    "percent_change": "%",
    "percentage_point": " percentage points",
    "count_per_day": " a day",
    "times": " times",
}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def number(value: float) -> str:
    """25000000000 -> '25 billion', 425000 -> '425,000', 18.3 -> '18.3'."""
    magnitude = abs(value)
    for size, word in SCALES:
        if magnitude >= size:
            return f"{value / size:,.6g} {word}"
    return f"{value:,.10g}"


def ordinal(value: float) -> str:
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day(stamp: pd.Timestamp) -> str:
    return f"{stamp.day} {MONTHS[stamp.month - 1]} {stamp.year}"


def period(kind: str, start: pd.Timestamp, end: pd.Timestamp) -> str:
    if kind == "undated":
        return "no period stated"
    if kind == "year":
        return str(start.year)
    if kind == "half_year":
        return f"{'H1' if start.month == 1 else 'H2'} {start.year}"
    if kind == "point":
        return f"end-{start.year}" if (start.month, start.day) == (12, 31) else day(start)
    return f"{MONTHS[start.month - 1]} {start.year} – {MONTHS[end.month - 1]} {end.year}"


def compared(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return period("point", start, end)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.year == end.year and (start.month, end.month) in ((1, 6), (7, 12)):
        return period("half_year", start, end)
    return period("span", start, end)


def level(
    value: float, unit: str, upper: float | None = None, denominator: float | None = None, qualifier: str = "exact"
) -> str:
    """A level: '71st of 193', 'more than 87.7 million', '9–10%', 'in the top 10'."""
    if unit == "rank":
        if qualifier == "up_to":
            text = f"in the top {value:g}"
        else:
            text = QUALIFIERS[qualifier] + ordinal(value)
        return text + (f" of {denominator:g}" if has(denominator) else "")
    suffix = SUFFIXES.get(unit, "")
    shown = number(value) if not has(upper) else f"{number(value)}–{number(upper)}"
    text = f"{QUALIFIERS[qualifier]}{shown}{suffix}"
    return text + (f" of {denominator:,.10g}" if has(denominator) else "")


def change(value: float, unit: str, change_type: str, since: str, qualifier: str = "exact") -> str:
    """A change: 'up 15 places since 2022', 'up about 20% on 2023', '2.5 times the 2023 level'."""
    q = QUALIFIERS[qualifier]
    if change_type == "multiple":
        return f"{q}{value:g} times the {since} level"
    if unit == "rank":  # a rank improves as its number falls
        direction = "up" if value < 0 else "down"
        return f"{direction} {q}{abs(value):g} places since {since}"
    direction = "up" if value >= 0 else "down"
    if change_type == "percent_change":
        return f"{direction} {q}{number(abs(value))}% on {since}"
    if change_type == "percentage_points":
        return f"{direction} {q}{number(abs(value))} percentage points since {since}"
    more = "more" if value >= 0 else "fewer"
    return f"{q}{number(abs(value))}{SUFFIXES.get(unit, '')} {more} than at {since}"


def stored_rank_change(value: float) -> str:
    """What a rank change's stored number means, said where the value is shown: the data keeps the
    change of the rank number, and a rank improves as its number falls ("up 15 places" is -15)."""
    stored = f"{value:g}"
    if value == 0:
        return f"Stored in the data as {stored}: the rank number did not change."
    moved = "fell" if value < 0 else "rose"
    direction = "up" if value < 0 else "down"
    return (
        f"Stored in the data as {stored}: the rank number {moved} by {abs(value):g}, "
        f"which is {direction} {abs(value):g} places (1 is the best rank)."
    )


def size(count: int | None) -> str | None:
    """A file size as a person reads it: '512 bytes', '12.3 kB', '4.1 MB' (1 kB = 1,000 bytes)."""
    from babel.numbers import format_decimal

    if count is None:
        return None
    if count < 1000:
        return f"{count} byte" if count == 1 else f"{format_decimal(count, locale='en')} bytes"
    for power, unit in enumerate(("kB", "MB", "GB", "TB"), start=1):
        shown = round(count / 1000**power, 1)
        if shown < 1000 or unit == "TB":
            return f"{format_decimal(shown, format='#,##0.#', locale='en')} {unit}"
    raise AssertionError("unreachable")


def has(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


def observation(row: pd.Series, indicator_unit: str) -> str:
    if row["kind"] == "change":
        since = compared(row["compared_start"], row["compared_end"])
        return change(row["value"], indicator_unit, row["change_type"], since, row["qualifier"])
    return level(row["value"], row["unit"], row["value_upper"], row["denominator"], row["qualifier"])
