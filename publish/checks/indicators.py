"""The indicator is proved, like the number: an observation's indicator is named in the sentence of
its quote by one of the indicator's phrases in the source's language (curation/indicator_words.csv).
A change or a baseline whose sentence does not name it takes the subject of the level it is said
of, in the sentence before ("… 71st of 193. It rose 15 places").

Without a table of the indicators' words the rule has nothing to read and finds nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from publish.findings import Finding, findings_from, reports
from publish.languages.words import APOSTROPHES, NUMBER, compiled_phrase
from publish.numbers import base_language, supported_languages
from publish.reading import SENTENCE_END, normalised

if TYPE_CHECKING:
    from publish.checks.prepare import Prepared

# Kinds said of a level named before them.
SAID_OF_A_LEVEL = ("change", "baseline")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or sentences) holding text[start:end]."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, max(end - 1, start))
    return (before[-1] if before else 0), (after.end() if after else len(text))


@reports("indicator.named")
def check_indicators(p: Prepared) -> list[Finding]:
    """Findings: an observation whose quote's sentence (or, for a change or baseline, the sentence
    before) names its indicator by none of the indicator's phrases in the source's language."""
    observations, texts, words = p.tables["observations"], p.texts, p.words
    placed, file = p.observation_places, p.files["observations"]
    if words is None or words.empty:
        return []
    language = p.language.map(base_language, na_action="ignore")
    named = pd.Series(True, index=observations.index)
    phrases = _phrases_by_indicator(words)
    for row in observations.index[placed.first >= 0]:
        code, indicator = language[row], observations.at[row, "indicator_id"]
        if code not in supported_languages() or observations.at[row, "source_id"] not in texts:
            continue
        own = phrases.get((indicator, code), ())
        text, start = texts[observations.at[row, "source_id"]], int(placed.first[row])
        first, last = sentence_around(text, start, start + len(observations.at[row, "quote"]))
        said = _named_in(code, own, normalised(text[first:last]))
        if not said and observations.at[row, "kind"] in SAID_OF_A_LEVEL and first > 0:
            before, _ = sentence_around(text, first - 1, first - 1)
            said = _named_in(code, own, normalised(text[before:first]))
        named[row] = said
    return findings_from(
        observations,
        where=~named,
        file=file,
        rule="indicator.named",
        field="indicator_id",
        message="an indicator named in the quote's sentence by one of its phrases in curation/indicator_words.csv "
        "(a change or baseline: or in the sentence before); add the phrase the text uses, or file the number "
        "under the indicator the text names",
    )


def _phrases_by_indicator(words: pd.DataFrame) -> dict[tuple[str, str], tuple[str, ...]]:
    """Each (indicator, language) and its phrases, as a person reads them, sorted."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for indicator, language, phrase in words[["indicator_id", "language", "phrase"]].dropna().itertuples(index=False):
        grouped.setdefault((indicator, base_language(language)), []).append(normalised(phrase))
    return {key: tuple(sorted(found)) for key, found in grouped.items()}


def _named_in(code: str, phrases: tuple[str, ...], sentence: str) -> bool:
    """Whether one of the phrases stands in the sentence, as a person reads it (`phrase_pattern`). A
    phrase's pattern is compiled only where each of its words stands in the sentence as plain text:
    compiling every phrase of every indicator costs more than the rule itself."""
    plain = _plain(sentence)
    return any(
        compiled_phrase(code, phrase).search(sentence) is not None
        for phrase in phrases
        if NUMBER in phrase or all(word in plain for word in _plain(phrase).replace("*", " ").split())
    )


def _plain(text: str) -> str:
    """Text case-folded, with every apostrophe one: a phrase's words stand in it wherever its pattern
    could match (the pattern ignores case and takes any apostrophe for another)."""
    return re.sub(f"[{APOSTROPHES}]", "'", text.casefold())
