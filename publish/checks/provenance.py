"""Provenance: each quote is in its archived source and states its number.

The numbers of all quotes of one language are read in one pass of the shared
parser; matching them to the values is a join, not a loop over rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from publish.checks import join_by, lookup
from publish.findings import Finding, findings_from
from publish.numbers import base_language, find_numbers, supported_languages

# Departures whose value the literal text does not state, so no number is matched.
UNMATCHED_DEPARTURES = ("corrected", "spelled_out")
TARGETS = {
    "value": "quote.states_value",
    "value_upper": "quote.states_upper",
    "denominator": "quote.states_denominator",
}


def parsable(languages: pd.Series) -> pd.Series:
    """Whether the number parser knows each language (the others are reported by check_languages)."""
    return languages.map(base_language, na_action="ignore").isin(supported_languages())


def check_languages(sources: pd.DataFrame, file: str) -> list[Finding]:
    return findings_from(
        sources.loc[sources["language"].notna() & ~parsable(sources["language"])],
        file=file,
        rule="source.language",
        field="language",
        message="a language whose numbers the parser can read: " + ", ".join(supported_languages()),
    )


def occurs_in(quotes: pd.Series, source_ids: pd.Series, texts: dict[str, str]) -> pd.Series:
    """Whether each quote occurs verbatim in its source's text (False if the text is unknown)."""
    found = pd.Series(False, index=quotes.index)
    for source_id, group in quotes.groupby(source_ids, sort=False):
        text = texts.get(source_id)
        if text is not None:
            found[group.index] = group.map(text.__contains__, na_action="ignore").fillna(False).astype(bool)
    return found


def numbers_in(quotes: pd.Series, languages: pd.Series, symbols: pd.Series) -> pd.DataFrame:
    """Every number in each quote, read by its source's language (and symbols, if given)."""
    frames = []
    keys = pd.DataFrame({"language": languages, "symbols": symbols.astype(object).where(symbols.notna(), "")})
    for (language, symbol_language), group in keys.groupby(["language", "symbols"], sort=False):
        frames.append(find_numbers(quotes.loc[group.index], language, symbol_language or None))
    return pd.concat(frames, ignore_index=True) if frames else find_numbers(pd.Series(dtype=str), "en")


def candidates(numbers: pd.DataFrame) -> pd.DataFrame:
    """Each number a quote offers, scaled to base units, with its precision step."""
    step = 10.0 ** -numbers["decimals"] * numbers["scale"]
    upper_step = 10.0 ** -numbers["upper_decimals"] * numbers["scale"]
    parts = [
        pd.DataFrame({"doc": numbers["doc"], "number": numbers["value"] * numbers["scale"], "step": step}),
        pd.DataFrame({"doc": numbers["doc"], "number": numbers["upper"] * numbers["scale"], "step": upper_step}),
        pd.DataFrame({"doc": numbers["doc"], "number": numbers["denominator"], "step": 1.0}),
    ]
    return pd.concat(parts, ignore_index=True).dropna(subset=["number"])


def check_observations(
    observations: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str], file: str
) -> tuple[list[Finding], pd.DataFrame]:
    """Findings, and for each observation the precision step of the number that states its value and upper."""
    findings: list[Finding] = []
    found = occurs_in(observations["quote"], observations["source_id"], texts)
    known = observations["source_id"].isin(list(texts))
    findings += findings_from(
        observations.loc[known & ~found],
        file=file,
        rule="quote.in_source",
        field="quote",
        message="words that occur verbatim in the archived source",
    )

    language = observations["source_id"].map(lookup(sources, "source_id", "language"))
    matchable = found & ~observations["departure"].isin(UNMATCHED_DEPARTURES) & parsable(language)
    steps = pd.DataFrame(index=observations.index, columns=["value", "value_upper"], dtype=float)
    numbers = numbers_in(
        observations.loc[matchable, "quote"], language[matchable], observations.loc[matchable, "parse_language"]
    )
    offered = candidates(numbers)
    for target, rule in TARGETS.items():
        wanted = observations.loc[matchable & observations[target].notna(), [target]]
        joined = wanted.rename(columns={target: "target"}).abs().join(offered.set_index("doc"), how="left")
        tolerance = joined["step"] / 2 * (1 + 1e-9) + 1e-9 * joined["target"].abs()
        joined["ok"] = (joined["number"] - joined["target"]).abs() <= tolerance
        matched = joined.loc[joined["ok"]].groupby(level=0)["step"].min()
        missing = wanted.index.difference(matched.index)
        if target in steps:
            steps.loc[matched.index, target] = matched
        in_missing = numbers["doc"].isin(missing)
        said = join_by(numbers.loc[in_missing, "doc"], numbers.loc[in_missing, "raw"], ", ")
        said = said.reindex(missing).fillna("no number")
        findings += findings_from(
            observations.loc[missing].assign(said=said),
            file=file,
            rule=rule,
            field=target,
            message="the quote to state this number; it states {said}",
        )
    return findings, steps


def check_exclusions(
    exclusions: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str], file: str
) -> list[Finding]:
    findings: list[Finding] = []
    found = occurs_in(exclusions["quote"], exclusions["source_id"], texts)
    known = exclusions["source_id"].isin(list(texts))
    findings += findings_from(
        exclusions.loc[known & ~found],
        file=file,
        rule="exclusion.in_source",
        field="quote",
        message="words that occur verbatim in the archived source",
    )
    language = exclusions["source_id"].map(lookup(sources, "source_id", "language"))
    found &= parsable(language)
    numbers = numbers_in(
        exclusions.loc[found, "quote"], language[found], pd.Series(np.nan, index=exclusions.index)[found]
    )
    offered = pd.MultiIndex.from_arrays([numbers["doc"], numbers["raw"]])
    named = pd.Series(
        pd.MultiIndex.from_arrays([exclusions.index, exclusions["number"]]).isin(offered), index=exclusions.index
    )
    findings += findings_from(
        exclusions.loc[found & ~named],
        file=file,
        rule="exclusion.number",
        field="number",
        message="a number the parser finds in the quote, written as it is there",
    )
    return findings
