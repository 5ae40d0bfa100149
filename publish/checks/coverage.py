"""Completeness: every number the parser finds in a source is covered, either
by an observation's quote or by an exclusion that names it.

An observation's quote covers every number inside each place it occurs; an
exclusion covers only the number it names, wherever its quote occurs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from publish.checks.spans import Places, TextNumbers, inside, places, readable, text_numbers
from publish.findings import Finding
from publish.kernels import by_key, line_numbers


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


def classify_numbers(
    sources: pd.DataFrame,
    observations: pd.DataFrame,
    exclusions: pd.DataFrame,
    texts: dict[str, str],
    text_numbers_found: TextNumbers | None = None,
    observation_places: Places | None = None,
    exclusion_places: Places | None = None,
) -> pd.DataFrame:
    """Every number in every readable source, with `covered_by`: observation, exclusion or None.
    The numbers and the places of the quotes are found here unless validation already found them;
    where only the first place of each quote is known, the others are sought in the texts that
    still have a number left uncovered."""
    text_numbers_found = text_numbers_found or text_numbers(sources, texts)
    observation_places = observation_places or places(observations, texts)
    exclusion_places = exclusion_places or places(exclusions, texts)
    numbers, base = text_numbers_found.numbers.copy(), text_numbers_found.base
    excluded = exclusion_places.spans.merge(exclusions[["source_id", "quote", "number"]], on=["source_id", "quote"])
    # An exclusion covers only the number it names: pair each such number with the spans of its quote.
    pairs = numbers.reset_index().merge(
        excluded, left_on=["doc", "raw"], right_on=["source_id", "number"], suffixes=("", "_span")
    )
    within = (pairs["start"] >= pairs["start_span"]) & (pairs["end"] <= pairs["end_span"])
    by_exclusion = np.zeros(len(numbers), dtype=bool)
    by_exclusion[pairs.loc[within, "index"].to_numpy()] = True
    by_observation = inside(numbers, observation_places.spans, base)
    left = numbers.loc[~(by_observation | by_exclusion), "doc"].unique()
    if len(left):
        again = places(observations.loc[observations["source_id"].isin(left)], texts).spans
        by_observation |= inside(numbers, again, base)
    numbers["covered_by"] = np.select([by_observation, by_exclusion], ["observation", "exclusion"], None)
    return numbers


def check_coverage(
    numbers: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str]
) -> tuple[list[Finding], list[Coverage]]:
    """Coverage per source, and a finding per number `classify_numbers` left uncovered."""
    findings: list[Finding] = []
    paths = by_key(sources, "source_id", "path")
    listed = sources.loc[readable(sources, texts), "source_id"].drop_duplicates()
    covered_by = numbers["covered_by"]
    counts = pd.DataFrame(
        {
            "numbers": numbers["doc"].value_counts(),
            "observation": numbers.loc[covered_by == "observation", "doc"].value_counts(),
            "exclusion": numbers.loc[covered_by == "exclusion", "doc"].value_counts(),
        }
    )
    counts = counts.reindex(listed.to_numpy()).fillna(0).astype("int64")
    report = [
        Coverage(source_id, int(total), int(by_observations), int(by_exclusions))
        for source_id, total, by_observations, by_exclusions in zip(
            counts.index, counts["numbers"], counts["observation"], counts["exclusion"], strict=True
        )
    ]
    uncovered = numbers.loc[numbers["covered_by"].isna()]
    for doc, mine in uncovered.groupby("doc", sort=False):  # only what is left uncovered
        text, file = texts[doc], paths[doc]
        starts, ends = mine["start"].to_numpy(), mine["end"].to_numpy()
        raws = mine["raw"].to_numpy(dtype=object)
        for start, end, raw, line in zip(starts, ends, raws, line_numbers(text, starts), strict=True):
            context = text[max(0, start - 40) : end + 25].replace("\n", " ")
            message = f"not covered: add an observation or an exclusion for it: …{context}…"
            findings.append(Finding(file=file, row=int(line), value=raw, rule="coverage.uncovered", message=message))
    return findings, report
