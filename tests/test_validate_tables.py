"""Hostile and sloppy tables, schemas and descriptors: each is one clear finding or
error naming the file (and row and field), a non-zero exit, never a traceback and
never a value silently changed on its way to the release."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from publish.cli import cli
from publish.kernels import line_numbers
from publish.project import open_project
from publish.rules import RULES
from publish.tables import load_tables
from publish.validate import findings_of

OBS, SRC, UNITS = "datapackage/observations.csv", "datapackage/sources.csv", "datapackage/units.csv"


def errors(project) -> list[dict]:
    code, report = project.report()
    assert code == 1, report
    return report["errors"]


def loading_errors(project) -> list[dict]:
    """What validate's first step finds, reading and typing the tables, called in-process: a rule of a
    table's cells needs nothing after it (the hostile cells' tests show validate and release report it)."""
    _, found = load_tables(open_project(project.root))
    return [finding.as_dict() for finding in found]


def rule_findings(project, rule: str) -> list[dict]:
    """What validate finds of `rule`, read from the checks that report it alone."""
    return [finding.as_dict() for finding in findings_of(project.root, rule)]


def only(found: list[dict], rule: str) -> dict:
    matching = [e for e in found if e["rule"] == rule]
    assert len(matching) == 1, found
    return matching[0]


@pytest.mark.parametrize(
    ("table", "index", "field", "cell"),
    [
        ("observations", 0, "period_start", "2024-02-30"),
        ("observations", 0, "period_end", "2024-04-31"),
        ("observations", 1, "compared_end", "2023-02-29"),
        ("sources", 0, "event_date", "2025-02-31"),
        ("observations", 0, "period_start", "2024-1-01"),
    ],
)
def test_a_date_the_calendar_lacks_is_an_error_showing_the_cell_as_written(project, table, index, field, cell):
    project.edit(table, index, **{field: cell})
    found = only(loading_errors(project), "schema.type")
    assert (found["file"], found["row"], found["field"], found["value"]) == (
        f"datapackage/{table}.csv",
        index + 2,
        field,
        cell,
    )


def test_a_leap_day_is_a_date(project):
    project.edit("observations", 2, period_start="2024-02-29", period_end="2024-02-29")
    found = loading_errors(project)
    assert "schema.type" not in {e["rule"] for e in found}


def test_a_rule_shows_a_date_as_a_day_not_a_timestamp(project):
    project.edit("observations", 0, period_start="2024-03-01")
    found = only(rule_findings(project, "period.shape"), "period.shape")
    assert found["value"] in ("2024-03-01", "2024-12-31")


NOT_FINITE = ["inf", "-inf", "Infinity", "1e400", "1e-400", "nan", "NaN", "0x10", "1_000"]
NUMBER_FIELDS = [(0, "value"), (5, "value_upper"), (4, "denominator")]


# Each cell in one number field, the fields taken in turn: every cell and every field is tried.
@pytest.mark.parametrize(
    ("cell", "index", "field"), [(cell, *NUMBER_FIELDS[n % len(NUMBER_FIELDS)]) for n, cell in enumerate(NOT_FINITE)]
)
def test_only_finite_numbers_are_numbers(project, cell, index, field):
    project.edit("observations", index, **{field: cell})
    found = only(loading_errors(project), "schema.type")
    assert (found["row"], found["field"], found["value"]) == (index + 2, field, cell)


def test_a_written_zero_is_a_number(project):
    project.edit("units", 1, minimum="0.0e-5")
    code, report = project.report()
    assert code == 0, report["errors"]


def test_a_units_bound_must_be_finite_too(project):
    project.edit("units", 0, minimum="-inf")
    found = only(loading_errors(project), "schema.type")
    assert (found["file"], found["field"]) == (UNITS, "minimum")


@pytest.mark.parametrize("cell", ["1e3", "99999999999999999999", "12.0", "0x10"])
def test_an_integer_is_written_in_digits_and_exact(project, cell):
    project.edit("sources", 0, bytes=cell)
    found = only(loading_errors(project), "schema.type")
    assert (found["file"], found["row"], found["field"]) == (SRC, 2, "bytes")


def test_columns_in_another_order_are_an_error_naming_the_first_misplaced(project):
    fields = project.fields("observations")
    reordered = [fields[-1], *fields[1:-1], fields[0]]
    project.write("observations", project.rows("observations"), reordered)
    found = only(rule_findings(project, "csv.column_order"), "csv.column_order")
    assert (found["file"], found["row"], found["field"]) == (OBS, 1, "note")
    result = CliRunner().invoke(cli, ["release", str(project.root), "--version", "1.0.0"])
    assert result.exit_code == 1 and "release refused" in result.output
    assert not (project.root / "releases" / "1.0.0").exists()


@pytest.mark.parametrize(
    ("change", "row"),
    [
        (lambda lines: [*lines[:4], b"", *lines[4:]], 5),  # a blank line inside
        (lambda lines: [*lines, b""], 10),  # a blank line at the end (header and eight rows before it)
        (lambda lines: [*lines[:2], b"," * 18, *lines[2:]], 3),  # a row of empty cells
    ],
)
def test_a_blank_row_is_an_error_naming_its_line(project, change, row):
    path = project.path("observations")
    lines = path.read_bytes().rstrip(b"\n").split(b"\n")
    path.write_bytes(b"\n".join(change(lines)) + b"\n")
    found = only(loading_errors(project), "csv.blank_row")
    assert (found["file"], found["row"]) == (OBS, row)


@pytest.mark.parametrize(
    ("character", "table", "field"),
    [
        ("\x00", "observations", "note"),
        ("\x1b", "sources", "publisher"),
        ("\x7f", "observations", "note"),
        ("\x08", "sources", "publisher"),
    ],
)
def test_a_control_character_in_a_cell_is_an_error(project, character, table, field):
    project.edit(table, 0, **{field: f"before{character}after"})
    found = only(loading_errors(project), "cell.control")
    assert (found["file"], found["row"], found["field"]) == (f"datapackage/{table}.csv", 2, field)
    # the cell is shown escaped, so that the report itself holds no control character
    assert found["value"] == f"before{character}after".encode("unicode_escape").decode("ascii")


@pytest.mark.parametrize("cell", ["-2+3+cmd|' /C calc'!A0", "+1+1", "=1+1", "@SUM(A1)", "\tfoo", "-x"])
def test_a_text_cell_a_spreadsheet_would_run_is_an_error(project, cell):
    project.edit("observations", 0, note=cell)
    found = only(loading_errors(project), "cell.formula")
    assert (found["row"], found["field"], found["value"]) == (2, "note", cell)


@pytest.mark.parametrize("cell", ["-15", "+2.5%", "-1,5"])
def test_a_plain_signed_number_in_a_text_cell_is_data(project, cell):
    project.edit("observations", 0, note=cell)
    code, report = project.report()
    assert code == 0, report["errors"]


def test_a_negative_number_in_a_number_column_is_data(project):
    project.edit("units", 1, minimum="-5")
    code, report = project.report()
    assert code == 0, report["errors"]


def test_a_very_long_cell_is_read(project):
    project.edit("observations", 0, note="x" * (3 << 20))  # longer than Arrow's 1 MiB block
    code, report = project.report()
    assert code == 0, report["errors"]


def empty_table(project, table: str) -> None:
    project.write(table, [])


@pytest.mark.parametrize("command", [["validate"], ["series", "--project"], ["report", "--out", "x", "--project"]])
@pytest.mark.parametrize("table", ["observations", "sources"])
def test_a_header_only_table_gives_findings_not_a_traceback(project, command, table):
    empty_table(project, table)
    result = CliRunner().invoke(cli, [*command, str(project.root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_a_project_with_no_rows_is_valid_and_has_an_empty_series(project):
    for table in ("sources", "units", "indicators", "observations", "exclusions", "conflicts"):
        empty_table(project, table)
    code, report = project.report()
    assert code == 0, report["errors"]
    result = CliRunner().invoke(cli, ["series", "--project", str(project.root), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1  # the header alone
    out = project.root.parent / "out"
    released = CliRunner().invoke(
        cli, ["release", str(project.root), "--version", "0.1.0", "--out", str(out)], env={"SOURCE_DATE_EPOCH": "0"}
    )
    assert released.exit_code == 0, released.output
    assert CliRunner().invoke(cli, ["verify", str(out / "0.1.0")]).exit_code == 0


def edit_schema(project, table: str, change) -> None:
    path = project.root / "schemas" / f"{table}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema), encoding="utf-8")


def field_of(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


SCHEMA_BREAKS = {
    "a field that is not an object": (lambda s: s["fields"].__setitem__(1, "oops"), "field 2"),
    "an invalid pattern": (
        lambda s: field_of(s, "observation_id")["constraints"].__setitem__("pattern", "([a-z"),
        "not a regular expression",
    ),
    "a foreign key with no reference": (lambda s: s["foreignKeys"][0].pop("reference"), "foreign key 1"),
    "a foreign key to no table": (lambda s: s["foreignKeys"][0]["reference"].__setitem__("resource", "nope"), "nope"),
    "a type publish does not read": (lambda s: field_of(s, "value").__setitem__("type", "decimal"), "decimal"),
    "value retyped to string": (lambda s: field_of(s, "value").__setitem__("type", "string"), "'value'"),
    "value no longer required": (lambda s: field_of(s, "value")["constraints"].pop("required"), "required"),
    "a field removed that publish reads": (lambda s: s["fields"].remove(field_of(s, "qualifier")), "'qualifier'"),
    "the qualifier enum dropped": (lambda s: field_of(s, "qualifier")["constraints"].pop("enum"), "'qualifier'"),
    "a qualifier publish cannot read": (
        lambda s: field_of(s, "qualifier")["constraints"]["enum"].append("roughly"),
        "roughly",
    ),
    "a minimum of the wrong type": (
        lambda s: field_of(s, "value")["constraints"].__setitem__("minimum", "zero"),
        "minimum",
    ),
    "a primary key naming no field": (lambda s: s.__setitem__("primaryKey", ["nope"]), "primary key"),
    "a field defined twice": (lambda s: s["fields"].append(dict(field_of(s, "note"))), "twice"),
    "fields that are not a list": (lambda s: s.__setitem__("fields", {"a": 1}), "list of fields"),
}


@pytest.mark.parametrize("case", list(SCHEMA_BREAKS))
@pytest.mark.parametrize("command", [["validate"], ["series", "--project"], ["todo", "--project"]])
def test_a_malformed_schema_is_one_clear_error_naming_its_file(project, case, command):
    change, words = SCHEMA_BREAKS[case]
    edit_schema(project, "observations", change)
    result = CliRunner().invoke(cli, [*command, str(project.root)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: schemas/observations.schema.json") or (
        "schemas/observations.schema.json" in result.output
    ), result.output
    assert words in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.pop("name"), "package name"),
        (lambda d: d.__setitem__("name", "../PWNED"), "../PWNED"),
        (lambda d: d.__setitem__("name", "a/b"), "a/b"),
        (lambda d: d["resources"][0].__setitem__("name", "../x"), "../x"),
        (lambda d: d["resources"].append(dict(d["resources"][0])), "two resources"),
        (lambda d: d["resources"][0].__setitem__("path", "../outside.csv"), "inside the project"),
        (lambda d: d["resources"][0].__setitem__("schema", "/etc/passwd"), "inside the project"),
    ],
)
def test_a_hostile_descriptor_is_one_clear_error(project, change, words):
    path = project.root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(project.root)])
    assert result.exit_code == 1, result.output
    assert "datapackage.json" in result.output and words in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_changed_archived_text_is_named(project):
    path = project.seed("a.txt")
    path.write_bytes(path.read_bytes().replace(b"Pada", b"PADA"))
    found = only(rule_findings(project, "source.sha256"), "source.sha256")
    assert "seeds/a.txt" in found["message"]
    text = CliRunner().invoke(cli, ["validate", str(project.root)]).output
    assert "seeds/a.txt" in text


def test_uncovered_numbers_are_reported_on_their_lines(project):
    lines = [f"Angka {n} tercatat." for n in range(101, 161)]
    project.rewrite_seed("b.txt", project.seed("b.txt").read_text(encoding="utf-8") + "\n".join(lines) + "\n")
    uncovered = rule_findings(project, "coverage.uncovered")
    first_new_line = project.seed("b.txt").read_text(encoding="utf-8").count("\n") - len(lines) + 1
    assert [(e["file"], e["row"], e["value"]) for e in uncovered] == [
        ("seeds/b.txt", first_new_line + i, str(101 + i)) for i in range(len(lines))
    ]


def test_line_numbers_count_the_line_ends_before_each_offset():
    rng = np.random.default_rng(7)
    text = "".join(rng.choice(["a", "é", "\n", "ч", " "], size=5000))
    offsets = np.sort(rng.integers(0, len(text), size=300))
    assert line_numbers(text, offsets).tolist() == [text.count("\n", 0, int(at)) + 1 for at in offsets]


@pytest.mark.parametrize(
    ("index", "cells", "field"),
    [
        (5, dict(value="10", value_upper=""), "value"),  # "9-10%": 10 is the range's upper end, not a value
        (5, dict(value="10", value_upper="9"), "value"),  # the ends swapped
        (4, dict(value="193", denominator="71"), "value"),  # "ke-71 dari 193" read backwards: 193 is the whole
        (4, dict(value="71.4"), "value"),  # within half a unit of "71", but not what the text says
        (0, dict(value="25400000000"), "value"),  # "25 miliar" is 25 billion, not 25.4 billion
        (7, dict(value="65250001"), "value"),  # "65,25 millions" exactly
    ],
)
def test_a_quote_states_its_numbers_as_written_and_in_their_roles(project, index, cells, field):
    project.edit("observations", index, **cells)
    found = findings_of(project.root, *(rule for rule in RULES if rule.startswith("quote.states")))
    assert [(f.row, f.field) for f in found][:1] == [(index + 2, field)], found


@pytest.mark.parametrize("cell", ["71\u00a0", " 71", "71 ", "\u200971", "71\u2028", "71\u3000"])
def test_a_number_cell_holds_the_number_and_nothing_around_it(project, cell):
    project.edit("observations", 4, value=cell)
    found = only(loading_errors(project), "schema.type")
    assert (found["row"], found["field"]) == (6, "value")


@pytest.mark.parametrize("cell", ["0000-01-01", "0000-12-31"])
def test_there_is_no_year_0(project, cell):
    project.edit("sources", 0, event_date=cell)
    found = only(loading_errors(project), "schema.type")
    assert (found["file"], found["field"], found["value"]) == (SRC, "event_date", cell)


@pytest.mark.parametrize("character", ["\x85", "\x9b", "\u202e", "\u202d", "\u2066", "\u2028", "\u2029"])
def test_c1_controls_separators_and_bidirectional_overrides_are_control_characters(project, character):
    project.edit("observations", 0, note=f"Rank {character}17{character} here")
    found = only(loading_errors(project), "cell.control")
    assert (found["row"], found["field"]) == (2, "note")
    assert f"U+{ord(character):04X}" in found["message"]


def test_a_row_that_is_neither_utf8_nor_of_the_right_width_raises_nothing_unseen(project, monkeypatch):
    import sys

    unraised = []
    monkeypatch.setattr(sys, "unraisablehook", unraised.append)
    path = project.path("units")
    path.write_bytes(path.read_bytes() + b"caf\xe9\n")
    found = only(loading_errors(project), "file.encoding")
    assert found["file"] == UNITS
    assert not unraised, [u.exc_value for u in unraised]


@pytest.mark.parametrize(
    ("index", "cells", "bad"),
    [
        (1, dict(value="-20"), True),  # "meningkat sekitar 20%": a rise
        (1, dict(value="20"), False),
    ],
)
def test_a_changes_sign_follows_its_quotes_words(project, index, cells, bad):
    project.edit("observations", index, **cells)
    assert [e["rule"] for e in rule_findings(project, "quote.states_sign")] == (["quote.states_sign"] if bad else [])


def test_a_rank_that_rises_has_a_smaller_number(project):
    # "naik ke peringkat ke-71" rises: as a change of the rank, that is a fall of its number.
    text = project.seed("a.txt").read_text(encoding="utf-8") + "Peringkat naik 15 peringkat dibandingkan tahun 2022.\n"
    project.rewrite_seed("a.txt", text)
    change = dict(
        kind="change", change_type="absolute_difference", compared_start="2022-01-01", compared_end="2022-12-31"
    )
    row = {**project.rows("observations")[4], "observation_id": "a-id-07", "quote": "naik 15 peringkat", **change}
    project.append("observations", **{**row, "value": "15", "denominator": ""})
    project.append(
        "exclusions",
        exclusion_id="a-id-x03",
        source_id="a-id",
        quote="tahun 2022.",
        number="2022",
        category="year",
        reason="compared year",
    )
    found = rule_findings(project, "quote.states_sign")
    assert [(e["row"], e["value"]) for e in found] == [(10, "15")]
    project.edit("observations", 8, value="-15")
    code, report = project.report()
    assert code == 0, report["errors"]


def test_a_short_table_checked_a_column_at_a_time_finds_what_one_whole_check_finds(project, monkeypatch):
    from test_indicator_rule import with_words

    from publish.checks import schema
    from publish.project import curation_table
    from publish.tables import read_and_type

    with_words(project)
    words = project.root / "curation" / "indicator_words.csv"
    lines = words.read_text(encoding="utf-8").splitlines(keepends=True)
    words.write_text("".join([*lines, lines[1]]), encoding="utf-8")  # a key of three fields, twice
    project.edit("observations", 0, kind="guess")
    project.edit("observations", 1, observation_id=project.rows("observations")[0]["observation_id"])
    project.edit("sources", 0, sha256="xyz", language="")
    opened = open_project(project.root)
    tables = [*opened.tables.values(), curation_table(opened, "indicator_words")]
    typed = [(read_and_type(opened, table)[1], table) for table in tables]

    def constraint_findings() -> list[dict]:
        found = [f.as_dict() for frame, table in typed for f in schema.check_constraints(frame, table, [])]
        return sorted(found, key=lambda f: (f["file"], f["row"], f["field"], f["rule"]))

    by_column = constraint_findings()
    assert {(f["file"], f["rule"]) for f in by_column} >= {
        ("curation/indicator_words.csv", "schema.unique"),
        ("datapackage/observations.csv", "schema.unique"),
        ("datapackage/observations.csv", "schema.enum"),
        ("datapackage/sources.csv", "schema.pattern"),
        ("datapackage/sources.csv", "schema.required"),
    }
    monkeypatch.setattr(schema, "REMEMBERED_ROWS", -1)  # no table is short now: each is checked whole
    assert constraint_findings() == by_column


def test_a_column_remembered_clean_is_checked_again_once_it_changes(project):
    for kind, found in (("guess", 1), ("actual", 0), ("guess", 1)):
        project.edit("observations", 0, kind=kind)
        assert len(findings_of(project.root, "schema.enum")) == found
