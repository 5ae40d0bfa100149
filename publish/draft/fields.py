"""One function per field of a drafted observation: each returns what it read, the words it read it
from (their places in the text) and why, in words a reviewer checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import combinations

import pandas as pd

from publish.draft.exclusions import ranked
from publish.draft.figures import divided, figure_before, joined_to, whole_said_first
from publish.draft.indicators import (
    COMPATIBLE_UNITS,
    best_fitting,
    named_in_stretch,
    negation,
    propose,
    scored,
    subject_spans,
)
from publish.draft.periods import Period
from publish.draft.records import Drafting, ProposedIndicator
from publish.draft.text import REACH, WORD, Context, Number, enclosing, phrases_in
from publish.languages import language
from publish.languages.words import Found

UNIT_FOR_COUNTS = "count"


@dataclass
class Read:
    """A field as read: its value, the places of the words it was read from, and why."""

    value: object
    words: list[tuple[int, int]] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    parts: set[int] = field(default_factory=set)  # the numbers it takes as its part (a denominator), by start


@dataclass
class Indicator:
    """The indicator a figure is of, as chosen: None for none yet; the words that named it; a proposed
    one it shares with the figure before it."""

    indicator_id: str | None
    words_found: list[str]
    proposed: ProposedIndicator | None
    why: list[str]


def span(found: Found) -> tuple[int, int]:
    return found.start, found.end


def unit(c: Context) -> tuple[str, Found | None]:
    """The unit the words holding the number say ("{n}%", "{n} USD", "hạng {n}"), a rank word beside
    it, a ranking among the best, a unit its clause says without a number (a count per day, per 100
    inhabitants); else a count."""
    n = c.number
    held = c.holding("units")
    if held:
        preferred = sorted(held, key=lambda f: (-(f.end - f.start), f.start))[0]
        if preferred.key == "rank" and not ranked(c):
            return UNIT_FOR_COUNTS, None
        return preferred.key, preferred
    if n.percent:
        return "percent", None
    listed = unit_of_the_list(c)
    if listed is not None:
        return listed
    after = [f for f in c.after("ranking", reach=REACH["rank_after"]) if f.key == "rank"]
    if after and n.scale == 1:
        return "rank", after[0]
    # A place out of a whole written as a fraction, a rank word right before it: "ranked 58/120".
    before = [f for f in c.before("ranking", reach=REACH["rank_beside"], within_clause=True) if f.key == "rank"]
    if before and n.form == "fraction":
        return "rank", before[-1]
    beside = c.before("ranking", reach=REACH["top_before"]) + c.after(
        "ranking", reach=REACH["top_after"], within_clause=True
    )
    top = [f for f in beside if f.key == "top"]
    if top and n.scale == 1 and n.value == int(n.value) and n.value <= 100:
        return "rank", top[0]
    # A unit some words give anywhere in the clause: "… log-ins every day", "… per 100 inhabitants".
    in_clause = [f for f in c.words("units") if "{n}" not in f.phrase and c.clause[0] <= f.start < c.clause[1]]
    if in_clause and n.form != "date":
        return in_clause[0].key, in_clause[0]
    return UNIT_FOR_COUNTS, None


def change_words(c: Context) -> list[Found]:
    """The words of rising or falling that say the number is a change: right before it, or just
    after it ("на 14 ... більше")."""
    if any(f.key == "reached" for f in c.holding("changes")):
        return []  # "from 20% to 25%": the level reached
    before = [
        f for f in c.before("changes", reach=REACH["change_before"], within_clause=True) if f.key in ("up", "down")
    ]
    after = [
        f
        for f in c.after("changes", reach=REACH["change_after"], within_clause=True)
        if f.key in ("up", "down") and not c.doc.figures.first_starting_from(f.end, f.end + REACH["change_before"])
    ]  # not "… 101 thuê bao tăng 8%": a word of change right before another figure is that figure's
    kinds = [f for f in c.before("kinds", within_clause=True) if f.key in ("target", "estimate")]
    before = [f for f in before if not any(f.end <= k.start for k in kinds)]  # "cao hơn mục tiêu 10%"
    if before:
        return [before[-1]]
    if after and c.after("compared"):
        return [after[0]]
    return []


@dataclass
class Ceiling:
    """The words that open a qualifier of a ceiling ("top {n}"): a ranking word among them makes a rank
    a ceiling ("top 10")."""

    words: frozenset[str]

    @classmethod
    def of(cls, code: str) -> Ceiling:
        phrases = language(code).phrases("qualifiers").get("up_to", ())
        return cls(frozenset(p.split("{n}")[0].strip().lower() for p in phrases if "{n}" in p))


def qualifier(c: Context, unit_read: str) -> Read:
    """The qualifier the words holding the number give ("more than {n}"), not words of change; a rank
    after a ranking word that opens a ceiling is at best that rank ("top 10")."""
    said_change = c.before("changes", reach=REACH["change_before"], within_clause=True)
    found = [q for q in c.holding("qualifiers") if not any(q.start < f.end and f.start < q.end for f in said_change)]
    read = Read(found[0].key if found else "exact")
    if found:
        read.words.append(span(found[0]))
        read.why.append(f"qualifier {found[0].key} from {found[0].text!r}")
    ranking = c.before("ranking", reach=REACH["rank_beside"])
    if unit_read == "rank" and ranking and any(f.text.lower() in Ceiling.of(c.language).words for f in ranking):
        read.value = "up_to"
    return read


def joined_change(d: Drafting, c: Context) -> list[Found]:
    """The words of change of the change before the number in its clause, where the two percentages are
    joined by words with no verb of their own between them ("up 61% in number and 12% in value"): the
    number is a change by the same words; a verb linking it to a subject makes it a level ("down 5%,
    accounting for 30%" is a clause of its own)."""
    before = d.observations[-1] if d.observations else None
    if before is None or before.observation.kind != "change" or before.number.start < c.clause[0]:
        return []
    if not (before.number.percent and c.number.percent):
        return []
    between = range(before.number.end, c.number.start)
    words = c.words("subjects") + c.words("changes") + c.words("kinds") + c.words("compared")
    if any(f.start in between and f.key != "same_period" for f in words):
        return []
    return change_words(d.doc.context(before.number))


def clause_opens_with_change(c: Context, changes: list[Found]) -> bool:
    """Whether the number's clause opens with its words of change ("…25 tỷ USD, tăng 20%"): then it
    is the change of the figure the clause before it states."""
    return bool(changes) and not WORD.search(c.text, c.clause[0], changes[0].start)


def kind_said(c: Context) -> tuple[str, Found | None]:
    """A target or an estimate by the words before the number in its sentence, up to a word of contrast
    between them ("estimated at 15%, whereas last year gave 14%"); or by those before the first figure of
    the clauses its sentence lists after semicolons ("The plan aims at 90% …; 40% …")."""
    for key in ("target", "estimate"):
        said = [f for f in c.before("kinds") if f.key == key and reaches(c, f)]
        if said:
            return key, said[-1]
    lead = c.doc.lead_of(c.sentence)
    if lead != c.sentence:
        first = c.doc.figures.first_starting_from(lead[0], lead[1])
        opening = c.text[lead[0] : first.start if first is not None else lead[1]]
        for key in ("target", "estimate"):
            if any(f.key == key for f in phrases_in(c.language, "kinds", opening)):
                return key, None
    return "actual", None


def reaches(c: Context, said: Found) -> bool:
    """Whether a kind word before the number reaches it: no word of contrast stands between them."""
    return not any(f.key == "contrast" and said.end <= f.start < c.number.start for f in c.words("clauses"))


def kind(d: Drafting, c: Context, unit_read: str, unit_found: Found | None, changes: list[Found]) -> Read:
    """A baseline, a change (words of rising or falling, not a growth rate stated as a level, never an
    ordinal), else a target or estimate as the words say, else an actual value."""
    ordinal = unit_found is not None and unit_found.key == "rank" and "{n}" in unit_found.phrase
    growth = growth_words(c)
    compared = c.after("compared")
    if c.holding("kinds") and any(f.key == "baseline" for f in c.holding("kinds")) or from_to(c):
        return Read("baseline", why=["kind baseline: the earlier value a change is measured from"])
    rate = growth and not compared and unit_read in ("percent", "percent_change")
    if changes and not ordinal and (not rate or (clause_opens_with_change(c, changes) and figure_before(d, c))):
        return Read("change", [span(f) for f in changes], [f"kind change from {changes[0].text!r}"])
    key, said = kind_said(c)
    if said is None:
        return Read(key)
    return Read(key, [span(said)], [f"kind {key} from {said.text!r}"])


def from_to(c: Context) -> bool:
    """Whether the number is where a change starts: words of "from" right before it, and the level it
    reaches after it in its clause, its year between ("from $4 billion in 2019 to $7 billion", "từ
    4% năm 2020 lên 6%")."""
    starts = [f for f in c.before("periods", within_clause=True) if f.key == "from"]
    if not starts or WORD.search(c.text, starts[-1].end, c.number.start):
        return False
    after = c.doc.figures.first_starting_from(c.number.end, c.clause[1])
    return after is not None and reaching(c.language, c.text[c.number.end : after.start])


@cache
def reaching_words(code: str) -> re.Pattern[str]:
    """The words of the language's phrases of a level reached ("to {n}", "lên {n}") before their number."""
    words = {p.split("{n}")[0].strip() for p in language(code).phrases("changes").get("reached", ()) if "{n}" in p}
    body = "|".join(sorted((re.escape(w) for w in words if w), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})\W*$", re.IGNORECASE) if body else re.compile(r"(?!)")


def reaching(code: str, between: str) -> bool:
    """Whether the words before a figure say it is the level reached ("… to $23 billion")."""
    return reaching_words(code).search(between) is not None


def growth_words(c: Context) -> list[Found]:
    """The words of a growth rate before the number in its clause ("tốc độ tăng trưởng")."""
    return [f for f in c.before("growth", within_clause=True, reach=REACH["growth_before"]) if f.key == "rate"]


def growth_rate(c: Context, kind_read: str, unit_read: str) -> Read:
    """A percentage named a growth rate is a percent change, unless it is the change of a level or a
    share of a whole its words name ("18,3% GDP", "18.3% of GDP": a share, whatever grows around it)."""
    growth = growth_words(c)
    if growth and kind_read != "change" and unit_read == "percent" and not c.held("growth", "share_of"):
        return Read("percent_change", why=[f"unit percent_change: a growth rate ({growth[-1].text!r})"])
    return Read(unit_read)


def indicator(d: Drafting, c: Context, unit_read: str, kind_read: str, changes: list[Found]) -> Indicator:
    """The indicator whose words weigh most near the number, unless a negation turns its subject
    around; a change (or its baseline, or a level reached) whose own words name none is of the figure
    before it."""
    chosen, _, words_found = best_fitting(d, c, unit_read, kind_read == "change")
    read = Indicator(chosen, words_found, None, [])
    negated = negation(d, c)
    if chosen is not None and negated is not None:  # "14 bộ chưa kết nối": not the indicator's subject
        read.why.append(f"not {chosen}: its subject is turned around by {negated.text!r}")
        read.indicator_id, read.words_found = None, []
    reached = any(f.key == "reached" for f in c.holding("changes"))  # "từ 24% lên 29%": the same subject
    level = figure_before(d, c) if kind_read in ("change", "baseline") or reached else None
    if level is not None and (not named_in_stretch(d, c) or clause_opens_with_change(c, changes)):
        # "25 billion USD, up about 20%": a change whose own words name nothing is of the figure before it.
        read.indicator_id, read.words_found = level.observation.indicator_id, []
        read.proposed = level.new_indicator or None
        read.why.append(f"indicator of the figure before it ({level.number.raw!r}), whose change it states")
    return read


def change_type(d: Drafting, c: Context, unit_read: str, indicator_unit: object) -> Read:
    """A change's unit and type, as (unit, type): percentage points of a share, a percent change, a
    multiple, or a difference in the indicator's unit."""
    if unit_read in ("percent", "percent_change"):
        # A change written "%" is in points only where the text's own figures show it; else as written.
        shown = points_shown(d, c) if unit_read == "percent" else None
        units = ("percentage_point", "percentage_points") if shown else ("percent_change", "percent_change")
        if unit_read == "percent":
            said = f"{shown[0].raw} and {shown[1].raw} differ by it" if shown else "as written: no shares differ by it"
            return Read(units, why=[f"change type {units[1]}, {said}"])
    elif unit_read == "percentage_point":
        units = (unit_read, "percentage_points")
    elif unit_read == "times":
        units = (unit_read, "multiple")
    else:
        same = indicator_unit == unit_read or indicator_unit in COMPATIBLE_UNITS.get(unit_read, ())
        units = ((indicator_unit if same else unit_read), "absolute_difference")
    return Read(units, why=[f"change type {units[1]}"])


def points_shown(d: Drafting, c: Context) -> tuple[Number, Number] | None:
    """The two shares whose difference shows a change written "%" to be a difference of shares in
    percentage points: two other percentages of its sentence, or of its sentence and its level (the
    figure before it), differ by it ("84% (3.2% more than at the end of 2023, when it was 80.8%)").
    Where none do (None), the change is a percent change, as written ("62.4%, up 2.75%")."""
    n = c.number
    shares = [m for m in c.doc.figures.starting_in(*c.sentence) if m.percent and m.start != n.start]
    level = figure_before(d, c)
    if level is not None and level.number.percent and level.number not in shares:
        shares.append(level.number)
    half_step = 10.0**-n.decimals / 2 + 1e-9
    for a, b in combinations(shares, 2):
        if abs(abs(a.value - b.value) - abs(n.value)) <= half_step:
            return a, b
    return None


def named(d: Drafting, c: Context, chosen: Indicator, unit_read: str, kind_read: str, indicator_unit: object) -> Read:
    """The indicator named: the one chosen by its words (its subject then quoted, its unit where the
    words say no more), the figure before it's, or a new one proposed; and the other candidates.
    Its value is (indicator id, proposed indicator or None, unit)."""
    indicator_id, proposed, read = chosen.indicator_id, chosen.proposed, Read(None)
    if indicator_id is None:
        proposed = propose(d, c, unit_read)
        indicator_id = proposed.indicator_id
        read.why.append(f"NEW indicator {indicator_id}: no indicator's words are near the number; name and define it")
    elif chosen.words_found:
        shown = ", ".join(repr(w) for w in chosen.words_found[:3])
        read.why.append(f"indicator {indicator_id} from {shown}")
        read.words += subject_spans(d, c, indicator_id)
        share = c.held("growth", "share_of")  # "18% of GDP": a share, whatever the indicator's unit
        if kind_read != "change" and not share and indicator_unit in COMPATIBLE_UNITS.get(unit_read, ()):
            read.why.append(f"unit {indicator_unit}, the indicator's: the words say no more than {unit_read}")
            unit_read = indicator_unit
    others = [other for other, _, _ in scored(d, c) if other != indicator_id][:3]
    if others:  # the reviewer's alternatives: indicators whose words stand in the sentence too
        read.why.append(f"other indicators: {', '.join(others)}")
    read.value = (indicator_id, proposed, unit_read)
    return read


def value(c: Context, kind_read: str, changes: list[Found], unit_read: str) -> Read:
    """The number scaled to base units; a change's sign by its words (a rank that rises falls in number)."""
    n = c.number
    amount, upper = n.value * n.scale, n.upper * n.scale
    falls = bool(changes) and changes[0].key == "down"
    if kind_read == "change" and falls != (unit_read == "rank"):
        amount = -amount  # a falling value; a rank that rises is a smaller rank number
    why = [f"value {n.raw} scaled by ×{n.scale:,.0f}"] if n.scale != 1 else []
    return Read((amount, None if pd.isna(upper) else upper), why=why)


def denominator(c: Context) -> Read:
    """The whole the number is out of: a fraction's, a whole said first, a whole after "out of"; its
    part is where the number it takes as the whole starts."""
    n = c.number
    if n.form == "fraction" and not pd.isna(n.denominator):
        return Read(n.denominator, why=[f"denominator {n.denominator:,.10g}"])
    whole = c.doc.figures.last_ending_by(n.start, c.sentence[0])
    if whole is not None and divided(c.doc, whole) == n:
        phrase = whole_said_first(c.doc.context(whole))[0]
        amount = whole.value * whole.scale
        return Read(amount, [(phrase.start, phrase.end)], [f"denominator {amount:,.10g}"], {whole.start})
    for found in [f for f in c.after("out_of", reach=REACH["out_of_after"]) if f.key == "of"]:
        after = c.doc.numbers.starting_in(max(found.start, n.start + 1), found.end)
        inside = [m for m in after if m.end <= found.end]
        if inside:
            amount = inside[0].value * inside[0].scale
            return Read(amount, [(found.start, found.end)], [f"denominator {amount:,.10g}"], {inside[0].start})
    return Read(None)


def departure(c: Context) -> Read:
    """A number written as a word is spelled out."""
    if c.number.form == "word":
        return Read("spelled_out", why=[f"departure spelled_out: the number is written as the word {c.number.raw!r}"])
    return Read(None)


def dated_kind(c: Context, kind_read: str, period_read: Period) -> Read:
    """A value its words date after the report is no actual value: a plan where a deadline holds its
    year ("by 2030", "đến năm 2030", "d'ici 2030", "by the end of 2030"), else an estimate, unless its
    period is a part of a year under way at the report (an actual to date); a period ending after the
    report is not by itself a target."""
    ends, event = period_read.ends, c.doc.event_date
    begun = period_read.cells.get("period_start")
    later = isinstance(ends, date) and event is not None and ends > event
    if kind_read != "actual" or period_read.words is None or not later:
        return Read(kind_read)
    if isinstance(begun, date) and begun <= event and begun.year == ends.year and not deadline(c, period_read):
        return Read(kind_read)  # a year under way at the report ("in 2025", "in the third quarter"): to date
    held = deadline(c, period_read)
    if held:
        return Read("target", why=[f"kind target: a deadline after the report's date ({held[0].text!r})"])
    return Read(
        "estimate", why=["kind estimate: its period ends after the report's date, and no deadline makes it a plan"]
    )


def deadline(c: Context, period_read: Period) -> list[Found]:
    """The words of a deadline that hold the period's words ("by 2030", "đến năm 2030", "by the end of
    2030"), in the figure's sentence or in the clause that opens the list it belongs to."""
    at = period_read.words[0]
    sentence = enclosing(c.doc.sentences, c.doc.sentence_starts, at)
    found = c.doc.sentence_words("periods", sentence).found
    return [f for f in found if f.start <= at < f.end and f.key in ("deadline", "year_end")]


def unit_of_the_list(c: Context) -> tuple[str, Found | None] | None:
    """A figure of a list takes the unit said after the list's last figure ("31.4 and 28.9 points",
    "41,2 et 37,5 points", "96, 85 and 85 percent"): the figures joined to it after it, in its sentence,
    are read until one is held by a unit's words or a percent sign. The unit's words are then those from
    the figure through the unit, so its quote holds the list as a reader reads it (and as validation
    proves a percent of a list). None where no such figure follows."""
    memo, current, walked = c.doc.memo, c.number, []
    while ("list unit", current.start) not in memo:
        walked.append(current.start)
        following = c.doc.numbers.first_starting_from(current.end, c.sentence[1])
        if following is None or not joined_to(c.text, current, following):
            found = None
            break
        held = c.doc.context(following).holding("units")
        if held or following.percent:
            found = held[0] if held else Found("percent", "{n}%", following.start, following.end, following.raw)
            break
        current = following
    else:
        found = memo[("list unit", current.start)]
    for start in walked:  # every figure walked past shares the answer: a long list is read once
        memo[("list unit", start)] = found
    if found is None:
        return None
    start = c.number.start
    return found.key, Found(found.key, found.phrase, start, found.end, c.text[start : found.end])


def unit_why(unit_read: str, unit_found: Found | None) -> str:
    if unit_found is not None:
        return f"unit {unit_read} from {unit_found.text!r}"
    return f"unit {unit_read}: no unit word, a count"


def quoted_period(c: Context, period_read: Period) -> list[tuple[int, int]]:
    """A period named near its figure is part of the figure's quote."""
    words = period_read.words
    return [words] if words is not None and abs(words[0] - c.number.start) < REACH["period_subject"] else []
