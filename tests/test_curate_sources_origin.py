"""A source says what it is: the report itself or a translation of it (and of what, in which
language), and the page it was copied from and when, as far as the text shows."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from conftest import REPO, add_source

from publish.validate import findings_of

NEW_TEXT = "10 липня 2024 року активовано понад 45,5 мільйона облікових записів.\n"
ORIGINAL = "https://example.vn/bao-cao-chuyen-doi-so"
PAGE = "https://example.org/uk/zvit"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(NEW_TEXT, encoding="utf-8")
    return path


def added_row(project) -> dict:
    [row] = [row for row in project.rows("sources") if row["source_id"] not in ("a-id", "b-fr")]
    return row


def test_add_source_records_a_translation_and_the_page_it_was_copied_from(project, article):
    options = ["--translation-of", ORIGINAL, "--original-language", "vi"]
    result = add_source(project, article, *options, "--retrieved-from", PAGE, "--retrieved-on", "2025-02-07")
    assert result.exit_code == 0, result.output
    row = added_row(project)
    assert {k: row[k] for k in ("text_kind", "original_url", "original_language", "retrieved_from")} == {
        "text_kind": "translation",
        "original_url": ORIGINAL,
        "original_language": "vi",
        "retrieved_from": PAGE,
    }
    assert row["retrieved_on"] == "2025-02-07"


def test_add_source_records_an_original_and_asks_for_a_kind_left_unsaid(project, article, tmp_path):
    assert add_source(project, article, "--text-kind", "original").exit_code == 0
    assert (added_row(project)["text_kind"], added_row(project)["original_url"]) == ("original", "")
    other = tmp_path / "other.txt"
    other.write_text("Частка доступу становить 17,25%.\n", encoding="utf-8")
    unsaid = add_source(project, other, url="https://example.org/news/2")
    assert unsaid.exit_code == 0, unsaid.output
    assert "text_kind (original or translation)" in unsaid.output


TOMORROW = (date.today() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--translation-of", "ftp://example.vn/a"], "--translation-of 'ftp://example.vn/a' is not a well-formed"),
        (
            ["--retrieved-from", "https://exa mple.org/"],
            "--retrieved-from 'https://exa mple.org/' is not a well-formed",
        ),
        (["--retrieved-on", "2025-02-30"], "--retrieved-on '2025-02-30' is not a date written YYYY-MM-DD"),
        (["--retrieved-on", TOMORROW], f"--retrieved-on {TOMORROW} is after today"),
        (["--original-language", "vi"], "--original-language describe the original of a translation"),
        (["--text-kind", "original", "--translation-of", ORIGINAL], "this text has --text-kind original"),
        (["--translation-of", ORIGINAL, "--original-language", "uk"], "is the text's own language"),
        (["--translation-of", ORIGINAL, "--original-language", "xx-not"], "not a valid BCP 47 language tag"),
        (["--text-kind", "copy"], "Invalid value for '--text-kind'"),
    ],
)
def test_add_source_refuses_an_origin_that_cannot_be_and_changes_nothing(project, article, options, message):
    before = {p: p.read_bytes() for p in sorted(project.root.rglob("*")) if p.is_file()}
    result = add_source(project, article, *options)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in sorted(project.root.rglob("*")) if p.is_file()} == before


def rule_errors(project, rule: str) -> list[tuple]:
    return [(f.row, f.field) for f in findings_of(project.root, rule)]


def test_only_a_translation_names_an_original(project):
    project.edit("sources", 0, text_kind="original", original_url=ORIGINAL, original_language="vi")
    assert rule_errors(project, "source.translation") == [(2, "original_language"), (2, "original_url")]


def test_a_translations_original_is_in_another_language(project):
    project.edit("sources", 1, text_kind="translation", original_language="fr-CA")
    assert rule_errors(project, "source.translation") == [(3, "original_language")]


def test_a_translation_of_a_report_in_another_language_is_valid(project):
    project.edit("sources", 0, text_kind="translation", original_url=ORIGINAL, original_language="vi")
    project.edit("sources", 1, text_kind="original", retrieved_from=PAGE, retrieved_on="2025-02-07")
    code, report = project.report()
    assert (code, report["errors"]) == (0, [])


def repository_sources() -> list[dict]:
    with (REPO / "datapackage" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_archived_text_says_it_is_a_translation_and_names_the_original_it_names():
    """The five texts are translations of Vietnamese reports: four name their original in a 'Source:'
    line, which is the url they name; one names none."""
    for row in repository_sources():
        assert row["text_kind"] == "translation", row["source_id"]
        assert row["original_url"] == row["url"], row["source_id"]
        assert row["original_language"] == "vi", row["source_id"]


def test_a_text_whose_header_names_its_site_was_retrieved_from_that_site():
    for row in repository_sources():
        first_line = (REPO / row["path"]).read_text(encoding="utf-8").splitlines()[0]
        site = first_line.split(" - ")[0].lower() if " - " in first_line else None
        host = urlparse(row["retrieved_from"]).hostname or ""
        assert (host.removeprefix("www.") == site) if site else not host, (row["source_id"], first_line)
