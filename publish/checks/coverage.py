"""Completeness: every number the parser finds in a source is covered, either
by an observation's quote or by an exclusion that names it.

An observation's quote covers every number inside each place it occurs; an
exclusion covers only the number it names, wherever its quote occurs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from publish.checks import lookup
from publish.checks.provenance import parsable
from publish.findings import Finding
from publish.numbers import find_numbers


@dataclass(frozen=True)
class Coverage:
    source_id: str
    numbers: int
    by_observations: int
    by_exclusions: int

    @property
    def uncovered(self) -> int:
        return self.numbers - self.by_observations - self.by_exclusions

    @property
    def percent(self) -> float:
        return 100.0 if self.numbers == 0 else round(100 * (self.numbers - self.uncovered) / self.numbers, 1)

    def as_dict(self) -> dict[str, object]:
        return {
            "source_id": self.source_id,
            "numbers": self.numbers,
            "by_observations": self.by_observations,
            "by_exclusions": self.by_exclusions,
            "uncovered": self.uncovered,
            "percent": self.percent,
        }


def places(quotes: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Every place each distinct (source_id, quote) occurs: source_id, quote, start, end."""
    rows = []
    for source_id, quote in quotes[["source_id", "quote"]].drop_duplicates().itertuples(index=False):
        text = texts.get(source_id)
        if text is None or not isinstance(quote, str) or not quote:
            continue
        rows += [(source_id, quote, m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    return pd.DataFrame(rows, columns=["source_id", "quote", "start", "end"])


def inside(numbers: pd.DataFrame, spans: pd.DataFrame) -> np.ndarray:
    """Whether each number lies wholly inside one of the spans of its source."""
    covered = np.zeros(len(numbers), dtype=bool)
    for source_id, span in spans.groupby("source_id"):
        mask = (numbers["doc"] == source_id).to_numpy()
        if not mask.any():
            continue
        span = span.sort_values("start")
        starts = span["start"].to_numpy()
        reach = np.maximum.accumulate(span["end"].to_numpy())
        at = np.searchsorted(starts, numbers.loc[mask, "start"].to_numpy(), side="right") - 1
        ok = at >= 0
        ok[ok] = reach[at[ok]] >= numbers.loc[mask, "end"].to_numpy()[ok]
        covered[mask] = ok
    return covered


def classify_numbers(
    sources: pd.DataFrame, observations: pd.DataFrame, exclusions: pd.DataFrame, texts: dict[str, str]
) -> pd.DataFrame:
    """Every number in every readable source, with `covered_by`: observation, exclusion or None."""
    known = sources.loc[sources["source_id"].isin(list(texts)) & parsable(sources["language"])]
    frames = []
    for language, group in known.groupby("language", sort=False):
        series = pd.Series([texts[s] for s in group["source_id"]], index=group["source_id"].to_numpy())
        frames.append(find_numbers(series, language))
    if not frames:
        return find_numbers(pd.Series(dtype=str), "en").assign(covered_by=None)
    numbers = pd.concat(frames, ignore_index=True)
    by_observation = inside(numbers, places(observations, texts))
    excluded = places(exclusions, texts).merge(exclusions[["source_id", "quote", "number"]], on=["source_id", "quote"])
    by_exclusion = np.zeros(len(numbers), dtype=bool)
    for raw, spans in excluded.groupby("number"):
        named = (numbers["raw"] == raw).to_numpy()
        by_exclusion[named] = inside(numbers.loc[named], spans)
    numbers["covered_by"] = np.select([by_observation, by_exclusion], ["observation", "exclusion"], None)
    return numbers


def check_coverage(
    sources: pd.DataFrame, observations: pd.DataFrame, exclusions: pd.DataFrame, texts: dict[str, str]
) -> tuple[list[Finding], list[Coverage]]:
    numbers = classify_numbers(sources, observations, exclusions, texts)
    findings, report = [], []
    paths = lookup(sources, "source_id", "path")
    readable = sources["source_id"].isin(list(texts)) & parsable(sources["language"])
    for source_id in sources.loc[readable, "source_id"].drop_duplicates():
        mine = numbers.loc[numbers["doc"] == source_id]
        report.append(
            Coverage(
                source_id,
                len(mine),
                int((mine["covered_by"] == "observation").sum()),
                int((mine["covered_by"] == "exclusion").sum()),
            )
        )
        text = texts[source_id]
        for number in mine.loc[mine["covered_by"].isna()].itertuples():
            line = text.count("\n", 0, number.start) + 1
            context = text[max(0, number.start - 40) : number.end + 25].replace("\n", " ")
            findings.append(
                Finding(
                    file=paths[source_id],
                    row=line,
                    value=number.raw,
                    rule="coverage.uncovered",
                    message=f"not covered: add an observation or an exclusion for it: …{context}…",
                )
            )
    return findings, report
