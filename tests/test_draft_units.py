"""Units real reports state that are not money, shares or counts: a data rate, a length, an index's
score and a number per 100 inhabitants, each drafted from how its language says it (the texts are
made up for the tests)."""

from __future__ import annotations

import pytest
from test_draft_rules import by_number, drafted


@pytest.mark.parametrize(
    ("language", "text", "number", "unit"),
    [
        ("vi", "Đường truyền của trường học đạt 98,47 Mbps.", "98,47", "mbps"),
        ("id", "Jaringan sekolah itu kini melaju 27,5 Mbps.", "27,5", "mbps"),
        ("en", "The average fixed broadband speed reached 176.7 Mbps.", "176.7", "mbps"),
        ("uk", "Середня швидкість сягнула 95,4 Мбіт/с.", "95,4", "mbps"),
        ("en", "The province paved 12,000 kilometres of rural roads.", "12,000", "km"),
        ("fr", "Les opérateurs ont posé 12 000 kilomètres de câble.", "12 000", "km"),
        ("vi", "Mạng cáp quang dài 950 km đã được xây dựng.", "950", "km"),
        ("en", "The city led the index, scoring 72.4 points.", "72.4", "index"),
        ("fr", "La ville arrive en tête avec 72,4 points.", "72,4", "index"),
        ("vi", "Thành phố dẫn đầu với 72,4 điểm.", "72,4", "index"),
        ("id", "Kota itu memimpin dengan skor 72,4.", "72,4", "index"),
    ],
)
def test_a_unit_said_beside_its_number(language, text, number, unit):
    assert by_number(drafted(language, text))[number].observation.unit == unit


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("en", "The town counts 47.3 computers per 100 inhabitants.", "47.3"),
        ("vi", "Mạng cố định của tỉnh đạt 47,3 thuê bao/100 dân.", "47,3"),
        ("fr", "La ville compte 47,3 ordinateurs pour 100 habitants.", "47,3"),
        ("id", "Kota itu memiliki 47,3 komputer per 100 penduduk.", "47,3"),
    ],
)
def test_a_number_per_100_people_is_so_and_100_is_its_denominator(language, text, number):
    rows = by_number(drafted(language, text))
    observation = rows[number].observation
    assert (observation.unit, observation.denominator) == ("per_100_people", 100)
    assert "100" not in rows or rows["100"].excluded is None


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [("en", "The share rose by 2.5 percentage points.", "2.5"), ("vi", "Tỷ lệ tăng 2,5 điểm phần trăm.", "2,5")],
)
def test_percentage_points_are_no_index_score(language, text, number):
    assert by_number(drafted(language, text))[number].observation.unit == "percentage_point"


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("fr", "Le pays compte 1 500 points de vente.", "1 500"),
        ("vi", "Thành phố có 1.500 điểm phát sóng.", "1.500"),
        ("uk", "Місто має 1 500 пунктів обслуговування.", "1 500"),
    ],
)
def test_places_called_points_are_no_index_score(language, text, number):
    row = by_number(drafted(language, text))[number]
    assert row.excluded or row.observation.unit != "index"


@pytest.mark.parametrize(
    ("language", "text", "first", "unit"),
    [
        ("en", "The two cities scored 31.4 and 28.9 points.", "31.4", "index"),
        ("vi", "Hai tỉnh đạt 31,4 và 28,9 điểm số.", "31,4", "index"),
        ("id", "Dua kota memperoleh 31,4 dan 28,9 poin.", "31,4", "index"),
        ("fr", "Les débits atteignent 120, 95 et 80 Mbps.", "120", "mbps"),
    ],
)
def test_a_figure_of_a_list_takes_the_unit_said_after_the_lists_last_figure(language, text, first, unit):
    assert by_number(drafted(language, text))[first].observation.unit == unit
