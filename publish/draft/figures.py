"""What links the figures of a text: a whole said before the figure it divides, a change of the
figure said before it, a number joined to an excluded one, and a figure the text restates."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from publish.draft.records import Drafted, Drafting
from publish.draft.text import HEADING, REACH, WORD, Context, Number, Text, phrases_in, whole_words
from publish.languages import language
from publish.reading import joined
from publish.rules import DRAFT_MARK

# The exclusions a number joined to an excluded one shares ("levels 3 and 4", "6 and 7 February",
# "at the ages of 14, 35 and 70").
JOINED_CATEGORIES = ("name", "date", "period", "ordinal", "page", "other")
# How far two statements of one figure are compared, character by character, either side of it.
RESTATED_REACH = 200
# The word classes whose words say how a figure is stated, not what it is of.
HOW_STATED = (
    *("qualifiers", "kinds", "changes", "compared", "periods", "units"),
    *("growth", "out_of", "ranking", "subjects", "clauses"),
)


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
    baseline, "when it was 79.6%", the change it is the base of); past a figure in brackets that
    restates the one before it in another unit ("68.4% (17.2 million households), up 6%": the change
    is of the share)."""
    previous = d.observations[-1] if d.observations else None
    if previous is None:
        return None
    if len(d.observations) > 1 and bracketed(d.doc, previous.number, d.observations[-2].number):
        previous = d.observations[-2]
    if previous.number.start >= c.sentence[0]:
        return previous
    at = d.doc.sentence_at.get(c.sentence, -1)
    baseline = c.holding("kinds") and any(f.key == "baseline" for f in c.holding("kinds"))
    if baseline and at > 0 and previous.number.start >= d.doc.sentences[at - 1][0]:
        return previous
    return None


def bracketed(doc: Text, number: Number, before: Number) -> bool:
    """Whether a number stands alone in brackets opened right after the figure before it."""
    opening = doc.context(number).clause[0] - 1
    return (
        opening >= 0
        and doc.text[opening] == "("
        and before.end <= opening
        and not doc.text[before.end : opening].strip()
        and ")" in doc.text[number.end : number.end + REACH["bracket_close"]]
    )


def joined_to(text: str, first: Number, second: Number) -> bool:
    """Whether two numbers are joined by a comma or one short word, or both ("3 dan 4", "3 and 4", "3, 4",
    "40, and 60")."""
    return joined(text[first.end : second.start])


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


def shared_words(doc: Text, first: Drafted, second: Drafted) -> tuple[int, int]:
    """The longest words around the first number that stand around the second too (the same
    figure in a lead and its body), if they hold what its fields were read from; else nothing."""
    text = doc.text
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
    if start <= first.core[0] and first.core[1] <= end and says_its_subject(doc, (start, end), first, second):
        return start, end
    return (a.start, a.start)


def says_its_subject(doc: Text, span: tuple[int, int], first: Drafted, second: Drafted) -> bool:
    """Whether the words shared by two statements say more than the figure's own words (`says_more`),
    standing as whole words at the second place too ("households with fibre reached 85%", not "…s over
    30%", which two subjects end alike)."""
    text, start = doc.text, span[0]
    shift = second.number.start - first.number.start
    if start + shift > 0 and (text[start + shift - 1].isalnum() or text[start - 1 : start].isalnum()):
        return False
    return says_more(doc, span, first.core or (first.number.start, first.number.end))


def says_more(doc: Text, span: tuple[int, int], core: tuple[int, int]) -> bool:
    """Whether a quote holds two words of three letters or more beyond the figure's own words (its core)
    and the words of how it is stated (its period, a verb linking it to its subject): enough of a
    subject that two different figures do not share it by chance ("100% of the agencies")."""
    start, end = span
    pieces = (doc.text[start : max(start, core[0])], doc.text[min(end, core[1]) : end])
    return sum(len(content_words(doc.language, piece)) for piece in pieces) >= 2


def content_words(language: str, piece: str) -> list[str]:
    """The words of a piece of text of three letters or more, with no digit, outside every phrase of the
    language's classes of how a figure is stated (`HOW_STATED`)."""
    stated = [f for c in HOW_STATED for f in phrases_in(language, c, piece)]
    return [
        m.group()
        for m in WORD.finditer(piece)
        if len(m.group()) >= 3
        and not any(ch.isdigit() for ch in m.group())
        and not any(f.start <= m.start() < f.end for f in stated)
    ]


def restates(doc: Text, earlier: Drafted, drafted: Drafted) -> bool:
    """Whether `drafted` restates `earlier` (every field alike) in words that stand at both places: then
    the earlier observation's quote is narrowed to them and takes the indicator the words name."""
    if earlier.excluded or not alike(earlier, drafted):
        return False
    text = doc.text
    # The words at both places say more than the figure ("over 30%" ends two subjects alike); a figure
    # restated in other words is left to `exclude_restatements`.
    for start, end in [earlier.quote, drafted.quote, shared_words(doc, earlier, drafted)]:
        quote = text[start:end]
        beyond = says_more(doc, (start, end), earlier.core or (start, start))
        if beyond and covers(text, quote, earlier.number) and covers(text, quote, drafted.number):
            earlier.quote = (start, end)
            earlier.why.append("the text states it twice; the quote stands at both places")
            if earlier.new_indicator and not drafted.new_indicator:  # the one the words name
                earlier.observation.indicator_id = drafted.observation.indicator_id
                earlier.new_indicator = None
            return True
    return False


def merge_restated(d: Drafting) -> None:
    """A figure the text states twice (a lead and its body) is one observation whose quote stands at
    both places: each observation is compared with the earlier ones of the same fields, in text order.
    A figure stated again in other words is one observation too, the restatement an exclusion
    (`exclude_restatements`)."""
    kept: list[Drafted] = []
    by_fields: dict[frozenset, list[Drafted]] = {}
    for drafted in d.decided:
        if not drafted.excluded:
            earlier = by_fields.setdefault(drafted.observation.key(), [])
            if any(restates(d.doc, first, drafted) for first in earlier):
                continue
            earlier.append(drafted)
        kept.append(drafted)
    d.decided = kept
    exclude_restatements(d)


def precision(n: Number) -> float:
    """The step of the last digit the text gives, in base units: 0.1 million for "47.8 million", a
    hundred for "31,400" (the trailing zeros of a count of four digits or more say no more than its
    rounding; two digits stay significant)."""
    if n.decimals or n.percent:
        return 10.0**-n.decimals * n.scale
    digits = re.sub(r"[^0-9]", "", n.raw)
    zeros = len(digits) - len(digits.rstrip("0")) if len(digits) >= 4 else 0
    return 10.0 ** min(zeros, max(0, len(digits) - 2)) * n.scale


# Qualifiers that round a figure ("nearly 48 million" for 47.8 million); any other is a bound of its own.
ROUNDING = (None, "exact", "about", "nearly")


def one_amount(a: Drafted, b: Drafted) -> bool:
    """Whether two statements say one amount: equal, or the less precise the other rounded ("nearly 48
    million" and "47.8 million", "31,400" and "31,372"); a bound ("less than 13%") rounds nothing."""
    qualifiers = {a.observation.qualifier, b.observation.qualifier}
    if len(qualifiers) > 1 and not qualifiers <= set(ROUNDING):
        return False
    return one_number(a.number, b.number)


def one_number(a: Number, b: Number) -> bool:
    if (a.upper == a.upper) != (b.upper == b.upper) or a.percent != b.percent:
        return False
    step = max(precision(a), precision(b))
    pairs = [(a.value, b.value)] + ([(a.upper, b.upper)] if a.upper == a.upper else [])
    return all(abs(x * a.scale - y * b.scale) <= step / 2 * (1 + 1e-9) for x, y in pairs)


def restating_place(doc: Text, x: Drafted) -> int:
    """How plainly a statement restates a text's body by where it stands: 2 in a heading or caption (a
    short line that ends no sentence, or holds the page's words: "Photo 1"), 1 in the opening
    paragraph, 0 in the body; a statement whose words stand at several places, by the plainest."""
    quote = doc.text[slice(*x.quote)]
    places = [m.start() for m in re.finditer(re.escape(quote), doc.text)] or [x.number.start]
    return min(restating_at(doc, at) for at in places)


def restating_at(doc: Text, at: int) -> int:
    text = doc.text
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    caption = any(f.key == "page" for f in phrases_in(doc.language, "excluded", line))
    if len(line) < HEADING and (caption or not line.endswith((".", "…", ":", ";"))):
        return 2
    return 1 if at < doc.opening else 0


def shared_subject(doc: Text, a: Drafted, b: Drafted, restated: bool) -> bool:
    """Whether two statements say one subject: the same existing indicator; or, where one stands where
    a text restates (`restated`), a word of its subject (its quote and proposed title, `content_words`)
    in the other's too, two where neither is named by an existing indicator, and a third of the words
    of the shorter statement. Two statements of the body of no one existing indicator are two figures."""
    if not (a.new_indicator or b.new_indicator):
        return a.observation.indicator_id == b.observation.indicator_id
    if not restated:
        return False
    words = [subject_words(doc, x) for x in (a, b)]
    shared, shorter = words[0] & words[1], min(len(w) for w in words)
    return len(shared) >= (2 if a.new_indicator and b.new_indicator else 1) and len(shared) * 3 >= shorter


def subject_words(doc: Text, x: Drafted) -> set[str]:
    """The words of a statement's quote and proposed title that may name its subject (`content_words`)."""
    title = x.new_indicator.title.removeprefix(DRAFT_MARK) if x.new_indicator else ""
    said = doc.text[slice(*x.quote)] + " \n " + title
    return {w.lower() for w in content_words(doc.language, said)}


def one_figure(d: Drafting, a: Drafted, b: Drafted, restating: dict[int, int]) -> bool:
    """Whether two observations in different sentences state one figure: one amount, one unit, one
    subject, and one period unless one stands in a heading or caption (which names none) or in the lead
    (whose period may be a year off the body's); two statements of the body in one kind too."""
    doc, oa, ob = d.doc, a.observation, b.observation
    if oa.unit != ob.unit or doc.context(a.number).sentence == doc.context(b.number).sentence:
        return False
    places = (restating[a.number.start], restating[b.number.start])
    if not one_amount(a, b) or not shared_subject(doc, a, b, max(places) > 0):
        return False
    same_period = (oa.period_start, oa.period_end) == (ob.period_start, ob.period_end)
    # A lead dates its figure more loosely than the body: within a year of it.
    near = oa.period_end is not None and ob.period_end is not None and abs(oa.period_end.year - ob.period_end.year) <= 1
    return 2 in places or (1 in places and (same_period or near)) or (same_period and oa.kind == ob.kind)


def kept_statement(group: list[Drafted], restating: dict[int, int]) -> Drafted:
    """Of the statements of one figure, the one kept as its observation: the most precise; of those,
    the one standing least plainly where a text restates (`restating_place`); of those, the first."""
    return min(group, key=lambda x: (precision(x.number), restating[x.number.start], x.number.start))


def as_repeat(d: Drafting, repeat: Drafted, kept: Drafted) -> Drafted | None:
    """The restating statement as an exclusion (category other, reason "repeat: …"), quoted by words
    that do not stand at the figure it restates; None where no such words are found."""
    c = d.doc.context(repeat.number)
    for start, end in (repeat.quote, c.sentence):
        if not covers(d.doc.text, d.doc.text[start:end], kept.number):
            reason = f"repeat: restates {kept.number.raw!r}, drafted as the observation where the text states it"
            return Drafted(repeat.number, "other", reason, quote=(start, end))
    return None


def own_place(d: Drafting, kept: Drafted, repeat: Drafted) -> None:
    """The kept statement's quote widened to its sentence where its words stand at the restatement too
    (a quote covers every place it stands: "5G covers 99%" in a title and its body)."""
    text = d.doc.text
    if covers(text, text[slice(*kept.quote)], repeat.number):
        sentence = d.doc.context(kept.number).sentence
        if not covers(text, text[slice(*sentence)], repeat.number):
            kept.quote = sentence
            kept.why.append("quoted by its whole sentence: its words stand where the text restates it too")


def exclude_restatements(d: Drafting) -> None:
    """A figure a text states again in other words (its title or lead restating its body, a caption, a
    rounded figure) is one observation: the statements of one figure are grouped, one is kept
    (`kept_statement`) and each other becomes an exclusion saying what it restates."""
    observations = [x for x in d.decided if not x.excluded]
    restating = {x.number.start: restating_place(d.doc, x) for x in observations}
    groups = Groups(len(observations))
    for i, j in amount_pairs(observations):
        if groups.find(i) != groups.find(j) and one_figure(d, observations[i], observations[j], restating):
            groups.join(i, j)
    replaced: dict[int, Drafted] = {}
    for members in groups.members():
        group = [observations[i] for i in members]
        kept = kept_statement(group, restating)
        for repeat in group:
            excluded = as_repeat(d, repeat, kept) if repeat is not kept else None
            if excluded is not None:
                replaced[repeat.number.start] = excluded
                own_place(d, kept, repeat)
    for x in observations:
        if restating[x.number.start] == 2 and x.number.start not in replaced:
            excluded = restates_an_exclusion(d, x)
            replaced.update({x.number.start: excluded} if excluded else {})
    d.decided = [replaced.get(x.number.start, x) if not x.excluded else x for x in d.decided]


def amount_pairs(observations: list[Drafted]) -> list[tuple[int, int]]:
    """The pairs (i < j) of observations that may state one amount (`one_number`): of one unit and
    form, each amount within half the step of the less precise one. Found by sorting the amounts and
    bisecting, never by comparing every pair: a list of a thousand figures is a thousand reads."""
    by_form: dict[tuple, list[tuple[float, float, int]]] = {}
    for i, x in enumerate(observations):
        n = x.number
        form = (x.observation.unit, n.percent, n.upper == n.upper)
        by_form.setdefault(form, []).append((n.value * n.scale, precision(n), i))
    pairs: set[tuple[int, int]] = set()
    for amounts in by_form.values():
        amounts.sort()
        values = [v for v, _, _ in amounts]
        for value, step, i in amounts:
            reach = step / 2 * (1 + 1e-9)
            near = amounts[bisect_left(values, value - reach) : bisect_right(values, value + reach)]
            pairs.update((min(i, j), max(i, j)) for _, _, j in near if j != i)
    return sorted(pairs)


class Groups:
    """Statements joined into the figures they state (a union-find over their positions)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[max(self.find(i), self.find(j))] = min(self.find(i), self.find(j))

    def members(self) -> list[list[int]]:
        """Each group's positions, in order."""
        grouped: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            grouped.setdefault(self.find(i), []).append(i)
        return list(grouped.values())


def restates_an_exclusion(d: Drafting, x: Drafted) -> Drafted | None:
    """A figure of a heading or caption that states a number the body excludes as no value of its own (an
    amount converted into another currency), restated: an exclusion too."""
    for other in d.decided:
        if other.category == "other" and not other.reason.startswith("repeat") and one_number(x.number, other.number):
            if restating_at(d.doc, other.number.start) < 2:
                reason = f"repeat: restates {other.number.raw!r}, which the text states as no value of its own"
                return Drafted(x.number, "other", reason, quote=x.quote)
    return None


def drop_taken_parts(d: Drafting) -> None:
    """A number an observation takes as its part (its denominator) is no exclusion of its own."""
    d.decided = [x for x in d.decided if x.number.start not in d.taken or not x.excluded]
