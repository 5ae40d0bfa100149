"""The curated data in this repository: valid, and every number traced."""

from __future__ import annotations

import csv
import hashlib
import json
import sys

import pytest
from click.testing import CliRunner
from conftest import REPO

from publish.cli import cli


def table(name: str) -> list[dict]:
    with (REPO / "datapackage" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_publish_validate_accepts_the_repository_with_every_number_covered():
    switch_interval = sys.getswitchinterval()
    result = CliRunner().invoke(cli, ["validate", str(REPO), "--format", "json"])
    assert result.exit_code == 0, result.output
    coverage = json.loads(result.output)["coverage"]
    assert {c["source_id"] for c in coverage} == {s["source_id"] for s in table("sources")}
    assert all(c["numbers"] > 0 and c["uncovered"] == 0 for c in coverage), coverage
    assert sys.getswitchinterval() == switch_interval  # shortened only while a parser thread runs, then restored


def test_archive_matches_the_recorded_hashes_and_sizes():
    for source in table("sources"):
        data = (REPO / source["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == source["sha256"], source["source_id"]
        assert len(data) == int(source["bytes"]), source["source_id"]


def test_every_quote_is_verbatim_in_its_archived_source():
    texts = {s["source_id"]: (REPO / s["path"]).read_text(encoding="utf-8") for s in table("sources")}
    for name in ("observations", "exclusions"):
        for row in table(name):
            assert row["quote"] in texts[row["source_id"]], (name, row["quote"])


def test_frictionless_accepts_the_tables_with_their_schemas():
    from frictionless import Package

    report = Package(str(REPO / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def test_every_source_is_curated():
    sources = {s["source_id"] for s in table("sources")}
    assert sources == {o["source_id"] for o in table("observations")}
    assert sources == {x["source_id"] for x in table("exclusions")}


def test_committed_releases_are_intact():
    releases = sorted(p for p in (REPO / "releases").iterdir() if p.is_dir())
    assert releases, "no release is committed"
    for folder in releases:
        result = CliRunner().invoke(cli, ["verify", str(folder)])
        assert result.exit_code == 0, result.output


def test_readme_explains_every_column_of_every_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for schema_path in sorted((REPO / "schemas").glob("*.schema.json")):
        for field in json.loads(schema_path.read_text(encoding="utf-8"))["fields"]:
            assert f"`{field['name']}`" in readme, (schema_path.name, field["name"])


def test_frictionless_accepts_every_committed_release():
    from frictionless import Package

    for descriptor in sorted((REPO / "releases").glob("*/datapackage.json")):
        report = Package(str(descriptor)).validate()
        assert report.valid, (descriptor.parent.name, report.flatten(["rowNumber", "fieldName", "message"]))


@pytest.mark.slow  # a byte-for-byte rebuild
def test_the_newest_release_rebuilds_byte_for_byte_from_the_tree(tmp_path):
    """The README's promise: built from the commit that holds it, the newest release is the same bytes."""
    from conftest import files_of, run

    from publish.release.versions import released

    newest = released(REPO / "releases")[-1]
    result = run("release", str(REPO), "--version", newest, "--out", str(tmp_path), env={})
    assert result.exit_code == 0, result.output
    assert files_of(tmp_path / newest) == files_of(REPO / "releases" / newest)
