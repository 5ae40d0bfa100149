"""Values written as a person would say them: "more than 87.7 million",
"9–10%", "up 15 places since 2022", "71st of 193".

Numbers, dates, ordinal forms and language names are Babel's, in English (`en`): the page is
English whatever the language of its sources. What stays here is what CLDR does not say the
way the page does: the qualifiers, units and change phrases, half-years ("H1 2024"), "end-2024",
a month range written in full on both sides ("Jan 2024 – Jun 2024") and the ordinal suffixes
(Babel gives the ordinal's plural category, not its suffix).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Context, Decimal
from typing import Any

import pandas as pd

LOCALE = "en"

QUALIFIERS = {
    "exact": "",
    "about": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "nearly": "nearly ",
    "less_than": "less than ",
    "up_to": "up to ",
}
SUFFIXES = {
    "usd": " USD",
    "vnd": " VND",
    "percent": "%",
    "percent_change": "%",
    "percentage_point": " percentage points",
    "count_per_day": " a day",
    "times": " times",
    "mbps": " Mbps",
    "km": " km",
    "per_100_people": " per 100 people",
    "index": " points",
}
ORDINAL_SUFFIXES = {"one": "st", "two": "nd", "few": "rd", "other": "th"}  # by English ordinal plural category
COMPACT_FROM = 1e6  # below a million a number is written in full ("425,000", not "425 thousand")


def significant(value: float | Decimal, digits: int) -> Decimal:
    """`value` rounded to `digits` significant digits (half to even, from its exact binary value)."""
    return Context(prec=digits).create_decimal(Decimal(value)).normalize()


def decimal(value: float | Decimal) -> str:
    """A number in full with up to ten significant digits: 425000 -> '425,000', 18.3 -> '18.3'."""
    from babel.numbers import format_decimal

    return format_decimal(significant(value, 10), locale=LOCALE, decimal_quantization=False)


def number(value: float | Decimal) -> str:
    """A number as the page says it, compact from a million on with up to six significant digits:
    25000000000 -> '25 billion', 57500000 -> '57.5 million', 425000 -> '425,000', 18.3 -> '18.3'."""
    from babel.numbers import format_compact_decimal, parse_decimal

    if abs(value) < COMPACT_FROM:
        return decimal(value)
    # six significant digits leave at most five after the point: the compact form divides by 10^3k
    shown = format_compact_decimal(significant(value, 6), format_type="long", locale=LOCALE, fraction_digits=5)
    # CLDR's largest English pattern, "000 trillion", does not group its digits ("1900 trillion"): the
    # page groups them as it does every number ("1,900 trillion")
    scaled, _, word = shown.partition(" ")
    return f"{decimal(parse_decimal(scaled, locale=LOCALE))} {word}"


def percent(value: float) -> str:
    """A share with one decimal, without the sign: 87.5 -> '87.5', 100 -> '100.0'."""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(value), format="#,##0.0", locale=LOCALE)


def ordinal(value: float | Decimal) -> str:
    """71 -> '71st', 12 -> '12th', 23 -> '23rd': the suffix of Babel's English ordinal category."""
    from babel import Locale

    n = int(value)
    return f"{n}{ORDINAL_SUFFIXES[Locale.parse(LOCALE).ordinal_form(n)]}"


def day(stamp: pd.Timestamp) -> str:
    """'6 Feb 2025'."""
    from babel.dates import format_date

    return format_date(stamp, "d MMM y", locale=LOCALE)


def month(stamp: pd.Timestamp) -> str:
    """'Feb 2025'."""
    from babel.dates import format_date

    return format_date(stamp, "MMM y", locale=LOCALE)


def language_name(tag: str) -> str:
    """A BCP 47 tag's name in English: 'vi' -> 'Vietnamese', 'pt-BR' -> 'Portuguese (Brazil)'; a tag
    Babel does not know is named by its language alone, or shown as it is."""
    from babel import Locale, UnknownLocaleError

    for candidate in (tag, tag.split("-")[0]):
        try:
            return Locale.parse(candidate, sep="-").get_display_name(LOCALE)
        except (UnknownLocaleError, ValueError):
            continue
    return tag


def with_article(name: str) -> str:
    """A language name with the article said before it: 'an English', 'an Indonesian', 'a French',
    'a Ukrainian' (said 'you-')."""
    said_with_a_vowel = name[:1] in "AEIO" or (name[:1] == "U" and not name.startswith(("Uk", "Uy", "Uni")))
    return f"{'an' if said_with_a_vowel else 'a'} {name}"


def text_kind(language: str, kind: str | None, original_language: str | None) -> str:
    """What an archived text is, as the sources table says it: 'an English translation of a Vietnamese
    report', 'the report as first published, in French', or that it is not recorded."""
    own = language_name(language)
    if kind == "translation":
        of = f"{with_article(language_name(original_language))} report" if original_language else "a report"
        return f"{with_article(own)} translation of {of}"
    if kind == "original":
        return f"the report as first published, in {own}"
    return f"{with_article(own)} text not recorded as an original or a translation"


def retrieval(retrieved_from: str | None, retrieved_on: str | None) -> str:
    """Where and when an archived text was copied, in words: 'retrieved from https://… on 2025-02-07'
    (the day as the caller writes it)."""
    if not retrieved_from:
        return "the page it was retrieved from is not recorded"
    return f"retrieved from {retrieved_from}" + (f" on {retrieved_on}" if retrieved_on else "")


def has_day(stamp: object) -> bool:
    return stamp is not None and not pd.isna(stamp)


def period(kind: str, start: pd.Timestamp, end: pd.Timestamp) -> str:
    if kind == "undated":
        return "no period stated"
    if kind == "year":
        return str(start.year)
    if kind == "half_year":
        return f"{'H1' if start.month == 1 else 'H2'} {start.year}"
    if kind == "point":
        return f"end-{start.year}" if (start.month, start.day) == (12, 31) else day(start)
    return f"{month(start)} – {month(end)}"


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
            text = f"in the top {decimal(value)}"
        else:
            text = QUALIFIERS[qualifier] + ordinal(value)
        return text + (f" of {decimal(denominator)}" if has(denominator) else "")
    suffix = SUFFIXES.get(unit, "")
    shown = number(value) if not has(upper) else f"{number(value)}–{number(upper)}"
    text = f"{QUALIFIERS[qualifier]}{shown}{suffix}"
    return text + (f" of {decimal(denominator)}" if has(denominator) else "")


def change(value: float, unit: str, change_type: str, since: str, qualifier: str = "exact") -> str:
    """A change: 'up 15 places since 2022', 'up about 20% on 2023', '2.5 times the 2023 level'."""
    q = QUALIFIERS[qualifier]
    if change_type == "multiple":
        return f"{q}{decimal(value)} times the {since} level"
    if unit == "rank":  # a rank improves as its number falls
        direction = "up" if value < 0 else "down"
        return f"{direction} {q}{decimal(abs(value))} places since {since}"
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
        f"Stored in the data as {stored}: the rank number {moved} by {decimal(abs(value))}, "
        f"which is {direction} {decimal(abs(value))} places (1 is the best rank)."
    )


def size(count: int | None) -> str | None:
    """A file size as a person reads it: '512 bytes', '12.3 kB', '4.1 MB' (1 kB = 1,000 bytes)."""
    from babel.numbers import format_decimal

    if count is None:
        return None
    if count < 1000:
        return f"{count} byte" if count == 1 else f"{format_decimal(count, locale=LOCALE)} bytes"
    for power, unit in enumerate(("kB", "MB", "GB", "TB"), start=1):
        shown = round(count / 1000**power, 1)
        if shown < 1000 or unit == "TB":
            return f"{format_decimal(shown, format='#,##0.#', locale=LOCALE)} {unit}"
    raise AssertionError("unreachable")


def has(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


def observation(row: Mapping[str, Any], indicator_unit: str) -> str:
    if row["kind"] == "change":
        since = compared(row["compared_start"], row["compared_end"])
        return change(row["value"], indicator_unit, row["change_type"], since, row["qualifier"])
    return level(row["value"], row["unit"], row["value_upper"], row["denominator"], row["qualifier"])
