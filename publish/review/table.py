"""A table as written: its header and each row's cells, with the text each row was read from, so that
a decision about one row rewrites that row and leaves every other byte of the file as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from publish.errors import PublishError
from publish.project import Project, Table


@dataclass
class Row:
    cells: dict[str, str]
    text: str | None  # as read from the file; None for a row changed or added since


@dataclass
class Written:
    """One table of the project as its file holds it."""

    name: str
    path: str  # relative to the project, as findings name it
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    changed: bool = False

    @property
    def key(self) -> str:
        return self.header[0]

    def ids(self) -> list[str]:
        return [row.cells.get(self.key, "") for row in self.rows]

    def find(self, key: str) -> int | None:
        """The 0-based index of the row whose first field (its id) is `key`."""
        return next((i for i, row in enumerate(self.rows) if row.cells.get(self.key) == key), None)

    def csv_row(self, key: str) -> int | None:
        """The row a spreadsheet shows the row `key` on (the header is row 1)."""
        index = self.find(key)
        return None if index is None else index + 2

    def get(self, key: str) -> dict[str, str]:
        index = self.find(key)
        if index is None:
            raise PublishError(f"{self.path}: no row {key!r}")
        return dict(self.rows[index].cells)

    def put(self, key: str, cells: dict[str, str]) -> None:
        """Replace the row `key` by `cells` (which may carry another id)."""
        index = self.find(key)
        if index is None:
            raise PublishError(f"{self.path}: no row {key!r}")
        self.rows[index] = Row({name: cells.get(name, "") for name in self.header}, None)
        self.changed = True

    def add(self, cells: dict[str, str]) -> None:
        self.rows.append(Row({name: cells.get(name, "") for name in self.header}, None))
        self.changed = True

    def delete(self, key: str) -> None:
        index = self.find(key)
        if index is None:
            raise PublishError(f"{self.path}: no row {key!r}")
        del self.rows[index]
        self.changed = True

    def replace_value(self, column: str, old: str, new: str) -> None:
        """Every cell of `column` that is `old` becomes `new`."""
        for row in self.rows:
            if row.cells.get(column) == old:
                row.cells = {**row.cells, column: new}
                row.text = None
                self.changed = True

    def data(self) -> bytes:
        """The file's new bytes: each row as it was read unless it changed; a changed row as the csv
        module writes it, with LF line ends, as the project's tables are written."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header)
        for row in self.rows:
            if row.text is not None:
                out.write(row.text)
            else:
                writer.writerow([row.cells.get(name, "") for name in self.header])
        return out.getvalue().encode("utf-8")


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their LF: the only line end the tables may have."""
    parts = text.split("\n")
    for part in parts[:-1]:
        yield part + "\n"
    if parts[-1]:
        yield parts[-1]


def read_written(project: Project, table_of: Table) -> Written:
    """The table as its file holds it; one PublishError if it cannot be read as CSV."""
    name, relative = table_of.name, table_of.path
    path = project.root / relative
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PublishError(f"{relative}: cannot be read ({error}); run publish validate") from None
    lines = list(_lines(text))
    reader = csv.reader(iter(lines), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise PublishError(f"{relative}: has no header; run publish validate") from None
    except csv.Error as error:
        raise PublishError(f"{relative}: row 1 is not CSV ({error}); run publish validate") from None
    table = Written(name, relative, header)
    used = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise PublishError(
                f"{relative}: row {len(table.rows) + 2} is not CSV ({error}); run publish validate"
            ) from None
        raw = "".join(lines[used : reader.line_num])
        used = reader.line_num
        if len(cells) != len(header):
            raise PublishError(
                f"{relative}: row {len(table.rows) + 2} has {len(cells)} fields, the header {len(header)}; "
                "run publish validate"
            )
        table.rows.append(Row(dict(zip(header, cells, strict=True)), raw if raw.endswith("\n") else raw + "\n"))
    return table


def read_tables(project: Project, names: tuple[str, ...]) -> dict[str, Written]:
    """The tables `names` as written: the descriptor's, and the curators' tables (curation/NAME.csv)
    where the project keeps them."""
    from publish.project import curation_table

    tables = {}
    for name in names:
        table = project.tables.get(name) or curation_table(project, name)
        if table is not None:
            tables[name] = read_written(project, table)
    return tables


def file_of(project: Project, table: Written) -> Path:
    return project.root / table.path
