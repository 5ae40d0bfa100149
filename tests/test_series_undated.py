"""A value the text gives no period (a target without a deadline) is `undated`: it has no
dates, so no filter on a period can pick it up by accident, and every dated value has both."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from publish.cli import cli

UNDATED = dict(period_type="undated", period_start="", period_end="")


def undated_target(project) -> None:
    """The Indonesian 2025 growth target, its deadline taken away as a text might."""
    project.edit("observations", 5, **UNDATED)


def test_an_undated_target_is_valid_and_has_its_own_fact_in_the_series(project):
    undated_target(project)
    code, report = project.report()
    assert code == 0, report["errors"]
    result = CliRunner().invoke(cli, ["series", "--project", str(project.root), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    growth = next(r for r in rows if r["indicator_id"] == "growth" and r["kind"] == "target")
    assert (growth["series_id"], growth["period_type"], growth["period_start"], growth["period_end"]) == (
        "growth:target:undated",
        "undated",
        "",
        "",
    )
    assert "undated" in CliRunner().invoke(cli, ["series", "--project", str(project.root)]).output


@pytest.mark.parametrize(
    "cells",
    [
        dict(period_type="undated"),  # keeps its dates
        dict(period_type="undated", period_start=""),
        dict(period_start=""),  # a year without its first day
        dict(period_start="", period_end=""),  # a year without dates
    ],
)
def test_undated_has_no_dates_and_every_other_period_has_both(project, cells):
    project.edit("observations", 5, **cells)
    code, report = project.report()
    assert code == 1
    assert [(e["rule"], e["row"]) for e in report["errors"]] == [("period.shape", 7)]


def test_an_undated_target_is_released_and_shown_without_a_period(project, tmp_path):
    from conftest import release

    undated_target(project)
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "1.0.0" / "index.html").read_text(encoding="utf-8")
    assert "no period stated" in page
    series = (tmp_path / "out" / "1.0.0" / "data" / "series.csv").read_text(encoding="utf-8")
    assert "growth:target:undated,growth,target,undated,,," in series


def test_undated_values_of_two_sources_that_disagree_are_a_conflict_not_a_traceback(project):
    project.edit("observations", 2, **UNDATED)  # nearly 60 million accounts (a-id)
    project.edit("observations", 7, **UNDATED)  # more than 55.25 million accounts (b-fr)
    code, report = project.report()
    assert code == 1
    [conflict] = [e for e in report["errors"] if e["rule"] == "agreement.conflict"]
    assert conflict["row"] == 4
    assert "accounts (actual, undated)" in conflict["message"]
