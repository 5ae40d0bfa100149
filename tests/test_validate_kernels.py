"""Kernels split over the cores give what one call gives; a short column remembered gives what a fresh read gives."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from publish import kernels, numbers
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


@pytest.mark.parametrize("rows", [5, kernels.REMEMBERED_ROWS + 1])
def test_a_regex_kernel_answers_alike_remembered_or_not_and_no_caller_changes_an_answer(rows, monkeypatch):
    texts = pa.array(["gần 60 triệu", None, "hơn 5 tỷ"] * (rows // 3 + 1), pa.large_string())[:rows]
    reads = []
    run = kernels._run_regex
    monkeypatch.setattr(kernels, "_run_regex", lambda *args: reads.append(args[0]) or run(*args))
    pattern = r"(?i)(?:^|[^\pL\pN_])(?P<words>gần|hơn)\s"
    fresh = pc.utf8_length(pc.extract_regex(texts, pattern).field("words")).fill_null(0).to_numpy(zero_copy_only=False)
    first = kernels.matched_length(texts, pattern)
    assert first.tolist() == fresh.tolist()
    with pytest.raises(ValueError, match="read-only"):
        first[:] = 99  # a remembered answer is every later caller's too
    assert kernels.matched_length(texts, pattern).tolist() == fresh.tolist()
    assert kernels.matches(texts, pattern).tolist() == [bool(n) for n in fresh.tolist()]
    # A short column is read once for its pattern; a long one at every call.
    remembered = rows <= kernels.REMEMBERED_ROWS
    assert reads == ["matched_length"] * (1 if remembered else 2) + ["matches"]


@pytest.mark.parametrize("rows", [6, kernels.REMEMBERED_ROWS + 2])
def test_a_reference_naming_no_key_is_found_alike_remembered_or_not(rows):
    values = pd.Series(["tỷ", None, "a-id", "A-ID", "a-id ", "b-fr"] * (rows // 6 + 1), dtype="str")[:rows]
    keys = pd.Series(["a-id", None, "b-fr", "c-uk"], dtype="str")
    expected = [v is not None and v == v and v not in {"a-id", "b-fr", "c-uk"} for v in values.tolist()]
    first = kernels.named_nowhere(values, keys)
    assert first.tolist() == expected
    assert kernels.named_nowhere(values, keys).tolist() == expected
    assert kernels.named_nowhere(values, keys[:1]).tolist() == [
        v is not None and v == v and v != "a-id" for v in values.tolist()
    ]  # the same values against other keys are looked up afresh
    if rows <= kernels.REMEMBERED_ROWS:
        with pytest.raises(ValueError, match="read-only"):
            first[:] = False  # a remembered answer is every later caller's too


@pytest.mark.parametrize("long", [False, True])
def test_the_numbers_of_short_texts_are_read_once_and_each_reader_gets_its_own(long, monkeypatch):
    filler = "x" * numbers.REMEMBERED_CHARACTERS if long else ""
    texts = pd.Series([f"Có 12,5 triệu tài khoản; {filler}", "Hơn 3 triệu thẻ, tăng 4%."], index=["a-vi", "b-vi"])
    reads = []
    read = numbers._read_numbers
    monkeypatch.setattr(numbers, "_read_numbers", lambda said, *args: reads.append(len(said)) or read(said, *args))
    numbers._remembered_numbers.cache_clear()
    first = find_numbers(texts, "vi")
    said = [("a-vi", 12.5, 1e6), ("b-vi", 3.0, 1e6), ("b-vi", 4.0, 1.0)]
    assert list(zip(first["doc"], first["value"], first["scale"], strict=True)) == said
    if not long:
        first.loc[0, "value"] = -1  # a reader's change to a remembered reading is its own
    again = find_numbers(texts.set_axis(["c-vi", "d-vi"]), "vi")  # the same words under other labels
    assert list(zip(again["doc"], again["value"], again["scale"], strict=True)) == [
        (label.replace("a-", "c-").replace("b-", "d-"), value, scale) for label, value, scale in said
    ]
    # Short texts are read once for their words and language; long ones at every call.
    assert reads == [2, 2] if long else reads == [2]


def test_small_work_is_done_at_once_in_this_thread_and_other_work_alongside():
    before = sys.getswitchinterval()
    with kernels.alongside() as submit:
        small = submit(threading.get_ident, small=True)
        assert small.done() and small.result() == threading.get_ident()
        assert sys.getswitchinterval() == before  # no thread yet: nothing to take turns with
        failed = submit(int, "not a number", small=True)
        with pytest.raises(ValueError):
            failed.result()  # raised where the result is asked for, as from a thread
        other = submit(threading.get_ident)
        assert sys.getswitchinterval() < before
        assert other.result() != threading.get_ident()
    assert sys.getswitchinterval() == before


@pytest.mark.parametrize("seed", [0, *(pytest.param(seed, marks=pytest.mark.slow) for seed in (1, 2))])
def test_matching_rows_pairs_rows_as_an_inner_merge_does(seed):
    rng = np.random.default_rng(seed)

    def keys(rows: int) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "id": pd.Series(rng.choice(["a", "b", "c", None], rows), dtype="str"),
                "day": pd.to_datetime(pd.Series(rng.choice(["2024-01-01", "2024-12-31", None], rows))),
                "number": rng.choice([1.0, 2.5, np.nan], rows),
            }
        )

    for _ in range(100):
        left, right = keys(int(rng.integers(0, 9))), keys(int(rng.integers(0, 9)))
        on = list(rng.permutation(["id", "day", "number"])[: rng.integers(1, 4)])
        merged = left.assign(left_row=range(len(left))).merge(right.assign(right_row=range(len(right))), on=on)
        rows, matched = kernels.matching_rows([left[k] for k in on], [right[k] for k in on])
        assert (rows.tolist(), matched.tolist()) == (merged["left_row"].tolist(), merged["right_row"].tolist())


def kernel_patterns() -> list[tuple[str, str, str]]:
    """Every pattern the checks give the regex kernels, as (language, kind, pattern): the words of
    each key of each word class, where phrases with a number stand, and each side of such a phrase."""
    from publish.languages import WORD_CLASSES, language
    from publish.languages.words import column_pattern, phrase_sides, phrase_words

    found = set()
    for code in numbers.supported_languages():
        for word_class in WORD_CLASSES:
            for key in language(code).phrases(word_class):
                found.add((code, "matches", column_pattern(code, word_class, key)))
            found.add((code, "matches", phrase_words(code, word_class)))
            for capture, kind in ((False, "matches"), (True, "matched_length")):
                sides = phrase_sides(code, word_class, capture=capture)
                found |= {(code, kind, side) for pair in sides for side in pair}
    return sorted(entry for entry in found if entry[2])


KERNEL_PATTERNS = kernel_patterns()
# Letters both engines may see otherwise: a dotted and a dotless i (case folding), a letter outside the
# Basic Multilingual Plane and an unassigned code point (Unicode versions): Python's engine refuses them.
UNLIKE = "\u0130\u0131\U0001d538\u0378"


@st.composite
def texts_for_a_pattern(draw):
    from publish.languages import WORD_CLASSES, language

    code, kind, pattern = draw(st.sampled_from(KERNEL_PATTERNS))
    words = sorted(
        {word for c in WORD_CLASSES for ps in language(code).phrases(c).values() for p in ps for word in p.split()}
    )
    piece = st.one_of(
        st.sampled_from(words).map(lambda w: w.rstrip("*")),
        st.sampled_from(words).map(lambda w: w.rstrip("*").upper()),
        st.text(alphabet="0123456789 \u00a0\t\n\u2009\u202f.,;:%-'’ʼ()_aZéẞſK" + UNLIKE, max_size=3),
    )
    texts = draw(st.lists(st.lists(piece, max_size=6).map(" ".join) | st.none(), min_size=1, max_size=4))
    return kind, pattern, tuple(texts)


@given(texts_for_a_pattern())
def test_a_short_column_read_by_pythons_engine_gets_what_re2_gives(case):
    kind, pattern, texts = case
    if kernels.python_regex(pattern) is None:
        return  # RE2 reads it at every length
    short = kernels._run_regex(kind, texts, pattern)
    re2 = kernels._run_regex(kind, pa.array(texts, pa.large_string()), pattern)
    assert short.tolist() == re2.tolist(), (pattern, texts)
    assert short.dtype == re2.dtype


def test_every_pattern_the_checks_use_has_pythons_spelling():
    assert KERNEL_PATTERNS
    assert [pattern for _, _, pattern in KERNEL_PATTERNS if kernels.python_regex(pattern) is None] == []


@pytest.mark.parametrize(
    "pattern",
    [r"\bper\b", r"(?s)a.b", r"[\p{Greek}]", r"(?m)^per$", r"(a)\1", r"x(?i)y", r"[[:alpha:]]"],
)
def test_a_pattern_without_an_exact_spelling_is_left_to_re2(pattern):
    assert kernels.python_regex(pattern) is None


def test_a_dotted_i_is_read_as_re2_reads_it_not_as_python_folds_it():
    pattern = r"(?i)(?:^|[^\pL\pN_])(?:i)(?:$|[^\pL\pN_])"
    texts = ("a \u0130 b", "x i y")
    assert [bool(kernels.python_regex(pattern).search(text)) for text in texts] == [True, True]
    assert kernels._run_regex("matches", texts, pattern).tolist() == [False, True]


@pytest.mark.parametrize("letter", list(UNLIKE))
def test_a_text_with_a_letter_the_engines_may_see_otherwise_is_left_to_re2(letter):
    assert not kernels._alike_in_both_engines(("x i y", f"a {letter} b"))
    assert kernels._alike_in_both_engines(("x i y", "a é b", None))
