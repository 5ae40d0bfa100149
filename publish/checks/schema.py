"""Column constraints, read from each table's Table Schema.

Types are converted here, column-wide, with one finding per cell that does
not convert; the other constraints (required, unique, enum, pattern, length,
minimum, maximum, primary and foreign keys) become a pandera schema built
from the Table Schema, so the schema file stays their one source of truth.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from publish.findings import Finding, csv_row, findings_from, text_of
from publish.kernels import REMEMBERED_ROWS, named_nowhere
from publish.project import Project, Table, as_list

TYPE_MESSAGES = {
    "number": "a finite number written with '.' as decimal point, no grouping and nothing around it",
    "integer": "a whole number written in at most 15 digits",
    "date": "a calendar date written YYYY-MM-DD",
    "boolean": "one of {values}",
}


@dataclass(frozen=True)
class Constraint:
    rule: str
    message: str


def convert(frame: pd.DataFrame, table: Table) -> tuple[pd.DataFrame, list[Finding]]:
    """The table with each field in its Table Schema type; cells that do not convert become null."""
    typed = frame.copy()
    findings: list[Finding] = []
    for field in table.fields:
        name, kind = field["name"], field.get("type", "string")
        column = frame[name]
        if kind in ("number", "integer"):
            converted = _numbers(column, NUMBER if kind == "number" else INTEGER)
            bad = column.notna() & converted.isna()
            if kind == "integer":
                converted = converted.astype("Int64")
            message = TYPE_MESSAGES[kind]
        elif kind == "date":
            converted = _dates(column)
            bad = column.notna() & converted.isna()
            message = TYPE_MESSAGES[kind]
        elif kind == "boolean":
            true_values = field.get("trueValues", ["true", "True", "TRUE", "1"])
            false_values = field.get("falseValues", ["false", "False", "FALSE", "0"])
            mapping = {**{v: True for v in true_values}, **{v: False for v in false_values}}
            converted = column.map(mapping).astype("boolean")
            bad = column.notna() & converted.isna()
            message = TYPE_MESSAGES[kind].format(values=", ".join(true_values + false_values))
        else:
            continue
        findings += findings_from(frame, where=bad, file=table.path, rule="schema.type", field=name, message=message)
        typed[name] = converted.where(~bad) if kind != "integer" else converted
    return typed, findings


# What a number or integer cell may hold: plain decimal notation, no grouping, no "inf" or "nan".
# Nothing around the number: a release copies the CSV as it is, and a reader's CSV parser would
# take "71\u00a0" for text.
NUMBER = r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"
INTEGER = r"^[-+]?[0-9]{1,15}$"  # 15 digits: every such integer is exact as a float
NONZERO = r"^[-+]?[0-9.]*[1-9]"  # a digit other than 0 before any exponent
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _numbers(column: pd.Series, written: str = NUMBER) -> pd.Series:
    """Text to float by Arrow; a cell not written as a finite number is NaN, for the findings.
    Only finite numbers are numbers: "1e400" overflows to infinity, which no quote can state,
    and "1e-400" underflows to a zero the cell does not say. Arrow's cast reads the decimal
    notation of NUMBER and the words inf and nan, so a number column is matched against the
    pattern only when some cell does not cast."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(column, type=pa.large_string())
    numbers = None
    if written is NUMBER:  # not for integers: Arrow casts "1e3" to a float
        try:
            numbers = pc.cast(text, pa.float64())
        except pa.ArrowInvalid:
            pass
    if numbers is None:
        numbers = pc.cast(pc.if_else(pc.match_substring_regex(text, written), text, None), pa.float64())
    values = numbers.to_numpy(zero_copy_only=False)
    values = np.where(np.isfinite(values), values, np.nan)
    if (values == 0).any():
        lost = pc.match_substring_regex(text, NONZERO).fill_null(False).to_numpy(zero_copy_only=False)
        values = np.where((values == 0) & lost, np.nan, values)
    return pd.Series(values, index=column.index, dtype="float64")


def _dates(column: pd.Series) -> pd.Series:
    """Text written YYYY-MM-DD to dates, by Arrow; any other text is null, and so is a day the
    calendar lacks. Arrow's cast to a date is that strict but fails the whole column on one bad
    cell; its `strptime`, which reads cell by cell, rolls 2025-02-30 over to 2025-03-02, so on that
    path the parsed day must be the day written."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(column, type=pa.large_string())
    try:
        dates = pc.cast(text, pa.date32())
    except pa.ArrowInvalid:
        written = pc.match_substring_regex(text, DATE).fill_null(False)
        text = pc.if_else(written, text, None)
        parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
        day_written = pc.cast(pc.utf8_slice_codeunits(text, 8, 10), pa.int64())
        dates = pc.if_else(pc.equal(pc.day(parsed), day_written), pc.cast(parsed, pa.date32()), None)
    dates = pc.if_else(pc.greater_equal(pc.year(dates), 1), dates, None)  # the calendar has no year 0
    values = pc.cast(dates, pa.timestamp("us")).to_numpy(zero_copy_only=False)  # nulls become NaT
    return pd.Series(values, index=column.index, dtype="datetime64[us]")


def pandera_api():
    """pandera's pandas API. Where hypothesis is installed (the tests install it) and not yet
    imported, pandera imports it as it registers its checks, only to synthesise data, which
    checking never does: a tenth of a second of every `publish validate`. It is imported here as
    if hypothesis were absent, which changes nothing pandera checks."""
    if "hypothesis" not in sys.modules and "pandera.strategies.base_strategies" not in sys.modules:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]  # `import hypothesis` now fails
        try:
            import pandera.pandas
            import pandera.strategies.pandas_strategies  # noqa: F401  (what registering the checks imports)
        finally:
            del sys.modules["hypothesis"]
    import pandera.pandas

    return pandera.pandas


@lru_cache(maxsize=64)
def _pandera_schema(table_schema: str) -> tuple[object, dict[str, list[Constraint]]]:
    """The pandera schema of a Table Schema (given as its JSON) and the constraint each of a field's
    checks reports, built once per schema and run: pandera copies every column as it builds one."""
    pa = pandera_api()

    schema = json.loads(table_schema)
    columns, registry = {}, {}
    primary_key = as_list(schema.get("primaryKey") or [])
    for field in schema.get("fields", []):
        name = field["name"]
        c = field.get("constraints", {})
        pairs = constraints_of(field)
        nullable = not c.get("required", False) and not (primary_key == [name])
        unique = bool(c.get("unique")) or primary_key == [name]
        if not pairs and nullable and not unique:
            continue  # a column no constraint holds: pandera would check nothing, at a cost per column
        registry[name] = [constraint for _, constraint in pairs]
        columns[name] = pa.Column(checks=[check for check, _ in pairs], nullable=nullable, unique=unique)
    return pa.DataFrameSchema(columns, unique=primary_key if len(primary_key) > 1 else None), registry


def constraints_of(field: dict) -> list[tuple[object, Constraint]]:
    """pandera checks for one field's constraints, each with the rule it reports."""
    pa = pandera_api()

    c = field.get("constraints", {})
    checks: list[tuple[object, Constraint]] = []
    if "enum" in c:
        allowed = c["enum"]
        checks.append((pa.Check.isin(allowed), Constraint("schema.enum", "one of: " + ", ".join(map(str, allowed)))))
    if "pattern" in c and field.get("type", "string") == "string":
        checks.append(
            (pa.Check.str_matches(rf"(?:{c['pattern']})\Z"), Constraint("schema.pattern", f"matches {c['pattern']}"))
        )
    if "minLength" in c or "maxLength" in c:
        low, high = c.get("minLength"), c.get("maxLength")
        checks.append(
            (
                pa.Check.str_length(low, high),
                Constraint("schema.length", f"length between {low or 0} and {high or 'any'}"),
            )
        )
    if "minimum" in c:
        checks.append(
            (pa.Check.ge(_bound(field, c["minimum"])), Constraint("schema.range", f"at least {c['minimum']}"))
        )
    if "maximum" in c:
        checks.append((pa.Check.le(_bound(field, c["maximum"])), Constraint("schema.range", f"at most {c['maximum']}")))
    return checks


def _bound(field: dict, bound: object) -> object:
    return pd.Timestamp(bound) if field.get("type") == "date" else bound


def check_constraints(typed: pd.DataFrame, table: Table, already: list[Finding]) -> list[Finding]:
    """Run the schema's constraints as lazy pandera validations and report every failure."""
    primary_key = as_list(table.schema.get("primaryKey") or [])
    table_schema = json.dumps(table.schema, sort_keys=True)
    _, registry = _pandera_schema(table_schema)
    cases = failure_cases(table_schema, typed)
    if not cases:
        return []
    unconvertible = {(f.row, f.field) for f in already if f.rule == "schema.type"}
    findings = []
    for case in (case for frame in cases for case in frame.itertuples(index=False)):
        if case.index is None or pd.isna(case.index):
            continue
        row, field = csv_row(case.index), case.column
        if case.check == "not_nullable":
            if (row, field) in unconvertible:
                continue
            constraint = Constraint("schema.required", "a value (this field is required)")
        elif case.check in ("field_uniqueness", "multiple_fields_uniqueness"):
            constraint = Constraint("schema.unique", "a value no other row has")
            field = field if isinstance(field, str) else ",".join(primary_key)
        else:
            constraint = registry[field][int(case.check_number)]
        value = typed.at[case.index, field] if field in typed else case.failure_case
        findings.append(
            Finding(
                table.path,
                constraint.rule,
                f"expected {constraint.message}",
                row=row,
                field=field,
                value=text_of(value),
            )
        )
    return findings


def failure_cases(table_schema: str, typed: pd.DataFrame) -> list[pd.DataFrame]:
    """pandera's failure cases of a Table Schema's constraints (given as its JSON) on the typed table, as
    frames of cases; none where every constraint holds. A table of a few hundred rows is checked a
    column at a time, and each column's cases are remembered for its values: a review validates after
    each decision, and most columns of a curator's tables have not changed since the last validation."""
    schema, _ = _pandera_schema(table_schema)
    if len(typed) > REMEMBERED_ROWS:
        return _failures(schema, typed)
    parts = [_column_failures(table_schema, name, _Column(typed, [name])) for name in schema.columns]
    if schema.unique:
        parts.append(_column_failures(table_schema, None, _Column(typed, list(schema.unique))))
    return [cases for part in parts for cases in part]


def _failures(schema, typed: pd.DataFrame) -> list[pd.DataFrame]:
    pa = pandera_api()
    try:
        # Nothing is coerced here, so pandera's copy of every column (0.2 s at a million rows) buys nothing.
        schema.validate(typed, lazy=True, inplace=True)
        return []
    except pa.errors.SchemaErrors as errors:
        return [errors.failure_cases]


class _Column:
    """Columns of a typed table, known by their values: what their remembered failure cases are looked
    up by. The table itself is held only until the cases are found."""

    def __init__(self, typed: pd.DataFrame, names: list[str]):
        self.key = tuple(_values(typed[name]) for name in names)
        self.frame: pd.DataFrame | None = typed

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Column) and self.key == other.key


def _values(column: pd.Series) -> tuple:
    """A column's type and values, each missing value as None (NaN is not equal to itself)."""
    values = column.tolist()
    if column.hasnans:
        values = [None if gone else value for value, gone in zip(values, column.isna().tolist(), strict=True)]
    return (str(column.dtype), tuple(column.index), *values)


@lru_cache(maxsize=4096)
def _column_failures(table_schema: str, name: str | None, columns: _Column) -> list[pd.DataFrame]:
    """The failure cases of one field's constraints (`name`), or of the table's multi-field key (None)."""
    cases, columns.frame = _failures(_part_schema(table_schema, name), columns.frame), None
    return cases


@lru_cache(maxsize=256)
def _part_schema(table_schema: str, name: str | None) -> object:
    """The pandera schema of one field of a Table Schema, or of its multi-field key alone (None)."""
    pa = pandera_api()
    schema, _ = _pandera_schema(table_schema)
    if name:
        return pa.DataFrameSchema({name: schema.columns[name]})
    return pa.DataFrameSchema({}, unique=schema.unique)


def check_foreign_keys(
    project: Project, typed: dict[str, pd.DataFrame], tables: list[Table] | None = None
) -> list[Finding]:
    """Every reference names a row of the referenced table (both must be readable); `tables` for
    others than the descriptor's (the curation tables)."""
    findings: list[Finding] = []
    for table in tables if tables is not None else project.tables.values():
        name = table.name
        for key in table.schema.get("foreignKeys", []):
            reference = key["reference"]
            parent = reference.get("resource") or name
            if name not in typed or parent not in typed:
                continue
            for child_field, parent_field in zip(as_list(key["fields"]), as_list(reference["fields"]), strict=True):
                bad = named_nowhere(typed[name][child_field], typed[parent][parent_field])
                if not bad.any():
                    continue
                orphans = typed[name].loc[bad]
                findings += findings_from(
                    orphans,
                    file=table.path,
                    rule="schema.foreign_key",
                    field=child_field,
                    message=f"a {parent_field} of {project.tables[parent].path}",
                )
    return findings
