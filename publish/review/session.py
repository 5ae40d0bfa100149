"""`publish review SOURCE_ID`: the drafts of a source, one at a time, least confident first, in the
manner of `git add -p`. For each: the sentence with its number marked, the drafted fields and why each
was chosen (the note), what was guessed, the other candidate indicators; then one key. Every decision
is checked and written at once (publish.review.decide): quitting, Ctrl-C or a crash loses at most the
row on screen.

Keys are read as lines (a key and Enter), so the walk runs the same in a terminal, through a pipe and
under Click's test runner; colours are only an aid, the number is marked »so« without them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from publish.project import Project, open_project
from publish.review.decide import (
    INDICATOR_ID,
    Outcome,
    Pending,
    Stale,
    decide_accept,
    decide_reject,
    known_source,
    load,
)
from publish.review.drafts import Draft, drafts_in, is_proposed, note_field, read_note, why_guessed, without_mark
from publish.rules import DRAFT_ID_PREFIX, DRAFT_MARK
from publish.writes import project_changing

KEYS = {
    "a": "accept the row as shown: validate checks it first, then it is written",
    "e": "edit a field (Enter keeps its value, a lone - empties it)",
    "i": "choose another indicator, or name a new one",
    "x": "turn an observation into an exclusion, or an exclusion into an observation",
    "r": "reject: delete the drafted row",
    "s": "skip it for now",
    "q": "quit: every decision so far is written",
    "?": "this help",
}
EMPTY = "-"  # typed as a field's new value, it empties the field: no valid cell is a lone "-"
CONFIDENCE_COLOURS = {"low": "red", "medium": "yellow", "high": "green"}


@dataclass
class Tally:
    source_id: str
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    left: int = 0
    quit: bool = False

    def text(self) -> str:
        parts = [f"{len(self.accepted)} accepted", f"{len(self.rejected)} rejected", f"{len(self.skipped)} skipped"]
        ending = (
            f"{self.left} draft(s) left: run publish review {self.source_id} again"
            if self.left
            else f"no drafts left in {self.source_id}: run publish validate"
        )
        return f"{self.source_id}: {', '.join(parts)}; {ending}."


@dataclass
class Source:
    """What the walk shows of the source: its text, language and date, the indicators and units."""

    id: str
    text: str
    language: str
    event_date: str
    indicators: dict[str, dict[str, str]]
    enums: dict[tuple[str, str], list[str]]


def read_source(project: Project, source_id: str) -> Source:
    from publish.archive import one_source
    from publish.numbers import base_language
    from publish.tables import readable_tables

    typed = readable_tables(project, "nothing reviewed")
    row, text = one_source(project, typed["sources"], source_id)
    texts = {source_id: text}
    event = row["event_date"].iloc[0]
    enums = {
        (name, f["name"]): list(f.get("constraints", {}).get("enum", []))
        for name in ("indicators", "exclusions", "observations")
        for f in project.tables[name].fields
    }
    indicators = load(project)["indicators"]
    return Source(
        source_id,
        texts[source_id],
        base_language(str(row["language"].iloc[0])),
        "" if event is None or str(event) in ("NaT", "nan") else str(event)[:10],
        {i: indicators.get(i) for i in indicators.ids()},
        enums,
    )


# --- What is shown ---------------------------------------------------------------------------------


def number_place(cells: dict[str, str], table: str, source: Source) -> tuple[int, int, int] | None:
    """(quote start, number start, number end) in the text: the number the row is about inside the
    first place of its quote (an exclusion's number; the number that states an observation's value)."""
    import pandas as pd

    from publish.numbers import find_numbers

    quote = cells.get("quote", "")
    at = source.text.find(quote) if quote else -1
    if at < 0:
        return None
    numbers = find_numbers(pd.Series([quote]), source.language)
    if numbers.empty:
        return None
    if table == "exclusions":
        picked = numbers.loc[numbers["raw"] == cells.get("number", "")]
    else:
        try:
            value = abs(float(cells.get("value", "")))
        except ValueError:
            value = float("nan")
        picked = numbers.loc[(numbers["value"] * numbers["scale"] - value).abs() <= 1e-9 * max(value, 1)]
    chosen = (picked if not picked.empty else numbers).iloc[0]
    return at, at + int(chosen["start"]), at + int(chosen["end"])


def sentence_shown(cells: dict[str, str], table: str, source: Source) -> str:
    """The line number and sentence of the row's quote, its number marked »so« (and in colour)."""
    import numpy as np

    from publish.kernels import line_numbers
    from publish.reading import SENTENCE_END

    place = number_place(cells, table, source)
    if place is None:
        quote = cells.get("quote", "")
        return f"  (the quote {quote!r} is not in the text: edit the quote)"
    _, start, end = place
    text = source.text
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    after = SENTENCE_END.search(text, end)
    right = after.end() if after else len(text)
    line = int(line_numbers(text, np.array([start]))[0])
    number = click.style(f"»{text[start:end]}«", bold=True, fg="yellow")
    shown = f"{text[left:start]}{number}{text[end:right]}".strip()
    return f"  line {line}: " + " ".join(shown.split())


def fields_shown(pending: Pending, source: Source) -> list[str]:
    """Each filled field with why it was chosen, as the note says."""
    cells = pending.cells
    note = cells.get(note_field(pending.table), "")
    reading = read_note(note)
    groups = {
        "period_type": "period",
        "period_start": "period",
        "period_end": "period",
        "compared_start": "compared",
        "compared_end": "compared",
    }
    hidden = {"source_id", "note", "reason", "observation_id", "exclusion_id"}
    width = max((len(name) for name in cells), default=0)
    lines, used = [], set()
    for name, value in cells.items():
        if name in hidden or value == "":
            continue
        reason_key = groups.get(name, name)
        reasons = reading.reasons.get(reason_key, []) if reason_key not in used else []
        used.add(reason_key)
        if name in pending.edited:
            reasons = ["edited"]
        shown = value
        if name == "indicator_id" and value in source.indicators:
            shown = f"{value} ({source.indicators[value].get('title', '')}, {source.indicators[value].get('unit', '')})"
        if name == "indicator_id" and value in source.indicators and is_proposed(source.indicators[value]):
            title = without_mark(source.indicators[value].get("title", ""))
            shown = f"{value} (proposed by the draft: {title}, {source.indicators[value].get('unit', '')})"
        elif name == "indicator_id" and pending.indicator is not None:
            shown = f"{value} (new: {pending.indicator.get('title', '')}, {pending.indicator.get('unit', '')})"
        why = "   " + click.style("← " + "; ".join(reasons), dim=True) if reasons else ""
        lines.append(f"  {name:<{width}}  {shown}{why}")
    rest = reading.reasons.get("note", []) + [
        c
        for f, cs in reading.reasons.items()
        if f not in cells and f not in ("note", "period", "compared", "indicator_id")
        for c in cs
    ]
    if pending.table == "exclusions":
        lines.append(f"  {'reason':<{width}}  {without_mark(note)}")
    elif rest:
        lines.append(f"  {'note':<{width}}  " + "; ".join(rest))
    if reading.candidates:
        listed = ", ".join(reading.candidates)
        lines.append(f"  other candidate indicators: {listed} (key i)")
    return lines


def header_shown(pending: Pending, position: int, total: int) -> list[str]:
    draft = pending.draft
    reading = read_note(pending.cells.get(note_field(pending.table), "")) if pending.converted else draft.reading
    confidence = reading.confidence
    kind = pending.table[:-1]
    turned = f", turned from the {draft.table[:-1]} {draft.id}" if pending.converted else ""
    said = "stated in its note" if reading.stated else f"{len(reading.guessed)} field(s) guessed"
    lines = [
        click.style(f"── {position}/{total}  {draft.id}", bold=True)
        + f"  {kind}{turned}, row {draft.row} of {draft.table}; confidence "
        + click.style(confidence, fg=CONFIDENCE_COLOURS[confidence], bold=True)
        + f" ({said})"
    ]
    lines += [f"  guessed {item}" for item in why_guessed(reading)]
    return lines


def help_text() -> str:
    return "\n".join(f"  {key}  {what}" for key, what in KEYS.items())


# --- The keys ----------------------------------------------------------------------------------------


def ask(text: str, default: str | None = None, choices: list[str] | None = None) -> str:
    kind = click.Choice(choices) if choices else None
    answer = click.prompt(text, default=default, type=kind, show_default=default not in (None, ""), show_choices=True)
    return str(answer).strip()


def edit(pending: Pending) -> None:
    names = [n for n in pending.cells if n not in ("observation_id", "exclusion_id", "source_id")]
    name = ask("Field", choices=names)
    value = ask(f"New {name}", default=pending.cells.get(name, ""))
    pending.cells[name] = "" if value == EMPTY else value
    pending.edited.add(name)


def candidates(pending: Pending, source: Source) -> list[str]:
    """The indicators to offer: those the note lists, then those in the row's unit."""
    listed = [c for c in read_note(pending.draft.note).candidates if c in source.indicators]
    unit = pending.cells.get("unit", "")
    same_unit = [i for i, row in source.indicators.items() if row.get("unit") == unit and i not in listed]
    current = pending.cells.get("indicator_id", "")
    return [i for i in [*listed, *same_unit] if i != current and not i.startswith(DRAFT_ID_PREFIX)]


def choose_indicator(pending: Pending, source: Source) -> None:
    """Another indicator for the row: one of the candidates, any existing id, or a new id, which is
    defined here (and replaces the proposed indicator the row named, in every row naming it)."""
    offered = candidates(pending, source)
    for number, indicator in enumerate(offered, start=1):
        row = source.indicators[indicator]
        click.echo(f"  {number}  {indicator}  {row.get('title', '')} ({row.get('unit', '')})")
    answer = ask("Indicator (a number above, an indicator id, or a new id)")
    if answer.isdigit() and 1 <= int(answer) <= len(offered):
        answer = offered[int(answer) - 1]
    current = pending.cells.get("indicator_id", "")
    proposed = current if current in source.indicators and is_proposed(source.indicators[current]) else None
    if answer in source.indicators and not answer.startswith(DRAFT_ID_PREFIX):
        pending.indicator, pending.renames = None, None
        pending.cells["indicator_id"] = answer
        pending.edited.add("indicator_id")
        unit = source.indicators[answer].get("unit", "")
        if pending.cells.get("kind") != "change" and unit and pending.cells.get("unit") != unit:
            click.echo(f"  unit {pending.cells.get('unit')} -> {unit}, the indicator's")
            pending.cells["unit"] = unit
        ask_phrase(pending, source, answer)
        return
    if not INDICATOR_ID.fullmatch(answer) or answer.startswith(DRAFT_ID_PREFIX):
        click.echo(f"  {answer!r} is no indicator; a new one needs a snake_case id not starting {DRAFT_ID_PREFIX}")
        return
    drafted = source.indicators.get(proposed, {}) if proposed else {}
    topics = source.enums.get(("indicators", "topic")) or None
    pending.indicator = {
        "indicator_id": answer,
        "title": ask("Title (in English)", default=without_mark(drafted.get("title", "")) or None),
        "unit": ask("Unit", default=drafted.get("unit") or pending.cells.get("unit") or None),
        "topic": ask("Topic", default=drafted.get("topic") or None, choices=topics),
        "definition": ask("Definition", default=without_mark(drafted.get("definition", "")) or None),
    }
    pending.renames = proposed
    pending.cells["indicator_id"] = answer
    pending.edited.add("indicator_id")
    ask_phrase(pending, source, answer)


def ask_phrase(pending: Pending, source: Source, indicator: str) -> None:
    """The words of the sentence that name the indicator, for its phrases (curation/indicator_words.csv):
    validate proves an observation's indicator by them, and drafting finds the next report's by them."""
    phrase = ask(f"Words of the sentence naming {indicator}, added to its {source.language} phrases (Enter: none)", "")
    if phrase:
        pending.phrases.append((indicator, source.language, phrase))


def convert(pending: Pending, source: Source) -> None:
    """The row on screen turned into an exclusion (an observation) or an observation (an exclusion)."""
    cells, draft = pending.cells, pending.draft
    if pending.table == "observations":
        place = number_place(cells, "observations", source)
        number = source.text[place[1] : place[2]] if place else cells.get("value", "")
        import pandas as pd

        from publish.numbers import find_numbers

        found = find_numbers(pd.Series([number]), source.language)
        raw = str(found["raw"].iloc[0]) if not found.empty else number
        category = ask("Category", choices=source.enums.get(("exclusions", "category")) or None)
        reason = ask("Reason")
        pending.table = "exclusions"
        pending.cells = {
            "exclusion_id": "",
            "source_id": cells.get("source_id", draft.source_id),
            "quote": cells.get("quote", ""),
            "number": raw,
            "category": category,
            "reason": f"{DRAFT_MARK} {reason}",
        }
        pending.indicator, pending.renames = None, None
        return
    import pandas as pd

    from publish.numbers import find_numbers

    found = find_numbers(pd.Series([cells.get("quote", "")]), source.language)
    found = found.loc[found["raw"] == cells.get("number", "")]
    value = found.iloc[0] if not found.empty else None
    pending.table = "observations"
    period = (
        {"period_type": "point", "period_start": source.event_date, "period_end": source.event_date}
        if source.event_date
        else {"period_type": "undated"}
    )
    pending.cells = {
        "observation_id": "",
        "indicator_id": "",
        "source_id": cells.get("source_id", draft.source_id),
        "kind": "actual",
        **period,
        "value": _number(value["value"] * value["scale"]) if value is not None else "",
        "value_upper": _number(value["upper"] * value["scale"]) if value is not None else "",
        "unit": "",
        "qualifier": "exact",
        "quote": cells.get("quote", ""),
        "note": f"{DRAFT_MARK} drafted as an exclusion ({cells.get('category', '')}: "
        f"{without_mark(cells.get('reason', ''))}); period the report's date",
    }
    choose_indicator(pending, source)
    if not pending.cells.get("unit"):
        indicator = pending.indicator or source.indicators.get(pending.cells.get("indicator_id", ""), {})
        pending.cells["unit"] = indicator.get("unit", "")


def _number(value: float) -> str:
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.15g}"


def told(outcome: Outcome) -> None:
    for line in outcome.told:
        click.echo(f"  validate will say: {line}")


# --- The walk -----------------------------------------------------------------------------------------


def review(root: Path | str, source_id: str) -> Tally:
    """Walk the unreviewed drafts of SOURCE_ID in the terminal, least confident first."""
    project = open_project(root)
    with project_changing(project) as recovered:  # finish what an interrupted decision left, first
        for done in recovered:
            click.echo(f"Found an interrupted change of the tables: {done}")
    source = read_source(project, source_id)
    tables = load(project)
    known_source(tables, source_id)
    order = [(d.table, d.id) for d in drafts_in(tables, source_id, places(tables, source))]
    tally = Tally(source_id)
    if not order:
        click.echo(f"{source_id}: no unreviewed drafts (publish draft {source_id} drafts its uncovered numbers).")
        return tally
    click.echo(f"{source_id}: {len(order)} draft(s), the least confident first. Keys: {', '.join(KEYS)} (? for help)")
    for position, (table, key) in enumerate(order, start=1):
        draft = find(project, source_id, table, key)
        if draft is None:
            continue
        if walk_one(project, source, Pending.of(draft), position, len(order), tally):
            tally.quit = True
            break
    tally.left = len(drafts_in(load(project), source_id))
    return tally


def places(tables, source: Source) -> dict[tuple[str, str], int]:
    return {
        (name, row.cells[tables[name].key]): source.text.find(row.cells.get("quote", "") or "\0")
        for name in ("observations", "exclusions")
        for row in tables[name].rows
        if row.cells.get("source_id") == source.id
    }


def find(project: Project, source_id: str, table: str, key: str) -> Draft | None:
    return next((d for d in drafts_in(load(project), source_id) if (d.table, d.id) == (table, key)), None)


def walk_one(project: Project, source: Source, pending: Pending, position: int, total: int, tally: Tally) -> bool:
    """Show one draft and act on keys until it is decided or skipped; True when the reviewer quits."""
    shown = True
    while True:
        if shown:
            click.echo("")
            for line in header_shown(pending, position, total):
                click.echo(line)
            click.echo(sentence_shown(pending.cells, pending.table, source))
            for line in fields_shown(pending, source):
                click.echo(line)
        shown = True
        try:
            key = ask(f"{pending.draft.id}: {','.join(KEYS)}", default="").lower()[:1]
        except click.Abort:
            click.echo("")
            return True
        try:
            if key == "a":
                outcome = decide_accept(project, pending)
                if outcome.written:
                    tally.accepted.append(outcome.id)
                    turned = f" as {outcome.table[:-1]} {outcome.id}" if pending.converted else ""
                    click.echo(click.style(f"Accepted {pending.draft.id}{turned}.", fg="green"))
                    told(outcome)
                    if pending.indicator is not None:
                        source.indicators[pending.indicator["indicator_id"]] = dict(pending.indicator)
                    return False
                click.echo(click.style(f"Not accepted: {pending.draft.id} would not validate:", fg="red"))
                for line in outcome.refused:
                    click.echo(f"  {line}")
                told(outcome)
                click.echo("  Edit it (e, i, x) or reject it (r).")
                shown = False
            elif key == "r":
                outcome = decide_reject(project, pending.draft)
                if outcome.written:
                    tally.rejected.append(pending.draft.id)
                    click.echo(f"Rejected {pending.draft.id}: deleted.")
                    return False
                click.echo("Not rejected: " + "; ".join(outcome.refused))
                shown = False
            elif key == "e":
                edit(pending)
            elif key == "i":
                if pending.table != "observations":
                    click.echo("  An exclusion has no indicator; turn it into an observation with x.")
                    shown = False
                else:
                    choose_indicator(pending, source)
            elif key == "x":
                convert(pending, source)
            elif key == "s":
                tally.skipped.append(pending.draft.id)
                return False
            elif key == "q":
                return True
            else:
                click.echo(help_text())
                shown = False
        except click.Abort:
            click.echo("")
            return True
        except Stale as stale:
            click.echo(f"  {stale} Shown again as it is now.")
            draft = find(project, source.id, pending.draft.table, pending.draft.id)
            if draft is None:
                return False
            pending = Pending.of(draft)
