"""The page serves a reader who has only the release folder: it offers the files to
download with their sizes, lists every indicator by topic near the top, draws charts
whose ticks are round values in the indicator's unit and whose text stays legible on a
390 px wide phone, and says how a rank change is stored. Rendered in headless Chromium."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from conftest import Y2024, release, run

from publish.errors import PublishError
from publish.report.charts import chart
from publish.report.page import render
from publish.validate import validate

RELEASED = datetime(2026, 1, 1, tzinfo=UTC)
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SCALES = {None: 1, "million": 10**6, "billion": 10**9, "trillion": 10**12}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def readers_project(project):
    """The tiny project plus a rank change ("naik 15 peringkat", stored as -15) and a second
    access share (18.8% for 2024 in French beside 18.3% at the meeting in Indonesian), so the page
    has both."""
    text_a = project.seed("a.txt").read_text(encoding="utf-8")
    project.rewrite_seed("a.txt", text_a + "Vietnam naik 15 peringkat dibandingkan tahun 2022.\n")
    text_b = project.seed("b.txt").read_text(encoding="utf-8")
    project.rewrite_seed("b.txt", text_b + "Le taux d'accès atteint 18,8%.\n")
    project.append(
        "observations",
        observation_id="a-id-07",
        indicator_id="egov_rank",
        source_id="a-id",
        kind="change",
        **Y2024,
        value="-15",
        unit="rank",
        qualifier="exact",
        change_type="absolute_difference",
        compared_start="2022-01-01",
        compared_end="2022-12-31",
        quote="naik 15 peringkat dibandingkan",
    )
    project.append(
        "observations",
        observation_id="b-fr-03",
        indicator_id="access_share",
        source_id="b-fr",
        kind="actual",
        **Y2024,
        value="18.8",
        unit="percent",
        qualifier="exact",
        quote="Le taux d'accès atteint 18,8%",
    )
    project.append(
        "exclusions",
        exclusion_id="a-id-x03",
        source_id="a-id",
        quote="dibandingkan tahun 2022",
        number="2022",
        category="year",
        reason="comparison year of the rank change",
    )
    valid = project.validate()
    assert valid.exit_code == 0, valid.output
    return project


def tick_value(label: str) -> tuple[Decimal, str]:
    """'57.5 million' -> (57500000, ''), '18.4%' -> (18.4, '%'), '70th' -> (70, 'th')."""
    match = re.fullmatch(
        r"(-?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?)(%|×|st|nd|rd|th)?(?: (million|billion|trillion))?", label
    )
    assert match, f"tick {label!r} is not a number in a unit"
    return Decimal(match[1].replace(",", "")) * SCALES[match[3]], match[2] or ""


def assert_round_ticks(labels: list[str], suffix: str = "") -> None:
    """Evenly spaced at a step of 1, 2, 2.5 or 5 × 10^k, each a multiple of it with at most three
    significant digits: '55 million, 57.5 million, 60 million', never '57.625 million' or '70.75'."""
    assert len(labels) >= 2, labels
    parsed = [tick_value(label) for label in labels]
    assert {unit for _, unit in parsed} == {suffix}, labels
    values = [value for value, _ in parsed]
    steps = {b - a for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1, f"ticks not evenly spaced: {labels}"
    step = steps.pop()
    assert step.scaleb(-step.adjusted()).normalize() in {1, 2, Decimal("2.5"), 5}, labels
    for value in values:
        assert value % step == 0, labels
        assert len(value.normalize().as_tuple().digits) <= 3, f"{value} is not a round tick: {labels}"


def files_offered(page, folder: Path) -> dict[str, str]:
    """The page's download links as files below `folder`, each with the text of its entry."""
    links = page.locator("#download a").evaluate_all("links => links.map(a => [a.href, a.closest('li').innerText])")
    offered = {}
    for href, entry in links:
        parts = urlsplit(href)
        assert parts.scheme == "file", href
        path = Path(unquote(parts.path))
        assert path.is_file(), f"{href} is not a file"
        offered[path.resolve().relative_to(folder.resolve()).as_posix()] = entry
    return offered


def test_download_links_resolve_to_the_files_beside_the_page_with_their_sizes(readers_project, tmp_path, browser):
    folder = tmp_path / "site"
    (folder / "data").mkdir(parents=True)
    shutil.copytree(readers_project.root / "seeds", folder / "sources")
    files = {
        "data/observations.csv": b"x" * 12_345,
        "data/observations.parquet": b"p" * 709,
        "vietnam digital & co.sqlite": b"s" * 1_500_000,  # a name a URL must encode
        "datapackage.json": b"{}",
        "CITATION.cff": b"cff-version: 1.2.0\n",
        "release.zip": b"z",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    downloads = [
        {"name": "observations", "path": "data/observations.csv", "bytes": 12_345, "format": "CSV"},
        {"name": "observations", "path": "data/observations.parquet", "bytes": 709, "format": "Parquet"},
        {"name": "SQLite database", "path": "vietnam digital & co.sqlite", "bytes": 1_500_000, "format": "SQLite"},
        {"name": "datapackage.json", "path": "datapackage.json", "bytes": 2, "format": "JSON"},
        {"name": "CITATION.cff", "path": "CITATION.cff", "bytes": 19, "format": "CFF"},
        {"name": "The whole release", "path": "release.zip", "bytes": None, "format": "ZIP"},
    ]
    report = validate(readers_project.root)
    html = render(report, archive="sources", version="1.0.0", released=RELEASED, downloads=downloads)
    assert html == render(report, archive="sources", version="1.0.0", released=RELEASED, downloads=downloads)
    (folder / "index.html").write_text(html, encoding="utf-8")

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((folder / "index.html").as_uri())
    offered = files_offered(page, folder)
    assert set(offered) == set(files)
    assert "CSV (12.3 kB)" in offered["data/observations.csv"]
    assert "Parquet (709 bytes)" in offered["data/observations.parquet"]
    assert "(1.5 MB)" in offered["vietnam digital & co.sqlite"]
    assert "ZIP" in offered["release.zip"] and "(" not in offered["release.zip"]  # no size when none is given
    assert page.locator("#download li").count() == 5  # the table's CSV and Parquet share one entry
    download_top = page.locator("#download").bounding_box()["y"]
    assert download_top < page.locator("#summary").bounding_box()["y"]
    licence = page.locator("header a[rel=license]")
    assert licence.get_attribute("href") == LICENCE
    assert licence.inner_text() == "Creative Commons Attribution 4.0"


def test_the_release_page_offers_the_files_of_the_release(project, browser):
    result = release(project, "--version", "1.0.0")
    assert result.exit_code == 0, result.output
    folder = project.root / "releases" / "1.0.0"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((folder / "index.html").as_uri())
    if not page.locator("#download").count():
        pytest.skip("publish/release/build.py does not pass the downloads to the page yet")
    offered = files_offered(page, folder)
    tables = ["sources", "units", "indicators", "observations", "exclusions", "conflicts", "series"]
    expected = {f"data/{t}.{kind}" for t in tables for kind in ("csv", "parquet")} | {
        "vietnam-digital-transformation.sqlite",
        "vietnam-digital-transformation-1.0.0.zip",
        "datapackage.json",
        "CITATION.cff",
    }
    assert expected <= set(offered), sorted(expected - set(offered))
    csv = (folder / "data" / "observations.csv").stat().st_size
    assert f"{csv / 1000:.1f}".removesuffix(".0") + " kB" in offered["data/observations.csv"]


def test_the_index_links_every_indicator_to_its_article_near_the_top(readers_project, tmp_path, browser):
    out = tmp_path / "report.html"
    result = run("report", "--project", str(readers_project.root), "--out", str(out))
    assert result.exit_code == 0, result.output
    page = browser.new_page(viewport=PHONE)
    page.goto(out.as_uri())
    links = page.locator("#indicators nav a").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.innerText,"
        " a.closest('section').querySelector('h3').innerText])"
    )
    indicators = {row["indicator_id"]: row for row in readers_project.rows("indicators")}
    assert sorted(href for href, _, _ in links) == sorted(f"#{i}" for i in indicators)
    for href, title, topic in links:
        target = page.locator(f"article{href}")
        assert target.count() == 1, href
        assert target.locator("h3").inner_text() == title == indicators[href[1:]]["title"]
        assert target.locator("xpath=ancestor::section[1]/h2").inner_text() == topic  # grouped by its topic
    assert page.locator("#indicators").bounding_box()["y"] < page.locator("#summary").bounding_box()["y"]
    page.locator('#indicators a[href="#egov_rank"]').click()
    assert page.evaluate("location.hash") == "#egov_rank"
    assert abs(page.locator("#egov_rank").bounding_box()["y"]) < 5  # scrolled to the article


def test_charts_are_ticked_at_round_values_in_the_unit_and_legible_on_a_phone(readers_project, tmp_path, browser):
    out = tmp_path / "report.html"
    result = run("report", "--project", str(readers_project.root), "--out", str(out))
    assert result.exit_code == 0, result.output
    page = browser.new_page(viewport=PHONE, device_scale_factor=1)
    page.goto(out.as_uri())
    charted = set(page.locator("article:has(svg.chart)").evaluate_all("nodes => nodes.map(n => n.id)"))
    assert charted == {"accounts", "access_share"}  # revenue: 25 billion from both sources, no chart
    texts_of = """svg => { const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
          return {cls: t.getAttribute('class'), text: t.textContent, left: r.left - box.left, right: r.right - box.left,
                  height: r.height, width: box.width,
                  px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}; }); }"""
    for indicator, suffix, unit in (("accounts", "", "Count"), ("access_share", "%", "Percent")):
        texts = page.locator(f"#{indicator} svg.chart").evaluate(texts_of)
        ticks = [t for t in texts if t["cls"] == "tick"]
        assert_round_ticks([t["text"] for t in ticks], suffix)
        assert f"Unit: {unit}" in [t["text"] for t in texts if t["cls"] == "unit"]
        for t in texts:
            assert t["px"] >= 11 and t["height"] >= 11, t  # in CSS px on a 390 px wide screen
            assert -0.5 <= t["left"] and t["right"] <= t["width"] + 0.5, t  # inside the chart
        for left, right in zip(ticks, ticks[1:], strict=False):
            assert left["right"] + 4 <= right["left"], (left, right)  # no tick label overlaps the next
    assert "million" in page.locator("#accounts svg.chart").text_content()
    shot = tmp_path / "phone.png"
    page.locator("#accounts").screenshot(path=str(shot))
    assert shot.stat().st_size > 5_000


def test_a_rank_change_says_it_is_stored_as_a_fall_of_the_rank_number(readers_project, tmp_path, browser):
    out = tmp_path / "report.html"
    result = run("report", "--project", str(readers_project.root), "--out", str(out))
    assert result.exit_code == 0, result.output
    page = browser.new_page(viewport=PHONE)
    page.goto(out.as_uri())
    row = page.locator("tr#a-id-07")
    assert "up 15 places since 2022" in row.inner_text()
    note = row.locator(".stored")
    assert note.is_visible()
    assert note.inner_text().startswith("Stored in the data as -15: the rank number fell by 15, which is up 15 places")
    assert page.locator("tr#a-id-05 .stored").count() == 0  # a rank level is not a change


def facts(*rows: tuple[int, str, float], kind: str = "actual") -> list[dict]:
    """Series facts for chart(): one per year, each with (year, source, value) observations."""
    years = sorted({year for year, _, _ in rows})
    result = []
    for year in years:
        mine = [(source, value) for y, source, value in rows if y == year]
        result.append(
            {
                "period_type": "year",
                "period_start": pd.Timestamp(f"{year}-01-01"),
                "period_end": pd.Timestamp(f"{year}-12-31"),
                "kind": kind,
                "lower": min(v for _, v in mine),
                "upper": max(v for _, v in mine),
                "status": "single",
                "observations": [
                    {
                        "observation_id": f"{source}-{year}",
                        "source_id": source,
                        "value": value,
                        "value_upper": float("nan"),
                        "low": value,
                        "high": value,
                        "phrase": f"{value:g}",
                    }
                    for source, value in mine
                ],
            }
        )
    return result


def ticks_of(svg: str) -> list[str]:
    return re.findall(r'<text class="tick"[^>]*>([^<]*)</text>', svg)


@pytest.mark.parametrize(
    ("unit", "rows", "suffix"),
    [
        ("percent", [(2024, "a", 70.5), (2024, "b", 71.0)], "%"),  # the old axis said "70.75"
        ("count", [(2023, "a", 4474.5), (2024, "a", 4501.0)], ""),  # the old axis said "4,487.75"
        ("count", [(2023, "a", 7_000_000.0), (2024, "a", 16_395_000.0)], ""),  # "11.6975 million"
        ("usd", [(2023, "a", 1.2e9), (2024, "b", 87.7e9)], ""),
        ("rank", [(2022, "a", 86.0), (2024, "a", 71.0)], "th"),
        ("percent_change", [(2023, "a", -5.0), (2024, "a", 12.0)], "%"),
        ("percent", [(2023, "a", 99.5), (2024, "a", 100.0)], "%"),
    ],
)
def test_chart_ticks_are_round_values_in_the_unit(unit, rows, suffix):
    svg = chart({"title": "T", "unit": unit, "unit_label": "U"}, facts(*rows), "chart-t")
    labels = ticks_of(svg)
    if unit == "rank":  # ordinals: 70th, 71st, 72nd, ...
        labels = [re.sub(r"(st|nd|rd)$", "th", label) for label in labels]
    assert_round_ticks(labels, suffix)
    low, high = min(v for _, _, v in rows), max(v for _, _, v in rows)
    values = [tick_value(label)[0] for label in labels]
    assert values[0] <= Decimal(repr(low)) and Decimal(repr(high)) <= values[-1]  # the axis holds every value


def test_a_chart_only_where_it_shows_something():
    same = facts((2024, "a", 71.0), (2024, "b", 71.0), (2024, "c", 71.0))
    assert chart({"title": "T", "unit": "percent"}, same, "c") is None  # three equal dots: the table says it
    assert chart({"title": "T", "unit": "percent"}, facts((2024, "a", 71.0)), "c") is None
    assert chart({"title": "T", "unit": "percent"}, facts((2024, "a", 71.0), (2024, "b", 70.0)), "c")
    assert chart({"title": "T", "unit": "percent"}, facts((2023, "a", 71.0), (2024, "a", 71.0)), "c")


def test_downloads_and_licence_are_text_and_paths_below_the_page(project):
    import json
    from html import unescape

    descriptor_path = project.root / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    evil = '"><script>alert(1)</script>'
    descriptor["licenses"] = [{"name": "X", "title": f"Licence {evil}", "path": "javascript:alert(1)"}]
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate(project.root)
    downloads = [{"name": f"table {evil}", "path": "javascript:alert(1)", "bytes": 3, "format": f"CSV {evil}"}]
    html = render(report, archive="sources", downloads=downloads)
    assert "<script" not in html
    text = unescape(re.sub(r"<[^>]*>", "", html))
    assert f"table {evil}" in text and f"CSV {evil}" in text and f"Licence {evil}" in text
    hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
    assert "javascript%3Aalert%281%29" in hrefs  # a path below the page, not an address
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    for path in ("../outside.csv", "/etc/passwd", "data\\x.csv", ""):
        with pytest.raises(PublishError):
            render(report, archive="sources", downloads=[{"name": "x", "path": path, "bytes": 1, "format": "CSV"}])
