"""Releases: validated first, atomic, immutable, reproducible, verifiable, and
loadable with frictionless, pandas and DuckDB."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import EPOCH, REPO, files_of, release, run

from publish.series import CHOICE_RULES, report_series
from publish.validate import validate

TABLES = ["sources", "units", "indicators", "observations", "exclusions", "conflicts"]


def test_release_contents(built):
    names = set(files_of(built))
    for table in [*TABLES, "series"]:
        assert {f"data/{table}.csv", f"data/{table}.parquet"} <= names
    assert {
        "datapackage.json",
        "metadata.json",
        "CITATION.cff",
        "dataset.jsonld",
        "CHANGELOG.md",
        "SHA256SUMS",
        "sources/a.txt",
        "sources/b.txt",
        "sources/RIGHTS.md",
        "vietnam-digital-transformation.sqlite",
        "vietnam-digital-transformation-1.0.0.zip",
    } <= names
    descriptor = json.loads((built / "datapackage.json").read_text())
    assert descriptor["version"] == "1.0.0"
    assert descriptor["created"] == "2026-01-01T00:00:00Z"
    assert {s["archived"] for s in descriptor["sources"]} == {"sources/a.txt", "sources/b.txt"}
    assert all(len(s["sha256"]) == 64 for s in descriptor["sources"])
    resource = descriptor["resources"][3]
    assert resource["name"] == "observations" and resource["hash"].startswith("sha256:")
    assert {"path", "format", "mediatype", "encoding", "bytes", "schema"} <= set(resource)
    [series] = [r for r in descriptor["resources"] if r["name"] == "series"]
    assert all(f"[{rule}]" in series["description"] for rule in CHOICE_RULES)
    assert "version: 1.0.0" in (built / "CITATION.cff").read_text()
    assert json.loads((built / "dataset.jsonld").read_text())["@type"] == "Dataset"


def test_release_loads_in_frictionless_pandas_and_duckdb(project, built):
    import duckdb
    import pandas as pd
    from frictionless import Package

    report = Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    for table in TABLES:
        expected = len(project.rows(table))
        assert len(pd.read_csv(built / "data" / f"{table}.csv")) == expected
        assert len(pd.read_parquet(built / "data" / f"{table}.parquet")) == expected
        assert duckdb.sql(f"select count(*) from '{built / 'data' / table}.parquet'").fetchall() == [(expected,)]
    observations = pd.read_parquet(built / "data" / "observations.parquet")
    assert observations["value"].dtype == "float64"
    types = {
        row[0]: row[1] for row in duckdb.sql(f"describe select * from '{built}/data/observations.parquet'").fetchall()
    }
    assert (types["period_start"], types["value"], types["quote"]) == ("DATE", "DOUBLE", "VARCHAR")
    sources = {
        row[0]: row[1] for row in duckdb.sql(f"describe select * from '{built}/data/sources.parquet'").fetchall()
    }
    assert sources["bytes"] == "BIGINT"
    report = validate(project.root)
    derived = report_series(report).series
    assert len(pd.read_csv(built / "data" / "series.csv")) == len(derived)
    series = pd.read_parquet(built / "data" / "series.parquet")
    assert len(series) == len(derived)
    assert (series["sources"].dtype, series["preferred"].dtype) == ("int64", "bool")
    database = sqlite3.connect(built / "vietnam-digital-transformation.sqlite")
    assert database.execute("select count(*) from series").fetchone()[0] == len(derived)
    for table in TABLES:
        assert database.execute(f'select count(*) from "{table}"').fetchone()[0] == len(project.rows(table))
    # NUMERIC columns: a whole value is stored as an integer (datasette shows 25000000000, not 2.5e10)
    assert database.execute("select typeof(value), typeof(quote) from observations limit 1").fetchone() == (
        "integer",
        "text",
    )


def test_parquet_carries_the_table_schema_and_nothing_of_pandas(project, built):
    import pyarrow.parquet as pq

    fields = {
        f["name"]: f
        for f in json.loads((REPO / "schemas" / "observations.schema.json").read_text(encoding="utf-8"))["fields"]
    }
    table = pq.read_table(built / "data" / "observations.parquet")
    assert table.schema.metadata is None  # no pandas index or dtypes, which a reader would have to ignore
    assert table.schema.names == list(fields)
    for name, field in fields.items():
        arrow = table.schema.field(name)
        assert arrow.metadata == {b"description": field.get("description", "").encode()}, name
        assert arrow.nullable is not field.get("constraints", {}).get("required", False), name
    missing = sum(1 for row in project.rows("observations") if not row.get("value_upper"))
    assert 0 < table["value_upper"].null_count == missing  # a blank cell is null, not NaN


def test_invalid_data_is_refused_and_nothing_is_written(project):
    project.edit("observations", 0, value="26000000000")
    result = release(project, "--version", "1.0.0")
    assert result.exit_code == 1
    assert "release refused" in result.output
    assert "quote.states_value" in result.output
    assert not (project.root / "releases").exists()


def test_an_existing_version_is_never_overwritten(project, built):
    before = files_of(built)
    result = release(project, "--version", "1.0.0")
    assert result.exit_code == 1
    assert "already exists" in result.output and "--bump patch" in result.output
    assert files_of(built) == before


@pytest.mark.slow  # a byte-for-byte rebuild
def test_two_builds_of_a_version_are_byte_identical(project, tmp_path):
    first = release(project, "--version", "1.0.0", "--out", str(tmp_path / "one"))
    second = release(project, "--version", "1.0.0", "--out", str(tmp_path / "two"))
    assert first.exit_code == second.exit_code == 0
    assert files_of(tmp_path / "one" / "1.0.0") == files_of(tmp_path / "two" / "1.0.0")


def test_without_source_date_epoch_the_changelog_dates_the_release(project, tmp_path):
    (project.root / "CHANGELOG.md").write_text(
        "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2025-03-01\n\n### Added\n- The first data.\n"
    )
    builds = []
    for out in ("one", "two"):
        result = release(project, "--version", "1.0.0", "--out", str(tmp_path / out), env={})
        assert result.exit_code == 0, result.output
        builds.append(files_of(tmp_path / out / "1.0.0"))
    assert builds[0] == builds[1]
    descriptor = json.loads(builds[0]["datapackage.json"])
    assert descriptor["created"] == "2025-03-01T00:00:00Z"
    assert "- The first data." in builds[0]["CHANGELOG.md"].decode()


def test_a_failure_while_writing_leaves_nothing_behind(project, monkeypatch):
    import publish.release.build as build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build, "write_zip", broken)
    with pytest.raises(OSError):
        build.release(project.root, version="1.0.0")
    assert not (project.root / "releases").exists()


def test_verify_accepts_an_intact_release(built):
    result = run("verify", str(built))
    assert result.exit_code == 0
    assert "intact" in result.output


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            lambda f: (f / "data/units.csv").write_bytes((f / "data/units.csv").read_bytes().replace(b"US", b"UK")),
            "changed: data/units.csv",
        ),
        (lambda f: (f / "extra.txt").write_text("x"), "added: extra.txt"),
        (lambda f: (f / "sources/b.txt").unlink(), "removed: sources/b.txt"),
        (
            lambda f: (f / "vietnam-digital-transformation-1.0.0.zip").write_bytes(b"PK"),
            "changed: vietnam-digital-transformation-1.0.0.zip",
        ),
    ],
)
def test_verify_reports_a_damaged_release(built, damage, expected):
    damage(built)
    result = run("verify", str(built))
    assert result.exit_code == 1
    assert expected in result.output


def test_version_options_are_usage_errors(project):
    assert release(project).exit_code == 2
    assert (
        release(
            project,
            "--version",
            "1.0",
        ).exit_code
        == 2
    )
    assert release(project, "--version", "1.0.0", "--bump", "minor").exit_code == 2


def add_unit(project):
    project.append("units", unit_id="times", label="Times", description="A multiple", minimum="0")


def correct_value(project):
    project.edit("observations", 3, note="Access rate, as the text says.")  # a cell corrected: a patch


def remove_title_field(project):
    schema_path = project.root / "schemas" / "sources.schema.json"
    schema = json.loads(schema_path.read_text())
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "title"]
    schema_path.write_text(json.dumps(schema))
    project.write("sources", project.rows("sources"), [f["name"] for f in schema["fields"]])


@pytest.mark.parametrize(
    ("change", "level", "version", "shown"),
    [
        (add_unit, "minor", "1.1.0", "+ times"),
        (correct_value, "patch", "1.0.1", "~ a-id-04 note: '' -> 'Access rate, as the text says.'"),
        (remove_title_field, "major", "2.0.0", "field removed: title"),
    ],
)
def test_diff_and_bump(project, built, change, level, version, shown):
    change(project)
    result = run("diff", str(built), str(project.root))
    assert result.exit_code == 0
    assert shown in result.output
    assert f"SemVer level: {level}" in result.output
    report = json.loads(run("diff", str(built), str(project.root), "--format", "json").output)
    assert report["level"] == level

    bumped = release(project, "--bump")
    assert bumped.exit_code == 0, bumped.output
    assert f"Released {version}" in bumped.output
    entry = (project.root / "releases" / version / "CHANGELOG.md").read_text()
    assert f"## [{version}] - 2026-01-01" in entry
    assert f"## [{version}]" in (project.root / "CHANGELOG.md").read_text()
    assert run("verify", str(project.root / "releases" / version)).exit_code == 0


def test_bump_with_nothing_changed_is_refused(project, built):
    result = release(project, "--bump")
    assert result.exit_code == 1
    assert "nothing changed since 1.0.0" in result.output
