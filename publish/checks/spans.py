"""Where quotes and numbers lie in the archived texts.

Provenance and coverage both ask which numbers of a text lie inside a quote's
place. The texts are laid end to end (`TextNumbers.base` is each source's
offset), so that one sorted search of publish.kernels answers for every quote
or number at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from publish.kernels import is_in, looked_up, points_within
from publish.numbers import base_language, find_numbers, supported_languages


@dataclass(frozen=True)
class Places:
    spans: pd.DataFrame  # source_id, quote, start, end: the places found
    first: pd.Series  # per row of the quoting table: where its quote first occurs, or -1


@dataclass(frozen=True)
class TextNumbers:
    numbers: pd.DataFrame  # find_numbers' rows for every readable text, `doc` the source_id
    base: pd.Series  # each source's offset when the texts are laid end to end


def parsable(languages: pd.Series) -> pd.Series:
    """Whether the number parser knows each language (the others are reported by check_languages)."""
    distinct = languages.dropna().unique()
    known = [language for language in distinct if base_language(language) in supported_languages()]
    return is_in(languages, known)


def readable(sources: pd.DataFrame, texts: dict[str, str]) -> pd.Series:
    """The sources whose text was read and whose language the parser knows."""
    return sources["source_id"].isin(list(texts)) & parsable(sources["language"])


def places(quotes: pd.DataFrame, texts: dict[str, str], every: bool = True) -> Places:
    """Where each row's quote occurs in its source. With `every=False` only the first place of each
    quote is sought, which is all provenance needs; coverage asks for the rest where it matters."""
    # Object arrays from Arrow in one step: a pandas `tolist` walks the Arrow strings one by one.
    sources, said = (quotes[column].to_numpy(dtype=object, na_value=None) for column in ("source_id", "quote"))
    starts = np.array(
        [
            texts[source_id].find(quote) if source_id in texts and isinstance(quote, str) and quote else -1
            for source_id, quote in zip(sources, said, strict=True)
        ],
        dtype="int64",
    )
    placed = starts >= 0
    lengths = quotes["quote"].str.len().to_numpy(dtype="int64", na_value=0)
    spans = quotes.loc[placed, ["source_id", "quote"]].reset_index(drop=True)  # Arrow strings, not objects
    spans["start"] = starts[placed]
    spans["end"] = starts[placed] + lengths[placed]
    if every:
        spans = spans.drop_duplicates(["source_id", "quote"])
        more = [
            (source_id, quote, at, at + len(quote))
            for source_id, quote, start in spans[["source_id", "quote", "start"]].itertuples(index=False)
            for at in _later_places(texts[source_id], quote, start)
        ]
        spans = pd.concat([spans, pd.DataFrame(more, columns=spans.columns)], ignore_index=True) if more else spans
    return Places(spans.reset_index(drop=True), pd.Series(starts, index=quotes.index))


def _later_places(text: str, quote: str, first: int):
    at = text.find(quote, first + 1)
    while at >= 0:
        yield at
        at = text.find(quote, at + 1)


def text_numbers(sources: pd.DataFrame, texts: dict[str, str], symbols: str | None = None) -> TextNumbers:
    """Every number in every readable source, each language's texts in one pass of the parser;
    with `symbols`, read with that language's decimal and group symbols (`parse_language`)."""
    known = sources.loc[readable(sources, texts)].drop_duplicates("source_id")
    frames = [
        find_numbers(
            pd.Series([texts[s] for s in group["source_id"]], index=group["source_id"].to_numpy()), language, symbols
        )
        for language, group in known.groupby("language", sort=False)
    ]
    no_text = pd.Series(dtype=str, index=pd.Index([], dtype=str))  # `doc` is a source_id even when there is none
    numbers = pd.concat(frames, ignore_index=True) if frames else find_numbers(no_text, "en")
    lengths = pd.Series([len(texts[s]) + 1 for s in known["source_id"]], index=known["source_id"].to_numpy())
    return TextNumbers(numbers, lengths.cumsum() - lengths)


def numbers_within(
    source_ids: pd.Series, starts: pd.Series, ends: pd.Series, found: TextNumbers, columns: list[str]
) -> pd.DataFrame:
    """The numbers of the text lying wholly inside each span, as find_numbers' rows (these `columns` of
    them) with `doc` the span's index label and `text_row` their row in `found.numbers`: the numbers a
    quote states, read in the words around it."""
    numbers = found.numbers
    offset, shift = looked_up(numbers["doc"], found.base), looked_up(source_ids, found.base)
    rows, counts = points_within(
        numbers["start"].to_numpy() + offset,
        numbers["end"].to_numpy() + offset,
        starts.to_numpy() + shift,
        ends.to_numpy() + shift,
    )
    within = numbers[columns].iloc[rows].reset_index(drop=True)
    within["doc"] = np.repeat(source_ids.index.to_numpy(), counts)
    within["text_row"] = rows  # its row in `found.numbers`, which a number covered is marked by
    return within
