"""Drafting leaves the golden drafts alone: every row of tests/golden/, drafted again, cell for cell.

The goldens are the drafts of the drafting tests' texts and of the repository's sources, each left
out in turn. A change meant to change drafts rewrites them (`python tests/golden_drafts.py`) and
shows the difference in review; any other change must leave every row as it was.
"""

from __future__ import annotations

import pandas as pd
import pytest
from golden_drafts import TABLES, golden_tables, read_golden

# How many differing cells a failure lists.
SHOWN = 25


def differences(name: str, golden: pd.DataFrame, drafted: pd.DataFrame) -> list[str]:
    """The cells that differ, as `table case row column: golden -> drafted`; rows missing or added."""
    if list(golden.columns) != list(drafted.columns):
        return [f"{name}: columns {list(golden.columns)} -> {list(drafted.columns)}"]
    found = []
    for case in sorted(set(golden["case"]) | set(drafted["case"])):
        before, after = (t.loc[t["case"] == case].reset_index(drop=True) for t in (golden, drafted))
        if len(before) != len(after):
            found.append(f"{name} {case}: {len(before)} golden rows, {len(after)} drafted")
            continue
        for column in golden.columns:
            for row in before.index[before[column] != after[column]]:
                found.append(
                    f"{name} {case} row {row + 1} {column}: {before.at[row, column]!r} -> {after.at[row, column]!r}"
                )
    return found


@pytest.mark.slow  # drafts every golden case again, the five sources each left out among them
def test_every_golden_row_is_drafted_again_unchanged():
    texts = read_golden("texts")
    drafted = golden_tables(texts)
    found = [line for name in TABLES for line in differences(name, read_golden(name), drafted[name])]
    assert not found, f"{len(found)} cells differ from tests/golden/:\n" + "\n".join(found[:SHOWN])


def test_a_changed_cell_is_named_with_its_case_row_and_column():
    golden = pd.DataFrame({"case": ["a", "a", "b"], "value": ["1", "2", "3"]})
    drafted = golden.assign(value=["1", "5", "3"])
    assert differences("observations", golden, drafted) == ["observations a row 2 value: '2' -> '5'"]
    assert differences("observations", golden, golden.iloc[:2]) == ["observations b: 1 golden rows, 0 drafted"]
