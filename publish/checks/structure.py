"""Read a table's bytes into a frame of strings, reporting what makes a file
unreadable or unsafe: a missing or empty file, bytes that are not UTF-8, a
byte-order mark, CRLF line ends, ragged rows, missing or extra columns, and
text cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io

import pandas as pd

from publish.findings import Finding, findings_from
from publish.project import Project, Table

FORMULA_START = r"[=+@]"


def read_table(project: Project, table: Table) -> tuple[pd.DataFrame | None, list[Finding]]:
    """The table as strings (missing cells as nulls), or None when it cannot be read."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    where = table.path
    path = project.root / table.path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Finding(where, "file.missing", f"the descriptor lists {where}, which does not exist")]
    except IsADirectoryError:
        return None, [Finding(where, "file.missing", f"{where} is a folder, not a CSV file")]
    if not raw.strip():
        return None, [Finding(where, "file.empty", "the file is empty; a table needs at least its header row", row=1)]

    findings: list[Finding] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding(where, "file.bom", "remove the byte-order mark (save as UTF-8 without BOM)", row=1))
        raw = raw[3:]
    if b"\r" in raw:
        row = raw[: raw.index(b"\r")].count(b"\n") + 1
        findings.append(
            Finding(where, "file.line_endings", "lines must end with LF; this one ends with CR or CRLF", row=row)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        findings.append(
            Finding(
                where,
                "file.encoding",
                f"byte {raw[error.start]:#04x} is not UTF-8; save the file as UTF-8",
                row=row,
                value=raw[max(0, error.start - 20) : error.start + 5].decode("utf-8", "replace"),
            )
        )
        return None, findings

    header = next(csv.reader(io.StringIO(text.splitlines()[0])))
    expected = table.field_names
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    repeated = sorted({name for name in header if header.count(name) > 1})
    for name in missing:
        findings.append(
            Finding(where, "csv.missing_column", f"the schema requires a column {name!r}", row=1, field=name)
        )
    for name in extra + repeated:
        findings.append(
            Finding(where, "csv.extra_column", "not a field of the schema, or repeated; remove it", row=1, field=name)
        )
    if missing or extra or repeated:
        return None, findings

    ragged: list[Finding] = []

    def on_invalid_row(row: pacsv.InvalidRow) -> str:
        ragged.append(
            Finding(
                where,
                "csv.malformed",
                f"expected {row.expected_columns} fields, found {row.actual_columns}",
                row=row.number,
                value=row.text[:80],
            )
        )
        return "skip"

    try:
        arrow = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid_row),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as error:
        return None, [*findings, Finding(where, "csv.malformed", f"cannot parse: {error}".splitlines()[0])]
    if ragged:
        return None, findings + ragged
    frame = arrow.to_pandas()[expected]
    findings += formula_cells(frame, table)
    return frame, findings


def formula_cells(frame: pd.DataFrame, table: Table) -> list[Finding]:
    findings: list[Finding] = []
    for field in table.fields:
        if field.get("type", "string") != "string":
            continue
        column = frame[field["name"]]
        risky = frame.loc[column.str.match(FORMULA_START, na=False)]
        findings += findings_from(
            risky,
            file=table.path,
            rule="cell.formula",
            field=field["name"],
            message="a text cell may not start with =, + or @ (a spreadsheet would run it)",
        )
    return findings
