"""The time a figure is of, and the time a change is compared with, read from the words of its
sentence, of the clause that opens it, or of the sentences before it; the report's date last."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from publish.draft.text import REACH, WORD, YEARS, Context, Number, Text, enclosing, months_by_number
from publish.languages import language
from publish.languages.words import find_words

# Units of a stock, a level at one time: a figure in them that names no time of its own is as of
# the report's date. Flows and changes take the time the sentences before them last named.
STOCKS = ("count", "percent")
# Units of a score an index gives once a year: a day it is said on dates the year of its edition.
YEARLY = ("index",)
# How many sentences back a figure's time may be named.
CARRIED = 6
# How many words may stand before a month in a clause that only names it ("In May 2023, …").
OPENING_WORDS = 2
# The keys of the words that say a whole time without a year ("currently", "this year", "last year").
SAID_TIMES = ("current", "this_year", "last_year", "that_period")
# What joins years listed together: a comma or one short word ("2022, 2023", "2022 and 2023").
LISTED = re.compile(r"\s*(?:,|[^\W\d]{1,4})\s*")
# The day a month's middle is.
MID_MONTH = 15
# The longest month, in days from its first to its last.
MONTH_DAYS = 30
# How many words may stand between a figure and the year that is its own ("12 billion USD in 2021").
FOLLOWING_WORDS = 3


@dataclass
class Period:
    """A period read: its fields, why, and the words it was read from (None: not from the figure's words)."""

    cells: dict[str, object]
    why: str
    words: tuple[int, int] | None = None
    found: list = field(default_factory=list)

    @property
    def ends(self) -> object:
        return self.cells.get("period_end")


def span_of(kind: str, start: date | None, end: date | None) -> dict[str, object]:
    return {"period_type": kind, "period_start": start, "period_end": end}


def year_of(day: object, year: int) -> date | None:
    if not isinstance(day, date):
        return None
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def period(doc: Text, c: Context, kind: str, unit: str) -> Period:
    """The period a value is of (`period_read`); a score of a yearly index said of a day, the year of
    that day ("currently 58 points": this year's edition)."""
    read = period_read(doc, c, kind, unit)
    day = read.cells.get("period_start")
    if unit in YEARLY and read.cells.get("period_type") == "point" and isinstance(day, date):
        y = day.year
        return Period(span_of("year", date(y, 1, 1), date(y, 12, 31)), f"{read.why}: a yearly index's {y}", read.words)
    return read


def period_read(doc: Text, c: Context, kind: str, unit: str) -> Period:
    """The period a value is of: the time its sentence names (a year, a half-year, a year's end,
    from a month on, "currently"); else the time the sentences before it last named, which a
    report's following figures share; a target with no time of its own is undated."""
    if kind == "baseline" and c.before("compared"):  # the earlier value of a change: of the time it is compared with
        compared_with = compared(doc, c, {})
        if compared_with.cells.get("compared_start"):
            days = (compared_with.cells["compared_start"], compared_with.cells["compared_end"])
            shape = "point" if days[0] == days[1] else "year"
            return Period(span_of(shape, *days), f"period {compared_with.why}", compared_with.words)
    own = respective(doc, c) or time_named(doc, c.sentence, c, change=kind == "change")
    if own is not None:
        return part_so_far(doc, c, own)
    lead = doc.lead_of(c.sentence)
    if lead != c.sentence and (named := time_named(doc, lead)) is not None:
        return Period(named.cells, f"{named.why}, as the clause that opens its sentence", named.words)
    if kind == "baseline":  # "previously 40%", "trước đây là 40%": a past value of no time
        return Period(span_of("undated", None, None), "undated: a past value the text gives no time")
    event = doc.event_date
    quarters = [f for f in c.words("periods") if f.key.startswith("quarter_")]
    if quarters and event is not None and date(event.year, 3 * int(quarters[0].key[-1]) - 2, 1) <= event:
        return quarter(doc, quarters[0], event.year, None, c.words("periods"))  # "in the second quarter"
    halves = [f for f in c.words("periods") if f.key == "first_half"]
    if halves and event is not None:
        y = event.year
        return Period(span_of("half_year", date(y, 1, 1), date(y, 6, 30)), f"period the first half of {y}")
    if kind == "target":
        return Period(span_of("undated", None, None), "undated: a target the text gives no deadline")
    for sentence in dict.fromkeys((c.sentence, lead)):
        if (following := year_after_compared(doc, sentence)) is not None:
            return following
    earlier = carried(doc, c, kind, unit)
    if earlier is not None:
        return earlier
    review = reviewed(doc)
    if review is not None and kind == "actual" and unit in STOCKS:
        end = review.ends
        return Period(span_of("point", end, end), f"{review.why}, which the text reviews: a level as it ends")
    if event is None:
        return Period(span_of("undated", None, None), "undated: the text names no time and the source no date")
    return Period(span_of("point", event, event), "period the report's date")


def respective(doc: Text, c: Context) -> Period | None:
    """A figure of a list said "respectively" after as many years as the list has figures ("in 2021 and
    2022 the shares were 10 and 12 percent, respectively"; "doanh thu 2019 - 2021 lần lượt là 3, 4 và 6 tỷ
    USD"): the year of its place in the list; a span of years counts each of its years."""
    said = [f for f in doc.sentence_words("periods", c.sentence).found if f.key == "respectively"]
    if not said:
        return None
    years, _ = years_named(doc, c.sentence, None, False)
    each = [y for n in years for y in range(int(n.value), int(n.upper if n.is_year_span else n.value) + 1)]
    after = years[-1].end if years else c.sentence[1]
    figures = [f for f in doc.figures.starting_in(after, c.sentence[1])]
    if len(each) < 2 or len(figures) != len(each) or c.number not in figures:
        return None
    y = each[figures.index(c.number)]
    return Period(
        span_of("year", date(y, 1, 1), date(y, 12, 31)), f"period {y}, its place among figures said {said[0].text!r}"
    )


def part_so_far(doc: Text, c: Context, own: Period) -> Period:
    """A part ("of which …") of a figure dated as of a day, its own year that day's: the year up to that
    day ("As of 30 September 2022, 2,000 villages; of which 800 in 2022": January to September)."""
    opens = any(f.key == "of_which" and f.start - c.sentence[0] <= REACH["lead"] for f in c.words("periods"))
    start, end = own.cells.get("period_start"), own.ends
    if not opens or own.cells.get("period_type") != "year" or not isinstance(start, date):
        return own
    whole = time_before(doc, c.sentence)
    day = whole.ends if whole is not None and whole.cells.get("period_type") == "point" else None
    if not isinstance(day, date) or not start <= day < end:
        return own
    why = f"{own.why} up to {day.isoformat()}, the day its whole is as of"
    return Period(span_of("span", start, day), why, own.words)


def year_after_compared(doc: Text, sentence: tuple[int, int]) -> Period | None:
    """A sentence naming no time of its own that compares with a whole year, the one two before the
    report's ("up 12% compared to 2023" in a report of 2025), is of the year after it: a year's results
    reported once it is over. Not the same period of a year, nor a year's end."""
    event = doc.event_date
    if event is None:
        return None
    for found in doc.sentence_words("compared", sentence).found:
        if found.key != "compared":
            continue
        later = doc.year_numbers.starting_in(found.start, min(found.end + REACH["compared_year"], sentence[1]))
        if not later or int(later[0].value) != event.year - 2:
            continue
        said = doc.text[found.start : later[0].end + REACH["compared_words"]]
        if any(f.key in ("same_period", "year_end") for f in find_words(doc.language, "compared", said)) or any(
            f.key == "year_end" for f in find_words(doc.language, "periods", said)
        ):
            continue
        y = event.year - 1
        return Period(
            span_of("year", date(y, 1, 1), date(y, 12, 31)), f"period {y}: its sentence compares with {later[0].raw}"
        )
    return None


def reviewed(doc: Text) -> Period | None:
    """The time a text's opening (its title and lead) reviews, where it has ended by the report ("a
    conference reviewing the first six months of 2024", on 10 July): the time named by the first
    sentence there that holds words of review. A stock the text says with no time of its own is a level
    as that time ends, not on the report's day."""
    if "reviewed" not in doc.memo:
        doc.memo["reviewed"] = None
        for sentence in doc.sentences:
            if sentence[0] >= doc.opening:
                break
            if any(f.key == "review" for f in doc.sentence_words("periods", sentence).found):
                named = time_named(doc, sentence)
                if named is not None and isinstance(named.ends, date) and over(doc, named):
                    doc.memo["reviewed"] = named
                break
    return doc.memo["reviewed"]


def carried(doc: Text, c: Context, kind: str, unit: str) -> Period | None:
    """The time the sentences before the figure last named, where it has begun by the report and is no
    plan's: a stock takes only a time that opens a sentence of its own paragraph (a span, as the span
    ends: a level as it ends); a flow or change, that of the text before, but a span "during" a month
    only in its own paragraph. Else the last day the text dated its figures "as of" (`as_of_before`)."""
    paragraph = doc.text.rfind("\n", 0, c.sentence[0])
    at = doc.sentence_at.get(c.sentence, 0)
    stock = unit in STOCKS and kind != "change"
    parts = [f for f in c.words("periods") if f.key == "of_which" and f.start - c.sentence[0] <= REACH["lead"]]
    for sentence in reversed(doc.sentences[max(0, at - CARRIED) : at]):
        if stock and sentence[0] < paragraph:
            break
        earlier = time_named(doc, sentence)
        if (
            earlier is None
            or planned(doc, sentence)
            or said_now(doc, sentence, earlier)
            or (sentence[0] < paragraph and spent_during(doc, sentence, earlier))
        ):
            continue  # a plan's deadline, "currently": no other sentence's; "during" a month, its paragraph's
        if not begun(doc, earlier):
            return None
        frames = earlier.words is not None and earlier.words[0] - sentence[0] <= REACH["lead"]
        # A share said right after a past year of its paragraph is of that year, as a rate is.
        share_of_year = unit == "percent" and sentence == doc.sentences[at - 1] and sentence[0] >= paragraph
        if stock and not frames and not parts and not (share_of_year and over(doc, earlier)):
            continue  # a stock takes only a time that frames its paragraph ("6 tháng đầu năm 2025, …")
        if stock and frames and not spent_during(doc, sentence, earlier):
            return level_as_of(earlier)  # "In the first half, …": a level as the half ends
        return Period(earlier.cells, f"{earlier.why}, as the sentences before it")
    return as_of_before(doc, at)


def spent_during(doc: Text, sentence: tuple[int, int], read: Period) -> bool:
    """Whether words of "during" frame the month read ("in April 2025, …"): its figures are of the whole
    month, a level included."""
    start, end = read.cells.get("period_start"), read.ends
    if read.words is None or not isinstance(start, date) or (end - start).days > MONTH_DAYS:
        return False
    periods = doc.sentence_words("periods", sentence).found
    return getattr(framing(doc, periods, read.words[0]), "key", None) == "during"


def level_as_of(framing: Period) -> Period:
    """A stock in a paragraph a span opens ("In the first half, …; the share reached 80%") is a level as the
    span ends."""
    end = framing.ends
    if not isinstance(end, date) or framing.cells.get("period_start") == end:
        return Period(framing.cells, f"{framing.why}, as the sentences before it")
    return Period(span_of("point", end, end), f"{framing.why}, a level as it ends, as the sentences before it")


def of_level(when: Period, c: Context, level) -> Period:
    """A change said with its level ("reached 65%, up 5%"; or in the sentence before, the change's own
    naming no figure before it: "Subscribers reached 127 million. They grew by 3%") is of the level's
    period, where its own words name none."""
    if level is None or when.words is not None or level.excluded:
        return when
    at = c.doc.sentence_at.get(c.sentence, 0)
    before = c.doc.sentences[at - 1][0] if at > 0 else c.sentence[0]
    alone = c.doc.figures.first_starting_from(c.sentence[0], c.number.start) is None
    if level.number.start < c.sentence[0] and (not alone or level.observation.kind in ("change", "baseline")):
        return when  # a level of the sentence before: a level, not another change or its base
    if level.number.start < before:
        return when
    o = level.observation
    cells = span_of(o.period_type, o.period_start, o.period_end)
    return Period(cells, f"period of the level it changes ({level.number.raw!r})")


def of_baseline(doc: Text, c: Context, when: Period, change) -> Period:
    """A baseline, the earlier value a change of its sentence is measured from, is of the period that
    change is compared with: the same period a year before ("cùng kỳ năm trước"), a year's end, and for
    a change of a part of a year compared with a year, that part of it ("in April, 30 Mbps against 20
    Mbps in 2024")."""
    if change is None or change.excluded or change.number.start < c.sentence[0]:
        return when
    o = change.observation
    if o.kind != "change" or not isinstance(o.period_start, date):
        return when
    with_ = compared(doc, c, {"period_start": o.period_start, "period_end": o.period_end})
    start, end = with_.cells.get("compared_start"), with_.cells.get("compared_end")
    if not isinstance(start, date):
        return when
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year
    part = o.period_start.year == o.period_end.year and (o.period_end - o.period_start).days < 360
    if whole_year and part:
        start, end = year_of(o.period_start, start.year), year_of(o.period_end, start.year)
        return Period(span_of("span", start, end), f"period the same part of {start.year}, {with_.why}", with_.words)
    shape = "point" if start == end else ("year" if whole_year else "span")
    return Period(span_of(shape, start, end), f"period {with_.why}", with_.words)


def begun(doc: Text, read: Period) -> bool:
    """Whether a period read has begun by the report's date (a year under way has: "this year")."""
    start, event = read.cells.get("period_start"), doc.event_date
    return event is None or not isinstance(start, date) or start <= event


def over(doc: Text, read: Period) -> bool:
    """Whether a period read is over by the report's date."""
    ends, event = read.ends, doc.event_date
    return event is None or not isinstance(ends, date) or ends <= event


def planned(doc: Text, sentence: tuple[int, int]) -> bool:
    """Whether a sentence states a plan (words of a target): its time is a deadline, no figure's period."""
    return any(f.key == "target" for f in doc.sentence_words("kinds", sentence).found)


def said_now(doc: Text, sentence: tuple[int, int], read: Period) -> bool:
    """Whether a time read is the report's date a sentence says "currently" of: it dates that sentence's
    figures only."""
    said = any(f.key == "current" for f in doc.sentence_words("periods", sentence).found)
    return said and read.cells.get("period_start") == doc.event_date


def as_of_before(doc: Text, at: int) -> Period | None:
    """The last day the sentences before the `at`-th dated their figures as of ("as of 30 June", "tính
    đến hết tháng 9", a month's end), over by the report and no plan's: the day a report's figures are
    of, in the paragraphs after it that name no time of their own. A span ("during April") reaches no
    further than its paragraph, nor "currently" past its sentence."""
    for sentence in reversed(doc.sentences[:at]):
        earlier = time_named(doc, sentence)
        if earlier is None or earlier.words is None or planned(doc, sentence):
            continue
        if said_now(doc, sentence, earlier):
            continue  # "currently" dates its own sentence only: the report's date is a last resort
        if earlier.cells["period_type"] == "point" and over(doc, earlier):
            return Period(earlier.cells, f"{earlier.why}, the day the text's figures are as of")
    return None


def years_named(
    doc: Text, sentence: tuple[int, int], c: Context | None, change: bool
) -> tuple[list[Number], list[int]]:
    """The years of a sentence that may date a figure: not one a change is compared with ("compared
    to 2023"; after a change, "from 2023"), nor a month's year outside the figure's clause; and where
    the words that compare end."""
    periods = doc.sentence_words("periods", sentence).found
    compared_at = [f.end for f in doc.sentence_words("compared", sentence).found]
    starts = [f for f in periods if f.key == "from"]
    if change and c is not None:
        compared_at += [f.end for f in starts if f.start >= c.number.end]
    # "from 2023" with no month between: the year a figure is compared with, not where it starts
    # ("từ 2019 - 2023", a span of years, starts one)
    compared_at += [f.end for f in starts if doc.year_numbers.starting_in(f.end, f.end + 3)]
    named = sorted(
        doc.year_numbers.starting_in(*sentence) + doc.year_spans.starting_in(*sentence), key=lambda y: y.start
    )
    compared_with = {next((y.start for y in named if 0 <= y.start - at <= REACH["near"]), None) for at in compared_at}
    years = [y for y in named if y.start not in compared_with]
    # "approved in January 2022": a month's year dates an event, not a figure outside its clause,
    # unless it starts a span ("from July 2024") or words of "as of" or "during" frame it.
    dating = [
        y
        for y in years
        if not month_before(doc, y)
        or (c is not None and c.clause[0] <= y.start < c.clause[1])
        or any(f.key == "from" and 0 <= month_before(doc, y)[1] - f.end <= REACH["from_month"] for f in periods)
        or framing(doc, periods, month_before(doc, y)[1]) is not None
        or opening(doc, month_before(doc, y)[1])
    ]
    return dating, compared_at


def months_written(doc: Text, sentence: tuple[int, int], c: Context | None, periods: list) -> list[Number]:
    """The months a sentence writes with their year after a slash ("tháng 6/2025", "6/2025"), where
    they may date a figure: framed by words of "as of" or "during" before them, or in its own clause."""
    found = []
    for n in doc.numbers.starting_in(sentence[0], sentence[1]):
        if not (n.form == "fraction" and whole(n.value, 1, 12) and whole(n.denominator, *YEARS)):
            continue
        framed = framing(doc, periods, month_word_before(doc, n)) is not None or opening(doc, month_word_before(doc, n))
        if framed or (c is not None and c.clause[0] <= n.start < c.clause[1]):
            found.append(n)
    return found


def framing(doc: Text, periods: list, start: int) -> object:
    """The words of "as of" right before a month that starts at `start`, or those of "during" where they
    open their clause ("Trong tháng 4/2025, …"; not "approved in January 2022"); None if none frame it."""
    before = [f for f in periods if f.key in ("as_of", "during") and 0 <= start - f.end <= REACH["month_word"]]
    if not before:
        return None
    found = before[-1]
    clause = enclosing(doc.clauses, doc.clause_starts, found.start)
    return found if found.key == "as_of" or not WORD.search(doc.text, clause[0], found.start) else None


def opening(doc: Text, start: int) -> bool:
    """Whether a month that starts at `start` is all its clause says, after a word or two ("In May 2023,
    …", "ước tính tháng 5/2023, …"), outside brackets: a clause that only names a time frames the
    sentence it opens."""
    clause = enclosing(doc.clauses, doc.clause_starts, start)
    words = len(WORD.findall(doc.text, clause[0], start))
    per_word = 2 if language(doc.language).syllabic else 1
    after, line = doc.text[start : clause[1]], doc.text[doc.text.rfind("\n", 0, start) + 1 : start]
    if line.count("(") > line.count(")"):  # an aside "(announced in September 2024)" opens nothing
        return False
    return words <= OPENING_WORDS * per_word and len(WORD.findall(after)) <= 3 and clause[1] < len(doc.text)


def whole(value: float, low: float, high: float) -> bool:
    return value == value and value == int(value) and low <= value <= high


def month_word_before(doc: Text, n: Number) -> int:
    """Where a month written by its number starts: its word ("tháng 6/2025"), else the number."""
    before = doc.text[max(0, n.start - REACH["month_word"]) : n.start]
    for word in doc.numbered_months:
        found = re.search(rf"(?<!\w){re.escape(word)}\s*$", before, re.IGNORECASE)
        if found:
            return n.start - len(before) + found.start()
    return n.start


def month_period(doc: Text, month: int, year: int, words: tuple[int, int], periods: list) -> Period:
    """A month named: its 15th after words of its middle ("mid-June 2024"); the whole month after words
    of "during" ("in April 2025"), else its last day ("as of June 2025": a level as the month ends)."""
    first, last = date(year, month, 1), date(year, month, monthrange(year, month)[1])
    mid = [f for f in periods if f.key == "mid_month" and 0 <= words[0] - f.end <= 2]
    if mid:
        day = date(year, month, MID_MONTH)
        why = f"period the middle of month {month}/{year}"
        return Period(span_of("point", day, day), why, (mid[0].start, words[1]))
    framed = framing(doc, periods, words[0])
    if framed is not None and framed.key == "during":
        return Period(span_of("span", first, last), f"period the month {month}/{year}", words)
    return Period(span_of("point", last, last), f"period the end of month {month}/{year}", words)


def quarter(doc: Text, found, year: int, words: tuple[int, int] | None, periods: list) -> Period:
    """A quarter of a year (named without its year: of the report's year, once begun): its three months;
    its last day after words of "as of" ("by the end of the third quarter of 2022")."""
    n = int(found.key.removeprefix("quarter_"))
    first, last = date(year, 3 * n - 2, 1), date(year, 3 * n, monthrange(year, 3 * n)[1])
    as_of = [f for f in periods if f.key in ("as_of", "year_end") and 0 <= found.start - f.end <= REACH["month_word"]]
    if as_of:
        return Period(span_of("point", last, last), f"period the end of quarter {n} of {year}", words)
    return Period(span_of("span", first, last), f"period quarter {n} of {year}", words)


def first_months(doc: Text, found, year: int) -> Period | None:
    """The first months of a year ("9 tháng đầu năm 2022"): January to the end of the n-th month."""
    months = [n for n in doc.numbers.starting_in(found.start, found.end) if whole(n.value, 1, 12)]
    if not months:
        return None
    end = int(months[0].value)
    last = date(year, end, monthrange(year, end)[1])
    return Period(
        span_of("span", date(year, 1, 1), last), f"period the first {end} months of {year}", (found.start, found.end)
    )


def figure_year(doc: Text, years: list[Number], c: Context | None) -> Number | None:
    """The year that dates a figure: one right after it where the years of its clause follow their
    figures ("40 percent in 2026", "7 tỷ USD năm 2027"), else its own clause's nearest, else that of a
    clause opening its sentence, else the nearest before it, else the first after it in its sentence,
    over by the report, outside a clause of a plan or estimate ("une hausse de 9 %, les ventes
    atteignant 4 milliards en 2023"); for a sentence alone, its last."""
    if c is None:
        return years[-1] if years else None
    following = year_following(doc, years, c)
    if following is not None:
        return following
    own = [y for y in years if c.clause[0] <= y.start < c.clause[1]]
    if own:  # the year of the figure's own clause ("… chạm mốc 90-200 tỷ USD vào năm 2030")
        return min(own, key=lambda y: abs(y.start - c.number.start))
    before = [y for y in years if y.end <= c.number.start]
    if before:
        return opening_year(doc, c, before) or before[-1]
    if own_time_said(doc, c):
        return None
    kinds = [f for f in doc.sentence_words("kinds", c.sentence).found if f.key in ("target", "estimate")]
    event = doc.event_date
    for y in years:
        clause = enclosing(doc.clauses, doc.clause_starts, y.start)
        over = event is None or (y.upper if y.is_year_span else y.value) <= event.year
        if y.start >= c.number.end and over and not any(clause[0] <= f.start < clause[1] for f in kinds):
            return y
    return None


def own_time_said(doc: Text, c: Context) -> bool:
    """Whether the figure's clause says its whole time in words ("currently", "this year", "last
    year"): a year in a later clause is then not its own (a quarter or a half named alone still is)."""
    said = [f for f in c.words("periods") if f.key in SAID_TIMES]
    return any(c.clause[0] <= f.start < c.clause[1] for f in said)


def opening_year(doc: Text, c: Context, before: list[Number]) -> Number | None:
    """The year of the clause that opens the figure's sentence and holds no figure ("By the end of 2026,
    or early 2027 at the latest, the service will have 5 million users"): it frames the sentence, a later
    aside does not."""
    first = enclosing(doc.clauses, doc.clause_starts, c.sentence[0])
    if doc.figures.first_starting_from(first[0], first[1]) is not None:
        return None
    return next((y for y in before if first[0] <= y.start < first[1]), None)


def year_following(doc: Text, years: list[Number], c: Context) -> Number | None:
    """A year a few words after a figure in its clause, no other figure between, where the clause's
    first figure has no year before it: the years of the clause follow their figures, and one dates the
    figure before it, not the others ("5 percent in 2026 and 8 percent in 2028"; not "năm 2026 là 5% và
    2028 là 8%", where each year precedes its figure)."""
    first = doc.figures.first_starting_from(c.clause[0], c.clause[1])
    if first is None or any(c.clause[0] <= y.start < first.start for y in years):
        return None
    limit = FOLLOWING_WORDS * (2 if language(doc.language).syllabic else 1)
    for y in years:
        if y.start < c.number.end or y.start >= c.clause[1]:
            continue
        between = doc.figures.first_starting_from(c.number.end, y.start)
        if between is None and len(WORD.findall(doc.text, c.number.end, y.start)) <= limit:
            return y
        return None
    return None


def years_listed(doc: Text, c: Context, year: Number) -> Period | None:
    """Years listed together ("in 2022, 2023", "in 2022 and 2023") for fewer figures than years: the
    span from the first to the last (as many figures as years are each of its own: `respective`)."""
    years = doc.year_numbers.starting_in(*c.sentence)
    at = next((i for i, y in enumerate(years) if y.start == year.start), None)
    if at is None:
        return None
    low, high = at, at
    while low > 0 and LISTED.fullmatch(doc.text[years[low - 1].end : years[low].start]):
        low -= 1
    while high + 1 < len(years) and LISTED.fullmatch(doc.text[years[high].end : years[high + 1].start]):
        high += 1
    if high == low or len(doc.figures.starting_in(*c.sentence)) > high - low:
        return None
    first, last = int(years[low].value), int(years[high].value)
    words = (years[low].start, years[high].end)
    return Period(span_of("span", date(first, 1, 1), date(last, 12, 31)), f"period the years {first}-{last}", words)


def time_named(doc: Text, sentence: tuple[int, int], c: Context | None = None, change: bool = False) -> Period | None:
    """The time a sentence names (for a number in it, the year nearest before the number, or after
    it in its clause; "last year"), none if it names none."""
    periods = doc.sentence_words("periods", sentence).found
    years, compared_at = years_named(doc, sentence, c, change)
    months = months_written(doc, sentence, c, periods)
    year = figure_year(doc, sorted(years + months, key=lambda n: n.start), c)
    if c is not None and (said := year_said(doc, following_words(doc, c, periods), compared_at)) is not None:
        return said  # "… 251 USD in 2025 and should reach 300 USD this year"
    if c is not None and year is not None and year.is_year and (part := quarter_of_clause(doc, c, periods, year)):
        return part
    if c is not None and year is not None and year.is_year and (listed := years_listed(doc, c, year)):
        return listed
    if year is not None and year.is_year_span:
        first, last = int(year.value), int(year.upper)
        return Period(
            span_of("span", date(first, 1, 1), date(last, 12, 31)),
            f"period the years {first}-{last}",
            (year.start, year.end),
        )
    if year is not None and year.form == "fraction":
        return month_period(
            doc, int(year.value), int(year.denominator), (month_word_before(doc, year), year.end), periods
        )
    if year is None:
        return year_said(doc, periods, compared_at) or time_without_year(doc, sentence, c, periods)
    return time_of_year(doc, year, periods)


def following_words(doc: Text, c: Context, found: list) -> list:
    """The phrases of `found` a few words after the figure in its clause, no other figure between."""
    limit = FOLLOWING_WORDS * (2 if language(doc.language).syllabic else 1)
    return [
        f
        for f in found
        if c.number.end <= f.start < c.clause[1]
        and doc.figures.first_starting_from(c.number.end, f.start) is None
        and len(WORD.findall(doc.text, c.number.end, f.start)) <= limit
    ]


def quarter_of_clause(doc: Text, c: Context, periods: list, year: Number) -> Period | None:
    """A quarter the figure's own clause names without its year, the year named elsewhere in its sentence
    ("15% in the second quarter, and 14% in the first half of 2021"): that quarter of that year, not
    what the year's own words name."""
    if c.clause[0] <= year.start < c.clause[1]:
        return None
    own = [f for f in periods if f.key.startswith("quarter_") and c.clause[0] <= f.start < c.clause[1]]
    return quarter(doc, own[0], int(year.value), (own[0].start, own[0].end), periods) if own else None


def year_said(doc: Text, periods: list, compared_at: list[int]) -> Period | None:
    """A year said in words, relative to the report's ("last year", "this year"), not right after words
    that compare ("so với năm ngoái" compares, it does not date)."""
    near = REACH["compared_words"]
    said = [
        f
        for f in periods
        if f.key in ("last_year", "this_year") and not any(0 <= f.start - at <= near for at in compared_at)
    ]
    if not said or doc.event_date is None:
        return None
    y = doc.event_date.year - (1 if said[0].key == "last_year" else 0)
    words = (said[0].start, said[0].end)
    return Period(span_of("year", date(y, 1, 1), date(y, 12, 31)), f"period {y}, {said[0].text!r}", words)


def time_without_year(doc: Text, sentence: tuple[int, int], c: Context | None, periods: list) -> Period | None:
    """The time a sentence names without a year: the first half, "currently", the end of this year,
    a day."""
    current = [f for f in periods if f.key == "current"]
    halves = [f for f in periods if f.key == "first_half"]
    event = doc.event_date
    opening = [f for f in periods if f.key == "first_months"]
    if opening and event is not None and (months := first_months(doc, opening[0], event.year)) is not None:
        return months
    if halves and event is not None:
        y = event.year
        half = span_of("half_year", date(y, 1, 1), date(y, 6, 30))
        return Period(half, f"period the first half of {y}", (halves[0].start, halves[0].end))
    if current and event is not None:
        said = (current[0].start, current[0].end)
        return Period(span_of("point", event, event), f"period the report's date ({current[0].text!r})", said)
    ends = [f for f in periods if f.key == "year_end" and "{n}" not in f.phrase]
    if ends and event is not None:  # "by the end of this year"
        y, said = event.year, (ends[0].start, ends[0].end)
        return Period(span_of("point", date(y, 12, 31), date(y, 12, 31)), f"period the end of {y}", said)
    month = month_as_of(doc, sentence, c, periods)
    if month is not None:
        return month
    again = [f for f in periods if f.key == "that_period"]
    if again and (earlier := time_before(doc, sentence)) is not None:
        return Period(earlier.cells, f"{earlier.why}, named again ({again[0].text!r})", (again[0].start, again[0].end))
    day = day_named(doc, sentence, c)
    if day is not None:
        return Period(span_of("point", day[0], day[0]), f"period the day {day[0].isoformat()}", day[1])
    return None


def time_before(doc: Text, sentence: tuple[int, int]) -> Period | None:
    """The time the sentences before this one last named (of no plan's)."""
    at = doc.sentence_at.get(sentence, 0)
    for earlier in reversed(doc.sentences[max(0, at - CARRIED) : at]):
        read = time_named(doc, earlier)
        if read is not None and not planned(doc, earlier):
            return read
    return None


def month_as_of(doc: Text, sentence: tuple[int, int], c: Context | None, periods: list) -> Period | None:
    """A month named without its year after words of "as of" or of its middle ("as of the end of June",
    "tính đến giữa tháng 6", "mid-June"), before the figure or in its clause: its last day, or its 15th;
    the nearest the report's date."""
    if doc.event_date is None:
        return None
    for month, start, end in months_without_year(doc, sentence):
        if c is not None and start >= c.number.start and start >= c.clause[1]:
            continue
        mid = [f for f in periods if f.key == "mid_month" and 0 <= start - f.end <= 2]
        framed = framing(doc, periods, mid[0].start if mid else start)
        if not mid and getattr(framed, "key", None) != "as_of":
            continue
        first = day_without_year(doc.event_date, month, 1, planned_clause(doc, start))
        last = first.replace(day=monthrange(first.year, month)[1]) if first else None
        day = first.replace(day=MID_MONTH) if first and mid else last
        if day is not None:
            why = f"period {'the middle' if mid else 'the end'} of month {month}/{day.year}"
            return Period(span_of("point", day, day), why, (mid[0].start if mid else start, end))
    return None


def months_without_year(doc: Text, sentence: tuple[int, int]) -> list[tuple[int, int, int]]:
    """The months a sentence names with no year or day beside them ("June", "tháng 6"): each as its
    number and where its words start and end."""
    found = []
    text = doc.text[sentence[0] : sentence[1]]
    for number, names in enumerate(months_by_number(doc.language), start=1):
        for name in names:
            found += [(number, m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I)]
    for word in doc.numbered_months:
        pattern = rf"(?<!\w){re.escape(word)}\s*([0-9]{{1,2}})(?![0-9]|[/.][0-9])"
        found += [(int(m.group(1)), m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]
    shift = sentence[0]
    return [
        (number, start + shift, end + shift)
        for number, start, end in sorted(found, key=lambda f: f[1])
        if 1 <= number <= 12 and not dated_beside(doc.text, start + shift, end + shift)
    ]


def dated_beside(text: str, start: int, end: int) -> bool:
    """Whether a year or a day stands right after a month, or a day right before it ("June 2025", "6
    June", "June 6")."""
    return bool(re.match(r"\s*,?\s*(?:\w{1,4}\s+)?[0-9]{1,4}(?![0-9])", text[end : end + 12])) or bool(
        re.search(r"[0-9]\s*$", text[max(0, start - 4) : start])
    )


def time_of_year(doc: Text, year: Number, periods: list) -> Period:
    """The time a year names with the words beside it: its first half, its end, a day of it, a span
    from a month of it, or the whole year."""
    y, words = int(year.value), (year.start, year.end)
    near = [f for f in periods if f.start - REACH["half_year"] <= year.start <= f.end + REACH["half_year"]]
    if any(f.key == "first_half" for f in near):
        return Period(span_of("half_year", date(y, 1, 1), date(y, 6, 30)), f"period the first half of {y}", words)
    if any(f.key == "year_end" for f in near):
        return Period(span_of("point", date(y, 12, 31), date(y, 12, 31)), f"period the end of {y}", words)
    quarters = [f for f in near if f.key.startswith("quarter_")]
    if quarters:
        return quarter(doc, quarters[-1], y, words, periods)
    opening = [f for f in near if f.key == "first_months"]
    if opening and (months := first_months(doc, opening[0], y)) is not None:
        return months
    named = month_before(doc, year)
    month, at = named if named else (None, year.start)
    starts = any(f.key == "from" and f.end <= at and at - f.end <= REACH["from_month"] for f in periods)
    day = day_before(doc, at) if month else None
    if month and day:
        try:
            when = date(y, month, day)
        except ValueError:
            when = None
        if when is not None and not starts:
            return Period(span_of("point", when, when), f"period the day {when.isoformat()}", words)
    if month and starts:
        return Period(
            span_of("span", date(y, month, 1), date(y, 12, 31)),
            f"period from month {month} of {y} to the year's end",
            words,
        )
    if month:
        return month_period(doc, month, y, (at, year.end), periods)
    return Period(span_of("year", date(y, 1, 1), date(y, 12, 31)), f"period the year {y}", words)


def day_named(doc: Text, sentence: tuple[int, int], c: Context | None) -> tuple[date, tuple[int, int]] | None:
    """A day the sentence names for its figure: the nearest between the figures either side of it (a
    day dates the figure it stands beside, "12 million as of March 3, 40% of the goal of 30 million
    by June 1"); else a date in figures before it ("30/6/2025"), else a day and a month ("10 липня"),
    the nearest before it, else the first after it."""
    limit = c.number.start if c is not None else sentence[1]
    written, named = days_named(doc, sentence)
    if c is not None and (beside := day_beside(doc, c, written + named)) is not None:
        return beside
    for n, day in reversed(written):
        if n.start < limit:
            return day, (n.start, n.end)
    if doc.event_date is None:
        return None
    before = [(n, day) for n, day in named if n.start < limit]
    after = [(n, day) for n, day in named if n.start > limit]
    for n, day in before[-1:] or after[:1]:
        return day, (n.start, n.end)
    return None


def day_beside(doc: Text, c: Context, days: list[tuple[Number, date]]) -> tuple[date, tuple[int, int]] | None:
    """The day nearest the figure among those between the figures either side of it (days are no figures)."""
    at = {n.start for n, _ in days}
    before = doc.figures.last_ending_by(c.number.start, c.sentence[0], lambda m: m.start in at)
    after = doc.figures.first_starting_from(c.number.end, c.sentence[1], lambda m: m.start in at)
    left, right = (before.end if before else c.sentence[0]), (after.start if after else c.sentence[1])
    beside = [(n, day) for n, day in days if left <= n.start < right and n.start != c.number.start]
    if not beside:
        return None
    n, day = min(beside, key=lambda d: abs(d[0].start - c.number.start))
    return day, (n.start, n.end)


def days_named(doc: Text, sentence: tuple[int, int]) -> tuple[list[tuple[Number, date]], list[tuple[Number, date]]]:
    """The days a sentence names, in its order, read once per sentence: its dates in figures (day
    first, as these texts write them) and its days with a month, the nearest the report's date."""
    key = ("days", sentence)
    if key in doc.memo:
        return doc.memo[key]
    written, named = [], []
    for n in doc.numbers.starting_in(sentence[0], sentence[1]):
        if n.form == "date":
            parts = [int(x) for x in n.raw.split("/")]
            try:
                written.append((n, date(parts[2], parts[1], parts[0])))
            except ValueError:
                pass
        if doc.event_date is None:
            continue
        month = month_after(doc, n) or month_name_before(doc, n)
        if month and 1 <= n.value <= 31 and n.value == int(n.value):
            day = day_without_year(doc.event_date, month, int(n.value), planned_clause(doc, n.start))
            if day is not None:
                named.append((n, day))
        elif (written_day := day_and_month(doc, sentence, n)) is not None:
            day = day_without_year(doc.event_date, written_day[1], written_day[0], planned_clause(doc, n.start))
            if day is not None:
                named.append((n, day))
    doc.memo[key] = written, named
    return written, named


def day_and_month(doc: Text, sentence: tuple[int, int], n: Number) -> tuple[int, int] | None:
    """A day and month written in figures without a year ("ngày 1/7", "le 6.10"), where the language's
    words of a date hold it: (day, month)."""
    held = doc.sentence_words("excluded", sentence).at(n.start)
    found = re.fullmatch(r"([0-9]{1,2})[./-]([0-9]{1,2})", n.raw)
    if held is None or held.key != "date" or "{n}" not in held.phrase or found is None:
        return None
    day, month = int(found.group(1)), int(found.group(2))
    return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None


def day_without_year(event: date, month: int, day: int, planned: bool) -> date | None:
    """A day a report names without a year: one it has seen, the last such day by its date ("10 July" in
    a report of February is last July's); in a clause of a plan, the nearest, come or to come (a goal
    "before 1 July" in a report of May; a plan that was due "on 1 July" in one of October)."""
    days = []
    for year in (event.year - 1, event.year, event.year + 1):
        try:
            days.append(date(year, month, day))
        except ValueError:
            return None
    if planned:
        return min(days, key=lambda d: (abs((d - event).days), d > event))
    return max(d for d in days if d <= event)


def planned_clause(doc: Text, at: int) -> bool:
    """Whether the clause holding `at` states a plan (words of a target)."""
    clause = enclosing(doc.clauses, doc.clause_starts, at)
    words = doc.sentence_words("kinds", enclosing(doc.sentences, doc.sentence_starts, at)).found
    return any(f.key == "target" and clause[0] <= f.start < clause[1] for f in words)


@cache
def month_after_patterns(language: str) -> list[tuple[int, re.Pattern[str]]]:
    """Per month, by its number, a pattern of any of its names right after a day ("10 липня", "6 February"),
    not followed by a year."""
    return [
        (number, re.compile(rf"\s*(?:{'|'.join(map(re.escape, names))})(?!\w)(?!\s*[0-9]{{4}})", re.IGNORECASE))
        for number, names in enumerate(months_by_number(language), start=1)
        if names
    ]


def month_after(doc: Text, day: Number) -> int | None:
    """The month named right after a day ("10 липня", "6 February"), by its number."""
    key = ("month_after", day.start)
    if key not in doc.memo:
        after = doc.text[day.end : day.end + 16]
        doc.memo[key] = next(
            (number for number, pattern in month_after_patterns(doc.language) if pattern.match(after)), None
        )
    return doc.memo[key]


def month_name_before(doc: Text, day: Number) -> int | None:
    """The month named right before a day, written month first ("April 27"), not followed by a year."""
    if not (day.form == "number" and whole(day.value, 1, 31)) or re.match(
        r"\s*,?\s*[0-9]{4}", doc.text[day.end : day.end + 8]
    ):
        return None
    before = doc.text[max(0, day.start - REACH["month_year"]) : day.start]
    for number, names in enumerate(months_by_number(doc.language), start=1):
        if any(re.search(rf"(?<!\w){re.escape(name)}\s+$", before, re.IGNORECASE) for name in names):
            return number
    return None


def month_before(doc: Text, year: Number) -> tuple[int, int] | None:
    """The month named right before a year ("July 2024", "tháng 7 năm 2024": one short word may
    stand between), and where its name starts; None if there is none."""
    key = ("month_before", year.start)
    if key not in doc.memo:
        doc.memo[key] = read_month_before(doc, year)
    return doc.memo[key]


def read_month_before(doc: Text, year: Number) -> tuple[int, int] | None:
    before = doc.text[max(0, year.start - REACH["month_year"]) : year.start]
    for number, names in enumerate(months_by_number(doc.language), start=1):
        for name in names:
            found = re.search(rf"(?<!\w){re.escape(name)}\s*(?:\w{{1,4}}\s+)?$", before, re.IGNORECASE)
            if found:
                return number, year.start - len(before) + found.start()
    for word in doc.numbered_months:  # "tháng 2 năm 2025": a month named by its number
        found = re.search(rf"(?<!\w){re.escape(word)}\s*([0-9]{{1,2}})\s*(?:\w{{1,4}}\s+)?$", before, re.I)
        if found and 1 <= int(found.group(1)) <= 12:
            return int(found.group(1)), year.start - len(before) + found.start()
    return None


def day_before(doc: Text, at: int) -> int | None:
    """The day written right before a month's name ("6 February", "ngày 6 tháng 2"), if any."""
    reach = REACH["day_before_month"]
    days = [n for n in doc.numbers.ending_in(at - reach, at) if n.form == "number" and 1 <= n.value <= 31]
    return int(days[-1].value) if days and days[-1].value == int(days[-1].value) else None


def compared(doc: Text, c: Context, period_cells: dict[str, object]) -> Period:
    """The period a change is compared with: a year after "compared to", a year's end, the same
    period of another year; else the same period a year before."""
    start, end = period_cells.get("period_start"), period_cells.get("period_end")
    starts = [f for f in c.after("periods") if f.key == "from"]  # "up 20 per cent from 2023"
    for found in c.after("compared") + starts or c.before("compared"):
        later = doc.year_numbers.starting_in(found.start, found.end + REACH["compared_year"])
        if not later:
            continue
        y = int(later[0].value)
        words = (found.start, later[0].end)
        said = doc.text[found.start : later[0].end + REACH["compared_words"]]
        if any(f.key == "year_end" for f in find_words(doc.language, "periods", said)):
            day = date(y, 12, 31)
            return Period({"compared_start": day, "compared_end": day}, f"compared with the end of {y}", words)
        if (
            find_words(doc.language, "compared", said)
            and any(f.key == "same_period" for f in find_words(doc.language, "compared", said))
            and isinstance(start, date)
        ):
            cells = {"compared_start": year_of(start, y), "compared_end": year_of(end, y)}
            return Period(cells, f"compared with the same period of {y}", words)
        return Period({"compared_start": date(y, 1, 1), "compared_end": date(y, 12, 31)}, f"compared with {y}", words)
    if isinstance(start, date) and isinstance(end, date):
        before = {"compared_start": year_of(start, start.year - 1), "compared_end": year_of(end, end.year - 1)}
        stated = [f for f in c.after("periods") if f.key == "last_year"]
        if stated:
            return Period(
                before, f"compared with the year before ({stated[0].text!r})", (stated[0].start, stated[0].end)
            )
        return Period(before, "compared period not stated: the same period a year before (check it)")
    return Period({}, "compared period not stated")
