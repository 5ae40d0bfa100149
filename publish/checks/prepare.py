"""What several checks share: the typed tables, the archived texts, every number in them and where
each quote lies are prepared once, as the project is opened; what each quote states, what covers
each number, and the observations' intervals and facts are worked out the first time a check asks,
then kept. The checks read these as plain fields; the speed machinery (the texts parsed in a thread
while the tables load, the column-wide kernels) lives here and in publish.kernels, and nowhere in a
check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from publish.archive import read_texts
from publish.checks.agreement import Conflict, check_agreement, facts, intervals
from publish.checks.coverage import classify_numbers
from publish.checks.provenance import Stated, check_digits, stated_numbers
from publish.checks.spans import Places, TextNumbers, places, text_numbers
from publish.findings import Finding
from publish.kernels import alongside, by_key
from publish.numbers import PYTHON_READS_UP_TO
from publish.project import REQUIRED_TABLES, Project
from publish.tables import load_indicator_words, load_tables

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Prepared:
    project: Project
    files: dict[str, str]  # each table's file, by table name
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # the tables that could be read, typed
    loading: list[Finding] = field(default_factory=list)  # what reading and typing the tables found
    unreadable: list[str] = field(default_factory=list)  # the tables the checks need that could not be read
    texts: dict[str, str] = field(default_factory=dict)  # the archived texts by source_id
    archive: list[Finding] = field(default_factory=list)  # what reading the texts found: paths, hashes, digits
    words: pd.DataFrame | None = None  # the indicators' words, without the rows their own checks refuse
    words_findings: list[Finding] = field(default_factory=list)
    observation_places: Places | None = None  # where each observation's quote first lies
    exclusion_places: Places | None = None  # every place of each exclusion's quote
    numbers_found: TextNumbers | None = None  # every number of every readable text

    @cached_property
    def language(self) -> pd.Series:
        """Per observation: its source's language."""
        sources = self.tables["sources"]
        return self.tables["observations"]["source_id"].map(by_key(sources, "source_id", "language"))

    @cached_property
    def stated(self) -> Stated:
        """What each quote states, and which number states each field."""
        observations, sources, placed = self.tables["observations"], self.tables["sources"], self.observation_places
        found, texts = self.numbers_found, self.texts
        return stated_numbers(observations, placed.first >= 0, self.language, placed, found, sources, texts)

    @cached_property
    def numbers(self) -> pd.DataFrame:
        """Every number, with what covers it."""
        tables = self.tables
        return classify_numbers(
            tables["sources"],
            tables["observations"],
            tables["exclusions"],
            self.texts,
            self.numbers_found,
            self.observation_places,
            self.exclusion_places,
            self.stated,
        )

    @cached_property
    def intervals(self) -> pd.DataFrame:
        """Per observation: its fact and the interval its figure stands for."""
        return intervals(self.tables["observations"], self.stated.steps[["value", "value_upper"]])

    @cached_property
    def facts(self) -> pd.DataFrame:
        """Per fact: its sources, their shared interval, whether they disagree."""
        return facts(self.tables["observations"], self.intervals)

    @cached_property
    def agreement(self) -> tuple[list[Finding], list[Conflict]]:
        """What agreement between sources finds, and the conflicts acknowledged."""
        tables = self.tables
        return check_agreement(tables["observations"], tables["conflicts"], self.intervals, self.facts, self.files)


def prepare(project: Project) -> Prepared:
    """Load the tables and the texts, find every number and place every quote; the rest of what the
    checks share is worked out when first asked for. Stops after loading when a table the checks need
    cannot be read."""
    prepared = Prepared(project, {name: table.path for name, table in project.tables.items()})
    # The texts are parsed in a thread as soon as the sources are read, while the other tables load;
    # texts Python's engine reads (publish.numbers) are parsed at once, since that holds the GIL.
    with alongside() as submit:
        parsing: dict[str, object] = {}

        def start_parsing(name: str, table: pd.DataFrame) -> None:
            if name == "sources":
                prepared.texts, found = read_texts(project, table)
                prepared.archive += found
                small = sum(map(len, prepared.texts.values())) <= PYTHON_READS_UP_TO
                parsing["numbers"] = submit(text_numbers, table, prepared.texts, small=small)
                parsing["digits"] = submit(check_digits, table, prepared.texts, prepared.files["sources"], small=small)

        prepared.tables, prepared.loading = load_tables(project, start_parsing)
        prepared.unreadable = [name for name in REQUIRED_TABLES if name not in prepared.tables]
        if prepared.unreadable:
            return prepared
        _words(prepared)
        prepared.observation_places = places(prepared.tables["observations"], prepared.texts, every=False)
        prepared.exclusion_places = places(prepared.tables["exclusions"], prepared.texts)
        # Asked for only now: the thread reads the numbers first, and the quotes were placed meanwhile.
        prepared.numbers_found = parsing["numbers"].result()
        prepared.archive += parsing["digits"].result()
    return prepared


def _words(prepared: Prepared) -> None:
    """The indicators' words; a row their checks refuse is read by no other check (two "{n}" cannot be)."""
    words, found = load_indicator_words(prepared.project, prepared.tables)
    if words is not None and found:
        words = words.drop(index=[f.row - 2 for f in found if f.row is not None], errors="ignore")
    prepared.words, prepared.words_findings = words, found
