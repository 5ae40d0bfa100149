"""Completeness: every number the parser finds in a source is covered, either
by the observation that states it or by an exclusion that names it.

An observation covers the numbers its quote states for it (value, upper value,
denominator, the year it is compared with), at each place the quote occurs, and
no other number its quote happens to hold; an exclusion covers only the number it
names, wherever its quote occurs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from publish.checks.provenance import Stated, stated_numbers
from publish.checks.spans import Places, TextNumbers, places, readable, text_numbers
from publish.findings import Finding
from publish.kernels import by_key, line_numbers
from publish.reading import normalised

if TYPE_CHECKING:
    from publish.checks.prepare import Prepared


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
    stated: Stated | None = None,
) -> pd.DataFrame:
    """Every number in every readable source, with `covered_by`: observation, exclusion or None.
    An observation covers the numbers it states (`stated`, as provenance read them: its value,
    upper value and denominator) and the year of its compared period, wherever its quote occurs; an
    exclusion covers the number it names, wherever its quote occurs. What is not given is found here."""
    text_numbers_found = text_numbers_found or text_numbers(sources, texts)
    exclusion_places = exclusion_places or places(exclusions, texts)
    if stated is None:
        first = observation_places or places(observations, texts, every=False)
        language = observations["source_id"].map(by_key(sources, "source_id", "language"))
        stated = stated_numbers(observations, first.first >= 0, language, first, text_numbers_found, sources, texts)
    numbers = text_numbers_found.numbers.copy()
    by_exclusion = _named_by_exclusions(numbers, exclusions, exclusion_places)
    said = _stated_places(observations, stated, places(observations.loc[stated.read], texts).spans)
    by_observation = pd.MultiIndex.from_arrays([numbers["doc"], numbers["start"]]).isin(said)
    numbers["covered_by"] = np.select([by_observation, by_exclusion], ["observation", "exclusion"], None)
    return numbers


def _named_by_exclusions(numbers: pd.DataFrame, exclusions: pd.DataFrame, exclusion_places: Places) -> np.ndarray:
    """Whether an exclusion names each number (as a person reads it) inside a place of its quote."""
    excluded = exclusion_places.spans.merge(exclusions[["source_id", "quote", "number"]], on=["source_id", "quote"])
    excluded["number"] = excluded["number"].map(normalised, na_action="ignore")
    pairs = numbers.reset_index().merge(
        excluded, left_on=["doc", "raw"], right_on=["source_id", "number"], suffixes=("", "_span")
    )
    within = (pairs["start"] >= pairs["start_span"]) & (pairs["end"] <= pairs["end_span"])
    by_exclusion = np.zeros(len(numbers), dtype=bool)
    by_exclusion[pairs.loc[within, "index"].to_numpy()] = True
    return by_exclusion


def _stated_places(observations: pd.DataFrame, stated: Stated, spans: pd.DataFrame) -> pd.MultiIndex:
    """(source_id, start) of every number an observation states, at every place of its quote: the
    numbers stating its value, upper value and denominator, and a year of its compared period."""
    numbers = stated.numbers
    rows = [stated.stating[target] for target in stated.stating.columns]
    stating = pd.concat([r[r >= 0] for r in rows])
    doc = numbers["doc"].to_numpy()
    compared = pd.concat(
        [pd.to_datetime(observations[c], errors="coerce").dt.year for c in ("compared_start", "compared_end")], axis=1
    ).reindex(doc)
    value = numbers["value"].to_numpy()
    plain = (numbers["scale"].to_numpy() == 1) & (numbers["decimals"].to_numpy() == 0) & ~numbers["percent"].to_numpy()
    year = plain & ((compared.iloc[:, 0].to_numpy() == value) | (compared.iloc[:, 1].to_numpy() == value))
    at = np.union1d(stating.to_numpy(dtype="int64"), np.flatnonzero(year))
    said = pd.DataFrame({"doc": doc[at], "start": numbers["start"].to_numpy()[at]})
    said["source_id"] = observations["source_id"].reindex(said["doc"]).to_numpy()
    said["quote"] = observations["quote"].reindex(said["doc"]).to_numpy()
    said["offset"] = said["start"] - stated.first.reindex(said["doc"]).to_numpy()
    every = said.merge(spans[["source_id", "quote", "start"]], on=["source_id", "quote"], suffixes=("_number", ""))
    return pd.MultiIndex.from_arrays([every["source_id"], every["start"] + every["offset"]])


def coverage_by_source(p: Prepared) -> list[Coverage]:
    """How many numbers of each readable source the observations and the exclusions cover."""
    numbers, sources = p.numbers, p.tables["sources"]
    listed = sources.loc[readable(sources, p.texts), "source_id"].drop_duplicates()
    covered_by = numbers["covered_by"]
    counts = pd.DataFrame(
        {
            "numbers": numbers["doc"].value_counts(),
            "observation": numbers.loc[covered_by == "observation", "doc"].value_counts(),
            "exclusion": numbers.loc[covered_by == "exclusion", "doc"].value_counts(),
        }
    )
    counts = counts.reindex(listed.to_numpy()).fillna(0).astype("int64")
    return [
        Coverage(source_id, int(total), int(by_observations), int(by_exclusions))
        for source_id, total, by_observations, by_exclusions in zip(
            counts.index, counts["numbers"], counts["observation"], counts["exclusion"], strict=True
        )
    ]


def check_coverage(p: Prepared) -> list[Finding]:
    """A number of a source that no observation states and no exclusion names, on its line."""
    findings: list[Finding] = []
    paths = by_key(p.tables["sources"], "source_id", "path")
    uncovered = p.numbers.loc[p.numbers["covered_by"].isna()]
    for doc, mine in uncovered.groupby("doc", sort=False):  # only what is left uncovered
        text, file = p.texts[doc], paths[doc]
        starts, ends = mine["start"].to_numpy(), mine["end"].to_numpy()
        raws = mine["raw"].to_numpy(dtype=object)
        for start, end, raw, line in zip(starts, ends, raws, line_numbers(text, starts), strict=True):
            context = text[max(0, start - 40) : end + 25].replace("\n", " ")
            message = f"not covered: add an observation or an exclusion for it: …{context}…"
            findings.append(Finding(file=file, row=int(line), value=raw, rule="coverage.uncovered", message=message))
    return findings
