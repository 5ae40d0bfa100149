"""The project's tables read once, each typed by its Table Schema: the first step of every
command that works on the data. Reading reports what makes a file unreadable or unsafe
(checks.structure); typing reports each cell that is not of its field's type and each
broken constraint and key (checks.schema)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from publish.checks.schema import check_constraints, check_foreign_keys, convert
from publish.checks.structure import table_bytes, table_of
from publish.findings import DataRefused, Finding
from publish.kernels import remembered
from publish.project import Project, Table, curation_table

if TYPE_CHECKING:
    import pandas as pd


def load_table(project: Project, name: str, table: Table | None = None) -> tuple[pd.DataFrame | None, list[Finding]]:
    """One table typed by its schema (None when unreadable), and what its structure and schema checks found;
    `table` for one the descriptor does not list (the curation tables)."""
    _, typed, found = read_and_type(project, table or project.tables[name])
    return typed, found


def read_and_type(project: Project, table: Table) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[Finding]]:
    """The table as written (strings) and as typed by its schema (both None when unreadable), and what
    its structure and schema checks found."""
    raw, missing = table_bytes(project, table)
    if raw is None:
        return None, None, [missing]
    return _remembered(raw, table)


def _own_copies(answer: tuple) -> tuple:
    frame, typed, found = answer
    return (None if frame is None else frame.copy()), (None if typed is None else typed.copy()), list(found)


# A table file this small is read, typed and checked once per process for the same bytes and schema
# (a Table is equal to another only with the same schema): most tables have not changed since the
# last validation.
REMEMBERED_BYTES = 1 << 18


@remembered(size=lambda raw, table: len(raw), limit=REMEMBERED_BYTES, own=_own_copies)
def _remembered(raw: bytes, table: Table) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[Finding]]:
    return _typed(raw, table)


def _typed(raw: bytes, table: Table) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[Finding]]:
    frame, found = table_of(raw, table)
    if frame is None:
        return None, None, found
    typed, unconvertible = convert(frame, table)
    return frame, typed, found + unconvertible + check_constraints(typed, table, unconvertible)


def load_tables(
    project: Project, loaded: Callable[[str, pd.DataFrame], None] | None = None
) -> tuple[dict[str, pd.DataFrame], list[Finding]]:
    """Every readable table, typed by its schema, and what its structure and schema checks found.
    `loaded(name, table)` is called as each table is ready, so work on it can start early."""
    _, typed, found = read_every_table(project, loaded)
    return typed, found


def read_every_table(
    project: Project, loaded: Callable[[str, pd.DataFrame], None] | None = None, as_written: bool = False
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], list[Finding]]:
    """Every readable table as typed (and, if asked, as written: its text is otherwise let go as soon
    as it is typed), and what the structure, schema and key checks found."""
    written: dict[str, pd.DataFrame] = {}
    tables: dict[str, pd.DataFrame] = {}
    found: list[Finding] = []
    for name, table in project.tables.items():
        strings, typed, findings = read_and_type(project, table)
        found += findings
        if typed is not None:
            tables[name] = typed
            if as_written:
                written[name] = strings
            if loaded is not None:
                loaded(name, typed)
    return written, tables, found + check_foreign_keys(project, tables)


def tables_as_written(project: Project, refused: str) -> dict[str, pd.DataFrame]:
    """Every table's cells as written, an empty cell as "", for a command that compares text (diff): it
    is `refused` with validate's own findings if a table cannot be read, breaks its schema or a key."""
    written, tables, found = read_every_table(project, as_written=True)
    if found:
        raise DataRefused(with_row_ids(project, tables, found), refused)
    return {name: frame.fillna("") for name, frame in written.items()}


def readable_tables(project: Project, refused: str) -> dict[str, pd.DataFrame]:
    """Every table, typed by its schema, for a command that reads the data to work on it (todo, draft):
    it is `refused` with validate's own findings if a table cannot be read, breaks its schema or a key."""
    tables, findings = load_tables(project)
    if findings:
        raise DataRefused(with_row_ids(project, tables, findings), refused)
    return tables


def with_row_ids(project: Project, tables: dict[str, pd.DataFrame], findings: list[Finding]) -> list[Finding]:
    """The findings, each on a row of a table with a one-field primary key naming that row's key (`id`)."""
    from publish.findings import with_ids
    from publish.project import as_list

    keys = {}
    for name, table in project.tables.items():
        key = as_list(table.schema.get("primaryKey", []))
        if name in tables and len(key) == 1 and key[0] in tables[name]:
            keys[table.path] = tables[name][key[0]]
    return with_ids(findings, keys)


def load_indicator_words(
    project: Project, tables: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame | None, list[Finding]]:
    """The curators' table of each indicator's words (curation/indicator_words.csv), typed by its
    Table Schema, with what its structure, schema and key checks found; (None, []) where the
    project keeps none. It is no part of a release, so it is read apart from the descriptor's."""
    table = curation_table(project, "indicator_words")
    if table is None:
        return None, []
    frame, found = load_table(project, table.name, table)
    if frame is None:
        return None, found
    return frame, found + check_foreign_keys(project, {**tables, table.name: frame}, [table])
