"""The project's tables read once, each typed by its Table Schema: the first step of every
command that works on the data. Reading reports what makes a file unreadable or unsafe
(checks.structure); typing reports each cell that is not of its field's type and each
broken constraint and key (checks.schema)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from publish.checks.schema import check_constraints, check_foreign_keys, convert
from publish.checks.structure import read_table
from publish.findings import Finding
from publish.project import Project, Table, curation_table

if TYPE_CHECKING:
    import pandas as pd


def load_table(project: Project, name: str, table: Table | None = None) -> tuple[pd.DataFrame | None, list[Finding]]:
    """One table typed by its schema (None when unreadable), and what its structure and schema checks found;
    `table` for one the descriptor does not list (the curation tables)."""
    table = table or project.tables[name]
    frame, found = read_table(project, table)
    if frame is None:
        return None, found
    typed, unconvertible = convert(frame, table)
    return typed, found + unconvertible + check_constraints(typed, table, unconvertible)


def load_tables(
    project: Project, loaded: Callable[[str, pd.DataFrame], None] | None = None
) -> tuple[dict[str, pd.DataFrame], list[Finding]]:
    """Every readable table, typed by its schema, and what its structure and schema checks found.
    `loaded(name, table)` is called as each table is ready, so work on it can start early."""
    tables: dict[str, pd.DataFrame] = {}
    found: list[Finding] = []
    for name in project.tables:
        typed, findings = load_table(project, name)
        found += findings
        if typed is not None:
            tables[name] = typed
            if loaded is not None:
                loaded(name, typed)
    return tables, found + check_foreign_keys(project, tables)


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
