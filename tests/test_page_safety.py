"""The page, the release metadata and add-source treat every text from the data as text.

A project whose every free-text cell shown on the page holds markup must give
a page with no markup from the data: no script, no tag, no attribute, no link
to an address that is not a well-formed http(s) URL.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import add_source

from publish.cli import cli
from publish.errors import PublishError
from publish.identity import safe_url
from publish.report.charts import chart
from publish.report.page import write_report

ENV = {"SOURCE_DATE_EPOCH": "1767225600"}
# No digits: some of these stand in quotes, whose every number must be curated.
ATTACK = "<script>alert(document.domain)</script><img src=x onerror=alert(document.domain)>\"'& &amp;"
HOSTILE_URL = 'https://example.vn/"><script>alert(1)</script>'
GOOD_URL = "https://example.org/news?id=7&lang=fr"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"  # the descriptor's licence, a link on the page
HOSTILE_NAME = "a\"><img src=x onerror=alert(document.domain)>&'#.txt"


def hostile(field: str) -> str:
    return f"{field}: {ATTACK}"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), env=ENV)


def make_hostile(project, name: str = HOSTILE_NAME) -> dict[str, str]:
    """Put markup in every free-text cell the page shows, and name a-id's text `name`."""
    shown = {
        field: hostile(field)
        for field in (
            "package title",
            "package description",
            "publisher",
            "source title",
            "event",
            "indicator title",
            "indicator definition",
            "unit label",
            "note",
            "explanation",
            "quote",
        )
    }
    descriptor_path = project.root / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor.update(title=shown["package title"], description=shown["package description"])
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")

    (project.root / "seeds" / "a.txt").rename(project.root / "seeds" / name)
    project.edit(
        "sources",
        0,
        path=f"seeds/{name}",
        url=HOSTILE_URL,
        publisher=shown["publisher"],
        title=shown["source title"],
        event=shown["event"],
        note=hostile("source note"),
    )
    project.edit("sources", 1, url=GOOD_URL)
    text = (project.root / "seeds" / name).read_text(encoding="utf-8")
    old_quote = "pendapatan mencapai 25 miliar dolar AS"
    new_quote = f"pendapatan {shown['quote']} mencapai 25 miliar dolar AS"
    project.rewrite_seed(name, text.replace(old_quote, new_quote))
    project.edit("observations", 0, quote=new_quote, note=shown["note"])
    for index in (0, 1):  # revenue and accounts: both have a chart
        project.edit("indicators", index, title=shown["indicator title"], definition=shown["indicator definition"])
    project.edit("units", 0, label=shown["unit label"])
    project.edit("conflicts", 0, explanation=shown["explanation"])
    valid = project.validate()
    assert valid.exit_code == 0, valid.output
    return shown


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def values(self, attribute: str) -> list[str]:
        return [value for _, name, value in self.attributes if name == attribute]


LINKED_DATA = re.compile(r'<script type="application/ld\+json">\n(?P<json>[^<]*)\n</script>\n')


def without_linked_data(html: str) -> str:
    """The page without its one schema.org script (a release's): JSON that nothing in the data can end early."""
    found = LINKED_DATA.findall(html)
    assert len(found) <= 1
    for body in found:
        assert isinstance(json.loads(body), dict)
    return LINKED_DATA.sub("", html)


def assert_only_text_from_data(html: str, shown: dict[str, str], archive: str, name: str = HOSTILE_NAME) -> Page:
    html = without_linked_data(html)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    page = Page(html)
    assert not page.tags & {"script", "img", "iframe", "object", "embed"}
    assert not [a for a in page.attributes if a[1].startswith("on")]
    for field, value in shown.items():
        assert value in page.text, f"{field} is not shown as text"
    hrefs = page.values("href")
    assert GOOD_URL in hrefs and HOSTILE_URL not in hrefs
    links = [h for h in hrefs if not h.startswith("#") and h not in (GOOD_URL, LICENCE_URL)]
    archived = [h for h in links if unquote(h).startswith(f"{archive}/")]
    assert {unquote(h) for h in archived} == {f"{archive}/{name}", f"{archive}/b.txt"}
    # The rest are the files offered for download: paths below the page, percent-encoded.
    assert all(re.fullmatch(r"[A-Za-z0-9._~%/-]+", h) and ".." not in h.split("/") for h in links)
    for value in page.values("id"):
        assert re.fullmatch(r"[a-z0-9_-]+", value), value
    return page


def test_report_shows_hostile_text_only_as_text(project, tmp_path):
    shown = make_hostile(project)
    out = tmp_path / "report.html"
    result = run("report", "--project", str(project.root), "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert_only_text_from_data(html, {k: v for k, v in shown.items() if k != "source title"}, "project/seeds")
    assert "&amp;lang=fr" in html  # an & in a URL is escaped in its attribute


def test_release_page_and_metadata_show_hostile_text_only_as_text(project, tmp_path):
    shown = make_hostile(project, "a.txt")  # a release refuses an archived name it cannot copy as it is
    result = run("release", str(project.root), "--version", "1.0.0", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "1.0.0"
    html = (folder / "index.html").read_text(encoding="utf-8")
    page = assert_only_text_from_data(html, {k: v for k, v in shown.items() if k != "source title"}, "sources", "a.txt")
    assert shown["package title"] in page.text  # also in the citation

    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    [database] = metadata["databases"].values()
    listed = database["tables"]["sources"]["description_html"]
    assert "<script" not in listed
    links = Page(listed)
    assert links.values("href") == [GOOD_URL]
    assert links.text == "a-idb-fr"


def test_chart_escapes_every_text_and_id_it_embeds():
    evil = '"><script>alert(document.domain)</script>'
    facts = [
        {
            "period_type": "year",
            "period_start": pd.Timestamp(f"{year}-01-01"),
            "period_end": pd.Timestamp(f"{year}-12-31"),
            "kind": "actual",
            "lower": 1.0,
            "upper": 2.0,
            "status": "single",
            "observations": [
                {
                    "observation_id": f"x-{year}",
                    "source_id": evil,
                    "value": 1.5,
                    "value_upper": float("nan"),
                    "low": 1.0,
                    "high": 2.0,
                    "phrase": evil,
                }
            ],
        }
        for year in (2023, 2024)
    ]
    svg = chart({"title": evil, "unit": "count"}, facts, f"chart-{evil}")
    assert "<script" not in svg
    page = Page(svg)
    assert page.tags <= {"svg", "title", "desc", "rect", "text", "line", "circle"}
    assert evil in page.text
    assert f"chart-{evil}-title chart-{evil}-desc" in page.values("aria-labelledby")


@pytest.mark.parametrize(
    "url",
    [
        "https://baovinhphuc.com.vn/tin-tuc/Id/113773/So-ket-6-thang",
        "http://example.vn/a?b=1&c=2#d",
        "https://example.vn:8443/ảnh",
        "https://[2001:db8::1]/a",
    ],
)
def test_safe_url_accepts_well_formed_http_urls(url):
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        HOSTILE_URL,
        "javascript:alert(1)",
        "JAVASCRIPT://example.vn/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.vn/a",
        "https://",
        "https:///path",
        "https:example.vn",
        "https://example.vn/a b",
        "https://example.vn/a\tb",
        "https://example.vn/a\u00a0b",
        "https://example.vn/'onmouseover=alert(1)",
        "https://example.vn/`",
        "https://example.vn\\@evil.example/",
        "https://user@evil.example/",
        "https://example.vn/\x00",
        "https://example.vn/\u202e",
        "https://example.vn:99999/",
        "https://[::1/",
        "https://example.vn/\n",
        None,
        float("nan"),
        "",
    ],
)
def test_safe_url_refuses_anything_else(url):
    assert safe_url(url) is None


def snapshot(project) -> dict[str, bytes]:
    return {p.relative_to(project.root).as_posix(): p.read_bytes() for p in project.root.rglob("*") if p.is_file()}


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("Частка доступу становить 17,25%.\n", encoding="utf-8")
    return path


def add(project, article, *extra: str, **options):
    return add_source(project, article, *extra, **options)


@pytest.mark.parametrize(
    "url", [HOSTILE_URL, "https://example.vn/a'b", "https://example.vn/<b>", "https://example.vn\\@evil.example/"]
)
def test_add_source_refuses_a_url_that_cannot_be_a_link(project, article, url):
    before = snapshot(project)
    result = add(project, article, url=url)
    assert result.exit_code == 1, result.output
    assert "is not a well-formed http(s) URL" in result.output and "quotes, angle brackets" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Частка доступу. " * 62_500 + "1", "far larger than a news report (the limit is 1,000,000 bytes)"),
        ("\n".join(str(n) for n in range(1_001)), "holds 1,001 numbers, far more than a news report"),
    ],
)
def test_add_source_refuses_a_text_far_beyond_a_news_report(project, article, content, message):
    article.write_text(content, encoding="utf-8")
    before = snapshot(project)
    result = add(project, article)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--source-id", '"><b>x'), "--id '\"><b>x': use lower-case letters"),
        (("--publisher", "Вісник\nX"), "--publisher 'Вісник\\nX' holds a line break"),
        (("--title", "A\rB"), "--title 'A\\rB' holds a line break"),
        (("--event-date", "20240710"), "is not a date written YYYY-MM-DD"),
    ],
)
def test_add_source_refuses_fields_the_sources_table_would_reject(project, article, extra, message):
    before = snapshot(project)
    result = add(project, article, *extra)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert snapshot(project) == before


def test_add_source_keeps_only_a_plain_file_extension(project, tmp_path, article):
    odd = tmp_path / 'article."><img src=x>'
    odd.write_bytes(article.read_bytes())
    result = add(project, odd)
    assert result.exit_code == 0, result.output
    [new] = [row for row in project.rows("sources") if row["source_id"] not in ("a-id", "b-fr")]
    assert re.fullmatch(r"seeds/[0-9]{3}_[0-9a-f]{16}\.txt", new["path"]), new["path"]


def test_report_into_a_missing_folder_names_the_folder(project, tmp_path):
    out = tmp_path / "nowhere" / "report.html"
    result = run("report", "--project", str(project.root), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert f"the folder {out.parent} does not exist" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_report_onto_a_folder_is_refused(project, tmp_path):
    result = run("report", "--project", str(project.root), "--out", str(tmp_path))
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit)
    assert "directory" in result.output or "folder" in result.output
    with pytest.raises(PublishError, match="is a folder"):
        write_report(project.root, tmp_path)
    with pytest.raises(PublishError, match="is not a folder"):
        write_report(project.root, project.root / "datapackage.json" / "report.html")


def test_missing_cells_never_show_as_nan_none_or_nat(built_out):
    # b-fr has no publisher, url, title or note; most observations have no note.
    folder = built_out
    words = re.compile(r"\b(nan|NaN|None|NaT)\b")
    assert not words.search(Page((folder / "index.html").read_text(encoding="utf-8")).text)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    titles = [source["title"] for source in descriptor["sources"]]
    assert "Unnamed outlet: A meeting (fr)" in titles and not any(words.search(t) for t in titles)
    for name in ("metadata.json", "dataset.jsonld", "CITATION.cff", "sources/RIGHTS.md"):
        assert not words.search((folder / name).read_text(encoding="utf-8")), name
