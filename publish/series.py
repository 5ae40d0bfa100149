"""The derived series: one value per indicator, period and kind, chosen from
the observations by the stated choice rules below, never typed by hand.

Deriving it is its own step, after validation: `report_series` reads what
validation prepared, the validated tables, the precision of the number that
states each value, the interval that precision and the qualifier give, and
the facts those intervals make.

A fact (indicator, kind, period and, for a change, its comparison) that
several sources report is one row of the series; its interval is the one all
sources share, and the rules say which figure gives its value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from publish.checks.agreement import interval_rules
from publish.checks.consistency import unit_bounds
from publish.errors import PublishError
from publish.kernels import arrow_text, first_of_each_pair, is_in, position_in
from publish.rules import CONFLICT_KEY

if TYPE_CHECKING:
    from publish.validate import Report

# The choice rules: how a series value is chosen, in the order they apply (not
# to be confused with publish.rules, the checks' rules). Their ids appear in the
# series' `rule` column and their texts in the release's description of the table.
CHOICE_RULES: dict[str, str] = {
    "single": "One report states the fact, in one text or in several (a text and its translations, or texts of "
    "the same event by the same publisher, are one report: no text confirms another): the value of its best "
    "figure by the next three rules, and the interval its texts share.",
    "agreed": "Two or more independent reports state the fact and all their intervals overlap: lower and upper "
    "are the interval they share, and the value is that of the best figure by the next three rules.",
    "literal_first": "A figure the curators corrected (departure = corrected) is chosen only when no figure "
    "stated literally exists.",
    "precise_first": "A more precise figure beats a rounded one (18.32 beats 18.3).",
    "exact_first": "An exact figure beats a qualified one (about, nearly, more than ...); then the source "
    "listed first in the sources table.",
    "conflict_preferred": "The sources disagree and the acknowledged conflict names a preferred observation: "
    "its value and interval (a translation artefact is never preferred).",
    "conflict_open": "The sources disagree and the acknowledged conflict prefers none: no value; the reason "
    "names the conflict.",
    "preferred_level": "For each indicator and period, `preferred` is TRUE on the one level an analyst should "
    "chart: of the levels with a value, an actual beats an estimate, an estimate beats a baseline. It is FALSE "
    "on the other levels and on targets and changes, which are rows of their own.",
}
UNDATED = "undated"  # the period of a value the text gives no period, in ids and text
ORDER = ["indicator_id", "period_start", "period_end", "kind"]  # how the published table is sorted
LEVEL_RANK = {"actual": 0, "estimate": 1, "baseline": 2}
COLUMNS = [
    "series_id",
    "indicator_id",
    "kind",
    "period_type",
    "period_start",
    "period_end",
    "change_type",
    "compared_start",
    "compared_end",
    "value",
    "value_upper",
    "lower",
    "upper",
    "open_bound",
    "unit",
    "status",
    "rule",
    "sources",
    "reports",
    "source_ids",
    "observation_ids",
    "preferred",
    "reason",
]


@dataclass(frozen=True)
class Derived:
    series: pd.DataFrame  # one row per fact, in published order
    intervals: pd.DataFrame  # per observation: its fact and the interval its figure stands for


def report_series(report: Report) -> Derived:
    """The series of a validated report, from the precision, intervals and facts its validation prepared:
    every command derives it from a valid one; one whose tables could not all be read has none."""
    if not report.readable:
        raise PublishError("no series: " + "; ".join(report.skipped))
    return Derived(build_series(report.tables, report.steps, report.intervals, report.facts), report.intervals)


def series_of(root: Path | str, indicator: str | None = None) -> pd.DataFrame:
    """The series of the project at `root`, of one indicator if given. A project that does not
    validate has no series: it is refused with validate's own findings."""
    from publish.validate import valid_report

    report = valid_report(root, "no series")
    rows = report_series(report).series
    if indicator is None:
        return rows
    if indicator not in set(rows["indicator_id"]):
        raise PublishError(f"no series for indicator {indicator!r}")
    return rows.loc[rows["indicator_id"] == indicator]


def choice_rules_text() -> str:
    """The choice rules, then the interval rule: what the release says of how the series is made."""
    rules = " ".join(f"[{rule}] {text}" for rule, text in CHOICE_RULES.items())
    return f"{rules} {INTERVALS_TEXT} " + "; ".join(f"{q}: {text}" for q, text in interval_rules().items()) + "."


INTERVALS_TEXT = (
    "Intervals: each figure stands for the interval its qualifier gives, and two figures agree when their "
    "intervals overlap. An open side is one no text bounds: its bound is the unit's minimum or maximum for a "
    "level, else empty, and `open_bound` names it. Bounds are rounded outward to one digit finer than the "
    "figure's precision. By qualifier:"
)


def series_ids(series: pd.DataFrame) -> pd.Series:
    """indicator:kind:start..end, and for a change :type:compared_start..compared_end."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def day(column: str) -> pa.Array:
        # A series holds few distinct dates: format each once and repeat it.
        codes, dates = pd.factorize(series[column])
        text = np.datetime_as_string(dates.to_numpy(dtype="datetime64[D]"), unit="D")
        return pa.array(text, pa.string()).take(pa.array(codes, mask=codes < 0))

    def text(column: str) -> pa.Array:
        return pa.array(series[column], pa.string())

    dates = pc.binary_join_element_wise(day("period_start"), "..", day("period_end"), "")
    level = pc.binary_join_element_wise(text("indicator_id"), ":", text("kind"), ":", pc.fill_null(dates, UNDATED), "")
    change = pc.binary_join_element_wise(
        ":", text("change_type"), ":", day("compared_start"), "..", day("compared_end"), ""
    )
    ids = pc.binary_join_element_wise(level, pc.fill_null(change, ""), "")
    return pd.Series(ids, index=series.index, dtype="str")


def build_series(
    tables: dict[str, pd.DataFrame], steps: pd.DataFrame, bounds: pd.DataFrame, summary: pd.DataFrame
) -> pd.DataFrame:
    """The series table from the typed observations, conflicts, sources and units, with the
    observations' precision `steps`, intervals (`bounds`) and facts (`summary`) that validation computed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    observations, conflicts = tables["observations"], tables["conflicts"]
    fact = bounds["fact"].to_numpy()
    listed = position_in(observations["source_id"], tables["sources"]["source_id"]).fillna(len(tables["sources"]))
    listed = listed.to_numpy().astype("int64")
    # Best figure first within each fact: numeric keys sorted by numpy (last key is the primary one).
    order = np.lexsort(
        (
            listed,  # then the sources' order
            observations["qualifier"].ne("exact").to_numpy(),  # exact_first
            steps["value"].fillna(np.inf).to_numpy(),  # precise_first
            observations["departure"].eq("corrected").to_numpy(),  # literal_first
            fact,
        )
    )
    sorted_fact = fact[order]
    # Each fact's rows are contiguous; no observations, no facts.
    starts = np.flatnonzero(np.r_[True, sorted_fact[1:] != sorted_fact[:-1]][: len(sorted_fact)])
    # The facts in the order the table is published in, so that the wide rows are gathered once.
    published = sorted_by(observations[ORDER].iloc[order[starts]], ORDER)
    kept = [c for c in COLUMNS if c in observations.columns]
    best = observations[kept].iloc[order[starts][published]]
    best = best.set_axis(pd.Index(sorted_fact[starts][published], name="fact"))
    first_of_source = first_of_each_pair(sorted_fact, pd.factorize(observations["source_id"])[0][order])
    source_starts = np.cumsum(first_of_source)[starts] - 1

    def joined(column: str, rows: np.ndarray, at: np.ndarray) -> pa.Array:
        values = arrow_text(observations[column]).take(pa.array(rows))
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        lists = pa.LargeListArray.from_arrays(pa.array(np.r_[at, len(rows)], pa.int64()), values)
        return pc.binary_join(lists, pa.scalar(" ", pa.large_string())).take(pa.array(published))

    series = best.join(summary[["sources", "lower", "upper"]])
    texts = TextsOfFacts(observations, tables["sources"], fact)
    series["reports"] = texts.reports[series.index]
    series["source_ids"] = pd.Series(
        joined("source_id", order[first_of_source], source_starts), index=series.index, dtype="str"
    )
    series["observation_ids"] = pd.Series(joined("observation_id", order, starts), index=series.index, dtype="str")
    conflicting = summary["disagree"].reindex(series.index)
    series["status"] = np.select([conflicting, series["reports"] == 1], ["conflict", "single"], "agreed")
    series["rule"] = np.where(series["status"] == "single", "single", "agreed")
    series["reason"] = None

    in_conflict = series["status"] == "conflict"
    acknowledged = series.loc[in_conflict, CONFLICT_KEY].reset_index()
    acknowledged = acknowledged.merge(conflicts.drop_duplicates(CONFLICT_KEY), on=CONFLICT_KEY, how="left")
    acknowledged = acknowledged.set_index("fact").reindex(series.index)
    preferred_id = acknowledged["preferred_observation_id"].where(in_conflict)
    named = preferred_id.dropna()
    # Probe the million observation ids against the few preferred ones, not the other way round.
    rows = np.flatnonzero(is_in(observations["observation_id"], named).to_numpy())
    row_of = dict(zip(observations["observation_id"].iloc[rows], rows, strict=True))
    at = named.map(row_of).dropna().astype("int64")
    # Only one of the fact's own observations, stated literally, can be preferred: validation refuses
    # any other (conflict.preferred), and the series of invalid data leaves such a conflict open.
    own_fact = bounds["fact"].to_numpy()[at.to_numpy()] == at.index.to_numpy()
    literal = ~observations["departure"].eq("corrected").to_numpy(dtype=bool, na_value=False)[at.to_numpy()]
    at = at[own_fact & literal]
    has_choice = series.index.to_series().isin(at.index)
    chosen = observations[["value", "value_upper"]].join(bounds[["low", "high"]])
    # Each kind of fact gets its words only where there is one: a masked write costs as much when it
    # writes nothing, and most projects have no conflict.
    if has_choice.any():
        pick = chosen.iloc[at.reindex(series.index[has_choice]).to_numpy()]
        take_preferred(series, has_choice, pick, acknowledged, preferred_id)
    open_ = in_conflict & ~has_choice
    if open_.any():
        series.loc[open_, ["value", "value_upper", "lower", "upper"]] = np.nan
        series.loc[open_, "rule"] = "conflict_open"
        conflict_ids = acknowledged.loc[open_, "conflict_id"]
        series.loc[open_, "reason"] = np.where(
            conflict_ids.notna(),
            "sources disagree; see conflict " + conflict_ids.astype(str),
            "sources disagree and the conflict is not acknowledged yet",
        )
    agreed = series["status"] == "agreed"
    if agreed.any():
        series.loc[agreed, "reason"] = [
            f"{reports} independent reports agree, in {sources} texts; "
            "value of the best figure (literal, precise, exact)"
            for reports, sources in zip(series.loc[agreed, "reports"], series.loc[agreed, "sources"], strict=True)
        ]
    retold = (series["status"] == "single") & (series["sources"] > 1)
    if retold.any():
        series.loc[retold, "reason"] = [
            one_report(row.sources, texts.languages[fact], row.source_ids)
            for fact, row in zip(series.index[retold], series.loc[retold].itertuples(), strict=True)
        ]

    # An open side (infinite: no text bounds it) is said in open_bound, before the unit's range bounds it.
    lower_open, upper_open = series["lower"] == -np.inf, series["upper"] == np.inf
    series["open_bound"] = np.select([lower_open, upper_open], ["lower", "upper"], None)
    # A level cannot leave its unit's range (no share above 100%); a change may.
    level = series["kind"] != "change"
    minimum, maximum = unit_bounds(series["unit"], tables["units"])
    series["lower"] = series["lower"].clip(lower=minimum.where(level, -np.inf)).replace(-np.inf, np.nan)
    series["upper"] = series["upper"].clip(upper=maximum.where(level, np.inf)).replace(np.inf, np.nan)
    series["preferred"] = preferred_levels(series)
    series["series_id"] = series_ids(series)
    return series.reset_index(drop=True)[COLUMNS]


def take_preferred(
    series: pd.DataFrame, chosen: pd.Series, pick: pd.DataFrame, acknowledged: pd.DataFrame, preferred_id: pd.Series
) -> None:
    """Give the `chosen` facts the figure and interval of the observation their conflict prefers (`pick`),
    that observation's id first, and the conflict as the reason."""
    for column, source in (("value", "value"), ("value_upper", "value_upper"), ("lower", "low"), ("upper", "high")):
        series.loc[chosen, column] = pick[source].to_numpy()
    series.loc[chosen, "rule"] = "conflict_preferred"
    series.loc[chosen, "reason"] = (
        "conflict "
        + acknowledged.loc[chosen, "conflict_id"].astype(str)
        + ": the curators prefer "
        + preferred_id[chosen].astype(str)
    )
    series.loc[chosen, "observation_ids"] = [
        " ".join([p, *[o for o in ids.split() if o != p]])
        for p, ids in zip(preferred_id[chosen], series.loc[chosen, "observation_ids"], strict=True)
    ]


def preferred_levels(series: pd.DataFrame) -> pd.Series:
    """TRUE on the one row an analyst should chart for each indicator and period: of its levels with a
    value, the actual, else the estimate, else the baseline; FALSE on every other row (a target or a
    change is a row of its own, never a level of its period)."""
    rank = position_in(series["kind"], list(LEVEL_RANK)).where(series["value"].notna())  # LEVEL_RANK is in order
    period = [series["indicator_id"], series["period_start"], series["period_end"]]
    best_rank = rank.groupby(period, dropna=False).transform("min")
    return rank.notna() & (rank == best_rank)


class TextsOfFacts:
    """Per fact (a code of `fact`, one per observation): how many independent reports state it, and in
    how many languages its texts are. A report is a text with every text that is the same article
    (`same_article_as`, followed both ways and transitively) and every text of the same event by the
    same named publisher: one outlet telling one event twice is not a second confirmation."""

    def __init__(self, observations: pd.DataFrame, sources: pd.DataFrame, fact: np.ndarray):
        source = observations["source_id"]
        report = source.map(reports_of(sources)).fillna(source)  # an unlisted source is its own report
        language = source.map(sources.set_index("source_id")["language"].drop_duplicates()).fillna("")
        self.reports = self.distinct(fact, report)
        self.languages = self.distinct(fact, language)

    @staticmethod
    def distinct(fact: np.ndarray, labels: pd.Series) -> pd.Series:
        codes = pd.factorize(labels)[0]
        first = first_of_each_pair(fact, codes)
        return pd.Series(np.bincount(fact[first], minlength=fact.max(initial=-1) + 1))


def reports_of(sources: pd.DataFrame) -> pd.Series:
    """Each source_id's report, named by the first-listed text of the report (see TextsOfFacts)."""
    ids = [i for i in sources["source_id"].dropna().drop_duplicates()]
    position = {source: n for n, source in enumerate(ids)}
    parent = list(range(len(ids)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def join(a: str, b: str) -> None:
        if a in position and b in position:
            first, second = sorted((root(position[a]), root(position[b])))
            parent[second] = first

    for source, same in zip(sources["source_id"], sources["same_article_as"], strict=True):
        join(source, same)
    named = sources.loc[sources["publisher"].fillna("").str.strip().ne("") & sources["event_id"].notna()]
    for _, outlet in named.groupby(["publisher", "event_id"], sort=False)["source_id"]:
        for source in outlet.iloc[1:]:
            join(outlet.iloc[0], source)
    return pd.Series([ids[root(n)] for n in range(len(ids))], index=ids, dtype=object)


NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def one_report(texts: int, languages: int, source_ids: str) -> str:
    """Why a fact several texts state is still one report's: 'one report in two languages (a b)'."""
    if languages > 1:
        return (
            f"one report in {NUMBER_WORDS.get(languages, languages)} languages ({source_ids}): "
            "a translation is no second confirmation"
        )
    return f"one report in {NUMBER_WORDS.get(texts, texts)} texts by one publisher ({source_ids})"


def sorted_by(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """The row order of a stable sort by `columns` (missing values last), from integer codes: pandas
    sorting several text columns at once compares the strings again and again."""
    codes = []
    for column in reversed(columns):  # np.lexsort's primary key is its last
        code, _ = pd.factorize(frame[column], sort=True)
        codes.append(np.where(code < 0, len(code), code))
    return np.lexsort(codes) if codes else np.arange(len(frame))


def series_text(series: pd.DataFrame) -> str:
    """The series as an aligned table for a terminal."""

    def period(row: pd.Series) -> str:
        if pd.isna(row.period_start):
            return UNDATED
        start, end = f"{row.period_start:%Y-%m-%d}", f"{row.period_end:%Y-%m-%d}"
        return start if start == end else f"{start}..{end}"

    def number(value: float) -> str:
        return "" if pd.isna(value) else f"{value:,.10g}"

    def interval(low: float, high: float, open_bound: object) -> str:
        """'18.3 .. 100 (open)': an open side says so, bounded by its unit or by nothing."""
        if pd.isna(low) and pd.isna(high) and not isinstance(open_bound, str):
            return ""  # an open conflict
        ends = {"lower": number(low), "upper": number(high)}
        if isinstance(open_bound, str):
            ends[open_bound] = f"{ends[open_bound]} (open)" if ends[open_bound] else "open"
        return f"{ends['lower']} .. {ends['upper']}"

    table = pd.DataFrame(
        {
            "indicator": series["indicator_id"],
            "kind": series["kind"] + series["change_type"].map(lambda c: f" ({c})" if isinstance(c, str) else ""),
            "period": [period(r) for r in series.itertuples()],
            "value": [
                number(v) + (f"-{number(u)}" if pd.notna(u) else "")
                for v, u in zip(series["value"], series["value_upper"], strict=True)
            ],
            "interval": [
                interval(row.lower, row.upper, row.open_bound) for row in series.itertuples()
            ],
            "unit": series["unit"],
            "status": series["status"],
            "sources": series["sources"].astype(str),
            "reports": series["reports"].astype(str),
            "rule": series["rule"],
        }
    )
    widths = {c: max(len(c), *(len(v) for v in table[c])) if len(table) else len(c) for c in table}
    lines = ["  ".join(c.ljust(widths[c]) for c in table)]
    lines += ["  ".join(str(v).ljust(widths[c]) for c, v in row.items()) for _, row in table.iterrows()]
    return "\n".join(line.rstrip() for line in lines)
