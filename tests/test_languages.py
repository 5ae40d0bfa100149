"""The language files: each loads and has every class of words, and the words say what they
should in sentences of the language."""

from __future__ import annotations

import csv
import json
import re

import pytest
from conftest import REPO

from publish.languages import SPELLED_OUT, WORD_CLASSES, codes, language, number_words
from publish.languages.checklist import CLASSES
from publish.languages.words import find_words, keys_in, phrase_pattern
from publish.numbers import number_format, supported_languages

LANGUAGES = ["en", "fr", "id", "uk", "vi"]


def schema_enum(field: str, table: str = "observations") -> set[str]:
    schema = json.loads((REPO / "schemas" / f"{table}.schema.json").read_text(encoding="utf-8"))
    return {value for f in schema["fields"] if f["name"] == field for value in f["constraints"]["enum"]}


def unit_ids() -> set[str]:
    with (REPO / "datapackage" / "units.csv").open(encoding="utf-8", newline="") as handle:
        return {row["unit_id"] for row in csv.DictReader(handle)}


# The keys every language file gives each class, named as the tables name them: the loader's checklist.
KEYS = {word_class: set(keys) for word_class, keys in CLASSES.items()}


def test_there_is_a_file_for_every_language_the_parser_reads():
    assert codes() == LANGUAGES
    assert supported_languages() == LANGUAGES
    assert set(schema_enum("parse_language")) == set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_file_loads_and_has_every_class(code):
    spoken = language(code)
    assert spoken.code == code and spoken.name
    assert spoken.scale and all(factor >= 1000 for factor in spoken.scale.values())
    assert set(spoken.classes) == set(WORD_CLASSES)
    for word_class in WORD_CLASSES:
        phrases = spoken.phrases(word_class)
        assert set(phrases) == KEYS[word_class], word_class
        assert all(phrases.values()), word_class
        assert find_words(code, word_class, "") == []  # every phrase is read, and none stands in no text
        for phrase in (phrase for listed in phrases.values() for phrase in listed):
            re.compile(phrase_pattern(phrase, "[0-9]+"))  # every phrase compiles (its number stood in for)


def test_the_keys_are_the_values_the_tables_take():
    assert KEYS["qualifiers"] == schema_enum("qualifier") - {"exact"}  # every qualifier has its words
    assert KEYS["kinds"] <= schema_enum("kind")
    assert KEYS["units"] <= unit_ids()
    assert KEYS["excluded"] <= schema_enum("category", "exclusions")


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_lexicon_of_number_words_is_generated_for_every_language(code):
    lexicon = number_words(code)
    assert set(lexicon.words.values()) == set(SPELLED_OUT)  # two to ninety-nine, the round hundreds
    assert 1 not in lexicon.words.values()  # the words for one are not read
    spoken = language(code)
    for word in {w for key in lexicon.words for w in key.split()}:
        assert word not in spoken.range_words
        assert not any(word.startswith(stem) for stem in spoken.scale), word  # a scale word stays one
    generated = " | ".join(lexicon.words)
    for form in spoken.forms:  # every form names words num2words writes
        assert re.search(rf"(?:^| ){re.escape(form)}(?: |$)", generated), form


def test_lexicon_sizes():
    sizes = {code: len(number_words(code).words) for code in LANGUAGES}
    assert sizes["id"] == sizes["en"] == len(SPELLED_OUT)  # one spelling each
    assert sizes["fr"] > len(SPELLED_OUT)  # vingt et une, quatre-vingt, deux cent
    assert sizes["vi"] > len(SPELLED_OUT)  # hai mươi tư
    assert sizes["uk"] > 10 * len(SPELLED_OUT)  # every case of every word: двадцяти двох


def test_ukrainian_number_words_decline():
    words = number_words("uk").words
    assert [words[w] for w in ("два", "дві", "двох", "двома", "двадцяти двох", "двохсот", "п'ятьма")] == [
        2,
        2,
        2,
        2,
        22,
        200,
        5,
    ]


def test_not_alone_words_are_read_only_in_longer_numbers():
    assert number_words("vi").lone == {"năm"}
    assert number_words("fr").lone == {"neuf", "cent"}
    assert number_words("vi").words["năm mươi"] == 50


def keys(code: str, word_class: str, text: str) -> list[str]:
    return keys_in(code, word_class, text)


@pytest.mark.parametrize(
    ("code", "sentence", "key"),
    [
        ("id", "lebih dari 87,7 juta kartu", "more_than"),
        ("id", "hampir 60 juta akun", "nearly"),
        ("id", "sekitar 425.000 kali", "about"),
        ("id", "setidaknya 20 juta orang", "at_least"),
        ("id", "akun level 2 ke atas", "at_least"),
        ("id", "paling banyak 5 aplikasi", "up_to"),
        ("id", "anak di bawah 6 tahun", "less_than"),
        ("en", "more than 2.5 million people", "more_than"),
        ("en", "nearly 60 million accounts", "nearly"),
        ("en", "about 425,000 times", "about"),
        ("en", "at least 20 million people", "at_least"),
        ("en", "among the top 10 countries", "up_to"),
        ("en", "fewer than five cases", "less_than"),
        ("fr", "plus de 55,25 millions de comptes", "more_than"),
        ("fr", "près de 60 millions de comptes", "nearly"),
        ("fr", "une augmentation d'environ 20 %", "about"),
        ("fr", "au moins 20 millions de personnes", "at_least"),
        ("fr", "parmi les 10 pays", "up_to"),
        ("fr", "moins de cinq cas", "less_than"),
        ("uk", "понад 3,8 мільйона абонентів", "more_than"),
        ("uk", "майже 60 мільйонів", "nearly"),
        ("uk", "приблизно на 687 000 більше", "about"),
        ("uk", "щонайменше 20 мільйонів осіб", "at_least"),
        ("uk", "не більше ніж п'ять завдань", "up_to"),
        ("uk", "менше ніж 10 відсотків", "less_than"),
        ("vi", "hơn 87,7 triệu thẻ", "more_than"),
        ("vi", "gần 60 triệu tài khoản", "nearly"),
        ("vi", "khoảng 425.000 lượt", "about"),
        ("vi", "ít nhất 20 triệu người", "at_least"),
        ("vi", "top 10 quốc gia", "up_to"),
        ("vi", "trẻ em dưới 6 tuổi", "less_than"),
    ],
)
def test_qualifier_words(code, sentence, key):
    [found] = find_words(code, "qualifiers", sentence)
    assert found.key == key
    assert number_format(code).pattern.search(found.text)  # the qualifier holds its number


def test_a_qualifier_needs_its_number():
    assert keys("en", "qualifiers", "more than ever, over the years") == []
    assert keys("id", "qualifiers", "tidak lebih dari 5 kali") == ["up_to"]  # the longest phrase wins


@pytest.mark.parametrize(
    ("code", "sentence", "key"),
    [
        ("id", "target pertumbuhan ekonomi 9-10%", "target"),
        ("id", "diperkirakan mencapai 18,3%", "estimate"),
        ("en", "the economic growth target of 9-10%", "target"),
        ("en", "is estimated to reach 18.3%", "estimate"),
        ("fr", "l'objectif de croissance de 10 %", "target"),
        ("fr", "estimé à 18,3 %", "estimate"),
        ("uk", "цільовий показник на 2025 рік", "target"),
        ("uk", "оцінюється в 18,3%", "estimate"),
        ("vi", "phấn đấu đạt 20%", "target"),
        ("vi", "ước đạt 18,3%", "estimate"),
    ],
)
def test_kind_words(code, sentence, key):
    assert keys(code, "kinds", sentence) == [key]


@pytest.mark.parametrize(
    ("code", "sentence", "key"),
    [
        ("id", "meningkat 58,6% dibandingkan tahun 2023", "up"),
        ("id", "turun 5 peringkat", "down"),
        ("en", "up 15 places", "up"),
        ("en", "fell by 3%", "down"),
        ("fr", "une augmentation de 2,5 fois", "up"),
        ("fr", "en baisse de 3 %", "down"),
        ("uk", "зросте на 22,4%", "up"),
        ("uk", "скоротився на 3%", "down"),
        ("vi", "tăng 20%", "up"),
        ("vi", "giảm 3%", "down"),
    ],
)
def test_change_words(code, sentence, key):
    assert keys(code, "changes", sentence) == [key]


@pytest.mark.parametrize(
    ("code", "sentence", "key"),
    [
        ("id", "naik 15 peringkat dibandingkan dengan tahun 2022", "compared"),
        ("id", "periode yang sama tahun lalu", "same_period"),
        ("en", "up 15 places compared to 2022", "compared"),
        ("en", "the same period of 2023", "same_period"),
        ("fr", "une progression de 15 places par rapport à 2022", "compared"),
        ("fr", "la même période de 2023", "same_period"),
        ("uk", "на 14 більше порівняно з кінцем 2023 року", "compared"),
        ("uk", "за аналогічний період 2023 року", "same_period"),
        ("vi", "tăng 15 bậc so với năm 2022", "compared"),
        ("vi", "cùng kỳ năm trước", "same_period"),
    ],
)
def test_compared_period_phrases(code, sentence, key):
    assert keys(code, "compared", sentence) == [key]


@pytest.mark.parametrize(
    ("code", "sentence", "key"),
    [
        ("id", "dalam 6 bulan pertama tahun 2023", "first_half"),
        ("id", "Saat ini, 90% orang", "current"),
        ("id", "pada akhir tahun 2023", "year_end"),
        ("en", "the first six months of 2024", "first_half"),
        ("en", "To date, over 87.7 million cards", "current"),
        ("en", "at the end of 2023", "year_end"),
        ("fr", "au premier semestre 2024", "first_half"),
        ("fr", "à ce jour, 55 millions de comptes", "current"),
        ("fr", "fin 2023", "year_end"),
        ("uk", "за перші 6 місяців року", "first_half"),
        ("uk", "На сьогоднішній день портал надав", "current"),
        ("uk", "наприкінці 2023 року", "year_end"),
        ("vi", "6 tháng đầu năm 2024", "first_half"),
        ("vi", "hiện nay có 90% người", "current"),
        ("vi", "đến cuối năm 2023", "year_end"),
        ("vi", "tính đến hết tháng 3/2025", "as_of"),
        ("en", "as of March 2025", "as_of"),
        ("fr", "à fin mars 2025", "as_of"),
        ("vi", "trong tháng 3/2025", "during"),
        ("en", "during March 2025", "during"),
        ("uk", "протягом березня 2025 року", "during"),
        ("vi", "9 tháng đầu năm 2024", "first_months"),
        ("en", "the first 9 months of 2024", "first_months"),
        ("id", "9 bulan pertama 2024", "first_months"),
    ],
)
def test_period_words(code, sentence, key):
    assert keys(code, "periods", sentence) == [key]


@pytest.mark.parametrize(
    ("code", "sentence", "key", "words"),
    [
        ("id", "mencapai 18,3%", "percent", "18,3%"),
        ("id", "naik 2,6 poin persentase", "percentage_point", "2,6 poin persentase"),
        ("id", "sebesar 25 miliar dolar AS", "usd", "25 miliar dolar AS"),
        ("id", "total 24 triliun VND", "vnd", "24 triliun VND"),
        ("id", "dua kali lebih tinggi", "times", "dua kali"),
        ("id", "sekitar 425.000 kali/hari", "count_per_day", "425.000 kali/hari"),
        ("id", "naik ke peringkat ke-71", "rank", "ke-71"),
        ("en", "reach 18.3%", "percent", "18.3%"),
        ("en", "up 2.6 percentage points", "percentage_point", "2.6 percentage points"),
        ("en", "reached 25 billion USD", "usd", "25 billion USD"),
        ("en", "more than 24 trillion VND", "vnd", "24 trillion VND"),
        ("en", "three times higher", "times", "three times"),
        ("en", "about 425,000 times/day", "count_per_day", "425,000 times/day"),
        ("en", "rise to 71st place", "rank", "71st"),
        ("fr", "a atteint 82,4 %", "percent", "82,4 %"),
        ("fr", "de 2,6 points de pourcentage", "percentage_point", "2,6 points de pourcentage"),
        ("fr", "atteindra 25 milliards de dollars", "usd", "25 milliards de dollars"),
        ("fr", "plus de 24 billions de dongs", "vnd", "24 billions de dongs"),
        ("fr", "une augmentation de 2,5 fois", "times", "2,5 fois"),
        ("fr", "environ 425 000 par jour", "count_per_day", "425 000 par jour"),
        ("fr", "à la 71e place", "rank", "71e place"),
        ("uk", "частка становить 18,3%", "percent", "18,3%"),
        ("uk", "на 2,6 відсоткового пункту", "percentage_point", "2,6 відсоткового пункту"),
        ("uk", "25 мільярдів доларів США", "usd", "25 мільярдів доларів США"),
        ("uk", "на суму 14,528 мільярда донгів", "vnd", "14,528 мільярда донгів"),
        ("uk", "у три рази більше", "times", "три рази"),
        ("uk", "425 000 разів на добу", "count_per_day", "425 000 разів на добу"),
        ("uk", "посів 71-е місце", "rank", "71-е місце"),
        ("vi", "đạt 18,3%", "percent", "18,3%"),
        ("vi", "tăng 2,6 điểm phần trăm", "percentage_point", "2,6 điểm phần trăm"),
        ("vi", "đạt 25 tỷ USD", "usd", "25 tỷ USD"),
        ("vi", "hơn 24 nghìn tỷ đồng", "vnd", "24 nghìn tỷ đồng"),
        ("vi", "cao gấp 3 lần", "times", "3 lần"),
        ("vi", "khoảng 425.000 lượt/ngày", "count_per_day", "425.000 lượt/ngày"),
        ("vi", "xếp thứ 71", "rank", "thứ 71"),
    ],
)
def test_unit_words(code, sentence, key, words):
    assert [(found.key, found.text) for found in find_words(code, "units", sentence)] == [(key, words)]


def test_phrases_are_whole_words():
    assert keys("vi", "changes", "hạ tầng") == []  # "tầng" is not "tăng"
    assert keys("en", "kinds", "the targeted aims") == ["target", "target"]  # a stem reads its inflections
    assert keys("en", "kinds", "untargeted") == []
    assert keys("uk", "changes", "ЗРОСТЕ на 5%") == ["up"]  # case does not matter
    assert keys("fr", "kinds", "l’objectif fixé") == ["target"]  # after an elided article


def test_an_unknown_class_is_a_clear_error():
    with pytest.raises(KeyError, match="'moods'"):
        find_words("en", "moods", "happy")


def test_a_language_file_is_read_once_and_an_unknown_one_is_a_clear_error():
    from publish.languages import LanguageDataError

    assert language("id") is language("id")
    with pytest.raises(LanguageDataError, match="'de'"):
        language("de")


@pytest.mark.parametrize(
    ("code", "sentence", "key"),
    [
        ("id", "ketika angkanya 79,6%", "baseline"),
        ("en", "when it was 79.6%", "baseline"),
        ("fr", "82,4 % contre 79,6 %", "baseline"),
        ("uk", "коли цей показник становив 79,6%", "baseline"),
        ("vi", "tăng từ 79,6% lên 82,2%", "baseline"),
    ],
)
def test_baseline_words(code, sentence, key):
    assert key in keys(code, "kinds", sentence)


@pytest.mark.parametrize(
    ("code", "sentence", "word_class", "key"),
    [
        ("id", "tingkat pertumbuhan melebihi 20%", "growth", "rate"),
        ("en", "a growth rate exceeding 20%", "growth", "rate"),
        ("fr", "un taux de croissance de 20 %", "growth", "rate"),
        ("uk", "темпи зростання понад 20%", "growth", "rate"),
        ("vi", "tốc độ tăng trưởng trên 20%", "growth", "rate"),
        ("id", "peringkat ke-71 dari 193 negara", "out_of", "of"),
        ("en", "71st place out of 193 countries", "out_of", "of"),
        ("fr", "la 71e place sur 193 pays", "out_of", "of"),
        ("uk", "71-е місце з 193 країн", "out_of", "of"),
        ("vi", "xếp thứ 71 trên 193 quốc gia", "out_of", "of"),
        ("id", "naik 15 peringkat", "ranking", "rank"),
        ("en", "up 15 places", "ranking", "rank"),
        ("fr", "une progression de 15 places", "ranking", "rank"),
        ("uk", "піднявся на 15 місць", "ranking", "rank"),
        ("vi", "tăng 15 bậc", "ranking", "rank"),
        ("en", "the 10 fastest-growing countries", "ranking", "top"),
        ("vi", "top 10 quốc gia", "ranking", "top"),
        ("id", "10 negara dengan pertumbuhan tertinggi", "ranking", "top"),
        ("en", "from July 2024", "periods", "from"),
        ("vi", "từ tháng 7/2024", "periods", "from"),
    ],
)
def test_growth_denominator_ranking_and_from_words(code, sentence, word_class, key):
    assert key in keys(code, word_class, sentence)


@pytest.mark.parametrize(
    ("code", "sentence", "key"),
    [
        ("id", "Proyek 06 pemerintah", "name"),
        ("en", "Project 06 of the Government", "name"),
        ("fr", "le Projet 06", "name"),
        ("uk", "реалізації Проєкту 06", "name"),
        ("vi", "triển khai Đề án 06", "name"),
        ("en", "Comment (0)", "page"),
        ("id", "Komentar (0)", "page"),
        ("vi", "Bình luận (0)", "page"),
        ("en", "the first 6 months of 2023", "period"),
        ("uk", "перших 6 місяців", "period"),
        ("vi", "trong 6 tháng đầu năm", "period"),
        ("en", "the completion of 5 groups of issues", "list_count"),
        ("id", "mengemukakan empat prioritas", "list_count"),
        ("vi", "hai nhóm nhiệm vụ", "list_count"),
        ("id", "anak di bawah 6 tahun", "other"),
    ],
)
def test_excluded_words(code, sentence, key):
    assert keys(code, "excluded", sentence) == [key]
