"""The families of checks. Each returns findings and never prints."""

from __future__ import annotations

import pandas as pd


def lookup(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """`column` by `key`, for mapping; a repeated key (already reported by the
    schema check) keeps its first row so the other checks can still run."""
    return frame.drop_duplicates(key).set_index(key)[column]
