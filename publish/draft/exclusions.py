"""The numbers that are no indicator value: an ordered table of rows (category, reason, predicate).

The first row whose predicate holds decides: its category, and its reason, which names what was
read. A row of category None says the number is a value, and no later row is asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from publish.draft.text import REACH, WORD, YEARS, Context, Number, last_words, whole_words


@dataclass(frozen=True)
class Exclusion:
    category: str | None  # None: a value, drafted as an observation
    reason: Callable[[Context], str]
    applies: Callable[[Context], bool]


def said(c: Context, n: Number | None = None) -> str:
    """The words that hold a number, as the text writes them: the phrase of a language file that holds
    it ("Thứ 7", "lần thứ 3"), else the number with the word either side of it."""
    n = n or c.number
    held = [f for word_class in ("units", "excluded") for f in c.holding(word_class)]
    if held:
        return c.text[min(f.start for f in held) : max(f.end for f in held)]
    before = last_words(c.text, c.sentence[0], n.start, 1)
    after = WORD.search(c.text, n.end, min(c.sentence[1], n.end + 24))
    start = before[-1].start() if before and n.start - before[-1].end() <= 3 else n.start
    end = after.end() if after and after.start() - n.end <= 3 else n.end
    return c.text[start:end]


def clock(c: Context) -> bool:
    """A time of day: a number with a colon and two digits after it, or a digit and a colon before it."""
    n, text = c.number, c.text
    return bool(
        re.match(r":[0-9]{2}", text[n.end : n.end + 3]) or re.search(r"[0-9]:$", text[max(0, n.start - 2) : n.start])
    )


def clock_said(c: Context) -> str:
    n = c.number
    time = re.search(r"[0-9]{1,2}:[0-9]{2}", c.text[max(0, n.start - 3) : n.end + 3])
    return f"a time of day, {time.group() if time else n.raw!r}"


def weekday_of(c: Context) -> tuple[int, int] | None:
    n = c.number
    return next(((start, end) for start, end in c.doc.weekdays if start <= n.start and n.end <= end), None)


def beside_month(c: Context) -> bool:
    """Whether a month name stands right before or after the number ("6 Februari", "February 6",
    "10 липня"; "tháng 7" is the month itself)."""
    n, doc = c.number, c.doc
    before = doc.text[max(0, n.start - 16) : n.start]
    after = doc.text[n.end : n.end + 16]
    if any(re.search(rf"(?<!\w){re.escape(m)}\s*$", before, re.IGNORECASE) for m in doc.months):
        return True
    # A month named by its number ("tháng 7") follows a day only with its number: "6 tháng 2" is a
    # date, "6 tháng đầu năm" six months.
    return any(
        re.match(rf"\s*{re.escape(m)}(?!\w)" + (r"\s*[0-9]" if m in doc.numbered_months else ""), after, re.I)
        for m in doc.months
    )


def ranked(c: Context) -> bool:
    """Whether an ordinal ranks something: a rank word stands beside it ("71st place", "peringkat ke-71")."""
    reach = REACH["rank_beside"]
    beside = [f for f in c.before("ranking", reach=reach) + c.after("ranking", reach=reach) if f.key == "rank"]
    return bool(beside or c.after("out_of", reach=REACH["out_of_beside"]))  # "71e sur 193 pays"


def converts(c: Context) -> bool:
    """Whether the number is an amount of money in brackets right after another ("VNĐ1.7 quadrillion
    (US$65 billion)"): the same amount converted."""
    money = [f for f in c.holding("units") if f.key in ("usd", "vnd")]
    opening = c.text.rfind("(", c.sentence[0], c.number.start)
    if not money or opening < 0 or ")" in c.text[opening : c.number.start]:
        return False
    before = c.doc.numbers.ending_in(opening - REACH["converted"], opening)
    return bool(before) and any(
        f.key in ("usd", "vnd") for f in c.doc.context(before[-1]).holding("units") if f.end >= before[-1].end
    )


def small_count(c: Context) -> bool:
    """A small whole number (twelve at most), with no scale word and no unit."""
    n = c.number
    small = n.value == int(n.value) and n.value <= 12 and n.scale == 1 and n.form in ("number", "word")
    return small and not c.holding("units")


def counts_a_list(c: Context) -> bool:
    """A small count whose clause goes on to list its items: after a colon, or after the language's
    words that introduce them ("2 dự án gồm …", "two projects, namely …")."""
    if not small_count(c):
        return False
    n = c.number
    rest = c.text[n.end : min(c.sentence[1], n.end + REACH["lists_items"])]
    listing = [f for f in c.after("subjects", reach=REACH["lists_items"]) if f.key == "listing"]
    return ":" in rest or any(f.start - n.end <= REACH["listing_word"] for f in listing)


def counts_in_words(c: Context) -> bool:
    """A small count written out in words after the language's words that make it the count of things the
    text names ("the two projects", "les trois plus grandes villes"), which no unit, whole, rank or
    qualifier makes a measure."""
    if c.number.form != "word" or not small_count(c) or c.holding("qualifiers"):
        return False
    known = [f for f in c.before("subjects", reach=REACH["known_before"]) if f.key == "known"]
    if not known or c.number.start - known[-1].end > REACH["known_before"]:
        return False
    return not (c.after("out_of", reach=REACH["out_of_after"]) or ranked(c))


def dotted_date(c: Context) -> bool:
    """A day and month written with a dot or a dash, and maybe a year ("6.10", "15-3", "6.10.2025"), where
    the language's words of a date hold it or a year ends it: a language that groups thousands with a
    dot cannot read it as a number."""
    m = re.fullmatch(r"([0-9]{1,2})[.-]([0-9]{1,2})(?:[.-]([0-9]{4}))?", c.number.raw)
    if m is None or not (1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12):
        return False
    return c.held("excluded", "date") or (m.group(3) is not None and YEARS[0] <= int(m.group(3)) <= YEARS[1])


def document_before(c: Context) -> bool:
    """The number of a document named right before it by the language's words ("Decree No. 13", "постанова
    № 12"), even where the abbreviation's full stop ends the sentence before it."""
    before = c.text[max(0, c.number.start - REACH["document_words"]) : c.number.start]
    return any(pattern.search(before) for pattern in document_patterns(c.language))


@cache
def document_patterns(code: str) -> list[re.Pattern[str]]:
    """The words before "{n}" in the language's names of documents, each as a pattern ending where the
    number starts."""
    from publish.languages import language
    from publish.languages.words import phrase_pattern

    prefixes = {p.split("{n}")[0].strip() for p in language(code).phrases("excluded").get("name", ()) if "{n}" in p}
    return [re.compile(phrase_pattern(p, "") + r"\s*$", re.IGNORECASE) for p in sorted(prefixes) if p]


def day_of_month(c: Context) -> bool:
    """A day the language's words of a date hold ("ngày 15", "chiều 12-7": a day and month with a dash)."""
    n = c.number
    day = n.form in ("number", "fraction") and n.value == int(n.value) and 1 <= n.value <= 31
    day |= n.form == "range" and whole_in(n.value, 1, 31) and whole_in(n.upper, 1, 12)
    return day and not n.percent and n.scale == 1 and not c.holding("units") and c.held("excluded", "date")


def whole_in(value: float, low: int, high: int) -> bool:
    return value == value and value == int(value) and low <= value <= high


def iso_date(c: Context) -> bool:
    """A date written year first with dashes, as ISO 8601 writes it ("2025-07", "2025-11-26"): the year
    and month the parser reads as a range, and the day after them."""
    n, text = c.number, c.text
    year_month = n.form == "range" and re.fullmatch(r"[0-9]{4}-[0-9]{1,2}", n.raw) is not None
    if year_month and YEARS[0] <= n.value <= YEARS[1] and whole_in(n.upper, 1, 12):
        return True
    return (
        n.form == "number"
        and re.search(r"(?<![0-9])[0-9]{4}-[0-9]{1,2}-$", text[max(0, n.start - 8) : n.start]) is not None
    )


def document_code(c: Context) -> bool:
    """The number of a document written with its code of capitals after a slash or dash ("749/QĐ-TTg",
    "52-NQ/TW"): a name in any language."""
    after = c.text[c.number.end : c.number.end + 2]
    return len(after) == 2 and after[0] in "/-" and after[1].isupper()


def dashed_code(c: Context) -> bool:
    """A number after a word and a dash ("Covid-19"), which no unit holds ("ke-71" is a rank)."""
    before = c.text[max(0, c.number.start - 2) : c.number.start]
    return len(before) == 2 and before[1] == "-" and before[0].isalpha() and not c.holding("units")


def units_holding(c: Context) -> list:
    """The unit phrases holding the number, but for one whose words run into a phrase of how subjects
    are said ("2023 lần lượt", "respectively", is no multiple)."""
    subjects = c.found("subjects").found
    return [u for u in c.holding("units") if not any(u.start < s.end and s.start < u.end for s in subjects)]


def among_the_top(c: Context) -> bool:
    """Whether the language's words of a ranking among the best follow the number ("one of 9 leading
    provinces", "một trong 9 tỉnh dẫn đầu"): the whole is a rank, not the size of a set."""
    return any(f.key == "top" for f in c.after("ranking", reach=REACH["top_after"]))


def years_span(n: Number) -> bool:
    return n.form == "range" and all(YEARS[0] <= v <= YEARS[1] and v == int(v) for v in (n.value, n.upper))


def measured(c: Context) -> bool:
    """A percentage, or a number a unit other than a rank holds: a value."""
    return c.number.percent or bool(c.holding("units")) and any(f.key != "rank" for f in c.holding("units"))


def only_ranks(c: Context) -> bool:
    return bool(c.holding("units")) and all(f.key == "rank" for f in c.holding("units")) and not ranked(c)


def after_letter(c: Context) -> bool:
    return c.text[max(0, c.number.start - 1) : c.number.start].isalpha() and not c.holding("units")


EXCLUSIONS = (
    Exclusion(
        "other",
        lambda c: (
            f"written in a form its language does not read, {c.number.raw!r}: a name or code keeps this exclusion "
            "(category name); a value in another language's format is an observation with departure "
            "foreign_number_format"
        ),
        lambda c: c.number.form == "unreadable" and not dotted_date(c),  # "4.0" in Indonesian, "1.084" in French
    ),
    Exclusion("date", lambda c: f"a date written in figures, {c.number.raw!r}", lambda c: c.number.form == "date"),
    Exclusion("date", lambda c: f"a day and month written with a dot or a dash, {said(c)!r}", dotted_date),
    Exclusion("date", lambda c: f"part of a date written year first, {said(c)!r}", iso_date),
    Exclusion("name", lambda c: f"the number of a document, {said(c)!r}", document_code),
    Exclusion("name", lambda c: f"part of a name written with a dash, {said(c)!r}", dashed_code),
    Exclusion("date", clock_said, clock),
    Exclusion(
        "date",
        lambda c: f"part of the name of a weekday, {c.text[slice(*weekday_of(c))]!r}",
        lambda c: weekday_of(c) is not None,
    ),
    Exclusion(
        "page",
        lambda c: f"part of the web page (a counter or a placeholder), not of the report: {said(c)!r}",
        lambda c: c.held("excluded", "page") or c.text[max(0, c.number.start - 1) : c.number.start] == "_",
    ),
    Exclusion(
        "name",
        lambda c: f"part of a name or a code, not a quantity: {said(c)!r}",
        lambda c: (
            c.held("excluded", "name")
            or (c.number.form == "number" and len(c.number.raw) > 1 and c.number.raw.startswith("0"))
        ),
    ),
    Exclusion("name", lambda c: f"part of a code written with letters, not a quantity: {said(c)!r}", after_letter),
    Exclusion(
        "name",
        lambda c: f"the number of a document named before it, past the stop of its abbreviation: {said(c)!r}",
        document_before,
    ),
    Exclusion(
        "year",
        lambda c: f"a span of years, {c.number.raw!r}: the period of a plan or of figures",
        lambda c: years_span(c.number),
    ),
    Exclusion(
        "date",
        lambda c: f"a day or month of a date: {said(c)!r}",
        lambda c: beside_month(c) or (c.number.form == "fraction" and YEARS[0] <= c.number.denominator <= YEARS[1]),
    ),
    Exclusion(
        "date",
        lambda c: f"a day and month written with a slash, {c.number.raw!r}: no share has more parts than its whole",
        lambda c: (
            c.number.form == "fraction"
            and c.number.value == int(c.number.value)
            and c.number.denominator <= 12 < c.number.value <= 31
        ),
    ),
    Exclusion("date", lambda c: f"a day of the month: {said(c)!r}", day_of_month),
    Exclusion(
        "year",
        lambda c: f"a year, {c.number.raw!r}: recorded as the period of the values it dates",
        lambda c: c.number.is_year and not units_holding(c),
    ),
    Exclusion(
        "ordinal",
        lambda c: f"an ordinal that ranks no indicator (a meeting's number, an edition): {said(c)!r}",
        only_ranks,
    ),
    Exclusion("other", lambda c: f"the same amount in another currency, in brackets after it: {said(c)!r}", converts),
    Exclusion(None, lambda c: "", measured),
    Exclusion(
        "period",
        lambda c: f"the length of a period, recorded in the period's dates: {said(c)!r}",
        lambda c: (c.held("excluded", "period") or c.held("periods", "first_months")) and c.number.scale == 1,
    ),
    Exclusion(
        "list_count",
        lambda c: f"the count of the items the sentence lists: {said(c)!r}",
        lambda c: c.held("excluded", "list_count") or counts_a_list(c),
    ),
    Exclusion(
        "other",
        lambda c: f"an age, an attendance or a limit in a description, not an indicator value: {said(c)!r}",
        lambda c: c.held("excluded", "other") and c.number.scale == 1 and not among_the_top(c),
    ),
    Exclusion(
        "list_count",
        lambda c: f"a count of the things the text names, written out in words, not a measure: {said(c)!r}",
        counts_in_words,
    ),
)


def excluded(c: Context) -> tuple[str | None, str]:
    """The category of a number that is no indicator value and a reason naming what was read, by the
    first row of EXCLUSIONS that holds; (None, "") for a value."""
    for row in EXCLUSIONS:
        if row.applies(c):
            return row.category, row.reason(c)
    return None, ""


def exclusion_quote(c: Context) -> tuple[int, int]:
    """The number with a word on each side, within its sentence."""
    n, text = c.number, c.text
    before = last_words(text, c.sentence[0], n.start, 1)
    after = WORD.search(text, n.end, c.sentence[1])
    start = before[-1].start() if before else n.start
    end = after.end() if after and after.start() - n.end <= REACH["exclusion_word"] else n.end
    if n.end < len(text) and text[n.end] in ")]":  # a closing bracket, not the end of the text
        end = max(end, n.end + 1)
    return whole_words(text, start, end, c.sentence)
