"""Kernels split over the cores give what one call gives."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from publish import kernels
from publish.kernels import on_every_core
from publish.numbers import find_numbers


@pytest.fixture
def three_cores(monkeypatch):
    """Three cores, and slices worth a thread from 1 KiB: small columns show how work is split."""
    before = pa.cpu_count()
    pa.set_cpu_count(3)
    monkeypatch.setattr(kernels, "SMALLEST_SLICE", 1 << 10)
    yield
    pa.set_cpu_count(before)


def test_slices_of_an_array_and_of_a_chunked_array_join_up_in_order(three_cores):
    words = [f"item {i} costs {i * 7 % 1000},{i % 100:02d} francs" for i in range(1_000)]
    array = pa.array(words, pa.large_string())
    assert array.nbytes > 2 * kernels.SMALLEST_SLICE  # big enough to be split
    chunked = pa.chunked_array([array.slice(0, 400), array.slice(400)])
    pattern = r"(?P<whole>\d+),(?P<cents>\d+)"
    slices = []

    def extract(values, pattern):
        slices.append(len(values))
        return pc.extract_regex(values, pattern)

    for values in (array, chunked):
        assert on_every_core(extract, values, pattern).equals(pc.extract_regex(values, pattern))
        marked = on_every_core(pc.replace_substring_regex, values, r"\d+", "<\\0>")
        assert marked.equals(pc.replace_substring_regex(values, r"\d+", "<\\0>"))
    assert len(slices) == 6 and sum(slices) == 2 * len(array)  # one slice per core, every row once
    assert max(slices) - min(slices) <= 2  # of equal size


def test_a_small_array_is_not_split(three_cores):
    calls = []

    def kernel(values):
        calls.append(len(values))
        return values

    on_every_core(kernel, pa.array(["12 %"] * 10))
    assert calls == [10]


def test_numbers_of_many_texts_are_those_of_each_text(three_cores):
    texts = pd.Series(
        [f"Indikator {i} mencapai {i % 977},{i % 10} juta dan {i % 89}% pada 2024." for i in range(3_000)]
    )
    whole = find_numbers(texts, "id")
    one_by_one = pd.concat([find_numbers(texts.iloc[i : i + 100], "id") for i in range(0, 3_000, 100)])
    pd.testing.assert_frame_equal(whole, one_by_one.reset_index(drop=True))
    assert len(whole) == 4 * 3_000  # the indicator number, the amount, the share and the year
