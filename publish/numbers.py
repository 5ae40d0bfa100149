"""Find and read the numbers in a text, by the conventions of its language.

This is the one number parser of the package: provenance, completeness and
`publish todo` all read numbers through `find_numbers`, so a number is
understood the same way everywhere.

A number as found here is one claim-sized token: a plain number ("4.475"),
a range ("9-10%", "0,8 à 10 %"), a fraction ("63/63") or a date
("06/02/2025"), followed by any scale words ("1,9 мільйона мільярдів") and
a percent sign. Numbers inside URLs are not read: a URL is an address, and
the sources table records it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

# Scale words by language: the stem matches every inflection ("juta",
# "мільйона", "мільйонів", "milliards"). The French "billion" is 10^12.
SCALE_WORDS: dict[str, dict[str, float]] = {
    "id": {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12},
    "vi": {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9},
    "en": {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12},
    "fr": {"mille": 1e3, "million": 1e6, "milliard": 1e9, "billion": 1e12},
    "uk": {"тисяч": 1e3, "мільйон": 1e6, "мільярд": 1e9, "трильйон": 1e12},
}

# Words that join the two ends of a range written out ("de 0,8 à 10 %").
RANGE_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("hingga", "sampai"),
    "vi": ("đến",),
    "en": ("to",),
    "fr": ("à",),
    "uk": (),
}

SPACE_LIKE = " \u00a0\u202f"
URL = re.compile(r"https?://\S+")

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
    pattern: re.Pattern[str]
    scales: dict[str, float]

    def normalise(self, tokens: pd.Series) -> pd.Series:
        """Turn tokens written in this language into floats, column-wide."""
        cleaned = tokens.str.replace(f"[{re.escape(self.groups)}]", "", regex=True)
        if self.decimal != ".":
            cleaned = cleaned.str.replace(self.decimal, ".", regex=False)
        return pd.to_numeric(cleaned, errors="coerce")

    def decimals(self, tokens: pd.Series) -> pd.Series:
        digits = tokens.str.extract(f"{re.escape(self.decimal)}(\\d+)$", expand=False)
        return digits.str.len().fillna(0).astype("int64")


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
    group_class = f"[{re.escape(groups)}]"
    number = (
        rf"(?:\d{{1,3}}(?:{group_class}\d{{3}})+(?!\d)|\d+)"
        rf"(?:{re.escape(decimal)}\d+)?"
    )
    joiners = "|".join(["-", "–", *RANGE_WORDS[lang]])
    scale_words = "|".join(rf"{re.escape(stem)}\w*" for stem in SCALE_WORDS[lang])
    pattern = re.compile(
        rf"(?<!\d)(?P<raw>(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}})"
        rf"|(?P<a>{number})"
        rf"(?:[ ]?(?:{joiners})[ ]?(?P<b>{number})|/(?P<den>{number}))?)"
        rf"(?P<scale>(?:[ \u00a0](?:{scale_words})\b)*)"
        rf"(?P<pct>[ \u00a0\u202f]?%)?",
        re.IGNORECASE,
    )
    return NumberFormat(lang, decimal, groups, pattern, SCALE_WORDS[lang])


def scale_of(words: pd.Series, scales: dict[str, float]) -> pd.Series:
    """Multiply out the scale words after each number ("мільйона мільярдів" = 1e15)."""
    result = pd.Series(1.0, index=words.index)
    exploded = words.str.split().explode().dropna()
    if exploded.empty:
        return result
    stems = "|".join(re.escape(stem) for stem in scales)
    stem = exploded.str.lower().str.extract(f"^({stems})", expand=False)
    factors = stem.map(scales).astype(float)
    return result.mul(factors.groupby(level=0).prod(), fill_value=1.0)


def find_numbers(texts: pd.Series, language: str, symbols: str | None = None) -> pd.DataFrame:
    """Every number in each text of one language.

    `texts` is a Series of strings; the result has one row per number found,
    with `doc` the index label of its text and `start`/`end` its character
    offsets there. `value`, `upper` (the high end of a range) and
    `denominator` are the literal numbers; `scale` multiplies them into base
    units; `decimals` tells the precision the text gives. `symbols` is as in
    `number_format`.
    """
    fmt = number_format(language, symbols)
    if texts.empty:
        return pd.DataFrame(columns=COLUMNS)
    # One regular-expression pass over all texts of the language at once; the
    # separator cannot be part of a number, and offsets map back by bisection.
    separator = "\n\x00\n"
    joined = separator.join(texts.tolist())
    joined = URL.sub(lambda m: " " * len(m.group()), joined)
    lengths = texts.str.len().to_numpy() + len(separator)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    rows = [
        (m.start(), m.end(), *m.group("raw", "date", "a", "b", "den", "scale", "pct"))
        for m in fmt.pattern.finditer(joined)
    ]
    found = pd.DataFrame(rows, columns=["pos", "end_pos", "raw", "date", "a", "b", "den", "scale_word", "pct"])
    which = np.searchsorted(starts, found["pos"].to_numpy(), side="right") - 1
    found["doc"] = texts.index.to_numpy()[which]
    found["start"] = found["pos"] - starts[which]
    found["end"] = found["end_pos"] - starts[which]
    found["scale_word"] = found["scale_word"].fillna("").str.strip()
    is_date = found["date"].notna()
    found["form"] = np.select(
        [is_date, found["b"].notna(), found["den"].notna()],
        ["date", "range", "fraction"],
        "number",
    )
    found["value"] = fmt.normalise(found["a"].fillna(""))
    found["upper"] = fmt.normalise(found["b"].fillna(""))
    found["denominator"] = fmt.normalise(found["den"].fillna(""))
    found["decimals"] = fmt.decimals(found["a"].fillna(""))
    found["upper_decimals"] = fmt.decimals(found["b"].fillna(""))
    found["scale"] = scale_of(found["scale_word"], fmt.scales)
    found["percent"] = found["pct"].notna()
    return found[COLUMNS].reset_index(drop=True)
