"""Drafting rules read on texts of their own, in-process: how each language states a date, a month, a
document's number or a whole, each rule in more than one language. The texts are made up for the
tests; publish draft's command is tested in tests/test_draft.py."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import DRAFT_INDICATORS, DRAFT_WORDS, draft_rows

from publish.draft import draft_text
from publish.draft.records import Drafted
from publish.draft.text import number_of
from publish.numbers import find_numbers

INDICATORS, WORDS = DRAFT_INDICATORS, DRAFT_WORDS


def drafted(language: str, text: str, event: str = "2025-07-15") -> list[Drafted]:
    return draft_rows(language, text, event, INDICATORS, WORDS)


def by_number(rows: list[Drafted]) -> dict[str, Drafted]:
    return {row.number.raw: row for row in rows}


def period_of(row: Drafted) -> tuple[str, str, str]:
    o = row.observation
    return o.period_type, str(o.period_start), str(o.period_end)


@pytest.mark.parametrize(
    ("language", "text", "codes"),
    [
        ("vi", "date 2024-03-18 Theo Quyết định số 411/QĐ-TTg, doanh thu đạt 12 tỷ USD.", ["2024-03", "18", "411"]),
        (
            "en",
            "date 2024-03-18 Under Decision No. 411/QD-TTg, revenue reached 12 billion USD.",
            ["2024-03", "18", "411"],
        ),
        (
            "fr",
            "date 2024-03 Selon la décision n° 411, le chiffre d'affaires atteint 12 milliards USD.",
            ["2024-03", "411"],
        ),
    ],
)
def test_a_date_written_year_first_and_a_document_number_are_no_values(language, text, codes):
    rows = by_number(drafted(language, text))
    assert {raw: rows[raw].category for raw in codes} == {
        raw: ("date" if "-" in raw or raw == "18" else "name") for raw in codes
    }
    assert [raw for raw, row in rows.items() if not row.excluded] == ["12"]


@pytest.mark.parametrize(
    ("language", "text", "code"),
    [
        ("vi", "Sau dịch Covid-19, doanh thu đạt 12 tỷ USD. Ảnh 2", ("19", "2")),
        ("en", "After Covid-19, revenue reached 12 billion USD. Photo 2", ("19", "2")),
        ("fr", "Après la Covid-19, le chiffre d'affaires atteint 12 milliards USD. Photo 2", ("19", "2")),
    ],
)
def test_a_name_written_with_a_dash_and_a_photo_caption_are_no_values(language, text, code):
    rows = by_number(drafted(language, text))
    assert (rows[code[0]].category, rows[code[1]].category) == ("name", "page")
    assert not rows["12"].excluded


def test_a_dash_after_a_code_of_letters_is_still_a_rank_a_unit_holds():
    rows = by_number(drafted("id", "Vietnam naik ke peringkat ke-71 dari 193 negara."))
    assert not rows["71"].excluded and rows["71"].observation.unit == "rank"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("vi", "Mật độ đạt 85,2 thuê bao/100 dân.", "85,2"),
        ("en", "The density reached 85.2 subscriptions per 100 inhabitants.", "85.2"),
        ("fr", "La densité atteint 85,2 abonnements pour 100 habitants.", "85,2"),
    ],
)
def test_a_figure_per_hundred_people_takes_the_hundred_as_its_denominator(language, text, value):
    rows = drafted(language, text)
    assert [row.number.raw for row in rows] == [value]
    assert rows[0].observation.denominator == 100


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Tính đến hết tháng 3/2025, số hộ có cáp quang chiếm 81,5%."),
        ("en", "As of the end of March 2025, the share of households with fibre reached 81.5%."),
        ("fr", "À fin mars 2025, la part des foyers raccordés à la fibre atteint 81,5 %."),
    ],
)
def test_a_level_as_of_a_month_is_of_its_last_day(language, text):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert period_of(row) == ("point", "2025-03-31", "2025-03-31")
    assert row.observation.kind == "actual"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Trong tháng 3/2025, doanh thu đạt 2 tỷ USD."),
        ("en", "During March 2025, revenue reached 2 billion USD."),
        ("fr", "En mars 2025, le chiffre d'affaires atteint 2 milliards USD."),
    ],
)
def test_a_figure_during_a_month_is_of_the_whole_month(language, text):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert period_of(row) == ("span", "2025-03-01", "2025-03-31")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Doanh thu 9 tháng đầu năm 2024 là 3 tỷ USD."),
        ("en", "In the first nine months of 2024, revenue reached 3 billion USD."),
        ("fr", "Au cours des 9 premiers mois de 2024, le chiffre d'affaires atteint 3 milliards USD."),
    ],
)
def test_the_first_months_of_a_year_run_from_january(language, text):
    rows = by_number(drafted(language, text))
    [row] = [r for r in rows.values() if not r.excluded]
    assert period_of(row) == ("span", "2024-01-01", "2024-09-30")
    assert all(r.category in ("period", "year") for r in rows.values() if r.excluded)


def test_a_later_sentence_of_the_paragraph_keeps_the_month_its_first_words_name():
    text = "Tính đến hết tháng 3/2025, số hộ có cáp quang chiếm 81,5%. Số thuê bao đạt 20 triệu.\n"
    rows = [r for r in drafted("vi", text) if not r.excluded]
    assert [period_of(r) for r in rows] == [("point", "2025-03-31", "2025-03-31")] * 2


@pytest.mark.parametrize(
    ("language", "text", "day"),
    [
        ("en", "As of April 27, 5 million accounts were activated.", "2025-04-27"),
        ("en", "On 27 April, 5 million accounts were activated.", "2025-04-27"),
        ("fr", "Au 27 avril, 5 millions de comptes étaient activés.", "2025-04-27"),
    ],
)
def test_a_day_named_without_its_year_is_the_report_years_in_either_order(language, text, day):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert period_of(row) == ("point", day, day)


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("vi", "Kinh tế số tăng trưởng nhanh và đạt 14,2% GDP.", "14,2"),
        ("en", "Growth lifted the digital economy to 14.2 percent of GDP.", "14.2"),
        ("fr", "La croissance porte l'économie numérique à 14,2 % du PIB.", "14,2"),
    ],
)
def test_a_percentage_of_gdp_is_a_share_whatever_grows_around_it(language, text, value):
    row = by_number(drafted(language, text))[value]
    assert (row.observation.unit, row.observation.kind) == ("percent", "actual")


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("vi", "Doanh thu đạt 40 tỷ USD vào năm 2030.", "estimate"),
        ("vi", "Doanh thu đạt 40 tỷ USD đến năm 2030.", "target"),
        ("en", "Revenue will reach 40 billion USD in 2030.", "estimate"),
        ("en", "Revenue will reach 40 billion USD by 2030.", "target"),
        ("fr", "Le chiffre d'affaires atteindra 40 milliards USD en 2030.", "estimate"),
        ("fr", "Le chiffre d'affaires atteindra 40 milliards USD d'ici 2030.", "target"),
    ],
)
def test_a_value_dated_after_the_report_is_a_plan_only_by_a_deadline(language, text, kind):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert (row.observation.kind, period_of(row)) == (kind, ("year", "2030-01-01", "2030-12-31"))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Số hộ có cáp quang chiếm 80%, và 12% ở nông thôn."),
        ("en", "The share of households with fibre reached 80%, while 12% of provinces had none."),
        ("fr", "La part des foyers raccordés à la fibre atteint 80 %, et 12 % non."),
    ],
)
def test_an_indicator_named_only_in_another_clause_and_stretch_is_not_chosen(language, text):
    first, second = [r for r in drafted(language, text) if not r.excluded]
    assert first.observation.indicator_id == "fibre_share"
    assert second.new_indicator is not None and second.observation.indicator_id.startswith("new_")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Năm 2024, doanh thu đạt 12 tỷ USD."),
        ("en", "In 2024, revenue reached 12 billion USD."),
        ("fr", "En 2024, le chiffre d'affaires atteint 12 milliards USD."),
    ],
)
def test_an_indicator_named_in_the_figures_own_clause_is_chosen(language, text):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert (row.observation.indicator_id, row.new_indicator) == ("revenue", None)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2030, the country needs to reach 40 billion USD of revenue."),
        ("fr", "En 2030, il est nécessaire d'atteindre un chiffre d'affaires de 40 milliards USD."),
    ],
)
def test_words_of_necessity_state_a_target(language, text):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert row.observation.kind == "target"


@pytest.mark.parametrize(
    ("language", "text", "qualifier"),
    [
        ("en", "date 2024-03-18 A poll found that up to 61.5 percent of users paid online in 2023.", "up_to"),
        ("uk", "date 2024-03-18 У 2023 році не більше 7% користувачів платили онлайн.", "up_to"),
        ("uk", "date 2024-03-18 У 2023 році більше 40% користувачів платили онлайн.", "more_than"),
    ],
)
def test_a_word_of_change_inside_a_qualifiers_words_is_the_qualifier(language, text, qualifier):
    row = next(r for r in drafted(language, text) if r.observation and r.observation.unit == "percent")
    assert row.observation.qualifier == qualifier
    assert row.observation.kind == "actual"


@pytest.mark.parametrize(
    ("language", "text", "whole"),
    [
        ("vi", "date 2025-03-18 Năm 2024, các tỉnh đã phủ sóng thêm 1.530 thôn trong tổng số 1.902 thôn.", "1.902"),
        ("fr", "date 2025-03-18 En 2024, le pays se classe au 64e rang sur 190 pays.", "190"),
    ],
)
def test_a_quote_holds_the_whole_its_figure_is_out_of(language, text, whole):
    row = next(r for r in drafted(language, text) if r.observation and r.observation.denominator)
    assert whole in text[row.quote[0] : row.quote[1]]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "vi",
            "date 2025-03-18 Năm 2024, có 31 doanh nghiệp được cấp phép: dịch vụ ví: 1 doanh nghiệp; "
            "dịch vụ thẻ: 30 doanh nghiệp.",
        ),
        ("en", "date 2025-03-18 In 2024, 31 firms were licensed: for wallets, 1 firm; for cards, 21 firm."),
    ],
)
def test_a_quote_that_stands_elsewhere_too_is_widened_until_it_stands_alone(language, text):
    for row in drafted(language, text):
        if row.observation is not None:
            assert text.count(text[row.quote[0] : row.quote[1]]) == 1


@pytest.mark.parametrize(
    ("language", "text", "period"),
    [
        ("vi", "Doanh thu đạt 12 tỷ USD, tăng 20% so với năm 2023.", ("year", "2024-01-01", "2024-12-31")),
        ("en", "Revenue reached 12 billion USD, up 20% compared to 2023.", ("year", "2024-01-01", "2024-12-31")),
        (
            "fr",
            "Le chiffre d'affaires a atteint 12 milliards USD, en hausse de 20% par rapport à 2023.",
            ("year", "2024-01-01", "2024-12-31"),
        ),
        ("vi", "Doanh thu đạt 12 tỷ USD, tăng 20% so với cùng kỳ năm 2023.", ("point", "2025-02-10", "2025-02-10")),
        ("en", "Revenue reached 12 billion USD, up 20% compared to 2022.", ("point", "2025-02-10", "2025-02-10")),
    ],
)
def test_a_sentence_compared_with_the_year_before_last_is_of_last_year(language, text, period):
    rows = [r for r in drafted(language, text, event="2025-02-10") if not r.excluded]
    assert [period_of(r) for r in rows] == [period, period]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Theo Bộ, ước tính tháng 5/2023, số hộ có cáp quang đạt 20 triệu hộ."),
        ("en", "According to the ministry, estimated for May 2023, the share of households with fibre reached 76.9%."),
        ("id", "Menurut kementerian, perkiraan Mei 2023, jumlah pelanggan mencapai 20 juta."),
    ],
)
def test_a_clause_that_only_names_a_month_dates_the_sentence_it_opens(language, text):
    [row] = [r for r in drafted(language, text, event="2023-06-15") if not r.excluded]
    assert period_of(row) == ("point", "2023-05-31", "2023-05-31")


def test_a_month_after_many_words_of_its_own_clause_dates_no_figure_outside_it():
    text = "Theo Quyết định ban hành tháng 1/2022 của Bộ, số hộ có cáp quang đạt 20 triệu hộ."
    [row] = [r for r in drafted("vi", text, event="2023-06-15") if not r.excluded]
    assert period_of(row) == ("point", "2023-06-15", "2023-06-15")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "En 2024, l'économie numérique représente environ 18,3 % du PIB."),
        ("en", "In 2024, the digital economy was about 18.3% of GDP."),
        ("vi", "Năm 2024, kinh tế số chiếm khoảng 18,3% GDP."),
    ],
)
def test_a_percentage_of_gdp_stays_a_share_when_the_words_name_a_growth_indicator(language, text):
    growth = pd.DataFrame(
        {
            "indicator_id": ["gdp_growth"],
            "title": ["GDP growth"],
            "unit": ["percent_change"],
            "topic": ["digital_economy"],
            "definition": ["GDP growth"],
        }
    )
    words = pd.DataFrame([("gdp_growth", language, "GDP" if language != "fr" else "PIB")], columns=WORDS.columns)
    numbers = [number_of(row) for row in find_numbers(pd.Series([text]), language).itertuples()]
    rows = draft_text(text, language, date(2025, 2, 6), growth, words, numbers)
    [row] = [r for r in rows if not r.excluded]
    assert row.observation.unit == "percent"


@pytest.mark.parametrize(
    ("language", "text", "period"),
    [
        ("vi", "Trong quý II/2023, doanh thu đạt 12 tỷ USD.", ("span", "2023-04-01", "2023-06-30")),
        ("en", "In the second quarter of 2023, revenue reached 12 billion USD.", ("span", "2023-04-01", "2023-06-30")),
        (
            "fr",
            "Au troisième trimestre 2023, le chiffre d'affaires a atteint 12 milliards USD.",
            ("span", "2023-07-01", "2023-09-30"),
        ),
        ("id", "Pada kuartal IV 2023, pendapatan mencapai 12 miliar USD.", ("span", "2023-10-01", "2023-12-31")),
        (
            "vi",
            "Tính đến hết quý 3 năm 2022, số hộ có cáp quang đạt 20 triệu hộ.",
            ("point", "2022-09-30", "2022-09-30"),
        ),
        (
            "en",
            "As of the first quarter of 2022, 20 million households had fibre.",
            ("point", "2022-03-31", "2022-03-31"),
        ),
    ],
)
def test_a_quarter_beside_its_year_is_its_three_months_or_as_of_its_last_day(language, text, period):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert period_of(row) == period


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In the second quarter, revenue reached 12 billion USD."),
        ("vi", "Trong quý II, doanh thu đạt 12 tỷ USD."),
    ],
)
def test_a_quarter_named_without_its_year_is_of_the_reports_year(language, text):
    [row] = [r for r in drafted(language, text, event="2023-09-25") if not r.excluded]
    assert period_of(row) == ("span", "2023-04-01", "2023-06-30")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2024 exports rose 10% in volume and nearly 4% in value."),
        ("vi", "Năm 2024, xuất khẩu tăng 10% về lượng và gần 4% về giá trị."),
        ("fr", "En 2024, les exportations ont augmenté de 10 % en volume et de près de 4 % en valeur."),
    ],
)
def test_a_percentage_joined_to_a_change_by_no_verb_of_its_own_is_a_change_too(language, text):
    rows = by_number(drafted(language, text))
    first, second = (rows[raw].observation for raw in rows if raw.startswith(("10", "4")))
    assert (first.kind, first.unit) == (second.kind, second.unit)
    assert second.unit == "percent_change"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2024 exports rose 10%, accounting for 4% of output."),
        ("vi", "Năm 2024, xuất khẩu tăng 10%, chiếm 4% sản lượng."),
    ],
)
def test_a_percentage_after_a_change_with_a_verb_of_its_own_is_a_level(language, text):
    rows = by_number(drafted(language, text))
    second = next(rows[raw].observation for raw in rows if raw.startswith("4"))
    assert second.unit == "percent"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2024 the shares of households with fibre were 96, 85 and 81 percent."),
        ("vi", "Năm 2024, số hộ có cáp quang lần lượt là 96, 85 và 81%."),
        ("fr", "En 2024, les parts des foyers raccordés à la fibre étaient de 96, 85 et 81 %."),
    ],
)
def test_each_figure_of_a_list_takes_the_percent_of_its_last_and_quotes_it(language, text):
    rows = [row for row in drafted(language, text) if not row.excluded]
    assert [row.observation.unit for row in rows] == ["percent"] * 3
    for row in rows:
        quoted = text[slice(*row.quote)]
        assert quoted.rstrip().endswith(("percent", "%")), quoted


@pytest.mark.parametrize(
    ("language", "shown", "as_written"),
    [
        (
            "en",
            "In 2024 the share reached 84% (up 3.2% from the end of 2023, when it was 80.8%).",
            "In 2024 the share reached 62.4%, up 2.75%.",
        ),
        (
            "vi",
            "Năm 2024, tỷ lệ đạt 84% (tăng 3,2% so với cuối năm 2023, khi đạt 80,8%).",
            "Năm 2024, tỷ lệ đạt 62,4%, tăng 2,75%.",
        ),
        (
            "fr",
            "En 2024, la part atteint 84 % (en hausse de 3,2 % par rapport à fin 2023, où elle était de 80,8 %).",
            "En 2024, la part atteint 62,4 %, en hausse de 2,75 %.",
        ),
    ],
)
def test_a_change_written_in_percent_is_in_points_only_where_the_texts_figures_show_it(language, shown, as_written):
    points = next(r for r in drafted(language, shown) if r.number.raw.startswith(("3,2", "3.2")))
    assert (points.observation.unit, points.observation.change_type) == ("percentage_point", "percentage_points")
    written = next(r for r in drafted(language, as_written) if r.number.raw.startswith(("2,75", "2.75")))
    assert (written.observation.unit, written.observation.change_type) == ("percent_change", "percent_change")


@pytest.mark.parametrize(
    ("language", "text", "unit"),
    [
        ("en", "In 2024 the city was ranked 58/120 by the survey.", "rank"),
        ("fr", "En 2024, la ville est classée 58/120 par l'enquête.", "rank"),
        ("uk", "У 2024 році місто посіло місце 58/120.", "rank"),
        ("en", "In 2024 the province completed 58/120 tasks.", "count"),
    ],
)
def test_a_place_written_as_a_fraction_after_a_rank_word_is_a_rank_out_of_its_whole(language, text, unit):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert (row.observation.unit, row.observation.value, row.observation.denominator) == (unit, 58, 120)
