"""The indicators' words (curation/indicator_words.csv) are checked like every table: by their
Table Schema and their key to indicators; drafting reads them, and refuses a broken table."""

from __future__ import annotations

import shutil

from conftest import REPO, run

HEADER = "indicator_id,language,phrase\n"


def words(project, text: str) -> None:
    folder = project.root / "curation"
    folder.mkdir(exist_ok=True)
    (folder / "indicator_words.csv").write_text(HEADER + text, encoding="utf-8")
    shutil.copy(REPO / "schemas" / "indicator_words.schema.json", project.root / "schemas")


def errors(project) -> list[dict]:
    code, report = project.report()
    return report["errors"]


def test_good_words_keep_the_project_valid_and_are_not_counted_as_a_table(project):
    from test_indicator_rule import WORDS

    # Every observation's indicator is named in its sentence by one of these (rule indicator.named).
    good = [
        f"{indicator},{language},{phrase}\n"
        for indicator, by in WORDS.items()
        for language, phrases in by.items()
        for phrase in phrases
    ]
    words(project, "".join(good) + "revenue,vi,doanh thu\n")
    code, report = project.report()
    assert (code, report["errors"]) == (0, [])
    assert "indicator_words" not in report["rows"]


def test_a_phrase_of_an_unknown_indicator_is_a_foreign_key_error(project):
    words(project, "no_such_indicator,id,akun\n")
    found = [e for e in errors(project) if e["file"] == "curation/indicator_words.csv"]
    assert [(e["rule"], e["row"], e["field"]) for e in found] == [("schema.foreign_key", 2, "indicator_id")]


def test_a_language_drafting_cannot_read_is_a_schema_error(project):
    indicator = project.rows("indicators")[0]["indicator_id"]
    words(project, f"{indicator},de,Konten\n")
    found = [e for e in errors(project) if e["file"] == "curation/indicator_words.csv"]
    assert [(e["rule"], e["row"], e["field"]) for e in found] == [("schema.enum", 2, "language")]


def test_drafting_refuses_a_broken_words_table(project):
    words(project, "no_such_indicator,id,akun\n")
    result = run("draft", "a-id", "--project", str(project.root), "--out", str(project.root.parent / "drafts"))
    assert result.exit_code == 1
    assert "curation/indicator_words.csv" in result.output
    assert "indicator_id" in result.output


def test_a_phrase_with_a_number_is_a_schema_error_and_drafting_refuses_it(project):
    """An indicator's words name its subject; a number ("{n}", the language files' mark) is no part of
    them, and two would stop the phrase from being read at all."""
    indicator = project.rows("indicators")[0]["indicator_id"]
    words(project, f"{indicator},id,pendapatan {{n}} sampai {{n}}\n")
    found = [e for e in errors(project) if e["file"] == "curation/indicator_words.csv"]
    assert [(e["rule"], e["row"], e["field"]) for e in found] == [("schema.pattern", 2, "phrase")]
    result = run("draft", "a-id", "--project", str(project.root), "--out", str(project.root.parent / "drafts"))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert "curation/indicator_words.csv" in result.output and "phrase" in result.output
