"""publish review SOURCE_ID: the drafts of a text walked one at a time, least confident first; every
decision checked by validate and written at once; the tables afterwards exactly as decided.

The text, written for the tests in Vietnamese, is drafted into the tiny project with `publish draft`
(conftest's `drafted`)."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner
from conftest import REVIEW_TEXT as TEXT

from publish.cli import cli


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def words(project) -> list[tuple[str, str, str]]:
    with (project.root / "curation" / "indicator_words.csv").open(encoding="utf-8", newline="") as handle:
        return [tuple(row.values()) for row in csv.DictReader(handle)]


def by_id(project, table: str) -> dict[str, dict]:
    return {row[next(iter(row))]: row for row in project.rows(table)}


def lines(*keys: str) -> str:
    return "".join(f"{key}\n" for key in keys)


def test_drafts_are_walked_least_confident_first(drafted):
    result = invoke("review", "news", "--project", str(drafted.root), input=lines(*"s" * 10))
    assert result.exit_code == 0, result.output
    shown = [line.split()[2] for line in result.output.splitlines() if line.startswith("── ")]
    # Three fields guessed (a new indicator, no unit word, a time carried from before), then two, one,
    # none; among equals, in the order of the text.
    assert shown == [
        "news-03",
        "news-06",
        "news-02",
        "news-05",
        "news-04",
        "news-x01",
        "news-01",
        "news-x02",
        "news-x03",
        "news-x04",
    ]
    assert "news-03  observation, row 12 of observations; confidence low (stated in its note)" in result.output
    assert "guessed unit: no unit word: taken as a count" in result.output
    # The sentence, its number marked without colours; each field with why it was chosen.
    assert "line 1: Có »3 triệu« người dùng mới." in result.output
    assert "value           3000000   ← value 3 scaled by ×1,000,000" in result.output
    assert "line 1: Hội nghị lần thứ 3 diễn ra lúc »09«:45." in result.output
    assert "news: 0 accepted, 0 rejected, 10 skipped; 10 draft(s) left" in result.output


def test_a_review_accepts_edits_refiles_rejects_converts_and_quits(drafted):
    before = {name: drafted.path(name).read_bytes() for name in ("observations", "exclusions", "indicators")}
    keys = lines(
        # news-03, a new indicator proposed for "3 triệu người dùng mới": filed under accounts first, which
        # its sentence does not name (refused), then under a new indicator named with its words.
        *("i", "accounts", "", "a"),
        *("i", "platform_users", "New platform users", "", "digital_society"),
        *("People who registered on the platform for the first time.", "người dùng mới", "a"),
        # news-06, "2 giai đoạn" (two phases): an exclusion, not an indicator value.
        *("x", "other", "the number of phases of the programme", "a"),
        # news-02, the growth of the revenue: its note rewritten.
        *("e", "note", "Growth of the revenue; the text names no year it is compared with.", "a"),
        # news-05: a value its quote does not state is refused; put back, accepted.
        *("e", "value", "51000000", "a", "e", "value", "50000000", "a"),
        "r",  # news-04, rejected: deleted
        "a",  # news-x01, accepted as drafted
        "s",  # news-01, skipped
        "q",  # quit at news-x02
    )
    result = invoke("review", "news", "--project", str(drafted.root), input=keys)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Not accepted: news-03 would not validate:" in out and "[indicator.named]" in out
    assert "Accepted news-03." in out
    assert "Accepted news-06 as exclusion news-x05." in out
    assert "[quote.states_value]" in out and "Accepted news-05." in out
    assert "Rejected news-04: deleted." in out
    assert "news: 5 accepted, 1 rejected, 1 skipped; 4 draft(s) left" in out

    observations, exclusions, indicators = (by_id(drafted, t) for t in ("observations", "exclusions", "indicators"))
    news = {k: v for k, v in observations.items() if k.startswith("news-")}
    assert sorted(news) == ["news-01", "news-02", "news-03", "news-05"]
    assert news["news-01"]["note"].startswith("[draft] ")  # skipped: as drafted
    assert news["news-02"]["note"] == "Growth of the revenue; the text names no year it is compared with."
    assert (news["news-03"]["indicator_id"], news["news-03"]["value"]) == ("platform_users", "3000000")
    assert news["news-03"]["note"].startswith("value 3 scaled by ×1,000,000; unit count: no unit word")
    assert (news["news-05"]["indicator_id"], news["news-05"]["value"]) == ("accounts", "50000000")
    assert not news["news-05"]["note"].startswith("[draft]")
    assert exclusions["news-x05"] == {
        "exclusion_id": "news-x05",
        "source_id": "news",
        "quote": "Chương trình có 2 giai đoạn",
        "number": "2",
        "category": "other",
        "reason": "the number of phases of the programme",
    }
    assert exclusions["news-x01"]["reason"] == "a year, '2024': recorded as the period of the values it dates"
    assert [exclusions[i]["reason"][:8] for i in ("news-x02", "news-x03", "news-x04")] == ["[draft] "] * 3
    # The proposed indicators are gone (one renamed away, one no row names any more); the new one is there.
    assert [i for i in indicators if i.startswith("new_")] == []
    assert indicators["platform_users"] == {
        "indicator_id": "platform_users",
        "title": "New platform users",
        "unit": "count",
        "topic": "digital_society",
        "definition": "People who registered on the platform for the first time.",
    }
    assert words(drafted)[-1] == ("platform_users", "vi", "người dùng mới")
    # The rows no decision touched are byte for byte as they were.
    decided = ("news-02,", "news-03,", "news-04,", "news-05,", "news-06,", "news-x01,", "news-x05,", "new_", "plat")
    for name in ("observations", "exclusions", "indicators"):
        now = drafted.path(name).read_text(encoding="utf-8").splitlines(keepends=True)
        then = before[name].decode().splitlines(keepends=True)
        assert [line for line in now if not line.startswith(decided)] == [
            line for line in then if not line.startswith(decided)
        ]

    # validate finds nothing against the accepted rows: only the drafts left and the number rejected.
    report = json.loads(drafted.validate("--format", "json").output)
    about = {(e["rule"], e.get("id") or e["value"]) for e in report["errors"]}
    assert about == {
        ("draft.unreviewed", "news-01"),
        ("draft.unreviewed", "news-x02"),
        ("draft.unreviewed", "news-x03"),
        ("draft.unreviewed", "news-x04"),
        ("coverage.uncovered", "18,3"),
    }


def test_a_review_page_marks_every_number(drafted, tmp_path):
    out = tmp_path / "page.html"
    assert invoke("accept", "news", "news-x01", "--project", str(drafted.root)).exit_code == 0
    assert invoke("reject", "news", "news-04", "--project", str(drafted.root)).exit_code == 0
    result = invoke("review", "news", "--page", "--out", str(out), "--project", str(drafted.root))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    at = TEXT.index
    assert f'class="n excluded" id="n{at("2024")}" href="#row-news-x01"' in html
    assert f'class="n draft-low" id="n{at("20%")}" href="#row-news-02"' in html
    assert f'<mark class="n uncovered" id="n{at("18,3%")}"' in html  # rejected, so no row covers it
    assert '<section class="row" id="row-news-03" data-status="draft-low">' in html
