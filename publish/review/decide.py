"""Decisions about drafted rows: accept (with the reviewer's edits, another indicator, or turned from an
observation into an exclusion or back) and reject. Each is checked and written the same way:

1. Under the project's lock (publish.writes.project_changing, which first completes or removes what an
   interrupted change left), the tables are read as written and the decision is applied to them in
   memory: only the rows it concerns change.
2. `publish validate` runs in-process on the project as it would be, in a scratch copy (the archive is
   linked, not copied), and only the findings about the decided rows are kept: a row that would break
   its schema, its provenance or any other rule is not accepted, and the findings say why. What the
   agreement check says of it (a conflict with another source) is told, not refused: the conflict is
   acknowledged in the conflicts table, not by changing the row.
3. The changed tables are replaced together (publish.writes.replace_together, proposed indicators
   before the rows that name them), with Ctrl-C held back until they are: a process killed at any
   moment leaves the old tables or the new, and the next command completes a change it interrupted.

Accepting deletes the draft mark from the row's note (an exclusion's reason), and from a proposed
indicator's title and definition when the reviewer gives it a proper id.
"""

from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from publish.errors import PublishError
from publish.findings import Finding
from publish.project import DESCRIPTOR, SCHEMAS, SEEDS, Project, open_project
from publish.review.drafts import Draft, drafts_in, is_proposed, note_field, without_mark
from publish.review.table import Written, file_of, read_tables
from publish.rules import DRAFT_FIELDS
from publish.writes import project_changing, replace_together

# The tables a decision may change, in the order they are replaced: a table before those whose rows
# name its rows. indicator_words is the curators' table of each indicator's words (curation/).
ORDER = ("indicators", "indicator_words", "exclusions", "observations", "conflicts")
CURATION = "curation"
INDICATOR_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
# Findings a decision is told of but not refused for.
TOLD_ONLY = ("agreement.",)


class Stale(PublishError):
    """The row changed (or went) since it was shown: another command or hand wrote the table."""


@dataclass
class Pending:
    """A drafted row as the reviewer has it: its cells, edited; the table it goes to (the other one
    after a conversion); an indicator row to write with it (a new one, or a proposed one renamed)."""

    draft: Draft
    table: str
    cells: dict[str, str]
    indicator: dict[str, str] | None = None
    renames: str | None = None  # the proposed indicator `indicator` replaces
    phrases: list[tuple[str, str, str]] = field(default_factory=list)  # indicator_words rows to add
    edited: set[str] = field(default_factory=set)  # the fields the reviewer changed
    added: bool = False  # a row from elsewhere (publish draft --out), not in the project's tables yet

    @classmethod
    def of(cls, draft: Draft) -> Pending:
        return cls(draft, draft.table, dict(draft.cells))

    @property
    def converted(self) -> bool:
        return self.table != self.draft.table


@dataclass
class Outcome:
    """What became of a decision: written or not, the row as it is now named, and why not."""

    written: bool
    table: str
    id: str
    refused: list[str] = field(default_factory=list)  # why the row was not accepted
    told: list[str] = field(default_factory=list)  # what validate will say of it, which a curator settles elsewhere


def load(project: Project) -> dict[str, Written]:
    """The tables a decision may change, and the sources, as written."""
    return read_tables(project, (*ORDER, "sources"))


def next_id(tables: dict[str, Written], table: str, source_id: str) -> str:
    """The next free id of a source's rows in `table`: SOURCE-NN, an exclusion SOURCE-xNN."""
    infix = "-x" if table == "exclusions" else "-"
    pattern = re.compile(re.escape(source_id) + re.escape(infix) + "([0-9]+)")
    used = [int(m.group(1)) for i in tables[table].ids() if (m := pattern.fullmatch(i))]
    return f"{source_id}{infix}{max(used, default=0) + 1:02d}"


def current(tables: dict[str, Written], draft: Draft) -> dict[str, str]:
    """The draft's row as the table holds it now; Stale if it changed since it was read."""
    index = tables[draft.table].find(draft.id)
    if index is None or tables[draft.table].rows[index].cells != draft.cells:
        said = "is gone" if index is None else "was changed"
        raise Stale(f"{draft.id} {said} since it was shown (another command or editor wrote {draft.table})")
    return tables[draft.table].rows[index].cells


def orphaned_proposals(tables: dict[str, Written]) -> None:
    """Delete each proposed, unreviewed indicator no observation names any more."""
    named = {row.cells.get("indicator_id") for row in tables["observations"].rows}
    for row in list(tables["indicators"].rows):
        if is_proposed(row.cells) and row.cells["indicator_id"] not in named:
            tables["indicators"].delete(row.cells["indicator_id"])


def apply_accept(tables: dict[str, Written], pending: Pending) -> tuple[str, str, list[str]]:
    """Apply an acceptance to `tables` in memory: (the table, the row's id, why it cannot be accepted
    before any check runs: an indicator still only proposed)."""
    if not pending.added:
        current(tables, pending.draft)
    cells = dict(pending.cells)
    column = note_field(pending.table)
    cells[column] = without_mark(cells.get(column, ""))
    problems: list[str] = []
    if pending.indicator is not None:
        indicator = {k: without_mark(v) if k in DRAFT_FIELDS["indicators"] else v for k, v in pending.indicator.items()}
        new_id = indicator["indicator_id"]
        if pending.renames is not None and tables["indicators"].find(pending.renames) is not None:
            tables["indicators"].put(pending.renames, indicator)
            for name in ("observations", "conflicts", "indicator_words"):  # every row naming it names the new id
                if name in tables:
                    tables[name].replace_value("indicator_id", pending.renames, new_id)
        elif tables["indicators"].find(new_id) is None:
            tables["indicators"].add(indicator)
        cells["indicator_id"] = new_id
    if "indicator_words" in tables:  # the words the reviewer says name the indicator in this text
        words = tables["indicator_words"]
        had = {tuple(row.cells.get(c) for c in ("indicator_id", "language", "phrase")) for row in words.rows}
        for said in dict.fromkeys(pending.phrases):
            if said not in had:
                words.add(dict(zip(("indicator_id", "language", "phrase"), said, strict=True)))
    if pending.table == "observations":
        named = cells.get("indicator_id", "")
        where = tables["indicators"].find(named)
        if where is not None and is_proposed(tables["indicators"].rows[where].cells):
            problems.append(
                f"its indicator {named} is only proposed: choose an indicator (key i) or give this one a proper "
                f"id, title and definition"
            )
    key = tables[pending.table].key
    if pending.added:
        tables[pending.table].add(cells)
    elif pending.converted:
        tables[pending.draft.table].delete(pending.draft.id)
        cells[key] = next_id(tables, pending.table, cells.get("source_id", pending.draft.source_id))
        tables[pending.table].add(cells)
    else:
        cells[key] = pending.draft.id
        tables[pending.table].put(pending.draft.id, cells)
    orphaned_proposals(tables)
    return pending.table, cells[key], problems


def apply_reject(tables: dict[str, Written], draft: Draft) -> None:
    current(tables, draft)
    tables[draft.table].delete(draft.id)
    orphaned_proposals(tables)


# --- Checking a decision: validate on the project as it would be ----------------------------------


def findings_if_written(project: Project, tables: dict[str, Written]) -> list[Finding]:
    """Every finding `publish validate` would report if the changed `tables` were written: validate
    run on a scratch copy of the project (descriptor, schemas, curators' tables and the tables, the
    changed ones as they would be; the archive linked, not copied)."""
    from publish.validate import validate

    with tempfile.TemporaryDirectory(prefix="publish-review-") as scratch:
        root = Path(scratch)
        shutil.copyfile(project.root / DESCRIPTOR, root / DESCRIPTOR)
        for folder in (SCHEMAS, CURATION):
            if (project.root / folder).is_dir():
                shutil.copytree(project.root / folder, root / folder, symlinks=True)
        for table in tables.values():  # the curators' tables as they would be
            if table.changed and table.name not in project.tables:
                (root / table.path).write_bytes(table.data())
        for name, table in project.tables.items():
            target = root / table.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if table.schema_file != DESCRIPTOR and not (root / table.schema_file).exists():
                (root / table.schema_file).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(project.root / table.schema_file, root / table.schema_file)
            if name in tables and tables[name].changed:
                target.write_bytes(tables[name].data())
            elif (project.root / table.path).is_file():
                shutil.copyfile(project.root / table.path, target)
        if project.seeds.is_dir():
            os.symlink(project.seeds.resolve(), root / SEEDS, target_is_directory=True)
        return validate(root).findings


def said(finding: Finding) -> str:
    """A finding as the reviewer reads it: the field, the value, the rule and what it expected."""
    where = f"{finding.field}: " if finding.field else ""
    value = f"{finding.value!r} " if finding.value is not None else ""
    return f"{where}{value}[{finding.rule}] {finding.message}"


def about(
    findings: list[Finding], tables: dict[str, Written], rows: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    """For each (table, id) of `rows`: what validate refuses of it and what it only tells; the findings
    on its row of its table, and those on a changed table that name no row."""
    places = {(tables[t].path, tables[t].csv_row(i)): (t, i) for t, i in rows if tables[t].find(i) is not None}
    changed_files = {table.path for table in tables.values() if table.changed}
    result: dict[tuple[str, str], tuple[list[str], list[str]]] = {row: ([], []) for row in rows}
    for finding in findings:
        if finding.row is None and finding.file in changed_files:
            targets = list(rows)
        elif (finding.file, finding.row) in places:
            targets = [places[(finding.file, finding.row)]]
        else:
            continue
        for target in targets:
            refused, told = result[target]
            (told if finding.rule.startswith(TOLD_ONLY) else refused).append(said(finding))
    return result


# --- Writing -------------------------------------------------------------------------------------


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C held back while the block runs (in the main thread), raised when it is done: a table
    change is never cut short by it. A kill cannot be held back; the journal covers that."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda *args: received.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def write(project: Project, tables: dict[str, Written]) -> None:
    files = [(file_of(project, tables[n]), tables[n].data()) for n in ORDER if n in tables and tables[n].changed]
    if files:
        with uninterrupted():
            bridge = _bridge(project, tables)
            if bridge is not None:
                replace_together([bridge], within=project.root)
                # The indicators with both rows stand until every table that names them is replaced.
                files = [f for f in files if f[0] != bridge[0]] + [f for f in files if f[0] == bridge[0]]
            replace_together(files, within=project.root)


def _bridge(project: Project, tables: dict[str, Written]) -> tuple[Path, bytes] | None:
    """Where a proposed indicator is renamed or removed, the indicators holding both the old and the new
    rows, written first and replaced by the final indicators last: no order of the renames is consistent
    otherwise (observations naming the old id without its row, or the new id before its row), and a
    kill may fall between them."""
    indicators = tables.get("indicators")
    if indicators is None or not indicators.changed or len([t for t in tables.values() if t.changed]) < 2:
        return None
    before = read_tables(project, ("indicators",))["indicators"]
    gone = set(before.ids()) - set(indicators.ids())
    if not gone:
        return None
    both = Written(indicators.name, indicators.path, indicators.header, list(indicators.rows), True)
    both.rows += [row for row in before.rows if row.cells.get(before.key) in gone]
    return file_of(project, both), both.data()


# --- One decision at a time (the walk) ------------------------------------------------------------


def decide_accept(project: Project, pending: Pending) -> Outcome:
    """Accept one row as the reviewer has it, if validate finds nothing against it; written at once."""
    with project_changing(project):
        tables = load(project)
        table, key, problems = apply_accept(tables, pending)
        if problems:
            return Outcome(False, pending.draft.table, pending.draft.id, problems)
        rows = [(table, key)]
        if pending.indicator is not None:
            rows.append(("indicators", pending.indicator["indicator_id"]))
        found = about(findings_if_written(project, tables), tables, rows)
        refused = [f"{t} {i}: {m}" if (t, i) != (table, key) else m for t, i in rows for m in found[(t, i)][0]]
        told = [m for row in rows for m in found[row][1]]
        if refused:
            return Outcome(False, pending.draft.table, pending.draft.id, refused, told)
        write(project, tables)
        return Outcome(True, table, key, [], told)


def decide_reject(project: Project, draft: Draft) -> Outcome:
    """Delete one drafted row (and a proposed indicator only it named), unless another row names it."""
    with project_changing(project):
        tables = load(project)
        apply_reject(tables, draft)
        refused = [said(f) for f in findings_if_written(project, tables) if f.value == draft.id]
        if refused:
            return Outcome(False, draft.table, draft.id, refused)
        write(project, tables)
        return Outcome(True, draft.table, draft.id)


# --- Scripted review: accept and reject ------------------------------------------------------------


@dataclass
class Accepted:
    source_id: str
    accepted: list[str] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)
    told: dict[str, list[str]] = field(default_factory=dict)
    recovered: list[str] = field(default_factory=list)


def chosen(drafts: list[Draft], ids: tuple[str, ...], every: bool, source_id: str, where: str) -> list[Draft]:
    """The drafts `ids` names (or all of them with `every`), in the order of their tables."""
    if bool(ids) == every:
        raise PublishError("give the ids of the drafted rows, or --all")
    by_id = {d.id: d for d in drafts}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        listed = ", ".join(sorted(by_id)) or "none"
        raise PublishError(
            f"{', '.join(unknown)}: no unreviewed draft of {source_id} {where} (its drafts there: {listed})"
        )
    picked = drafts if every else [by_id[i] for i in dict.fromkeys(ids)]
    return sorted(picked, key=lambda d: (d.table != "observations", d.row))


def accept(
    root: Path | str, source_id: str, ids: tuple[str, ...] = (), every: bool = False, folder: Path | None = None
) -> Accepted:
    """Accept drafted rows of SOURCE_ID as they are: those `ids` names, or all with `every`; from the
    project's tables, or with `folder` from what `publish draft --out` wrote there. Each row validate
    finds nothing against is written (all together, at once); the others are left as they were, with
    why."""
    project = open_project(root)
    with project_changing(project) as recovered:
        tables = load(project)
        known_source(tables, source_id)
        if folder is not None:
            pending = from_folder(project, tables, Path(folder), source_id, ids, every)
        else:
            pending = [Pending.of(d) for d in chosen(drafts_in(tables, source_id), ids, every, source_id, "")]
        report = Accepted(source_id, recovered=list(recovered))
        while True:
            candidate, placed = copy.deepcopy(tables), {}
            for item in pending:
                if item.draft.id in report.refused:
                    continue
                table, key, problems = apply_accept(candidate, item)
                if problems:  # refused before any check: start again without it
                    report.refused[item.draft.id] = problems
                    break
                placed[item.draft.id] = (table, key)
            else:
                if not placed:
                    break
                extra = [("indicators", item.indicator["indicator_id"]) for item in pending if item.indicator]
                found = about(findings_if_written(project, candidate), candidate, [*placed.values(), *extra])
                newly = {draft_id: found[row][0] for draft_id, row in placed.items() if found[row][0]}
                if not newly:
                    break
                report.refused.update(newly)
        if placed:
            write(project, candidate)
            report.accepted = [key for _, key in placed.values()]
            report.told = {key: found[(table, key)][1] for table, key in placed.values() if found[(table, key)][1]}
        return report


def known_source(tables: dict[str, Written], source_id: str) -> None:
    sources = tables["sources"].ids()
    if source_id not in sources:
        raise PublishError(f"no source {source_id!r}; the sources are {', '.join(sources) or 'none'}")


def reject(root: Path | str, source_id: str, ids: tuple[str, ...]) -> list[str]:
    """Delete drafted rows of SOURCE_ID (and each proposed indicator only they named), all of them or,
    if any is unknown, reviewed already or named by another row, none."""
    if not ids:
        raise PublishError("give the ids of the drafted rows to reject")
    project = open_project(root)
    with project_changing(project):
        tables = load(project)
        known_source(tables, source_id)
        picked = chosen(drafts_in(tables, source_id), ids, False, source_id, "")
        for draft in picked:
            apply_reject(tables, draft)
        named = {d.id for d in picked}
        refused = [f"{f.file} row {f.row}: {said(f)}" for f in findings_if_written(project, tables) if f.value in named]
        if refused:
            raise PublishError("nothing rejected: other rows name them\n  " + "\n  ".join(refused))
        write(project, tables)
    return [d.id for d in picked]


# --- What `publish draft --out` wrote ---------------------------------------------------------------


def read_folder_table(path: Path, header: list[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            columns = next(reader, None)
            if columns != header:
                raise PublishError(f"{path}: its columns are not the project's ({', '.join(header)})")
            rows = []
            for cells in reader:
                if len(cells) != len(header):
                    raise PublishError(
                        f"{path}: row {reader.line_num} has {len(cells)} fields, the header {len(header)}"
                    )
                rows.append(dict(zip(header, cells, strict=True)))
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise PublishError(f"{path}: cannot be read ({error})") from None


def from_folder(
    project: Project, tables: dict[str, Written], folder: Path, source_id: str, ids: tuple[str, ...], every: bool
) -> list[Pending]:
    """The rows `publish draft --out` wrote in `folder` (edited there or not), as decisions to accept:
    added to the project's tables, with a proposed indicator the curator named properly there."""
    if not folder.is_dir():
        raise PublishError(f"--from {folder}: no such folder (write one with publish draft {source_id} --out DIR)")
    found: dict[str, list[dict[str, str]]] = {}
    for name in ("observations", "exclusions", "indicators"):
        path = folder / f"{name}.csv"
        if name != "indicators" and not path.is_file():
            raise PublishError(f"--from {folder}: no {name}.csv, which publish draft --out writes")
        found[name] = read_folder_table(path, tables[name].header) if path.is_file() else []
    indicators = {row["indicator_id"]: row for row in found["indicators"]}
    drafts = []
    for name in ("observations", "exclusions"):
        for index, cells in enumerate(found[name]):
            if cells.get("source_id") != source_id:
                continue
            key = cells[tables[name].key]
            if tables[name].find(key) is not None:
                raise PublishError(
                    f"{folder / (name + '.csv')} row {index + 2}: {key} is taken in {tables[name].path}; draft again"
                )
            drafts.append(Draft(name, key, index + 2, cells, _reading(cells, name)))
    picked = chosen(drafts, ids, every, source_id, f"in {folder}")
    pending = []
    for draft in picked:
        item = Pending(draft, draft.table, dict(draft.cells), added=True)
        named = draft.cells.get("indicator_id", "")
        if draft.table == "observations" and tables["indicators"].find(named) is None and named in indicators:
            item.indicator = indicators[named]  # a new indicator, named in the folder, comes with its rows
        pending.append(item)
    return pending


def _reading(cells: dict[str, str], table: str):
    from publish.review.drafts import read_note

    return read_note(cells.get(note_field(table), ""))
