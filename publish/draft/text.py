"""The text read once: its sentences and clauses, its numbers, and the phrases of the language's
word classes and of the indicators found per sentence, at their places in the text.

Every rule of drafting reads a number through its `Context`: the number, the sentence and clause
it stands in, and what the language files find there (`holding`, `before`, `after`). How far a rule
looks from a number is named in `REACH`, one table, so that no rule hides a distance of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property

from publish.languages.words import Found, find_words
from publish.reading import SENTENCE_END as SENTENCE_END_EVERYWHERE

# Where a sentence ends: a stop or semicolon and a space (not "4.475" or "18,3"), or a line break. A
# semicolon ends a sentence here: reports list their figures as clauses joined by semicolons.
SENTENCE_END = re.compile(r"[.!?…;](?=\s)|\n")
# Where a sentence ends with a full stop (semicolons joining its clauses): as everywhere else it is read.
FULL_SENTENCE_END = SENTENCE_END_EVERYWHERE
# A line ending no sentence and shorter than this (in characters) is a heading or a caption.
HEADING = 120
# Where a clause ends inside a sentence: a comma, semicolon or colon before a space, a bracket, a dash.
CLAUSE_END = re.compile(r"[,;:](?=\s)|[()\[\]]|\s[–—-]\s")
WORD = re.compile(r"[^\W_][\w'’ʼ-]*")
# A year the reports can speak of.
YEARS = (1945, 2100)

# How far each rule reads from a number, in characters of the text: one table, each distance named
# by what it reaches.
REACH = {
    "near": 40,  # an indicator's words weigh less the further they stand; a negation turns a subject
    "lead": 40,  # how far into the first clause of a sentence its words of kind or time frame the rest
    "change_before": 25,  # words of rising or falling before a change ("tăng 20%")
    "change_after": 45,  # … or after it ("на 14 … більше")
    "growth_before": 60,  # a growth rate named before its figure
    "rank_beside": 12,  # a rank word beside an ordinal ("71st place", "peringkat ke-71")
    "rank_after": 3,  # a rank word right after a number ("71 place")
    "top_before": 8,  # "top 10"
    "top_after": 60,  # "the 10 fastest-growing"
    "out_of_after": 25,  # the whole after a number ("71 out of 193")
    "out_of_beside": 8,  # "71e sur 193": the whole that makes an ordinal a rank
    "period_subject": 60,  # a period named this near a figure is part of its quote
    "subject": 60,  # the words of a proposed indicator's subject, either side of its figure
    "converted": 30,  # the amount an amount in brackets converts ends this far before the bracket
    "compared_year": 31,  # the year after "compared with"
    "compared_words": 12,  # "last year" right after a word of comparing compares, it does not date
    "month_year": 20,  # a month's name before its year ("tháng 2 năm 2025")
    "month_word": 12,  # the words before a month that frame it ("tính đến hết tháng 6/2025", "in April 2025")
    "half_year": 14,  # "first half" beside its year
    "from_month": 20,  # "from July 2024": a span starting at the month
    "day_before_month": 3,  # the day right before a month's name
    "bare_quote": 24,  # a quote shorter than this takes a few words of subject before its number
    "short_quote": 40,  # … and shorter than this a few after it
    "exclusion_word": 3,  # the word after an excluded number is part of its quote when this near
    "lists_items": 80,  # a colon this far after a small number lists the items it counts
    "listing_word": 24,  # a word introducing a list's items this near after a small count ("2 dự án gồm")
    "document_words": 40,  # a document's name this far before its number ("Decree No. 13")
    "known_before": 2,  # "the" right before a count written out: things the text names ("the two projects")
    "bracket_close": 24,  # a figure alone in brackets closes them this near after it ("(17.2 million households)")
}


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

    @cached_property
    def is_year_span(self) -> bool:
        """A span of years written as a range ("2020 - 2024", "2016-2020"): a time, no figure."""
        return (
            self.form == "range"
            and all(v == int(v) and YEARS[0] <= v <= YEARS[1] for v in (self.value, self.upper))
            and self.value < self.upper
            and self.scale == 1
            and not self.percent
        )


def number_of(row) -> Number:
    """A number of the parser's table (publish.checks.coverage.classify_numbers) as drafting reads it."""
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


@dataclass
class Text:
    """One text as drafting reads it: its sentences (semicolons end one), its full sentences, its
    clauses, its numbers and what is read of them once however often the rules ask."""

    text: str
    language: str
    event_date: date | None
    every: list[Number]
    sentences: list[tuple[int, int]] = field(init=False)
    full_sentences: list[tuple[int, int]] = field(init=False)
    clauses: list[tuple[int, int]] = field(init=False)
    memo: dict = field(init=False, default_factory=dict)  # a rule's readings, by the rule and what it read

    def __post_init__(self) -> None:
        self.sentences = bounds(self.text, SENTENCE_END)
        self.full_sentences = bounds(self.text, FULL_SENTENCE_END)
        self.clauses = bounds(self.text, CLAUSE_END, within=self.sentences)
        self.sentence_starts, self.clause_starts, self.full_starts = (
            [start for start, _ in spans] for spans in (self.sentences, self.clauses, self.full_sentences)
        )
        self.sentence_at = {sentence: at for at, sentence in enumerate(self.sentences)}
        self.numbers = Numbers(self.every)
        self.year_numbers = Numbers([n for n in self.every if n.is_year])
        self.year_spans = Numbers([n for n in self.every if n.is_year_span])
        # The figures that bound another's stretch and quote: not years, spans of years nor dates, which
        # date a figure.
        self.figures = Numbers([n for n in self.every if not (n.is_year or n.is_year_span) and n.form != "date"])
        self.months = months(self.language)
        self.numbered_months = set(self.months) - {m for names in months_by_number(self.language) for m in names}
        self.weekdays = [
            m.span()
            for name in weekdays(self.language)
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text)  # as written: "thứ ba" is "third"
        ]

    def context(self, number: Number) -> Context:
        return Context(
            self,
            number,
            enclosing(self.sentences, self.sentence_starts, number.start),
            enclosing(self.clauses, self.clause_starts, number.start),
        )

    def sentence_words(self, word_class: str, sentence: tuple[int, int]) -> SentenceWords:
        """The phrases of a class in a sentence, at their places in the text: found once per sentence."""
        key = ("words", word_class, sentence)
        if key not in self.memo:
            shift = sentence[0]
            found = find_words(self.language, word_class, self.text[sentence[0] : sentence[1]])
            shifted = [Found(f.key, f.phrase, f.start + shift, f.end + shift, f.text) for f in found]
            if word_class == "changes":  # a word of change inside a qualifier's words is the qualifier's ("up to")
                held = [q for q in self.sentence_words("qualifiers", sentence).found if "{n}" in q.phrase]
                shifted = [f for f in shifted if not any(q.start <= f.start and f.end <= q.end for q in held)]
            self.memo[key] = SentenceWords(shifted)
        return self.memo[key]

    @cached_property
    def opening(self) -> int:
        """Where the text's opening (its title lines and lead) ends: read once (`opening_end`)."""
        return opening_end(self.text)

    def lead_of(self, sentence: tuple[int, int]) -> tuple[int, int]:
        """The first of the clauses joined by semicolons into one sentence with this one."""
        full = enclosing(self.full_sentences, self.full_starts, sentence[0])
        first = bisect_left(self.sentence_starts, full[0])
        return self.sentences[first] if first < len(self.sentences) else sentence

    def stretch(self, c: Context) -> tuple[int, int]:
        """The part of the sentence between the figures either side of this one (not years or dates),
        or the sentence's ends."""
        key = ("stretch", c.number.start)
        if key in self.memo:
            return self.memo[key]
        own_parts = [(f.start, f.end) for f in c.after("out_of", reach=REACH["out_of_after"])]  # "71st out of 193"

        def own(m: Number) -> bool:
            return m.start == c.number.start or any(start <= m.start < end for start, end in own_parts)

        # Years and dates are no figures: a year dates the figure beside it ("the share in 2024 reached 18.3%").
        before = self.figures.last_ending_by(c.number.start, c.sentence[0], own)
        after = self.figures.first_starting_from(c.number.end, c.sentence[1], own)
        stretch = (before.end if before else c.sentence[0]), (after.start if after else c.sentence[1])
        self.memo[key] = stretch
        return stretch


@dataclass
class Context:
    """One number in its text: the sentence and clause it stands in, and what the language files find there."""

    doc: Text
    number: Number
    sentence: tuple[int, int]
    clause: tuple[int, int]

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def language(self) -> str:
        return self.doc.language

    def found(self, word_class: str) -> SentenceWords:
        return self.doc.sentence_words(word_class, self.sentence)

    def words(self, word_class: str) -> list[Found]:
        """The phrases of a class in the sentence, at their places in the text."""
        return self.found(word_class).found

    def holding(self, word_class: str) -> list[Found]:
        """The phrases of a class whose words hold this number ("more than {n}", "{n} USD")."""
        held = self.found(word_class).at(self.number.start)
        return [held] if held is not None and "{n}" in held.phrase else []

    def held(self, word_class: str, key: str) -> bool:
        """Whether a phrase of this key of the class holds the number."""
        return any(f.key == key for f in self.holding(word_class))

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


@cache
def phrases_in(language: str, word_class: str, words: str) -> list[Found]:
    """The phrases of a class in a piece of text, found once per piece."""
    return find_words(language, word_class, words)


def bounds(text: str, ends: re.Pattern[str], within: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
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


def enclosing(spans: list[tuple[int, int]], starts: list[int], at: int) -> tuple[int, int]:
    """The span holding `at` (spans in order, none overlapping, `starts` their starts), else one character."""
    i = bisect_right(starts, at) - 1
    if i >= 0 and at < spans[i][1]:
        return spans[i]
    return at, at + 1


def last_words(text: str, left: int, right: int, count: int) -> list[re.Match[str]]:
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


def whole_words(text: str, start: int, end: int, within: tuple[int, int]) -> tuple[int, int]:
    """A span widened to whole words within `within`, without the punctuation at its edges."""
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
def months_by_number(language: str) -> list[list[str]]:
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
def weekdays(language: str) -> tuple[str, ...]:
    """The names of the days of the week, as Babel knows them, where they hold no digit: some hold a
    number word ("Thứ Ba", Tuesday)."""
    from babel.dates import get_day_names

    names = get_day_names("wide", locale=language).values()
    return tuple(n for n in names if not any(ch.isdigit() for ch in n))


@cache
def months(language: str) -> tuple[str, ...]:
    """Every month name, and in a language that names months by number ("tháng 7") the word before it."""
    from babel.dates import get_month_names

    names = {name for month in months_by_number(language) for name in month}
    numbered = {re.sub(r"\s*\d+$", "", n).strip() for n in get_month_names("wide", "format", locale=language).values()}
    names |= {n for n in numbered if n and not any(ch.isdigit() for ch in n)}
    return tuple(sorted(names, key=len, reverse=True))


def opening_end(text: str) -> int:
    """Where a text's opening ends: its title lines and its first paragraph (the lead), which restate
    what its body says."""
    at = 0
    for line in text.split("\n"):
        at += len(line) + 1
        if len(line.strip()) >= HEADING:
            return at
    return at
