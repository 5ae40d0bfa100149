"""The period of a drafted observation, read on texts of their own, in-process: how each language
states the time a figure is of (a span of years, a list said "respectively", a year after its figure,
this year, "as of" a day, a change's level, a baseline's compared period), each rule in more than one
language. The texts are made up for the tests."""

from __future__ import annotations

import pytest
from conftest import DRAFT_INDICATORS, DRAFT_WORDS, draft_rows

from publish.draft.records import Drafted

INDICATORS, WORDS = DRAFT_INDICATORS, DRAFT_WORDS


def drafted(language: str, text: str, event: str = "2025-07-15") -> dict[str, Drafted]:
    """The observations drafted of a text, by the number as written."""
    rows = draft_rows(language, text, event, INDICATORS, WORDS)
    return {row.number.raw: row for row in rows if not row.excluded}


def period(row: Drafted) -> tuple[str, str]:
    o = row.observation
    return str(o.period_start), str(o.period_end)


def year(y: int) -> tuple[str, str]:
    return f"{y}-01-01", f"{y}-12-31"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Giai đoạn 2019 - 2023, doanh thu bình quân đạt 7 tỷ USD."),
        ("en", "During 2019-2023, revenue averaged 7 billion USD."),
        ("fr", "Sur la période 2019-2023, le chiffre d'affaires moyen a atteint 7 milliards USD."),
    ],
)
def test_a_span_of_years_dates_a_figure_from_its_first_year_to_its_last(language, text):
    assert period(drafted(language, text)["7"]) == ("2019-01-01", "2023-12-31")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2021, 2022 and 2023 revenue was 4, 5 and 6 billion USD, respectively."),
        ("fr", "En 2021, 2022 et 2023, le chiffre d'affaires a été respectivement de 4, 5 et 6 milliards USD."),
        ("vi", "Doanh thu các năm 2021 - 2023 lần lượt là 4, 5 và 6 tỷ USD."),
    ],
)
def test_figures_said_respectively_take_the_years_in_their_order(language, text):
    rows = drafted(language, text)
    assert [period(rows[raw]) for raw in ("4", "5", "6")] == [year(2021), year(2022), year(2023)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Revenue will reach 5 billion USD in 2026 and 8 billion USD in 2028."),
        ("vi", "Doanh thu phấn đấu đạt 5 tỷ USD năm 2026 và 8 tỷ USD năm 2028."),
    ],
)
def test_a_year_right_after_a_figure_of_a_list_dates_that_figure_only(language, text):
    rows = drafted(language, text)
    assert (period(rows["5"]), period(rows["8"])) == (year(2026), year(2028))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Doanh thu năm 2022 là 5 tỷ USD và 2023 là 8 tỷ USD."),
        ("en", "Revenue in 2022 was 5 billion USD and in 2023 was 8 billion USD."),
    ],
)
def test_where_each_year_precedes_its_figure_a_figure_takes_the_year_before_it(language, text):
    rows = drafted(language, text)
    assert (period(rows["5"]), period(rows["8"])) == (year(2022), year(2023))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Revenue reached 4 billion USD in 2024 and should reach 6 billion USD this year."),
        (
            "fr",
            "Le chiffre d'affaires a atteint 4 milliards USD en 2024 et devrait atteindre 6 milliards USD cette année.",
        ),
        ("vi", "Doanh thu đạt 4 tỷ USD năm 2024 và dự kiến đạt 6 tỷ USD năm nay."),
    ],
)
def test_this_year_is_the_reports_year(language, text):
    rows = drafted(language, text)
    assert (period(rows["4"]), period(rows["6"])) == (year(2024), year(2025))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Le marché a connu une hausse de 9 %, les ventes atteignant 4 milliards USD en 2023."),
        ("en", "The market grew by 9 percent, with sales reaching 4 billion USD in 2023."),
    ],
)
def test_a_year_later_in_the_sentence_dates_a_figure_that_names_none(language, text):
    assert period(drafted(language, text, "2024-03-01")["9"]) == year(2023)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The share of households with fibre reached 70%, above the target set for 2026."),
        ("vi", "Tỷ lệ số hộ có cáp quang đạt 70%, vượt mục tiêu đặt ra cho năm 2026."),
    ],
)
def test_a_later_year_of_a_plan_does_not_date_a_figure_before_it(language, text):
    assert period(drafted(language, text, "2024-03-01")["70"]) == ("2024-03-01", "2024-03-01")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "vi",
            "Tính đến hết tháng 3/2025, số hộ có cáp quang đạt 70%.\n\n"
            "Trong tháng 4/2025, doanh thu đạt 3 tỷ USD.\n\nSố hộ có cáp quang ở nông thôn đạt 55%.",
        ),
        (
            "en",
            "As of March 2025, the share of households with fibre was 70%.\n\n"
            "In April 2025, revenue was 3 billion USD.\n\nIn rural areas, the share of households with fibre was 55%.",
        ),
    ],
)
def test_a_level_in_a_paragraph_naming_no_time_is_as_of_the_last_day_the_text_named(language, text):
    rows = drafted(language, text)
    assert period(rows["55"]) == ("2025-03-31", "2025-03-31")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "vi",
            "Trong tháng 4/2025, doanh thu đạt 3 tỷ USD.\n\n"
            "Tính đến hết tháng 5/2025, số hộ có cáp quang đạt 70%, tăng 5% so với cùng kỳ, gấp 2 lần mức trung bình.",
        ),
        (
            "en",
            "In April 2025, revenue was 3 billion USD.\n\n"
            "As of May 2025, the share of households with fibre was 70%, up 5% year on year.",
        ),
    ],
)
def test_a_change_said_with_its_level_is_of_the_levels_period(language, text):
    rows = drafted(language, text)
    assert period(rows["70"]) == period(rows["5"]) == ("2025-05-31", "2025-05-31")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Trong tháng 4/2025, doanh thu đạt 3 tỷ USD, tăng 20% so với mức 2,5 tỷ USD cùng kỳ năm trước."),
        ("en", "In April 2025, revenue was 3 billion USD, up 20% compared with 2.5 billion USD in 2024."),
    ],
)
def test_a_baseline_is_of_the_period_its_change_is_compared_with(language, text):
    rows = drafted(language, text)
    assert rows["2,5" if language == "vi" else "2.5"].observation.kind == "baseline"
    assert period(rows["2,5" if language == "vi" else "2.5"]) == ("2024-04-01", "2024-04-30")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "uk",
            "Протягом перших 6 місяців року уряд продовжував роботу. "
            "Частка домогосподарств з оптоволокном досягла 80%.",
        ),
        ("en", "In the first half, work went on. The share of households reached 80%."),
    ],
)
def test_a_level_after_a_span_that_opens_its_paragraph_is_as_of_the_spans_end(language, text):
    rows = drafted(language, text, "2024-07-10")
    assert period(rows["80"]) == ("2024-06-30", "2024-06-30")


@pytest.mark.parametrize(
    ("language", "text", "base"),
    [
        ("en", "The share of households with fibre is 70%, up 10 points compared to 60% in 2023.", "60"),
        ("fr", "La part des foyers raccordés est de 70 %, en hausse par rapport à 60 % en 2023.", "60"),
    ],
)
def test_a_value_compared_to_is_a_baseline(language, text, base):
    assert drafted(language, text)[base].observation.kind == "baseline"


def kind(row: Drafted) -> str:
    return row.observation.kind


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Revenue was estimated at 5 billion USD in May, whereas April brought 4 billion USD."),
        (
            "fr",
            "Le chiffre d'affaires est estimé à 5 milliards USD en mai, "
            "tandis que celui d'avril a atteint 4 milliards USD.",
        ),
        ("vi", "Doanh thu tháng 5 ước đạt 5 tỷ USD, trong khi doanh thu tháng 4 đạt 4 tỷ USD."),
    ],
)
def test_a_kind_word_does_not_reach_past_a_word_of_contrast(language, text):
    rows = drafted(language, text, "2025-06-20")
    assert (kind(rows["5"]), kind(rows["4"])) == ("estimate", "actual")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The 2026 plan aims at 60% of households with fibre; 40% of firms online; 30% of records.",
        ),
        ("vi", "Kế hoạch năm 2026 đặt mục tiêu 60% số hộ có cáp quang; 40% doanh nghiệp trực tuyến; 30% hồ sơ."),
    ],
)
def test_words_of_a_plan_before_the_first_figure_of_a_list_frame_every_clause_of_it(language, text):
    rows = drafted(language, text, "2025-06-20")
    assert [kind(rows[raw]) for raw in ("60", "40", "30")] == ["target"] * 3


@pytest.mark.parametrize(
    ("language", "text", "level", "change"),
    [
        ("vi", "Số tài khoản đạt 90 triệu tài khoản tăng 8% so với cùng kỳ.", "90", "8"),
        ("uk", "Кількість абонентів сягнула 90 мільйонів, що на 8% більше порівняно з минулим роком.", "90", "8"),
        ("en", "Services will make up 25 percent of exports by 2030.", "25", None),
    ],
)
def test_a_word_of_change_belongs_to_the_figure_it_stands_before(language, text, level, change):
    rows = drafted(language, text, "2025-06-20")
    assert kind(rows[level]) != "change"
    if change:
        assert kind(rows[change]) == "change"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "In the third quarter of 2025, revenue was 3 billion USD.", "actual"),
        ("vi", "Trong quý 3 năm 2025, doanh thu đạt 3 tỷ USD.", "actual"),
        ("en", "Over 2024-2028, revenue will grow to 3 billion USD.", "estimate"),
        ("fr", "Sur la période 2024-2028, le chiffre d'affaires atteindra 3 milliards USD.", "estimate"),
    ],
)
def test_a_part_of_a_year_under_way_at_the_report_is_no_estimate_by_itself(language, text, expected):
    assert kind(drafted(language, text, "2025-08-20")["3"]) == expected


@pytest.mark.parametrize(
    ("language", "text", "level", "goal"),
    [
        (
            "en",
            "Offices had taken in 31 million forms as of March 20, about 62 percent of a goal of "
            "50 million permits to hand out before June 30.",
            "31",
            "50",
        ),
        (
            "fr",
            "Les bureaux ont reçu 31 millions de formulaires au 20 mars, soit 62 % d'un objectif de 50 millions "
            "de permis à délivrer avant le 30 juin.",
            "31",
            "50",
        ),
    ],
)
def test_a_day_without_its_year_dates_the_figure_beside_it_and_is_the_nearest_the_report(language, text, level, goal):
    rows = drafted(language, text, "2021-05-04")
    assert period(rows[level]) == period(rows["62"]) == ("2021-03-20", "2021-03-20")
    assert period(rows[goal]) == ("2021-06-30", "2021-06-30")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Tính đến giữa tháng 6, các sở đã nhận 54 triệu đơn."),
        ("en", "As of mid-June, offices had taken in 54 million forms."),
        ("fr", "À la mi-juin, les bureaux avaient reçu 54 millions de formulaires."),
    ],
)
def test_the_middle_of_a_month_named_without_its_year_is_its_15th(language, text):
    assert period(drafted(language, text, "2021-06-21")["54"]) == ("2021-06-15", "2021-06-15")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "By the end of May, offices had taken in 54 million forms."),
        ("vi", "Tính đến hết tháng 5, các sở đã nhận 54 triệu đơn."),
    ],
)
def test_a_month_without_its_year_after_words_of_as_of_is_its_last_day(language, text):
    assert period(drafted(language, text, "2021-06-21")["54"]) == ("2021-05-31", "2021-05-31")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Sales rose to 15 percent in the second quarter, and to 14 percent in the first half 2023."),
        ("fr", "La part au deuxième trimestre était de 15 %, tandis qu'elle était de 14 % au premier semestre 2023."),
    ],
)
def test_a_quarter_of_the_figures_own_clause_takes_the_year_of_its_sentence(language, text):
    rows = drafted(language, text, "2023-09-25")
    assert period(rows["15"]) == ("2023-04-01", "2023-06-30")
    assert period(rows["14"]) == ("2023-01-01", "2023-06-30")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Con số này trước đây là 91%."),
        ("en", "The share was previously 90%."),
        ("uk", "Цей показник раніше становив 90%."),
    ],
)
def test_a_past_value_said_without_its_time_is_an_undated_baseline(language, text):
    [row] = drafted(language, text).values()
    assert (kind(row), row.observation.period_type, row.observation.period_start) == ("baseline", "undated", None)


@pytest.mark.parametrize(
    ("language", "text", "part"),
    [
        (
            "vi",
            "Tính đến hết quý 2 năm 2024, đã lắp 2.000 trạm. Trong đó, 800 trạm được lắp năm 2024.",
            "800",
        ),
        (
            "en",
            "By the end of the second quarter of 2024, 2,000 stations were built. Of these, 800 were built in 2024.",
            "800",
        ),
    ],
)
def test_a_part_of_a_figure_as_of_a_day_is_of_its_year_up_to_that_day(language, text, part):
    assert period(drafted(language, text, "2024-09-01")[part]) == ("2024-01-01", "2024-06-30")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The city tops the ranking this year. Its revenue was 5 billion USD."),
        ("fr", "La ville est en tête du classement cette année. Son chiffre d'affaires atteint 5 milliards USD."),
    ],
)
def test_a_year_under_way_named_before_dates_the_flows_after_it(language, text):
    assert period(drafted(language, text, "2025-04-25")["5"]) == year(2025)


@pytest.mark.parametrize(
    ("language", "text", "start"),
    [
        ("en", "Sales grew by 75 percent, from $4 billion in 2021 to $7 billion in 2022.", "4"),
        ("vi", "Tỷ trọng tăng dần, từ 3,2% năm 2020 lên 4,1% năm 2023.", "3,2"),
    ],
)
def test_the_figure_a_change_starts_from_before_the_level_it_reaches_is_a_baseline(language, text, start):
    rows = drafted(language, text)
    assert (kind(rows[start]), period(rows[start])) == ("baseline", year(2021 if language == "en" else 2020))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Currently, the city scores 19 points on the digital index."),
        ("fr", "À l'heure actuelle, la ville obtient 19 points à l'indice numérique."),
    ],
)
def test_a_score_of_a_yearly_index_said_of_a_day_is_of_that_days_year(language, text):
    row = drafted(language, text, "2021-04-20")["19"]
    assert (row.observation.unit, period(row)) == ("index", year(2021))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Đến năm 2030, 100% người dùng được truy cập tốc độ cao; cáp quang phủ tới 99% số xã."),
        ("en", "By 2030, 100% of users will have fast access; fibre will reach 99% of communes."),
    ],
)
def test_a_deadline_opening_a_list_makes_each_of_its_clauses_a_plan(language, text):
    row = drafted(language, text, "2024-02-23")["99"]
    assert (kind(row), period(row)) == ("target", year(2030))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "By the end of 2026, or early 2027 at the latest, the service will have 5 million users."),
        ("vi", "Đến hết năm 2026, chậm nhất đầu năm 2027, dịch vụ sẽ có 5 triệu người dùng."),
    ],
)
def test_the_time_of_a_clause_opening_the_sentence_frames_it_not_a_later_aside(language, text):
    row = drafted(language, text, "2025-08-23")["5"]
    assert (kind(row), period(row)) == ("target", ("2026-12-31", "2026-12-31"))


@pytest.mark.parametrize(
    ("language", "text", "event", "expected"),
    [
        ("vi", "Sở phấn đấu đến ngày 15/8 sẽ cấp 50 triệu giấy phép.", "2021-06-21", "2021-08-15"),
        ("id", "Targetnya adalah 50 juta izin pada tanggal 15/8.", "2021-06-21", "2021-08-15"),
        ("vi", "Trước đó, kế hoạch nhắm tới 50 triệu giấy phép vào ngày 15.8.", "2021-10-06", "2021-08-15"),
    ],
)
def test_a_day_and_month_in_figures_in_a_plan_is_the_nearest_such_day(language, text, event, expected):
    row = drafted(language, text, event)["50"]
    assert (kind(row), period(row)) == ("target", (expected, expected))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "As of mid-June 2024, there were 80 million accounts."),
        ("vi", "Tính đến giữa tháng 6/2024, có 80 triệu tài khoản."),
    ],
)
def test_the_middle_of_a_month_named_with_its_year_is_its_15th(language, text):
    assert period(drafted(language, text)["80"]) == ("2024-06-15", "2024-06-15")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Нині країна має 80 мільйонів рахунків, а у 2023 році мала 70 мільйонів."),
        ("id", "Saat ini terdapat 80 juta akun, sedangkan pada 2023 terdapat 70 juta akun."),
    ],
)
def test_a_stock_said_currently_is_of_the_reports_date(language, text):
    rows = drafted(language, text, "2025-09-30")
    assert (period(rows["80"]), period(rows["70"])) == (("2025-09-30", "2025-09-30"), year(2023))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Users will reach 9 million by the end of 2026, with a monthly increase rate of 5%."),
        (
            "fr",
            "Les utilisateurs atteindront 9 millions d'ici 2026, avec un taux d'augmentation d'au moins 5 % par mois.",
        ),
    ],
)
def test_a_rate_of_increase_said_as_a_level_is_no_change_and_a_deadline_makes_it_a_plan(language, text):
    assert kind(drafted(language, text)["5"]) == "target"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2022 and 2023 the share fell, to about 30% of sales."),
        ("fr", "En 2022, 2023, la part est restée faible, à environ 30 % du total."),
        ("vi", "Năm 2022, 2023 tỷ trọng giảm, chỉ còn khoảng 30% doanh số."),
    ],
)
def test_years_listed_together_for_one_figure_are_a_span(language, text):
    assert period(drafted(language, text)["30"]) == ("2022-01-01", "2023-12-31")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "vi",
            "Tính đến hết tháng 5/2025, số hộ có cáp quang đạt 70%.\n\n"
            "Thành phố hiện có 37 kho lưu trữ. Tỷ lệ ký số đạt 65%.",
        ),
        (
            "en",
            "As of May 2025, the share of households with fibre was 70%.\n\n"
            "The city currently has 37 archives. The rate of e-signature use reached 65%.",
        ),
    ],
)
def test_currently_dates_its_own_sentence_and_no_other(language, text):
    rows = drafted(language, text)
    assert (period(rows["37"]), period(rows["65"])) == (("2025-07-15", "2025-07-15"), ("2025-05-31", "2025-05-31"))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The country had 127 million subscriptions as of June 2025. Subscriptions grew by 3% compared with 2024.",
        ),
        (
            "fr",
            "Le pays comptait 127 millions d'abonnements à fin juin 2025. "
            "Les abonnements ont augmenté de 3 % par rapport à 2024.",
        ),
    ],
)
def test_a_change_in_the_sentence_after_its_level_is_of_the_levels_period(language, text):
    rows = drafted(language, text)
    assert (kind(rows["3"]), period(rows["3"])) == ("change", ("2025-06-30", "2025-06-30"))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Revenue from online sales of every kind reached 12 billion USD in 2021. The share reached 70%."),
        ("fr", "Le chiffre d'affaires des ventes en ligne a atteint 12 milliards USD en 2021. La part a atteint 70 %."),
        ("vi", "Doanh thu bán lẻ trực tuyến của mọi loại hàng hóa đạt 12 tỷ USD trong năm 2021. Số hộ đạt 70%."),
    ],
)
def test_a_share_said_right_after_a_past_year_of_its_paragraph_is_of_that_year(language, text):
    assert period(drafted(language, text)["70"]) == ("2021-01-01", "2021-12-31")
    # In a paragraph of its own, the year of the paragraph before does not reach it.
    apart = text.replace(". ", ".\n", 1)
    assert period(drafted(language, apart)["70"]) != period(drafted(language, text)["70"])


@pytest.mark.parametrize(
    ("language", "opening", "body"),
    [
        ("en", "A conference reviewing the first 6 months of 2024 was held on 10 July.", "The share reached 82%."),
        ("vi", "Ngày 10/7, tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2024.", "Tỷ lệ đạt 82%."),
        ("uk", "10 липня відбулася конференція з огляду перших 6 місяців 2024 року.", "Частка досягла 82%."),
    ],
)
def test_a_stock_of_a_text_reviewing_a_time_that_has_ended_is_a_level_as_it_ends(language, opening, body):
    text = f"{opening}\n{body}\n"
    assert period(drafted(language, text, "2024-07-10")["82"]) == ("2024-06-30", "2024-06-30")
    # In a text that reviews nothing, or a time not yet over, it is of the report's day.
    today = ("2024-07-10", "2024-07-10")
    assert period(drafted(language, f"{body}\n", "2024-07-10")["82"]) == today
    assert period(drafted(language, text.replace("2024", "2025"), "2024-07-10")["82"]) == today
