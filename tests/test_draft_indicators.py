"""Which indicator a drafted figure is of, read in-process on texts written for the tests: an existing
indicator only on evidence (a specific phrase of it in the figure's sentence, and its words in the
figure's own clause telling it apart from the others), otherwise a new one. Each rule in two
languages at least; publish draft's command is tested in tests/test_draft.py."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import draft_rows

from publish.draft.records import Drafted

INDICATORS = pd.DataFrame(
    [
        ("portal_accounts", "Accounts on the portal", "count", "digital_government", "Accounts on the portal"),
        ("eid_accounts", "Activated e-ID accounts", "count", "project_06", "Activated e-ID accounts"),
        ("fibre_share", "Households with fibre", "percent", "digital_infrastructure", "Share of households"),
        ("fibre_households", "Households with fibre (number)", "count", "digital_infrastructure", "Households"),
        ("de_share", "Digital economy share of GDP", "percent", "digital_economy", "Share of GDP"),
        ("de_growth", "Digital economy growth", "percent_change", "digital_economy", "Growth"),
        ("egov_rank", "E-government rank", "rank", "digital_government", "Rank"),
    ],
    columns=["indicator_id", "title", "unit", "topic", "definition"],
)
WORDS = pd.DataFrame(
    [
        ("portal_accounts", "en", "account*"),
        ("portal_accounts", "en", "Public Service Portal"),
        ("eid_accounts", "en", "account*"),
        ("eid_accounts", "en", "e-ID accounts"),
        ("portal_accounts", "vi", "tài khoản"),
        ("portal_accounts", "vi", "Cổng Dịch vụ công"),
        ("eid_accounts", "vi", "tài khoản"),
        ("eid_accounts", "vi", "tài khoản định danh điện tử"),
        ("fibre_share", "en", "households with fibre"),
        ("fibre_households", "en", "households with fibre"),
        ("fibre_share", "vi", "hộ gia đình có cáp quang"),
        ("fibre_households", "vi", "hộ gia đình có cáp quang"),
        ("de_share", "en", "digital economy"),
        ("de_share", "en", "of GDP"),
        ("de_growth", "en", "digital economy"),
        ("de_share", "vi", "kinh tế số"),
        ("de_share", "vi", "GDP"),
        ("de_growth", "vi", "kinh tế số"),
        ("de_share", "fr", "économie numérique"),
        ("de_share", "fr", "du PIB"),
        ("de_growth", "fr", "économie numérique"),
        ("egov_rank", "en", "E-Government Development Index"),
        ("egov_rank", "vi", "Chính phủ điện tử"),
        ("portal_accounts", "uk", "портал* державних послуг"),
        ("portal_accounts", "uk", "обліков* запис*"),
        ("eid_accounts", "uk", "обліков* запис*"),
        ("eid_accounts", "uk", "обліков* запис* VNeID"),
    ],
    columns=["indicator_id", "language", "phrase"],
)


def drafted(language: str, text: str, event: str = "2025-07-15") -> list[Drafted]:
    return draft_rows(language, text, event, INDICATORS, WORDS)


def indicators(language: str, text: str) -> dict[str, str]:
    """Each drafted observation's indicator by its number as written; "new" for a proposed one."""
    return {
        row.number.raw: ("new" if row.new_indicator else row.observation.indicator_id)
        for row in drafted(language, text)
        if not row.excluded
    }


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "More than 12 million accounts were opened."),
        ("vi", "Đã có hơn 12 triệu tài khoản được mở."),
        ("uk", "Відкрито понад 12 мільйонів облікових записів."),
    ],
)
def test_one_word_several_indicators_share_chooses_none(language, text):
    """A word the table gives two indicators names their family, not one of them: a new indicator."""
    assert indicators(language, text) == {"12": "new"}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "The Public Service Portal has 12 million accounts.", "portal_accounts"),
        ("en", "Citizens hold 12 million e-ID accounts.", "eid_accounts"),
        ("vi", "Cổng Dịch vụ công có 12 triệu tài khoản.", "portal_accounts"),
        ("vi", "Đã kích hoạt 12 triệu tài khoản định danh điện tử.", "eid_accounts"),
    ],
)
def test_a_specific_phrase_chooses_and_the_shared_word_tells_apart(language, text, expected):
    assert indicators(language, text) == {"12": expected}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The Public Service Portal has 12 million accounts; 5 million people visited the fair."),
        ("vi", "Cổng Dịch vụ công có 12 triệu tài khoản; 5 triệu người đã tham quan hội chợ."),
    ],
)
def test_the_words_of_another_figure_name_nothing_for_this_one(language, text):
    assert indicators(language, text) == {"12": "portal_accounts", "5": "new"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The digital economy reached 16.4% of GDP."),
        ("vi", "Kinh tế số đạt 16,4% GDP."),
        ("fr", "L'économie numérique représente 16,4% du PIB."),
    ],
)
def test_a_percentage_of_gdp_is_a_share_never_a_growth_rate(language, text):
    [(_, indicator)] = indicators(language, text).items()
    assert indicator == "de_share"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2018 and 2019 the digital economy's share of GDP was, respectively, 8.2% and 9.6%."),
        ("vi", "Năm 2018 và 2019, tỷ trọng kinh tế số so với GDP lần lượt đạt 8,2% và 9,6%."),
    ],
)
def test_the_figures_of_a_list_are_of_the_subject_named_before_respectively(language, text):
    assert set(indicators(language, text).values()) == {"de_share"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Vietnam rose 9 places, to 62nd in the E-Government Development Index."),
        ("vi", "Việt Nam tăng 9 bậc, lên hạng 62 về Chính phủ điện tử."),
    ],
)
def test_a_change_whose_words_name_nothing_is_of_the_level_it_reaches(language, text):
    assert set(indicators(language, text).values()) == {"egov_rank"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The digital economy stood at 15.3 percent of GDP in June; this figure was 14.9 percent in May.",
        ),
        ("fr", "La part de l'économie numérique du PIB était de 15,3% en juin; ce chiffre était de 14,9% en mai."),
    ],
)
def test_an_anaphor_takes_the_indicator_of_the_figure_before(language, text):
    assert set(indicators(language, text).values()) == {"de_share"}


@pytest.mark.parametrize(
    ("language", "text", "share", "count"),
    [
        ("en", "Of all homes, households with fibre reached 68.4% (17.2 million).", "68.4", "17.2"),
        ("vi", "Tỷ lệ hộ gia đình có cáp quang đạt 68,4% (17,2 triệu hộ).", "68,4", "17,2"),
    ],
)
def test_a_figure_in_brackets_after_another_is_of_its_subject_in_its_own_unit(language, text, share, count):
    assert indicators(language, text) == {share: "fibre_share", count: "fibre_households"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Національний портал державних послуг надав 3200 послуг; має 11 мільйонів облікових записів."),
        ("en", "The Public Service Portal offers 3,200 services; it has 11 million accounts."),
    ],
)
def test_the_lead_of_a_list_joined_by_semicolons_tells_apart_its_figures(language, text):
    assert indicators(language, text)["11"] == "portal_accounts"


@pytest.mark.parametrize(
    ("language", "text", "title"),
    [
        ("en", "The share of firms using cloud services reached 41%.", "share of firms using cloud services"),
        ("vi", "Tỷ lệ doanh nghiệp dùng điện toán đám mây đạt 41%.", "Tỷ lệ doanh nghiệp dùng điện toán đám mây"),
        ("en", "By June, 41 million cloud accounts were opened.", "cloud accounts were opened"),
        ("fr", "La part des entreprises utilisant le cloud atteint 41 %.", "part des entreprises utilisant le cloud"),
    ],
)
def test_a_new_indicator_is_named_by_its_figures_subject_as_written(language, text, title):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert row.new_indicator is not None
    assert row.new_indicator.title.endswith(" " + title)
    assert row.observation.indicator_id.startswith("new_")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Citizens hold e-ID accounts; the share of them using the Public Service Portal reached 41%."),
        ("vi", "Người dân có tài khoản định danh điện tử; tỷ lệ dùng Cổng Dịch vụ công đạt 41%."),
    ],
)
def test_a_new_indicators_definition_names_the_other_candidates_with_their_words(language, text):
    [row] = [r for r in drafted(language, text) if not r.excluded]
    assert row.new_indicator is not None
    assert "other candidates" in row.new_indicator.definition and "portal_accounts (" in row.new_indicator.definition


@pytest.mark.parametrize(
    ("language", "text", "change"),
    [
        ("en", "Households with fibre reached 68.4% (17.2 million), up 6% on last year.", "6"),
        ("vi", "Tỷ lệ hộ gia đình có cáp quang đạt 68,4% (17,2 triệu hộ) tăng 6% so với cùng kỳ.", "6"),
    ],
)
def test_a_change_after_a_bracketed_restatement_is_of_the_figure_before_the_brackets(language, text, change):
    assert indicators(language, text)[change] == "fibre_share"
