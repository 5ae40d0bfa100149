"""Every file publish writes goes through publish.writes: in one step, never through a link out of
its folder, and the tables a command changes together. Drafting and archiving change the tables one
command at a time, and a command killed between two tables is completed by the next."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import archived_row, release, run

import publish.writes as writes
from publish.errors import PublishError
from publish.release import changelog

PARK = "In 2024 the city planted 4,500 trees.\n"  # a year to exclude, a figure no indicator's words name


def park(project) -> str:
    """An archived English source whose draft proposes an indicator, an observation and an exclusion."""
    project.append("sources", **archived_row(project, "park", "park.txt", "en", PARK, "2025-02-06"))
    return "park"


def victim(tmp_path: Path) -> Path:
    """A file outside the project that no command may write."""
    path = tmp_path / "outside" / "victim.txt"
    path.parent.mkdir()
    path.write_text("untouched\n", encoding="utf-8")
    return path


def ids(project, table: str, key: str) -> list[str]:
    return [row[key] for row in project.rows(table)]


# 9. No command writes through a link out of its target.


def test_write_file_replaces_in_one_step_and_keeps_the_mode(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    writes.write_file(target, "new\n", within=tmp_path)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]  # no temporary file left


def test_write_file_follows_a_link_only_inside_its_folder(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "report.html").symlink_to("pages/real.html")
    writes.write_file(tmp_path / "report.html", "page", within=tmp_path)
    assert (tmp_path / "report.html").is_symlink()
    assert (tmp_path / "pages" / "real.html").read_text(encoding="utf-8") == "page"


def test_write_file_refuses_a_folder_on_the_way_that_links_out(tmp_path):
    outside = victim(tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    (project / "datapackage").symlink_to(outside.parent)
    with pytest.raises(PublishError, match="symbolic link"):
        writes.write_file(project / "datapackage" / "victim.txt", "overwritten", within=project)
    assert outside.read_text(encoding="utf-8") == "untouched\n"


def test_publish_report_never_writes_through_a_committed_link(project, tmp_path, monkeypatch):
    outside = victim(tmp_path)
    (project.root / "report.html").symlink_to(outside)
    monkeypatch.chdir(project.root)
    result = run("report", "--project", str(project.root))
    assert result.exit_code == 1, result.output
    assert "report.html" in result.output and "symbolic link" in result.output and "Traceback" not in result.output
    assert outside.read_text(encoding="utf-8") == "untouched\n"


def test_a_link_where_drafts_once_put_their_temporary_table_is_removed_not_followed(project, tmp_path):
    outside = victim(tmp_path)
    source = park(project)
    (project.root / "datapackage" / ".observations.csv.draft").symlink_to(outside)
    result = run("draft", source, "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert outside.read_text(encoding="utf-8") == "untouched\n"
    assert not os.path.lexists(project.root / "datapackage" / ".observations.csv.draft")
    assert "park-01" in ids(project, "observations", "observation_id")


def test_the_changelog_is_never_written_through_a_link_at_its_temporary_name(tmp_path):
    outside = victim(tmp_path)
    history = tmp_path / "CHANGELOG.md"
    history.write_text("# Changelog\n\n## [Unreleased]\n", encoding="utf-8")
    (tmp_path / f".CHANGELOG.md.{os.getpid()}.tmp").symlink_to(outside)  # the name it was written to before
    changelog.add_entry(history, "1.0.0", "2026-01-01", "### Added\n- Rows.")
    assert outside.read_text(encoding="utf-8") == "untouched\n"
    assert not history.is_symlink() and "## [1.0.0] - 2026-01-01" in history.read_text(encoding="utf-8")


def test_a_releases_folder_that_links_out_of_the_project_is_refused(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (project.root / "releases").symlink_to(outside)
    result = release(project, "--version", "1.0.0")
    assert result.exit_code == 1 and "symbolic link" in result.output, result.output
    assert list(outside.iterdir()) == []


def test_add_source_never_writes_through_a_table_that_links_out(project, tmp_path):
    table = project.path("sources")
    outside = tmp_path / "outside.csv"
    outside.write_bytes(table.read_bytes())
    table.unlink()
    table.symlink_to(outside)
    before = outside.read_bytes()
    article = tmp_path / "article.txt"
    article.write_text("Минулого року зареєстровано 35 нових сервісів.\n", encoding="utf-8")
    result = run(
        "add-source", str(article), "--project", str(project.root), "--url", "https://example.org/a",
        "--publisher", "Вісник", "--language", "uk",
    )  # fmt: skip
    assert result.exit_code == 1 and "symbolic link" in result.output, result.output
    assert outside.read_bytes() == before
    assert sorted(p.name for p in project.root.joinpath("seeds").iterdir()) == ["a.txt", "b.txt"]


# 11. The tables a command changes are replaced together, one command at a time.


def test_replace_together_killed_between_two_files_is_completed_by_recover(tmp_path, monkeypatch):
    first, second = tmp_path / "indicators.csv", tmp_path / "observations.csv"
    first.write_text("a\n", encoding="utf-8")
    second.write_text("b\n", encoding="utf-8")
    replace = os.replace
    calls = []

    def killed_after_the_first(source, target):
        calls.append(target)
        if len([c for c in calls if not str(c).endswith(writes.JOURNAL)]) > 1:
            raise OSError(5, "killed")
        replace(source, target)

    monkeypatch.setattr(writes.os, "replace", killed_after_the_first)
    with pytest.raises(PublishError, match="completes the change"):
        writes.replace_together([(first, b"a\nA\n"), (second, b"b\nB\n")], within=tmp_path)
    assert (first.read_text(), second.read_text()) == ("a\nA\n", "b\n")
    monkeypatch.setattr(writes.os, "replace", replace)

    done = writes.recover(tmp_path, [tmp_path])
    assert (first.read_text(), second.read_text()) == ("a\nA\n", "b\nB\n")
    assert done == ["completed observations.csv, which an interrupted write left unfinished"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["indicators.csv", "observations.csv"]


def test_recover_never_overwrites_a_file_changed_since(tmp_path, monkeypatch):
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    first.write_text("1\n", encoding="utf-8")
    second.write_text("2\n", encoding="utf-8")
    replace = os.replace
    monkeypatch.setattr(
        writes.os, "replace", lambda s, t: (_ for _ in ()).throw(OSError(5, "x")) if t == second else replace(s, t)
    )
    with pytest.raises(PublishError):
        writes.replace_together([(first, b"1\nx\n"), (second, b"2\nx\n")], within=tmp_path)
    monkeypatch.setattr(writes.os, "replace", replace)
    second.write_text("2\nedited by hand\n", encoding="utf-8")
    with pytest.raises(PublishError, match="was changed after an interrupted write"):
        writes.recover(tmp_path, [tmp_path])
    assert second.read_text(encoding="utf-8") == "2\nedited by hand\n"


def test_temporary_files_of_a_write_killed_before_its_journal_are_removed(tmp_path):
    (tmp_path / "table.csv").write_text("a\n", encoding="utf-8")
    left = tmp_path / f".table.csv.0badcafe{writes.TEMPORARY}"
    left.write_text("a\nhalf", encoding="utf-8")
    assert writes.recover(tmp_path, [tmp_path]) == [f"removed {left.name}, left by an interrupted write"]
    assert (tmp_path / "table.csv").read_text(encoding="utf-8") == "a\n" and not left.exists()


def test_a_draft_killed_between_its_tables_is_completed_by_the_next(project, monkeypatch):
    source = park(project)
    replace = os.replace
    replaced = []

    def killed_after_the_first_table(source_path, target):
        if Path(target).name.endswith(".csv"):
            replaced.append(Path(target).name)
            if len(replaced) > 1:
                raise OSError(5, "killed")
        replace(source_path, target)

    monkeypatch.setattr(writes.os, "replace", killed_after_the_first_table)
    killed = run("draft", source, "--project", str(project.root))
    assert killed.exit_code == 1 and "Traceback" not in killed.output, killed.output
    # The proposed indicator went first: no observation names a missing one, whenever the kill came.
    assert replaced == ["indicators.csv", "exclusions.csv"]
    assert ids(project, "observations", "observation_id")[-1] != "park-01"
    proposed = [i for i in ids(project, "indicators", "indicator_id") if i.startswith("new_")]
    assert len(proposed) == 1
    monkeypatch.setattr(writes.os, "replace", replace)

    again = run("draft", source, "--project", str(project.root))
    assert again.exit_code == 0, again.output
    assert "completed datapackage/exclusions.csv" in again.output
    assert "completed datapackage/observations.csv" in again.output
    observations = project.rows("observations")
    assert [o["observation_id"] for o in observations if o["source_id"] == source] == ["park-01"]
    assert [o["indicator_id"] for o in observations if o["source_id"] == source] == proposed
    assert [e["exclusion_id"] for e in project.rows("exclusions") if e["source_id"] == source] == ["park-x01"]
    assert ids(project, "indicators", "indicator_id").count(proposed[0]) == 1
    assert not [p for p in project.root.rglob(".*") if p.name != ".gitignore"]


def test_temporary_tables_an_earlier_publish_left_are_completed(project):
    """Before drafts replaced tables together, a draft killed after writing observations.csv left the
    indicators it proposed in .indicators.csv.draft: drafting again completes the table."""
    table = project.path("indicators")
    extra = "new_trees,[draft] Trees,count,digital_society,[draft] Trees planted\n"
    (table.parent / ".indicators.csv.draft").write_bytes(table.read_bytes() + extra.encode("utf-8"))
    result = run("draft", park(project), "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert "completed datapackage/indicators.csv from datapackage/.indicators.csv.draft" in result.output
    assert "new_trees" in ids(project, "indicators", "indicator_id")
    assert not (table.parent / ".indicators.csv.draft").exists()


def test_add_source_killed_between_the_text_and_its_row_is_completed_by_the_next(project, tmp_path, monkeypatch):
    replace = os.replace

    def killed_after_the_text(source_path, target):
        if Path(target).name == "sources.csv":
            raise OSError(5, "killed")
        replace(source_path, target)

    article = tmp_path / "article.txt"
    article.write_text("Минулого року зареєстровано 35 нових сервісів.\n", encoding="utf-8")
    add = ["add-source", str(article), "--project", str(project.root), "--url", "https://example.org/a"]
    add += ["--publisher", "Вісник", "--language", "uk"]
    monkeypatch.setattr(writes.os, "replace", killed_after_the_text)
    assert run(*add).exit_code == 1
    monkeypatch.setattr(writes.os, "replace", replace)

    [text] = project.root.joinpath("seeds").glob("000_*")
    assert "000_" not in project.path("sources").read_text(encoding="utf-8")  # the text, without its row

    again = run(*add)  # before: refused as archived in seeds/000_…, with no row naming it, for ever
    assert again.exit_code == 1, again.output
    assert f"already archived as seeds/{text.name} (source example-undated-uk)" in again.output
    [row] = [r for r in project.rows("sources") if r["path"] == f"seeds/{text.name}"]
    assert row["url"] == "https://example.org/a"


RACE = """
import sys
from publish.cli import cli
sys.argv = ["publish", "draft", "park", "--project", sys.argv[1]]
cli()
"""


@pytest.mark.slow
def test_two_drafts_at_once_draft_each_number_once(project):
    park(project)
    command = [sys.executable, "-c", RACE, str(project.root)]
    racers = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(racer.wait(timeout=300), *racer.communicate()) for racer in racers]
    assert [code for code, _, _ in results] == [0, 0], results
    observations = [r["observation_id"] for r in project.rows("observations") if r["source_id"] == "park"]
    exclusions = [r["exclusion_id"] for r in project.rows("exclusions") if r["source_id"] == "park"]
    proposed = [i for i in ids(project, "indicators", "indicator_id") if i.startswith("new_")]
    assert (observations, exclusions, len(proposed)) == (["park-01"], ["park-x01"], 1)
    with project.path("observations").open(encoding="utf-8", newline="") as handle:
        assert len({row["observation_id"] for row in csv.DictReader(handle)}) == len(project.rows("observations"))


@pytest.mark.parametrize("kill_after", [1, 2])
def test_a_rejection_killed_between_its_tables_leaves_no_row_naming_a_missing_indicator(
    drafted, monkeypatch, kill_after
):
    # news-03 is drafted under a proposed indicator; rejecting it removes its row and the indicator's.
    from publish.validate import validate

    replace = os.replace
    replaced = []

    def killed(source_path, target):
        if Path(target).name.endswith(".csv"):
            replaced.append(Path(target).name)
            if len(replaced) > kill_after:
                raise OSError(5, "killed")
        replace(source_path, target)

    monkeypatch.setattr(writes.os, "replace", killed)
    result = run("reject", "news", "news-03", "--project", str(drafted.root))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    monkeypatch.setattr(writes.os, "replace", replace)
    keys = [f for f in validate(drafted.root).findings if f.rule == "schema.foreign_key"]
    assert keys == [], keys
