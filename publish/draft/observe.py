"""An observation drafted from one number: its fields read in the order they depend on one another,
its note (why each field is what it is, in that order) and its quote."""

from __future__ import annotations

from publish.draft import fields as read
from publish.draft.figures import figure_before
from publish.draft.periods import Period, compared, of_baseline, of_level, period
from publish.draft.quote import quote
from publish.draft.records import Drafted, Drafting, Observation
from publish.draft.text import Context, whole_words


def observe(d: Drafting, c: Context) -> Drafted:
    """The fields of the number's observation, each read by its function in fields.py from what the
    fields before it say: the unit, the kind, the indicator, the change's type, the value, the period."""
    unit, unit_found = read.unit(c)
    changes = read.change_words(c) or read.joined_change(d, c)
    kind = read.kind(d, c, unit, unit_found, changes)
    growth = read.growth_rate(c, kind.value, unit)
    chosen = read.indicator(d, c, growth.value, kind.value, changes)
    indicator_unit = d.unit_of(chosen.indicator_id, chosen.proposed)
    change = read.change_type(d, c, growth.value, indicator_unit) if kind.value == "change" else None
    named = read.named(d, c, chosen, change.value[0] if change else growth.value, kind.value, indicator_unit)
    when = period(d.doc, c, kind.value, named.value[2])
    if kind.value == "change":
        when = of_level(when, c, figure_before(d, c) or (d.observations[-1] if d.observations else None))
    if kind.value == "baseline":
        when = of_baseline(d.doc, c, when, figure_before(d, c))
    reads = {
        "qualifier": read.qualifier(c, unit),
        "kind": kind,
        "growth": growth,
        "change": change,
        "named": named,
        "value": read.value(c, kind.value, changes, named.value[2]),
        "denominator": read.denominator(c),
        "departure": read.departure(c),
        "dated": read.dated_kind(c, kind.value, when),
    }
    compared_with = compared(d.doc, c, when.cells) if kind.value == "change" else None
    return drafted(c, chosen, unit_found, reads, when, compared_with)


def drafted(
    c: Context,
    chosen: read.Indicator,
    unit_found,
    reads: dict[str, read.Read | None],
    when: Period,
    compared_with: Period | None,
) -> Drafted:
    """The observation of the fields read, its note and its quote (the words of every field, and its
    subject: the indicator's words, a period named near it)."""
    indicator_id, proposed, unit = reads["named"].value
    amount, upper = reads["value"].value
    change, denominator = reads["change"], reads["denominator"]
    observation = Observation(
        indicator_id=indicator_id,
        kind=reads["dated"].value,
        value=amount,
        value_upper=upper,
        unit=unit,
        qualifier=reads["qualifier"].value,
        change_type=change.value[1] if change else None,
        denominator=denominator.value,
        departure=reads["departure"].value,
        **when.cells,
        **(compared_with.cells if compared_with else {}),
    )
    why = [*reads["value"].why, read.unit_why(unit, unit_found), *reads["qualifier"].why, *reads["kind"].why]
    why += [*reads["growth"].why, *chosen.why, *(change.why if change else []), *reads["named"].why]
    why += [*denominator.why, *reads["departure"].why, when.why, *reads["dated"].why]
    why += [compared_with.why] if compared_with else []
    why.append(f"confidence: {confidence(unit_found, chosen, reads, when, compared_with)}")
    n = c.number
    spans = [(n.start, n.end), *([read.span(unit_found)] if unit_found else [])]
    spans += [*reads["qualifier"].words, *reads["kind"].words, *denominator.words]
    subject = [*reads["named"].words, *read.quoted_period(c, when)]
    subject += [compared_with.words] if compared_with and compared_with.words else []
    return Drafted(
        n,
        observation=observation,
        why=why,
        quote=quote(c, spans + subject, denominator.words),
        core=whole_words(c.text, min(s for s, _ in spans), max(e for _, e in spans), c.sentence),
        parts=denominator.parts,
        new_indicator=proposed,
    )


def confidence(unit_found, chosen: read.Indicator, reads: dict, when: Period, compared: Period | None) -> str:
    """How sure the draft is, from the fields its words give no evidence for: a unit no unit word
    states, an indicator no words of its own name (new,
    or the figure before it's), a period not named beside it, an estimate only because its period is
    still to come, a compared period the text does not state. None is high, one medium, more low."""
    weak = [unit_found is None, not chosen.words_found]
    weak += [when.words is None, reads["dated"].value == "estimate" and reads["kind"].value == "actual"]
    weak.append(compared is not None and not compared.words)
    return ("high", "medium", "low")[min(sum(weak), 2)]
