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
from publish.findings import Finding, reports
from publish.kernels import by_key, line_numbers, matching_rows
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
    where = pd.MultiIndex.from_arrays([numbers["doc"], numbers["start"]])
    said = _stated(observations, stated)
    by_observation = np.zeros(len(numbers), dtype=bool)
    by_observation[said["text_row"].to_numpy()[said["text_row"].to_numpy() >= 0]] = True
    other = said.loc[said["text_row"] < 0]  # read with another language's symbols: found by place
    if len(other):
        by_observation |= where.isin(pd.MultiIndex.from_arrays([other["source_id"], other["start"]]))
    # A quote covers its numbers wherever it occurs: the later places are sought only in the texts
    # that still have a number left, which is seldom.
    left = numbers.loc[~(by_observation | by_exclusion), "doc"].unique()
    if len(left):
        read = observations.loc[stated.read]
        mine = read.loc[read["source_id"].isin(left)]
        again = places(mine, texts).spans
        by_observation |= where.isin(_elsewhere(said.loc[said["doc"].isin(mine.index)], observations, stated, again))
    numbers["covered_by"] = np.select([by_observation, by_exclusion], ["observation", "exclusion"], None)
    return numbers


def _named_by_exclusions(numbers: pd.DataFrame, exclusions: pd.DataFrame, exclusion_places: Places) -> np.ndarray:
    """Whether an exclusion names each number (as a person reads it) inside a place of its quote."""
    spans = exclusion_places.spans  # every place of each exclusion's quote
    place, named = matching_rows([spans["source_id"], spans["quote"]], [exclusions["source_id"], exclusions["quote"]])
    number = exclusions["number"].map(normalised, na_action="ignore").to_numpy(dtype=object)[named]
    found, at = matching_rows(
        [numbers["doc"], numbers["raw"]],
        [spans["source_id"].iloc[place].reset_index(drop=True), pd.Series(number, dtype=object)],
    )
    start, end = spans["start"].to_numpy()[place][at], spans["end"].to_numpy()[place][at]
    within = (numbers["start"].to_numpy()[found] >= start) & (numbers["end"].to_numpy()[found] <= end)
    by_exclusion = np.zeros(len(numbers), dtype=bool)
    by_exclusion[found[within]] = True
    return by_exclusion


def _stated(observations: pd.DataFrame, stated: Stated) -> pd.DataFrame:
    """Every number an observation states, where its quote first occurs (`doc` the observation, its
    `source_id` and `start`): the numbers stating its value, upper value and denominator, and a
    year of its compared period."""
    numbers = stated.numbers
    stating = stated.stating.to_numpy().ravel()
    doc = numbers["doc"].to_numpy()
    stated_here = np.zeros(len(numbers), dtype=bool)  # a mask, not a union: no sort of millions of rows
    stated_here[stating[stating >= 0]] = True
    stated_here[_compared_years(observations, numbers)] = True
    at = np.flatnonzero(stated_here)
    said = pd.DataFrame(
        {"doc": doc[at], "start": numbers["start"].to_numpy()[at], "text_row": numbers["text_row"].to_numpy()[at]}
    )
    later = said["text_row"] < 0
    said["source_id"] = None
    if later.any():  # only these need their source's id: a string lookup costs at a million rows
        said.loc[later, "source_id"] = observations["source_id"].reindex(said.loc[later, "doc"]).to_numpy()
    return said


def _compared_years(observations: pd.DataFrame, numbers: pd.DataFrame) -> np.ndarray:
    """The rows of a quote's numbers that write the year of its change's compared period."""
    changes = observations.index[observations["compared_start"].notna() | observations["compared_end"].notna()]
    mine = np.flatnonzero(np.isin(numbers["doc"].to_numpy(), changes.to_numpy()))
    if not len(mine):
        return mine
    years = [
        pd.to_datetime(observations.loc[changes, c], errors="coerce").dt.year
        for c in ("compared_start", "compared_end")
    ]
    doc, value = numbers["doc"].to_numpy()[mine], numbers["value"].to_numpy()[mine]
    plain = (numbers["scale"].to_numpy()[mine] == 1) & (numbers["decimals"].to_numpy()[mine] == 0)
    plain &= ~numbers["percent"].to_numpy()[mine]
    said = (years[0].reindex(doc).to_numpy() == value) | (years[1].reindex(doc).to_numpy() == value)
    return mine[plain & said]


def _elsewhere(said: pd.DataFrame, observations: pd.DataFrame, stated: Stated, spans: pd.DataFrame) -> pd.MultiIndex:
    """(source_id, start) of the stated numbers at the other places their quotes occur (`spans`)."""
    said = said.assign(
        source_id=observations["source_id"].reindex(said["doc"]).to_numpy(),
        quote=observations["quote"].reindex(said["doc"]).to_numpy(),
        offset=said["start"] - stated.first.reindex(said["doc"]).to_numpy(),
    )
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


@reports("coverage.uncovered")
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
