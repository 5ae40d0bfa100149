"""Draft the rows of a report: every number no observation or exclusion covers yet becomes a
proposed observation or exclusion, each field read from the words around the number.

Drafting reads a text the way a curator does, by rules written over the language files of
publish/languages (what qualifies a number, what kind of value it is, its unit, its period,
what makes it no indicator value at all) and over the indicators' own words
(curation/indicator_words.csv). Every drafted row carries the draft mark at the start of its
note (or reason), which `publish validate` refuses (`draft.unreviewed`) until a curator has
reviewed the row and deleted the mark. The note says why each field was chosen.

`draft` loads the project and the source; the text is modelled once (text.py: its sentences,
clauses, numbers and the language's phrases in each sentence), then PASSES run over it in their
order; save.py makes rows of the records, and publish.draft_save writes them into the project's
tables (or a folder of their own). The modules, each one job:

    text.py        the text read once, and REACH: how far each rule reads from a number
    exclusions.py  the numbers that are no value: an ordered table of (category, reason, predicate)
    fields.py      one function per field: what it read, the words it read it from, why
    indicators.py  the indicator by its words, or a new one proposed from the figure's subject
    periods.py     the period and the compared period
    observe.py     the fields of one observation, read in the order they depend on one another
    figures.py     what links figures: a whole said first, the figure before, joined and restated figures
    quote.py, save.py, records.py (the drafted records)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from publish.archive import one_source
from publish.checks.coverage import classify_numbers
from publish.draft.exclusions import excluded, exclusion_quote
from publish.draft.figures import drop_taken_parts, joined_exclusion, merge_restated, skip_wholes_said_first
from publish.draft.observe import observe
from publish.draft.records import Drafted, Drafting
from publish.draft.save import Drafts, drafts_text, rows
from publish.draft.text import Number, Text, number_of
from publish.errors import PublishError
from publish.findings import DataRefused
from publish.numbers import base_language, supported_languages
from publish.project import Project, open_project
from publish.tables import load_indicator_words, readable_tables

__all__ = ["PASSES", "Drafts", "draft", "draft_text", "drafts_text", "indicator_words", "refuse_past_float_range"]


def read_number(d: Drafting, number: Number) -> Drafted:
    """One number read on its own: an exclusion by the first row of the exclusions' table that holds,
    else an observation."""
    c = d.doc.context(number)
    category, reason = excluded(c)
    if category:
        return Drafted(number, category, reason, quote=exclusion_quote(c))
    return observe(d, c)


def read_in_order(d: Drafting) -> None:
    """Each uncovered number read in text order, so that a change knows the figure before it; one
    joined to the excluded number before it is excluded alike; one an observation takes as its
    part (its denominator) is no row of its own."""
    for number in d.uncovered:
        if number.start in d.taken or number.start in d.skipped:
            continue
        drafted = read_number(d, number)
        drafted = joined_exclusion(d, drafted) or drafted
        if not drafted.excluded:
            d.taken |= drafted.parts
            d.observations.append(drafted)
        d.decided.append(drafted)


# The passes over a text, in the order they run.
PASSES: tuple[Callable[[Drafting], None], ...] = (
    skip_wholes_said_first,  # a whole said before the figure it divides is part of that figure
    read_in_order,  # every other number: an exclusion, or an observation and its fields
    merge_restated,  # a figure stated twice is one observation quoted at both places
    drop_taken_parts,  # a number an observation takes as its denominator is no exclusion
)


def draft_text(
    text: str,
    language: str,
    event_date: date | None,
    indicators: pd.DataFrame,
    words: pd.DataFrame,
    numbers: list[Number],
    uncovered: list[Number] | None = None,
) -> list[Drafted]:
    """The drafted records of a text's uncovered numbers (all of them when not told), read by the
    passes in their order."""
    d = Drafting.of(
        Text(text, language, event_date, numbers), indicators, words, numbers if uncovered is None else uncovered
    )
    for run in PASSES:
        run(d)
    return d.decided


def draft(root: Path | str, source_id: str) -> Drafts:
    """A row for every number of SOURCE_ID that no observation or exclusion covers yet."""
    project = open_project(root)
    tables = readable_tables(project, "nothing drafted")
    source, text = one_source(project, tables["sources"], source_id)
    texts = {source_id: text}
    language = str(source["language"].iloc[0]) if pd.notna(source["language"].iloc[0]) else ""
    if base_language(language) not in supported_languages():
        raise PublishError(
            f"source {source_id!r} is in {language or 'no language'}; drafting reads {', '.join(supported_languages())}"
        )
    numbers = classify_numbers(source, tables["observations"], tables["exclusions"], texts)
    event = source["event_date"].iloc[0]
    event_date = None if pd.isna(event) else pd.Timestamp(event).date()
    every = [number_of(row) for row in numbers.itertuples()]
    # A number no row covers has no `covered_by`: missing, which pandas holds as NaN, never None.
    uncovered = [n for n, open_ in zip(every, numbers["covered_by"].isna(), strict=True) if open_]
    refuse_past_float_range(uncovered, text, str(source["path"].iloc[0]))
    words = indicator_words(project, tables)
    decided = draft_text(text, base_language(language), event_date, tables["indicators"], words, every, uncovered)
    return rows(project, tables, source_id, text, decided)


def refuse_past_float_range(numbers: list[Number], text: str, path: str) -> None:
    """One clear error for a number too large for any value (past about 1.8e308, a float's range):
    nothing can be drafted of it, and a curator excludes it by hand."""
    from publish.kernels import line_numbers

    for n in numbers:  # a part may be missing (NaN: a date has no value, most numbers no upper end)
        if not any(math.isinf(part) for part in (n.value * n.scale, n.upper * n.scale, n.denominator)):
            continue
        line = int(line_numbers(text, [n.start])[0])
        shown = n.raw if len(n.raw) <= 24 else f"{n.raw[:12]}…{n.raw[-6:]} ({len(n.raw)} characters)"
        raise PublishError(
            f"{path} line {line}: the number {shown} is past the range of a value (about 1.8e308), so nothing "
            "is drafted; exclude it by hand in datapackage/exclusions.csv (publish todo lists it), then draft again"
        )


def indicator_words(project: Project, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The curated words of each indicator per language (empty if the project keeps none); a table
    its checks refuse is one clear error."""
    frame, findings = load_indicator_words(project, tables)
    if findings:
        raise DataRefused(findings, "nothing drafted")
    if frame is None:
        return pd.DataFrame({"indicator_id": [], "language": [], "phrase": []}, dtype=str)
    return frame
