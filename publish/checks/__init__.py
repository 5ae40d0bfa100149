"""The families of checks. Each returns findings and never prints."""

from __future__ import annotations

import numpy as np
import pandas as pd


def lookup(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """`column` by `key`, for mapping; a repeated key (already reported by the
    schema check) keeps its first row so the other checks can still run."""
    return frame.drop_duplicates(key).set_index(key)[column]


def join_by(keys: pd.Series, values: pd.Series, separator: str = " ") -> pd.Series:
    """The values of each key joined by `separator`, in their order, indexed by key: a
    column-wide group-by in Arrow rather than a Python join per group."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if keys.empty:
        return pd.Series(dtype=object)
    table = pa.table(
        {"key": pa.array(keys.to_numpy()), "value": pa.array(values.astype(str).to_numpy(), type=pa.string())}
    )
    grouped = table.group_by("key", use_threads=False).aggregate([("value", "list")])
    joined = pc.binary_join(grouped["value_list"], separator)
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=grouped["key"].to_numpy(zero_copy_only=False))


def strings(values) -> object:
    """Values as one Arrow string array, zero-copy where pandas already holds them in Arrow:
    building it through Python lists costs a second per million."""
    import pyarrow as pa

    if not isinstance(values, pd.Series | pd.Index):
        values = pd.Series(list(values), dtype=object)
    return pa.array(values.astype("str"), type=pa.large_string())


def is_in(values: pd.Series | pd.Index, allowed) -> pd.Series:
    """Whether each value is one of `allowed` (missing values are not), by Arrow's hash kernel:
    pandas' `isin` on Arrow-backed strings goes through Python objects."""
    import pyarrow.compute as pc

    value_set = strings(allowed).drop_null()
    found = pc.is_in(strings(values), value_set=value_set, skip_nulls=True).fill_null(False)
    index = values.index if isinstance(values, pd.Series) else None
    return pd.Series(found.to_numpy(zero_copy_only=False), index=index)


def position_in(values: pd.Series, keys) -> pd.Series:
    """Each value's position among `keys`, or NaN: a dictionary lookup done by Arrow's hash kernel."""
    import pyarrow.compute as pc

    found = pc.index_in(strings(values), value_set=strings(keys))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype="float64")


def mapped(values: pd.Series, mapping: pd.Series) -> np.ndarray:
    """`values.map(mapping)`, found by Arrow's hash kernel: floats with NaN for a numeric
    mapping, objects with None for any other (pandas' `map` is ten times slower on strings)."""
    at = position_in(values, mapping.index).to_numpy()
    numeric = pd.api.types.is_numeric_dtype(mapping)
    result = np.full(len(values), np.nan if numeric else None, dtype=float if numeric else object)
    known = ~np.isnan(at)
    result[known] = mapping.to_numpy(dtype=float if numeric else object)[at[known].astype("int64")]
    return result


def first_of_each(major: np.ndarray, minor: np.ndarray) -> np.ndarray:
    """Whether each row is the first with its pair of non-negative integer codes (a fact and a
    source, say): both packed into one int64 key and hashed, not compared as a pair of columns."""
    key = major.astype("int64") * (int(minor.max(initial=0)) + 1) + minor
    return ~pd.Series(key).duplicated().to_numpy()
