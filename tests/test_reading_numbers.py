"""The one number parser: locale separators, scale words, ranges, fractions."""

from __future__ import annotations

import pandas as pd
import pytest

from publish.numbers import UnknownLanguage, find_numbers


def numbers(text: str, language: str, symbols: str | None = None) -> list[tuple]:
    found = find_numbers(pd.Series([text]), language, symbols)
    return [
        (
            r.raw,
            r.form,
            r.value * r.scale,
            r.upper * r.scale if r.upper == r.upper else None,
            r.denominator if r.denominator == r.denominator else None,
            r.decimals,
        )
        for r in found.itertuples()
    ]


@pytest.mark.parametrize(
    ("language", "text", "raw", "scaled", "decimals"),
    [
        ("id", "dengan 4.475 prosedur", "4.475", 4475, 0),
        ("en", "with 4,475 integrated procedures", "4,475", 4475, 0),
        ("id", "mencapai 18,3%", "18,3", 18.3, 1),
        ("en", "reach 18.3%", "18.3", 18.3, 1),
        ("id", "sekitar 425.000 kali/hari", "425.000", 425000, 0),
        ("id", "mencapai 12,5 juta", "12,5", 12_500_000, 1),
        ("id", "sebesar 25 miliar dolar AS", "25", 25_000_000_000, 0),
        ("id", "lebih dari 24 triliun VND", "24", 24_000_000_000_000, 0),
        ("en", "reached 25 billion USD", "25", 25_000_000_000, 0),
        ("fr", "atteint 82,4 %", "82,4", 82.4, 1),
        ("fr", "plus de 55,25 millions de comptes", "55,25", 55_250_000, 2),
        ("fr", "25 milliards de dollars", "25", 25_000_000_000, 0),
        ("uk", "приблизно на 687 000 більше", "687 000", 687000, 0),
        ("uk", "687\u00a0000 домогосподарств", "687 000", 687000, 0),  # read as a person reads it: a space
        ("uk", "має 16,39 мільйона облікових записів", "16,39", 16_390_000, 2),
        ("uk", "328 мільйонів записів", "328", 328_000_000, 0),
        ("uk", "в 1,9 мільйона мільярдів донгів", "1,9", 1.9e15, 1),
        ("uk", "на суму 14,528 мільярда донгів", "14,528", 14.528e9, 3),
    ],
)
def test_reads_numbers_by_language(language, text, raw, scaled, decimals):
    [(found_raw, form, value, _, _, found_decimals)] = numbers(text, language)
    assert (found_raw, form, found_decimals) == (raw, "number", decimals)
    assert value == pytest.approx(scaled)


@pytest.mark.parametrize(
    ("language", "text", "raw", "scaled"),
    [
        ("id", "Dua layanan publik", "Dua", 2),
        ("id", "mengemukakan empat prioritas", "empat", 4),
        ("id", "dua puluh lima provinsi", "dua puluh lima", 25),
        ("id", "sebanyak dua juta orang", "dua", 2_000_000),
        ("id", "seratus ribu akun", "seratus", 100_000),
        ("en", "fifteen ministries", "fifteen", 15),
        ("en", "twenty-one provinces", "twenty-one", 21),
        ("en", "Twenty one provinces", "Twenty one", 21),
        ("en", "three million people", "three", 3_000_000),
        ("en", "two hundred thousand records", "two hundred", 200_000),
        ("fr", "deux services", "deux", 2),
        ("fr", "dix-sept provinces", "dix-sept", 17),
        ("fr", "vingt et une provinces", "vingt et une", 21),
        ("fr", "soixante et onze pays", "soixante et onze", 71),
        ("fr", "quatre-vingt mille comptes", "quatre-vingt", 80_000),
        ("fr", "neuf millions de comptes", "neuf", 9_000_000),
        ("uk", "три завдання", "три", 3),
        ("uk", "на двох населених пунктах", "двох", 2),
        ("uk", "дві тисячі осіб", "дві", 2000),
        ("uk", "двадцяти двох областей", "двадцяти двох", 22),
        ("uk", "п’ять мільйонів абонентів", "п’ять", 5_000_000),
        ("uk", "двоє дітей", "двоє", 2),
        ("vi", "hai nhóm giải pháp", "hai", 2),
        ("vi", "mười lăm tỉnh", "mười lăm", 15),
        ("vi", "Ba mươi mốt xã", "Ba mươi mốt", 31),
        ("vi", "năm triệu người", "năm", 5_000_000),
        ("vi", "hai mươi tư giờ", "hai mươi tư", 24),
    ],
)
def test_reads_spelled_out_cardinals_as_words(language, text, raw, scaled):
    [(found_raw, form, value, upper, denominator, decimals)] = numbers(text, language)
    assert (found_raw, form, upper, denominator, decimals) == (raw, "word", None, None, 0)
    assert value == pytest.approx(scaled)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("id", "salah satu dari sedikit negara, satu-satunya akun"),  # the words for one
        ("id", "kedua, ketiga kalinya, dua-duanya"),  # inside a word, bound to a word
        ("en", "one of the few countries, the only one"),
        ("en", "often, tenth, attention, twenty-first century, two-thirds"),
        ("fr", "un certain nombre, une fois"),
        ("fr", "septembre, centre, deuxième, dix-septième, deux-roues, un bâtiment neuf"),
        ("uk", "один з, одна з, сім'я, станом на, становить, сьома година"),
        ("vi", "một số, triển khai, bao nhiêu, năm nay, năm ngoái, hạ tầng"),
    ],
)
def test_words_that_are_not_cardinals_from_two_up_are_not_read(language, text):
    assert numbers(text, language) == []


def test_a_not_alone_word_is_read_before_a_scale_word_only():
    assert [r[0] for r in numbers("năm 2024 có năm triệu người và năm mươi xã", "vi")] == [
        "2024",
        "năm",
        "năm mươi",
    ]
    assert [r[0] for r in numbers("20 pour cent, cent mille, neuf cents", "fr")] == ["20", "cent", "neuf cents"]


def test_another_languages_symbols_with_this_languages_scale_words():
    [(raw, _, value, _, _, decimals)] = numbers("на суму 14,528 мільярда донгів", "uk", symbols="en")
    assert (raw, value, decimals) == ("14,528", 14_528_000_000_000, 0)


@pytest.mark.parametrize(
    ("language", "text", "raw", "low", "high"),
    [
        ("id", "target pertumbuhan 9-10% pada", "9-10", 9, 10),
        ("en", "growth of 3-5% per month", "3-5", 3, 5),
        ("fr", "croissance de 0,8 à 10 % .", "0,8 à 10", 0.8, 10),
    ],
)
def test_reads_ranges(language, text, raw, low, high):
    [(found_raw, form, value, upper, _, _)] = numbers(text, language)
    assert (found_raw, form, value, upper) == (raw, "range", pytest.approx(low), pytest.approx(high))


def test_reads_fractions_and_dates_as_one_number_each():
    assert [(r[0], r[1], r[2], r[4]) for r in numbers("виконала 244/656 завдань", "uk")] == [
        ("244/656", "fraction", 244, 656)
    ]
    assert [(r[0], r[1]) for r in numbers("Việt Nam06/02/2025 report", "en")] == [("06/02/2025", "date")]


def test_ordinals_and_names_are_numbers_too():
    assert [r[0] for r in numbers("the 10th meeting of Project 06, 71st place", "en")] == ["10", "06", "71"]
    assert [r[0] for r in numbers("pertemuan ke-10", "id")] == ["10"]


def test_skips_urls_and_keeps_offsets():
    text = "Sumber: https://example.org/202502/c6647ca/ dan 17 kementerian"
    found = find_numbers(pd.Series([text]), "id")
    assert found["raw"].tolist() == ["17"]
    assert text[found.at[0, "start"] : found.at[0, "end"]] == "17"


def test_offsets_point_into_each_text_of_a_batch():
    texts = pd.Series(["satu 12,5 juta", "dua 7%"], index=["a", "b"])
    found = find_numbers(texts, "id")
    assert found["raw"].tolist() == ["12,5", "dua", "7"]  # "satu" (one) is not read, "dua" (two) is
    assert found["doc"].tolist() == ["a", "b", "b"]
    for row in found.itertuples():
        assert texts[row.doc][row.start : row.start + len(row.raw)] == row.raw


def test_unknown_language_is_a_clear_error():
    with pytest.raises(UnknownLanguage, match="'de'"):
        find_numbers(pd.Series(["12,5 Millionen"]), "de")


@pytest.mark.parametrize(
    ("language", "text", "raws"),
    [
        # Where look-around decides: grouped digits followed by a digit (one number its language
        # cannot read, refused whole), a date followed by one.
        ("id", "naik 1.2345 unit", ["1.2345"]),
        ("id", "naik 1.234.5678 unit", ["1.234.5678"]),
        ("en", "on 06/02/20251 and 7", ["06/02/2025", "7"]),
        ("uk", "12 345678 осіб", ["12", "345678"]),
        # A URL ends at any white space, the no-break space too; numbers after it are read.
        ("en", "see https://example.org/a1\u00a0b 5 and 6%", ["5", "6"]),
        ("id", "teks\x00dengan 12 juta", ["12"]),
        # Number words: the character before a word belongs to the number before it, a word passed
        # over holds a space or a digit, or two words touch.
        ("id", "naik 5%dua kali", ["5", "dua"]),
        ("id", "dua tiga empat", ["dua", "tiga", "empat"]),
        ("en", "the twenty twos and 7", ["7"]),
        ("fr", "deux-trois5 et 6", ["5", "6"]),
        ("fr", "SIX-DOUZE milliard12", ["12"]),
        ("uk", "двадцять двохсотий, 8", ["8"]),
    ],
)
def test_numbers_where_the_fast_engine_defers_to_the_definition(language, text, raws, native_engine):
    plain = pd.Series(["nothing here but 3 and 4,5%", text, "dan 8"], index=["x", "y", "z"])
    found = find_numbers(plain, language)
    assert found.loc[found["doc"] == "y", "raw"].tolist() == raws
    assert found["doc"].tolist() == ["x"] * len(found.loc[found["doc"] == "x"]) + ["y"] * len(raws) + ["z"]
    for row in found.itertuples():
        assert plain[row.doc][row.start : row.start + len(row.raw)] == row.raw


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoàn thành 34/34 tỉnh", [("34/34", 34, 34)]),  # "tỉ" (billion) is not the start of "tỉnh"
        ("63 Tỉnh thành", [("63", 63, None)]),
        ("doanh thu 5 tỉ đồng", [("5", 5e9, None)]),
        ("đạt 2,5 Tỷ USD", [("2,5", 2.5e9, None)]),
        ("1 nghìn tỷ đồng và 12 triệu người", [("1", 1e12, None), ("12", 12e6, None)]),
        ("34 tỉnh và 5 tỉ", [("34", 34, None), ("5", 5e9, None)]),
        # "tỷ lệ" (ratio), "tỉ trọng" (share) and "tỷ giá" (exchange rate) are words of their own
        ("năm 2025 tỷ lệ hồ sơ đạt 45%", [("2025", 2025, None), ("45", 45, None)]),
        ("3 tỉ trọng, 15 tỷ USD và 7 tỷ giá", [("3", 3, None), ("15", 15e9, None), ("7", 7, None)]),
    ],
)
def test_vietnamese_scale_words_are_whole_syllables(text, expected):
    found = numbers(text, "vi")
    assert [(raw, value, denominator) for raw, _, value, _, denominator, _ in found] == expected


def by_the_definition(texts: pd.Series, language: str) -> list[tuple]:
    """Every number as Python's engine, with look-around, reads it: the definition of a number."""
    from publish.numbers import number_format

    pattern = number_format(language).pattern
    return [
        (doc, m.start(), m.end(), m.group("raw") or m.group("word") or m.groupdict().get("lone"))
        for doc, text in texts.items()
        for m in pattern.finditer(text)
        if m.group("url") is None
    ]


def archived_and_generated_texts(tmp_path) -> dict[str, list[str]]:
    import csv
    import sys

    from conftest import REPO

    texts: dict[str, list[str]] = {}
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    generate(400, tmp_path / "bench")
    for root in (REPO, tmp_path / "bench"):
        with (root / "datapackage" / "sources.csv").open(encoding="utf-8", newline="") as handle:
            for source in csv.DictReader(handle):
                text = (root / source["path"]).read_text(encoding="utf-8")
                texts.setdefault(source["language"].split("-")[0], []).append(text)
    return texts


# Texts with number words where the engines could part: at the start and end of a text, in
# upper case, read on into a longer word, bound by a hyphen or an apostrophe, next to digits,
# percent signs, URLs and scale words, and every word of every lexicon in a row.
SPELLED = {
    "id": [
        "Dua layanan, kedua, dua-duanya, 5%dua, dua5, tiga juta, DUA PULUH LIMA, dua puluhan, https://x.id/dua 2",
        "empat",
    ],
    "en": ["Two, twenty-first, twenty one, two-thirds, a-two, THREE million, 5%ten, often, ten10, https://x.org/two"],
    "fr": ["deux, septembre, dix-septième, vingt-et-un, quatre-vingt mille, neuf millions, neuf, cent, d'onze"],
    "uk": ["сім'я, двох, ДВАДЦЯТИ ДВОХ, п’ять тисяч, станом на, двоє, сто5, 3%три"],
    "vi": ["hai, khai, năm 2024, năm triệu, mười lăm, HAI MƯƠI TƯ, 5%hai, ba tỉnh, năm mươi"],
}


def every_number_word(language: str) -> str:
    from publish.languages import number_words

    return ", ".join(sorted(number_words(language).words)) + " " + " ".join(sorted(number_words(language).words))


@pytest.fixture
def native_engine(monkeypatch):
    """RE2 reads every text, however short (Python's engine reads short ones by default)."""
    import publish.numbers

    monkeypatch.setattr(publish.numbers, "PYTHON_READS_UP_TO", -1)


def test_both_engines_read_the_same_numbers_in_every_archived_and_generated_text(tmp_path, native_engine):
    texts = archived_and_generated_texts(tmp_path)
    texts["vi"] = [
        "hoàn thành 34/34 tỉnh, 5 tỉ đồng, 1 nghìn tỷ đồng, 06/02/2025 và 12 triệu người",
        "năm 2025 tỷ lệ đạt 45%, 15 tỷ USD, 7 tỷ giá",
        "2 tỷ 500 triệu đồng, 2 triệu rưỡi, 84.74 triệu, 55 million, Ngày 6.10, 20,81triệu, 2,65  triệu",
    ]
    # Compound amounts, halves, short and foreign scale words, longer words, other formats.
    more = {
        "en": ["US$25bn, 55m, two and a half million, 1,5 million, 55 millionaires, 2 billion 500 million, 3.5.6"],
        "id": ["1.5 juta, 2 miliar 500 juta, jutawan, 5 jutawan, 55 billion, 2 juta 3 miliar, dua setengah juta"],
        "fr": ["2 millions et demi, 3 millionnaires, 898 des 1.084, 25 Mds, 1,5.2"],
        "uk": ["5 тисячоліть, 2 млн, два з половиною мільйони, 2 мільярди 500 мільйонів, 5 тис."],
    }
    for language, extra in more.items():
        texts[language] = texts.get(language, []) + extra
    for language, words in SPELLED.items():
        texts[language] = texts.get(language, []) + words + [every_number_word(language)]
    assert {"id", "en", "fr", "uk"} <= set(texts)
    for language, batch in texts.items():
        series = pd.Series(batch, index=[f"{language}-{n}" for n in range(len(batch))])
        found = find_numbers(series, language)
        fast = list(zip(found["doc"], found["start"], found["end"], found["raw"], strict=True))
        assert fast == by_the_definition(series, language), language


def test_todo_lists_spelled_out_numbers_with_a_suggested_parse(project, tmp_path):
    import json

    from click.testing import CliRunner

    from publish.cli import cli

    article = tmp_path / "article.txt"
    article.write_text("Dua layanan publik telah diujicobakan untuk tiga juta orang.\n", encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    root = str(project.root)
    added = CliRunner().invoke(
        cli,
        ["add-source", str(article), "--project", root, "--url", "https://example.org/news/2"]
        + ["--publisher", "Berita", "--language", "id", "--event-date", "2024-07-10"],
        env=env,
    )
    assert added.exit_code == 0, added.output
    project.edit("sources", 2, event_id="report", event="A report", date_basis="stated: on the day")
    todo = CliRunner().invoke(cli, ["todo", "example-2024-id", "--project", root, "--format", "json"], env=env)
    assert [(t["raw"], t["form"], t["value"] * t["scale"], t["unit_word"]) for t in json.loads(todo.output)] == [
        ("Dua", "word", 2, "layanan"),
        ("tiga", "word", 3_000_000, "orang"),
    ]
    listed = CliRunner().invoke(cli, ["todo", "example-2024-id", "--project", root], env=env).output
    assert "'Dua' -> value 2; unit word layanan" in listed
    assert "'tiga' -> value 3,000,000; scale juta ×1,000,000; unit word orang" in listed
