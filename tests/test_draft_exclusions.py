"""Numbers that are no values, and figures a text states twice, read in-process on texts written for
the tests: dates written with a dot or a dash, documents' numbers, ordinals and idioms written in
words, attendances, ages, durations, counts of the things a text names, and restatements (a title,
lead or caption restating the body, a rounded figure). Each rule in two languages at least."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from publish.draft import draft_text
from publish.draft.records import Drafted
from publish.draft.text import number_of
from publish.numbers import find_numbers

INDICATORS = pd.DataFrame(
    [("revenue", "Revenue", "usd", "digital_economy", "Revenue"), ("cards", "Cards", "count", "project_06", "Cards")],
    columns=["indicator_id", "title", "unit", "topic", "definition"],
)
WORDS = pd.DataFrame(
    [
        ("revenue", "en", "revenue"),
        ("revenue", "vi", "doanh thu"),
        ("revenue", "fr", "chiffre d'affaires"),
        ("revenue", "id", "pendapatan"),
        ("revenue", "uk", "дохід"),
        ("cards", "en", "identity cards"),
        ("cards", "vi", "thẻ căn cước"),
        ("cards", "fr", "cartes d'identité"),
    ],
    columns=["indicator_id", "language", "phrase"],
)


def drafted(language: str, text: str, event: str = "2025-07-15") -> list[Drafted]:
    numbers = [number_of(row) for row in find_numbers(pd.Series([text]), language).itertuples()]
    return draft_text(text, language, date.fromisoformat(event), INDICATORS, WORDS, numbers)


def categories(language: str, text: str) -> list[tuple[str, str]]:
    """Each drafted row as (the number as written, its exclusion's category or "value")."""
    return [(row.number.raw, row.category or "value") for row in drafted(language, text)]


@pytest.mark.parametrize(
    ("language", "text", "written"),
    [
        ("vi", "Ngày 6.10, doanh thu đạt 12 tỷ USD.", "6.10"),
        ("vi", "Sáng 6.10.2025, doanh thu đạt 12 tỷ USD.", "6.10.2025"),
        ("vi", "Ngày 15-3, doanh thu đạt 12 tỷ USD.", "15-3"),
        ("id", "Pada tanggal 6.10, pendapatan mencapai 12 miliar USD.", "6.10"),
        ("id", "Pada 6.10.2025, pendapatan mencapai 12 miliar USD.", "6.10.2025"),
    ],
)
def test_a_day_and_month_written_with_a_dot_or_a_dash_is_a_date(language, text, written):
    assert categories(language, text) == [(written, "date"), ("12", "value")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Under Decree No. 13, revenue reached 12 billion USD."),
        ("uk", "Згідно з постановою № 13 дохід становив 12 мільярдів доларів."),
        ("fr", "Selon le décret n° 13, le chiffre d'affaires atteint 12 milliards USD."),
        ("vi", "Theo Nghị quyết số 13-NQ/TW, doanh thu đạt 12 tỷ USD."),
    ],
)
def test_the_number_of_a_document_is_a_name(language, text):
    assert categories(language, text) == [("13", "name"), ("12", "value")]


@pytest.mark.parametrize(
    ("language", "text", "written"),
    [
        ("en", "For two consecutive years, revenue reached 12 billion USD.", "two"),
        ("uk", "Протягом двох років дохід становив 12 мільярдів доларів.", "двох"),
        ("id", "Selama dua tahun berturut-turut, pendapatan mencapai 12 miliar USD.", "dua"),
        ("fr", "Pendant deux années consécutives, le chiffre d'affaires atteint 12 milliards USD.", "deux"),
        ("vi", "Hoàn thành trước 10 ngày, doanh thu đạt 12 tỷ USD.", "10"),
    ],
)
def test_a_duration_or_a_number_word_of_an_idiom_is_a_period(language, text, written):
    assert categories(language, text) == [(written, "period"), ("12", "value")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The meeting was attended by 9 ministers; revenue reached 12 billion USD."),
        ("uk", "У засіданні взяли участь 9 міністрів; дохід становив 12 мільярдів доларів."),
        ("id", "Rapat dihadiri 9 menteri; pendapatan mencapai 12 miliar USD."),
        ("vi", "Hội nghị có 9 đại biểu; doanh thu đạt 12 tỷ USD."),
    ],
)
def test_an_attendance_is_no_value(language, text):
    assert categories(language, text) == [("9", "other"), ("12", "value")]


@pytest.mark.parametrize(
    ("language", "text", "ages"),
    [
        ("en", "Identity cards are renewed when holders turn 25, 40, and 60.", ["25", "40", "60"]),
        ("vi", "Thẻ căn cước được đổi khi công dân đủ 25 tuổi.", ["25"]),
        ("id", "Kartu diganti pada usia 25 dan 40.", ["25", "40"]),
    ],
)
def test_ages_and_the_ages_joined_to_them_are_no_values(language, text, ages):
    assert categories(language, text) == [(age, "other") for age in ages]


@pytest.mark.parametrize(
    ("language", "text", "written"),
    [
        ("en", "The ministry completed the two projects; revenue reached 12 billion USD.", "two"),
        ("fr", "Les deux plus grands centres ont un chiffre d'affaires de 12 milliards USD.", "deux"),
        ("vi", "Bộ đã hoàn thành 2 dự án gồm cơ sở dữ liệu dân cư và căn cước; doanh thu đạt 12 tỷ USD.", "2"),
        (
            "en",
            "The ministry finished 2 projects, namely the register and the portal; revenue reached 12 billion USD.",
            "2",
        ),
    ],
)
def test_a_count_of_the_things_a_text_names_is_a_list_count(language, text, written):
    assert categories(language, text) == [(written, "list_count"), ("12", "value")]


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Two ministries joined the platform."), ("fr", "Deux ministères ont rejoint la plateforme.")],
)
def test_a_count_written_out_on_its_own_stays_a_value(language, text):
    [(_, category)] = categories(language, text)
    assert category == "value"


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        (
            "en",
            "Nearly 34 million identity cards issued\n"
            "The police had issued identity cards to 33.9 million citizens as of April 27, the ministry said at "
            "its meeting in Hanoi on the progress of the national population database.\n",
            "33.9",
        ),
        (
            "fr",
            "Près de 34 millions de cartes d'identité\n"
            "La police a délivré des cartes d'identité à 33,9 millions de citoyens au 27 avril, a indiqué le "
            "ministère lors de sa réunion à Hanoï sur la base de données nationale sur la population.\n",
            "33,9",
        ),
    ],
)
def test_a_rounded_title_restates_the_figure_of_the_body(language, text, kept):
    rows = drafted(language, text)
    assert [row.number.raw for row in rows if not row.excluded] == [kept]
    [repeat] = [row for row in rows if row.excluded and row.reason.startswith("repeat:")]
    assert (repeat.number.raw, repeat.category) == ("34", "other") and repeat.reason.startswith("repeat:")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Revenue to hit 12 billion USD\n"
            "The ministry said on Monday that after a year of growth in every province of the country, the "
            "revenue of the sector would total 12 billion USD.\n"
            "The plan sets out how the sector's revenue will reach 12 billion USD, with new services for "
            "small firms and the support of the banks.\n",
        ),
        (
            "vi",
            "Doanh thu lên 12 tỷ USD\n"
            "Bộ cho biết sau một năm tăng trưởng ở mọi tỉnh thành trên cả nước, doanh thu của ngành sẽ đạt "
            "12 tỷ USD trong năm nay theo kế hoạch đã đề ra.\n"
            "Kế hoạch nêu rõ cách doanh thu của ngành đạt 12 tỷ USD, với các dịch vụ mới cho doanh nghiệp "
            "nhỏ và sự hỗ trợ của các ngân hàng.\n",
        ),
    ],
)
def test_a_title_and_a_lead_restating_the_body_are_exclusions(language, text):
    rows = drafted(language, text)
    kept = [row for row in rows if not row.excluded]
    assert len(kept) == 1 and kept[0].number.start > text.index("\n", text.index("\n") + 1)
    assert [row.reason.startswith("repeat:") for row in rows if row.excluded] == [True, True]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Firms using cloud services reached over 30% in 2024. "
            "Schools with a digital record of their pupils reached over 30% in 2024.",
        ),
        (
            "vi",
            "Doanh nghiệp dùng dịch vụ đám mây đạt trên 30% năm 2024. "
            "Trường học có học bạ số của học sinh đạt trên 30% năm 2024.",
        ),
    ],
)
def test_two_figures_ending_alike_are_two_observations(language, text):
    lead = "A survey of firms and schools across the country describes how they use digital services. " * 2
    rows = [row for row in drafted(language, lead + "\n" + text) if row.number.raw == "30"]
    assert [row.excluded for row in rows] == [False, False]


@pytest.mark.parametrize(
    ("language", "text", "written", "category"),
    [
        ("en", "The system is one of five databases of the state.", "five", "other"),
        ("fr", "C'est l'un des 5 projets de l'État.", "5", "other"),
        ("vi", "Quảng Ngãi là một trong 9 tỉnh dẫn đầu về kinh tế số.", "9", "value"),
        ("en", "The city is one of 9 leading provinces in digital economy.", "9", "value"),
    ],
)
def test_the_size_of_a_set_one_of_it_belongs_to_is_no_value_unless_a_ranking(language, text, written, category):
    assert categories(language, text) == [(written, category)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Revenue tops 5.62 billion in 2020\n"
            "The sector's revenue reached VND130 trillion (US$5.62 billion) in 2020, the ministry said at its "
            "yearly review of the telecommunications market, held in Hanoi on Monday.\n",
        ),
        (
            "vi",
            "Doanh thu vượt 5,62 tỷ năm 2020\n"
            "Doanh thu của ngành đạt 130 nghìn tỷ đồng (5,62 tỷ USD) trong năm 2020, theo báo cáo tổng kết "
            "hằng năm của Bộ về thị trường viễn thông tổ chức tại Hà Nội hôm thứ Hai.\n",
        ),
    ],
)
def test_a_heading_restating_an_amount_the_body_converts_is_an_exclusion(language, text):
    rows = [row for row in drafted(language, text) if row.number.raw in ("5.62", "5,62")]
    assert [row.category for row in rows] == ["other", "other"]
    assert rows[0].reason.startswith("repeat:")
