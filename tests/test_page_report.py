"""The release's page for people: rendered in headless Chromium, offline."""

from __future__ import annotations

import os
import re
from collections import defaultdict

import pytest
from click.testing import CliRunner
from conftest import BROWSER_ARGS, browser_path

from publish.cli import cli

ENV = {"SOURCE_DATE_EPOCH": "1767225600"}


@pytest.fixture
def page_of_release(project):
    result = CliRunner().invoke(cli, ["release", str(project.root), "--version", "1.0.0"], env=ENV)
    assert result.exit_code == 0, result.output
    return project.root / "releases" / "1.0.0" / "index.html"


def indicators_needing_a_chart(project) -> set[str]:
    """Indicators with levels in more than one period, or whose sources give different values."""
    periods, values = defaultdict(set), defaultdict(set)
    for row in project.rows("observations"):
        if row["kind"] != "change":
            periods[row["indicator_id"]].add((row["period_start"], row["period_end"]))
            values[row["indicator_id"]].add((float(row["value"]), row["value_upper"]))
    return {i for i in periods if len(periods[i]) > 1 or len(values[i]) > 1}


@pytest.mark.slow
def test_the_page_renders_in_chromium_with_every_indicator_conflict_and_chart(project, page_of_release, tmp_path):
    executable = browser_path()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("no Chromium found, and REQUIRE_BROWSER is set")
        pytest.skip("no Chromium on this machine (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=BROWSER_ARGS,
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requested.append(request.url))
            page.goto(page_of_release.as_uri())
            headings = page.locator("article h3").all_inner_texts()
            for indicator in project.rows("indicators"):
                assert indicator["title"] in headings
            conflicts = page.locator("#conflicts article.conflict")
            assert conflicts.count() == len(project.rows("conflicts"))
            assert "Accounts" in conflicts.first.inner_text()
            assert "different counts of activated accounts" in conflicts.first.inner_text()
            charted = set(page.locator("article:has(svg.chart)").evaluate_all("nodes => nodes.map(n => n.id)"))
            assert charted == indicators_needing_a_chart(project) == {"accounts"}  # revenue: 25 billion twice
            for chart in page.locator("svg.chart").all():
                assert chart.get_attribute("role") == "img"
                assert chart.locator("title").count() >= 1 and chart.locator("desc").count() == 1
            assert page.locator("q[lang=fr]").count() >= 2
            page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "index.png").stat().st_size > 10_000
    assert requested and all(url.startswith(("file:", "data:")) for url in requested), requested


def test_the_page_is_self_contained(page_of_release):
    html = page_of_release.read_text(encoding="utf-8")
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [' type="application/ld+json"']  # data for harvesters, no code
    assert not re.search(r'(src|href)="https?://[^"]*\.(css|js|woff2?|png|svg)"', html)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html)
    for link in re.findall(r'href="(sources/[^"]+)"', html):
        assert (page_of_release.parent / link).is_file(), link


def test_the_page_says_values_as_a_person_would(page_of_release):
    html = page_of_release.read_text(encoding="utf-8")
    for phrase in (
        "nearly 60 million",
        "more than 65.25 million",
        "9–10%",
        "71st of 193",
        "up about 20% on 2023",
        "25 billion USD",
        "Version <strong>1.0.0</strong>",
        "urn:uuid:",
    ):
        assert phrase in html, phrase


def test_the_page_names_languages_and_dates_in_english(project, tmp_path):
    project.edit("sources", 1, language="fr-CA")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--project", str(project.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<td data-label="Language">Indonesian</td>' in html
    assert '<td data-label="Language">French (Canada)</td>' in html  # the region too, not only the language
    assert '<td data-label="Date">6 Feb 2025</td>' in html  # the sources' date
    assert '<td class="num" data-label="Coverage">100.0%</td>' in html  # every number covered, one decimal


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (25e9, "usd", "25 billion USD"),
        (57.5e6, "count", "57.5 million"),
        (123_456_789, "count", "123.457 million"),  # six significant digits
        (999_999_999, "count", "1 billion"),  # rounded up into the next scale, not "1,000 million"
        (1.9e15, "vnd", "1,900 trillion VND"),  # past the largest scale word, grouped
        (425_000, "count", "425,000"),  # below a million in full
        (18.3, "percent", "18.3%"),
        (1_234.5678, "count", "1,234.5678"),
    ],
)
def test_a_level_is_said_compactly_from_a_million_on(value, unit, shown):
    from publish.report.phrases import level

    assert level(value, unit) == shown


@pytest.mark.parametrize(
    ("rank", "shown"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (71, "71st"),
        (112, "112th"),
        (123, "123rd"),
    ],
)
def test_a_rank_is_an_english_ordinal(rank, shown):
    from publish.report.phrases import level

    assert level(rank, "rank", denominator=193) == f"{shown} of 193"


def test_report_command_links_the_archive_from_where_the_page_is(project, tmp_path):
    out = tmp_path / "pages" / "report.html"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["report", "--project", str(project.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    links = re.findall(r'href="([^"#]+\.txt)"', out.read_text(encoding="utf-8"))
    assert links and all((out.parent / link).resolve().is_file() for link in links)


def test_report_refuses_an_invalid_project(project, tmp_path):
    project.edit("observations", 0, value="1")
    result = CliRunner().invoke(cli, ["report", "--project", str(project.root), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "validation error" in result.output
    assert not (tmp_path / "r.html").exists()
