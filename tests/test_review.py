"""The draft mark holds a drafted row back however it is written, in every field drafting writes
it, and a proposed indicator's new_ id holds it back until it is renamed; `publish release`
refuses what `publish validate` refuses."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import release

from publish.checks.drafts import marked
from publish.validate import findings_of

# How a spreadsheet, an editor or a hurried curator may leave the mark: a space before it, another
# case, an invisible character before it or inside it, full-width brackets or letters.
MARKS = {
    "space": " [draft] unit count",
    "title-case": "[Draft] unit count",
    "upper-case": "[DRAFT] unit count",
    "zero-width-space": "\u200b[draft] unit count",
    "soft-hyphen-inside": "[dr\u00adaft] unit count",
    "byte-order-mark": "\ufeff[draft] unit count",
    "no-break-space-inside": "[\u00a0draft\u00a0] unit count",
    "full-width-brackets": "\uff3bdraft\uff3d unit count",
    "full-width-letters": "[\uff44\uff52\uff41\uff46\uff54] unit count",
    "after-other-words": "Reviewed. [draft] unit count",
}
# Where drafting writes the mark: (table, 0-based row, field); the row a person sees is one more than
# the header's.
FIELDS = [
    ("observations", 0, "note"),
    ("exclusions", 0, "reason"),
    ("indicators", 1, "title"),
    ("indicators", 1, "definition"),
]


def unreviewed(project) -> list[tuple[str, int, str]]:
    return [(f.file, f.row, f.field) for f in findings_of(project.root, "draft.unreviewed")]


def test_the_draft_mark_is_read_however_it_is_written():
    written = pd.Series(MARKS)
    assert list(written.index[~marked(written)]) == []  # the names of the forms not read as the mark


@pytest.mark.parametrize(("table", "index", "field"), FIELDS, ids=[f"{t}-{f}" for t, _, f in FIELDS])
def test_a_marked_row_is_unreviewed_in_every_field_drafting_marks(project, table, index, field):
    mark = list(MARKS.values())[FIELDS.index((table, index, field)) * 3 % len(MARKS)]  # a mark of another form each
    project.edit(table, index, **{field: mark})
    assert (f"datapackage/{table}.csv", index + 2, field) in unreviewed(project)


WORDS_ABOUT_DRAFTS = ["a draft law, read as adopted", "the [drafting] committee's figure", "drafted by the ministry"]


def test_words_about_drafts_are_no_draft_mark(project):
    assert not marked(pd.Series(WORDS_ABOUT_DRAFTS)).any()  # in-process, every wording; through validate, one
    project.edit("observations", 0, note=WORDS_ABOUT_DRAFTS[1])
    assert unreviewed(project) == []


def rename_indicator(project, old: str, new: str) -> None:
    for table in ("indicators", "observations", "conflicts"):
        rows = project.rows(table)
        for row in rows:
            row["indicator_id"] = new if row["indicator_id"] == old else row["indicator_id"]
        project.write(table, rows)


def test_a_proposed_indicator_id_is_a_draft_until_renamed(project):
    rename_indicator(project, "accounts", "new_akun_telah_diaktifkan")
    assert unreviewed(project) == [("datapackage/indicators.csv", 3, "indicator_id")]
    rename_indicator(project, "new_akun_telah_diaktifkan", "accounts_activated")
    assert unreviewed(project) == []


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: p.edit("observations", 0, note="\u200b[draft] unit usd"), id="a-hidden-mark"),
        pytest.param(lambda p: p.edit("indicators", 0, definition="[Draft] proposed from the words"), id="definition"),
        pytest.param(lambda p: rename_indicator(p, "revenue", "new_pendapatan"), id="a-proposed-id"),
    ],
)
def test_release_refuses_a_project_with_a_draft(project, change):
    change(project)
    out = project.root.parent / "out"
    result = release(project, "--version", "9.0.0", "--out", str(out))
    assert result.exit_code == 1
    assert "draft.unreviewed" in result.output
    assert not (out / "9.0.0").exists()
