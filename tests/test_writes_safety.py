"""Where publish reads and writes: only regular files are read (a FIFO or a device would hang
or never end), and a page is never written over the project's data or a published release."""

from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner
from conftest import release

from publish.cli import cli


def report(project, out) -> object:
    return CliRunner().invoke(cli, ["report", "--project", str(project.root), "--out", str(out)])


@pytest.mark.parametrize(
    "place",
    [
        "seeds/a.txt",
        "seeds/page.html",
        "datapackage/observations.csv",
        "datapackage/page.html",
        "schemas/page.html",
        "datapackage.json",
        "releases/page.html",
    ],
)
def test_the_page_is_never_written_over_the_projects_data(project, place):
    (project.root / "releases").mkdir(exist_ok=True)
    target = project.root / place
    before = target.read_bytes() if target.exists() else None
    result = report(project, target)
    assert result.exit_code == 1, result.output
    assert "Error: --out" in result.output
    assert (target.read_bytes() if target.exists() else None) == before


def test_the_page_is_never_written_into_a_published_release(project, tmp_path):
    assert release(project, "--version", "1.0.0", "--out", str(tmp_path / "out")).exit_code == 0
    page = tmp_path / "out" / "1.0.0" / "index.html"
    before = page.read_bytes()
    result = report(project, page)
    assert result.exit_code == 1 and "published release" in result.output, result.output
    assert page.read_bytes() == before


def test_the_page_may_not_reach_the_data_through_a_link(project, tmp_path):
    link = tmp_path / "page.html"
    link.symlink_to(project.seed("a.txt"))
    before = project.seed("a.txt").read_bytes()
    result = report(project, link)
    assert result.exit_code == 1, result.output
    assert project.seed("a.txt").read_bytes() == before


def test_the_page_is_written_beside_the_project(project, tmp_path):
    result = report(project, tmp_path / "report.html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_table_that_is_not_a_regular_file_is_a_finding_not_a_hang(project, kind):
    path = project.path("conflicts")
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    code, found = project.report()
    assert code == 1
    assert [(e["rule"], e["file"]) for e in found["errors"]][:1] == [("file.missing", "datapackage/conflicts.csv")]


def test_a_schema_that_is_a_fifo_is_one_clear_error(project):
    path = project.root / "schemas" / "units.schema.json"
    path.unlink()
    os.mkfifo(path)
    result = project.validate()
    assert result.exit_code == 1 and "units.schema.json" in result.output and "regular file" in result.output


def add_source(project, file, *extra: str):
    args = ["add-source", str(file), "--project", str(project.root), "--url", "https://example.org/news/1"]
    return CliRunner().invoke(cli, [*args, "--publisher", "Outlet", "--language", "uk", *extra])


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_add_source_reads_only_a_regular_file(project, tmp_path, kind):
    if kind == "fifo":
        os.mkfifo(tmp_path / "article.txt")
        file = tmp_path / "article.txt"
    else:
        file = "/dev/zero"
    listed = sorted(p.name for p in (project.root / "seeds").iterdir())
    result = add_source(project, file)
    assert result.exit_code == 1 and "not a regular file" in result.output, result.output
    assert sorted(p.name for p in (project.root / "seeds").iterdir()) == listed


def test_add_source_archives_under_a_lower_case_extension(project, tmp_path):
    file = tmp_path / "Article.TXT"
    file.write_text("Частка доступу становить 17,25%.\n", encoding="utf-8")
    result = add_source(project, file)
    assert result.exit_code == 0, result.output
    archived = {p.name for p in (project.root / "seeds").iterdir()} - {"a.txt", "b.txt"}
    assert len(archived) == 1 and re.fullmatch(r"[0-9]{3}_[0-9a-f]{16}\.txt", archived.pop())


@pytest.mark.parametrize(("option", "value"), [("--language", "UK"), ("--language", "uk-")])
def test_add_source_refuses_what_the_sources_schema_refuses(project, tmp_path, option, value):
    file = tmp_path / "article.txt"
    file.write_text("Частка доступу становить 17,25%.\n", encoding="utf-8")
    before = project.path("sources").read_bytes()
    args = ["add-source", str(file), "--project", str(project.root), "--url", "https://example.org/news/1"]
    result = CliRunner().invoke(cli, [*args, "--publisher", "Outlet", option, value])
    assert result.exit_code == 1, result.output
    assert project.path("sources").read_bytes() == before
