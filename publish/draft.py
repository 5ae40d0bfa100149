"""Draft the rows of a report: every number no observation or exclusion covers yet becomes a
proposed observation or exclusion, each field read from the words around the number.

Drafting reads a text the way a curator does, by rules written over the language files of
publish/languages (what qualifies a number, what kind of value it is, its unit, its period,
what makes it no indicator value at all) and over the indicators' own words
(curation/indicator_words.csv). Every drafted row carries the draft mark at the start of its
note (or reason), which `publish validate` refuses (`draft.unreviewed`) until a curator has
reviewed the row and deleted the mark. The note says why each field was chosen.

The steps read Load -> Read each number -> Decide -> Save:
`draft` loads the project and the source and returns the drafted rows; publish.draft_save writes
them into the project's tables (or a folder of their own).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from itertools import islice
from pathlib import Path

import pandas as pd

from publish.archive import read_texts
from publish.checks.coverage import classify_numbers
from publish.errors import PublishError
from publish.findings import DataRefused
from publish.languages import language
from publish.languages.words import Found, find_words, phrase_pattern
from publish.numbers import base_language, supported_languages
from publish.project import Project, open_project
from publish.rules import DRAFT_ID_PREFIX, DRAFT_MARK
from publish.tables import load_indicator_words, readable_tables

# Where a sentence ends: a stop or semicolon and a space (not "4.475" or "18,3"), or a line break. A
# semicolon ends a sentence here: reports list their figures as clauses joined by semicolons.
SENTENCE_END = re.compile(r"[.!?…;](?=\s)|\n")
# Where a sentence ends with a full stop (semicolons joining its clauses), and how far into its
# first clause words of kind apply to every clause (characters).
FULL_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")
LEAD_WORDS = 40
# Where a clause ends inside a sentence: a comma, semicolon or colon before a space, a bracket, a dash.
CLAUSE_END = re.compile(r"[,;:](?=\s)|[()\[\]]|\s[–—-]\s")
WORD = re.compile(r"[^\W_][\w'’ʼ-]*")
# Numbers further than this from a word of their sentence are not read with it (characters).
NEAR = 40
# Units a number's words cannot tell from another: a count that is a count per day, a percentage
# that is a growth rate. An indicator in the other unit may claim it, and then its unit holds.
COMPATIBLE_UNITS = {"count": ("count_per_day",), "percent": ("percent_change",)}
# The exclusions a number joined to an excluded one shares ("levels 3 and 4", "6 and 7 February").
JOINED_CATEGORIES = ("name", "date", "period", "ordinal", "page")
# Units of a stock, a level at one time: a figure in them that names no time of its own is as of
# the report's date. Flows and changes take the time the sentences before them last named.
STOCKS = ("count", "percent")
# How many sentences back a figure's time may be named.
CARRIED = 6
# A year the reports can speak of.
YEARS = (1945, 2100)
# How much an indicator's words must weigh, near a number, for the draft to name it.
INDICATOR_THRESHOLD = 1.0
UNIT_FOR_COUNTS = "count"


@dataclass(frozen=True)
class Number:
    """One number of the text, as the parser read it."""

    start: int
    end: int
    raw: str
    form: str
    value: float
    upper: float
    denominator: float
    scale: float
    decimals: int
    percent: bool

    @cached_property
    def is_year(self) -> bool:
        return (
            self.form == "number"
            and re.fullmatch(r"[0-9]{4}", self.raw) is not None
            and YEARS[0] <= self.value <= YEARS[1]
            and self.scale == 1
            and not self.percent
        )


@dataclass
class Context:
    """The text around one number, and what the language files find in its sentence."""

    text: str
    number: Number
    sentence: tuple[int, int]
    clause: tuple[int, int]
    language: str
    sentence_words: Callable[[str, tuple[int, int]], SentenceWords]  # the reader's, found once per sentence

    def found(self, word_class: str) -> SentenceWords:
        return self.sentence_words(word_class, self.sentence)

    def words(self, word_class: str) -> list[Found]:
        """The phrases of a class in the sentence, at their places in the text."""
        return self.found(word_class).found

    def holding(self, word_class: str) -> list[Found]:
        """The phrases of a class whose words hold this number ("more than {n}", "{n} USD")."""
        held = self.found(word_class).at(self.number.start)
        return [held] if held is not None and "{n}" in held.phrase else []

    def before(self, word_class: str, reach: int | None = None, within_clause: bool = False) -> list[Found]:
        """The phrases of a class that end before this number in its sentence, nearest last."""
        left = self.clause[0] if within_clause else self.sentence[0]
        nearest = None if reach is None else self.number.start - reach
        return self.found(word_class).within(left, self.number.start, ends_from=nearest)

    def after(self, word_class: str, reach: int | None = None, within_clause: bool = False) -> list[Found]:
        """The phrases of a class that start after this number in its sentence, nearest first."""
        right = self.clause[1] if within_clause else self.sentence[1]
        furthest = None if reach is None else self.number.end + reach
        return self.found(word_class).within(self.number.end, right, starts_to=furthest)


class SentenceWords:
    """The phrases of one class in one sentence, at their places in the text, in its order. They never
    overlap, so their starts and their ends are both in order: what stands near a number is found by
    bisecting them, not by reading every phrase of a long sentence for each of its numbers."""

    def __init__(self, found: list[Found]):
        self.found = found
        self.starts = [f.start for f in found]
        self.ends = [f.end for f in found]

    def within(self, left: int, right: int, ends_from: int | None = None, starts_to: int | None = None) -> list[Found]:
        """The phrases from `left` to `right`; of those, the ones ending at `ends_from` or later, starting
        at `starts_to` or earlier."""
        low = bisect_left(self.starts, left)
        if ends_from is not None:
            low = max(low, bisect_left(self.ends, ends_from))
        high = bisect_right(self.ends, right)
        if starts_to is not None:
            high = min(high, bisect_right(self.starts, starts_to))
        return self.found[low:high]

    def starting_in(self, left: int, right: int) -> list[Found]:
        return self.found[bisect_left(self.starts, left) : bisect_left(self.starts, right)]

    def at(self, place: int) -> Found | None:
        """The phrase whose words hold `place`, if one does."""
        i = bisect_right(self.starts, place) - 1
        return self.found[i] if i >= 0 and place < self.found[i].end else None


class Numbers:
    """Numbers of the text in its order. They never overlap, so their starts and their ends are both
    in order: the figure nearest a number is found by bisecting them, not by reading every number of
    its sentence for each of them (a report may list a thousand figures in one sentence)."""

    def __init__(self, numbers: list[Number]):
        self.numbers = sorted(numbers, key=lambda n: n.start)
        self.starts = [n.start for n in self.numbers]
        self.ends = [n.end for n in self.numbers]

    def starting_in(self, left: int, right: int) -> list[Number]:
        """The numbers starting at `left` or later and before `right`."""
        return self.numbers[bisect_left(self.starts, left) : bisect_left(self.starts, right)]

    def ending_in(self, left: int, right: int) -> list[Number]:
        """The numbers ending at `left` or later and at `right` or earlier."""
        return self.numbers[bisect_left(self.ends, left) : bisect_right(self.ends, right)]

    def last_ending_by(self, at: int, floor: int, skip: Callable[[Number], bool] = lambda _: False) -> Number | None:
        """The last number that ends at `at` or earlier and starts at `floor` or later, of those `skip` keeps."""
        i = bisect_right(self.ends, at) - 1
        while i >= 0 and self.starts[i] >= floor:
            if not skip(self.numbers[i]):
                return self.numbers[i]
            i -= 1
        return None

    def first_starting_from(
        self, at: int, ceiling: int, skip: Callable[[Number], bool] = lambda _: False
    ) -> Number | None:
        """The first number that starts at `at` or later and before `ceiling`, of those `skip` keeps."""
        i = bisect_left(self.starts, at)
        while i < len(self.numbers) and self.starts[i] < ceiling:
            if not skip(self.numbers[i]):
                return self.numbers[i]
            i += 1
        return None


@cache
def _sentence_words(language: str, word_class: str, sentence: str) -> list[Found]:
    return find_words(language, word_class, sentence)


@dataclass
class Decision:
    """What the draft says of one number: an exclusion (category) or an observation (fields)."""

    number: Number
    category: str | None = None
    reason: str = ""
    fields: dict[str, object] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)
    quote: tuple[int, int] | None = None
    core: tuple[int, int] | None = None  # the words each field was read from, without the subject
    parts: set[int] = field(default_factory=set)  # where the numbers it takes as its own start (a denominator)
    new_indicator: dict[str, str] | None = None


@dataclass(frozen=True)
class Drafts:
    """The drafted rows of one source, with the project's columns."""

    source_id: str
    observations: pd.DataFrame
    exclusions: pd.DataFrame
    indicators: pd.DataFrame  # the indicators the draft proposes as new

    @property
    def empty(self) -> bool:
        return self.observations.empty and self.exclusions.empty


# --- Load ---------------------------------------------------------------------------------------


def draft(root: Path | str, source_id: str) -> Drafts:
    """A row for every number of SOURCE_ID that no observation or exclusion covers yet."""
    project = open_project(root)
    tables = readable_tables(project, "nothing drafted")
    sources = tables["sources"]
    if source_id not in set(sources["source_id"].dropna()):
        known = ", ".join(sources["source_id"].dropna())
        raise PublishError(f"no source {source_id!r}; the sources are {known} (archive a text with publish add-source)")
    source = sources.loc[sources["source_id"] == source_id].iloc[[0]]
    language = str(source["language"].iloc[0]) if pd.notna(source["language"].iloc[0]) else ""
    if base_language(language) not in supported_languages():
        raise PublishError(
            f"source {source_id!r} is in {language or 'no language'}; drafting reads {', '.join(supported_languages())}"
        )
    texts, unread = read_texts(project, source)
    if source_id not in texts:
        reason = unread[0].message if unread else "no archived text"
        raise PublishError(f"cannot read the text of {source_id!r}: {reason}")
    text = texts[source_id]
    numbers = classify_numbers(source, tables["observations"], tables["exclusions"], texts)
    event = source["event_date"].iloc[0]
    event_date = None if pd.isna(event) else pd.Timestamp(event).date()
    words = indicator_words(project, tables)
    reader = Reader(text, base_language(language), event_date, tables["indicators"], words)
    every = [_number(row) for row in numbers.itertuples()]
    # A number no row covers has no `covered_by`: missing, which pandas holds as NaN, never None.
    uncovered = [n for n, open_ in zip(every, numbers["covered_by"].isna(), strict=True) if open_]
    refuse_past_float_range(uncovered, text, str(source["path"].iloc[0]))
    decisions = reader.decide(every, uncovered)
    return _rows(project, tables, source_id, text, decisions)


def refuse_past_float_range(numbers: list[Number], text: str, path: str) -> None:
    """One clear error for a number too large for any value (past about 1.8e308, a float's range):
    nothing can be drafted of it, and a curator excludes it by hand."""
    from publish.kernels import line_numbers

    for n in numbers:  # a part may be missing (NaN: a date has no value, most numbers no upper end)
        if not any(math.isinf(part) for part in (n.value * n.scale, n.upper * n.scale, n.denominator)):
            continue
        line = int(line_numbers(text, [n.start])[0])
        shown = n.raw if len(n.raw) <= 24 else f"{n.raw[:12]}…{n.raw[-6:]} ({len(n.raw)} characters)"
        raise PublishError(
            f"{path} line {line}: the number {shown} is past the range of a value (about 1.8e308), so nothing "
            "is drafted; exclude it by hand in datapackage/exclusions.csv (publish todo lists it), then draft again"
        )


def indicator_words(project: Project, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The curated words of each indicator per language (empty if the project keeps none); a table
    its checks refuse is one clear error."""
    frame, findings = load_indicator_words(project, tables)
    if findings:
        raise DataRefused(findings, "nothing drafted")
    if frame is None:
        return pd.DataFrame({"indicator_id": [], "language": [], "phrase": []}, dtype=str)
    return frame


def _number(row) -> Number:
    return Number(
        start=int(row.start),
        end=int(row.end),
        raw=str(row.raw),
        form=str(row.form),
        value=float(row.value),
        upper=float(row.upper),
        denominator=float(row.denominator),
        scale=float(row.scale),
        decimals=int(row.decimals),
        percent=bool(row.percent),
    )


# --- Read each number ---------------------------------------------------------------------------


class Reader:
    """Reads the numbers of one text by the rules of its language."""

    def __init__(
        self,
        text: str,
        language: str,
        event_date: date | None,
        indicators: pd.DataFrame,
        words: pd.DataFrame,
    ):
        self.text, self.language, self.event_date = text, language, event_date
        self.indicators = indicators.set_index("indicator_id")
        mine = words.loc[words["language"] == language]
        self.indicator_patterns = [
            (indicator, len(phrase.split()), re.compile(phrase_pattern(phrase, ""), re.IGNORECASE))
            for indicator, phrase in zip(mine["indicator_id"], mine["phrase"], strict=True)
            if indicator in self.indicators.index
        ]
        self.sentences = _bounds(text, SENTENCE_END)
        self.full_sentences = _bounds(text, FULL_SENTENCE_END)
        self.clauses = _bounds(text, CLAUSE_END, within=self.sentences)
        self.sentence_starts, self.clause_starts, self.full_starts = (
            [start for start, _ in spans] for spans in (self.sentences, self.clauses, self.full_sentences)
        )
        self.sentence_at = {sentence: at for at, sentence in enumerate(self.sentences)}
        # What is read once per sentence or per number, however often the rules ask.
        self.found: dict[tuple[str, tuple[int, int]], SentenceWords] = {}
        self.indicator_words: dict[tuple[int, int], list[tuple[str, int, int, int, str]]] = {}
        self.stretches: dict[int, tuple[int, int]] = {}
        self.scores: dict[int, list[tuple[str, float, list[str]]]] = {}
        self.days: dict[tuple[int, int], tuple[list[tuple[Number, date]], list[tuple[Number, date]]]] = {}
        self.months_after: dict[int, int | None] = {}
        self.months_before: dict[int, tuple[int, int] | None] = {}
        self.next_suffix: dict[str, int] = {}  # the next number to try after a proposed id already taken
        self.alike: dict[frozenset, list[Decision]] = {}  # the observations drafted, by their fields but the indicator
        self.months = _months(language)
        self.weekdays = [
            m.span()
            for name in _weekdays(language)
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)  # as written: "thứ ba" is "third"
        ]
        self.proposed: dict[str, dict[str, str]] = {}  # new indicators, by id
        self.observations: list[Decision] = []  # drafted so far, in text order
        self.numbered_months = set(self.months) - {m for names in _months_by_number(language) for m in names}

    def context(self, number: Number) -> Context:
        return Context(
            self.text,
            number,
            _enclosing(self.sentences, self.sentence_starts, number.start),
            _enclosing(self.clauses, self.clause_starts, number.start),
            self.language,
            self.sentence_words,
        )

    def sentence_words(self, word_class: str, sentence: tuple[int, int]) -> SentenceWords:
        """The phrases of a class in a sentence, at their places in the text: found once per sentence."""
        key = (word_class, sentence)
        if key not in self.found:
            shift = sentence[0]
            found = find_words(self.language, word_class, self.text[sentence[0] : sentence[1]])
            shifted = [Found(f.key, f.phrase, f.start + shift, f.end + shift, f.text) for f in found]
            self.found[key] = SentenceWords(shifted)
        return self.found[key]

    def decide(self, every: list[Number], uncovered: list[Number]) -> list[Decision]:
        """A decision for each uncovered number. A number another's observation takes as its
        denominator is part of that observation, not a row of its own; a figure the text repeats
        (a lead and its body) is one observation whose quote stands at both places; a number joined
        to an excluded one by "and" or a comma ("levels 3 and 4") is excluded alike."""
        self.every = every
        self.years = [n for n in every if n.is_year]
        self.numbers = Numbers(every)
        self.year_numbers = Numbers(self.years)
        # The figures that bound another's stretch and quote: not years nor dates, which date a figure.
        self.figures = Numbers([n for n in every if not n.is_year and n.form != "date"])
        decisions: list[Decision] = []
        taken: set[int] = set()
        for number in uncovered:
            if number.start in taken or self.divided(number) is not None:
                continue  # a denominator: part of the figure it divides
            decision = self.read(number)
            previous = decisions[-1] if decisions else None
            if (
                decision.category is None
                and previous is not None
                and previous.category in JOINED_CATEGORIES
                and _joined_to(self.text, previous.number, number)
                and number.scale == 1
                and number.value < 100  # "levels 3 and 4", "6 and 7 February"; not "Project 06, 1,056"
                and not number.percent
                and not self.context(number).holding("units")
            ):
                decision = Decision(
                    number,
                    previous.category,
                    f"joined to {previous.number.raw!r}, {previous.reason}",
                    quote=(previous.quote[0], max(previous.quote[1], number.end)),
                )
            if decision.category is None:
                taken |= decision.parts
                self.observations.append(decision)
                repeated = self.repeated(decisions, decision)
                if repeated is not None:
                    continue
                self.alike.setdefault(_fields_key(decision), []).append(decision)
            decisions.append(decision)
        return [d for d in decisions if d.number.start not in taken or d.category is None]

    def repeated(self, decisions: list[Decision], decision: Decision) -> Decision | None:
        """The earlier observation this one repeats (every field alike), its quote narrowed to words
        that stand at both places; None if it repeats none, or no such words carry it. The earlier
        observations it may repeat are those of the same fields (`alike`), in the order of `decisions`."""
        for earlier in self.alike.get(_fields_key(decision), ()):
            if earlier.category is not None or not _alike(earlier, decision):
                continue
            # One existing indicator (or one of the two new): the subject's words need not repeat.
            same_subject = not (decision.new_indicator and earlier.new_indicator)
            candidates = (earlier.quote, decision.quote, *((earlier.core, decision.core) if same_subject else ()))
            for start, end in [*candidates, self.shared_words(earlier, decision)]:
                quote = self.text[start:end]
                if _covers(self.text, quote, earlier.number) and _covers(self.text, quote, decision.number):
                    earlier.quote = (start, end)
                    earlier.why.append("the text states it twice; the quote stands at both places")
                    if earlier.new_indicator and not decision.new_indicator:  # the one the words name
                        earlier.fields["indicator_id"] = decision.fields["indicator_id"]
                        earlier.new_indicator = None
                    return earlier
        return None

    def shared_words(self, first: Decision, second: Decision) -> tuple[int, int]:
        """The longest words around the first number that stand around the second too (the same
        figure in a lead and its body), if they hold what its fields were read from; else nothing."""
        a, b = first.number, second.number
        if a.raw != b.raw or first.core is None:
            return (a.start, a.start)
        left = 0
        while left < a.start and self.text[a.start - left - 1] == self.text[b.start - left - 1] and left < 200:
            left += 1
        right, length = 0, len(self.text)
        while b.end + right < length and self.text[a.end + right] == self.text[b.end + right] and right < 200:
            right += 1
        start, end = _whole_words(self.text, a.start - left, a.end + right, (a.start - left, a.end + right))
        if start <= first.core[0] and first.core[1] <= end:
            return start, end
        return (a.start, a.start)

    def read(self, number: Number) -> Decision:
        context = self.context(number)
        category, reason = self.exclusion(context)
        if category:
            return Decision(number, category, reason, quote=self.exclusion_quote(context))
        return self.observation(context)

    # Exclusions: the numbers that are no indicator value.

    def exclusion(self, c: Context) -> tuple[str | None, str]:
        """The category of a number that is no indicator value, and a reason that names what was read."""
        n, text = c.number, self.text
        read = repr(n.raw)
        if n.form == "unreadable":  # no value to read: the parser refuses it ("4.0" in Indonesian, "1.084" in French)
            return "other", (
                f"written in a form its language does not read, {read}: a name or code keeps this exclusion "
                "(category name); a value in another language's format is an observation with departure "
                "foreign_number_format"
            )
        if n.form == "date":
            return "date", f"a date written in figures, {read}"
        before = text[max(0, n.start - 2) : n.start]
        if re.match(r":[0-9]{2}", text[n.end : n.end + 3]) or re.search(r"[0-9]:$", before):
            time = re.search(r"[0-9]{1,2}:[0-9]{2}", text[max(0, n.start - 3) : n.end + 3])
            return "date", f"a time of day, {time.group() if time else n.raw!r}"
        weekday = next(((start, end) for start, end in self.weekdays if start <= n.start and n.end <= end), None)
        if weekday is not None:
            return "date", f"part of the name of a weekday, {text[weekday[0] : weekday[1]]!r}"
        if _held(c, "excluded", "page") or text[max(0, n.start - 1) : n.start] == "_":
            return "page", f"part of the web page (a counter or a placeholder), not of the report: {_said(c, n)!r}"
        if _held(c, "excluded", "name") or (n.form == "number" and len(n.raw) > 1 and n.raw.startswith("0")):
            return "name", f"part of a name or a code, not a quantity: {_said(c, n)!r}"
        if text[max(0, n.start - 1) : n.start].isalpha() and not c.holding("units"):
            return "name", f"part of a code written with letters, not a quantity: {_said(c, n)!r}"
        if n.form == "range" and all(YEARS[0] <= v <= YEARS[1] and v == int(v) for v in (n.value, n.upper)):
            return "year", f"a span of years, {read}: the period of a plan or of figures"
        if self.beside_month(n) or (n.form == "fraction" and YEARS[0] <= n.denominator <= YEARS[1]):
            return "date", f"a day or month of a date: {_said(c, n)!r}"
        if n.form == "fraction" and n.value == int(n.value) and n.denominator <= 12 < n.value <= 31:
            return "date", f"a day and month written with a slash, {read}: no share has more parts than its whole"
        day = n.form in ("number", "fraction") and n.value == int(n.value) and 1 <= n.value <= 31
        if day and not n.percent and n.scale == 1 and not c.holding("units") and _held(c, "excluded", "date"):
            return "date", f"a day of the month: {_said(c, n)!r}"
        if n.is_year and not c.holding("units"):
            return "year", f"a year, {read}: recorded as the period of the values it dates"
        if c.holding("units") and all(f.key == "rank" for f in c.holding("units")) and not self.ranked(c):
            return "ordinal", f"an ordinal that ranks no indicator (a meeting's number, an edition): {_said(c, n)!r}"
        if self.converts(c):
            return "other", f"the same amount in another currency, in brackets after it: {_said(c, n)!r}"
        if n.percent or c.holding("units") and any(f.key != "rank" for f in c.holding("units")):
            return None, ""
        if _held(c, "excluded", "period"):
            return "period", f"the length of a period, recorded in the period's dates: {_said(c, n)!r}"
        if _held(c, "excluded", "list_count") or self.counts_a_list(c):
            return "list_count", f"the count of the items the sentence lists: {_said(c, n)!r}"
        if _held(c, "excluded", "other"):
            return "other", f"a limit in the description of a service, not an indicator value: {_said(c, n)!r}"
        return None, ""

    def converts(self, c: Context) -> bool:
        """Whether the number is an amount of money in brackets right after another ("VNĐ1.7 quadrillion
        (US$65 billion)"): the same amount converted."""
        money = [f for f in c.holding("units") if f.key in ("usd", "vnd")]
        opening = self.text.rfind("(", c.sentence[0], c.number.start)
        if not money or opening < 0 or ")" in self.text[opening : c.number.start]:
            return False
        before = self.numbers.ending_in(opening - 30, opening)
        return bool(before) and any(
            f.key in ("usd", "vnd") for f in self.context(before[-1]).holding("units") if f.end >= before[-1].end
        )

    def beside_month(self, n: Number) -> bool:
        """Whether a month name stands right before or after the number ("6 Februari", "February 6",
        "10 липня"; "tháng 7" is the month itself)."""
        before = self.text[max(0, n.start - 16) : n.start]
        after = self.text[n.end : n.end + 16]
        if any(re.search(rf"(?<!\w){re.escape(m)}\s*$", before, re.IGNORECASE) for m in self.months):
            return True
        # A month named by its number ("tháng 7") follows a day only with its number: "6 tháng 2" is a
        # date, "6 tháng đầu năm" six months.
        return any(
            re.match(rf"\s*{re.escape(m)}(?!\w)" + (r"\s*[0-9]" if m in self.numbered_months else ""), after, re.I)
            for m in self.months
        )

    def counts_a_list(self, c: Context) -> bool:
        """A small whole number whose clause goes on to list its items after a colon."""
        n = c.number
        small = n.value == int(n.value) and n.value <= 12 and n.scale == 1 and n.form in ("number", "word")
        rest = self.text[n.end : min(c.sentence[1], n.end + 80)]
        return small and ":" in rest and not c.holding("units")

    def ranked(self, c: Context) -> bool:
        """Whether an ordinal ranks something: a rank word stands beside it ("71st place", "peringkat ke-71")."""
        ranked = [f for f in c.before("ranking", reach=12) + c.after("ranking", reach=12) if f.key == "rank"]
        return bool(ranked or c.after("out_of", reach=8))  # "71e sur 193 pays"

    # Observations.

    def observation(self, c: Context) -> Decision:
        n = c.number
        decision = Decision(n)
        fields, why = decision.fields, decision.why
        taken: set[int] = set()
        spans: list[tuple[int, int]] = [(n.start, n.end)]  # the words each field is read from
        subject: list[tuple[int, int]] = []  # the indicator's words and the period's, which a quote also carries
        unit, unit_found = self.unit(c)
        if unit_found is not None:
            spans.append((unit_found.start, unit_found.end))
        said_change = c.before("changes", reach=25, within_clause=True)
        qualifier = [
            q for q in c.holding("qualifiers") if not any(q.start < f.end and f.start < q.end for f in said_change)
        ]
        fields["qualifier"] = qualifier[0].key if qualifier else "exact"
        if qualifier:
            spans.append((qualifier[0].start, qualifier[0].end))
            why.append(f"qualifier {qualifier[0].key} from {qualifier[0].text!r}")
        if (
            unit == "rank"
            and c.before("ranking", reach=12)
            and any(f.text.lower() in ("top", "tốp") for f in c.before("ranking", reach=12))
        ):
            fields["qualifier"] = "up_to"
        # The kind of value. A number written as an ordinal is a position, never a change.
        ordinal = unit_found is not None and unit_found.key == "rank" and "{n}" in unit_found.phrase
        changes = self.change_words(c)
        growth = c.before("growth", within_clause=True, reach=60)
        compared = c.after("compared")
        baseline = c.holding("kinds") and any(f.key == "baseline" for f in c.holding("kinds"))
        kind = "actual"
        if baseline:
            kind = "baseline"
            why.append("kind baseline: the earlier value a change is measured from")
        elif (
            changes
            and not ordinal
            and (
                not (growth and not compared and unit in ("percent", "percent_change"))
                or (self.clause_opens_with_change(c, changes) and self.level_before(c) is not None)
            )
        ):
            kind = "change"
            spans += [(f.start, f.end) for f in changes]
            why.append(f"kind change from {changes[0].text!r}")
        else:
            kind, said = self.kind(c)
            if said is not None:
                spans.append((said.start, said.end))
                why.append(f"kind {kind} from {said.text!r}")
        if growth and kind != "change" and unit == "percent":
            unit = "percent_change"
            why.append(f"unit percent_change: a growth rate ({growth[-1].text!r})")
        # The indicator, by its words near the number.
        indicator, score, words_found = self.indicator(c, unit, kind == "change")
        negated = self.negation(c)
        if indicator is not None and negated is not None:  # "14 bộ chưa kết nối": not the indicator's subject
            why.append(f"not {indicator}: its subject is turned around by {negated.text!r}")
            indicator, words_found = None, []
        reached = any(f.key == "reached" for f in c.holding("changes"))  # "từ 24% lên 29%": the same subject
        level = self.level_before(c) if kind in ("change", "baseline") or reached else None
        if level is not None and (not self.named_in_stretch(c) or self.clause_opens_with_change(c, changes)):
            # "25 billion USD, up about 20%": a change (or its baseline) whose own words name nothing is
            # of the figure before it in the sentence.
            indicator, words_found = level.fields["indicator_id"], []
            if level.new_indicator:
                decision.new_indicator = level.new_indicator
            why.append(f"indicator of the figure before it ({level.number.raw!r}), whose change it states")
        indicator_unit = (
            self.indicators.at[indicator, "unit"]
            if indicator in self.indicators.index
            else (decision.new_indicator or {}).get("unit")
        )
        change_type = None
        if kind == "change":
            unit, change_type = self.change_unit(unit, indicator_unit, c)
            why.append(f"change type {change_type}")
        if indicator is None:
            indicator, decision.new_indicator = self.new_indicator(c, unit, kind)
            why.append(f"NEW indicator {indicator}: no indicator's words are near the number; name and define it")
        elif not words_found:
            pass
        else:
            shown = ", ".join(repr(w) for w in words_found[:3])
            why.append(f"indicator {indicator} from {shown}")
            subject += self.subject_spans(c, indicator)
            if kind != "change" and indicator_unit in COMPATIBLE_UNITS.get(unit, ()):
                why.append(f"unit {indicator_unit}, the indicator's: the words say no more than {unit}")
                unit = indicator_unit
        others = [other for other, _, _ in self.scored(c) if other != indicator][:3]
        if others:  # the reviewer's alternatives: indicators whose words stand in the sentence too
            why.append(f"other indicators: {', '.join(others)}")
        if unit_found is not None:
            why.insert(0, f"unit {unit} from {unit_found.text!r}")
        else:
            why.insert(0, f"unit {unit}: no unit word, a count")
        # The value and its parts.
        value, upper = n.value * n.scale, n.upper * n.scale
        falls = bool(changes) and changes[0].key == "down"
        if kind == "change" and falls != (unit == "rank"):
            value = -value  # a falling value; a rank that rises is a smaller rank number
        fields.update(value=value, value_upper=None if pd.isna(upper) else upper, unit=unit, kind=kind)
        if n.scale != 1:
            why.insert(0, f"value {n.raw} scaled by ×{n.scale:,.0f}")
        denominator, den_span = self.denominator(c)
        if denominator is not None:
            fields["denominator"] = denominator
            if den_span is not None:
                spans.append(den_span[:2])
                taken.add(den_span[2])
            why.append(f"denominator {denominator:,.10g}")
        if n.form == "word":
            fields["departure"] = "spelled_out"
            why.append(f"departure spelled_out: the number is written as the word {n.raw!r}")
        # The period, and the period a change is compared with.
        period, period_why, period_span = self.period(c, kind, unit)
        fields.update(period)
        why.append(period_why)
        ends = period.get("period_end")
        if (
            kind == "actual"
            and period_span is not None
            and isinstance(ends, date)
            and self.event_date is not None
            and ends > self.event_date
        ):
            fields["kind"] = "target"
            why.append("kind target: its period ends after the report's date")
        if period_span is not None and abs(period_span[0] - n.start) < 60:
            subject.append(period_span)
        if kind == "change":
            compared_period, compared_why, compared_span = self.compared(c, period)
            fields.update(compared_period, change_type=change_type)
            why.append(compared_why)
            if compared_span is not None:
                subject.append(compared_span)
        fields["indicator_id"] = indicator
        decision.parts = taken
        decision.quote = self.quote(c, spans + subject)
        decision.core = _whole_words(self.text, min(s for s, _ in spans), max(e for _, e in spans), c.sentence)
        return decision

    def unit(self, c: Context) -> tuple[str, Found | None]:
        n = c.number
        held = c.holding("units")
        if held:
            preferred = sorted(held, key=lambda f: (-(f.end - f.start), f.start))[0]
            key = preferred.key
            if key == "rank" and not self.ranked(c):
                return UNIT_FOR_COUNTS, None
            return key, preferred
        if n.percent:
            return "percent", None
        after = [f for f in c.after("ranking", reach=3) if f.key == "rank"]
        if after and n.scale == 1:
            return "rank", after[0]
        top = [
            f for f in c.before("ranking", reach=8) + c.after("ranking", reach=60, within_clause=True) if f.key == "top"
        ]
        if top and n.scale == 1 and n.value == int(n.value) and n.value <= 100:
            return "rank", top[0]
        per_day = [
            f
            for f in c.words("units")
            if f.key == "count_per_day" and "{n}" not in f.phrase and c.clause[0] <= f.start < c.clause[1]
        ]
        if per_day and n.form != "date":
            return "count_per_day", per_day[0]
        return UNIT_FOR_COUNTS, None

    def change_words(self, c: Context) -> list[Found]:
        """The words of rising or falling that say the number is a change: right before it, or just
        after it ("на 14 ... більше")."""
        if any(f.key == "reached" for f in c.holding("changes")):
            return []  # "from 20% to 25%": the level reached
        before = [f for f in c.before("changes", reach=25, within_clause=True) if f.key in ("up", "down")]
        after = [f for f in c.after("changes", reach=45, within_clause=True) if f.key in ("up", "down")]
        kinds = [f for f in c.before("kinds", within_clause=True) if f.key in ("target", "estimate")]
        before = [f for f in before if not any(f.end <= k.start for k in kinds)]  # "cao hơn mục tiêu 10%"
        if before:
            return [before[-1]]
        if after and c.after("compared"):
            return [after[0]]
        return []

    def kind(self, c: Context) -> tuple[str, Found | None]:
        """A target or an estimate by the words before the number in its sentence, or by those that
        open the list of clauses it belongs to ("Mục tiêu đến hết năm 2025, 100% …; kinh tế số …")."""
        for key in ("target", "estimate"):
            said = [f for f in c.before("kinds") if f.key == key]
            if said:
                return key, said[-1]
        lead = self.lead_of(c.sentence)
        if lead != c.sentence:
            opening = self.text[lead[0] : min(lead[1], lead[0] + LEAD_WORDS)]
            for key in ("target", "estimate"):
                if any(f.key == key for f in _sentence_words(self.language, "kinds", opening)):
                    return key, None
        return "actual", None

    def lead_of(self, sentence: tuple[int, int]) -> tuple[int, int]:
        """The first of the clauses joined by semicolons into one sentence with this one."""
        full = _enclosing(self.full_sentences, self.full_starts, sentence[0])
        first = bisect_left(self.sentence_starts, full[0])
        return self.sentences[first] if first < len(self.sentences) else sentence

    def change_unit(self, unit: str, indicator_unit: str | None, c: Context) -> tuple[str, str]:
        if unit in ("percent", "percent_change"):
            # An indicator's unit read from its table is NaN where the cell is empty, not None.
            share = indicator_unit == "percent" or (pd.isna(indicator_unit) and self.is_share(c))
            return ("percentage_point", "percentage_points") if share else ("percent_change", "percent_change")
        if unit == "percentage_point":
            return unit, "percentage_points"
        if unit == "times":
            return unit, "multiple"
        same = indicator_unit == unit or indicator_unit in COMPATIBLE_UNITS.get(unit, ())
        return (indicator_unit if same else unit), "absolute_difference"

    def is_share(self, c: Context) -> bool:
        """Whether the subject of a change stated in percent is itself a share: then the change is
        in percentage points."""
        return any(self.indicators.at[i, "unit"] == "percent" for i, _, _ in self.scored(c)[:1])

    def scored(self, c: Context) -> list[tuple[str, float, list[str]]]:
        """Each indicator whose words stand in the number's sentence, by their weight: a longer phrase
        weighs more, and one nearer the number; most of all one within the number's own stretch of
        the sentence (from the number before it to the number after it), since a report that lists
        figures names each one's subject beside it."""
        if c.number.start in self.scores:
            return self.scores[c.number.start]
        left, right = self.stretch(c)
        scores: dict[str, tuple[float, list[str]]] = {}
        for indicator, length, start, end, said in self.indicators_said(c.sentence):
            distance = max(0, c.number.start - end, start - c.number.end)
            own_stretch = left <= start and end <= right
            own_clause = c.clause[0] <= start and end <= c.clause[1]
            weight = length * (1.5 if own_stretch else 0.4) * (2 if own_clause else 1) / (1 + distance / NEAR)
            total, found = scores.get(indicator, (0.0, []))
            scores[indicator] = (total + weight, [*found, said])
        ranked = sorted(((i, s, f) for i, (s, f) in scores.items()), key=lambda x: -x[1])
        self.scores[c.number.start] = ranked
        return ranked

    def indicators_said(self, sentence: tuple[int, int]) -> list[tuple[str, int, int, int, str]]:
        """Each match of an indicator's words in a sentence (indicator, words in its phrase, start, end,
        the words), phrase by phrase as the indicators' table lists them: found once per sentence."""
        if sentence not in self.indicator_words:
            self.indicator_words[sentence] = [
                (indicator, length, m.start(), m.end(), m.group())
                for indicator, length, pattern in self.indicator_patterns
                for m in pattern.finditer(self.text, sentence[0], sentence[1])
            ]
        return self.indicator_words[sentence]

    def negation(self, c: Context) -> Found | None:
        """A word of negation in the number's own stretch of its sentence, near it."""
        left, right = self.stretch(c)
        found = c.found("negation").within(left, right)
        found = [f for f in found if max(c.number.start - f.end, f.start - c.number.end) <= NEAR]
        return found[0] if found else None

    def clause_opens_with_change(self, c: Context, changes: list[Found]) -> bool:
        """Whether the number's clause opens with its words of change ("…25 tỷ USD, tăng 20%"): then it
        is the change of the figure the clause before it states."""
        return bool(changes) and not WORD.search(self.text, c.clause[0], changes[0].start)

    def named_in_stretch(self, c: Context) -> bool:
        """Whether an indicator's words stand in the number's own stretch of its sentence."""
        left, right = self.stretch(c)
        text = self.text[left:right]
        return any(pattern.search(text) for _, _, pattern in self.indicator_patterns)

    def level_before(self, c: Context) -> Decision | None:
        """The observation drafted just before this number, in its sentence or the one before (for a
        baseline, "when it was 79.6%", the change it is the base of)."""
        previous = self.observations[-1] if self.observations else None
        if previous is None:
            return None
        if previous.number.start >= c.sentence[0]:
            return previous
        at = self.sentence_at.get(c.sentence, -1)
        baseline = c.holding("kinds") and any(f.key == "baseline" for f in c.holding("kinds"))
        if baseline and at > 0 and previous.number.start >= self.sentences[at - 1][0]:
            return previous
        return None

    def stretch(self, c: Context) -> tuple[int, int]:
        """The part of the sentence between the figures either side of this one (not years or dates),
        or the sentence's ends."""
        if c.number.start in self.stretches:
            return self.stretches[c.number.start]
        own_parts = [(f.start, f.end) for f in c.after("out_of", reach=25)]  # "71st out of 193": one figure

        def own(m: Number) -> bool:
            return m.start == c.number.start or any(start <= m.start < end for start, end in own_parts)

        # Years and dates are no figures: a year dates the figure beside it ("the share in 2024 reached 18.3%").
        before = self.figures.last_ending_by(c.number.start, c.sentence[0], own)
        after = self.figures.first_starting_from(c.number.end, c.sentence[1], own)
        stretch = (before.end if before else c.sentence[0]), (after.start if after else c.sentence[1])
        self.stretches[c.number.start] = stretch
        return stretch

    def indicator(self, c: Context, unit: str, change: bool) -> tuple[str | None, float, list[str]]:
        """The indicator whose words weigh most near the number, among those whose unit fits it: its
        own unit (or one its words could not tell apart: a count per day, a growth in percent), and
        for a change in percent any indicator, whose change it is."""
        best: tuple[str | None, float, list[str]] = (None, 0.0, [])
        for indicator, score, found in self.scored(c):
            own = self.indicators.at[indicator, "unit"]
            if (change and unit in ("percent", "percent_change", "percentage_point", "times")) or own == unit:
                fit = 1.0
            elif own in COMPATIBLE_UNITS.get(unit, ()):
                fit = 0.6
            else:
                continue
            if score * fit >= INDICATOR_THRESHOLD and score * fit > best[1]:
                best = (indicator, score * fit, found)
        return best

    def subject_spans(self, c: Context, indicator: str) -> list[tuple[int, int]]:
        """Where the indicator's words stand in the number's clause: the quote carries its subject."""
        return [
            (start, end)
            for name, _, start, end, _ in self.indicators_said(c.sentence)
            if name == indicator and max(0, c.number.start - end, start - c.number.end) <= 2 * NEAR
        ]

    def new_indicator(self, c: Context, unit: str, kind: str) -> tuple[str, dict[str, str]]:
        # The words of the number's own stretch nearest it: its subject, before or after it.
        left, right = self.stretch(c)
        start, end = _whole_words(
            self.text, max(left, c.number.start - 60), min(right, c.number.end + 60), (left, right)
        )
        clause = self.text[start:end]
        words = [w for w in WORD.findall(clause) if not any(ch.isdigit() for ch in w)]
        letters = language(self.language).transliteration
        ascii_words = [_ascii("".join(letters.get(ch, ch) for ch in w.lower())) for w in words]
        ascii_words = [w for w in ascii_words if len(w) > 2][:5]
        slug = "_".join(ascii_words) or "indicator"
        indicator = DRAFT_ID_PREFIX + re.sub(r"_+", "_", slug)[:48].strip("_")
        candidate, number = indicator, self.next_suffix.get(indicator, 2)
        while candidate in self.indicators.index or candidate in self.proposed:
            candidate, number = f"{indicator}_{number}", number + 1
        self.next_suffix[indicator] = number  # ids are only ever taken: the ones before stay taken
        scored = self.scored(c)
        topic = self.indicators.at[scored[0][0], "topic"] if scored else "digital_government"
        title = " ".join(words[:12]) or clause.strip()
        row = {
            "indicator_id": candidate,
            "title": f"{DRAFT_MARK} {title}",
            "unit": unit,
            "topic": topic,
            "definition": f"{DRAFT_MARK} proposed from the words: {clause.strip()}",
        }
        self.proposed[candidate] = row
        return candidate, row

    def whole_said_first(self, c: Context) -> list[Found]:
        """The phrases that make this number the whole of a figure said after it ("trong tổng số {n}"),
        where they open the number's clause."""
        first = language(self.language).phrases("out_of").get("of_before", ())
        # Only where the phrase opens its clause: after another figure "dari 193" is that figure's whole.
        return [
            f for f in c.holding("out_of") if f.phrase in first and not WORD.search(self.text, c.clause[0], f.start)
        ]

    def divided(self, number: Number) -> Number | None:
        """The figure after this number that it is the whole of, where the text says the whole first
        ("Trong tổng số 1.203 nhiệm vụ, … đã hoàn thành 1.056"): the next figure in its sentence, no
        larger than it."""
        c = self.context(number)
        if not self.whole_said_first(c):
            return None
        later = self.figures.first_starting_from(number.end, c.sentence[1])
        if later is not None and later.value * later.scale <= number.value * number.scale and not later.percent:
            return later
        return None

    def denominator(self, c: Context) -> tuple[float | None, tuple[int, int, int] | None]:
        n = c.number
        if n.form == "fraction" and not pd.isna(n.denominator):
            return n.denominator, None
        whole = self.figures.last_ending_by(n.start, c.sentence[0])
        if whole is not None and self.divided(whole) == n:
            phrase = self.whole_said_first(self.context(whole))[0]
            return whole.value * whole.scale, (phrase.start, phrase.end, whole.start)
        for found in [f for f in c.after("out_of", reach=25) if f.key == "of"]:
            after = self.numbers.starting_in(max(found.start, n.start + 1), found.end)
            inside = [m for m in after if m.end <= found.end]
            if inside:
                den = inside[0]
                return den.value * den.scale, (found.start, found.end, den.start)
        return None, None

    def period(self, c: Context, kind: str, unit: str) -> tuple[dict[str, object], str, tuple[int, int] | None]:
        """The period a value is of: the time its sentence names (a year, a half-year, a year's end,
        from a month on, "currently"); else the time the sentences before it last named, which a
        report's following figures share; a target with no time of its own is undated."""
        if kind == "baseline":  # the earlier value of a change: of the time the change is compared with
            if c.before("compared"):
                period, said, span = self.compared(c, {})
                if period.get("compared_start"):
                    days = (period["compared_start"], period["compared_end"])
                    shape = "point" if days[0] == days[1] else "year"
                    return _period(shape, *days), f"period {said}", span
        own = self.time_named(c.sentence, c, change=kind == "change")
        if own is not None:
            return own
        lead = self.lead_of(c.sentence)
        if lead != c.sentence and (named := self.time_named(lead)) is not None:
            period, said, _ = named
            return period, f"{said}, as the clause that opens its sentence", None
        halves = [f for f in c.words("periods") if f.key == "first_half"]
        event = self.event_date
        if halves and event is not None:
            y = event.year
            return _period("half_year", date(y, 1, 1), date(y, 6, 30)), f"period the first half of {y}", None
        if kind == "target":
            return _period("undated", None, None), "undated: a target the text gives no deadline", None
        paragraph = self.text.rfind("\n", 0, c.sentence[0])
        at = self.sentence_at.get(c.sentence, 0)
        for sentence in reversed(self.sentences[max(0, at - CARRIED) : at]):
            # A stock takes the time only its own paragraph names; a flow or change, that of the text before.
            if unit in STOCKS and kind != "change" and sentence[0] < paragraph:
                break
            earlier = self.time_named(sentence)
            if earlier is None:
                continue
            period, said, span = earlier
            if unit in STOCKS and kind != "change" and (span is None or span[0] - sentence[0] > LEAD_WORDS):
                continue  # a stock takes only a time that frames its paragraph ("6 tháng đầu năm 2025, …")
            ends = period["period_end"]
            if event is None or not isinstance(ends, date) or ends <= event:  # a time over by the report
                return period, f"{said}, as the sentences before it", None
            break
        if event is None:
            return _period("undated", None, None), "undated: the text names no time and the source no date", None
        return _period("point", event, event), "period the report's date", None

    def time_named(
        self, sentence: tuple[int, int], c: Context | None = None, change: bool = False
    ) -> tuple[dict[str, object], str, tuple[int, int] | None] | None:
        """The time a sentence names (for a number in it, the year nearest before the number, or after
        it in its clause; "last year"), none if it names none. A year a change is compared with
        ("compared to 2023"; after a change, "from 2023") is not its time."""
        periods = self.sentence_words("periods", sentence).found
        compared = [f.end for f in self.sentence_words("compared", sentence).found]
        starts = [f for f in periods if f.key == "from"]
        if change and c is not None:
            compared += [f.end for f in starts if f.start >= c.number.end]
        # "from 2023" with no month between: the year a figure is compared with, not where it starts
        compared += [f.end for f in starts if re.match(r"\s{0,2}[0-9]{4}(?![0-9])", self.text[f.end : f.end + 8])]
        years = [
            y
            for y in self.year_numbers.starting_in(sentence[0], sentence[1])
            if not any(0 <= y.start - at <= NEAR for at in compared)
        ]
        # "approved in January 2022": a month's year dates an event, not a figure outside its clause,
        # unless it starts a span ("from July 2024").
        years = [
            y
            for y in years
            if not self.month_before(y)
            or (c is not None and c.clause[0] <= y.start < c.clause[1])
            or any(f.key == "from" and 0 <= self.month_before(y)[1] - f.end <= 20 for f in periods)
        ]
        if c is not None:
            before = [y for y in years if y.end <= c.number.start]
            after = [y for y in years if y.start >= c.number.end and y.end <= c.clause[1]]
            own = [y for y in years if c.clause[0] <= y.start < c.clause[1]]
            if own:  # the year of the figure's own clause ("… chạm mốc 90-200 tỷ USD vào năm 2030")
                year = min(own, key=lambda y: abs(y.start - c.number.start))
            else:
                year = before[-1] if before else (after[0] if after else None)
        else:
            year = years[-1] if years else None
        current = [f for f in periods if f.key == "current"]
        halves = [f for f in periods if f.key == "first_half"]
        last_year = [f for f in periods if f.key == "last_year" and not any(0 <= f.start - at <= 12 for at in compared)]
        if year is None and last_year and self.event_date is not None:
            y = self.event_date.year - 1
            return _period("year", date(y, 1, 1), date(y, 12, 31)), f"period {y}, {last_year[0].text!r}", None
        if year is None:
            if halves and self.event_date is not None:
                y = self.event_date.year
                return _period("half_year", date(y, 1, 1), date(y, 6, 30)), f"period the first half of {y}", None
            if current and self.event_date is not None:
                event = self.event_date
                return _period("point", event, event), f"period the report's date ({current[0].text!r})", None
            ends = [f for f in periods if f.key == "year_end" and "{n}" not in f.phrase]
            if ends and self.event_date is not None:  # "by the end of this year"
                y = self.event_date.year
                return _period("point", date(y, 12, 31), date(y, 12, 31)), f"period the end of {y}", None
            day = self.day_named(sentence, c)
            if day is not None:
                return _period("point", day[0], day[0]), f"period the day {day[0].isoformat()}", day[1]
            return None
        y, span = int(year.value), (year.start, year.end)
        near = [f for f in periods if f.start - 14 <= year.start <= f.end + 14]
        if any(f.key == "first_half" for f in near):
            return _period("half_year", date(y, 1, 1), date(y, 6, 30)), f"period the first half of {y}", span
        if any(f.key == "year_end" for f in near):
            return _period("point", date(y, 12, 31), date(y, 12, 31)), f"period the end of {y}", span
        named = self.month_before(year)
        month, at = named if named else (None, year.start)
        starts = any(f.key == "from" and f.end <= at and at - f.end <= 20 for f in periods)
        day = self.day_before(at) if month else None
        if month and day:
            try:
                when = date(y, month, day)
            except ValueError:
                when = None
            if when is not None and not starts:
                return _period("point", when, when), f"period the day {when.isoformat()}", span
        if month and starts:
            return (
                _period("span", date(y, month, 1), date(y, 12, 31)),
                f"period from month {month} of {y} to the year's end",
                span,
            )
        return _period("year", date(y, 1, 1), date(y, 12, 31)), f"period the year {y}", span

    def day_named(self, sentence: tuple[int, int], c: Context | None) -> tuple[date, tuple[int, int]] | None:
        """A day the sentence names before its figure: a date in figures ("30/6/2025") or a day and a
        month ("10 липня", in the report's year)."""
        limit = c.number.start if c is not None else sentence[1]
        written, named = self.days_named(sentence)
        for n, day in reversed(written):
            if n.start < limit:
                return day, (n.start, n.end)
        if self.event_date is None:
            return None
        for n, day in reversed(named):
            if n.start != limit:
                return day, (n.start, n.end)
        return None

    def days_named(self, sentence: tuple[int, int]) -> tuple[list[tuple[Number, date]], list[tuple[Number, date]]]:
        """The days a sentence names, in its order, read once per sentence: its dates in figures (day
        first, as these texts write them) and its days followed by a month, in the report's year."""
        if sentence in self.days:
            return self.days[sentence]
        written, named = [], []
        for n in self.numbers.starting_in(sentence[0], sentence[1]):
            if n.form == "date":
                parts = [int(x) for x in n.raw.split("/")]
                try:
                    written.append((n, date(parts[2], parts[1], parts[0])))
                except ValueError:
                    pass
            if self.event_date is None:
                continue
            month = self.month_after(n)
            if month and 1 <= n.value <= 31 and n.value == int(n.value):
                year = self.event_date.year
                try:
                    day = date(year, month, int(n.value))
                    if day > self.event_date:  # a day a report names without a year is one it has seen
                        day = date(year - 1, month, int(n.value))
                except ValueError:
                    continue
                named.append((n, day))
        self.days[sentence] = written, named
        return written, named

    def month_after(self, day: Number) -> int | None:
        """The month named right after a day ("10 липня", "6 February"), by its number."""
        if day.start not in self.months_after:
            after = self.text[day.end : day.end + 16]
            self.months_after[day.start] = next(
                (number for number, pattern in _month_after_patterns(self.language) if pattern.match(after)), None
            )
        return self.months_after[day.start]

    def month_before(self, year: Number) -> tuple[int, int] | None:
        """The month named right before a year ("July 2024", "tháng 7 năm 2024": one short word may
        stand between), and where its name starts; None if there is none."""
        if year.start not in self.months_before:
            self.months_before[year.start] = self.read_month_before(year)
        return self.months_before[year.start]

    def read_month_before(self, year: Number) -> tuple[int, int] | None:
        before = self.text[max(0, year.start - 20) : year.start]
        for number, names in enumerate(_months_by_number(self.language), start=1):
            for name in names:
                found = re.search(rf"(?<!\w){re.escape(name)}\s*(?:\w{{1,4}}\s+)?$", before, re.IGNORECASE)
                if found:
                    return number, year.start - len(before) + found.start()
        for word in self.numbered_months:  # "tháng 2 năm 2025": a month named by its number
            found = re.search(rf"(?<!\w){re.escape(word)}\s*([0-9]{{1,2}})\s*(?:\w{{1,4}}\s+)?$", before, re.I)
            if found and 1 <= int(found.group(1)) <= 12:
                return int(found.group(1)), year.start - len(before) + found.start()
        return None

    def day_before(self, at: int) -> int | None:
        """The day written right before a month's name ("6 February", "ngày 6 tháng 2"), if any."""
        days = [n for n in self.numbers.ending_in(at - 3, at) if n.form == "number" and 1 <= n.value <= 31]
        return int(days[-1].value) if days and days[-1].value == int(days[-1].value) else None

    def compared(self, c: Context, period: dict[str, object]) -> tuple[dict[str, object], str, tuple[int, int] | None]:
        """The period a change is compared with: a year after "compared to", a year's end, the same
        period of another year; else the same period a year before."""
        start, end = period.get("period_start"), period.get("period_end")
        starts = [f for f in c.after("periods") if f.key == "from"]  # "up 20 per cent from 2023"
        for found in c.after("compared") + starts or c.before("compared"):
            later = self.year_numbers.starting_in(found.start, found.end + 31)
            if not later:
                continue
            y = int(later[0].value)
            span = (found.start, later[0].end)
            words = self.text[found.start : later[0].end + 12]
            if any(
                f.key == "year_end"
                for f in find_words(self.language, "periods", self.text[found.start : later[0].end + 12])
            ):
                return (
                    {"compared_start": date(y, 12, 31), "compared_end": date(y, 12, 31)},
                    f"compared with the end of {y}",
                    span,
                )
            if (
                find_words(self.language, "compared", words)
                and any(f.key == "same_period" for f in find_words(self.language, "compared", words))
                and isinstance(start, date)
            ):
                return (
                    {"compared_start": _year_of(start, y), "compared_end": _year_of(end, y)},
                    f"compared with the same period of {y}",
                    span,
                )
            return {"compared_start": date(y, 1, 1), "compared_end": date(y, 12, 31)}, f"compared with {y}", span
        if isinstance(start, date) and isinstance(end, date):
            before = {"compared_start": _year_of(start, start.year - 1), "compared_end": _year_of(end, end.year - 1)}
            stated = [f for f in c.after("periods") if f.key == "last_year"]
            if stated:
                return before, f"compared with the year before ({stated[0].text!r})", (stated[0].start, stated[0].end)
            return before, "compared period not stated: the same period a year before (check it)", None
        return {}, "compared period not stated", None

    def quote(self, c: Context, spans: list[tuple[int, int]]) -> tuple[int, int]:
        """The shortest span of the sentence that holds the number and the words each field was read
        from, widened to whole words and to a few words of subject before a lone number."""
        start = min(s for s, _ in spans)
        end = max(e for _, e in spans)
        start, end = max(start, c.sentence[0]), min(end, c.sentence[1])
        # A quote covers every number in it: keep other figures out, so each is drafted and checked.
        own = {c.number.start, *(s for s, _ in spans)}
        read_in = [(s, e) for s, e in spans if (s, e) != (c.number.start, c.number.end)]

        def kept_in(m: Number) -> bool:  # a figure the fields were read from, not another one
            return m.start in own or any(s <= m.start < e for s, e in read_in)

        def other_before(at: int) -> Number | None:
            return self.figures.last_ending_by(at, c.sentence[0], kept_in)

        def other_from(at: int) -> Number | None:
            return self.figures.first_starting_from(at, c.sentence[1], kept_in)

        before, after = other_before(c.number.start), other_from(c.number.end)
        if before is not None and before.end > start:
            start = before.end
        if after is not None and after.start < end:
            end = after.start
        while start < c.number.start and not self.text[start].isalpha():  # not the edge of the figure cut off
            start += 1
        while end > c.number.end and not self.text[end - 1].isalpha():
            end -= 1
        per_word = 2 if language(self.language).syllabic else 1
        if end - start < 24:  # a bare number and unit: take its subject, the words around it in its clause
            other = other_before(start)
            words = _last_words(self.text, max(c.clause[0], other.end if other else c.clause[0]), start, 4 * per_word)
            if words:
                start = min(start, words[0].start())
        if end - start < 40:
            other = other_from(end)
            limit = min(c.clause[1], other.start if other else c.clause[1])
            words = list(islice(WORD.finditer(self.text, end, limit), 6 * per_word))
            if words:
                end = max(end, words[-1].end())
        return _whole_words(self.text, start, end, c.sentence)

    def exclusion_quote(self, c: Context) -> tuple[int, int]:
        """The number with a word on each side, within its sentence."""
        n = c.number
        before = _last_words(self.text, c.sentence[0], n.start, 1)
        after = WORD.search(self.text, n.end, c.sentence[1])
        start = before[-1].start() if before else n.start
        end = after.end() if after and after.start() - n.end <= 3 else n.end
        if self.text[n.end : n.end + 1] in ")]":
            end = max(end, n.end + 1)
        return _whole_words(self.text, start, end, c.sentence)


def _fields_key(decision: Decision) -> frozenset:
    """The fields of an observation but its indicator, as a key: observations `_alike` share it."""
    return frozenset((k, v) for k, v in decision.fields.items() if k != "indicator_id" and v is not None)


def _alike(first: Decision, second: Decision) -> bool:
    """Two observations alike in every field; two indicators both proposed as new count as one."""
    ignore = {"indicator_id"} if first.new_indicator or second.new_indicator else set()
    keys = (set(first.fields) | set(second.fields)) - ignore
    return all(first.fields.get(k) == second.fields.get(k) for k in keys)


def _joined_to(text: str, first: Number, second: Number) -> bool:
    """Whether two numbers are joined by a comma or one short word ("3 dan 4", "3 and 4", "3, 4")."""
    gap = text[first.end : second.start]
    return len(gap) <= 6 and re.fullmatch(r"\s*(?:,|\w{1,4})?\s*", gap) is not None


def _covers(text: str, quote: str, number: Number) -> bool:
    """Whether `quote` occurs in `text` at a place holding `number`."""
    at = text.find(quote, max(0, number.end - len(quote)))
    return 0 <= at <= number.start and at + len(quote) >= number.end


def _held(c: Context, word_class: str, key: str) -> bool:
    return any(f.key == key for f in c.holding(word_class))


def _said(c: Context, n: Number) -> str:
    """The words that hold a number, as the text writes them: the phrase of a language file that holds
    it ("Thứ 7", "lần thứ 3"), else the number with the word either side of it."""
    held = [f for word_class in ("units", "excluded") for f in c.holding(word_class)]
    if held:
        return c.text[min(f.start for f in held) : max(f.end for f in held)]
    before = _last_words(c.text, c.sentence[0], n.start, 1)
    after = WORD.search(c.text, n.end, min(c.sentence[1], n.end + 24))
    start = before[-1].start() if before and n.start - before[-1].end() <= 3 else n.start
    end = after.end() if after and after.start() - n.end <= 3 else n.end
    return c.text[start:end]


def _period(kind: str, start: date | None, end: date | None) -> dict[str, object]:
    return {"period_type": kind, "period_start": start, "period_end": end}


def _year_of(day: object, year: int) -> date | None:
    if not isinstance(day, date):
        return None
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _ascii(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode())


def _bounds(text: str, ends: re.Pattern[str], within: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The spans between the matches of `ends` (inside each span of `within`), trimmed of spaces."""
    outer = within or [(0, len(text))]
    found = []
    for left, right in outer:
        at = left
        for m in ends.finditer(text, left, right):
            found.append((at, m.start() if m.group().isspace() else m.end()))
            at = m.end()
        found.append((at, right))
    trimmed = []
    for start, end in found:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def _enclosing(spans: list[tuple[int, int]], starts: list[int], at: int) -> tuple[int, int]:
    """The span holding `at` (spans in order, none overlapping, `starts` their starts), else one character."""
    i = bisect_right(starts, at) - 1
    if i >= 0 and at < spans[i][1]:
        return spans[i]
    return at, at + 1


def _last_words(text: str, left: int, right: int, count: int) -> list[re.Match[str]]:
    """The last `count` words (WORD) of text[left:right], read back from `right` in growing windows rather
    than from `left`, which may be a long sentence away. A window starts where no word goes on across its
    edge, so its words are those a reading from `left` finds."""
    width = 64
    while True:
        start = max(left, right - width)
        while start > left and (text[start - 1].isalnum() or text[start - 1] in "_'’ʼ-"):
            start -= 1
        words = list(WORD.finditer(text, start, right))
        if len(words) >= count or start == left:
            return words[-count:] if count else []
        width *= 4


def _whole_words(text: str, start: int, end: int, within: tuple[int, int]) -> tuple[int, int]:
    while start > within[0] and (text[start - 1].isalnum() or text[start - 1] in "-_'’"):
        start -= 1
    while end < within[1] and (text[end].isalnum() or text[end] in "%"):
        end += 1
    while start < end and text[start] in " ,;:(\"'“”«»":
        start += 1
    while end > start and text[end - 1] in ' ,;:("“«':
        end -= 1
    return start, end


@cache
def _months_by_number(language: str) -> list[list[str]]:
    """The names of each month in this language, as Babel knows them (wide and abbreviated, as
    written in a date and standing alone)."""
    from babel.dates import get_month_names

    names: list[list[str]] = [[] for _ in range(12)]
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=language).items():
                for form in {name, name.rstrip(".")}:
                    if len(form) >= 3 and not any(ch.isdigit() for ch in form) and form not in names[number - 1]:
                        names[number - 1].append(form)
    return names


@cache
def _month_after_patterns(language: str) -> list[tuple[int, re.Pattern[str]]]:
    """Per month, by its number, a pattern of any of its names right after a day ("10 липня", "6 February"),
    not followed by a year."""
    return [
        (number, re.compile(rf"\s*(?:{'|'.join(map(re.escape, names))})(?!\w)(?!\s*[0-9]{{4}})", re.IGNORECASE))
        for number, names in enumerate(_months_by_number(language), start=1)
        if names
    ]


@cache
def _weekdays(language: str) -> tuple[str, ...]:
    """The names of the days of the week, as Babel knows them, where they hold no digit: some hold a
    number word ("Thứ Ba", Tuesday)."""
    from babel.dates import get_day_names

    names = get_day_names("wide", locale=language).values()
    return tuple(n for n in names if not any(ch.isdigit() for ch in n))


@cache
def _months(language: str) -> tuple[str, ...]:
    """Every month name, and in a language that names months by number ("tháng 7") the word before it."""
    from babel.dates import get_month_names

    names = {name for month in _months_by_number(language) for name in month}
    numbered = {re.sub(r"\s*\d+$", "", n).strip() for n in get_month_names("wide", "format", locale=language).values()}
    names |= {n for n in numbered if n and not any(ch.isdigit() for ch in n)}
    return tuple(sorted(names, key=len, reverse=True))


# --- Save ---------------------------------------------------------------------------------------


def _rows(
    project: Project, tables: dict[str, pd.DataFrame], source_id: str, text: str, decisions: list[Decision]
) -> Drafts:
    observation_fields = project.tables["observations"].field_names
    exclusion_fields = project.tables["exclusions"].field_names
    indicator_fields = project.tables["indicators"].field_names
    used_observations = _numbers_used(tables["observations"]["observation_id"], source_id, r"-([0-9]+)")
    used_exclusions = _numbers_used(tables["exclusions"]["exclusion_id"], source_id, r"-x([0-9]+)")
    observations, exclusions, indicators = [], [], {}
    for decision in sorted(decisions, key=lambda d: d.number.start):
        start, end = decision.quote or (decision.number.start, decision.number.end)
        quote = text[start:end]
        if decision.category is not None:
            used_exclusions += 1
            exclusions.append(
                {
                    "exclusion_id": f"{source_id}-x{used_exclusions:02d}",
                    "source_id": source_id,
                    "quote": quote,
                    "number": decision.number.raw,
                    "category": decision.category,
                    "reason": f"{DRAFT_MARK} {decision.reason}",
                }
            )
            continue
        used_observations += 1
        row = {name: "" for name in observation_fields}
        row.update({k: _cell(v) for k, v in decision.fields.items() if k in row})
        row.update(
            observation_id=f"{source_id}-{used_observations:02d}",
            source_id=source_id,
            quote=quote,
            note=f"{DRAFT_MARK} " + "; ".join(decision.why),
        )
        observations.append(row)
        if decision.new_indicator:
            indicators[decision.new_indicator["indicator_id"]] = decision.new_indicator
    return Drafts(
        source_id,
        pd.DataFrame(observations, columns=observation_fields, dtype=object),
        pd.DataFrame(exclusions, columns=exclusion_fields, dtype=object),
        pd.DataFrame(list(indicators.values()), columns=indicator_fields, dtype=object),
    )


def _numbers_used(ids: pd.Series, source_id: str, suffix: str) -> int:
    pattern = re.compile(re.escape(source_id) + suffix)
    found = [int(m.group(1)) for i in ids.dropna() if (m := pattern.fullmatch(str(i)))]
    return max(found, default=0)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.15g}" if value != int(value) or abs(value) >= 1e16 else str(int(value))
    return str(value)


def drafts_text(drafts: Drafts, written: list[Path]) -> str:
    """What was drafted, for the curator."""
    lines = [
        f"{drafts.source_id}: drafted {len(drafts.observations)} observation(s), {len(drafts.exclusions)} "
        f"exclusion(s), {len(drafts.indicators)} new indicator(s)"
    ]
    for row in drafts.observations.itertuples(index=False):
        lines.append(f"  {row.observation_id}: {row.indicator_id} {row.kind} {row.value} {row.unit} — {row.quote!r}")
    for row in drafts.exclusions.itertuples(index=False):
        lines.append(f"  {row.exclusion_id}: {row.number!r} {row.category} — {row.quote!r}")
    lines += [f"Wrote {path}" for path in written]
    if written and not drafts.empty:
        lines.append(
            f"Each row's note (an exclusion's reason) starts with {DRAFT_MARK}: review the row, correct it, and "
            "delete the mark; publish validate fails until every mark is gone."
        )
    return "\n".join(lines)
