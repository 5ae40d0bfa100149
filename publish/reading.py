"""A text as a person reads it, with the way back to the archived characters.

The archive keeps a text byte for byte; the number parser reads a copy normalised as a
person sees it, and every offset it finds is mapped back to the archive:
- composed characters (NFC): "triệu" written in decomposed form (NFD) is "triệu";
- invisible format characters (a soft hyphen, a zero-width space, a word joiner, a byte
  order mark: Unicode's category Cf) are not there: "5\u200b5 juta" reads "55 juta";
- every space character (Unicode's Zs: no-break, narrow, thin...) is a space;
- a vulgar fraction with an exact decimal is that decimal, after the digits it follows:
  "1½" reads "1,5" in a language with a decimal comma, "½" alone "0,5";
- what cannot be read unambiguously is UNREADABLE: a combining mark left on a digit or a
  space, a superscript digit after a digit ("55²": a footnote or a power?), a fraction
  without an exact decimal ("⅓"). The parser refuses a number it touches rather than read
  it as something else.
A text that needs none of this (nearly all) is its own reading, at the cost of one check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

# Where a sentence ends, wherever a sentence is read (validation, todo, review, drafting): a full
# stop, question or exclamation mark or an ellipsis before white space (not "4.475" or "18,3"), or a
# line break. No "$": searched up to a number, "$" would end a sentence at the number itself.
SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")

# What joins two numbers of one list, wherever a list is read (drafting, validation): a comma or one
# short word, or both, and no more than six characters ("3 dan 4", "3 and 4", "3, 4", "40, and 60",
# "3 và 4", "3 et 4", "3 і 4"). The figures of such a list share the unit said after its last one.
JOINED_NUMBERS = re.compile(r"\s*,?\s*(?:\w{1,4}\s*)?")
JOINED_WIDTH = 6


def joined(gap: str) -> bool:
    """Whether the text between two numbers joins them into one list (`JOINED_NUMBERS`)."""
    return len(gap) <= JOINED_WIDTH and JOINED_NUMBERS.fullmatch(gap) is not None

# Stands in the reading for a character that cannot be read unambiguously (a private-use
# character: no text means anything by it).
UNREADABLE = "\ue000"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass(frozen=True)
class Reading:
    text: str  # the text as read
    starts: np.ndarray | None  # per character of `text`: where it starts in the archive
    ends: np.ndarray | None  # per character of `text`: where it ends in the archive

    def archive_span(self, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The archive's offsets of spans of the reading (identity for a text read as it is)."""
        if self.starts is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


# What may change a text's reading, by Unicode category: a format character (Cf), a space other than
# the plain one (Zs), a combining mark (M), a fraction or superscript (No).
CHANGING = ("Cf", "Zs", "Mn", "Mc", "Me", "No")


def _may_change(text: str) -> bool:
    """Whether a character of `text` may change its reading (the ASCII ones never do)."""
    return any(unicodedata.category(c) in CHANGING for c in text if not c.isascii())


def _fraction_decimal(character: str) -> str | None:
    """The exact decimal of a vulgar fraction ("½" -> "5" after the decimal symbol), or None."""
    value = Fraction(unicodedata.numeric(character)).limit_denominator(100)
    digits = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(digits) != value or value >= 1:
        return None
    return str(digits.normalize())[2:]


def _is_vulgar_fraction(character: str) -> bool:
    return unicodedata.category(character) == "No" and "FRACTION" in unicodedata.name(character, "")


def read(text: str, decimal: str = ",") -> Reading:
    """The reading of `text`, with `decimal` the decimal symbol a fraction's digits follow."""
    if text.isascii() or unicodedata.is_normalized("NFC", text) and not _may_change(text):
        return Reading(text, None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end, cluster in _clusters(text):
        for character in _read_cluster(cluster, out, decimal):
            out.append(character)
            starts.append(start)
            ends.append(end)
    return Reading("".join(out), np.array(starts, dtype="int64"), np.array(ends, dtype="int64"))


# `CHANGING` as RE2 writes it, for Arrow to run over all texts at once without the interpreter.
SPECIAL_RE2 = r"[\p{Cf}\p{M}\p{No}]|[^ \P{Zs}]"


def read_all(texts: list[str], decimal: str = ","):
    """The readings of many texts, and the texts as read as one Arrow array: the few that need it
    are read one by one, the others are their own reading."""
    import pyarrow as pa
    import pyarrow.compute as pc

    strings = pa.array(texts, pa.large_string())
    special = pc.fill_null(pc.match_substring_regex(strings, SPECIAL_RE2), False).to_numpy(zero_copy_only=False)
    readings = [
        read(text, decimal) if flagged or not unicodedata.is_normalized("NFC", text) else Reading(text, None, None)
        for text, flagged in zip(texts, special, strict=True)
    ]
    if any(r.starts is not None for r in readings):
        strings = pa.array([r.text for r in readings], pa.large_string())
    return readings, strings


def _clusters(text: str):
    """Each base character with the combining marks after it: (start, end, characters)."""
    start = 0
    for at in range(1, len(text) + 1):
        if at == len(text) or not unicodedata.combining(text[at]) and unicodedata.category(text[at])[0] != "M":
            yield start, at, text[start:at]
            start = at


def _read_cluster(cluster: str, before: list[str], decimal: str) -> str:
    """What one cluster reads as, given what was read before it."""
    composed = unicodedata.normalize("NFC", cluster)
    base, marks = composed[0], composed[1:]
    category = unicodedata.category(base)
    if category == "Cf" and not marks:
        return ""
    if category == "Zs":
        base = " "
    elif base in SUPERSCRIPT_DIGITS and before and (before[-1].isascii() and before[-1].isdigit()):
        base = UNREADABLE
    elif _is_vulgar_fraction(base):
        digits = _fraction_decimal(base)
        after_digit = bool(before) and before[-1].isascii() and before[-1].isdigit()
        if digits is None or (after_digit and _has_decimal(before, decimal)):
            base = UNREADABLE
        else:
            base = (decimal if after_digit else "0" + decimal) + digits
    if marks and not base[-1].isalpha():
        return base + UNREADABLE  # a mark on a digit, a space or a sign: what did the writer mean?
    return base + marks


def _has_decimal(before: list[str], decimal: str) -> bool:
    """Whether the digits just read already hold a decimal symbol ("1,5½" cannot be read)."""
    at = len(before) - 1
    while at >= 0 and before[at].isascii() and before[at].isdigit():
        at -= 1
    return at >= 0 and before[at] == decimal and at > 0 and before[at - 1].isdigit()


def normalised(cell: str) -> str:
    """A cell (a quote, an exclusion's number) as it reads, to compare with a reading."""
    return read(cell).text
