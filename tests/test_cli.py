"""The command line: help, usage errors, broken projects without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import REPO

from publish.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert cli.commands[command].help
    assert "Example" in result.output


def test_help_does_not_import_the_heavy_libraries():
    code = (
        "import sys; from click.testing import CliRunner; from publish.cli import cli; "
        "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0; "
        "print(sorted(m for m in ('pandas', 'pandera', 'frictionless', 'pyarrow') if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_usage_errors_exit_2(project, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["validate", str(project.root), "--format", "yaml"]).exit_code == 2
    assert runner.invoke(cli, ["validate", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(cli, ["no-such-command"]).exit_code == 2


def test_valid_project_exits_0_with_coverage_and_conflicts(project):
    result = project.validate()
    assert result.exit_code == 0, result.output
    assert "Coverage of the numbers in each source" in result.output
    assert "accounts-meeting" in result.output
    assert result.output.rstrip().endswith("Valid: 6 tables, 8 observations from 2 sources.")


def test_json_report_for_machines(project):
    code, report = project.report()
    assert code == 0
    assert report["valid"] is True
    assert {c["source_id"]: c["uncovered"] for c in report["coverage"]} == {"a-id": 0, "b-fr": 0}
    [conflict] = report["conflicts"]
    assert conflict["conflict_id"] == "accounts-meeting"
    assert {o["observation_id"] for o in conflict["observations"]} == {"a-id-03", "b-fr-02"}
    assert report["rows"]["observations"] == 8


def test_every_error_is_reported_in_one_run(project):
    project.edit("observations", 0, kind="guess")
    project.edit("observations", 3, value="180")
    project.edit("sources", 1, bytes="5")
    code, report = project.report()
    assert code == 1
    assert {"schema.enum", "range.unit", "source.bytes"} <= {e["rule"] for e in report["errors"]}


def test_missing_descriptor_is_an_error_not_a_traceback(project):
    (project.root / "datapackage.json").unlink()
    result = project.validate()
    assert result.exit_code == 1
    assert "datapackage.json: not found" in result.output
    assert "Traceback" not in result.output


def test_descriptor_paths_may_not_leave_the_project(project):
    descriptor = json.loads((project.root / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = "../elsewhere.csv"
    (project.root / "datapackage.json").write_text(json.dumps(descriptor))
    result = project.validate()
    assert result.exit_code == 1
    assert "must be relative and inside the project" in result.output


def test_a_source_path_may_not_point_outside_seeds(project, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(project.seed("a.txt").read_bytes())
    project.seed("link.txt").symlink_to(outside)
    project.edit("sources", 0, path="seeds/link.txt")
    code, report = project.report()
    assert code == 1
    [hit] = [e for e in report["errors"] if e["rule"] == "source.path"]
    assert (hit["file"], hit["row"], hit["field"], hit["value"]) == (
        "datapackage/sources.csv",
        2,
        "path",
        "seeds/link.txt",
    )
    assert "inside seeds/" in hit["message"]


def test_later_checks_wait_for_readable_tables(project):
    project.path("units").write_bytes(b"")
    code, report = project.report()
    assert code == 1
    assert report["skipped"] and "units" in report["skipped"][0]


def test_validate_annotates_each_error_for_github_actions(project):
    project.edit("observations", 0, note="=5% more")
    project.edit("observations", 3, value="18,3")
    result = CliRunner().invoke(cli, ["validate", str(project.root), "--format", "github"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    where = str(project.root / "datapackage" / "observations.csv").replace(":", "%3A").replace(",", "%2C")
    assert lines[0] == f"::error file={where},line=2,title=cell.formula::field note, '=5%25 more': " + (
        "expected a text cell that does not start with =, +, -, @, a tab or a carriage return "
        "(a spreadsheet would run it as a formula); a plain signed number is allowed"
    )
    assert lines[1].startswith(f"::error file={where},line=5,title=schema.type::field value, '18,3': expected")
    # The row whose value cannot be read states no number, so its "18,3%" is uncovered as well.
    assert lines[-1].startswith("Invalid: 3 error(s)")
    valid = CliRunner().invoke(cli, ["validate", str(REPO), "--format", "github"])
    assert valid.exit_code == 0 and valid.output.startswith("Valid:")


def test_every_command_on_a_project_takes_it_as_project(project, tmp_path):
    from conftest import EPOCH

    runner = CliRunner()
    assert runner.invoke(cli, ["validate", "--project", str(project.root)]).exit_code == 0
    assert runner.invoke(cli, ["validate", str(project.root)]).exit_code == 0  # the older spelling
    released = runner.invoke(
        cli, ["release", "--project", str(project.root), "--version", "1.0.0", "--out", str(tmp_path)], env=EPOCH
    )
    assert released.exit_code == 0, released.output
    both = runner.invoke(cli, ["validate", str(project.root), "--project", str(tmp_path)])
    assert both.exit_code == 2 and "two projects" in both.output
    for command in ("validate", "release", "add-source", "todo", "series", "report"):
        assert "--project" in runner.invoke(cli, [command, "--help"]).output, command


@pytest.mark.parametrize(("arguments", "code"), [(["validate"], 1), (["no-such-command"], 2), (["--version"], 0)])
def test_the_process_entry_point_exits_with_the_commands_code(project, arguments, code, monkeypatch, capsys):
    import gc

    from publish.cli import main

    project.edit("observations", 0, value="26000000000")
    monkeypatch.setattr(sys, "argv", ["publish", *arguments, *(["--project", str(project.root)] if code == 1 else [])])
    threshold = gc.get_threshold()
    gc.unfreeze()  # the test run freezes what it keeps (conftest); frozen again below
    try:
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code == code
        assert gc.get_freeze_count() > 0  # the process's objects are left to its end, not collected again
        assert gc.get_threshold()[2] > threshold[2]  # and full collections are rarer while it runs
    finally:
        gc.freeze()
        gc.set_threshold(*threshold)
    said = capsys.readouterr()
    assert {0: "publish, version", 1: "Invalid:", 2: "No such command"}[code] in said.out + said.err
