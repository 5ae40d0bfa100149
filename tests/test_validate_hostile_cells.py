"""Every cell of every table fed hostile values: whatever the value, `publish`
either accepts it as data (and then releases and shows it without harm) or
refuses with a finding naming the file, row and field; never a traceback, and
never a file written outside the folders it was given."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TABLES, write_tiny_project

from publish.cli import cli

HOSTILE = [
    "2025-02-30",
    "2025-04-31",
    "inf",
    "-inf",
    "nan",
    "1e400",
    "1e-400",
    "before\x00after",
    "-2+3+cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "\tfoo",
    "<script>alert(document.domain)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../../PWNED",
    "/etc/passwd",
    "x" * 200_000,
    "None",
    "",
]
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
FIELDS = [
    (table, field["name"])
    for table in ("sources", *TABLES)
    for field in json.loads((SCHEMAS / f"{table}.schema.json").read_text(encoding="utf-8"))["fields"]
]
# Each field meets one hostile value and every value meets three or more fields of different
# tables and types: the pairs rotate, so a run stays short and still tries every value.
CASES = [(table, field, HOSTILE[n % len(HOSTILE)]) for n, (table, field) in enumerate(FIELDS)]
# A plain `pytest` tries each hostile value once, at a field of another table each time (the case of
# value v at rotation v % 4); `pytest --slow` tries every field.
QUICK = {v + len(HOSTILE) * (v % 4) if v + len(HOSTILE) * (v % 4) < len(CASES) else v for v in range(len(HOSTILE))}
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def tree(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def clean(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [pytest.param(*case, marks=() if n in QUICK else pytest.mark.slow) for n, case in enumerate(CASES)],
    ids=[f"{t}.{f}-{n}" for n, (t, f, _) in enumerate(CASES)],
)
def test_a_hostile_cell_is_refused_by_name_or_handled_as_data(tmp_path, monkeypatch, table, field, value):
    project = write_tiny_project(tmp_path / "project")
    project.edit(table, 0, **{field: value})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    before = tree(project.root)
    runner = CliRunner()

    checked = runner.invoke(cli, ["validate", str(project.root), "--format", "json"])
    clean(checked)
    report = json.loads(checked.output)
    if not report["valid"]:
        assert checked.exit_code == 1
        # Every error names its file; the cell itself, or the rows that now break because of it
        # (a reference, a quote), are named by row and field.
        assert all(e["file"] for e in report["errors"]), report["errors"]
        assert any(e["row"] is not None and (e["field"] or e["rule"].startswith("csv")) for e in report["errors"])

    out = tmp_path / "out"
    released = runner.invoke(cli, ["release", str(project.root), "--version", "1.0.0", "--out", str(out)], env=EPOCH)
    clean(released)
    assert released.exit_code == (0 if report["valid"] else 1), released.output
    if report["valid"]:
        html = (out / "1.0.0" / "index.html").read_text(encoding="utf-8")
        # The page's one script is its JSON-LD, which no cell can end: "<" is escaped inside it.
        assert html.count("<script") == 1 and '<script type="application/ld+json">' in html
        assert "<script>" not in html and "<img" not in html
        assert runner.invoke(cli, ["verify", str(out / "1.0.0")]).exit_code == 0
    else:
        assert not out.exists() or not any(out.iterdir())

    assert tree(project.root) == before  # a build into --out leaves the working tree alone
    assert not any(elsewhere.iterdir())  # nothing was written where the command ran
    assert sorted(os.listdir(tmp_path)) == sorted(["project", "elsewhere", *(["out"] if out.exists() else [])])
