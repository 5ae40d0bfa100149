"""The Save step of `publish draft`: the drafted rows into the project's tables, or into a folder of
their own (--out).

Into the project, one draft at a time: `draft_into` holds the project's lock (publish.writes.changing)
from reading the tables to replacing them, so two drafts at once draft each number once, not twice.
The tables are replaced together (publish.writes.replace_together): every new file is written first,
then they replace the tables in the order proposed indicators, exclusions, observations, so that a
draft killed between two of them leaves no observation naming an indicator that is not there yet;
the next draft (or add-source) completes the change, or removes what a draft killed earlier left.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from publish import writes
from publish.draft import Drafts, draft
from publish.errors import PublishError
from publish.project import Project, open_project, refuse_data_target
from publish.writes import replace_together, write_file

# The order the tables are replaced in: a table before those whose rows name its rows.
ORDER = ("indicators", "exclusions", "observations")
# The one temporary name earlier versions of publish wrote each table to (".observations.csv.draft").
LEGACY_TEMPORARY = ".{name}.draft"


def draft_into(root: Path | str, source_id: str, out: Path | None = None) -> tuple[Drafts, list[Path], list[str]]:
    """Draft SOURCE_ID and save the rows: (the drafts, the files written, what was done about an
    interrupted draft found first)."""
    if out is not None:
        drafts = draft(root, source_id)
        return drafts, save_to_folder(open_project(root), drafts, Path(out)), []
    project = open_project(root)
    with project_changing(project) as recovered:
        drafts = draft(root, source_id)
        return drafts, save_into_project(project, drafts), recovered


def save_drafts(root: Path | str, drafts: Drafts, out: Path | None = None) -> list[Path]:
    """Write rows drafted before: into `out` as tables of their own, or appended to the project's
    tables (holding the project's lock, as `draft_into` does)."""
    project = open_project(root)
    if out is not None:
        return save_to_folder(project, drafts, Path(out))
    with project_changing(project):
        return save_into_project(project, drafts)


@contextmanager
def project_changing(project: Project) -> Iterator[list[str]]:
    """The project locked for a change of its tables, after an interrupted one is finished or cleaned
    up; yields what was done about it."""
    tables = [project.root / table.path for table in project.tables.values()]
    with writes.project_changing(project) as recovered:
        yield recovered + [done for table in tables if (done := finish_legacy_draft(project, table))]


def finish_legacy_draft(project: Project, table: Path) -> str | None:
    """What earlier versions of publish left when killed between replacing two tables: a table's new
    bytes as `.NAME.draft`. A draft only appends, so if they start with the table's bytes they are the
    table with its drafted rows and replace it; otherwise they are stale and removed. A link there is
    removed, never followed."""
    left = table.with_name(LEGACY_TEMPORARY.format(name=table.name))
    shown = os.path.relpath(left, project.root)
    if left.is_symlink() or not left.is_file():
        if left.is_symlink():
            left.unlink()
            return f"removed the link {shown}"
        return None
    if not table.is_symlink() and left.read_bytes().startswith(table.read_bytes()):
        write_file(table, left.read_bytes(), within=project.root)
        left.unlink()
        return f"completed {os.path.relpath(table, project.root)} from {shown}, left by an interrupted draft"
    left.unlink()
    return f"removed {shown}, a stale draft of a table changed since"


def save_into_project(project: Project, drafts: Drafts) -> list[Path]:
    """The drafted rows appended to the project's tables, all replaced together."""
    frames = {"observations": drafts.observations, "exclusions": drafts.exclusions, "indicators": drafts.indicators}
    files = []
    for name in ORDER:
        if frames[name].empty:
            continue
        target = project.root / project.tables[name].path
        existing = target.read_bytes()
        header = next(csv.reader(io.StringIO(existing.decode("utf-8"))), [])
        if header != list(frames[name].columns):
            raise PublishError(f"{project.tables[name].path}: its columns are not those of its schema; fix it first")
        separator = b"" if existing.endswith(b"\n") or not existing else b"\n"
        files.append((target, existing + separator + csv_text(frames[name], header, header=False).encode("utf-8")))
    if not files:
        return []
    try:
        return replace_together(files, within=project.root)
    except PublishError as error:
        raise PublishError(f"cannot write the drafts into the project: {error}") from None


def save_to_folder(project: Project, drafts: Drafts, out: Path) -> list[Path]:
    """The drafted rows as tables of their own in `out` (observations.csv, exclusions.csv and, if
    any, indicators.csv), with the project's columns."""
    refuse_data_target(project, out, "--out")
    if out.exists() and not out.is_dir():
        raise PublishError(f"--out {out} is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(f"--out {out}: cannot write the drafts ({error.strerror or error})") from None
    frames = {"observations": drafts.observations, "exclusions": drafts.exclusions, "indicators": drafts.indicators}
    written = []
    for name, frame in frames.items():
        if name == "indicators" and frame.empty:
            continue
        target = out / f"{name}.csv"
        if target.is_dir():
            raise PublishError(f"--out {out}: {target.name} there is a folder; not written")
        written.append(write_file(target, csv_text(frame, list(frame.columns), header=True), within=out))
    return written


def csv_text(frame: pd.DataFrame, columns: list[str], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in frame[columns].itertuples(index=False):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()
