"""Every command that reads the data reads it one way: what `publish validate` refuses, the others
refuse too, with validate's own words, one clear message and exit 1, never a traceback."""

from __future__ import annotations

import pytest
from conftest import in_turn, release, run

COMMANDS = {
    "series": lambda root, out: ["series", "--project", root],
    "report": lambda root, out: ["report", "--project", root, "--out", f"{out}/page.html"],
    "todo": lambda root, out: ["todo", "--project", root],
    "draft": lambda root, out: ["draft", "a-id", "--project", root, "--out", out],
    "diff": lambda root, out: ["diff", root, root],
}


def refused(result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.output


def lone_cr_at_the_end_of_row(project, table: str, row: int) -> None:
    path = project.path(table)
    lines = path.read_bytes().split(b"\n")
    lines[row - 1] += b"\r" + lines.pop(row)
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize(("table", "row"), in_turn(["exclusions", "observations", "units", "sources"], [1, 2, 3]))
def test_a_lone_carriage_return_is_one_error_naming_the_file_and_row(project, table, row):
    lone_cr_at_the_end_of_row(project, table, row)
    code, report = project.report()
    assert code == 1
    [error] = report["errors"]
    assert (error["file"], error["row"], error["rule"]) == (f"datapackage/{table}.csv", row, "file.line_endings")
    assert "carriage return" in error["message"]


def test_a_file_of_carriage_returns_alone_is_read_as_its_first_row(project):
    path = project.path("exclusions")
    header = path.read_bytes().split(b"\n")[0].decode()
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    [error] = project.report()[1]["errors"]
    assert (error["file"], error["row"], error["value"]) == ("datapackage/exclusions.csv", 1, header)


def test_crlf_line_ends_still_read_and_are_one_error(project):
    path = project.path("units")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    [error] = project.report()[1]["errors"]
    assert (error["row"], error["rule"]) == (1, "file.line_endings")


BREAKS = {
    "a lone carriage return": (
        lambda project: lone_cr_at_the_end_of_row(project, "exclusions", 3),
        "file.line_endings",
    ),
    "a date the calendar lacks": (
        lambda project: project.edit("observations", 0, period_start="2024-02-30"),
        "schema.type",
    ),
    "an indicator no table defines": (
        lambda project: project.edit("observations", 2, indicator_id="nope"),
        "schema.foreign_key",
    ),
}


def finding_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("  ") and "[" in line]


@pytest.mark.parametrize(("command", "case"), in_turn(list(COMMANDS), list(BREAKS)))
def test_every_command_refuses_what_loading_refuses_in_validates_words(project, tmp_path, command, case):
    breaks, rule = BREAKS[case]
    breaks(project)
    said = finding_lines(refused(project.validate()))
    [expected] = [line for line in said if f"[{rule}]" in line]
    (tmp_path / "out").mkdir()
    output = refused(run(*COMMANDS[command](str(project.root), str(tmp_path / "out"))))
    assert expected in output.splitlines(), output
    assert set(finding_lines(output)) <= set(said), output
    assert "listed above as `publish validate` lists them" in output


@pytest.mark.parametrize("command", ["series", "report"])
def test_a_header_only_observations_table_is_refused_by_what_derives_from_it(project, tmp_path, command):
    project.write("observations", [])
    expected = finding_lines(refused(project.validate()))
    assert any("[coverage.uncovered]" in line for line in expected)
    output = refused(run(*COMMANDS[command](str(project.root), str(tmp_path))))
    assert finding_lines(output) == expected, output
    assert not (tmp_path / "page.html").exists()


def test_a_header_only_observations_table_is_refused_by_a_release(project, tmp_path):
    project.write("observations", [])
    output = refused(release(project, "--version", "1.0.0", "--out", str(tmp_path / "out")))
    assert "[coverage.uncovered]" in output
    assert not (tmp_path / "out" / "1.0.0").exists()


def test_curating_still_reads_a_table_that_is_only_incomplete(project):
    """Uncovered numbers are what todo lists: coverage is no reason for it to refuse."""
    project.write("observations", [])
    result = run("todo", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert "number(s) not yet covered" in result.output


def test_a_table_read_again_is_read_afresh_whatever_the_last_reader_did_with_it(project, monkeypatch):
    from publish import tables
    from publish.project import open_project
    from publish.tables import load_tables

    typed = []
    type_table = tables._typed
    monkeypatch.setattr(tables, "_typed", lambda raw, table: typed.append(table.name) or type_table(raw, table))
    first, found = load_tables(open_project(project.root))
    assert found == []
    first["observations"].loc[:, "value"] = -1.0  # a reader's own copy: changing it changes no later read
    again, _ = load_tables(open_project(project.root))
    assert (again["observations"]["value"] != -1.0).all()
    project.edit("observations", 0, value="not a number")  # new bytes: read and checked again
    typed.clear()
    _, found = load_tables(open_project(project.root))
    assert [(f.rule, f.row, f.field) for f in found] == [("schema.type", 2, "value")]
    assert typed == ["observations"]  # the tables that did not change are not typed again
