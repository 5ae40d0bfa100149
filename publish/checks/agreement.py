"""Agreement between sources that report the same fact.

Each value stands for an interval: its precision step (from the number in
the quote) and its qualifier widen it, as the rules module says. Values of
one fact from different sources that do not all overlap are a conflict; a
conflict must be acknowledged in the conflicts table, and an acknowledgement
must match a conflict that is still there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from publish.findings import Finding, findings_from
from publish.rules import FACT_KEY, QUALIFIER_INTERVALS

CONFLICT_KEY = ["indicator_id", "kind", "period_start", "period_end", "change_type"]


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
    """The precision a bare value implies: its last decimal, or for a whole
    number the power of ten of its last non-zero digit (8 -> 1, 14528e9 -> 1e9)."""
    magnitude = values.abs()
    whole = magnitude % 1 == 0
    digits = magnitude.where(whole, 0).astype("int64").astype(str)
    zeros = digits.str.len() - digits.str.rstrip("0").str.len()
    decimals = magnitude.astype(str).str.extract(r"\.(\d+)$")[0].str.len().fillna(0)
    return pd.Series(np.where(whole, 10.0 ** zeros.where(magnitude != 0, 0), 10.0**-decimals), index=values.index)


def intervals(observations: pd.DataFrame, steps: pd.DataFrame) -> pd.DataFrame:
    """The low and high end each observation's value stands for."""
    value, upper = observations["value"], observations["value_upper"].fillna(observations["value"])
    step = steps["value"].fillna(implied_step(value))
    upper_step = steps["value_upper"].fillna(steps["value"]).fillna(implied_step(upper))
    widths = pd.DataFrame(
        [QUALIFIER_INTERVALS[q] for q in observations["qualifier"]],
        index=observations.index,
        columns=["below", "above", "share_below", "share_above"],
    )
    low = value - widths["below"] * step - widths["share_below"] * value.abs()
    high = upper + widths["above"] * upper_step + widths["share_above"] * upper.abs()
    return pd.DataFrame({"low": low.where(widths["below"] != np.inf, -np.inf), "high": high})


def check_agreement(
    observations: pd.DataFrame, conflicts: pd.DataFrame, steps: pd.DataFrame, files: dict[str, str]
) -> tuple[list[Finding], list[Conflict]]:
    frame = observations.join(intervals(observations, steps))
    frame["fact"] = frame.groupby(FACT_KEY, dropna=False, sort=False).ngroup()
    summary = frame.groupby("fact").agg(sources=("source_id", "nunique"), low=("low", "max"), high=("high", "min"))
    disagreeing = summary.index[(summary["sources"] > 1) & (summary["low"] > summary["high"])]

    acks = conflicts.reset_index(names="ack_row")
    findings: list[Finding] = []
    reported: list[Conflict] = []
    matched_acks: set[int] = set()
    for fact in disagreeing:  # one pass per conflict, not per row
        rows = frame.loc[frame["fact"] == fact]
        first = rows.iloc[0]
        hits = acks.merge(rows.iloc[[0]][CONFLICT_KEY], on=CONFLICT_KEY)
        period = _period(first)
        shown = [
            {
                "observation_id": r.observation_id,
                "source_id": r.source_id,
                "value": r.value,
                "qualifier": r.qualifier,
                "low": r.low,
                "high": r.high,
            }
            for r in rows.itertuples()
        ]
        if hits.empty:
            ranges = "; ".join(f"{o['observation_id']} [{o['low']:,.10g} .. {o['high']:,.10g}]" for o in shown)
            findings.append(
                Finding(
                    files["observations"],
                    "agreement.conflict",
                    row=int(rows.index[0]) + 2,
                    field="value",
                    value=first["indicator_id"],
                    message=f"sources disagree on {first['indicator_id']} ({first['kind']}, {period}): {ranges}; "
                    f"explain it in {files['conflicts']} or correct the rows",
                )
            )
        else:
            matched_acks.update(hits["ack_row"])
            reported.append(
                Conflict(
                    hits["conflict_id"].iloc[0],
                    first["indicator_id"],
                    first["kind"],
                    period,
                    shown,
                    hits["explanation"].iloc[0],
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


def _period(row: pd.Series) -> str:
    start, end = row["period_start"], row["period_end"]
    start = start.strftime("%Y-%m-%d") if hasattr(start, "strftime") else str(start)
    end = end.strftime("%Y-%m-%d") if hasattr(end, "strftime") else str(end)
    return start if start == end else f"{start}..{end}"
