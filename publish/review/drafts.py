"""The unreviewed drafts of a source, least confident first, and what their notes say of each field.

`publish draft` writes why it chose each field into the row's note (an exclusion's reason), one
clause per field, separated by "; ": "unit usd from '25 tỷ USD'; indicator revenue from 'doanh thu';
period the year 2024". A clause that quotes the text's words is a reading; some clauses say the field
was guessed instead (GUESSES below: no unit word, a new indicator, the report's date for want of a
time, a compared period the text does not state).

How sure a draft is:

- a note that states it ("confidence: low", "medium" or "high") is taken at its word;
- otherwise it is counted from the fields the note marks as guessed: none is high, one medium, two or
  more low.

The walk shows the least confident first (low, medium, high; among equals, the one with more guessed
fields first, then in the order of the text), so that the reviewer's attention goes where the draft
is weakest. A note may list other candidate indicators ("other indicators: a, b"); the review offers
them first when the reviewer chooses another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publish.checks.drafts import comparable
from publish.rules import DRAFT_FIELDS, DRAFT_ID_PREFIX, DRAFT_MARK

CONFIDENCES = ("low", "medium", "high")
STATED_CONFIDENCE = re.compile(r"\bconfidence\s*[:=]?\s*(low|medium|high)\b", re.IGNORECASE)
CANDIDATES = re.compile(r"^(?:other indicators|other candidates|candidates)\s*:\s*(.+)$", re.IGNORECASE)
# The mark as drafting writes it and as a hurried hand may leave it: any case, full-width brackets, a
# space or an invisible character before it or inside it. Deleting it is what accepting a row does.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
MARK = re.compile(
    rf"[\s{INVISIBLE}]*[\[\uff3b][\s{INVISIBLE}]*(?:d|\uff44)[{INVISIBLE}]*(?:r|\uff52)[{INVISIBLE}]*(?:a|\uff41)"
    rf"[{INVISIBLE}]*(?:f|\uff46)[{INVISIBLE}]*(?:t|\uff54)[\s{INVISIBLE}]*[\]\uff3d][\s{INVISIBLE}]*",
    re.IGNORECASE,
)

# The field each clause of a drafted note speaks of, by how the clause begins.
CLAUSE_FIELDS: tuple[tuple[str, str], ...] = (
    (r"value\b", "value"),
    (r"unit\b", "unit"),
    (r"qualifier\b", "qualifier"),
    (r"kind\b", "kind"),
    (r"(?:NEW )?indicator\b|not \S+: its subject|other indicators\b|other candidates\b|candidates\b", "indicator_id"),
    (r"change type\b", "change_type"),
    (r"period\b|undated\b", "period"),
    (r"compared\b", "compared"),
    (r"denominator\b", "denominator"),
    (r"departure\b", "departure"),
    (r"joined to\b", "category"),
)
# The clauses by which a note says a field was guessed rather than read: (field, pattern, what the
# reviewer is told). Any clause that asks to be checked ("(check it)") counts as a guess too.
GUESSES: tuple[tuple[str, str, str], ...] = (
    ("unit", r"no unit word", "no unit word: taken as a count"),
    ("unit", r"the words say no more than", "the indicator's unit, which the words do not say"),
    ("indicator_id", r"^NEW indicator\b", "no indicator's words near it: a new one proposed"),
    ("indicator_id", r"^indicator of the figure before it", "the indicator of the figure before it"),
    ("period", r"^period the report's date$", "the report's date: the text names no time for it"),
    ("period", r"as the sentences before it$", "the time the sentences before it name"),
    ("period", r"as the clause that opens its sentence$", "the time the sentence's first clause names"),
    ("period", r"^undated: the text names no time", "no time named, and the source has no date"),
    ("compared", r"^compared period not stated", "no compared period stated: a year before is assumed"),
    ("kind", r"its period ends after the report's date", "a target because its period ends after the report"),
    ("category", r"^joined to\b", "the category of the number it is joined to"),
    ("category", r"^the count of the items the sentence lists", "a list count, read from a colon after it"),
)


@dataclass(frozen=True)
class Reading:
    """What a drafted row's note (an exclusion's reason) says: why each field was chosen, which were
    guessed, the other candidate indicators, and how sure the draft is."""

    reasons: dict[str, list[str]]  # field (or "note" for a clause of no field) -> clauses
    guessed: tuple[str, ...]  # the fields guessed, in the note's order, each once
    candidates: tuple[str, ...]
    confidence: str
    stated: bool  # whether the note states the confidence

    @property
    def rank(self) -> tuple[int, int]:
        return CONFIDENCES.index(self.confidence), -len(self.guessed)


def without_mark(text: str) -> str:
    """`text` without the draft mark (however written) and the space after it."""
    return MARK.sub(" ", text, count=1).strip() if MARK.search(text) else text


def marks(texts: list[str]) -> list[bool]:
    """Whether each text holds the draft mark, read as `publish validate` reads it (in one pass)."""
    import pandas as pd

    if not texts:
        return []
    return [DRAFT_MARK in text for text in comparable(pd.Series(texts, dtype=object))]


def is_marked(text: str) -> bool:
    return marks([text])[0]


def is_proposed(indicator: dict[str, str]) -> bool:
    """Whether an indicators row is one `publish draft` proposed and nobody has reviewed yet."""
    return indicator.get("indicator_id", "").startswith(DRAFT_ID_PREFIX) or any(
        is_marked(indicator.get(column, "")) for column in DRAFT_FIELDS["indicators"]
    )


def read_note(note: str) -> Reading:
    """What a drafted note says (see the module's docstring)."""
    reasons: dict[str, list[str]] = {}
    guessed: list[str] = []
    candidates: list[str] = []
    last: str | None = None
    for clause in (part.strip() for part in without_mark(note).split("; ")):
        if not clause:
            continue
        field = next((f for pattern, f in CLAUSE_FIELDS if re.match(pattern, clause)), None)
        if field is None and last is not None:  # a clause that goes on after a semicolon of its own
            reasons[last][-1] += "; " + clause
            continue
        field = last = field or "note"
        reasons.setdefault(field, []).append(clause)
        listed = CANDIDATES.match(clause)
        if listed:
            candidates += [c.strip() for c in re.split(r",\s*|\s+or\s+", listed.group(1)) if c.strip()]
            continue
        guess = next((g for g, pattern, _ in GUESSES if re.search(pattern, clause)), None)
        if guess is None and re.search(r"\(check it\)|\bguess", clause, re.IGNORECASE):
            guess = field
        if guess is not None and guess not in guessed:
            guessed.append(guess)
    stated = STATED_CONFIDENCE.search(note)
    if stated:
        confidence = stated.group(1).lower()
    else:
        confidence = "high" if not guessed else "medium" if len(guessed) == 1 else "low"
    return Reading(reasons, tuple(guessed), tuple(dict.fromkeys(candidates)), confidence, stated is not None)


def why_guessed(reading: Reading) -> list[str]:
    """What the reviewer is told of each guessed field."""
    told = []
    for field in reading.guessed:
        clauses = reading.reasons.get(field, [])
        said = next(
            (what for f, pattern, what in GUESSES if f == field and any(re.search(pattern, c) for c in clauses)), None
        )
        told.append(f"{field}: {said or 'the note asks to check it'}")
    return told


@dataclass(frozen=True)
class Draft:
    """One unreviewed row of a source: an observation or an exclusion, its cells as written."""

    table: str  # observations or exclusions
    id: str
    row: int  # as a spreadsheet shows it: the header is row 1
    cells: dict[str, str]
    reading: Reading

    @property
    def source_id(self) -> str:
        return self.cells.get("source_id", "")

    @property
    def note(self) -> str:
        return self.cells.get("note" if self.table == "observations" else "reason", "")

    @property
    def confidence(self) -> str:
        return self.reading.confidence


def note_field(table: str) -> str:
    return DRAFT_FIELDS[table][0]


def drafts_in(
    tables: dict[str, object], source_id: str | None = None, places: dict[tuple[str, str], int] | None = None
) -> list[Draft]:
    """The unreviewed observations and exclusions of `source_id` (or of every source) in `tables` (as
    written, publish.review.table.Written), least confident first; among equals, the more guessed
    fields first, then by `places` (where each (table, id) stands in its text) and by row."""
    found: list[tuple[tuple, Draft]] = []
    for order, name in enumerate(("observations", "exclusions")):
        table = tables[name]
        column = note_field(name)
        flags = marks([row.cells.get(column, "") for row in table.rows])
        for index, (row, flagged) in enumerate(zip(table.rows, flags, strict=True)):
            cells = row.cells
            if not flagged or (source_id is not None and cells.get("source_id") != source_id):
                continue
            draft = Draft(name, cells[table.key], index + 2, dict(cells), read_note(cells.get(column, "")))
            place = (places or {}).get((name, draft.id), 1 << 62)
            found.append(((*draft.reading.rank, place, order, index), draft))
    return [draft for _, draft in sorted(found, key=lambda pair: pair[0])]


def unreviewed(root, source_id: str | None = None) -> list[Draft]:
    """The unreviewed drafts of SOURCE_ID (or of every source), least confident first, per source in the
    order of the sources table."""
    from publish.project import open_project
    from publish.review.table import read_tables
    from publish.tables import readable_tables

    project = open_project(root)
    readable_tables(project, "nothing listed")  # a project validate cannot read lists nothing
    tables = read_tables(project, ("sources", "observations", "exclusions"))
    sources = tables["sources"].ids()
    found = drafts_in(tables, source_id)
    return sorted(found, key=lambda d: sources.index(d.source_id) if d.source_id in sources else len(sources))


def todo_lines(drafts: list[Draft]) -> list[str]:
    """The drafts as publish todo lists them: per source, each with its id, kind and confidence."""
    lines: list[str] = []
    for source_id in dict.fromkeys(d.source_id for d in drafts):
        mine = [d for d in drafts if d.source_id == source_id]
        lines.append(
            f"{source_id}: {len(mine)} unreviewed draft(s), the least confident first (publish review {source_id})"
        )
        for d in mine:
            said = "stated" if d.reading.stated else f"{len(d.reading.guessed)} guessed"
            fields = f": {', '.join(d.reading.guessed)}" if d.reading.guessed else ""
            lines.append(f"  {d.id}  {d.table[:-1]}  {d.confidence} ({said}{fields})")
        lines.append("")
    return lines


def todo_item(draft: Draft) -> dict[str, object]:
    return {
        "item": "draft",
        "source_id": draft.source_id,
        "table": draft.table,
        "id": draft.id,
        "row": draft.row,
        "confidence": draft.confidence,
        "confidence_stated": draft.reading.stated,
        "guessed": list(draft.reading.guessed),
        "quote": draft.cells.get("quote", ""),
    }
