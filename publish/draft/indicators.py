"""Which indicator a figure is of: the one whose curated words (curation/indicator_words.csv) weigh
most near it, or, where none does, a new one proposed from the words of its subject."""

from __future__ import annotations

import re
import unicodedata

from publish.draft.records import Drafting, ProposedIndicator
from publish.draft.text import REACH, WORD, Context, whole_words
from publish.languages import language
from publish.languages.words import Found
from publish.rules import DRAFT_ID_PREFIX, DRAFT_MARK

# How much an indicator's words must weigh, near a number, for the draft to name it.
INDICATOR_THRESHOLD = 1.0
# Units a number's words cannot tell from another: a count that is a count per day, a percentage
# that is a growth rate. An indicator in the other unit may claim it, and then its unit holds.
COMPATIBLE_UNITS = {"count": ("count_per_day",), "percent": ("percent_change",)}


def indicators_said(d: Drafting, sentence: tuple[int, int]) -> list[tuple[str, int, int, int, str]]:
    """Each match of an indicator's words in a sentence (indicator, words in its phrase, start, end,
    the words), phrase by phrase as the indicators' table lists them: found once per sentence."""
    key = ("indicators", sentence)
    if key not in d.doc.memo:
        d.doc.memo[key] = [
            (indicator, length, m.start(), m.end(), m.group())
            for indicator, length, pattern in d.indicator_patterns
            for m in pattern.finditer(d.doc.text, sentence[0], sentence[1])
        ]
    return d.doc.memo[key]


def scored(d: Drafting, c: Context) -> list[tuple[str, float, list[str]]]:
    """Each indicator whose words stand in the number's sentence, by their weight: a longer phrase
    weighs more, and one nearer the number; most of all one within the number's own stretch of
    the sentence (from the number before it to the number after it), since a report that lists
    figures names each one's subject beside it."""
    key = ("scored", c.number.start)
    if key in d.doc.memo:
        return d.doc.memo[key]
    left, right = d.doc.stretch(c)
    scores: dict[str, tuple[float, list[str]]] = {}
    for indicator, length, start, end, words in indicators_said(d, c.sentence):
        distance = max(0, c.number.start - end, start - c.number.end)
        own_stretch = left <= start and end <= right
        own_clause = c.clause[0] <= start and end <= c.clause[1]
        weight = length * (1.5 if own_stretch else 0.4) * (2 if own_clause else 1) / (1 + distance / REACH["near"])
        total, found = scores.get(indicator, (0.0, []))
        scores[indicator] = (total + weight, [*found, words])
    ranked = sorted(((i, s, f) for i, (s, f) in scores.items()), key=lambda x: -x[1])
    d.doc.memo[key] = ranked
    return ranked


def evidence(d: Drafting, c: Context, indicator: str) -> list[str]:
    """The words that name the indicator in the number's own clause or its own stretch of the sentence
    (from the figure before it to the figure after it): the evidence an existing indicator is chosen on;
    words elsewhere in the sentence weigh, but never choose one alone."""
    left, right = d.doc.stretch(c)
    return [
        words
        for name, _, start, end, words in indicators_said(d, c.sentence)
        if name == indicator and (c.clause[0] <= start and end <= c.clause[1] or left <= start and end <= right)
    ]


def best_fitting(d: Drafting, c: Context, unit: str, change: bool) -> tuple[str | None, float, list[str]]:
    """The indicator whose words weigh most near the number, among those whose unit fits it (its own
    unit, or one its words could not tell apart: a count per day, a growth in percent; for a change in
    percent any indicator, whose change it is) and whose own phrase stands in the number's clause."""
    best: tuple[str | None, float, list[str]] = (None, 0.0, [])
    for indicator, score, found in scored(d, c):
        if not evidence(d, c, indicator):
            continue
        own = d.indicators.at[indicator, "unit"]
        if (change and unit in ("percent", "percent_change", "percentage_point", "times")) or own == unit:
            fit = 1.0
        elif own in COMPATIBLE_UNITS.get(unit, ()):
            fit = 0.6
        else:
            continue
        if score * fit >= INDICATOR_THRESHOLD and score * fit > best[1]:
            best = (indicator, score * fit, found)
    return best


def negation(d: Drafting, c: Context) -> Found | None:
    """A word of negation in the number's own stretch of its sentence, near it."""
    left, right = d.doc.stretch(c)
    found = c.found("negation").within(left, right)
    found = [f for f in found if max(c.number.start - f.end, f.start - c.number.end) <= REACH["near"]]
    return found[0] if found else None


def named_in_stretch(d: Drafting, c: Context) -> bool:
    """Whether an indicator's words stand in the number's own stretch of its sentence."""
    left, right = d.doc.stretch(c)
    text = d.doc.text[left:right]
    return any(pattern.search(text) for _, _, pattern in d.indicator_patterns)


def subject_spans(d: Drafting, c: Context, indicator: str) -> list[tuple[int, int]]:
    """Where the indicator's words stand in the number's clause: the quote carries its subject."""
    return [
        (start, end)
        for name, _, start, end, _ in indicators_said(d, c.sentence)
        if name == indicator and max(0, c.number.start - end, start - c.number.end) <= 2 * REACH["near"]
    ]


def is_share(d: Drafting, c: Context) -> bool:
    """Whether the subject of a change stated in percent is itself a share: then the change is
    in percentage points."""
    return any(d.indicators.at[i, "unit"] == "percent" for i, _, _ in scored(d, c)[:1])


def ascii_word(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode())


def propose(d: Drafting, c: Context, unit: str) -> ProposedIndicator:
    """A new indicator named from the words of the number's own stretch nearest it: its subject,
    before or after it; its id not taken by the project's or another proposed one."""
    left, right = d.doc.stretch(c)
    reach = REACH["subject"]
    start, end = whole_words(
        d.doc.text, max(left, c.number.start - reach), min(right, c.number.end + reach), (left, right)
    )
    clause = d.doc.text[start:end]
    words = [w for w in WORD.findall(clause) if not any(ch.isdigit() for ch in w)]
    letters = language(d.doc.language).transliteration
    ascii_words = [ascii_word("".join(letters.get(ch, ch) for ch in w.lower())) for w in words]
    ascii_words = [w for w in ascii_words if len(w) > 2][:5]
    slug = "_".join(ascii_words) or "indicator"
    indicator = DRAFT_ID_PREFIX + re.sub(r"_+", "_", slug)[:48].strip("_")
    candidate, number = indicator, d.next_suffix.get(indicator, 2)
    while candidate in d.indicators.index or candidate in d.proposed:
        candidate, number = f"{indicator}_{number}", number + 1
    d.next_suffix[indicator] = number  # ids are only ever taken: the ones before stay taken
    ranked = scored(d, c)
    topic = d.indicators.at[ranked[0][0], "topic"] if ranked else "digital_government"
    title = " ".join(words[:12]) or clause.strip()
    row = ProposedIndicator(
        indicator_id=candidate,
        title=f"{DRAFT_MARK} {title}",
        unit=unit,
        topic=topic,
        definition=f"{DRAFT_MARK} proposed from the words: {clause.strip()}",
    )
    d.proposed[candidate] = row
    return row
