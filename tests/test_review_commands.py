"""Review from a script and what review reads: publish accept and publish reject, accept --from what
publish draft --out wrote, how sure a draft is (its note), publish todo's drafts, the ids validate
names, and drafted reasons that say what they read."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import REVIEW_EVENT, REVIEW_TEXT, archived_row, with_review_words
from test_review_walk import invoke

from publish.review.drafts import read_note


def test_a_note_says_how_sure_a_draft_is():
    read = read_note(
        "[draft] value 3 scaled by ×1,000,000; unit count: no unit word, a count; NEW indicator new_x: no "
        "indicator's words are near the number; name and define it; other indicators: accounts, egov_rank; "
        "period the report's date"
    )
    assert read.guessed == ("unit", "indicator_id", "period")
    assert (read.confidence, read.stated) == ("low", False)
    assert read.candidates == ("accounts", "egov_rank")
    # A clause that goes on after a semicolon of its own stays with its field.
    assert read.reasons["indicator_id"][0].endswith("near the number; name and define it")
    assert read_note("[draft] unit usd from '25 tỷ USD'; period the year 2024").confidence == "high"
    assert read_note("[draft] unit usd from '25 tỷ USD'; compared period not stated (check it)").guessed == (
        "compared",
    )
    # A stated confidence wins over the count of guesses.
    stated = read_note("[Draft] unit count: no unit word, a count; Confidence: high")
    assert (stated.confidence, stated.stated, stated.guessed) == ("high", True, ("unit",))


def test_a_stated_confidence_orders_the_walk(drafted):
    rows = drafted.rows("observations")
    at = next(i for i, r in enumerate(rows) if r["observation_id"] == "news-01")  # nothing guessed: high
    # The draft states its confidence ("confidence: high"); a reviewer's "low" in its place wins.
    drafted.edit("observations", at, note=rows[at]["note"].replace("confidence: high", "confidence: low"))
    result = invoke("review", "news", "--project", str(drafted.root), input="s\n" * 10)
    shown = [line.split()[2] for line in result.output.splitlines() if line.startswith("── ")]
    assert shown[:6] == ["news-03", "news-06", "news-02", "news-05", "news-01", "news-04"]
    assert "news-01  observation, row 10 of observations; confidence low (stated in its note)" in result.output


def test_accept_and_reject_from_a_script(drafted):
    before = drafted.path("observations").read_bytes()
    accepted = invoke("accept", "news", "news-01", "news-x01", "--project", str(drafted.root))
    assert accepted.exit_code == 0, accepted.output
    assert "Accepted 2: news-01, news-x01" in accepted.output
    observations = {r["observation_id"]: r for r in drafted.rows("observations")}
    assert observations["news-01"]["note"] == (
        "value 25 scaled by ×1,000,000,000; unit usd from '25 tỷ USD'; indicator revenue from 'doanh thu'; "
        "period the year 2024; confidence: high"
    )
    assert drafted.path("observations").read_bytes() != before

    rejected = invoke("reject", "news", "news-04", "news-06", "--project", str(drafted.root))
    assert rejected.exit_code == 0, rejected.output
    assert "Rejected 2: news-04, news-06" in rejected.output
    ids = [r["observation_id"] for r in drafted.rows("observations")]
    assert "news-04" not in ids and "news-06" not in ids
    # news-06's proposed indicator went with it; news-03's stays, as news-03 still names it.
    assert [i["indicator_id"][:4] for i in drafted.rows("indicators")].count("new_") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["news-01"], "news-01: no unreviewed draft of news"),  # reviewed already, by the first accept
        (["news-99"], "news-99: no unreviewed draft of news"),
        (["a-id-01"], "a-id-01: no unreviewed draft of news"),  # another source's, reviewed
    ],
)
def test_reject_deletes_only_drafts_and_nothing_on_a_mistake(drafted, args, message):
    assert invoke("accept", "news", "news-01", "--project", str(drafted.root)).exit_code == 0
    tables = {t: drafted.path(t).read_bytes() for t in ("observations", "exclusions", "indicators")}
    result = invoke("reject", "news", "news-02", *args, "--project", str(drafted.root))
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert {t: drafted.path(t).read_bytes() for t in tables} == tables  # news-02 was not deleted either


def test_a_row_validate_refuses_is_not_accepted_and_says_why(drafted):
    rows = drafted.rows("observations")
    at = next(i for i, r in enumerate(rows) if r["observation_id"] == "news-05")
    drafted.edit("observations", at, value="5000000")  # "50 triệu" filed as 5 million
    at_03 = next(i for i, r in enumerate(rows) if r["observation_id"] == "news-03")
    drafted.edit("observations", at_03, indicator_id="accounts")  # its sentence does not name accounts
    before = drafted.path("observations").read_bytes()
    result = invoke("accept", "news", "--all", "--project", str(drafted.root))
    assert result.exit_code == 1
    out = result.output
    assert "Not accepted news-05:" in out and "[quote.states_value]" in out
    assert "check the indicator or the scale word" in out  # 5 million beside the others' 60 million
    assert "Not accepted news-03:" in out and "[indicator.named]" in out
    assert "Not accepted news-06:" in out and "only proposed" in out  # its indicator is new_…
    assert "3 row(s) not accepted; they are still drafts" in out
    accepted = {"news-01", "news-02", "news-04", "news-x01", "news-x02", "news-x03", "news-x04"}
    assert f"Accepted {len(accepted)}:" in out
    observations = {r["observation_id"]: r for r in drafted.rows("observations")}
    for key in ("news-03", "news-05", "news-06"):
        assert observations[key]["note"].startswith("[draft] ")
    assert observations["news-05"]["value"] == "5000000"  # left as it was: a draft to correct
    assert before.decode().count("\n") == drafted.path("observations").read_bytes().decode().count("\n")
    report = json.loads(drafted.validate("--format", "json").output)
    unreviewed = [e["id"] for e in report["errors"] if e["rule"] == "draft.unreviewed" and e["field"] == "note"]
    assert unreviewed == ["news-03", "news-05", "news-06"]


def test_accept_from_what_draft_out_wrote(project, tmp_path):
    with_review_words(project)
    project.append("sources", **archived_row(project, "news", "news.txt", "vi", REVIEW_TEXT, REVIEW_EVENT))
    out = tmp_path / "drafts"
    assert invoke("draft", "news", "--project", str(project.root), "--out", str(out)).exit_code == 0
    before = {t: project.path(t).read_bytes() for t in ("observations", "exclusions", "indicators")}
    # Reviewed in the folder: news-03's proposed indicator named properly (and its words added by hand).
    drafted_rows = list(csv.DictReader((out / "observations.csv").open(encoding="utf-8", newline="")))
    proposed = next(r["indicator_id"] for r in drafted_rows if r["observation_id"] == "news-03")
    for name in ("observations", "indicators"):
        path = out / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").replace(proposed, "platform_users"), encoding="utf-8")
    with (project.root / "curation" / "indicator_words.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("platform_users,vi,người dùng mới\n")

    result = invoke("accept", "news", "--all", "--from", str(out), "--project", str(project.root))
    assert result.exit_code == 1  # news-06's indicator is still only proposed
    assert "Not accepted news-06:" in result.output and "only proposed" in result.output
    assert "Accepted 9:" in result.output
    observations = {r["observation_id"]: r for r in project.rows("observations")}
    assert "news-06" not in observations and observations["news-03"]["indicator_id"] == "platform_users"
    assert not any(r["note"].startswith("[draft]") for r in observations.values())
    indicators = {r["indicator_id"]: r for r in project.rows("indicators")}
    assert not indicators["platform_users"]["title"].startswith("[draft]")
    assert not any(i.startswith("new_") for i in indicators)
    assert project.path("observations").read_bytes().startswith(before["observations"])

    again = invoke("accept", "news", "news-01", "--from", str(out), "--project", str(project.root))
    assert again.exit_code == 1 and "news-01 is taken in datapackage/observations.csv" in again.output


def test_todo_lists_drafts_before_uncovered_numbers(drafted):
    assert invoke("reject", "news", "news-04", "--project", str(drafted.root)).exit_code == 0
    listed = invoke("todo", "news", "--project", str(drafted.root))
    assert listed.exit_code == 0, listed.output
    out = listed.output
    assert out.index("9 unreviewed draft(s)") < out.index("1 number(s) not yet covered")
    assert "  news-03  observation  low (stated: unit, indicator_id, period)" in out  # the draft states it
    assert "  news-x01  exclusion  high" in out
    assert "Nothing left" not in out
    as_json = json.loads(invoke("todo", "news", "--project", str(drafted.root), "--format", "json").output)
    assert [item["id"] for item in as_json if item.get("item") == "draft"][:2] == ["news-03", "news-06"]
    assert [item["raw"] for item in as_json if item.get("item") == "number"] == ["18,3"]

    assert invoke("accept", "news", "--all", "--project", str(drafted.root)).exit_code == 1  # news-03, news-06
    assert invoke("reject", "news", "news-03", "news-06", "--project", str(drafted.root)).exit_code == 0
    still = invoke("todo", "news", "--project", str(drafted.root)).output
    assert "unreviewed draft" not in still and "Nothing left" not in still  # three numbers uncovered
    for number, (quote, raw) in enumerate((("18,3%", "18,3"), ("3 triệu", "3"), ("2 giai", "2")), start=5):
        row = dict(exclusion_id=f"news-x{number:02d}", source_id="news", quote=quote, number=raw, category="other")
        drafted.append("exclusions", **row, reason="not a value")
    assert "Nothing left" in invoke("todo", "news", "--project", str(drafted.root)).output


def test_validate_names_the_id_beside_the_row(drafted):
    result = drafted.validate()
    assert "row 10 (news-01), field note:" in result.output
    assert "row 5 (news-x01), field reason:" in result.output


def test_drafted_reasons_say_what_they_read(project, tmp_path):
    text = "Hội nghị lần thứ 3 họp Thứ 7, lúc 09:45; có 4 nhóm: an toàn, tốc độ, chi phí và dữ liệu.\n"
    project.append("sources", **archived_row(project, "meet", "meet.txt", "vi", text, "2025-03-10"))
    out = tmp_path / "drafts"
    assert invoke("draft", "meet", "--project", str(project.root), "--out", str(out)).exit_code == 0
    reasons = {r["number"]: r["reason"] for r in csv.DictReader((out / "exclusions.csv").open(encoding="utf-8"))}
    assert reasons["09"] == reasons["45"] == "[draft] a time of day, '09:45'"  # not "(19:42)"
    assert reasons["3"].endswith(": 'thứ 3'")
    assert reasons["7"].endswith(": 'Thứ 7'")  # what was read as an ordinal is shown, to be judged
    assert reasons["4"] == "[draft] the count of the items the sentence lists: '4 nhóm'"


def test_an_exclusion_turned_into_an_observation_is_checked_before_it_is_written(drafted):
    before = {t: drafted.path(t).read_bytes() for t in ("observations", "exclusions")}
    keys = "s\n" * 7 + "x\naccounts\n\na\nq\n"  # news-x02, "lần thứ 3", filed as 3 accounts
    result = invoke("review", "news", "--project", str(drafted.root), input=keys)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "news-x02  observation, turned from the exclusion news-x02" in out
    assert "value           3   ← edited" not in out and "value           3\n" in out
    assert "unit            count" in out and "period_start    2025-03-10" in out
    assert "Not accepted: news-x02 would not validate:" in out and "[indicator.named]" in out
    assert {t: drafted.path(t).read_bytes() for t in before} == before  # nothing written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "nope"], "no source 'nope'"),
        (["review", "nope", "--page"], "no source 'nope'"),
        (["accept", "nope", "--all"], "no source 'nope'"),
        (["reject", "nope", "x"], "no source 'nope'"),
        (["accept", "news"], "give the ids of the drafted rows, or --all"),
        (["accept", "news", "news-01", "--all"], "give the ids of the drafted rows, or --all"),
        (["accept", "news", "--all", "--from", "missing"], "--from missing: no such folder"),
    ],
)
def test_review_commands_refuse_a_mistake_in_one_line(drafted, args, message):
    before = {t: drafted.path(t).read_bytes() for t in ("observations", "exclusions", "indicators")}
    result = invoke(*args, "--project", str(drafted.root))
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert {t: drafted.path(t).read_bytes() for t in before} == before


def test_accept_from_a_folder_names_the_file_and_row_it_cannot_read(drafted, tmp_path):
    out = tmp_path / "drafts"
    assert invoke("draft", "news", "--project", str(drafted.root), "--out", str(out)).exit_code == 0
    (out / "exclusions.csv").write_text("exclusion_id,source_id\nx,news\n", encoding="utf-8")
    result = invoke("accept", "news", "--all", "--from", str(out), "--project", str(drafted.root))
    assert result.exit_code == 1
    assert f"{out / 'exclusions.csv'}: its columns are not the project's" in result.output
