"""What a figure allows, and how many reports say it: the interval each qualifier gives (one rule for
the agreement check and the series), open bounds, bounds written as a person writes them, reports
counted as independent outlets rather than texts, and booleans every reader reads."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from decimal import Decimal
from math import inf

import numpy as np
import pandas as pd
import pytest
from conftest import REPO, TEXT_FR, TEXT_ID, add_an_estimate_beside_the_actual, release, write_tiny_project
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.checks.agreement import implied_step, interval_rules, intervals
from publish.project import derived_table, open_project
from publish.release.formats import csv_text
from publish.report.charts import chart
from publish.rules import FACT_KEY, QUALIFIER_INTERVALS
from publish.series import choice_rules_text, report_series, reports_of, series_text
from publish.validate import findings_of, validate


def figure_intervals(figures: list[tuple[float, float, str]]) -> pd.DataFrame:
    """intervals() of figures (value, precision step, qualifier), each a fact of its own."""
    observations = pd.DataFrame(
        {
            **{key: [f"fact-{n}" for n in range(len(figures))] for key in FACT_KEY},
            "value": [value for value, _, _ in figures],
            "value_upper": np.nan,
            "qualifier": [qualifier for _, _, qualifier in figures],
        }
    )
    steps = pd.DataFrame({"value": [step for _, step, _ in figures], "value_upper": np.nan})
    return intervals(observations, steps)


@pytest.mark.parametrize(
    ("value", "step", "qualifier", "low", "high"),
    [
        pytest.param(18.3, 0.1, "exact", 18.25, 18.35, id="exact-half-a-unit-of-the-last-digit"),
        pytest.param(687_000, 1, "about", 652_650, 721_350, id="about-5-percent"),  # '687 000': every digit
        pytest.param(18.3, 0.1, "about", 17.38, 19.22, id="about-rounded-outward-one-digit-finer"),  # 17.385..19.215
        pytest.param(20, 1, "about", 19, 21, id="about-5-percent-of-a-share-too"),
        pytest.param(5, 1, "about", 4.5, 5.5, id="about-never-narrower-than-the-figure"),
        pytest.param(4_500, 1, "more_than", 4_500, inf, id="more-than-is-open-above"),
        pytest.param(20_000_000, 1_000_000, "at_least", 20_000_000, inf, id="at-least-is-open-above"),
        pytest.param(8_000_000, 1_000_000, "nearly", 7_200_000, 8_000_000, id="nearly-within-10-percent-below"),
        pytest.param(10, 1, "up_to", -inf, 10, id="up-to-is-open-below"),
        pytest.param(5, 1, "less_than", -inf, 5, id="less-than-is-open-below"),
    ],
)
def test_each_qualifier_gives_the_interval_its_rule_states(value, step, qualifier, low, high):
    bounds = figure_intervals([(value, step, qualifier)])
    assert (bounds.at[0, "low"], bounds.at[0, "high"]) == (low, high)


def test_the_rule_in_words_is_the_readme_s_and_the_release_s():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    described = choice_rules_text()
    assert set(interval_rules()) == set(QUALIFIER_INTERVALS)
    for qualifier, words in interval_rules().items():
        assert f"{qualifier}: {words}" in described
        assert words in readme, words


@settings(deadline=None)
@given(
    digits=st.integers(min_value=1, max_value=99_999),
    decimals=st.integers(min_value=0, max_value=3),
    scale=st.sampled_from([1, 1_000, 1_000_000, 1_000_000_000]),
    qualifier=st.sampled_from(sorted(QUALIFIER_INTERVALS)),
)
def test_bounds_carry_one_digit_more_than_the_figure_and_never_narrow_it(digits, decimals, scale, qualifier):
    """22.4 is 22.35..22.45, not 22.349999999999998; about 18.3 is 17.38..19.22, outward."""
    figure = Decimal(digits).scaleb(-decimals) * scale
    step = Decimal(1).scaleb(-decimals) * scale
    grid = step / 10
    bounds = figure_intervals([(float(figure), float(step), qualifier)])
    below, above, share_below, share_above = QUALIFIER_INTERVALS[qualifier]
    for bound, steps, share, sign in (("low", below, share_below, -1), ("high", above, share_above, 1)):
        written = bounds.at[0, bound]
        if steps == inf:
            assert written == sign * inf
            continue
        exact = figure + sign * max(Decimal(str(steps)) * step, Decimal(str(share)) * figure)
        cell = Decimal(repr(float(written)))
        assert cell % grid == 0, (figure, qualifier, bound, written)
        assert 0 <= (cell - exact) * sign < grid, (figure, qualifier, bound, written)


def test_no_published_series_cell_has_more_digits_than_its_figure_plus_one(repository_report):
    """On the real data, as written to the release's CSV: the cells that read 22.349999999999998,
    79.64999999999999 and 58.550000000000004."""
    report = repository_report
    derived = report_series(report)
    observations = report.tables["observations"]
    steps = report.steps["value"]
    steps = steps.fillna(implied_step(observations["value"]))
    finest = steps.groupby(derived.intervals["fact"]).min()
    fact_of = dict(zip(observations["observation_id"], derived.intervals["fact"], strict=True))
    text = csv_text(derived.series, derived_table(open_project(REPO), "series"))
    checked = 0
    for row in csv.DictReader(io.StringIO(text)):
        step = Decimal(repr(float(finest[fact_of[row["observation_ids"].split()[0]]])))
        grid = Decimal(1).scaleb(step.adjusted() - 1)
        for column in ("lower", "upper"):
            if row[column]:
                assert Decimal(row[column]) % grid == 0, (row["series_id"], column, row[column])
                checked += 1
    assert checked > 100


def with_accounts(project, french: str):
    """The French text's account count replaced by `french` ('plus de 55,25 millions')."""
    project.rewrite_seed("b.txt", TEXT_FR.replace("plus de 65,25 millions", french))
    value = french.split()[-2].replace(",", ".")
    project.edit("observations", 7, value=str(round(float(value) * 1_000_000)), quote=f"{french} de comptes")


def test_figures_agree_when_their_intervals_overlap_open_bounds_included(project):
    """'nearly 60 million' and 'more than 55.25 million' can both be true (57 million): no conflict,
    though a bound of one unit above 55.25 million used to make one."""
    with_accounts(project, "plus de 55,25 millions")
    report = validate(project.root)
    assert [f.rule for f in report.findings] == ["agreement.stale"]
    project.drop("conflicts", 0)
    report = validate(project.root)
    assert report.valid, report.to_text()
    accounts = report_series(report).series.set_index("indicator_id").loc["accounts"]
    assert (accounts["status"], accounts["lower"], accounts["upper"]) == ("agreed", 55_250_000, 60_000_000)
    assert pd.isna(accounts["open_bound"])  # 'nearly 60 million' closes what 'more than' leaves open


def test_a_share_more_than_a_figure_is_open_up_to_the_unit_s_maximum(project):
    project.rewrite_seed("a.txt", TEXT_ID.replace("tingkat akses mencapai 18,3%", "tingkat akses lebih dari 18,3%"))
    project.edit("observations", 3, qualifier="more_than", quote="tingkat akses lebih dari 18,3%")
    report = validate(project.root)
    assert report.valid, report.to_text()
    access = report_series(report).series.set_index("indicator_id").loc["access_share"]
    assert (access["lower"], access["upper"], access["open_bound"]) == (18.3, 100, "upper")


def fact(lower, upper, open_bound, *figures):
    return {
        "period_type": "year",
        "period_start": pd.Timestamp("2024-01-01"),
        "period_end": pd.Timestamp("2024-12-31"),
        "kind": "actual",
        "lower": lower,
        "upper": upper,
        "open_bound": open_bound,
        "status": "agreed",
        "observations": [
            {
                "observation_id": source,
                "source_id": source,
                "value": value,
                "value_upper": np.nan,
                "low": low,
                "high": high,
                "phrase": f"{value:g}",
            }
            for source, value, low, high in figures
        ],
    }


def test_the_chart_draws_an_open_bound_open_and_does_not_stretch_the_axis_to_it():
    """'more than 67%' and 'about 70%': the band fades out above 67 instead of closing at 100."""
    open_share = fact(67, 100, "upper", ("a", 67.0, 67.0, inf), ("b", 70.0, 66.5, 73.5))
    svg = chart({"title": "Share", "unit": "percent", "unit_label": "Percent"}, [open_share], "chart-share")
    assert 'class="open-band"' in svg and 'class="band' not in svg
    assert 'marker-end="url(#chart-share-open)"' in svg  # the open whisker of 'more than 67%' ends in an arrow
    ticks = re.findall(r'<text class="tick"[^>]*>([^<]*)</text>', svg)
    assert ticks and "100%" not in ticks  # the axis does not reach the unit's maximum, which no text states
    highest = fact(4_500, np.nan, "upper", ("a", 4_500.0, 4_500.0, inf))  # 'more than 4,500', the top figure
    lower = {**fact(4_474.5, 4_475.5, None, ("b", 4_475.0, 4_474.5, 4_475.5)), "period_end": pd.Timestamp("2025-12-31")}
    svg = chart({"title": "Services", "unit": "count", "unit_label": "Count"}, [highest, lower], "chart-services")
    ticks = re.findall(r'<text class="tick"[^>]*>([^<]*)</text>', svg)
    assert float(ticks[-1].replace(",", "")) > 4_500  # room for the open side to fade out, not an edge at 4,500
    closed = fact(66.5, 73.5, None, ("b", 70.0, 66.5, 73.5), ("c", 71.0, 70.5, 71.5))
    svg = chart({"title": "Share", "unit": "percent", "unit_label": "Percent"}, [closed], "chart-share")
    assert 'class="band"' in svg and "open" not in svg


def sources_frame(*rows: tuple[str, str | None, str | None, str]) -> pd.DataFrame:
    """(source_id, same_article_as, publisher, event_id) rows."""
    return pd.DataFrame(rows, columns=["source_id", "same_article_as", "publisher", "event_id"])


def test_a_report_is_a_text_with_its_translations_and_its_publisher_s_other_texts_of_the_event():
    sources = sources_frame(
        ("a-id", None, "Outlet A", "meeting"),
        ("a-en", "a-id", "Outlet A (republished)", "meeting"),
        ("a-fr", "a-en", None, "meeting"),  # a translation of the translation: still a's report
        ("b-fr", None, "Outlet B", "meeting"),
        ("b-vi", None, "Outlet B", "meeting"),  # the same outlet telling the same event again
        ("b-later", None, "Outlet B", "another-meeting"),
        ("x-1", None, None, "meeting"),  # no publisher named: nothing joins two unnamed outlets
        ("x-2", None, "", "meeting"),
    )
    assert reports_of(sources).to_dict() == {
        "a-id": "a-id",
        "a-en": "a-id",
        "a-fr": "a-id",
        "b-fr": "b-fr",
        "b-vi": "b-fr",
        "b-later": "b-later",
        "x-1": "x-1",
        "x-2": "x-2",
    }


def test_a_translation_is_no_second_confirmation(project):
    project.edit("sources", 1, same_article_as="a-id")
    report = validate(project.root)
    assert report.valid, report.to_text()
    series = report_series(report).series
    [revenue] = series.loc[(series["indicator_id"] == "revenue") & (series["kind"] == "actual")].to_dict("records")
    assert (revenue["status"], revenue["rule"], revenue["sources"], revenue["reports"]) == ("single", "single", 2, 1)
    assert revenue["reason"].startswith("one report in two languages (a-id b-fr)")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    project = write_tiny_project(tmp_path_factory.mktemp("tiny") / "project")
    add_an_estimate_beside_the_actual(project)  # a FALSE level as well as a TRUE one
    out = tmp_path_factory.mktemp("out")
    result = release(project, "--version", "1.0.0", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out / "1.0.0"


def test_booleans_are_written_true_false_and_every_reader_reads_them_as_booleans(released):
    import sqlite3

    import duckdb
    from frictionless import Package

    with (released / "data" / "series.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted({r["preferred"] for r in rows}) == ["FALSE", "TRUE"]
    expected = [r["preferred"] == "TRUE" for r in rows]
    resource = Package(str(released / "datapackage.json")).get_resource("series")
    assert resource.to_pandas()["preferred"].tolist() == expected
    assert pd.read_csv(released / "data" / "series.csv")["preferred"].tolist() == expected
    in_duckdb = duckdb.sql(f"select preferred from read_csv_auto('{released}/data/series.csv')")
    assert in_duckdb.types == ["BOOLEAN"] and [v for (v,) in in_duckdb.fetchall()] == expected
    assert pd.read_parquet(released / "data" / "series.parquet")["preferred"].tolist() == expected
    database = sqlite3.connect(released / "vietnam-digital-transformation.sqlite")
    stored = database.execute("select typeof(preferred), preferred from series").fetchall()
    assert stored == [("integer", int(v)) for v in expected]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (apt-get install r-base-core)")
def test_r_reads_preferred_as_logical_with_the_readme_s_one_liner(released):
    readme = (released / "README.md").read_text(encoding="utf-8")
    [line] = [line for line in readme.splitlines() if line.startswith("| R |")]
    one_liner = line.split("`")[1].replace("observations", "series").replace("obs <-", "s <-")
    script = f"{one_liner}; stopifnot(is.logical(s$preferred)); cat(nrow(s[s$preferred, ]), anyNA(s$preferred))"
    out = subprocess.run(["Rscript", "-e", script], cwd=released, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    with (released / "data" / "series.csv").open(encoding="utf-8", newline="") as handle:
        preferred = sum(r["preferred"] == "TRUE" for r in csv.DictReader(handle))
    assert out.stdout.split() == [str(preferred), "FALSE"]


def test_an_unacknowledged_conflict_says_an_open_bound_in_words(project):
    project.drop("conflicts", 0)
    [conflict] = findings_of(project.root, "agreement.conflict")
    assert "a-id-03 [54,000,000 .. 60,000,000]; b-fr-02 [65,250,000 .. no upper limit]" in conflict.message


def test_publish_series_says_an_open_side_and_counts_reports(project):
    project.edit("conflicts", 0, preferred_observation_id="b-fr-02")
    report = validate(project.root)
    text = series_text(report_series(report).series)
    header, *rows = text.splitlines()
    assert header.split()[-3:] == ["sources", "reports", "rule"]
    [accounts] = [line for line in rows if line.startswith("accounts ")]
    assert "65,250,000 .. open " in accounts  # 'more than 65.25 million': no upper bound, not an empty cell
