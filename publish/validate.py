"""Run every check on a project and gather one report."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from publish.checks import check_agreement, check_archive, check_indicator_words
from publish.checks.agreement import Conflict
from publish.checks.consistency import check_consistency
from publish.checks.coverage import Coverage, check_coverage, coverage_by_source
from publish.checks.drafts import check_drafts
from publish.checks.indicators import check_indicators
from publish.checks.prepare import Prepared, prepare
from publish.checks.provenance import (
    check_exclusions,
    check_languages,
    check_qualifiers,
    check_quotes_in_sources,
    check_signs,
    check_stated_numbers,
    check_units,
)
from publish.findings import DataRefused, Finding, findings_lines
from publish.project import Project, open_project
from publish.rules import RULES
from publish.tables import with_row_ids

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Report:
    project: Project
    findings: list[Finding] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # the archived texts by source_id, as read
    # per observation, the precision step of the number stating its value and value_upper (the series reads it)
    steps: pd.DataFrame | None = None
    # per observation, its fact and interval, and per fact its sources and shared interval (the series reads them)
    intervals: pd.DataFrame | None = None
    facts: pd.DataFrame | None = None

    @property
    def readable(self) -> bool:
        """Whether every table could be read, so that every check ran."""
        return not self.skipped

    @property
    def valid(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.tables.items()}

    def as_dict(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "errors": [f.as_dict() for f in sorted(self.findings, key=Finding.sort_key)],
            "coverage": [c.as_dict() for c in self.coverage],
            "conflicts": [c.as_dict() for c in self.conflicts],
            "rows": self.counts(),
            "skipped": self.skipped,
        }

    def to_json(self) -> str:
        return json_text(self.as_dict())

    def to_github(self, root: str = ".") -> str:
        """Each finding as a GitHub Actions annotation on the line that has it (the CSV row as the
        line), then the text summary; `root` is the project's folder from the workspace."""
        lines = []
        for f in sorted(self.findings, key=Finding.sort_key):
            where = os.path.normpath(os.path.join(root, f.file))
            properties = [f"file={_escape(where, True)}"]
            if f.row is not None:
                properties.append(f"line={f.row}")
            properties.append(f"title={_escape(f.rule, True)}")
            said = ", ".join(
                part for part in (f"field {f.field}" if f.field else "", repr(f.value) if f.value else "") if part
            )
            message = f"{said}: {f.message}" if said else f.message
            lines.append(f"::error {','.join(properties)}::{_escape(message, False)}")
        return "\n".join([*lines, self.to_text().splitlines()[-1]])

    def to_text(self) -> str:
        lines = findings_lines(self.findings)
        for reason in self.skipped:
            lines += [f"Skipped: {reason}", ""]
        if self.coverage:
            lines.append("Coverage of the numbers in each source")
            lines.append(
                f"  {'source':<22}{'numbers':>8}{'observations':>14}{'exclusions':>12}{'uncovered':>11}{'covered':>9}"
            )
            for c in self.coverage:
                lines.append(
                    f"  {c.source_id:<22}{c.numbers:>8}{c.by_observations:>14}{c.by_exclusions:>12}"
                    f"{c.uncovered:>11}{c.percent:>8.1f}%"
                )
            lines.append("")
        if self.conflicts:
            lines.append(f"Acknowledged conflicts between sources ({len(self.conflicts)})")
            for c in self.conflicts:
                lines.append(f"  {c.conflict_id}: {c.indicator_id}, {c.kind}, {c.period}")
                for o in c.observations:
                    lines.append(
                        f"    {o['observation_id']:<20} {o['qualifier']:<10} {o['value']:>18,.10g}"
                        f"   stands for {o['low']:,.10g} .. {o['high']:,.10g}"
                    )
                lines.append(f"    {c.explanation}")
            lines.append("")
        counts = self.counts()
        summary = (
            f"{len(counts)} tables, {counts.get('observations', 0)} observations "
            f"from {counts.get('sources', 0)} sources"
        )
        if self.valid:
            lines.append(f"Valid: {summary}.")
        else:
            files = len({f.file for f in self.findings})
            lines.append(f"Invalid: {len(self.findings)} error(s) in {files} file(s); {summary}.")
        return "\n".join(lines)


def valid_report(root: Path | str, refused: str) -> Report:
    """The report of a project that validates; a command that needs valid data (the series, the page)
    is `refused` with validate's own findings otherwise."""
    report = validate(root)
    if not report.valid:
        raise DataRefused(report.findings, refused)
    return report


def json_text(data: object) -> str:
    """`data` as JSON every reader takes: a number no float holds (the open end of a "more than"
    interval, a number past the float range in a text) is null, never the Infinity or NaN that JSON
    does not have."""
    return json.dumps(_finite(data), ensure_ascii=False, indent=2, default=str, allow_nan=False)


def _finite(value: object) -> object:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def _escape(text: str, in_property: bool) -> str:
    """Text as a GitHub workflow command carries it: %, CR and LF escaped, and in a property , and : too."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def validate(root: Path | str) -> Report:
    """Check the project at `root`: structure, schemas, rules, provenance, coverage, agreement. A finding
    on a row of a table with a one-field primary key names the row's key too (`id`)."""
    project = open_project(root)
    report = checked(project)
    report.findings = with_row_ids(project, report.tables, report.findings)
    return report


# Every check, in one list: each reads the project as prepared once and returns its findings, of the
# rules it declares (`check.rules`; what reading the tables finds comes first, publish.tables).
CHECKS: tuple[Callable[[Prepared], list[Finding]], ...] = (
    check_archive,
    check_consistency,
    check_drafts,
    check_indicator_words,
    check_languages,
    check_signs,
    check_quotes_in_sources,
    check_stated_numbers,
    check_units,
    check_qualifiers,
    check_indicators,
    check_exclusions,
    check_coverage,
    check_agreement,
)


def checked(project: Project) -> Report:
    """Load -> for each check -> Report."""
    prepared = prepare(project)
    report = Report(project, findings=list(prepared.loading), tables=prepared.tables, texts=prepared.texts)
    if prepared.unreadable:
        needed = ", ".join(prepared.unreadable)
        report.skipped.append(f"rules, provenance, coverage and agreement need every table; unreadable: {needed}")
        return report
    for check in CHECKS:
        report.findings += check(prepared)
    report.coverage = coverage_by_source(prepared)
    report.steps = prepared.stated.steps[["value", "value_upper"]]
    report.intervals, report.facts = prepared.intervals, prepared.facts
    report.conflicts = prepared.agreement[1]
    return report


def findings_of(root: Path | str, *rules: str) -> list[Finding]:
    """What `validate` finds of the rules named (ids of publish.rules), from reading the tables and the
    checks that report them alone: a quick answer where a rule or two are the question. As in validate's
    report, the findings are in the order of their file and row, and one on a row of a table with a
    one-field primary key names the row's key (`id`)."""
    unknown = [rule for rule in rules if rule not in RULES]
    if unknown:
        raise KeyError(f"no rule {unknown[0]!r}; the rules are listed in publish/rules.py")
    project = open_project(root)
    prepared = prepare(project)
    found = list(prepared.loading)
    if not prepared.unreadable:
        for check in CHECKS:
            if set(rules) & set(check.rules):
                found += check(prepared)
    found = sorted((f for f in found if f.rule in rules), key=Finding.sort_key)
    return with_row_ids(project, prepared.tables, found)
