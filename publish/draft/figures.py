"""What links the figures of a text: a whole said before the figure it divides, a change of the
figure said before it, a number joined to an excluded one, and a figure the text restates."""

from __future__ import annotations

import re

from publish.draft.records import Drafted, Drafting
from publish.draft.text import WORD, Context, Number, Text, whole_words
from publish.languages import language

# The exclusions a number joined to an excluded one shares ("levels 3 and 4", "6 and 7 February").
JOINED_CATEGORIES = ("name", "date", "period", "ordinal", "page")
# How far two statements of one figure are compared, character by character, either side of it.
RESTATED_REACH = 200


def whole_said_first(c: Context) -> list:
    """The phrases that make this number the whole of a figure said after it ("trong tổng số {n}"),
    where they open the number's clause."""
    first = language(c.language).phrases("out_of").get("of_before", ())
    # Only where the phrase opens its clause: after another figure "dari 193" is that figure's whole.
    return [f for f in c.holding("out_of") if f.phrase in first and not WORD.search(c.text, c.clause[0], f.start)]


def divided(doc: Text, number: Number) -> Number | None:
    """The figure after this number that it is the whole of, where the text says the whole first
    ("Trong tổng số 1.203 nhiệm vụ, … đã hoàn thành 1.056"): the next figure in its sentence, no
    larger than it."""
    c = doc.context(number)
    if not whole_said_first(c):
        return None
    later = doc.figures.first_starting_from(number.end, c.sentence[1])
    if later is not None and later.value * later.scale <= number.value * number.scale and not later.percent:
        return later
    return None


def figure_before(d: Drafting, c: Context) -> Drafted | None:
    """The observation drafted just before this number, in its sentence or the one before (for a
    baseline, "when it was 79.6%", the change it is the base of)."""
    previous = d.observations[-1] if d.observations else None
    if previous is None:
        return None
    if previous.number.start >= c.sentence[0]:
        return previous
    at = d.doc.sentence_at.get(c.sentence, -1)
    baseline = c.holding("kinds") and any(f.key == "baseline" for f in c.holding("kinds"))
    if baseline and at > 0 and previous.number.start >= d.doc.sentences[at - 1][0]:
        return previous
    return None


def joined_to(text: str, first: Number, second: Number) -> bool:
    """Whether two numbers are joined by a comma or one short word ("3 dan 4", "3 and 4", "3, 4")."""
    gap = text[first.end : second.start]
    return len(gap) <= 6 and re.fullmatch(r"\s*(?:,|\w{1,4})?\s*", gap) is not None


def joined_exclusion(d: Drafting, drafted: Drafted) -> Drafted | None:
    """A small plain number joined to the excluded number before it ("levels 3 and 4", "6 and 7
    February"; not "Project 06, 1,056"), excluded alike; None for any other."""
    previous = d.decided[-1] if d.decided else None
    number = drafted.number
    if (
        drafted.excluded
        or previous is None
        or previous.category not in JOINED_CATEGORIES
        or not joined_to(d.doc.text, previous.number, number)
        or number.scale != 1
        or number.value >= 100
        or number.percent
        or d.doc.context(number).holding("units")
    ):
        return None
    return Drafted(
        number,
        previous.category,
        f"joined to {previous.number.raw!r}, {previous.reason}",
        quote=(previous.quote[0], max(previous.quote[1], number.end)),
    )


def skip_wholes_said_first(d: Drafting) -> None:
    """A whole said before the figure it divides is part of that figure, no row of its own."""
    d.skipped |= {n.start for n in d.uncovered if divided(d.doc, n) is not None}


def alike(first: Drafted, second: Drafted) -> bool:
    """Two observations alike in every field; two indicators both proposed as new count as one."""
    ignore_indicator = bool(first.new_indicator or second.new_indicator)
    a, b = first.observation.cells(), second.observation.cells()
    keys = (set(a) | set(b)) - ({"indicator_id"} if ignore_indicator else set())
    return all(a.get(k) == b.get(k) for k in keys)


def covers(text: str, quote: str, number: Number) -> bool:
    """Whether `quote` occurs in `text` at a place holding `number`."""
    at = text.find(quote, max(0, number.end - len(quote)))
    return 0 <= at <= number.start and at + len(quote) >= number.end


def shared_words(text: str, first: Drafted, second: Drafted) -> tuple[int, int]:
    """The longest words around the first number that stand around the second too (the same
    figure in a lead and its body), if they hold what its fields were read from; else nothing."""
    a, b = first.number, second.number
    if a.raw != b.raw or first.core is None:
        return (a.start, a.start)
    left = 0
    while left < a.start and text[a.start - left - 1] == text[b.start - left - 1] and left < RESTATED_REACH:
        left += 1
    right, length = 0, len(text)
    while b.end + right < length and text[a.end + right] == text[b.end + right] and right < RESTATED_REACH:
        right += 1
    start, end = whole_words(text, a.start - left, a.end + right, (a.start - left, a.end + right))
    if start <= first.core[0] and first.core[1] <= end:
        return start, end
    return (a.start, a.start)


def restates(text: str, earlier: Drafted, drafted: Drafted) -> bool:
    """Whether `drafted` restates `earlier` (every field alike) in words that stand at both places: then
    the earlier observation's quote is narrowed to them and takes the indicator the words name."""
    if earlier.excluded or not alike(earlier, drafted):
        return False
    # One existing indicator (or one of the two new): the subject's words need not repeat.
    same_subject = not (drafted.new_indicator and earlier.new_indicator)
    candidates = (earlier.quote, drafted.quote, *((earlier.core, drafted.core) if same_subject else ()))
    for start, end in [*candidates, shared_words(text, earlier, drafted)]:
        quote = text[start:end]
        if covers(text, quote, earlier.number) and covers(text, quote, drafted.number):
            earlier.quote = (start, end)
            earlier.why.append("the text states it twice; the quote stands at both places")
            if earlier.new_indicator and not drafted.new_indicator:  # the one the words name
                earlier.observation.indicator_id = drafted.observation.indicator_id
                earlier.new_indicator = None
            return True
    return False


def merge_restated(d: Drafting) -> None:
    """A figure the text states twice (a lead and its body) is one observation whose quote stands at
    both places: each observation is compared with the earlier ones of the same fields, in text order."""
    kept: list[Drafted] = []
    by_fields: dict[frozenset, list[Drafted]] = {}
    for drafted in d.decided:
        if not drafted.excluded:
            earlier = by_fields.setdefault(drafted.observation.key(), [])
            if any(restates(d.doc.text, first, drafted) for first in earlier):
                continue
            earlier.append(drafted)
        kept.append(drafted)
    d.decided = kept


def drop_taken_parts(d: Drafting) -> None:
    """A number an observation takes as its part (its denominator) is no exclusion of its own."""
    d.decided = [x for x in d.decided if x.number.start not in d.taken or not x.excluded]
