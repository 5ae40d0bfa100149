"""Find and read the numbers in a text, by the conventions of its language.

This is the one number parser of the package: provenance, completeness and
`publish todo` all read numbers through `find_numbers`, so a number is
understood the same way everywhere.

A number as found here is one claim-sized token: a plain number ("4.475"),
a range ("9-10%", "0,8 à 10 %"), a fraction ("63/63") or a date
("06/02/2025"), followed by any scale words ("1,9 мільйона мільярдів") and
a percent sign. Numbers inside URLs are not read: a URL is an address, and
the sources table records it.

The pattern is written once for two engines. Python's `re`, with
look-around, is the definition. RE2, through Arrow, runs it without
look-around over whole columns, about ten times faster; where a number it
finds touches a digit or another number (the only places look-around can
decide), the whole text is read again by Python's engine, so both give the
same numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from publish.kernels import on_every_core, pandas_text

# Scale words by language: the stem matches every inflection ("juta",
# "мільйона", "мільйонів", "milliards"). The French "billion" is 10^12.
SCALE_WORDS: dict[str, dict[str, float]] = {
    "id": {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12},
    "vi": {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9},
    "en": {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12},
    "fr": {"mille": 1e3, "million": 1e6, "milliard": 1e9, "billion": 1e12},
    "uk": {"тисяч": 1e3, "мільйон": 1e6, "мільярд": 1e9, "трильйон": 1e12},
}

# Languages whose scale words are whole words that never inflect: a Vietnamese word is one
# syllable, so "tỉ" (billion) is not the start of "tỉnh" (province).
WHOLE_SCALE_WORDS = frozenset({"vi"})

# Words that join the two ends of a range written out ("de 0,8 à 10 %").
RANGE_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("hingga", "sampai"),
    "vi": ("đến",),
    "en": ("to",),
    "fr": ("à",),
    "uk": (),
}

SPACE_LIKE = " \u00a0\u202f"
# Python's `\s` (Unicode white space) spelt out, so that both regular-expression
# engines below stop a URL at the same character.
WHITE_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
URL = f"https?://[^{WHITE_SPACE}]+"
# Separates texts joined for one pass; it cannot be part of a number.
SEPARATOR = "\n\x00\n"

COLUMNS = [
    "doc",
    "start",
    "end",
    "raw",
    "form",
    "value",
    "upper",
    "denominator",
    "scale",
    "decimals",
    "upper_decimals",
    "percent",
    "scale_word",
]


class UnknownLanguage(ValueError):
    """A language the parser has no number conventions for."""


@dataclass(frozen=True)
class NumberFormat:
    language: str
    decimal: str
    groups: str
    scales: dict[str, float]
    pattern: re.Pattern[str]  # Python's engine: the definition of a number
    native: str  # the same for RE2 (Arrow), which has no look-around; see `_scan_native`
    parts: str  # RE2, anchored: the groups of one number already found


def supported_languages() -> list[str]:
    return sorted(SCALE_WORDS)


def base_language(tag: str) -> str:
    """The language subtag of a BCP 47 tag ("fr-CA" -> "fr")."""
    return tag.split("-")[0].lower()


def _known(language: str) -> str:
    lang = base_language(language)
    if lang not in SCALE_WORDS:
        raise UnknownLanguage(
            f"no number conventions for language {language!r}; known: {', '.join(supported_languages())}"
        )
    return lang


@cache
def number_format(language: str, symbols: str | None = None) -> NumberFormat:
    """The number conventions of a language: Babel's symbols plus our scale words.

    `symbols` names another language whose decimal and group symbols the text
    uses: a translation that kept the original's "14,528" next to Ukrainian
    scale words is read with `number_format("uk", symbols="en")`.
    """
    from babel.core import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    lang = _known(language)
    symbol_lang = _known(symbols) if symbols else lang
    try:
        decimal, group = get_decimal_symbol(symbol_lang), get_group_symbol(symbol_lang)
    except UnknownLocaleError as error:  # pragma: no cover - babel knows all of ours
        raise UnknownLanguage(str(error)) from error
    # Texts group thousands with a plain space where the locale prescribes a
    # no-break space, so any space-like character groups in those languages.
    groups = SPACE_LIKE if group in SPACE_LIKE else group
    python, native = (
        _number_pattern(lang, decimal, groups, engine_has_lookaround) for engine_has_lookaround in (True, False)
    )
    return NumberFormat(
        lang,
        decimal,
        groups,
        SCALE_WORDS[lang],
        pattern=re.compile(f"(?P<url>{URL})|{python}"),
        native=f"{URL}|{native}",
        parts=f"^{native}$",
    )


def _number_pattern(lang: str, decimal: str, groups: str, lookaround: bool) -> str:
    """One number, its scale words and percent sign, written once for both engines: with
    look-around for Python's, without it for RE2, where `_scan_native` checks the
    places look-around would have decided."""
    digit = "[0-9]"  # ASCII digits: what a number here is written with, and what floats parse
    not_after_digit = f"(?={digit})(?<!{digit})" if lookaround else ""  # the look-ahead lets `re` skip fast
    no_digit_next = f"(?!{digit})" if lookaround else ""
    group_class = "[" + "".join(re.escape(g) if g in r"\]^-." else g for g in groups) + "]"
    number = (
        f"(?:{digit}{{1,3}}(?:{group_class}{digit}{{3}})+{no_digit_next}|{digit}+)(?:{re.escape(decimal)}{digit}+)?"
    )
    joiners = "|".join(["-", "–", *RANGE_WORDS[lang]])
    letter = r"\w" if lookaround else r"[\pL\pN_]"  # Python's Unicode \w; RE2's \w is ASCII
    # A whole scale word ends where the word does; RE2, without look-ahead, reads on through the
    # word, and `_scan_native` sends such a text to Python's engine.
    ending = f"(?!{letter})" if lookaround and lang in WHOLE_SCALE_WORDS else f"{letter}*"
    scale_words = "|".join(f"{re.escape(stem)}{ending}" for stem in SCALE_WORDS[lang])
    return (
        f"(?i:{not_after_digit}(?P<raw>(?P<date>{digit}{{1,2}}/{digit}{{1,2}}/{digit}{{4}})"
        f"|(?P<a>{number})"
        f"(?:[ ]?(?:{joiners})[ ]?(?P<b>{number})|/(?P<den>{number}))?)"
        f"(?P<scale>(?:[ \u00a0](?:{scale_words}))*)"
        f"(?P<pct>[{SPACE_LIKE}]?%)?)"
    )


def _floats(tokens, fmt: NumberFormat):
    """Tokens written in this language as floats, column-wide in Arrow (nulls stay null)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tokens = pc.if_else(pc.equal(tokens, ""), pa.scalar(None, tokens.type), tokens)
    for group in fmt.groups:
        tokens = pc.replace_substring(tokens, group, "")
    if fmt.decimal != ".":
        tokens = pc.replace_substring(tokens, fmt.decimal, ".")
    return pc.cast(tokens, pa.float64()).to_numpy(zero_copy_only=False)


def _decimals(tokens, fmt: NumberFormat):
    """How many digits follow the decimal symbol (0 for a whole number or a missing token)."""
    import pyarrow.compute as pc

    # The decimal symbol is last but for digits (ASCII), so byte lengths count them.
    at = pc.find_substring(tokens, fmt.decimal).to_numpy(zero_copy_only=False)
    lengths = pc.binary_length(tokens).to_numpy(zero_copy_only=False)
    digits = lengths - at - len(fmt.decimal.encode())
    return np.where(np.nan_to_num(at, nan=-1) >= 0, np.nan_to_num(digits), 0).astype("int64")


def _scales(words, fmt: NumberFormat):
    """Multiply out the scale words after each number ("мільйона мільярдів" = 1e15): each word
    counts for the stem it starts with."""
    import pyarrow as pa
    import pyarrow.compute as pc

    factor = np.ones(len(words))
    worded = np.flatnonzero(pc.fill_null(pc.not_equal(words, ""), False).to_numpy(zero_copy_only=False))
    lowered = pc.utf8_lower(words.take(pa.array(worded)))
    for stem, scale in fmt.scales.items():
        count = pc.count_substring_regex(lowered, f"(?:^|[ \u00a0]){re.escape(stem)}")
        factor[worded] *= scale ** count.fill_null(0).to_numpy(zero_copy_only=False)
    return factor


def find_numbers(texts: pd.Series, language: str, symbols: str | None = None) -> pd.DataFrame:
    """Every number in each text of one language.

    `texts` is a Series of strings; the result has one row per number found,
    with `doc` the index label of its text and `start`/`end` its character
    offsets there. `value`, `upper` (the high end of a range) and
    `denominator` are the literal numbers; `scale` multiplies them into base
    units; `decimals` tells the precision the text gives. `symbols` is as in
    `number_format`.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    fmt = number_format(language, symbols)
    strings = pa.array(texts.tolist(), pa.large_string())
    found, unsure = _scan_native(strings, fmt)
    if len(unsure):
        redone = _scan_python(strings.take(unsure), fmt)
        redone = redone.set_column(0, "text", pa.array(unsure[redone["text"].to_numpy()]))
        kept = found.filter(pa.array(~np.isin(found["text"].to_numpy(), unsure)))
        found = pa.concat_tables([kept, redone]).sort_by([("text", "ascending"), ("start", "ascending")])
    words = found["scale"]
    a, b, den = found["a"], found["b"], found["den"]
    which = found["text"].to_numpy()
    return pd.DataFrame(
        {
            "doc": texts.index.to_numpy()[which],
            "start": found["start"].to_numpy(),
            "end": found["end"].to_numpy(),
            "raw": pandas_text(found["raw"]),
            "form": np.select(
                [_present(found["date"]), _present(b), _present(den)], ["date", "range", "fraction"], "number"
            ),
            "value": _floats(a, fmt),
            "upper": _floats(b, fmt),
            "denominator": _floats(den, fmt),
            "scale": _scales(words, fmt),
            "decimals": _decimals(a, fmt),
            "upper_decimals": _decimals(b, fmt),
            "percent": _present(found["pct"]),
            "scale_word": pandas_text(pc.utf8_trim_whitespace(found["scale"])),
        },
        index=pd.RangeIndex(len(found)),
        copy=False,
    )


GROUPS = ("raw", "date", "a", "b", "den", "scale", "pct")


def _present(column) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.fill_null(pc.not_equal(column, ""), False).to_numpy(zero_copy_only=False)


def _scan_native(strings, fmt: NumberFormat):
    """Every number of every text by RE2, column-wide in Arrow, and the texts to read again with
    Python's engine: those where a number touches a digit (or another number), the places where
    the look-around RE2 lacks could decide differently, and texts holding our marker character."""
    import pyarrow as pa
    import pyarrow.compute as pc

    marker = "\x00"
    has_marker = pc.fill_null(pc.match_substring(strings, marker), False).to_numpy(zero_copy_only=False)
    marked = on_every_core(pc.replace_substring_regex, strings, fmt.native, marker + "\\0" + marker)
    pieces = pc.split_pattern(marked, marker)  # gap, match, gap, match, ..., gap
    flat = pc.list_flatten(pieces)
    text = pc.list_parent_indices(pieces).to_numpy()
    first = pieces.offsets.to_numpy()[:-1]
    order = np.arange(len(flat)) - first[text]  # a piece's place in its text; odd = a match
    lengths = pc.utf8_length(flat).to_numpy()
    ends = np.cumsum(lengths)
    starts_in_text = ends - lengths - np.concatenate(([0], ends))[first][text]
    is_match = order % 2 == 1
    url = pc.starts_with(flat, "http").to_numpy(zero_copy_only=False)
    number = np.flatnonzero(is_match & ~url)
    digit_last = on_every_core(pc.match_substring_regex, flat, "[0-9]$").to_numpy(zero_copy_only=False)
    digit_first = on_every_core(pc.match_substring_regex, flat, "^[0-9]").to_numpy(zero_copy_only=False)
    # A text's pieces start and end with a gap, so every number has one on each side; an
    # empty gap between two matches means they touch.
    before, after = number - 1, number + 1
    touches = ((lengths[before] == 0) & (order[number] > 1)) | digit_last[before] | digit_first[after]
    touches |= (lengths[after] == 0) & (order[after] < pieces.value_lengths().to_numpy()[text[after]] - 1)
    unsure = np.union1d(np.unique(text[number[touches]]), np.flatnonzero(has_marker))
    matches = flat.take(pa.array(number))
    parts = on_every_core(pc.extract_regex, matches, fmt.parts)
    if fmt.language in WHOLE_SCALE_WORDS:  # a scale word read on into a longer word: "tỉnh"
        stems = "|".join(re.escape(stem) for stem in fmt.scales)
        longer = pc.match_substring_regex(parts.field("scale"), f"(?i)(?:{stems})[\\pL\\pN_]")
        longer = longer.fill_null(False).to_numpy(zero_copy_only=False)
        unsure = np.union1d(unsure, np.unique(text[number[longer]]))
    columns = {"text": pa.array(text[number]), "start": pa.array(starts_in_text[number])}
    columns["end"] = pa.array(starts_in_text[number] + lengths[number])
    columns.update({name: parts.field(name) for name in GROUPS})
    return _as_found(pa.table(columns)), unsure.astype("int64")


def _scan_python(strings, fmt: NumberFormat):
    """Every number of these texts by Python's engine (the definition of a number), in one
    pass over them joined, offsets mapped back by bisection."""
    import pyarrow as pa

    texts = strings.to_pylist()
    joined = SEPARATOR.join(texts)
    rows = [(*m.span(), *m.group(*GROUPS)) for m in fmt.pattern.finditer(joined) if m.group("url") is None]
    lengths = np.array([len(t) for t in texts]) + len(SEPARATOR)
    bases = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    columns = list(zip(*rows, strict=True)) if rows else [()] * (2 + len(GROUPS))
    start, end = np.array(columns[0], dtype="int64"), np.array(columns[1], dtype="int64")
    which = np.searchsorted(bases, start, side="right") - 1
    table = {"text": pa.array(which, pa.int64()), "start": pa.array(start - bases[which] if len(start) else start)}
    table["end"] = pa.array(end - bases[which] if len(end) else end)
    for name, values in zip(GROUPS, columns[2:], strict=True):
        table[name] = pa.array([v if v is not None else "" for v in values], pa.string())
    return _as_found(pa.table(table))


def _as_found(table):
    """Both engines' rows in one shape: text position, offsets, then each group as a string."""
    import pyarrow as pa

    schema = pa.schema([("text", pa.int64()), ("start", pa.int64()), ("end", pa.int64())])
    for name in GROUPS:
        schema = schema.append(pa.field(name, pa.string()))
    return table.cast(schema)
