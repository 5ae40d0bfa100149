"""`publish review SOURCE_ID --page`: one offline HTML page of a source's text with every number marked by
what the tables say of it: a reviewed observation's value, a reviewed exclusion, a draft (by how sure
it is), or nothing yet (uncovered). Each marked number links to the rows that cover it, which say why
(the note or reason); every row links back to its numbers. The numbers and what covers them are those
validate's completeness check finds (publish.checks.coverage.classify_numbers); every text that
reaches the page is escaped (jinja2, autoescape on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from publish.errors import PublishError
from publish.project import open_project, refuse_data_target
from publish.review.drafts import marks, read_note, why_guessed, without_mark
from publish.templates import html_template
from publish.writes import write_file

STATUS_WORDS = {
    "accepted": "a reviewed observation",
    "excluded": "a reviewed exclusion",
    "draft-low": "a draft, low confidence",
    "draft-medium": "a draft, medium confidence",
    "draft-high": "a draft, high confidence",
    "uncovered": "no row yet",
}


@dataclass
class Row:
    table: str
    id: str
    status: str
    fields: list[tuple[str, str]]
    why: str
    guessed: list[str]
    numbers: list[str] = field(default_factory=list)  # anchors of the numbers it covers


@dataclass
class Mark:
    anchor: str
    raw: str
    status: str
    rows: list[Row]

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def title(self) -> str:
        said = "; ".join(f"{r.id}: {r.why}" for r in self.rows) or "no observation or exclusion covers it yet"
        return f"{self.words}. {said}"


def status_of(rows: list[Row]) -> str:
    """A number's status: of the least reviewed row covering it (a draft before a reviewed row)."""
    order = ["draft-low", "draft-medium", "draft-high", "accepted", "excluded"]
    return min((r.status for r in rows), key=order.index) if rows else "uncovered"


def page_rows(tables, source_id: str) -> dict[tuple[str, str], Row]:
    """Every observation and exclusion of the source, with what the page says of it."""
    found: dict[tuple[str, str], Row] = {}
    for table, key, note, hidden in (
        ("observations", "observation_id", "note", {"observation_id", "source_id", "note"}),
        ("exclusions", "exclusion_id", "reason", {"exclusion_id", "source_id", "reason"}),
    ):
        frame = tables[table]
        frame = frame.loc[frame["source_id"] == source_id]
        notes = [("" if not isinstance(n, str) else n) for n in frame[note].tolist()]
        for (_, row), text, drafted in zip(frame.iterrows(), notes, marks(notes), strict=True):
            reading = read_note(text)
            reviewed = "accepted" if table == "observations" else "excluded"
            status = f"draft-{reading.confidence}" if drafted else reviewed
            cells = [(name, _cell(value)) for name, value in row.items() if name not in hidden]
            found[(table, str(row[key]))] = Row(
                table,
                str(row[key]),
                status,
                [(name, value) for name, value in cells if value],
                without_mark(text),
                why_guessed(reading) if drafted else [],
            )
    return found


def _cell(value) -> str:
    import pandas as pd

    from publish.findings import text_of

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return text_of(value) or ""


def marks_of(text: str, numbers, tables, rows: dict[tuple[str, str], Row], source_id: str) -> list[Mark]:
    """Each number of the text with the rows covering it: the exclusions that name it inside a place of
    their quote, the observations inside a place of whose quote it stands."""
    from publish.reading import normalised

    spans: list[tuple[int, int, Row, str | None]] = []
    for table in ("observations", "exclusions"):
        frame = tables[table]
        frame = frame.loc[frame["source_id"] == source_id]
        key = "observation_id" if table == "observations" else "exclusion_id"
        for row in frame.itertuples(index=False):
            quote = row.quote
            if not isinstance(quote, str) or not quote:
                continue
            named = normalised(row.number) if table == "exclusions" and isinstance(row.number, str) else None
            at = text.find(quote)
            while at >= 0:
                spans.append((at, at + len(quote), rows[(table, str(getattr(row, key)))], named))
                at = text.find(quote, at + 1)
    found = []
    for number in numbers.sort_values("start").itertuples(index=False):
        start, end, covered_by = int(number.start), int(number.end), number.covered_by
        anchor = f"n{start}"
        covering = [
            row
            for s, e, row, named in spans
            if s <= start
            and end <= e
            and (
                (covered_by == "exclusion" and row.table == "exclusions" and named == normalised(str(number.raw)))
                or (covered_by == "observation" and row.table == "observations")
            )
        ]
        for row in covering:
            row.numbers.append(anchor)
        found.append(Mark(anchor, text[start:end], status_of(covering), covering))
    return found


def pieces(text: str, found: list[Mark], numbers) -> list[list[tuple[str, Mark | None]]]:
    """The text as paragraphs of pieces: plain text (None) and marked numbers."""
    starts = sorted(zip(numbers["start"].astype(int), numbers["end"].astype(int), strict=True))
    by_start = {int(m.anchor[1:]): m for m in found}
    paragraphs: list[list[tuple[str, Mark | None]]] = [[]]
    at = 0

    def plain(chunk: str) -> None:
        lines = chunk.split("\n")
        for number, line in enumerate(lines):
            if number:
                paragraphs.append([])
            if line:
                paragraphs[-1].append((line, None))

    for start, end in starts:
        if start < at:
            continue
        plain(text[at:start])
        paragraphs[-1].append((text[start:end], by_start[start]))
        at = end
    plain(text[at:])
    return [p for p in paragraphs if p]


def render(root: Path | str, source_id: str) -> str:
    from publish.archive import one_source
    from publish.checks.coverage import classify_numbers
    from publish.identity import safe_url
    from publish.tables import readable_tables

    project = open_project(root)
    tables = readable_tables(project, "no page written")
    source, text = one_source(project, tables["sources"], source_id)
    texts = {source_id: text}
    numbers = classify_numbers(source, tables["observations"], tables["exclusions"], texts)
    numbers = numbers.loc[numbers["doc"] == source_id]
    rows = page_rows(tables, source_id)
    found = marks_of(text, numbers, tables, rows, source_id)
    counts = {status: sum(1 for m in found if m.status == status) for status in STATUS_WORDS}
    first = source.iloc[0]
    return html_template("review", "page.html.j2").render(
        source_id=source_id,
        title=_cell(first.get("title")),
        publisher=_cell(first.get("publisher")),
        url=safe_url(_cell(first.get("url"))) if _cell(first.get("url")) else None,
        url_text=_cell(first.get("url")),
        paragraphs=pieces(text, found, numbers),
        rows=list(rows.values()),
        counts=counts,
        words=STATUS_WORDS,
        total=len(found),
    )


def write_page(root: Path | str, source_id: str, out: Path | None = None) -> Path:
    """Write the review page of SOURCE_ID to `out` (default review-SOURCE_ID.html); the file written."""
    project = open_project(root)
    target = Path(out) if out is not None else Path(f"review-{source_id}.html")
    refuse_data_target(project, target, "--out")
    if target.is_dir():
        raise PublishError(f"--out {target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise PublishError(f"--out {target}: the folder {target.parent} does not exist")
    html = render(root, source_id)
    return write_file(target, html, within=target.parent)
