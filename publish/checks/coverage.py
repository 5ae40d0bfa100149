"""Completeness: every number the parser finds in a source is covered, either
by an observation's quote or by an exclusion that names it.

An observation's quote covers every number inside each place it occurs; an
exclusion covers only the number it names, wherever its quote occurs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from publish.checks import lookup
from publish.checks.provenance import parsable, places
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


def inside(numbers: pd.DataFrame, spans: pd.DataFrame, base: pd.Series) -> np.ndarray:
    """Whether each number lies wholly inside one of the spans of its source.

    All sources are laid end to end (`base` is each source's offset), so one
    sorted search answers for every number at once: a number is covered when
    the spans starting at or before it reach past its end.
    """
    covered = np.zeros(len(numbers), dtype=bool)
    if spans.empty or numbers.empty:
        return covered
    shift = spans["source_id"].map(base).to_numpy()
    order = np.argsort(spans["start"].to_numpy() + shift, kind="stable")
    starts = (spans["start"].to_numpy() + shift)[order]
    reach = np.maximum.accumulate((spans["end"].to_numpy() + shift)[order])
    offset = numbers["doc"].map(base).to_numpy()
    at = np.searchsorted(starts, numbers["start"].to_numpy() + offset, side="right") - 1
    found = at >= 0
    covered[found] = reach[at[found]] >= (numbers["end"].to_numpy() + offset)[found]
    return covered


def readable(sources: pd.DataFrame, texts: dict[str, str]) -> pd.Series:
    """The sources whose text was read and whose language the parser knows."""
    return sources["source_id"].isin(list(texts)) & parsable(sources["language"])


def classify_numbers(
    sources: pd.DataFrame,
    observations: pd.DataFrame,
    exclusions: pd.DataFrame,
    texts: dict[str, str],
    observation_places: pd.DataFrame | None = None,
    exclusion_places: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every number in every readable source, with `covered_by`: observation, exclusion or None.
    The places of the quotes are found here unless provenance already found them."""
    if observation_places is None:
        observation_places = places(observations, texts)
    if exclusion_places is None:
        exclusion_places = places(exclusions, texts)
    known = sources.loc[readable(sources, texts)]
    frames = []
    for language, group in known.groupby("language", sort=False):
        series = pd.Series([texts[s] for s in group["source_id"]], index=group["source_id"].to_numpy())
        frames.append(find_numbers(series, language))
    if not frames:
        return find_numbers(pd.Series(dtype=str), "en").assign(covered_by=None)
    numbers = pd.concat(frames, ignore_index=True)
    lengths = pd.Series({source_id: len(texts[source_id]) + 1 for source_id in known["source_id"]})
    base = lengths.cumsum() - lengths
    by_observation = inside(numbers, observation_places, base)
    excluded = exclusion_places.merge(exclusions[["source_id", "quote", "number"]], on=["source_id", "quote"])
    # An exclusion covers only the number it names: pair each such number with the spans of its quote.
    pairs = numbers.reset_index().merge(
        excluded, left_on=["doc", "raw"], right_on=["source_id", "number"], suffixes=("", "_span")
    )
    within = (pairs["start"] >= pairs["start_span"]) & (pairs["end"] <= pairs["end_span"])
    by_exclusion = np.zeros(len(numbers), dtype=bool)
    by_exclusion[pairs.loc[within, "index"].to_numpy()] = True
    numbers["covered_by"] = np.select([by_observation, by_exclusion], ["observation", "exclusion"], None)
    return numbers


def check_coverage(
    numbers: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str]
) -> tuple[list[Finding], list[Coverage]]:
    """Coverage per source, and a finding per number `classify_numbers` left uncovered."""
    findings, report = [], []
    paths = lookup(sources, "source_id", "path")
    counts = pd.crosstab(numbers["doc"], numbers["covered_by"].fillna("none"))
    for source_id in sources.loc[readable(sources, texts), "source_id"].drop_duplicates():
        row = counts.loc[source_id] if source_id in counts.index else pd.Series(dtype=int)
        report.append(Coverage(source_id, int(row.sum()), int(row.get("observation", 0)), int(row.get("exclusion", 0))))
    for number in numbers.loc[numbers["covered_by"].isna()].itertuples():  # only what is left uncovered
        text = texts[number.doc]
        line = text.count("\n", 0, number.start) + 1
        context = text[max(0, number.start - 40) : number.end + 25].replace("\n", " ")
        findings.append(
            Finding(
                file=paths[number.doc],
                row=line,
                value=number.raw,
                rule="coverage.uncovered",
                message=f"not covered: add an observation or an exclusion for it: …{context}…",
            )
        )
    return findings, report
