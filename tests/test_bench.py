"""The benchmark's generator stays in step with the schemas and rules."""

from __future__ import annotations

import sys

from click.testing import CliRunner
from conftest import REPO

from publish.cli import cli

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


def test_generated_package_is_valid_and_exercises_every_family_of_checks(tmp_path):
    generate(600, tmp_path / "bench")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "bench"), "--format", "json"])
    assert result.exit_code == 0, result.output[-2000:]
    import json

    report = json.loads(result.output)
    assert report["rows"]["observations"] == 600
    assert {c["source_id"][:1] for c in report["coverage"]} == {"s"} and len(report["coverage"]) == 6
    assert all(c["by_exclusions"] == 1 and c["uncovered"] == 0 for c in report["coverage"])
    assert report["conflicts"], "no acknowledged conflict: the agreement check would not be exercised"


def test_generation_is_deterministic(tmp_path):
    generate(250, tmp_path / "one")
    generate(250, tmp_path / "two")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
