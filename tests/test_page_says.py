"""The page and the release say what they show: each count is one thing, named, and equal to what
the tables give; each source is said for what it is (a translation, of what, retrieved from where);
the charts have a legend; the tables stay legible on a 390 px wide phone; the release's schema.org
description is in the page; the zip has a published SHA-256 that `publish verify` checks."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import release, run

ORIGINAL = "https://example.vn/bao-cao"
PAGE = "https://example.org/id/laporan"
LONG_PUBLISHER = "Quảng Bình provincial e-portal (quangbinh.gov.vn)"
LONG_EVENT = (
    "10th meeting of the National Committee on Digital Transformation, reviewing digital transformation "
    "and Project 06 in 2024 and setting the 2025 tasks (Hanoi, online with all provinces)"
)


class Tables(HTMLParser):
    """Each table of a page as its caption and rows of cell texts (header row included)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.cell: list[str] | None = None
        self.caption: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self.caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "caption" and self.caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self.caption).split())
            self.caption = None
        elif tag in ("td", "th") and self.cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        for collecting in (self.cell, self.caption):
            if collecting is not None:
                collecting.append(data)

    def table(self, caption_start: str) -> list[dict]:
        """The rows of the table whose caption starts so, each as {header: cell}."""
        [found] = [t for t in self.tables if t["caption"].startswith(caption_start)]
        header, *rows = found["rows"]
        return [dict(zip(header, row, strict=True)) for row in rows]


def column(row: dict, start: str) -> str:
    [value] = [cell for name, cell in row.items() if name.startswith(start)]
    return value


def facts(html: str) -> dict[str, int]:
    """The summary's figures by their words: {'values (observations)': 8, ...}."""
    return {words: int(number) for number, words in re.findall(r"<strong>(\d+)</strong> ([^<]+)</div>", html)}


def fact(html: str, word: str) -> int:
    [number] = [n for words, n in facts(html).items() if word in words]
    return number


def page_of(project, tmp_path) -> str:
    out = tmp_path / "page.html"
    result = run("report", "--project", str(project.root), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def a_number_excluded_twice_by_one_row(project) -> None:
    """A second 'pada tahun 2025' in the Indonesian text: exclusion a-id-x02 excludes both."""
    text = project.seed("a.txt").read_text(encoding="utf-8")
    project.rewrite_seed("a.txt", text + "Laporan berikutnya pada tahun 2025.\n")


# 6. One count, one thing.


def test_the_pages_counts_are_the_counts_of_the_tables(project, tmp_path):
    a_number_excluded_twice_by_one_row(project)
    code, report = project.report()
    assert code == 0, report["errors"]
    coverage = {c["source_id"]: c for c in report["coverage"]}
    observations = project.rows("observations")
    excluded = sum(c["by_exclusions"] for c in coverage.values())
    assert excluded != len(project.rows("exclusions"))  # the fixture tells numbers from rows apart

    html = page_of(project, tmp_path)
    assert fact(html, "source") == len(project.rows("sources"))
    assert fact(html, "indicator") == len(project.rows("indicators"))
    assert fact(html, "observations") == len(observations)
    assert fact(html, "excluded") == excluded
    assert fact(html, "numbers in the texts") == sum(c["numbers"] for c in coverage.values())
    rows = Tables(html).table("Coverage")
    for row in rows[:-1]:
        source_id = re.search(r"\(([a-z0-9-]+)\)$", column(row, "Source"))[1]
        counts = coverage[source_id]
        assert int(column(row, "Numbers")) == counts["numbers"]
        assert int(column(row, "Stated")) == counts["by_observations"]
        assert int(column(row, "Excluded")) == counts["by_exclusions"]
        assert int(column(row, "Values")) == sum(o["source_id"] == source_id for o in observations)
    assert column(rows[-1], "Source") == "All texts"
    assert int(column(rows[-1], "Values")) == len(observations)
    assert int(column(rows[-1], "Excluded")) == excluded


# 5. A source says what it is.


def translated_from_vietnamese(project) -> None:
    project.edit(
        "sources",
        0,
        text_kind="translation",
        original_url=ORIGINAL,
        original_language="vi",
        retrieved_from=PAGE,
        retrieved_on="2025-02-07",
    )


def test_the_page_says_a_source_is_a_translation_of_what_and_retrieved_from_where(project, tmp_path):
    translated_from_vietnamese(project)
    html = page_of(project, tmp_path)
    sources = {re.search(r"[a-z]-[a-z]{2}$", column(r, "Source"))[0]: r for r in Tables(html).table("The archived")}
    said = column(sources["a-id"], "What the text is")
    assert said == "An Indonesian translation of a Vietnamese report, retrieved from example.org on 7 Feb 2025."
    assert column(sources["b-fr"], "What the text is") == (
        "A French text not recorded as an original or a translation; the page it was retrieved from is not recorded."
    )
    assert f'<a href="{PAGE}" rel="external">example.org</a>' in html
    assert f'<a href="{ORIGINAL}" rel="external">Vietnamese original</a>' in html
    # Beside every value from it, too.
    assert html.count("an Indonesian translation of a Vietnamese report.") == sum(
        o["source_id"] == "a-id" for o in project.rows("observations")
    )


def test_the_release_readme_says_what_the_data_covers_and_what_each_text_is(project, tmp_path):
    translated_from_vietnamese(project)
    project.edit("sources", 1, event="The sixth of February meeting")
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "1.0.0"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "- **2025-02-06**, `meeting`: A meeting. Its texts:" in readme
    assert (
        "`a-id`, an Indonesian translation of a Vietnamese report; retrieved from https://example.org/id/laporan "
        "on 2025-02-07;" in readme
    )
    assert "`b-fr`, a French text not recorded as an original or a translation;" in readme

    def table(name: str) -> list[dict]:
        with (folder / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    indicators = [i["indicator_id"] for i in table("indicators")]
    facts_of = [s["indicator_id"] for s in table("series")]
    observed = [o["indicator_id"] for o in table("observations")]
    one_value = sum(facts_of.count(i) == 1 for i in indicators)
    one_observation = sum(observed.count(i) == 1 for i in indicators)
    said = " ".join(readme.split())
    assert f"{one_value} of the {len(indicators)} indicators have one value" in said
    assert f"and {one_observation} rest on a single observation" in said


# 7. A legend for the charts.


def mark_classes(svg_markup: str) -> set[str]:
    drawn = set(re.findall(r'<(?:circle|line|rect)[^>]*\bclass="([^"]+)"', svg_markup))
    return drawn - {"grid", "axis"}


def test_every_mark_a_chart_draws_is_in_the_legend(project, tmp_path):
    html = page_of(project, tmp_path)
    charts = "".join(re.findall(r'<svg class="chart".*?</svg>', html, flags=re.S))
    assert charts, "the fixture draws no chart"
    legend = re.search(r'<section id="legend".*?</section>', html, flags=re.S)
    assert legend, "the page has no legend"
    shown = mark_classes(legend[0])
    assert mark_classes(charts) <= shown
    assert {"dot filled", "dot hollow", "whisker", "range", "band", "band conflict"} <= shown
    assert 'href="#legend"' in html  # each chart points to it


@pytest.fixture
def phone(browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    yield page
    page.close()


def test_the_sources_and_coverage_tables_fit_a_390_px_phone(project, tmp_path, phone):
    translated_from_vietnamese(project)
    for index in (0, 1):
        project.edit("sources", index, publisher=LONG_PUBLISHER, event=LONG_EVENT)
    page = tmp_path / "page.html"
    page.write_text(page_of(project, tmp_path), encoding="utf-8")
    phone.goto(page.as_uri())
    width = phone.evaluate("document.documentElement.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    for caption in ("Coverage", "The archived source texts"):
        table = phone.locator("table", has=phone.locator("caption", has_text=caption))
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (caption, box)
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), caption
        # Every cell is still shown, its column's name said before it.
        assert table.evaluate(
            """t => Array.from(t.querySelectorAll("tbody td")).every(td => td.getBoundingClientRect().width > 0
                && getComputedStyle(td, "::before").content.includes(td.dataset.label))"""
        ), caption


# 8. The schema.org description in the page; the zip's SHA-256 beside it.


def script_blocks(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S | re.I)


def test_the_release_page_carries_dataset_jsonld_and_the_zip_has_a_checked_sha256(project, tmp_path):
    descriptor = project.root / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["title"] = "Indicators </script><script>alert(1)</script> & more"
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "1.0.0"
    html = (folder / "index.html").read_text(encoding="utf-8")

    [(attributes, body)] = script_blocks(html)
    assert attributes.strip() == 'type="application/ld+json"'
    assert "<" not in body
    embedded = json.loads(body)
    assert embedded == json.loads((folder / "dataset.jsonld").read_text(encoding="utf-8"))
    assert embedded["name"] == package["title"]

    [archive] = folder.glob("*.zip")
    sidecar = folder / f"{archive.name}.sha256"
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert sidecar.read_text(encoding="utf-8") == f"{digest}  {archive.name}\n"  # as sha256sum writes it
    assert f'href="{archive.name}.sha256"' in html and f"sha256sum -c {archive.name}.sha256" in html
    assert "in a folder unzipped from the zip" in html
    verified = run("verify", str(folder))
    assert verified.exit_code == 0, verified.output

    sidecar.write_text(f"{'0' * 64}  {archive.name}\n", encoding="utf-8")
    tampered = run("verify", str(folder))
    assert tampered.exit_code == 1
    assert f"changed: {sidecar.name}" in tampered.output


def test_verify_still_passes_a_release_without_the_zips_sha256(built_out):
    """Releases before the file was published have none: its absence is no damage."""
    folder = built_out
    next(folder.glob("*.zip.sha256")).unlink()
    verified = run("verify", str(folder))
    assert verified.exit_code == 0, verified.output
