"""Which indicator a figure is of, on evidence only: one a specific phrase of its curated words
(curation/indicator_words.csv) names in the figure's sentence, whose words in the figure's own clause
tell it apart from every other (`best_fitting`); else a new one, named by the figure's subject as the
text writes it (`propose`)."""

from __future__ import annotations

import re

from publish.draft.records import Drafting, ProposedIndicator
from publish.draft.text import REACH, WORD, Context, Number, phrases_in
from publish.languages import in_ascii, language
from publish.languages.words import Found
from publish.rules import DRAFT_ID_PREFIX, DRAFT_MARK

# Units a number's words cannot tell from another: a count that is a count per day, a percentage
# that is a growth rate. An indicator in the other unit may claim it, and then its unit holds.
COMPATIBLE_UNITS = {"count": ("count_per_day",), "percent": ("percent_change",)}
# The word classes whose phrases say how a figure is stated, not what it is of: a phrase of an
# indicator made only of such words ("growth rate", "per day") names no indicator on its own.
CLASS_WORDS = ("growth", "units", "periods", "kinds", "changes", "qualifiers")
# How many words of a figure's subject name a proposed indicator (twice as many syllables).
SUBJECT_WORDS = 8


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


def list_lead(d: Drafting, c: Context) -> tuple[int, int] | None:
    """Where a listed figure's subject is said: the words before the language's "respectively"
    ("the shares … were, respectively: 12.7%; 12.9%"), from the start of the list's lead (the first of
    the clauses joined by semicolons), when that word stands before the figure; else None."""
    lead = d.doc.lead_of(c.sentence)
    for sentence in dict.fromkeys((lead, c.sentence)):
        said = [f for f in d.doc.sentence_words("subjects", sentence).found if f.key == "respectively"]
        said = [f for f in said if f.end <= c.number.start]
        if said:
            return lead[0], said[-1].end
    return None


def own_reach(d: Drafting, c: Context) -> list[tuple[int, int]]:
    """Where a figure's own words stand: its clause, and its stretch of the sentence (between the figures
    either side of it); for a figure of a list, also the words before the list's "respectively"; for a
    figure alone in brackets right after another ("68.4% (17.2 million households)"), the same figure
    in another unit, also that figure's own words."""
    lead = list_lead(d, c)
    places = [c.clause, d.doc.stretch(c)] + ([lead] if lead is not None else [])
    restated = bracketed_after(d, c)
    if restated is not None:
        outer = d.doc.context(restated)
        places += [outer.clause, d.doc.stretch(outer)]
    return places


def bracketed_after(d: Drafting, c: Context) -> Number | None:
    """The figure right before the bracket that opens this figure's clause, if one stands there."""
    opening = c.clause[0] - 1
    if opening < 0 or d.doc.text[opening] != "(":
        return None
    before = d.doc.figures.last_ending_by(opening, c.sentence[0])
    if before is None or d.doc.text[before.end : opening].strip():
        return None
    return before


def specific_phrases(d: Drafting) -> list[bool]:
    """For each phrase of the indicators' table (in the text's language), whether it names an indicator
    on its own. A phrase of two words or more (three syllables in a language written a syllable a word)
    does, unless it is wholly words of the language's classes (a growth rate, a unit: "growth rate",
    "a day"). A shorter one does unless the table gives it to another indicator too or holds it inside a
    longer phrase: then it is the head word of a family ("applications", "chip", "tỉnh", "VNeID"),
    which only tells apart the indicators a specific phrase names."""
    key = ("specific phrases",)
    if key in d.doc.memo:
        return d.doc.memo[key]
    code = d.doc.language
    shortest = 3 if language(code).syllabic else 2
    phrases = [p.replace("*", "") for p in d.indicator_phrases]
    flags = []
    for (indicator, length, pattern), phrase in zip(d.indicator_patterns, phrases, strict=True):
        if length >= shortest:
            covered = (f for word_class in CLASS_WORDS for f in phrases_in(code, word_class, phrase))
            flags.append(not any(f.start == 0 and f.end == len(phrase) for f in covered))
        else:
            longer = (other for other in phrases if other.lower() != phrase.lower())
            shared = any(
                p.lower() == phrase.lower() and i != indicator
                for (i, _, _), p in zip(d.indicator_patterns, phrases, strict=True)
            )
            flags.append(not shared and not any(pattern.search(other) for other in longer))
    d.doc.memo[key] = flags
    return flags


def named_in_sentence(d: Drafting, c: Context) -> set[str]:
    """The indicators a specific phrase of theirs (`specific_phrases`) names in the figure's sentence,
    or in the lead of the sentences joined to it by semicolons (a report's list of figures names its
    subject once, first): the only ones the figure may be of."""
    found = set()
    for sentence in dict.fromkeys((c.sentence, d.doc.lead_of(c.sentence))):
        key = ("named specifically", sentence)
        if key not in d.doc.memo:
            d.doc.memo[key] = {
                indicator
                for (indicator, _, pattern), flag in zip(d.indicator_patterns, specific_phrases(d), strict=True)
                if flag and pattern.search(d.doc.text, sentence[0], sentence[1])
            }
        found |= d.doc.memo[key]
    return found


def own_words(d: Drafting, c: Context) -> dict[str, list[tuple[int, int, int, str]]]:
    """Each indicator's phrases in the figure's own reach (`own_reach`): (words in the phrase, start,
    end, the words), by indicator. Words elsewhere in the sentence name the subject of another figure."""
    key = ("own words", c.number.start)
    if key in d.doc.memo:
        return d.doc.memo[key]
    places = own_reach(d, c)
    sentences = [c.sentence] + ([d.doc.lead_of(c.sentence)] if len(places) > 1 else [])
    found: dict[str, list[tuple[int, int, int, str]]] = {}
    for sentence in dict.fromkeys(sentences):
        for name, length, start, end, words in indicators_said(d, sentence):
            if any(left <= start and end <= right for left, right in places):
                found.setdefault(name, []).append((length, start, end, words))
    d.doc.memo[key] = found
    return found


def fit(d: Drafting, c: Context, indicator: str, unit: str, change: bool) -> float:
    """How well an indicator's unit fits the figure: 1 for its own unit (for a change in percent, any
    indicator, whose change it is), 0.6 for one its words cannot tell apart (a count per day, a growth in
    percent), 0 otherwise; a percentage of a whole the words name (GDP) is a share, never a growth rate."""
    own = d.indicators.at[indicator, "unit"]
    if change and unit in ("percent", "percent_change", "percentage_point", "times"):
        return 1.0
    if own == unit:
        return 1.0
    if own in COMPATIBLE_UNITS.get(unit, ()) and not (unit == "percent" and c.held("growth", "share_of")):
        return 0.6
    return 0.0


def distinct(spans: list[tuple[int, int]], other: list[tuple[int, int]]) -> bool:
    """Whether some place of one indicator's words lies outside every place of another's: its words say
    more than the other's do ("the Portal's accounts", not only "the Portal", which names both)."""
    return any(not any(a <= start and end <= b for a, b in other) for start, end in spans)


def weighed(d: Drafting, c: Context, start: int, end: int, length: int) -> float:
    """How much a phrase's words weigh for a figure: a longer phrase more, a nearer one more; more in the
    figure's own stretch (before it, or after it within its clause: past the clause they are the next
    figure's), most in its clause; the words right after it most of all ("60 million accounts": what
    it counts)."""
    left, right = d.doc.stretch(c)
    in_clause = c.clause[0] <= start and end <= c.clause[1]
    in_stretch = left <= start and end <= right and (in_clause or start < c.number.start)
    distance = max(0, c.number.start - end, start - c.number.end)
    right_after = 0 <= start - c.number.end <= 3
    return (
        length
        * (1.5 if in_stretch else 0.4)
        * (2 if in_clause else 1)
        * (2 if right_after else 1)
        / (1 + distance / REACH["near"])
    )


def widest(places: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
    """An indicator's phrases without those inside a longer one of its own ("applications" within
    "electronic identification applications"): each place of its words counted once."""
    return [
        p for p in places if not any(q[1] <= p[1] and p[2] <= q[2] and (q[1], q[2]) != (p[1], p[2]) for q in places)
    ]


def lead_spans(d: Drafting, c: Context) -> dict[str, list[tuple[int, int]]]:
    """Where each indicator's words stand in the lead of the sentences joined to the figure's by
    semicolons ("the Portal offers 4,500 services; has 16 million accounts; …"): the subject the list
    names once, which tells apart the indicators the figure's own words name."""
    lead = d.doc.lead_of(c.sentence)
    if lead == c.sentence:
        return {}
    found: dict[str, list[tuple[int, int]]] = {}
    for name, _, start, end, _ in indicators_said(d, lead):
        found.setdefault(name, []).append((start, end))
    return found


def best_fitting(d: Drafting, c: Context, unit: str, change: bool) -> tuple[str | None, float, list[str]]:
    """The indicator its own words name (`named_by_own_words`); else, for a change whose words name
    nothing, the indicator of the level it reaches ("rose 9 places to 62nd"); else that of the figure
    before it, which an anaphor of the language names ("this figure was 14.9% in May")."""
    best = named_by_own_words(d, c, unit, change)
    if best[0] is None and change:
        best = level_reached(d, c)
    if best[0] is None:
        best = said_before(d, c, unit)
    return best


def level_reached(d: Drafting, c: Context) -> tuple[str | None, float, list[str]]:
    """The indicator of the figure right after a change, when the words between them hold the word
    before a level reached (the language's changes.reached: "tăng 9 bậc, lên hạng 62", "rose 9 places
    to 62nd"), named by that figure's own words."""
    from publish.draft.fields import unit as unit_of  # the unit is read before the indicator

    after = d.doc.figures.first_starting_from(c.number.end, c.sentence[1])
    if after is None:
        return (None, 0.0, [])
    gap = d.doc.text[c.number.end : after.start]
    reaching = {p.split("{n}")[0].strip() for p in language(d.doc.language).phrases("changes").get("reached", ())}
    if len(gap) > REACH["change_after"] or not any(
        re.search(rf"(?<!\w){re.escape(w)}(?!\w)", gap, re.IGNORECASE) for w in reaching if w
    ):
        return (None, 0.0, [])
    level = d.doc.context(after)
    return named_by_own_words(d, level, unit_of(level)[0], False)


def said_before(d: Drafting, c: Context, unit: str) -> tuple[str | None, float, list[str]]:
    """The existing indicator of the figure drafted before this one, in its sentence or the one before,
    in the same unit, where the figure's own words hold an anaphor of the language ("this figure")."""
    anaphor = [f for f in c.words("subjects") if f.key == "anaphora"]
    anaphor = [f for f in anaphor if any(a <= f.start and f.end <= b for a, b in own_reach(d, c))]
    if not anaphor or not d.observations:
        return (None, 0.0, [])
    before = d.observations[-1]
    at = d.doc.sentence_at.get(c.sentence, 0)
    earliest = d.doc.sentences[at - 1][0] if at > 0 else c.sentence[0]
    o = before.observation
    if before.number.start < earliest or before.new_indicator or o.indicator_id is None or o.unit != unit:
        return (None, 0.0, [])
    return (o.indicator_id, 1.0, [anaphor[0].text])


def named_by_own_words(d: Drafting, c: Context, unit: str, change: bool) -> tuple[str | None, float, list[str]]:
    """The indicator a specific phrase names in the figure's sentence, whose unit fits the figure, and
    whose words in the figure's own reach (and its list's lead) say more than those of every other such
    indicator (a phrase several indicators share chooses none of them); where several do, the one whose
    words weigh most (longer, nearer)."""
    named, candidates, lead = own_words(d, c), named_in_sentence(d, c), lead_spans(d, c)
    fitting = {i: fit(d, c, i, unit, change) for i in named if i in candidates and i in d.indicators.index}
    fitting = {i: f for i, f in fitting.items() if f > 0}
    spans = {i: [(start, end) for _, start, end, _ in named[i]] + lead.get(i, []) for i in fitting}
    best: tuple[str | None, float, list[str]] = (None, 0.0, [])
    for indicator, factor in fitting.items():
        if not all(distinct(spans[indicator], spans[other]) for other in fitting if other != indicator):
            continue
        weight = sum(weighed(d, c, start, end, length) for length, start, end, _ in widest(named[indicator]))
        if weight * factor > best[1]:
            best = (indicator, weight * factor, [words for _, _, _, words in named[indicator]])
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


def subject_span(d: Drafting, c: Context) -> tuple[int, int] | None:
    """Where the figure's subject is said, within its own clause and stretch: the words before the last
    word linking them to it ("the share of households using fibre | reached 85%"); else, for a count,
    the words that follow it ("60 million | accounts were activated") or those before it, and for a
    measure (a unit holds it) the words before it or those after. Only words of what it is: none of
    how it is stated (its qualifier, kind, period), no number."""
    left, right = d.doc.stretch(c)
    left, right = max(left, c.clause[0]), min(right, c.clause[1])
    links = [f for f in c.found("subjects").within(left, c.number.start) if f.key == "links"]
    held = [f.end for f in c.holding("units")]
    after = max([c.number.end, *held])
    limit = SUBJECT_WORDS * (2 if language(d.doc.language).syllabic else 1)
    before, following = (left, c.number.start), (after, right)
    # A count's noun follows it ("60 million accounts"); a measure's subject comes before it.
    regions = [(left, links[-1].start)] if links else []
    regions += [following, before] if not c.holding("units") and not c.number.percent else [before, following]
    for start, end in regions:
        words = subject_words(d, start, end)
        if words:
            kept = words[-limit:] if (start, end) == before else words[:limit]
            return kept[0][0], kept[-1][1]
    return None


def subject_words(d: Drafting, start: int, end: int) -> list[tuple[int, int]]:
    """The places of the words between start and end that may name a subject: of three letters or more
    (two in a language written a syllable a word), with no digit, outside the language's phrases of
    how a figure is stated; a run broken by a number stops there."""
    from publish.draft.figures import HOW_STATED

    piece = d.doc.text[start:end]
    stated = [f for word_class in HOW_STATED for f in phrases_in(d.doc.language, word_class, piece)]
    shortest = 2 if language(d.doc.language).syllabic else 3
    places = []
    for m in WORD.finditer(piece):
        if any(ch.isdigit() for ch in m.group()):
            if places:
                break
            continue
        if len(m.group()) >= shortest and not any(f.start <= m.start() < f.end for f in stated):
            places.append((start + m.start(), start + m.end()))
    return places


def propose(d: Drafting, c: Context, unit: str) -> ProposedIndicator:
    """A new indicator named by the figure's subject (`subject_span`): its title the subject's words as
    the text writes them (a curator translates), its id their Latin letters, not taken by the project's
    or another proposed one; its definition names the words and the other indicators the sentence's
    words name, with those words."""
    span = subject_span(d, c)
    said = d.doc.text[span[0] : span[1]] if span else d.doc.text[slice(*d.doc.stretch(c))].strip()
    words = [w for w in WORD.findall(said) if not any(ch.isdigit() for ch in w)]
    ascii_words = [in_ascii(w, d.doc.language).replace(" ", "") for w in words]
    slug = "_".join([w for w in ascii_words if len(w) > 1][:5]) or "indicator"
    indicator = DRAFT_ID_PREFIX + re.sub(r"_+", "_", slug)[:48].strip("_")
    candidate, number = indicator, d.next_suffix.get(indicator, 2)
    while candidate in d.indicators.index or candidate in d.proposed:
        candidate, number = f"{indicator}_{number}", number + 1
    d.next_suffix[indicator] = number  # ids are only ever taken: the ones before stay taken
    ranked = scored(d, c)
    topic = d.indicators.at[ranked[0][0], "topic"] if ranked else "digital_government"
    others = "; ".join(f"{i} ({', '.join(repr(w) for w in dict.fromkeys(found))})" for i, _, found in ranked[:3])
    row = ProposedIndicator(
        indicator_id=candidate,
        title=f"{DRAFT_MARK} {said}",
        unit=unit,
        topic=topic,
        definition=f"{DRAFT_MARK} proposed from the words: {said}"
        + (f"; other candidates, by the words of the sentence: {others}" if others else ""),
    )
    d.proposed[candidate] = row
    return row
