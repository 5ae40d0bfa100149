"""The indicator is proved, like the number: named in its quote's sentence by one of its phrases
(curation/indicator_words.csv), or, for a change or a baseline, in the sentence before."""

from __future__ import annotations

import csv

from publish.validate import findings_of

WORDS = {
    "revenue": {"id": ["pendapatan"], "fr": ["chiffre d'affaires"]},
    "accounts": {"id": ["akun"], "fr": ["comptes"]},
    "access_share": {"id": ["tingkat akses"]},
    "egov_rank": {"id": ["peringkat"]},
    "growth": {"id": ["pertumbuhan"]},
}


def with_words(project, words=WORDS) -> None:
    path = project.root / "curation" / "indicator_words.csv"
    path.parent.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["indicator_id", "language", "phrase"])
        for indicator, languages in words.items():
            for language, phrases in languages.items():
                writer.writerows([indicator, language, phrase] for phrase in phrases)


def named_findings(project) -> list[tuple[int, str]]:
    return [(f.row, f.value) for f in findings_of(project.root, "indicator.named")]


def test_every_indicator_named_in_its_sentence_validates(project):
    with_words(project)
    code, report = project.report()
    assert (code, report["errors"]) == (0, [])


def test_an_indicator_its_sentence_does_not_name_is_an_error(project):
    # "Hampir 60 juta akun" filed under accounts, which the words give as "kartu" (cards) only.
    with_words(project, {**WORDS, "accounts": {"id": ["kartu"], "fr": ["comptes"]}})
    assert named_findings(project) == [(4, "accounts")]


def test_a_french_row_is_read_by_its_french_phrases(project):
    with_words(project, {**WORDS, "accounts": {"id": ["akun"], "fr": ["abonnés"]}})
    assert named_findings(project) == [(9, "accounts")]


def test_a_change_takes_the_subject_of_the_sentence_before(project):
    # The change "Angka itu naik 5%." names no indicator; the sentence before names the revenue.
    project.rewrite_seed("a.txt", project.seed("a.txt").read_text(encoding="utf-8") + "Angka itu naik 5%.\n")
    project.append(
        "observations",
        observation_id="a-id-09",
        indicator_id="growth",
        source_id="a-id",
        kind="change",
        period_type="year",
        period_start="2025-01-01",
        period_end="2025-12-31",
        value="5",
        unit="percent_change",
        qualifier="exact",
        change_type="percent_change",
        compared_start="2024-01-01",
        compared_end="2024-12-31",
        quote="Angka itu naik 5%",
    )
    with_words(project)
    # growth's phrase "pertumbuhan" is in the sentence before ("... target pertumbuhan 9-10% ...").
    assert named_findings(project) == []
    project.edit("observations", 8, kind="actual", change_type="", compared_start="", compared_end="")
    assert named_findings(project) == [(10, "growth")]


def test_a_phrase_names_its_indicator_in_any_case_any_apostrophe_and_by_its_stem(project):
    # The text writes "chiffre d'affaires" and "Pendapatan"; the words write them otherwise.
    words = {**WORDS, "revenue": {"id": ["PENDAPAT*"], "fr": ["Chiffre d’affaires"]}}
    with_words(project, words)
    assert named_findings(project) == []
    with_words(project, {**words, "revenue": {"id": ["pendapatan kotor"], "fr": ["chiffre d’affaires net"]}})
    assert {value for _, value in named_findings(project)} == {"revenue"}
