"""The curator's path: add a source, see what is left, curate it, release a minor version."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import add_source

from publish.cli import cli

ENV = {"SOURCE_DATE_EPOCH": "1767225600"}
NEW_TEXT = (
    "10 липня 2024 року уряд повідомив, що активовано понад 45,5 мільйона облікових записів.\n"
    "Частка доступу становить 17,25%.\n"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), env=ENV)


def snapshot(project) -> dict[str, bytes]:
    return {
        p.relative_to(project.root).as_posix(): p.read_bytes() for p in sorted(project.root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(NEW_TEXT, encoding="utf-8")
    return path


def add(project, article, *extra: str, **options):
    return add_source(project, article, *extra, **options)


def test_a_new_source_from_archive_to_minor_release(project, article):
    assert run("release", str(project.root), "--version", "1.0.0").exit_code == 0

    added = add(project, article, "--event-date", "2024-07-10")
    assert added.exit_code == 0, added.output
    [new] = [row for row in project.rows("sources") if row["source_id"] not in ("a-id", "b-fr")]
    assert new["source_id"] == "example-2024-uk"
    assert project.root.joinpath(new["path"]).read_bytes() == article.read_bytes()
    # What only a reader can fill; until then the sources table breaks its schema, and todo says so.
    refused = run("todo", "example-2024-uk", "--project", str(project.root))
    assert refused.exit_code == 1
    assert "field event_id: [schema.required]" in refused.output
    project.edit("sources", 2, event_id="review-2024", event="Six-month review", date_basis="stated: '10 липня 2024'")

    todo = json.loads(run("todo", "example-2024-uk", "--project", str(project.root), "--format", "json").output)
    assert [(t["raw"], t["line"]) for t in todo] == [("10", 1), ("2024", 1), ("45,5", 1), ("17,25", 2)]
    accounts = todo[2]
    assert accounts["value"] * accounts["scale"] == 45_500_000
    assert accounts["unit_word"] == "облікових"
    assert accounts["sentence"].endswith("45,5 мільйона облікових записів.")
    assert "value 45,500,000" in run("todo", "--project", str(project.root)).output

    code = run("validate", str(project.root), "--format", "json")
    uncovered = [e for e in json.loads(code.output)["errors"] if e["rule"] == "coverage.uncovered"]
    assert code.exit_code == 1
    assert {(e["file"], e["value"]) for e in uncovered} == {(new["path"], n) for n in ("10", "2024", "45,5", "17,25")}

    point = dict(period_type="point", period_start="2024-07-10", period_end="2024-07-10")
    project.append(
        "observations",
        observation_id="example-2024-uk-01",
        indicator_id="accounts",
        source_id="example-2024-uk",
        kind="actual",
        **point,
        value="45500000",
        unit="count",
        qualifier="more_than",
        quote="активовано понад 45,5 мільйона облікових записів",
    )
    project.append(
        "observations",
        observation_id="example-2024-uk-02",
        indicator_id="access_share",
        source_id="example-2024-uk",
        kind="actual",
        **point,
        value="17.25",
        unit="percent",
        qualifier="exact",
        quote="Частка доступу становить 17,25%",
    )
    project.append(
        "exclusions",
        exclusion_id="example-2024-uk-x01",
        source_id="example-2024-uk",
        quote="10 липня",
        number="10",
        category="date",
        reason="date of the announcement",
    )
    project.append(
        "exclusions",
        exclusion_id="example-2024-uk-x02",
        source_id="example-2024-uk",
        quote="липня 2024 року",
        number="2024",
        category="year",
        reason="year of the announcement",
    )
    assert "Nothing left to curate" in run("todo", "--project", str(project.root)).output
    valid = run("validate", str(project.root))
    assert valid.exit_code == 0, valid.output

    released = run("release", str(project.root), "--bump")
    assert released.exit_code == 0, released.output
    assert "Released 1.1.0" in released.output
    releases = project.root / "releases"
    changes = json.loads(run("diff", str(releases / "1.0.0"), str(releases / "1.1.0"), "--format", "json").output)
    assert changes["level"] == "minor"
    assert changes["tables_added"] == changes["tables_removed"] == []
    assert {t["name"]: (t["added"], t["removed"], t["changed"]) for t in changes["tables"]} == {
        "sources": (["example-2024-uk"], [], []),
        "observations": (["example-2024-uk-01", "example-2024-uk-02"], [], []),
        "exclusions": (["example-2024-uk-x01", "example-2024-uk-x02"], [], []),
        "series": (["access_share:actual:2024-07-10..2024-07-10", "accounts:actual:2024-07-10..2024-07-10"], [], []),
    }


@pytest.mark.parametrize(
    ("extra", "prepare", "message"),
    [
        ((), "twice", "is already archived as seeds/"),
        (("--language", "zz-notalanguage"), None, "not a valid BCP 47 language tag"),
        (("--event-date", "2024-13-40"), None, "is not a date written YYYY-MM-DD"),
        ((), "latin-1", "is not UTF-8 text"),
    ],
)
def test_add_source_refuses_and_changes_nothing(project, article, extra, prepare, message):
    if prepare == "twice":
        assert add(project, article).exit_code == 0
    if prepare == "latin-1":
        article.write_bytes("Частка 17,25%".encode() + "café".encode("latin-1"))
    before = snapshot(project)
    result = add(project, article, *extra)
    assert result.exit_code == 1
    assert message in result.output
    assert snapshot(project) == before


def test_todo_names_an_unknown_source(project):
    result = run("todo", "nope", "--project", str(project.root))
    assert result.exit_code == 1
    assert "no source 'nope'" in result.output


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Báo Đà Nẵng", "bao-da-nang"), ("Вісник", "visnyk"), ("Les Échos", "les-echos"), ("«»", "source")],
)
def test_a_publishers_name_becomes_the_words_of_an_id_in_any_script(name, expected):
    from publish.curate import slug

    assert slug(name) == expected
