"""The proof holds on any text: the number reader reads what a person reads, or refuses, and no
field of a row switches the proof off. Each class in more than one language."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from publish.numbers import find_numbers
from publish.validate import findings_of


def read(text: str, language: str) -> list[tuple[str, float]]:
    """(form, value in base units) of every number in the text."""
    found = find_numbers(pd.Series([text]), language)
    return [(row.form, row.value * row.scale) for row in found.itertuples()]


def values(text: str, language: str) -> list[float]:
    return [value for _, value in read(text, language)]


# --- 1. Unicode as a reader sees it ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("vi", "đạt 55 triệu tài khoản", 55e6),
        ("uk", "понад 55 мільйонів записів", 55e6),
        ("fr", "plus de 55,25 millions de comptes", 55.25e6),
    ],
)
def test_a_decomposed_text_reads_as_the_composed_one(language, text, value):
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text or language == "fr"
    assert values(decomposed, language) == [value]


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u2060", "\ufeff"])
@pytest.mark.parametrize(
    ("language", "text", "value"),
    [("id", "5{}5 juta akun", 55e6), ("vi", "5{}5 triệu thẻ", 55e6), ("en", "5{}5 million cards", 55e6)],
)
def test_an_invisible_character_inside_a_number_is_not_there(language, text, value, invisible):
    assert values(text.format(invisible), language) == [value]


@pytest.mark.parametrize("space", ["\u202f", "\u2009", "\u00a0", "\u2007"])
@pytest.mark.parametrize(
    ("language", "text", "value"),
    [("fr", "55,25{}millions", 55.25e6), ("uk", "16,39{}мільйона", 16.39e6), ("id", "12,5{}juta", 12.5e6)],
)
def test_any_space_between_a_number_and_its_scale_word_is_a_space(language, text, value, space):
    assert values(text.format(space), language) == [value]


def test_offsets_stay_those_of_the_archived_text():
    text = "Tổng cộng 5\u200b5 triệu thẻ và 1\u00ad200 tài khoản"
    found = find_numbers(pd.Series([unicodedata.normalize("NFD", text)]), "vi")
    archived = unicodedata.normalize("NFD", text)
    assert [archived[s:e] for s, e in zip(found["start"], found["end"], strict=True)] == [
        unicodedata.normalize("NFD", "5\u200b5 triệu"),
        "1\u00ad200",
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [("id", "5\u03015 juta"), ("en", "55\u0301 million"), ("vi", "55 \u0301triệu"), ("fr", "55²\u00a0millions")],
)
def test_a_mark_that_cannot_be_read_refuses_its_number(language, text):
    found = read(text, language)
    assert found and all(form == "unreadable" for form, _ in found)
    assert all(value != value for _, value in found)  # NaN: it proves nothing


# --- 2. Number forms real texts use ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("vi", "doanh thu 2 tỷ 500 triệu đồng", 2.5e9),
        ("id", "anggaran 2 miliar 500 juta rupiah", 2.5e9),
        ("uk", "2 мільярди 500 мільйонів гривень", 2.5e9),
        ("vi", "1 triệu 200 nghìn lượt", 1.2e6),
    ],
)
def test_a_compound_amount_is_one_number(language, text, value):
    assert values(text, language) == [value]


@pytest.mark.parametrize(("language", "text"), [("vi", "2 tỷ 1500 triệu đồng"), ("id", "2 juta 3 miliar")])
def test_a_compound_whose_parts_do_not_fit_is_refused(language, text):
    assert [form for form, _ in read(text, language)] == ["unreadable"]


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("vi", "khoảng 2 triệu rưỡi người", 2.5e6),
        ("en", "two and a half million people", 2.5e6),
        ("en", "2 and a half million people", 2.5e6),
        ("fr", "deux millions et demi de personnes", 2.5e6),
        ("uk", "два з половиною мільйони осіб", 2.5e6),
        ("id", "dua setengah juta orang", 2.5e6),
    ],
)
def test_a_half_is_read(language, text, value):
    assert values(text, language) == [value]


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "revenue of US$25bn", 25e9),
        ("en", "some 55m accounts", 55e6),
        ("en", "a 1.5mn budget", 1.5e6),
        ("uk", "5 тис. осіб", 5e3),
        ("uk", "2 млн гривень", 2e6),
        ("id", "Rp 5 jt", 5e6),
    ],
)
def test_short_scale_words(language, text, value):
    assert values(text, language) == [value]


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [("id", "1½ juta", 1.5e6), ("fr", "2¼ millions", 2.25e6), ("en", "½ million", 0.5e6)],
)
def test_a_vulgar_fraction_is_its_decimal(language, text, value):
    assert values(text, language) == [value]


@pytest.mark.parametrize(("language", "text"), [("vi", "⅓ dân số"), ("en", "⅔ of adults"), ("id", "1,5½ juta")])
def test_a_fraction_without_an_exact_decimal_is_a_refused_number(language, text):
    assert [form for form, _ in read(text, language)] == ["unreadable"]


@pytest.mark.parametrize(
    ("language", "text"),
    [("id", "1.5 juta akun"), ("en", "1,5 million accounts"), ("vi", "84.74 triệu thuê bao"), ("fr", "des 1.084")],
)
def test_a_number_in_another_languages_format_is_one_refusal_never_two_numbers(language, text):
    assert [form for form, _ in read(text, language)] == ["unreadable"]


def test_a_number_in_another_languages_format_reads_with_that_languages_symbols():
    found = find_numbers(pd.Series(["84.74 triệu thuê bao"]), "vi", symbols="en")
    assert list(found["value"] * found["scale"]) == [pytest.approx(84.74e6)]


# --- 3. Scale words are whole words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "55 millionaires", 55),
        ("id", "5 jutawan", 5),
        ("uk", "5 тисячоліть", 5),
        ("fr", "3 millionnaires", 3),
        ("vi", "5 tỉnh", 5),
    ],
)
def test_a_longer_word_is_no_scale_word(language, text, value):
    assert values(text, language) == [value]


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [("id", "55 million akun", 55e6), ("vi", "55 million tài khoản", 55e6), ("en", "55 juta accounts", 55e6)],
)
def test_another_languages_scale_word_is_not_ignored(language, text, value):
    assert values(text, language) == [value]


@pytest.mark.parametrize("language", ["id", "vi", "uk"])
def test_a_scale_word_two_languages_read_differently_is_refused(language):
    # "billion" is 10^9 in English and 10^12 in French: a third language's text cannot tell.
    assert [form for form, _ in read("55 billion", language)] == ["unreadable"]


# --- 4-6. Every part of a value is proved, no field switches the proof off, coverage is stated ---


def errors(project, rule: str) -> list[tuple[int, str]]:
    """Where `rule` fails in the project, as validate reports it (read from the checks of the rule alone)."""
    return [(f.row, f.field) for f in findings_of(project.root, rule)]


def add_sentence(project, seed: str, sentence: str) -> None:
    project.rewrite_seed(seed, project.seed(seed).read_text(encoding="utf-8") + sentence + "\n")


def growth_row(oid: str, source: str, value: str, quote: str, **extra) -> dict:
    return dict(
        observation_id=oid,
        indicator_id="growth",
        source_id=source,
        kind="actual",
        period_type="year",
        period_start="2024-01-01",
        period_end="2024-12-31",
        value=value,
        unit="percent_change",
        qualifier="exact",
        quote=quote,
        **extra,
    )


@pytest.mark.parametrize(
    ("seed", "sentence", "quote", "language_row"),
    [
        ("a.txt", "Dua layanan baru diluncurkan.", "Dua layanan baru", "a-id"),
        ("b.txt", "Deux services ont été lancés.", "Deux services", "b-fr"),
    ],
)
def test_a_spelled_out_number_is_proved_like_any_other(project, seed, sentence, quote, language_row):
    add_sentence(project, seed, sentence)
    row = dict(
        observation_id=f"{language_row}-09",
        indicator_id="accounts",
        source_id=language_row,
        kind="actual",
        period_type="point",
        period_start="2025-02-06",
        period_end="2025-02-06",
        value="7",
        unit="count",
        qualifier="exact",
        quote=quote,
        departure="spelled_out",
        note="written as a word",
    )
    project.append("observations", **row)
    assert errors(project, "quote.states_value") == [(10, "value")]
    project.edit("observations", 8, value="2")
    assert errors(project, "quote.states_value") == []


def test_a_quote_read_with_other_symbols_is_read_in_its_text(project):
    # "12.345 juta" read with English symbols is 12.345 million; a quote cut inside it states nothing.
    add_sentence(project, "a.txt", "Tercatat 12.345 juta transaksi.")
    row = dict(
        observation_id="a-id-09",
        indicator_id="accounts",
        source_id="a-id",
        kind="actual",
        period_type="point",
        period_start="2025-02-06",
        period_end="2025-02-06",
        value="345000000",
        unit="count",
        qualifier="exact",
        quote="345 juta transaksi",
        departure="foreign_number_format",
        parse_language="en",
        note="a decimal point",
    )
    project.append("observations", **row)
    assert errors(project, "quote.states_value") == [(10, "value")]
    project.edit("observations", 8, quote="12.345 juta transaksi", value="12345000")
    assert errors(project, "quote.states_value") == []


@pytest.mark.parametrize(("index", "row", "value"), [(0, 2, "25000000010"), (6, 8, "25000001000")])
def test_exact_means_the_figures_own_digits(project, index, row, value):
    project.edit("observations", index, value=value)  # "25 miliar", "25 milliards": not a thousand more
    assert (row, "value") in errors(project, "quote.states_value")


def test_a_whole_is_never_the_value(project):
    project.edit("observations", 4, value="193", denominator="")  # "ke-71 dari 193 negara"
    assert errors(project, "quote.states_value") == [(6, "value")]


@pytest.mark.parametrize(
    ("language", "sentence", "quote", "value", "unit", "whole"),
    [
        # A whole only in the words that make one, after the number too: "pour 1 000 habitants", not
        # "pour 12 projets"; "out of 193", not "from 20%".
        ("fr", "La ville a remis 5 prix pour 12 projets.", "5 prix pour 12 projets", "12", "count", False),
        ("fr", "Elle compte 5 lits pour 1 000 habitants.", "5 lits pour 1 000 habitants", "1000", "count", True),
        ("en", "In 2024 it went from 20% to 25%.", "In 2024 it went from 20% to 25%", "20", "percent", False),
        ("en", "It ranked 71st out of 193 countries.", "71st out of 193 countries", "193", "count", True),
    ],
)
def test_a_number_is_a_whole_only_in_the_whole_words_of_its_language(
    project, language, sentence, quote, value, unit, whole
):
    from conftest import archived_row

    project.append("sources", **archived_row(project, f"c-{language}", "c.txt", language, sentence, "2025-02-06"))
    row = growth_row(f"c-{language}-01", f"c-{language}", value, quote, denominator="")
    project.append("observations", **dict(row, indicator_id="accounts", unit=unit))
    assert bool(errors(project, "quote.states_value")) == whole


@pytest.mark.parametrize(
    ("seed", "source", "sentence", "quote"),
    [
        ("a.txt", "a-id", "Ekspor tumbuh 7% tahun lalu.", "Ekspor tumbuh 7%"),
        ("b.txt", "b-fr", "Les exportations ont augmenté de 7 % l'an dernier.", "ont augmenté de 7 %"),
    ],
)
def test_a_growth_rate_filed_as_a_level_keeps_the_sign_of_its_words(project, seed, source, sentence, quote):
    add_sentence(project, seed, sentence)
    project.append("observations", **growth_row(f"{source}-09", source, "-7", quote))
    assert errors(project, "quote.states_sign") == [(10, "value")]
    project.edit("observations", 8, value="7")
    assert errors(project, "quote.states_sign") == []


@pytest.mark.parametrize(("index", "row", "qualifier"), [(2, 4, "less_than"), (7, 9, "exact"), (0, 2, "about")])
def test_the_qualifier_is_what_the_quote_says(project, index, row, qualifier):
    # "Hampir 60 juta" is nearly, "plus de 65,25 millions" more than, "mencapai 25 miliar" exact.
    project.edit("observations", index, qualifier=qualifier)
    assert errors(project, "quote.states_qualifier") == [(row, "qualifier")]


@pytest.mark.parametrize(("index", "row", "unit"), [(3, 5, "count"), (2, 4, "percent")])
def test_the_percent_sign_is_the_unit(project, index, row, unit):
    project.edit("observations", index, unit=unit)  # a share filed as a count, a count as a share
    assert errors(project, "quote.states_unit") == [(row, "unit")]


def test_a_quote_covers_only_the_numbers_it_states(project):
    from conftest import TEXT_ID

    whole_line = TEXT_ID.splitlines()[0]  # "Pada tahun 2024, pendapatan mencapai 25 miliar dolar AS, ..."
    project.edit("observations", 0, quote=whole_line)
    project.drop("exclusions", 0)  # the year 2024 now lies only inside the observation's quote
    assert errors(project, "coverage.uncovered") == [(1, None)]


@pytest.mark.parametrize(
    ("seed", "source", "sentence", "quote", "qualifier"),
    [
        # "tidak lebih dari" (no more than) ends with "lebih dari" (more than): the longer words say it.
        ("a.txt", "a-id", "Pertumbuhan tahun lalu tidak lebih dari 7%.", "tidak lebih dari 7%", "up_to"),
        ("b.txt", "b-fr", "La croissance a été de pas plus de 7 % l'an dernier.", "pas plus de 7 %", "up_to"),
        ("a.txt", "a-id", "Pertumbuhan tahun lalu lebih dari 7%.", "lebih dari 7%", "more_than"),
    ],
)
def test_the_qualifier_is_that_of_the_longest_words_beside_the_number(
    project, seed, source, sentence, quote, qualifier
):
    add_sentence(project, seed, sentence)
    project.append("observations", **{**growth_row(f"{source}-09", source, "7", quote), "qualifier": qualifier})
    assert errors(project, "quote.states_qualifier") == []
    other = "more_than" if qualifier == "up_to" else "up_to"
    project.edit("observations", 8, qualifier=other)
    assert errors(project, "quote.states_qualifier") == [(10, "qualifier")]


@pytest.mark.parametrize(
    ("sentence", "quote", "qualifier"),
    [
        # "từ {n} trở lên" (at least) needs its words on both sides: "từ 4% lên 5%" is from 4% to 5%.
        ("Tỷ lệ này tăng từ 4% lên 5%.", "tăng từ 4% lên 5%", "exact"),
        ("Có 30 tỉnh đạt từ 4% trở lên.", "đạt từ 4% trở lên", "at_least"),
    ],
)
def test_a_qualifier_phrase_holds_a_number_only_with_all_its_words(project, sentence, quote, qualifier):
    from conftest import archived_row

    project.append("sources", **archived_row(project, "c-vi", "c.txt", "vi", sentence, "2025-02-06"))
    row = growth_row("c-vi-01", "c-vi", "4", quote)
    project.append("observations", **{**row, "indicator_id": "access_share", "unit": "percent", "qualifier": qualifier})
    assert errors(project, "quote.states_qualifier") == []
    project.edit("observations", len(project.rows("observations")) - 1, qualifier="about")
    assert errors(project, "quote.states_qualifier") != []


@pytest.mark.parametrize(
    ("language", "sentence", "quote", "unit", "percent"),
    [
        # The figures of a list share the percent said after its last one, as a reader reads them.
        ("en", "Shares were 96, 85 and 81 percent.", "96, 85 and 81 percent", "percent", True),
        ("vi", "Tỷ lệ lần lượt là 96, 85 và 81%.", "96, 85 và 81%", "percent", True),
        ("fr", "Les parts sont de 96, 85 et 81 %.", "96, 85 et 81 %", "percent", True),
        # Not across words of their own: "96 provinces and 81%" are a count and a share.
        ("en", "There were 96 provinces and 81 percent.", "96 provinces and 81 percent", "percent", False),
    ],
)
def test_a_figure_of_a_list_shares_the_percent_of_its_last_figure(project, language, sentence, quote, unit, percent):
    from conftest import archived_row

    project.append("sources", **archived_row(project, f"c-{language}", "c.txt", language, sentence, "2025-02-06"))
    row = growth_row(f"c-{language}-01", f"c-{language}", "96", quote)
    project.append("observations", **{**row, "indicator_id": "access_share", "unit": unit})
    assert (errors(project, "quote.states_unit") == []) == percent
