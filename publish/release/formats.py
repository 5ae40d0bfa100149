"""The tables in the formats a release carries besides CSV: Parquet with
proper types, and one SQLite database for datasette.

In SQLite a number column is declared NUMERIC, not REAL: SQLite then stores a
whole value as an INTEGER and a fraction as a REAL, so datasette (and
`sqlite3`) show 60000000, not 60000000.0. Python's sqlite3 returns int and
float accordingly; pandas' `read_sql` makes a column of both float64.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from publish.project import Table, as_list

ARROW_TYPES = {"string": "string", "number": "float64", "integer": "int64", "date": "date32", "boolean": "bool_"}
SQLITE_TYPES = {"string": "TEXT", "number": "NUMERIC", "integer": "INTEGER", "date": "TEXT", "boolean": "INTEGER"}


def plain_columns(frame: pd.DataFrame, table: Table) -> dict[str, list]:
    """Each column as Python values: None for missing, dates as datetime.date."""
    columns = {}
    for field in table.fields:
        series = frame[field["name"]]
        if field.get("type") == "date":
            values = [None if pd.isna(v) else v.date() for v in series]
        else:
            values = [None if pd.isna(v) else v for v in series.astype(object)]
        columns[field["name"]] = values
    return columns


def csv_text(frame: pd.DataFrame, table: Table) -> str:
    """A derived table as CSV in the curated tables' style: UTF-8, LF, empty for missing,
    whole numbers without a decimal point, dates as YYYY-MM-DD, booleans as the field's first
    trueValues and falseValues (see `boolean_words`)."""
    import csv
    import io

    columns = plain_columns(frame, table)
    fields = {f["name"]: f for f in table.fields}

    def text(value: object, field: dict) -> str:
        kind = field.get("type", "string")
        if value is None:
            return ""
        if kind == "boolean":
            return boolean_words(field)[0 if value else 1]
        if kind in ("number", "integer"):
            number = float(value)
            return str(int(number)) if number.is_integer() else repr(number)
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    handle = io.StringIO()
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*[[text(v, fields[name]) for v in values] for name, values in columns.items()], strict=True))
    return handle.getvalue()


def boolean_words(field: dict) -> tuple[str, str]:
    """How a boolean field's true and false are written: its schema's first trueValues and falseValues,
    TRUE and FALSE by default, the spelling R's read.csv reads as logical (it keeps "true" as text;
    pandas, DuckDB and frictionless read TRUE and FALSE as booleans too)."""
    return (field.get("trueValues") or ["TRUE"])[0], (field.get("falseValues") or ["FALSE"])[0]


def write_csv(frame: pd.DataFrame, table: Table, path: Path) -> None:
    path.write_text(csv_text(frame, table), encoding="utf-8", newline="")


def write_csv_mapped(source: Path, path: Path, column: str, mapping: dict[str, str]) -> None:
    """Copy the CSV at `source` to `path` with the cells of `column` replaced by `mapping`; every
    other cell as it was (the quoting may differ: only what the writer needs)."""
    import csv

    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index(column)
    for row in rows[1:]:
        row[at] = mapping[row[at]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def arrow_schema(table: Table):
    """The table's Arrow schema: each field's type, nullable unless required, its description as metadata."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field(
                f["name"],
                getattr(pa, ARROW_TYPES[f.get("type", "string")])(),
                nullable=not f.get("constraints", {}).get("required", False),
                metadata={"description": f.get("description", "")},
            )
            for f in table.fields
        ]
    )


def write_parquet(frame: pd.DataFrame, table: Table, path: Path) -> None:
    """The frame's columns of the table, typed by its schema (a date column becomes date32, a missing
    value null), without pandas' own metadata: the file holds the table's schema and nothing else."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    arrow = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    pq.write_table(arrow.replace_schema_metadata(schema.metadata), path, compression="zstd")


def write_sqlite(frames: dict[str, pd.DataFrame], tables: dict[str, Table], path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        # A new file in a staged release, which is renamed into place whole: no journal on disk and no
        # flush at each statement (neither changes a byte of the database).
        connection.execute("PRAGMA journal_mode = MEMORY")
        connection.execute("PRAGMA synchronous = OFF")
        for name, table in tables.items():
            primary_key = as_list(table.schema.get("primaryKey") or [])
            definitions = [
                f'"{f["name"]}" {SQLITE_TYPES[f.get("type", "string")]}'
                + (" NOT NULL" if f.get("constraints", {}).get("required") else "")
                for f in table.fields
            ]
            if primary_key:
                definitions.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in primary_key) + ")")
            for key in table.schema.get("foreignKeys", []):
                reference = key["reference"]
                definitions.append(
                    "FOREIGN KEY ("
                    + ", ".join(f'"{k}"' for k in as_list(key["fields"]))
                    + ") REFERENCES "
                    + f'"{reference["resource"] or name}" ('
                    + ", ".join(f'"{k}"' for k in as_list(reference["fields"]))
                    + ")"
                )
            connection.execute(f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(definitions) + "\n)")
        for name, table in tables.items():
            columns = plain_columns(frames[name], table)
            rows = zip(
                *[[v.isoformat() if hasattr(v, "isoformat") else v for v in values] for values in columns.values()],
                strict=True,
            )
            marks = ", ".join("?" for _ in columns)
            connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
        connection.commit()
    finally:
        connection.close()
