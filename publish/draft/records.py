"""What drafting writes down: a drafted row as a typed record, and what a draft of one text keeps
while it runs (the rows so far, the indicators it proposes)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date

import pandas as pd

from publish.draft.text import Number, Text
from publish.languages.words import phrase_pattern


@dataclass
class Observation:
    """The fields of a drafted observation, as the observations table names them (None: left empty)."""

    indicator_id: str | None = None
    kind: str | None = None
    period_type: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    value: float | None = None
    value_upper: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    change_type: str | None = None
    compared_start: date | None = None
    compared_end: date | None = None
    denominator: float | None = None
    departure: str | None = None

    def cells(self) -> dict[str, object]:
        """The fields that hold something, by their column."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def key(self) -> frozenset:
        """Every field but the indicator: observations alike share it."""
        return frozenset((k, v) for k, v in self.cells().items() if k != "indicator_id")


@dataclass
class ProposedIndicator:
    """An indicator a draft proposes where no indicator's words name a figure."""

    indicator_id: str
    title: str
    unit: str
    topic: str
    definition: str


@dataclass
class Drafted:
    """What the draft says of one number: an exclusion (its category and reason) or an observation."""

    number: Number
    category: str | None = None
    reason: str = ""
    observation: Observation = field(default_factory=Observation)
    why: list[str] = field(default_factory=list)
    quote: tuple[int, int] | None = None
    core: tuple[int, int] | None = None  # the words each field was read from, without the subject
    parts: set[int] = field(default_factory=set)  # where the numbers it takes as its own start (a denominator)
    new_indicator: ProposedIndicator | None = None

    @property
    def excluded(self) -> bool:
        return self.category is not None


@dataclass
class Drafting:
    """One text being drafted: the text, the project's indicators and their words in its language, and
    what the passes have drafted so far."""

    doc: Text
    indicators: pd.DataFrame  # by indicator_id
    uncovered: list[Number]
    indicator_patterns: list[tuple[str, int, re.Pattern[str]]] = field(init=False)
    indicator_phrases: list[str] = field(init=False)  # the phrase of each pattern, as the table writes it
    decided: list[Drafted] = field(default_factory=list)  # in text order
    observations: list[Drafted] = field(default_factory=list)  # every observation read, in text order
    skipped: set[int] = field(default_factory=set)  # the numbers that are part of another figure (their starts)
    taken: set[int] = field(default_factory=set)  # the numbers an observation takes as its own part
    proposed: dict[str, ProposedIndicator] = field(default_factory=dict)  # new indicators, by id
    next_suffix: dict[str, int] = field(default_factory=dict)  # the next number to try after a taken id

    @classmethod
    def of(cls, doc: Text, indicators: pd.DataFrame, words: pd.DataFrame, uncovered: list[Number]) -> Drafting:
        drafting = cls(doc, indicators.set_index("indicator_id"), uncovered)
        mine = words.loc[words["language"] == doc.language]
        kept = [
            (indicator, phrase)
            for indicator, phrase in zip(mine["indicator_id"], mine["phrase"], strict=True)
            if indicator in drafting.indicators.index
        ]
        drafting.indicator_patterns = [
            (indicator, len(phrase.split()), re.compile(phrase_pattern(phrase, ""), re.IGNORECASE))
            for indicator, phrase in kept
        ]
        drafting.indicator_phrases = [phrase for _, phrase in kept]
        return drafting

    def unit_of(self, indicator: str | None, proposed: ProposedIndicator | None = None) -> object:
        """An indicator's unit (NaN where its cell is empty), or that of a proposed one; None for none."""
        if indicator in self.indicators.index:
            return self.indicators.at[indicator, "unit"]
        return proposed.unit if proposed is not None else None
