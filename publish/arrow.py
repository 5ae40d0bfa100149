"""Arrow columns: run element-wise kernels on every core, and hand text to pandas.

An Arrow compute kernel runs on one core and releases the GIL, so the slices
of one column can run side by side in threads; the costly regular-expression
kernels of the number parser are where this pays.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

# Below this many bytes a second thread costs more than it saves.
SMALLEST_SLICE = 1 << 20


def on_every_core(kernel: Callable[..., Any], values: Any, *args: Any, **kwargs: Any) -> Any:
    """`kernel(values, *args, **kwargs)` for an element-wise kernel, its slices run in parallel;
    the result is the same as one call's."""
    import pyarrow as pa

    cores = pa.cpu_count()
    slices = min(cores, len(values), values.nbytes // SMALLEST_SLICE)
    if slices < 2:
        return kernel(values, *args, **kwargs)
    size = -(-len(values) // slices)
    pieces = [values.slice(start, size) for start in range(0, len(values), size)]
    with ThreadPoolExecutor(slices) as pool:
        results = list(pool.map(lambda piece: kernel(piece, *args, **kwargs), pieces))
    if isinstance(results[0], pa.ChunkedArray):
        return pa.chunked_array([chunk for result in results for chunk in result.chunks], results[0].type)
    return pa.concat_arrays(results)


def as_text(values: Any) -> Any:
    """An Arrow string column as pandas' `str` array, wrapped as it is: `Table.to_pandas`,
    `pd.array` and `astype("str")` copy and re-check every string, a third of a second per million."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    if values.type != pa.large_string():  # pandas keeps large strings
        values = values.cast(pa.large_string())
    return pd.arrays.ArrowStringArray(values, dtype=pd.StringDtype("pyarrow", na_value=np.nan))
