"""Column kernels: the machinery that makes the checks fast, in one place, so that each
check reads as its rule.

Everything here works on whole columns. Arrow's compute kernels do the string work
(hash lookups, joins), and they release the GIL, so one column's slices can run on
every core at once (`on_every_core`). Quotes and numbers are placed in texts laid end
to end (each source shifted by its offset), so that one sorted search answers for
every quote or number at once (`spans_covering`, `points_within`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache, wraps
from typing import Any

import numpy as np
import pandas as pd

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


@contextmanager
def alongside(switch_interval: float = 0.0002) -> Iterator[Callable[..., Future]]:
    """`submit(work, *args, small=False)`: the work run in one other thread while this one runs
    Python, for work that spends its time in Arrow kernels (the number parser on long texts), which
    release the GIL. Small work (`small=True`) is done at once in this thread: it would hold the GIL
    anyway, and a thread would only take turns with this one.

    A thread returning from a kernel waits for the GIL up to the switch interval (5 ms by default),
    and the parser returns from thousands of them, so the interval is shortened for as long as the
    thread may run, then restored."""
    before = sys.getswitchinterval()
    pools: list[ThreadPoolExecutor] = []

    def submit(work: Callable[..., Any], *args: Any, small: bool = False) -> Future:
        if small:
            done: Future = Future()
            try:
                done.set_result(work(*args))
            except Exception as error:  # raised where the result is asked for, as from a thread
                done.set_exception(error)
            return done
        if not pools:
            sys.setswitchinterval(switch_interval)
            pools.append(ThreadPoolExecutor(1))
        return pools[0].submit(work, *args)

    try:
        yield submit
    finally:
        if pools:
            pools[0].shutdown()
            sys.setswitchinterval(before)


def pandas_text(values: Any) -> Any:
    """An Arrow string column as pandas' `str` array, wrapped as it is: `Table.to_pandas`,
    `pd.array` and `astype("str")` copy and re-check every string, a third of a second per million."""
    import pyarrow as pa

    if values.type != pa.large_string():  # pandas keeps large strings
        values = values.cast(pa.large_string())
    return pd.arrays.ArrowStringArray(values, dtype=pd.StringDtype("pyarrow", na_value=np.nan))


def by_key(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """`column` by `key`, for mapping; a repeated key (already reported by the
    schema check) keeps its first row so the other checks can still run."""
    keys, values = frame[key], frame[column]
    first = ~keys.duplicated().to_numpy()
    if not first.all():
        keys, values = keys[first], values[first]
    return values.set_axis(pd.Index(keys, name=key))  # not through set_index, which copies every column


def joined_by_key(keys: pd.Series, values: pd.Series, separator: str = " ") -> pd.Series:
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


def arrow_text(values) -> object:
    """Values as one Arrow string array, zero-copy where pandas already holds them in Arrow:
    building it through Python lists costs a second per million."""
    import pyarrow as pa

    if not isinstance(values, pd.Series | pd.Index):
        values = list(values)
        if all(type(value) is str for value in values):  # the usual set of keys: nothing to convert
            return pa.array(values, type=pa.large_string())
        values = pd.Series(values, dtype=object)
    if not (isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow"):
        values = values.astype("str")  # already Arrow strings need no copy
    return pa.array(values, type=pa.large_string())


def is_in(values: pd.Series | pd.Index, allowed) -> pd.Series:
    """Whether each value is one of `allowed` (missing values are not), by Arrow's hash kernel:
    pandas' `isin` on Arrow-backed strings goes through Python objects."""
    import pyarrow.compute as pc

    value_set = arrow_text(allowed).drop_null()
    found = pc.is_in(arrow_text(values), value_set=value_set, skip_nulls=True).fill_null(False)
    index = values.index if isinstance(values, pd.Series) else None
    return pd.Series(found.to_numpy(zero_copy_only=False), index=index)


def named_nowhere(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """Whether each value is given and is none of `keys`: the rows of a reference that name no row.
    Compared as text, by Arrow's hash kernel; short columns are answered from memory for the same
    texts (a review validates after each decision, and most references have not changed since)."""
    if len(values) + len(keys) > REMEMBERED_ROWS:
        return _named_nowhere(values, keys)
    return _remembered_nowhere(tuple(arrow_text(values).to_pylist()), tuple(arrow_text(keys).to_pylist()))


@lru_cache(maxsize=1024)
def _remembered_nowhere(values: tuple, keys: tuple) -> np.ndarray:
    answer = _named_nowhere(pd.Series(values, dtype="str"), pd.Series(keys, dtype="str"))
    answer.setflags(write=False)  # one answer for every caller: none may change it
    return answer


def _named_nowhere(values: pd.Series, keys: pd.Series) -> np.ndarray:
    known = keys.dropna()
    if len(known) > len(values):  # hash the smaller side: keep the keys the values name
        known = known.loc[is_in(known, values.dropna().unique()).to_numpy()]
    return (values.notna() & ~is_in(values, known.unique())).to_numpy()


def matches(values, pattern: str) -> np.ndarray:
    """Whether each Arrow string matches the RE2 `pattern` somewhere (a missing one does not)."""
    return _regex_kernel("matches", values, pattern)


def matched_length(values, pattern: str) -> np.ndarray:
    """How many characters the group `words` of the RE2 `pattern` holds in each Arrow string where
    the pattern matches; 0 where it does not (or the string is missing)."""
    return _regex_kernel("matched_length", values, pattern)


def remembered(size: Callable[..., int], limit: int, own: Callable[[Any], Any]) -> Callable:
    """A decorator: the function's answer is remembered once per process for the same (hashable)
    arguments when `size(*arguments)` is at most `limit`, and each caller gets `own(answer)`, a copy
    it may change; a larger input is worked out at every call. A review validates after each
    decision and a curator's project is small, so most of a validation's inputs are those of the
    last one."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        answers = lru_cache(maxsize=64)(function)

        @wraps(function)
        def answer(*arguments: Any) -> Any:
            if size(*arguments) > limit:
                return function(*arguments)
            return own(answers(*arguments))

        answer.cache_clear = answers.cache_clear  # type: ignore[attr-defined]
        return answer

    return decorate


# A column this short is answered from memory when a process reads it again with the same pattern
# (a review validates after each decision; a curator's project is small), and read by Python's
# engine where the pattern has an exact translation: Arrow compiles a RE2 pattern at every call, a
# millisecond or more for one with Unicode classes, which costs more than reading a few hundred
# short strings.
REMEMBERED_ROWS = 256


def _regex_kernel(kind: str, values, pattern: str) -> np.ndarray:
    if len(values) > REMEMBERED_ROWS:
        return _run_regex(kind, values, pattern)
    return _remembered_regex(kind, pattern, tuple(values.to_pylist()))


@lru_cache(maxsize=1024)
def _remembered_regex(kind: str, pattern: str, texts: tuple) -> np.ndarray:
    answer = _run_regex(kind, texts, pattern)
    answer.setflags(write=False)  # one answer for every caller: none may change it
    return answer


def _run_regex(kind: str, values, pattern: str) -> np.ndarray:
    """The kernel's answer for Arrow strings, or for a tuple of texts (a short column), which
    Python's engine reads where `pattern` translates exactly."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, tuple):
        compiled = python_regex(pattern)
        if compiled is not None and _alike_in_both_engines(values):
            found = [None if text is None else compiled.search(text) for text in values]
            if kind == "matches":
                return np.array([m is not None for m in found], dtype=bool)
            return np.array([len(m.group("words") or "") if m else 0 for m in found], dtype="int64")
        values = pa.array(values, type=pa.large_string())
    if kind == "matches":
        return pc.match_substring_regex(values, pattern).fill_null(False).to_numpy(zero_copy_only=False)
    words = pc.extract_regex(values, pattern).field("words")
    return pc.utf8_length(words).fill_null(0).to_numpy(zero_copy_only=False)


# Where Python's engine and RE2 part ways whatever the pattern: a dotted or dotless i, which
# Python's case folding takes for an i and RE2's does not.
_FOLDED_APART = frozenset("\u0130\u0131")


def _alike_in_both_engines(texts: tuple) -> bool:
    """Whether both engines see every character of `texts` alike: none folded apart, and none
    outside the Basic Multilingual Plane or unassigned in Python's Unicode database, where the
    two engines' Unicode versions may say another thing of a letter."""
    seen = set().union(*(text for text in texts if text is not None))
    return not any(
        character in _FOLDED_APART or ord(character) > 0xFFFF or unicodedata.category(character) == "Cn"
        for character in seen
    )


# RE2's pieces whose meaning Python's `re` spells otherwise: RE2's \s and \d are ASCII, its $ is
# the end of the text only, and its [\pL\pN_] is exactly what Python calls \w.
_PYTHON_SPELLING = {
    r"[\pL\pN_]": r"\w",
    r"[^\pL\pN_]": r"\W",
    r"\s": r"[\t\n\f\r ]",
    r"\S": r"[^\t\n\f\r ]",
    r"\d": "[0-9]",
    r"\D": "[^0-9]",
    r"\A": r"\A",
    r"\z": r"\Z",
    "$": r"\Z",
}
_RE2_PIECE = re.compile(r"\[\^?\\pL\\pN_\]|\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?(?:i\)|i:|:|P<)?|[\s\S]", re.DOTALL)


@lru_cache(maxsize=1024)
def python_regex(pattern: str) -> re.Pattern[str] | None:
    r"""The RE2 `pattern` compiled for Python's engine, matching what RE2 matches, or None where it
    holds a piece without a known exact translation (a Unicode class other than [\pL\pN_], a
    word boundary, another flag): RE2 reads it then."""
    pieces = []
    for piece in _RE2_PIECE.findall(pattern):
        if piece in _PYTHON_SPELLING:
            pieces.append(_PYTHON_SPELLING[piece])
        elif piece == "(?i)" and not pieces:
            pieces.append(piece)  # Python takes a global flag only at the start
        elif piece.startswith("(?") and piece not in ("(?:", "(?i:", "(?P<"):
            return None
        elif piece.startswith("["):
            if "\\" in piece or "[:" in piece:
                return None  # an escape or a class inside a class: RE2 may mean another set
            pieces.append(piece)
        elif piece.startswith("\\") and (piece[1].isascii() and piece[1].isalnum()):
            return None  # \b, \pL, \w, a back-reference...: not the same in both engines
        else:
            pieces.append(piece)
    try:
        return re.compile("".join(pieces))
    except re.error:
        return None


def position_in(values: pd.Series, keys) -> pd.Series:
    """Each value's position among `keys`, or NaN: a dictionary lookup done by Arrow's hash kernel."""
    import pyarrow.compute as pc

    found = pc.index_in(arrow_text(values), value_set=arrow_text(keys))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype="float64")


def looked_up(values: pd.Series, mapping: pd.Series) -> np.ndarray:
    """`values.map(mapping)`, found by Arrow's hash kernel: floats with NaN for a numeric
    mapping, objects with None for any other (pandas' `map` is ten times slower on strings)."""
    at = position_in(values, mapping.index).to_numpy()
    numeric = pd.api.types.is_numeric_dtype(mapping)
    result = np.full(len(values), np.nan if numeric else None, dtype=float if numeric else object)
    known = ~np.isnan(at)
    result[known] = mapping.to_numpy(dtype=float if numeric else object)[at[known].astype("int64")]
    return result


def matching_rows(left: list[pd.Series], right: list[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of a left row and a right row whose keys (one Series per key, each side) are equal,
    as positions, paired as pandas' inner merge pairs them: a missing value equals a missing value,
    and the pairs come by left row, then by right row. Without building the merged frame, which
    costs milliseconds on a handful of rows."""
    count = len(left[0])
    code = np.zeros(count + len(right[0]), dtype=np.int64)
    for mine, theirs in zip(left, right, strict=True):
        values, uniques = pd.factorize(pd.concat([mine, theirs], ignore_index=True), use_na_sentinel=False)
        code = pd.factorize(code * len(uniques) + values)[0]  # one code per key so far, never overflowing
    order = np.argsort(code[count:], kind="stable")
    ranked = code[count:][order]
    first = np.searchsorted(ranked, code[:count], "left")
    matches = np.searchsorted(ranked, code[:count], "right") - first
    rows = np.repeat(np.arange(count), matches)
    return rows, order[np.repeat(first - (np.cumsum(matches) - matches), matches) + np.arange(len(rows))]


def first_of_each_pair(major: np.ndarray, minor: np.ndarray) -> np.ndarray:
    """Whether each row is the first with its pair of non-negative integer codes (a fact and a
    source, say): both packed into one int64 key and hashed, not compared as a pair of columns."""
    key = major.astype("int64") * (int(minor.max(initial=0)) + 1) + minor
    return ~pd.Series(key).duplicated().to_numpy()


def spans_covering(starts: np.ndarray, ends: np.ndarray, span_starts: np.ndarray, span_ends: np.ndarray) -> np.ndarray:
    """Whether each interval [start, end) lies wholly inside one of the spans: it does when the
    spans starting at or before it reach past its end (one sort of the spans, one search)."""
    covered = np.zeros(len(starts), dtype=bool)
    if not len(span_starts) or not len(starts):
        return covered
    order = np.argsort(span_starts, kind="stable")
    reach = np.maximum.accumulate(span_ends[order])
    at = np.searchsorted(span_starts[order], starts, side="right") - 1
    found = at >= 0
    covered[found] = reach[at[found]] >= ends[found]
    return covered


def points_within(
    starts: np.ndarray, ends: np.ndarray, span_starts: np.ndarray, span_ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For intervals that do not overlap, the ones lying wholly inside each span: their positions,
    span after span, and how many each span holds (two sorted searches)."""
    order = np.argsort(starts, kind="stable")
    low = np.searchsorted(starts[order], span_starts, side="left")
    high = np.searchsorted(ends[order], span_ends, side="right")  # not overlapping: ends sort alike
    counts = np.maximum(high - low, 0)
    within = np.repeat(low, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return order[within], counts


def line_numbers(text: str, offsets: np.ndarray) -> np.ndarray:
    """The line (the first is 1) of each character offset in `text`, from one pass over it:
    counting the line ends before each offset anew would cost the text's length per offset."""
    characters = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    line_ends = np.flatnonzero(characters == ord("\n"))
    return np.searchsorted(line_ends, np.asarray(offsets, dtype="int64"), side="left") + 1
