"""Read a table's bytes into a frame of strings, reporting what makes a file
unreadable or unsafe: a missing or empty file, bytes that are not UTF-8, a
byte-order mark, CRLF line ends, ragged or blank rows, missing, extra or
misplaced columns, control characters, and text cells a spreadsheet would run
as formulas.

The columns are part of the contract in the schema's order: a release copies
the curated CSVs byte for byte, and its descriptor promises that order."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

from publish.findings import Finding, csv_row, findings_from
from publish.kernels import pandas_text
from publish.project import NotRegularFile, Project, Table, read_regular_file

# OWASP's CSV-injection list: a cell starting with one of these is run as a formula, except
# that a plain signed number ("-15", "+2.5%") is data.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_SIGNED_NUMBER = r"^[-+][0-9]+(?:[.,][0-9]+)*%?$"
# Characters no cell holds: the C0 controls but tab and line ends, DEL and the C1 controls, the
# line and paragraph separators, and the bidirectional embeddings, overrides and isolates, which
# make a text show other than it reads ("\u202e17" shows as 71).
CONTROL_RANGES = (
    (0x00, 0x08),
    (0x0B, 0x0C),
    (0x0E, 0x1F),
    (0x7F, 0x7F),
    (0x80, 0x9F),
    (0x2028, 0x202E),
    (0x2066, 0x2069),
)
LONE_CR = re.compile(rb"\r(?!\n)")
LINE_END = re.compile(rb"\r\n|\r|\n")
CONTROL_RE2 = "[" + "".join(f"\\x{{{low:x}}}-\\x{{{high:x}}}" for low, high in CONTROL_RANGES) + "]"
CONTROL = re.compile(
    "[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in CONTROL_RANGES) + "]"
)


def table_bytes(project: Project, table: Table) -> tuple[bytes | None, Finding | None]:
    """The bytes of a table's file, or None and why it cannot be read."""
    path = project.root / table.path
    try:
        return read_regular_file(path), None
    except NotRegularFile as error:
        said = str(error).removeprefix(f"{path}: ")
        where = table.path
        return None, Finding(where, "file.missing", f"the descriptor lists {where}, a CSV file; it is {said}")


def table_of(raw: bytes, table: Table) -> tuple[pd.DataFrame | None, list[Finding]]:
    """The table the bytes of its file hold, as strings (missing cells as nulls), or None when they
    cannot be read."""
    import pyarrow as pa

    where = table.path
    if not raw or raw.isspace():
        return None, [Finding(where, "file.empty", "the file is empty; a table needs at least its header row", row=1)]

    findings: list[Finding] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding(where, "file.bom", "remove the byte-order mark (save as UTF-8 without BOM)", row=1))
        raw = raw[3:]
    lone_cr = LONE_CR.search(raw) if b"\r" in raw else None
    if lone_cr is not None:
        # One reader ends a row at a lone CR and another does not: no row number after it means one thing.
        return None, [*findings, lone_carriage_return(raw, lone_cr.start(), where)]
    if b"\r" in raw:
        row = raw[: raw.index(b"\r")].count(b"\n") + 1
        findings.append(
            Finding(where, "file.line_endings", "lines must end with LF; this one ends with CR or CRLF", row=row)
        )
    newline = raw.find(b"\n")
    try:
        header_line = raw[: newline if newline >= 0 else len(raw)].decode("utf-8")
    except UnicodeDecodeError:
        return None, [*findings, not_utf8(raw, where)]

    header = next(csv.reader(io.StringIO(header_line)))
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
    misplaced = next((name for name, wanted in zip(header, expected, strict=True) if name != wanted), None)
    if misplaced is not None:
        place = header.index(misplaced)
        message = f"expected the columns in the schema's order: column {place + 1} should be {expected[place]!r}"
        findings.append(Finding(where, "csv.column_order", message, row=1, field=misplaced))

    try:
        arrow = _read_arrow(raw, header, where)
    except pa.ArrowInvalid as error:
        # The slow path, only for a file that does not read: which byte is not UTF-8, or which rows
        # are ragged (a serial read with a handler knows their numbers).
        problem = not_utf8(raw, where)
        if problem:
            return None, [*findings, problem]
        reason = str(error)
        try:
            ragged = _ragged_rows(raw, header, where)
        except pa.ArrowInvalid as again:
            reason, ragged = str(again), []
        malformed = Finding(where, "csv.malformed", f"cannot parse: {reason}".splitlines()[0])
        return None, findings + (ragged or [malformed])
    blank = blank_rows(arrow, where)
    if blank:
        return None, findings + blank
    findings += control_characters(raw, arrow, table)
    findings += formula_cells(arrow, table)
    return pd.DataFrame({name: pandas_text(arrow[name]) for name in expected}, copy=False), findings


def lone_carriage_return(raw: bytes, at: int, where: str) -> Finding:
    """The row ending in (or holding) the carriage return at byte `at`, counted as a spreadsheet does,
    which ends a row at every LF, CRLF and lone CR."""
    ends = [end.end() for end in LINE_END.finditer(raw, 0, at)]
    start = max(ends[-1] if ends else 0, at - 60)
    before = raw[start:at].decode("utf-8", "replace")
    row = len(ends) + 1
    return Finding(
        where,
        "file.line_endings",
        "a carriage return (CR) without LF: lines must end with LF and no cell holds a CR; "
        "save the file with LF line ends",
        row=row,
        value=before or None,
    )


def not_utf8(raw: bytes, where: str) -> Finding | None:
    """The first byte that is not UTF-8, as a finding; decoding the whole file is the slow path,
    taken only when the fast reader has already failed."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Finding(
            where,
            "file.encoding",
            f"byte {raw[error.start]:#04x} is not UTF-8; save the file as UTF-8",
            row=raw[: error.start].count(b"\n") + 1,
            value=raw[max(0, error.start - 20) : error.start + 5].decode("utf-8", "replace"),
        )
    return None


def _read_arrow(raw: bytes, header: list[str], where: str):
    """The table as Arrow strings, read in parallel; a cell longer than Arrow's block (1 MiB) is read
    with one block for the whole file. Raises ArrowInvalid for a file that does not read."""
    import pyarrow as pa

    try:
        return _read_csv(raw, header, use_threads=True)
    except pa.ArrowInvalid as error:
        if "straddl" not in str(error):
            raise
    return _read_csv(raw, header, use_threads=False, block_size=len(raw) + 1)


def _ragged_rows(raw: bytes, header: list[str], where: str) -> list[Finding]:
    """A finding per row with more or fewer fields than the header, from a serial read."""
    import pyarrow.csv as pacsv

    ragged: list[Finding] = []

    def on_invalid_row(row: pacsv.InvalidRow) -> str:
        message = f"expected {row.expected_columns} fields, found {row.actual_columns}"
        ragged.append(Finding(where, "csv.malformed", message, row=row.number, value=row.text[:80]))
        return "skip"

    _read_csv(raw, header, use_threads=False, block_size=len(raw) + 1, invalid_row_handler=on_invalid_row)
    return ragged


def _read_csv(raw: bytes, header: list[str], use_threads: bool, block_size: int | None = None, **parse):
    import pyarrow as pa
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        io.BytesIO(raw),
        read_options=pacsv.ReadOptions(use_threads=use_threads, **({"block_size": block_size} if block_size else {})),
        # Blank lines are read as rows of nulls, so that `blank_rows` can name them and every
        # later row keeps its number.
        parse_options=pacsv.ParseOptions(ignore_empty_lines=False, **parse),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.large_string() for name in header},  # what pandas keeps: no cast
            strings_can_be_null=True,
            null_values=[""],
            quoted_strings_can_be_null=True,
        ),
    )


def blank_rows(arrow, where: str) -> list[Finding]:
    """Rows with no value at all (a blank line, or only commas)."""
    import pyarrow.compute as pc

    empty = pc.is_null(arrow.column(0))
    if not pc.any(empty).as_py():
        return []
    for column in arrow.columns[1:]:
        empty = pc.and_(empty, pc.is_null(column))
    rows = np.flatnonzero(empty.to_numpy(zero_copy_only=False))
    return [
        Finding(where, "csv.blank_row", "expected a row with values; remove the blank line", row=csv_row(i))
        for i in rows
    ]


def holds_control_bytes(raw: bytes) -> bool:
    """Whether the bytes (UTF-8, as read) hold a CONTROL character: one RE2 pass over them, seen
    as one string without a copy, since they almost never do."""
    import pyarrow as pa
    import pyarrow.compute as pc

    offsets = pa.py_buffer(np.array([0, len(raw)], dtype=np.int64).tobytes())
    whole = pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(raw))
    return bool(pc.match_substring_regex(whole, CONTROL_RE2)[0].as_py())


def control_characters(raw: bytes, arrow, table: Table) -> list[Finding]:
    """Cells holding a control character (NUL, the C1 controls, bidirectional overrides and the like):
    looked for in the bytes at once, and cell by cell only when the file holds one."""
    import pyarrow.compute as pc

    if not holds_control_bytes(raw):
        return []
    findings: list[Finding] = []
    for name in table.field_names:
        hit = pc.match_substring_regex(arrow[name], CONTROL_RE2).fill_null(False)
        for row in np.flatnonzero(hit.to_numpy(zero_copy_only=False)):
            text = arrow[name][int(row)].as_py()
            at = CONTROL.search(text).start()
            findings.append(
                Finding(
                    table.path,
                    "cell.control",
                    f"expected text without control characters; character {at + 1} is U+{ord(text[at]):04X}",
                    row=csv_row(row),
                    field=name,
                    value=text[:80].encode("unicode_escape").decode("ascii"),
                )
            )
    return findings


def formula_cells(arrow, table: Table) -> list[Finding]:
    """Text cells a spreadsheet would run as formulas, found column-wide by Arrow."""
    import pyarrow.compute as pc

    findings: list[Finding] = []
    for field in table.fields:
        if field.get("type", "string") != "string":
            continue
        column = arrow[field["name"]]
        risky = None
        for start in FORMULA_STARTS:
            hit = pc.starts_with(column, start)
            risky = hit if risky is None else pc.or_(risky, hit)
        rows = np.flatnonzero(risky.fill_null(False).to_numpy(zero_copy_only=False))
        if len(rows):
            plain = pc.match_substring_regex(column.take(rows), PLAIN_SIGNED_NUMBER).to_numpy(zero_copy_only=False)
            rows = rows[~plain]
        if len(rows):
            findings += findings_from(
                arrow.take(rows).to_pandas().set_axis(rows),
                file=table.path,
                rule="cell.formula",
                field=field["name"],
                message="a text cell that does not start with =, +, -, @, a tab or a carriage return "
                "(a spreadsheet would run it as a formula); a plain signed number is allowed",
            )
    return findings
