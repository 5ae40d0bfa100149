"""Find the phrases of a word class in a text: the words a claim is read by.

`find_words("id", "qualifiers", "lebih dari 87,7 juta kartu")` finds `more_than` in
"lebih dari 87,7 juta". A phrase of a language file is matched as whole words,
case-insensitively, any apostrophe standing for any other and any white space for a space.
"{n}" in a phrase is one number as the parser reads it (digits or number words, and their
scale words; not a percent sign, which a phrase says itself: "{n}%"); a word ending in "*"
is every word that starts so. Where phrases overlap, the longest wins, then the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from publish.languages import APOSTROPHES, WORD_CLASSES, language

NUMBER = "{n}"


@dataclass(frozen=True)
class Found:
    key: str  # what the phrase says: "more_than", "target", "usd", ...
    phrase: str  # the phrase of the language file that matched
    start: int
    end: int
    text: str  # the words of the text it matched


def find_words(code: str, word_class: str, text: str) -> list[Found]:
    """Every phrase of `word_class` in `text`, in the order of the text, none overlapping."""
    found = [
        Found(key, phrase, m.start(), m.end(), m.group())
        for key, phrase, may_stand in _phrases(code, word_class)
        if may_stand is None or may_stand.search(text)
        for m in compiled_phrase(code, phrase).finditer(text)
    ]
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept: list[Found] = []
    for candidate in found:
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: f.start)


def keys_in(code: str, word_class: str, text: str) -> list[str]:
    """The keys of the phrases of `word_class` in `text`, in its order."""
    return [found.key for found in find_words(code, word_class, text)]


@cache
def _phrases(code: str, word_class: str) -> list[tuple[str, str, re.Pattern[str] | None]]:
    """Each phrase of `word_class` by its key, and for a phrase holding "{n}" a quick pattern of its
    longest words alone, which finds every place the phrase stands (and some where it does not): the
    phrase's own pattern holds the whole number pattern, which takes milliseconds to compile, so it is
    compiled only for a text its words stand in. A phrase without a number is cheap to compile."""
    if word_class not in WORD_CLASSES:
        raise KeyError(f"no word class {word_class!r}; the classes are {', '.join(WORD_CLASSES)}")
    return [
        (key, phrase, _longest_words(phrase) if NUMBER in phrase else None)
        for key, phrases in language(code).phrases(word_class).items()
        for phrase in phrases
    ]


def _longest_words(phrase: str) -> re.Pattern[str]:
    return re.compile(_words(max(phrase.split(NUMBER), key=len)), re.IGNORECASE)


def compiled_phrase(code: str, phrase: str) -> re.Pattern[str]:
    """A phrase of the language `code` compiled (see `phrase_pattern`) with the language's number
    pattern as its files say now; compiled once per process for each (`compiled_pattern`)."""
    from publish.numbers import number_format

    return compiled_pattern(phrase, number_format(code).one)


@cache
def compiled_pattern(phrase: str, number: str) -> re.Pattern[str]:
    """`phrase_pattern(phrase, number)` compiled: a few milliseconds for a phrase holding a number, whose
    whole pattern it holds. Remembered by both texts, so an answer holds whatever the language files
    say now."""
    return re.compile(phrase_pattern(phrase, number), re.IGNORECASE)


def phrase_pattern(phrase: str, number: str) -> str:
    """A phrase of a language file as a pattern of Python's `re`, `number` standing for "{n}"."""
    if phrase.count(NUMBER) > 1:
        raise ValueError(f"{phrase!r}: a phrase holds one number at most")
    pieces = [_words(piece) for piece in phrase.split(NUMBER)]
    body = f"(?:{number})".join(pieces)
    before = r"(?<!\w)" if re.match(r"\w", phrase) else ""
    after = rf"(?!\w|[{APOSTROPHES}]\w)" if re.search(r"[\w*]$", phrase) else ""
    return before + body + after


def _words(piece: str) -> str:
    pattern = []
    for token in re.split(r"(\s+)", piece):
        if token.isspace():
            pattern.append(r"\s+")
            continue
        stem = token.endswith("*") and len(token) > 1
        for character in token[:-1] if stem else token:
            pattern.append(f"[{APOSTROPHES}]" if character in APOSTROPHES else re.escape(character))
        if stem:
            pattern.append(r"\w*")
    return "".join(pattern)


@cache  # a language's phrases never change in a run
def column_pattern(code: str, word_class: str, key: str) -> str:
    """Where any phrase of `key` (those without a number) stands in a text, as one RE2 pattern,
    for a check over a whole column: RE2 has no look-around, so a phrase's word boundaries are
    the characters around it (or the text's ends)."""
    phrases = language(code).phrases(word_class).get(key, ())
    bodies = [_re2_words(phrase) for phrase in phrases if NUMBER not in phrase]
    if not bodies:
        return ""
    return f"(?i)(?:^|[^\\pL\\pN_])(?:{'|'.join(bodies)})(?:$|[^\\pL\\pN_])"


@cache  # a language's phrases never change in a run
def phrase_words(code: str, word_class: str, keys: tuple[str, ...] | None = None) -> str:
    """Where the words of any phrase of `word_class` (those of `keys`, or all) that holds a number
    stand, before or after its "{n}", anywhere in a text, as one RE2 pattern: which texts may hold
    such a phrase at all, before `phrase_sides` says where. Empty when no phrase holds a number."""
    bodies = {
        _re2_words(part.strip())
        for key, phrases in language(code).phrases(word_class).items()
        for phrase in (phrases if keys is None or key in keys else ())
        if NUMBER in phrase
        for part in phrase.split(NUMBER, 1)
        if part.strip()
    }
    return f"(?i)(?:{'|'.join(sorted(bodies, key=len, reverse=True))})" if bodies else ""


@cache  # a language's phrases never change in a run
def phrase_sides(
    code: str, word_class: str, keys: tuple[str, ...] | None = None, capture: bool = False
) -> tuple[tuple[str, str], ...]:
    """Where the phrases of `word_class` (those of `keys`, or all) that hold a number stand around one,
    as pairs of RE2 patterns: their words before "{n}" at the end of a text, and their words after it
    at the start of the text that follows ("" for a side where a phrase has no words). A number stands
    in a phrase where each of its patterns matches: "từ {n} trở lên" needs both "từ" before the number
    and "trở lên" after it, so "từ 4% lên 5%" is no such phrase. With `capture=True`, the words are the
    group `words`. Phrases with the same words after the number share a pair."""
    sides = set()
    for key, phrases in language(code).phrases(word_class).items():
        for phrase in phrases if keys is None or key in keys else ():
            if NUMBER in phrase:
                sides.add(tuple(_re2_words(part.strip()) for part in phrase.split(NUMBER, 1)))
    both: dict[str, list[str]] = {}  # the words after "{n}" -> the words before it, of two-sided phrases
    for before, after in (side for side in sides if all(side)):
        both.setdefault(after, []).append(before)
    pairs = [(_ending_with(befores, capture), _starting_with([after], capture)) for after, befores in both.items()]
    only_before = [before for before, after in sides if before and not after]
    only_after = [after for before, after in sides if after and not before]
    pairs += [(_ending_with(only_before, capture), "")] if only_before else []
    pairs += [("", _starting_with(only_after, capture))] if only_after else []
    return tuple(sorted(pairs))


def _ending_with(bodies: list[str], capture: bool = False) -> str:
    body = "|".join(sorted(bodies, key=len, reverse=True))
    body = f"(?P<words>{body})" if capture else body
    return f"(?i)(?:^|[^\\pL\\pN_])(?:{body})\\s*$"


def _starting_with(bodies: list[str], capture: bool = False) -> str:
    whole_words = all(re.search(r"\w$", b) for b in bodies)
    body = "|".join(sorted(bodies, key=len, reverse=True))
    body = f"(?P<words>{body})" if capture else body
    return f"(?i)^\\s*(?:{body})(?:$|[^\\pL\\pN_])" if whole_words else f"(?i)^\\s*(?:{body})"


def _re2_words(words: str) -> str:
    """Words of a phrase as RE2: any white space between them, any apostrophe for another, a word
    ending in "*" every word that starts so."""
    body = []
    for token in re.split(r"(\s+)", words):
        if token.isspace():
            body.append("\\s+")
            continue
        stem = token.endswith("*") and len(token) > 1
        for character in token[:-1] if stem else token:
            body.append(f"[{APOSTROPHES}]" if character in APOSTROPHES else re.escape(character))
        if stem:
            body.append("[\\pL\\pN_]*")
    return "".join(body)
