"""The benchmark: its generator stays in step with the schemas and rules, and its harness runs."""

from __future__ import annotations

import subprocess
import sys

import pytest
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


@pytest.mark.slow
def test_harness_times_every_command_and_writes_the_results_block(tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nhand-written history\n", encoding="utf-8")
    command = [
        sys.executable,
        str(REPO / "bench" / "run.py"),
        "--sizes",
        "150",
        "300",
        "--runs",
        "1",
        "--baseline",
        "HEAD",
    ]
    done = subprocess.run(
        [*command, "--work", str(tmp_path / "work"), "--out", str(page)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = page.read_text(encoding="utf-8")
    assert "hand-written history" in text
    rows = [line for line in text.splitlines() if line.startswith(("| 150 |", "| 300 |"))]
    names = (
        "publish validate",
        "publish validate at the baseline",
        "frictionless validate",
        "pyarrow read (floor)",
        "tables and schemas only (bound)",
    )
    assert [row.split(" | ")[1] for row in rows] == [*names, *names]
    assert all(row.endswith("| 0 |") for row in rows), rows
    assert "time vs tables and schemas alone at 300" in text and "time vs `publish validate` at HEAD at 300" in text
    assert "Reading the tables and checking their schemas alone" in text


def test_the_baseline_archive_refuses_a_path_out_of_its_tree_without_the_data_filter(tmp_path):
    """On a Python 3.11 before 3.11.4 (no tarfile data filter), the harness checks members itself."""
    import io
    import tarfile

    from run import _refuse_unsafe_members

    for name, kind in (("../outside", tarfile.REGTYPE), ("publish/link", tarfile.SYMTYPE)):
        packed = io.BytesIO()
        with tarfile.open(fileobj=packed, mode="w") as archive:
            member = tarfile.TarInfo(name)
            member.type = kind
            archive.addfile(member, io.BytesIO(b""))
        packed.seek(0)
        with tarfile.open(fileobj=packed) as archive, pytest.raises(SystemExit, match="refusing"):
            _refuse_unsafe_members(archive, tmp_path)
