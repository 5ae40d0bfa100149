"""The derived series: each status and each rule, on small fixtures."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import TEXT_FR, add_an_estimate_beside_the_actual

from publish.cli import cli
from publish.series import CHOICE_RULES, report_series
from publish.validate import validate


def series_of(project):
    report = validate(project.root)
    assert report.valid, report.to_text()
    return report_series(report).series


def row(series, indicator, kind="actual"):
    [found] = series.loc[(series["indicator_id"] == indicator) & (series["kind"] == kind)].to_dict("records")
    return found


def test_single_source(project):
    access = row(series_of(project), "access_share")
    assert (access["status"], access["rule"], access["sources"]) == ("single", "single", 1)
    assert (access["value"], access["lower"], access["upper"]) == (18.3, 18.25, 18.35)


def test_agreeing_sources_share_an_interval(project):
    revenue = row(series_of(project), "revenue")
    assert (revenue["status"], revenue["rule"], revenue["sources"], revenue["reports"]) == ("agreed", "agreed", 2, 2)
    assert revenue["source_ids"] == "a-id b-fr"
    assert (revenue["lower"], revenue["upper"]) == (24_500_000_000, 25_500_000_000)


def test_the_more_precise_figure_gives_the_value(project):
    project.rewrite_seed("b.txt", TEXT_FR.replace("25 milliards", "25,3 milliards"))
    project.edit(
        "observations", 6, value="25300000000", quote="le chiffre d'affaires atteindra 25,3 milliards de dollars"
    )
    revenue = row(series_of(project), "revenue")
    assert (revenue["status"], revenue["value"]) == ("agreed", 25_300_000_000)
    assert revenue["observation_ids"].split()[0] == "b-fr-01"
    assert (revenue["lower"], revenue["upper"]) == (pytest.approx(25.25e9), pytest.approx(25.35e9))


def test_an_exact_figure_beats_a_qualified_one(project):
    project.rewrite_seed("a.txt", project.seed("a.txt").read_text().replace("mencapai 25", "mencapai sekitar 25"))
    project.edit("observations", 0, qualifier="about", quote="pendapatan mencapai sekitar 25 miliar dolar AS")
    revenue = row(series_of(project), "revenue")
    assert revenue["observation_ids"].split()[0] == "b-fr-01"


def correct(project, index: int, exclusion_id: str) -> None:
    """Mark the observation at `index` as a corrected garble, its literal number excluded as curators do."""
    observation = project.rows("observations")[index]
    project.edit("observations", index, departure="corrected", note="a garble, for the test")
    project.append(
        "exclusions",
        exclusion_id=exclusion_id,
        source_id=observation["source_id"],
        quote=observation["quote"],
        number="25",
        category="other",
        reason=f"the garbled figure, curated as the corrected observation {observation['observation_id']}",
    )


def test_a_corrected_figure_wins_only_without_a_literal_one(project):
    # a-id is listed first, so only the rule can put b-fr's literal figure ahead of it
    correct(project, 0, "a-id-x03")
    revenue = row(series_of(project), "revenue")
    assert revenue["observation_ids"].split()[0] == "b-fr-01"
    correct(project, 6, "b-fr-x02")
    revenue = row(series_of(project), "revenue")
    assert revenue["observation_ids"].split()[0] == "a-id-01"
    assert revenue["value"] == 25_000_000_000


def test_an_open_conflict_has_no_value_and_says_why(project):
    accounts = row(series_of(project), "accounts")
    assert (accounts["status"], accounts["rule"]) == ("conflict", "conflict_open")
    assert accounts["value"] != accounts["value"]  # NaN: no value
    assert accounts["reason"] == "sources disagree; see conflict accounts-meeting"


def test_a_conflict_follows_the_preferred_observation(project):
    project.edit("conflicts", 0, preferred_observation_id="b-fr-02")
    accounts = row(series_of(project), "accounts")
    assert (accounts["status"], accounts["rule"], accounts["value"]) == ("conflict", "conflict_preferred", 65_250_000)
    # "more than 65.25 million" says nothing of how much more: no upper bound, and a count has no maximum
    assert (accounts["lower"], accounts["open_bound"]) == (65_250_000, "upper")
    assert accounts["upper"] != accounts["upper"]  # NaN: an empty cell
    assert "accounts-meeting" in accounts["reason"]
    assert accounts["observation_ids"].split()[0] == "b-fr-02"


def test_an_unacknowledged_conflict_is_still_derived(project):
    project.drop("conflicts", 0)
    report = validate(project.root)
    accounts = row(report_series(report).series, "accounts")
    assert (accounts["status"], accounts["rule"]) == ("conflict", "conflict_open")
    assert "not acknowledged" in accounts["reason"]


def test_an_actual_is_preferred_over_an_estimate_of_the_same_period(project):
    add_an_estimate_beside_the_actual(project)
    series = series_of(project)
    assert row(series, "access_share", "actual")["preferred"] is True
    assert row(series, "access_share", "estimate")["preferred"] is False
    assert row(series, "growth", "target")["preferred"] is False  # a target is no level of its period
    assert row(series, "revenue", "change")["preferred"] is False


def test_a_level_stays_inside_its_unit(project):
    project.rewrite_seed("a.txt", project.seed("a.txt").read_text().replace("18,3%", "100%"))
    project.edit("observations", 3, value="100", quote="tingkat akses mencapai 100%")
    access = row(series_of(project), "access_share")
    assert (access["lower"], access["upper"]) == (99.5, 100)


def test_the_rules_used_on_the_real_data_are_documented(repository_report):
    used = set(report_series(repository_report).series["rule"])
    assert used <= set(CHOICE_RULES)
    assert {"single", "agreed", "conflict_preferred"} <= used


def test_series_command(project):
    result = CliRunner().invoke(cli, ["series", "--project", str(project.root), "--indicator", "accounts"])
    assert result.exit_code == 0, result.output
    assert "conflict_open" in result.output
    assert CliRunner().invoke(cli, ["series", "--project", str(project.root), "--indicator", "nope"]).exit_code == 1


@pytest.mark.parametrize(
    ("preferred", "artefact"),
    [
        pytest.param("a-id-05", False, id="the-e-government-rank"),
        pytest.param("b-fr-02", True, id="a-corrected-translation-artefact"),
    ],
)
def test_a_preference_validation_refuses_leaves_the_conflict_open(project, preferred, artefact):
    """`publish series` derives invalid data too (saying how many errors it has): a preference
    validation refuses (conflict.preferred) must not publish its value as the fact's."""
    if artefact:
        project.edit("observations", 7, departure="corrected", note="read as a garble of the French text, for the test")
    project.edit("conflicts", 0, preferred_observation_id=preferred)
    report = validate(project.root)
    assert "conflict.preferred" in {f.rule for f in report.findings}
    accounts = row(report_series(report).series, "accounts")
    assert (accounts["status"], accounts["rule"]) == ("conflict", "conflict_open")
    assert accounts["value"] != accounts["value"]  # NaN: no value, not 71 accounts


def test_a_report_whose_tables_could_not_all_be_read_has_no_series(project):
    from publish.errors import PublishError

    (project.root / "datapackage" / "observations.csv").write_bytes(b"\xff\xfe not UTF-8")
    report = validate(project.root)
    with pytest.raises(PublishError, match="no series: .*unreadable: observations"):
        report_series(report)
