"""Agreement between sources that report the same fact.

Each value stands for an interval: its precision step (from the number in
the quote) and its qualifier widen it, as the rules module says. Values of
one fact from different sources that do not all overlap are a conflict; a
conflict must be acknowledged in the conflicts table, and an acknowledgement
must match a conflict that is still there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from publish.findings import Finding, csv_row, findings_from, text_of
from publish.kernels import first_of_each_pair, matching_rows
from publish.rules import CONFLICT_KEY, FACT_KEY, QUALIFIER_INTERVALS


@dataclass(frozen=True)
class Conflict:
    conflict_id: str | None
    indicator_id: str
    kind: str
    period: str
    observations: list[dict]
    explanation: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "conflict_id": self.conflict_id,
            "indicator_id": self.indicator_id,
            "kind": self.kind,
            "period": self.period,
            "observations": self.observations,
            "explanation": self.explanation,
        }


def implied_step(values: pd.Series) -> pd.Series:
    """The precision a bare value implies (one with no number in its quote to read it from): its last
    decimal, or for a whole number the power of ten of its last non-zero digit, keeping at least two
    significant digits (8 -> 1, 10 -> 1, 60000000 -> 1e6)."""
    magnitude = values.abs()
    whole = magnitude % 1 == 0
    digits = magnitude.where(whole, 0).astype("int64").astype(str)
    zeros = digits.str.len() - digits.str.rstrip("0").str.len()
    zeros = np.minimum(zeros, (digits.str.len() - 2).clip(lower=0)).where(magnitude != 0, 0)
    decimals = magnitude.astype(str).str.extract(r"\.(\d+)$")[0].str.len().fillna(0)
    return pd.Series(np.where(whole, 10.0**zeros, 10.0**-decimals), index=values.index)


def with_implied(steps: pd.Series, values: pd.Series) -> pd.Series:
    """The precision steps, with the implied step where the text gave none."""
    missing = steps.isna()
    if not missing.any():
        return steps
    return steps.where(~missing, implied_step(values[missing]))


def intervals(observations: pd.DataFrame, steps: pd.DataFrame) -> pd.DataFrame:
    """The interval each observation's value stands for, and for a range the interval of each of its ends,
    by the qualifier's rule (publish.rules.QUALIFIER_INTERVALS, in words `interval_rules`); an open
    side is infinite.

    Intervals are half-open: "8" stands for 7.5 up to (not including) 8.5, so
    it does not agree with a "9" that starts at 8.5.
    """
    value = observations["value"]
    upper = observations["value_upper"].fillna(value)
    step = with_implied(steps["value"], value)
    upper_step = with_implied(steps["value_upper"].fillna(steps["value"]), upper)
    widths = _widths().reindex(observations["qualifier"]).set_axis(observations.index)

    def around(number: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series]:
        below = reach(number, precision, widths["below"], widths["share_below"])
        above = reach(number, precision, widths["above"], widths["share_above"])
        return outward(number - below, number + above, precision)

    low_end = around(value, step)
    high_end = around(upper, upper_step)
    is_range = observations["value_upper"].notna()
    return pd.DataFrame(
        {
            "fact": observations.groupby(FACT_KEY, dropna=False, sort=False).ngroup(),
            "low": low_end[0],
            "high": high_end[1],
            "low_end_low": low_end[0].where(is_range),
            "low_end_high": low_end[1].where(is_range),
            "high_end_low": high_end[0].where(is_range),
            "high_end_high": high_end[1].where(is_range),
        },
        copy=False,
    )


@cache
def _widths() -> pd.DataFrame:
    """QUALIFIER_INTERVALS as a table: one row per qualifier (a fresh copy is made by each reindex)."""
    return pd.DataFrame(QUALIFIER_INTERVALS, index=["below", "above", "share_below", "share_above"]).T


def interval_rules() -> dict[str, str]:
    """Each qualifier's interval in words, read from its row of QUALIFIER_INTERVALS: what the README and
    the release's description of the series say."""

    def side(steps: float, share: float, word: str) -> str:
        if steps == np.inf:
            return f"open {word}"
        digit = "half a unit of the last stated digit" if steps == 0.5 else f"{steps:g} units of the last stated digit"
        if share and steps:
            return f"{share:.0%} of the figure (at least {digit}) {word}"
        if steps:
            return f"{digit} {word}"
        return "from the figure" if word == "below" else "up to the figure"

    rules = {}
    for qualifier, (below, above, share_below, share_above) in QUALIFIER_INTERVALS.items():
        low, high = side(below, share_below, "below"), side(above, share_above, "above")
        same = (below, share_below) == (above, share_above)
        rules[qualifier] = low.removesuffix(" below") + " below and above" if same else f"{low}; {high}"
    return rules


def reach(number: pd.Series, step: pd.Series, steps: pd.Series, share: pd.Series) -> pd.Series:
    """How far one side of an interval reaches from `number`: the larger of `steps` precision steps and
    `share` of the figure; infinitely far on an open side (infinite steps)."""
    figure, precision = number.to_numpy(dtype=float), step.to_numpy(dtype=float)
    steps, share = steps.to_numpy(dtype=float), share.to_numpy(dtype=float)
    closed = steps != np.inf
    far = np.maximum(np.where(closed, steps, 0) * precision, share * np.abs(figure))
    return pd.Series(np.where(closed, far, np.inf), index=number.index)


def outward(low: pd.Series, high: pd.Series, step: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`low` and `high` rounded outward to one digit finer than the figure's precision step, as the
    decimals a person writes: "22.4" is 22.35 up to 22.45, not 22.349999999999998; "about 18.3"
    is 17.38 up to 19.22. Outward, so that rounding never narrows what a text allows."""
    exponent = np.floor(np.round(np.log10(step.to_numpy(dtype=float)), 6)) - 1  # the grid is 10**exponent
    coarse = exponent >= 0
    power = 10.0 ** np.abs(exponent)  # exact for the exponents of real figures (up to 10**22)

    def snapped(bound: pd.Series, rounding) -> pd.Series:
        number = bound.to_numpy(dtype=float)
        units = np.where(coarse, number / power, number * power)
        slack = 1e-9 * np.maximum(1.0, np.abs(units))  # float noise, never a digit of the figure
        units = rounding(units - slack) if rounding is np.ceil else rounding(units + slack)
        # Back from grid units by one exact operation, so that the result is the decimal's nearest float.
        exact = np.where(coarse, units * power, units / power)
        return pd.Series(np.where(np.isfinite(number), exact, number), index=bound.index)

    # np.where computes both branches: a bound near the largest float overflows in the one it does not take.
    with np.errstate(invalid="ignore", over="ignore"):
        return snapped(low, np.floor), snapped(high, np.ceil)


def facts(observations: pd.DataFrame, bounds: pd.DataFrame) -> pd.DataFrame:
    """Per fact (the `fact` of `bounds`): how many sources report it, the interval they all share
    (`lower`, `upper`), and whether they disagree: their intervals fail to overlap, or, where
    several sources give ranges, the low ends or the high ends fail to overlap."""
    fact = bounds["fact"].to_numpy()
    source = pd.factorize(observations["source_id"])[0]
    is_range = bounds["low_end_low"].notna().to_numpy()

    def count_sources(rows: np.ndarray) -> np.ndarray:
        first = first_of_each_pair(fact[rows], source[rows])
        return np.bincount(fact[rows][first], minlength=fact.max(initial=-1) + 1)

    count = fact.max(initial=-1) + 1  # facts are numbered 0, 1, ... (`intervals`)

    def per_fact(column: str, most) -> np.ndarray:
        """The largest (np.fmax) or smallest (np.fmin) of a column per fact; NaN only where all are."""
        found = np.full(count, np.nan)
        most.at(found, fact, bounds[column].to_numpy(dtype=float))
        return found

    summary = pd.DataFrame(
        {
            "lower": per_fact("low", np.fmax),
            "upper": per_fact("high", np.fmin),
            "low_end_low": per_fact("low_end_low", np.fmax),
            "low_end_high": per_fact("low_end_high", np.fmin),
            "high_end_low": per_fact("high_end_low", np.fmax),
            "high_end_high": per_fact("high_end_high", np.fmin),
        },
        index=pd.Index(np.arange(count), name="fact"),
    )
    summary["sources"] = count_sources(np.ones(len(fact), bool))
    range_sources = count_sources(is_range)
    apart = summary["lower"] >= summary["upper"]
    ends_apart = (summary["low_end_low"] >= summary["low_end_high"]) | (
        summary["high_end_low"] >= summary["high_end_high"]
    )
    summary["disagree"] = (summary["sources"] > 1) & (apart | ((range_sources > 1) & ends_apart))
    return summary[["sources", "lower", "upper", "disagree"]]


def check_agreement(
    observations: pd.DataFrame,
    conflicts: pd.DataFrame,
    bounds: pd.DataFrame,
    summary: pd.DataFrame,
    files: dict[str, str],
) -> tuple[list[Finding], list[Conflict]]:
    """`bounds` are the observations' intervals (see `intervals`), `summary` their facts (see `facts`)."""
    disagreeing = summary.index[summary["disagree"]]
    rows = np.flatnonzero(bounds["fact"].isin(disagreeing).to_numpy())
    columns = ["observation_id", "source_id", "value", "qualifier", "low", "high"]
    frame = observations[[*columns[:4], *CONFLICT_KEY]].iloc[rows]
    frame = frame.assign(**{name: bounds[name].to_numpy()[rows] for name in ("fact", "low", "high")})

    firsts = frame.loc[~frame["fact"].duplicated().to_numpy()].reset_index(names="row")
    disputed, ack = matching_rows([firsts[k] for k in CONFLICT_KEY], [conflicts[k] for k in CONFLICT_KEY])
    hits = conflicts[["conflict_id", "explanation"]].iloc[ack]
    hits = hits.assign(fact=firsts["fact"].to_numpy()[disputed], ack_row=conflicts.index[ack])
    hits_of: dict[int, list[dict]] = {}
    for hit in hits.to_dict("records"):
        hits_of.setdefault(hit["fact"], []).append(hit)
    findings: list[Finding] = []
    reported: list[Conflict] = []
    matched_acks: set[int] = set()
    shown_of: dict[int, list[dict]] = {}
    for fact, shown in zip(frame["fact"], frame[columns].to_dict("records"), strict=True):
        shown_of.setdefault(fact, []).append(shown)
    for first in firsts.itertuples(index=False):  # one pass per conflict, not per row
        shown = shown_of[first.fact]
        period = _period(first)
        if first.fact not in hits_of:
            ranges = "; ".join(f"{o['observation_id']} [{interval_text(o['low'], o['high'])}]" for o in shown)
            findings.append(
                Finding(
                    files["observations"],
                    "agreement.conflict",
                    row=csv_row(first.row),
                    field="value",  # the value at fault, with the others' in the message
                    value=text_of(first.value),
                    message=f"sources disagree on {first.indicator_id} ({first.kind}, {period}): {ranges}; "
                    f"explain it in {files['conflicts']} or correct the rows",
                )
            )
        else:
            matched = hits_of[first.fact]
            matched_acks.update(hit["ack_row"] for hit in matched)
            reported.append(
                Conflict(
                    matched[0]["conflict_id"],
                    first.indicator_id,
                    first.kind,
                    period,
                    shown,
                    matched[0]["explanation"],
                )
            )
    stale = conflicts.loc[~conflicts.index.isin(list(matched_acks))]
    findings += findings_from(
        stale,
        file=files["conflicts"],
        rule="agreement.stale",
        field="conflict_id",
        message="observations of this indicator, kind and period from different sources "
        "that disagree; none do now, so remove or correct this row",
    )
    return findings, reported


def interval_text(low: float, high: float) -> str:
    """An interval as a person reads it: '65,250,000 .. no upper limit', not '.. inf'."""
    return (
        ("no lower limit" if low == -np.inf else f"{low:,.10g}")
        + " .. "
        + ("no upper limit" if high == np.inf else f"{high:,.10g}")
    )


def _period(row) -> str:
    """The fact's period as a person reads it; "undated" for a value the text gives no period."""
    if pd.isna(row.period_start) or pd.isna(row.period_end):
        return "undated"
    start, end = (
        day.strftime("%Y-%m-%d") if hasattr(day, "strftime") else str(day) for day in (row.period_start, row.period_end)
    )
    return start if start == end else f"{start}..{end}"
