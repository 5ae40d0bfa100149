"""Numbers that are no values, and figures a text states twice, read in-process on texts written for
the tests: dates written with a dot or a dash, documents' numbers, ordinals and idioms written in
words, attendances, ages, durations, counts of the things a text names, and restatements (a title,
lead or caption restating the body, a rounded figure). Each rule in two languages at least."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import draft_rows

from publish.draft.records import Drafted

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
    return draft_rows(language, text, event, INDICATORS, WORDS)


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
        ("en", "The meeting was attended by 11 ministers; revenue reached 12 billion USD."),
        ("uk", "У засіданні взяли участь 11 міністрів; дохід становив 12 мільярдів доларів."),
        ("id", "Rapat dihadiri 11 menteri; pendapatan mencapai 12 miliar USD."),
        ("vi", "Hội nghị có 11 đại biểu; doanh thu đạt 12 tỷ USD."),
    ],
)
def test_an_attendance_is_no_value(language, text):
    assert categories(language, text) == [("11", "other"), ("12", "value")]


@pytest.mark.parametrize(
    ("language", "text", "ages"),
    [
        ("en", "Licences are renewed when holders turn 30, 45, and 70.", ["30", "45", "70"]),
        ("vi", "Thẻ căn cước được đổi khi công dân đủ 25 tuổi.", ["25"]),
        ("id", "Kartu diganti pada usia 25 dan 40.", ["25", "40"]),
    ],
)
def test_ages_and_the_ages_joined_to_them_are_no_values(language, text, ages):
    assert categories(language, text) == [(age, "other") for age in ages]


@pytest.mark.parametrize(
    ("language", "text", "written"),
    [
        ("en", "The agency finished the two programmes; revenue reached 12 billion USD.", "two"),
        ("fr", "Les deux principaux ports ont un chiffre d'affaires de 12 milliards USD.", "deux"),
        ("vi", "Viện đã hoàn thành 3 đề tài gồm dữ liệu đất đai, giáo dục và y tế; doanh thu đạt 12 tỷ USD.", "3"),
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
            "Nearly 48 million identity cards renewed\n"
            "The registry offices had renewed identity cards for 47.8 million residents by March 12, the agency "
            "reported in its quarterly note on the modernisation of the civil register.\n",
            "47.8",
        ),
        (
            "fr",
            "Près de 48 millions de cartes d'identité renouvelées\n"
            "Les bureaux de l'état civil ont renouvelé les cartes d'identité de 47,8 millions d'habitants au 12 "
            "mars, selon la note trimestrielle de l'agence sur la modernisation du registre.\n",
            "47,8",
        ),
    ],
)
def test_a_rounded_title_restates_the_figure_of_the_body(language, text, kept):
    rows = drafted(language, text)
    assert [row.number.raw for row in rows if not row.excluded] == [kept]
    [repeat] = [row for row in rows if row.excluded and row.reason.startswith("repeat:")]
    assert (repeat.number.raw, repeat.category) == ("48", "other") and repeat.reason.startswith("repeat:")


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
        ("en", "The registry is one of seven state registries.", "seven", "other"),
        ("fr", "C'est l'un des 5 projets de l'État.", "5", "other"),
        ("vi", "Bình Định là một trong 6 tỉnh dẫn đầu về chuyển đổi số.", "6", "value"),
        ("en", "The city is one of 6 leading provinces in digital transformation.", "6", "value"),
    ],
)
def test_the_size_of_a_set_one_of_it_belongs_to_is_no_value_unless_a_ranking(language, text, written, category):
    assert categories(language, text) == [(written, category)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Exports pass 7.4 billion in 2021\n"
            "The sector's exports reached VND171 trillion (US$7.4 billion) in 2021, the agency said in its "
            "yearly review of the software market, published in Da Nang on Friday.\n",
        ),
        (
            "vi",
            "Xuất khẩu vượt 7,4 tỷ năm 2021\n"
            "Xuất khẩu của ngành đạt 171 nghìn tỷ đồng (7,4 tỷ USD) trong năm 2021, theo báo cáo tổng kết "
            "hằng năm của Cục về thị trường phần mềm công bố tại Đà Nẵng hôm thứ Sáu.\n",
        ),
    ],
)
def test_a_heading_restating_an_amount_the_body_converts_is_an_exclusion(language, text):
    rows = [row for row in drafted(language, text) if row.number.raw in ("7.4", "7,4")]
    assert [row.category for row in rows] == ["other", "other"]
    assert rows[0].reason.startswith("repeat:")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The payments agency said on Monday that, under its plan for the coming years, about 4-6 million "
            "people will use the national e-wallet app in 2025.\n"
            "Under the plan approved by the agency, by the end of 2024 there will be about 4-6 million people "
            "using the national e-wallet app, with new services for small firms.\n",
        ),
        (
            "vi",
            "Cơ quan thanh toán cho biết hôm thứ Hai rằng, theo kế hoạch những năm tới, khoảng 4-6 triệu người "
            "sẽ dùng ứng dụng ví điện tử quốc gia trong năm 2025.\n"
            "Theo kế hoạch được phê duyệt, đến cuối năm 2024 sẽ có khoảng 4-6 triệu người dùng ứng dụng ví "
            "điện tử quốc gia, cùng các dịch vụ mới cho doanh nghiệp nhỏ.\n",
        ),
    ],
)
def test_a_lead_dating_a_figure_of_the_body_a_year_off_restates_it(language, text):
    rows = [row for row in drafted(language, text) if row.number.raw == "4-6"]
    assert [row.excluded for row in rows] == [True, False]
    assert rows[0].reason.startswith("repeat:")
