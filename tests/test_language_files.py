"""A language file publish cannot read stops validate, draft and todo with one message that names
the file and what is wrong in it, and exit 1: never a traceback."""

from __future__ import annotations

import re
import shutil
import sys

import pytest
from conftest import REPO, TEXT_ID, archived_row, in_turn, run

import publish.languages

# Remembered by the very texts they are made from, so never out of date: kept, since compiling every
# phrase again after each test here costs a second of the run.
KEYED_BY_THEIR_TEXT = {"compiled_pattern"}


def clear_caches() -> None:
    """Forget every language file read so far, and all that was made from them."""
    for name, module in list(sys.modules.items()):
        if name == "publish" or name.startswith("publish."):
            for key, value in list(vars(module).items()):
                if callable(getattr(value, "cache_clear", None)) and key not in KEYED_BY_THEIR_TEXT:
                    value.cache_clear()


@pytest.fixture
def language_files(tmp_path, monkeypatch):
    """A copy of the language files, read in place of the package's, for a test to break."""
    folder = tmp_path / "languages"
    folder.mkdir()
    for path in (REPO / "publish" / "languages").glob("*.toml"):
        shutil.copy(path, folder / path.name)
    monkeypatch.setattr(publish.languages, "files", lambda package: folder)
    clear_caches()
    yield folder
    monkeypatch.undo()
    clear_caches()


def edit(path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


def toml_syntax_error(folder, project):
    edit(folder / "id.toml", r"^\[numbers\]$", "[numbers")
    return "id.toml", "not TOML"


def missing_class(folder, project):
    edit(folder / "fr.toml", r"^\[qualifiers\]$", "[qualifier_words]")
    return "fr.toml", "no 'qualifiers'"


def text_scale_factor(folder, project):
    edit(folder / "id.toml", r"juta = 1e6", 'juta = "sejuta"')
    return "id.toml", "numbers.scale.juta: a factor"


def unknown_locale(folder, project):
    """A file for a language Babel does not know, and a text in it."""
    (folder / "xx.toml").write_text(
        re.sub(r'^language = "id"$', 'language = "xx"', (folder / "id.toml").read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    project.append("sources", **archived_row(project, "c-xx", "c.txt", "xx", TEXT_ID + "Lagi.\n", "2025-02-06"))
    return "xx.toml", "Babel knows no such locale"


def unknown_num2words(folder, project):
    edit(folder / "uk.toml", r'^num2words = "uk"$', 'num2words = "ukr"')
    return "uk.toml", "num2words writes no such language"


def two_numbers_in_a_phrase(folder, project):
    edit(folder / "en.toml", r"^about = \[", 'about = ["between {n} and {n}", ')
    return "en.toml", "holds 2 numbers; a phrase holds one at most"


def missing_key(folder, project):
    edit(folder / "vi.toml", r"^nearly = .*$", "")
    return "vi.toml", "[qualifiers] lacks nearly"


def unknown_key(folder, project):
    edit(folder / "id.toml", r"^\[kinds\]$", '[kinds]\ntarjet = ["sasaran"]')
    return "id.toml", "[kinds] gives tarjet, which no rule reads"


BREAKAGES = [toml_syntax_error, missing_class, text_scale_factor, unknown_locale]
COMMANDS = {
    "validate": lambda root: ["validate", str(root)],
    "draft": lambda root: ["draft", "a-id", "--project", str(root), "--out", str(root.parent / "drafts")],
    "todo": lambda root: ["todo", "--project", str(root)],
}


def assert_one_clear_error(result, file: str, problem: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a message, not a traceback
    assert f"publish/languages/{file}" in result.output and problem in result.output, result.output
    assert "Traceback" not in result.output


# A plain run breaks the files in each way once, the commands in turn; `pytest --slow` every pair.
@pytest.mark.parametrize(("breakage", "command"), in_turn([b.__name__ for b in BREAKAGES], sorted(COMMANDS)))
def test_a_broken_language_file_is_one_clear_error(language_files, project, breakage, command):
    file, problem = {b.__name__: b for b in BREAKAGES}[breakage](language_files, project)
    assert_one_clear_error(run(*COMMANDS[command](project.root)), file, problem)


@pytest.mark.parametrize(
    "breakage", [unknown_num2words, two_numbers_in_a_phrase, missing_key, unknown_key], ids=lambda b: b.__name__
)
def test_what_the_loader_checks_on_reading(language_files, project, breakage):
    file, problem = breakage(language_files, project)
    assert_one_clear_error(run("validate", str(project.root)), file, problem)


def test_the_language_files_as_shipped_load(language_files):
    assert [publish.languages.language(code).code for code in publish.languages.codes()] == sorted(
        path.stem for path in language_files.glob("*.toml")
    )


def test_the_readme_is_the_checklist_the_loader_enforces():
    from publish.languages.checklist import checklist_table

    readme = (REPO / "publish" / "languages" / "README.md").read_text(encoding="utf-8")
    assert checklist_table() in readme, "publish/languages/README.md: paste checklist_table() into its table"


def test_a_phrase_holding_a_number_reads_the_language_file_as_it_is_now(language_files):
    """A phrase's compiled pattern is kept between the tests here (KEYED_BY_THEIR_TEXT): it must
    still follow a file that changes what a number is."""
    from publish.languages.words import find_words

    sentence = "hampir 5 gazillion akun"
    assert [found.text for found in find_words("id", "qualifiers", sentence)] == ["hampir 5"]
    edit(language_files / "id.toml", r"kuadriliun = 1e15", "kuadriliun = 1e15, gazillion = 1e18")
    clear_caches()
    assert [found.text for found in find_words("id", "qualifiers", sentence)] == ["hampir 5 gazillion"]
