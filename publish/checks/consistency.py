"""The cross-row rules a Table Schema cannot express, each a column-wide test
over the typed tables. Their ids, descriptions and parameters are in
publish.rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from publish.findings import Finding, findings_from, reports
from publish.kernels import by_key, is_in, looked_up
from publish.rules import CHANGE_UNITS, CONFLICT_KEY, FACT_KEY, MAGNITUDE_FACTOR

PERIOD_SHAPES = (
    " (year: Jan 1 to Dec 31 of one year; half_year: Jan 1 to Jun 30 or Jul 1 to Dec 31;"
    " point: start equals end; span: start before end; undated: no dates)"
)

if TYPE_CHECKING:
    from publish.checks.prepare import Prepared


def expected_unit(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.Series:
    own = looked_up(observations["indicator_id"], by_key(indicators, "indicator_id", "unit"))
    by_change = looked_up(observations["change_type"], pd.Series(CHANGE_UNITS))
    changed = (observations["kind"] == "change").to_numpy(dtype=bool, na_value=False) & pd.notna(by_change)
    return pd.Series(np.where(changed, by_change, own), index=observations.index)


def check_units(observations: pd.DataFrame, indicators: pd.DataFrame, file: str) -> list[Finding]:
    expected = expected_unit(observations, indicators)
    wrong = expected.notna() & (observations["unit"] != expected)
    return findings_from(
        observations,
        where=wrong,
        extra={"expected": expected},
        file=file,
        rule="unit.indicator",
        field="unit",
        message="unit {expected} (from the indicator and change type)",
    )


def unit_bounds(unit: pd.Series, units: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each row's unit minimum and maximum, -inf and inf where the unit sets none."""
    low, high = (
        pd.Series(looked_up(unit, by_key(units, "unit_id", bound)), index=unit.index)
        for bound in ("minimum", "maximum")
    )
    return low.fillna(-np.inf), high.fillna(np.inf)


def check_ranges(observations: pd.DataFrame, units: pd.DataFrame, file: str) -> list[Finding]:
    low, high = unit_bounds(observations["unit"], units)
    # An absolute difference may go down as far as the unit's span reaches up.
    difference = observations["change_type"] == "absolute_difference"
    span = high - low
    low, high = low.where(~difference, -span), high.where(~difference, span)
    findings: list[Finding] = []
    for field in ("value", "value_upper"):
        value = observations[field]
        outside = value.notna() & ((value < low) | (value > high))
        findings += findings_from(
            observations,
            where=outside,
            extra={"low": low, "high": high},
            file=file,
            rule="range.unit",
            field=field,
            message="a value of unit {unit} within {low} .. {high}",
        )
    below = observations["value_upper"].notna() & (observations["value_upper"] < observations["value"])
    findings += findings_from(
        observations,
        where=below,
        file=file,
        rule="range.upper_bound",
        field="value_upper",
        message="an upper end not below value",
    )
    return findings


def check_magnitudes(observations: pd.DataFrame, file: str) -> list[Finding]:
    levels = observations.loc[(observations["kind"] != "change") & (observations["value"] > 0)]
    if levels.empty:
        return []
    median = levels.groupby(["indicator_id", "kind"])["value"].transform("median")
    ratio = levels["value"] / median
    off = (ratio > MAGNITUDE_FACTOR) | (ratio < 1 / MAGNITUDE_FACTOR)
    return findings_from(
        levels,
        where=off,
        extra={"median": median},
        file=file,
        rule="unit.magnitude",
        field="value",
        message="the order of magnitude of the other values of {indicator_id} (median {median}); check the indicator "
        "or the scale word",
    )


def check_periods(observations: pd.DataFrame, file: str) -> list[Finding]:
    start, end, kind = observations["period_start"], observations["period_end"], observations["period_type"]
    # Month and day as month * 100 + day, read once per column.
    begins, ends = (dates.dt.month * 100 + dates.dt.day for dates in (start, end))
    same_year = start.dt.year == end.dt.year
    first_half = (begins == 101) & (ends == 630)
    second_half = (begins == 701) & (ends == 1231)
    whole_year = (begins == 101) & (ends == 1231)
    dated = start.notna() & end.notna()
    fits = pd.Series(True, index=observations.index)
    fits = fits.where(kind != "year", same_year & whole_year)
    fits = fits.where(kind != "half_year", same_year & (first_half | second_half))
    fits = fits.where(kind != "point", start == end)
    fits = fits.where(kind != "span", start < end)
    # An undated value has neither date; every other has both.
    fits = fits.where(kind != "undated", start.isna() & end.isna()) & (dated | (kind == "undated"))
    bad = kind.notna() & ~fits.fillna(False).astype(bool)
    return findings_from(
        observations,
        where=bad,
        file=file,
        rule="period.shape",
        field="period_end",
        message="dates that fit period_type {period_type}" + PERIOD_SHAPES,
    )


def check_changes(observations: pd.DataFrame, file: str) -> list[Finding]:
    is_change = observations["kind"] == "change"
    findings: list[Finding] = []
    for field in ("change_type", "compared_start", "compared_end"):
        present = observations[field].notna()
        findings += findings_from(
            observations,
            where=is_change & ~present,
            file=file,
            rule="change.fields",
            field=field,
            message="a value, because kind is change",
        )
        findings += findings_from(
            observations,
            where=~is_change & present,
            file=file,
            rule="change.fields",
            field=field,
            message="no value, because kind is not change",
        )
    start, end = observations["compared_start"], observations["compared_end"]
    late = is_change & end.notna() & ((end >= observations["period_end"]) | (start > end))
    findings += findings_from(
        observations,
        where=late,
        file=file,
        rule="change.fields",
        field="compared_end",
        message="a compared period that starts before it ends and ends before period_end",
    )
    return findings


def check_departures(observations: pd.DataFrame, file: str) -> list[Finding]:
    departure, note, language = observations["departure"], observations["note"], observations["parse_language"]
    if not (departure.notna().any() or language.notna().any()):  # every value is read as written
        return []
    unexplained = departure.notna() & note.isna()
    foreign = departure == "foreign_number_format"
    findings = findings_from(
        observations,
        where=unexplained,
        file=file,
        rule="departure.explained",
        field="note",
        message="a note saying why the value departs from the literal text",
    )
    findings += findings_from(
        observations,
        where=foreign & language.isna(),
        file=file,
        rule="departure.explained",
        field="parse_language",
        message="the language whose number format the quote uses",
    )
    findings += findings_from(
        observations,
        where=~foreign & language.notna(),
        file=file,
        rule="departure.explained",
        field="parse_language",
        message="no value unless departure is foreign_number_format",
    )
    return findings


def check_unique_facts(observations: pd.DataFrame, file: str) -> list[Finding]:
    repeated = observations.duplicated(subset=["source_id", *FACT_KEY], keep="first")
    return findings_from(
        observations,
        where=repeated,
        file=file,
        rule="fact.unique",
        field="indicator_id",
        message="one row per source, indicator, kind, period and comparison; an earlier row has these",
    )


def same_or_both_missing(left: pd.Series, right: pd.Series) -> pd.Series:
    """Whether two aligned columns hold the same value in each row, a missing one matching only a missing one."""
    left_values, right_values = left.to_numpy(dtype=object), right.to_numpy(dtype=object)
    both_missing = pd.isna(left_values) & pd.isna(right_values)
    return pd.Series((left_values == right_values) | both_missing, index=left.index)


def check_preferred(conflicts: pd.DataFrame, observations: pd.DataFrame, file: str) -> list[Finding]:
    """The observation a conflict prefers is one of the conflict's own facts, and not a translation
    artefact: the series publishes its value as the fact's. An id naming no observation is the
    foreign key's finding."""
    named = conflicts["preferred_observation_id"]
    if not named.notna().any():  # no conflict prefers an observation
        return []
    rows = observations.loc[is_in(observations["observation_id"], named.dropna().unique()).to_numpy()]
    by_id = rows.drop_duplicates("observation_id").set_index("observation_id")
    known = is_in(named, by_id.index)
    preferred = by_id.reindex(named.to_numpy()).set_axis(conflicts.index)
    same_fact = pd.Series(True, index=conflicts.index)
    for column in CONFLICT_KEY:
        same_fact &= same_or_both_missing(preferred[column], conflicts[column])
    shown = {f"its_{column}": preferred[column] for column in CONFLICT_KEY}
    findings = findings_from(
        conflicts,
        where=known & ~same_fact,
        extra=shown,
        file=file,
        rule="conflict.preferred",
        field="preferred_observation_id",
        message="an observation of this conflict's fact ({indicator_id}, {kind}, {period_start}..{period_end}, "
        "change type {change_type}); this one is of {its_indicator_id}, {its_kind}, "
        "{its_period_start}..{its_period_end}, change type {its_change_type}",
    )
    findings += findings_from(
        conflicts,
        where=known & same_fact & (preferred["departure"] == "corrected").fillna(False).astype(bool),
        file=file,
        rule="conflict.preferred",
        field="preferred_observation_id",
        message="a literal observation: this one departs from its text as corrected, a translation artefact "
        "the series never prefers",
    )
    return findings


def check_same_article(sources: pd.DataFrame, file: str) -> list[Finding]:
    """A text marked as the same article as another names another archived text of the same event."""
    named = sources["same_article_as"]
    if not named.notna().any():  # no text names another
        return []
    event_of = by_key(sources, "source_id", "event_id")
    their_event = pd.Series(looked_up(named, event_of), index=sources.index)
    listed = named.notna() & is_in(named, sources["source_id"].dropna().unique()).to_numpy()
    wrong = named.notna() & (~listed | (named == sources["source_id"]) | (their_event != sources["event_id"]))
    return findings_from(
        sources,
        where=wrong.fillna(False).astype(bool),
        file=file,
        rule="source.same_article",
        field="same_article_as",
        message="the source_id of another archived text, of the same event ({event_id}), that is this article "
        "in another language",
    )


def base_tag(tag: str) -> str:
    """A language tag's language, as two tags of one language share it: pt-BR -> pt."""
    return tag.split("-")[0].lower()


def check_translations(sources: pd.DataFrame, file: str) -> list[Finding]:
    """Only a translation names an original (its address, its language), and its original is in another
    language than the text. A project whose schema predates these fields has nothing to check."""
    if "text_kind" not in sources:
        return []
    said = sources["text_kind"].eq("translation").to_numpy(dtype=bool, na_value=False)
    translation = pd.Series(said, index=sources.index)
    findings: list[Finding] = []
    for field in ("original_url", "original_language"):
        findings += findings_from(
            sources,
            where=sources[field].notna() & ~translation,
            file=file,
            rule="source.translation",
            field=field,
            message="empty unless text_kind is translation: only a translation has an original",
        )
    own, original = (sources[name].map(base_tag, na_action="ignore") for name in ("language", "original_language"))
    findings += findings_from(
        sources,
        where=translation & (original == own),
        file=file,
        rule="source.translation",
        field="original_language",
        message="the language of the report this text translates, not the text's own ({language})",
    )
    return findings


@reports(
    "range.unit",
    "range.upper_bound",
    "unit.indicator",
    "unit.magnitude",
    "period.shape",
    "change.fields",
    "departure.explained",
    "fact.unique",
    "conflict.preferred",
    "source.same_article",
    "source.translation",
)
def check_consistency(p: Prepared) -> list[Finding]:
    """The cross-row rules of publish.rules: ranges, units, magnitudes, periods, changes, departures."""
    tables, files = p.tables, p.files
    observations, file = tables["observations"], files["observations"]
    return [
        *check_units(observations, tables["indicators"], file),
        *check_ranges(observations, tables["units"], file),
        *check_magnitudes(observations, file),
        *check_periods(observations, file),
        *check_changes(observations, file),
        *check_departures(observations, file),
        *check_unique_facts(observations, file),
        *check_preferred(tables["conflicts"], observations, files["conflicts"]),
        *check_same_article(tables["sources"], files["sources"]),
        *check_translations(tables["sources"], files["sources"]),
    ]
