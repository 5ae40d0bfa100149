"""What a check reports: one finding per offending cell, row or file."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any, TypeVar

from publish.errors import PublishError
from publish.rules import RULES

if TYPE_CHECKING:
    import pandas as pd

Check = TypeVar("Check")

# What reading a table reports before any check runs (publish.tables): its file, its CSV, its cells
# and its Table Schema.
LOADING_RULES = tuple(rule for rule in RULES if rule.partition(".")[0] in ("file", "csv", "cell", "schema"))


def reports(*rules: str):
    """Declare the rules a check reports, as `check.rules`: publish.validate runs every check, and
    `findings_of` only those that report the rules asked about. An id publish.rules lacks is refused
    as the module loads."""
    unknown = sorted(set(rules) - set(RULES))
    if unknown:
        raise ValueError(f"unknown rule id(s): {', '.join(unknown)}")

    def declared(check: Check) -> Check:
        check.rules = rules  # type: ignore[attr-defined]
        return check

    return declared


@dataclass(frozen=True)
class Finding:
    """One error: where it is (file, row as a person counts it, field), what
    was found there, the rule it breaks and what that rule expected; `id` is
    the row's key (its observation_id, exclusion_id, …) where its table has one."""

    file: str
    rule: str
    message: str
    row: int | None = None
    field: str | None = None
    value: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule id {self.rule!r}")

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.row or 0, self.field or "", self.rule, self.value or "")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def csv_row(index: Any) -> int:
    """The row a person sees in a CSV for a frame's 0-based index: the header is row 1."""
    return int(index) + 2


def text_of(value: Any) -> str | None:
    """A cell's value as the report shows it (None for a missing cell)."""
    if value is None:
        return None
    import pandas as pd

    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):  # every date cell is a day: show it as written
        return value.strftime("%Y-%m-%d")
    return str(value)


def findings_from(
    frame: pd.DataFrame,
    *,
    file: str,
    rule: str,
    field: str | None,
    message: str,
    where: pd.Series | None = None,
    extra: dict[str, pd.Series] | None = None,
) -> list[Finding]:
    """Findings for the rows of `frame` (a table's rows, indexed as read) that `where` marks, or all.

    The row a person sees in the CSV is the frame index + 2: the header is row 1.
    `message` says what the rule expected ("a value of unit {unit}"); it may
    name columns of `frame`, or of `extra` (Series aligned with it), in braces,
    filled in per failing row.
    """
    if where is not None:
        if not where.any():  # the usual case: selecting no rows of a big table is not free
            return []
        frame = frame.loc[where]
    if frame.empty:
        return []
    if extra:
        frame = frame.assign(**{name: values.loc[frame.index] for name, values in extra.items()})
    records = frame.to_dict("records") if "{" in message else [{}] * len(frame)
    values = frame[field] if field is not None and field in frame else [None] * len(frame)
    return [
        Finding(
            file=file,
            row=csv_row(index),
            field=field,
            value=text_of(value),
            rule=rule,
            message="expected " + (message.format(**{k: text_of(v) for k, v in record.items()}) if record else message),
        )
        for index, value, record in zip(frame.index, values, records, strict=True)
    ]


def findings_lines(findings: list[Finding]) -> list[str]:
    """The findings as `publish validate` prints them: by file, each with its row, field, value and rule."""
    lines: list[str] = []
    for file, group in groupby(sorted(findings, key=Finding.sort_key), key=lambda f: f.file):
        lines.append(file)
        for f in group:
            row = f"row {f.row}" + (f" ({f.id})" if f.id else "") if f.row is not None else ""
            where = ", ".join(part for part in (row, f"field {f.field}" if f.field else "") if part) or "file"
            value = f" {f.value!r}" if f.value is not None else ""
            lines.append(f"  {where}:{value} [{f.rule}] {f.message}")
        lines.append("")
    return lines


def with_ids(findings: list[Finding], keys: dict[str, pd.Series]) -> list[Finding]:
    """The findings, each on a row of a file in `keys` (a table's path -> its key column, in the order of
    its rows) carrying that row's key as its `id`."""
    from dataclasses import replace

    named = []
    for f in findings:
        column = keys.get(f.file)
        at = None if f.row is None or column is None else f.row - 2
        if at is not None and f.id is None and 0 <= at < len(column):
            key = text_of(column.iloc[at])
            if key:
                f = replace(f, id=key)
        named.append(f)
    return named


class DataRefused(PublishError):
    """A command refuses data that `publish validate` refuses; it carries the findings, which the
    command line prints as validate prints them, above this one-line message."""

    def __init__(self, findings: list[Finding], refused: str):
        self.findings = findings
        files = len({f.file for f in findings})
        super().__init__(
            f"{refused}: {len(findings)} validation error(s) in {files} file(s), listed above as `publish validate` "
            "lists them; fix them first"
        )
