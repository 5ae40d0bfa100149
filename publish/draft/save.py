"""The drafted records as rows of the project's tables, with the project's columns and the next ids."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from publish.draft.records import Drafted
from publish.project import Project
from publish.rules import DRAFT_MARK


@dataclass(frozen=True)
class Drafts:
    """The drafted rows of one source, with the project's columns."""

    source_id: str
    observations: pd.DataFrame
    exclusions: pd.DataFrame
    indicators: pd.DataFrame  # the indicators the draft proposes as new

    @property
    def empty(self) -> bool:
        return self.observations.empty and self.exclusions.empty


def rows(
    project: Project, tables: dict[str, pd.DataFrame], source_id: str, text: str, decided: list[Drafted]
) -> Drafts:
    """The drafted records as rows, in text order, numbered after the source's rows already there."""
    observation_fields = project.tables["observations"].field_names
    used_observations = numbers_used(tables["observations"]["observation_id"], source_id, r"-([0-9]+)")
    used_exclusions = numbers_used(tables["exclusions"]["exclusion_id"], source_id, r"-x([0-9]+)")
    observations, exclusions, indicators = [], [], {}
    for drafted in sorted(decided, key=lambda x: x.number.start):
        start, end = drafted.quote or (drafted.number.start, drafted.number.end)
        quote = text[start:end]
        if drafted.excluded:
            used_exclusions += 1
            exclusions.append(exclusion_row(drafted, f"{source_id}-x{used_exclusions:02d}", source_id, quote))
            continue
        used_observations += 1
        row = {name: "" for name in observation_fields}
        row.update({k: cell(v) for k, v in drafted.observation.cells().items() if k in row})
        row.update(
            observation_id=f"{source_id}-{used_observations:02d}",
            source_id=source_id,
            quote=quote,
            note=f"{DRAFT_MARK} " + "; ".join(drafted.why),
        )
        observations.append(row)
        if drafted.new_indicator:
            indicators[drafted.new_indicator.indicator_id] = asdict(drafted.new_indicator)
    return Drafts(
        source_id,
        pd.DataFrame(observations, columns=observation_fields, dtype=object),
        pd.DataFrame(exclusions, columns=project.tables["exclusions"].field_names, dtype=object),
        pd.DataFrame(list(indicators.values()), columns=project.tables["indicators"].field_names, dtype=object),
    )


def exclusion_row(drafted: Drafted, exclusion_id: str, source_id: str, quote: str) -> dict[str, str]:
    return {
        "exclusion_id": exclusion_id,
        "source_id": source_id,
        "quote": quote,
        "number": drafted.number.raw,
        "category": drafted.category,
        "reason": f"{DRAFT_MARK} {drafted.reason}",
    }


def numbers_used(ids: pd.Series, source_id: str, suffix: str) -> int:
    pattern = re.compile(re.escape(source_id) + suffix)
    found = [int(m.group(1)) for i in ids.dropna() if (m := pattern.fullmatch(str(i)))]
    return max(found, default=0)


def cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.15g}" if value != int(value) or abs(value) >= 1e16 else str(int(value))
    return str(value)


def drafts_text(drafts: Drafts, written: list[Path]) -> str:
    """What was drafted, for the curator."""
    lines = [
        f"{drafts.source_id}: drafted {len(drafts.observations)} observation(s), {len(drafts.exclusions)} "
        f"exclusion(s), {len(drafts.indicators)} new indicator(s)"
    ]
    for row in drafts.observations.itertuples(index=False):
        lines.append(f"  {row.observation_id}: {row.indicator_id} {row.kind} {row.value} {row.unit} — {row.quote!r}")
    for row in drafts.exclusions.itertuples(index=False):
        lines.append(f"  {row.exclusion_id}: {row.number!r} {row.category} — {row.quote!r}")
    lines += [f"Wrote {path}" for path in written]
    if written and not drafts.empty:
        lines.append(
            f"Each row's note (an exclusion's reason) starts with {DRAFT_MARK}: review the row, correct it, and "
            "delete the mark; publish validate fails until every mark is gone."
        )
    return "\n".join(lines)
