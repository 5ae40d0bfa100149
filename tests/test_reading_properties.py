"""Properties of the number reader, over numbers written in each language's forms (separators,
scale words, compound amounts, number words, ranges, fractions), in sentences, with and without
invisible characters, in composed (NFC) and decomposed (NFD) form: the reader reads exactly the
written value or refuses the number, never another value and never two numbers."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish import languages
from publish.numbers import find_numbers, number_format

LANGUAGES = ("vi", "id", "en", "fr", "uk")
# Words around the number that are no number, scale word or qualifier in their language.
AROUND = {
    "vi": ("Tổng số", "tài khoản đã được kích hoạt"),
    "id": ("Jumlah", "akun telah diaktifkan"),
    "en": ("In total", "accounts were activated"),
    "fr": ("Au total", "comptes ont été activés"),
    "uk": ("Загалом", "рахунків активовано"),
}
INVISIBLE = ("", "\u200b", "\u00ad", "\u2060", "\ufeff")


def grouped(number: int, group: str) -> str:
    return f"{number:,}".replace(",", group)


@st.composite
def written(draw, language: str) -> tuple[str, float, int]:
    """A number as the language writes it: (its words, its value in base units, its precision digits)."""
    fmt = number_format(language)
    group = " " if " " in fmt.groups else fmt.groups[0]
    scales = languages.language(language).scale
    form = draw(st.sampled_from(["plain", "grouped", "decimal", "scaled", "compound", "word", "range", "fraction"]))
    if form == "word":
        lexicon = languages.number_words(language)
        word = draw(st.sampled_from(sorted(w for w in lexicon.words if w not in lexicon.lone)))
        return word, float(lexicon.words[word]), 0
    whole = draw(st.integers(1, 999_999 if form in ("plain", "grouped") else 999))
    if form == "plain":
        return str(whole), float(whole), 0
    if form == "grouped":
        return grouped(whole, group), float(whole), 0
    if form == "range":
        upper = whole + draw(st.integers(1, 99))
        return f"{whole}-{upper}", float(whole), 0
    if form == "fraction":
        return f"{whole}/{whole + draw(st.integers(0, 99))}", float(whole), 0
    digits = draw(st.integers(1, 99))
    decimal_text = f"{whole}{fmt.decimal}{digits:02d}"
    decimal_value = whole + digits / 100
    if form == "decimal":
        return decimal_text, decimal_value, 2
    word, factor = draw(st.sampled_from(sorted(scales.items())))
    if form == "scaled":
        return f"{decimal_text} {word}", decimal_value * factor, 2
    smaller = sorted((w, f) for w, f in scales.items() if f < factor)
    if not smaller:
        return f"{whole} {word}", whole * factor, 0
    second, second_factor = draw(st.sampled_from(smaller))
    part = draw(st.integers(1, int(factor / second_factor) - 1))
    return f"{whole} {word} {part} {second}", whole * factor + part * second_factor, 0


@st.composite
def said(draw, language: str, forms=None) -> tuple[str, float]:
    """A number of `language` (of these forms, if given) in a sentence of its words, perhaps with an
    invisible character inside its digits and in decomposed form: (the words, the value)."""
    number, value, _ = draw(written(language) if forms is None else written(language).filter(forms))
    invisible = draw(st.sampled_from(INVISIBLE))
    if invisible and number[0].isdigit():
        at = draw(st.integers(1, len(number)))
        number = number[:at] + invisible + number[at:]
    before, after = AROUND[language]
    words = f"{before} {number} {after}"
    return (unicodedata.normalize("NFD", words) if draw(st.booleans()) else words), value


@st.composite
def sentences(draw) -> tuple[str, str, float]:
    language = draw(st.sampled_from(LANGUAGES))
    words, value = draw(said(language))
    return language, words + ".", value


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_the_reader_reads_the_written_value_or_refuses_it(case):
    language, text, value = case
    found = find_numbers(pd.Series([text]), language)
    assert len(found) == 1, (text, found[["raw", "form"]].to_dict("records"))
    [row] = found.itertuples()
    # Every form written here is one its language reads: the reader reads it, to the last digit.
    assert row.form != "unreadable", text
    assert row.value * row.scale == pytest.approx(value, rel=1e-12), (text, row)


@st.composite
def foreign_decimals(draw) -> tuple[str, str]:
    """A decimal written with the other separator than its language's ("1.5 juta", "1,5 million")."""
    language = draw(st.sampled_from(LANGUAGES))
    fmt = number_format(language)
    other = "." if fmt.decimal == "," else ","
    whole, digits = draw(st.integers(0, 999)), draw(st.sampled_from(["5", "25", "05", "2500"]))
    word = draw(st.sampled_from(sorted(languages.language(language).scale)))
    before, after = AROUND[language]
    return language, f"{before} {whole}{other}{digits} {word} {after}."


@settings(deadline=None)
@given(foreign_decimals())
def test_a_decimal_in_the_other_format_is_one_number_read_or_refused(case):
    language, text = case
    found = find_numbers(pd.Series([text]), language)
    assert len(found) == 1, (text, found[["raw", "form"]].to_dict("records"))
    [row] = found.itertuples()
    # Read, it can only be the thousands its language groups ("1.250 juta"); otherwise refused.
    assert row.form == "unreadable" or row.raw.replace(".", "").replace(",", "").isdigit() and row.decimals == 0
