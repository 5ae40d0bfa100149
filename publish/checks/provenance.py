"""Provenance: each quote is in its archived source and states its number.

The numbers of all quotes of one language are read in one pass of the shared
parser; matching them to the values is a join, not a loop over rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from publish.checks.spans import Places, TextNumbers, numbers_within, parsable, text_numbers
from publish.findings import Finding, findings_from, reports
from publish.kernels import arrow_text, by_key, is_in, joined_by_key, matched_length, matches, on_every_core
from publish.languages.words import phrase_sides, phrase_words
from publish.numbers import base_language, find_numbers, supported_languages
from publish.reading import joined, normalised

if TYPE_CHECKING:
    from publish.checks.prepare import Prepared

# Departures whose value the literal text does not state, so no number is matched: a garbled number
# corrected. A spelled-out number is read from its words like any other.
UNMATCHED_DEPARTURES = ("corrected",)
TARGETS = {
    "value": "quote.states_value",
    "value_upper": "quote.states_upper",
    "denominator": "quote.states_denominator",
}
# The parts of a number as written, by code, and which of them may state each target field: a
# range's upper end states only value_upper, a fraction's denominator only the denominator.
ROLES = {"value": 0, "upper": 1, "denominator": 2}
TARGETS_ROLES = {
    "value": (ROLES["value"],),
    "value_upper": (ROLES["upper"],),
    "denominator": (ROLES["value"], ROLES["denominator"]),
}


def check_digits(sources: pd.DataFrame, texts: dict[str, str], file: str) -> list[Finding]:
    """An archived text whose digits are not all ASCII (a full-width '７', an Arabic-Indic '٣'): the
    parser reads numbers in ASCII digits, so such a text could hold numbers no check ever sees.
    Found column-wide, in one pass: a decimal digit that is not one of 0-9."""
    import pyarrow as pa
    import pyarrow.compute as pc

    listed = sources.loc[sources["source_id"].isin(list(texts))]
    if listed.empty:
        return []
    strings = pa.array([texts[s] for s in listed["source_id"]], pa.large_string())
    other_digits = on_every_core(pc.match_substring_regex, strings, r"[^\P{Nd}0-9]").to_numpy(zero_copy_only=False)
    return findings_from(
        listed,
        where=pd.Series(other_digits, index=listed.index),
        file=file,
        rule="source.digits",
        field="path",
        message="a text whose digits are ASCII (0-9): the parser cannot read the others, so their numbers "
        "would go unchecked; archive a text written with them only as a translation's source",
    )


@reports("source.language")
def check_languages(p: Prepared) -> list[Finding]:
    """A source in a language whose numbers the parser cannot read (its digits would go unchecked)."""
    sources, file = p.tables["sources"], p.files["sources"]
    return findings_from(
        sources,
        where=sources["language"].notna() & ~parsable(sources["language"]),
        file=file,
        rule="source.language",
        field="language",
        message="a language whose numbers the parser can read: " + ", ".join(supported_languages()),
    )


@reports("quote.in_source", "exclusion.in_source")
def check_quotes_in_sources(p: Prepared) -> list[Finding]:
    """An observation's or an exclusion's quote that does not occur verbatim in its archived source."""
    return [
        *_not_in_source(p.tables["observations"], p.texts, p.observation_places, p.files["observations"], "quote"),
        *_not_in_source(p.tables["exclusions"], p.texts, p.exclusion_places, p.files["exclusions"], "exclusion"),
    ]


def _not_in_source(rows: pd.DataFrame, texts: dict[str, str], placed: Places, file: str, kind: str) -> list[Finding]:
    return findings_from(
        rows,
        where=is_in(rows["source_id"], list(texts)) & (placed.first < 0),
        file=file,
        rule=f"{kind}.in_source",
        field="quote",
        message="words that occur verbatim in the archived source",
    )


def numbers_in(quotes: pd.Series, languages: pd.Series, symbols: pd.Series) -> pd.DataFrame:
    """Every number in each quote, read by its source's language (and symbols, if given)."""
    frames = []
    keys = pd.DataFrame({"language": languages, "symbols": symbols.astype(object).where(symbols.notna(), "")})
    for (language, symbol_language), group in keys.groupby(["language", "symbols"], sort=False):
        frames.append(find_numbers(quotes.loc[group.index], language, symbol_language or None))
    return pd.concat(frames, ignore_index=True) if frames else find_numbers(pd.Series(dtype=str), "en")


# The columns of the parser's rows a quote's numbers are matched and shown by.
NUMBER_COLUMNS = [
    *("start", "end", "raw", "value", "upper", "denominator"),
    *("scale", "decimals", "upper_decimals", "percent"),
]


def candidates(numbers: pd.DataFrame) -> pd.DataFrame:
    """Each number a quote offers, scaled to base units, with its precision step, its role in the
    number as written (the value, the upper end of a range, the denominator of a fraction) and its
    place among the quote's numbers. A whole ("dari 193", "out of 193") offers only a denominator."""
    scale = numbers["scale"].to_numpy()
    doc = numbers["doc"].to_numpy()
    # Each quote's numbers are contiguous rows in text order: a number's place is its row less the first.
    first = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]][: len(doc)])
    place = np.arange(len(doc)) - np.repeat(first, np.diff(np.r_[first, len(doc)]))
    whole = numbers["whole"].to_numpy()
    offered = pd.DataFrame(
        {
            "doc": np.concatenate([doc, doc, doc]),
            "number": np.concatenate(
                [
                    np.where(whole, np.nan, numbers["value"].to_numpy() * scale),
                    numbers["upper"].to_numpy() * scale,
                    np.where(whole, numbers["value"].to_numpy() * scale, numbers["denominator"].to_numpy()),
                ]
            ),
            "step": np.concatenate(
                [
                    10.0 ** -numbers["decimals"].to_numpy() * scale,
                    10.0 ** -numbers["upper_decimals"].to_numpy() * scale,
                    np.ones(len(numbers)),
                ]
            ),
            "role": np.repeat(np.arange(len(ROLES), dtype=np.int8), len(numbers)),
            "place": np.concatenate([place, place, place]),
            "at": np.tile(np.arange(len(numbers)), 3),  # the row of `numbers` it comes from
        },
        copy=False,  # the arrays are new: copying them into one block costs more than building them
    )
    return offered.loc[offered["number"].notna()]


def same_number(number: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The number as written is the target: equal but for the last bits of a float (the product of
    the digits and their scale), so "1,9 quadrillion" states 1900000000000000 and not a million more."""
    with np.errstate(over="ignore", invalid="ignore"):  # the largest float's spacing is infinite: nothing is near it
        return np.abs(number - target) <= 4 * np.spacing(np.abs(target))


@dataclass(frozen=True)
class Stated:
    """What each observation's quote states, as provenance reads it."""

    read: pd.Series  # the rows whose quote was found and read (literal, in a language the parser knows)
    numbers: pd.DataFrame  # the numbers of those quotes (NUMBER_COLUMNS columns), `doc` the observation's index
    steps: pd.DataFrame  # per row and target field: the precision step of the number stating it, or NaN
    stating: pd.DataFrame  # per row and target field: the row of `numbers` stating it, or -1
    first: pd.Series  # per row: where its quote first occurs in its source, or -1


def stated_numbers(
    observations: pd.DataFrame,
    found: pd.Series,
    language: pd.Series,
    placed: Places,
    text_numbers_found: TextNumbers,
    sources: pd.DataFrame | None = None,
    texts: dict[str, str] | None = None,
) -> Stated:
    """The numbers each quote states and which of them states each target field (value, value_upper,
    denominator). A quote states the numbers lying wholly inside its place in the text (`placed`,
    `text_numbers_found`); a quote read with another language's symbols (`parse_language`) states the
    numbers of its text read so, in the same place, so that a quote cut inside a number proves nothing."""
    read = found & ~observations["departure"].isin(UNMATCHED_DEPARTURES) & parsable(language)
    # A row whose parse_language the parser cannot read is reported by the schema's enum.
    own_symbols = read & parsable(observations["parse_language"])
    numbers = _within(observations, read & ~own_symbols, placed, text_numbers_found)
    if own_symbols.any():  # read with other symbols: their rows are no rows of `text_numbers_found`
        others = [
            _within(observations, own_symbols & (observations["parse_language"] == symbols), placed, read_so)
            for symbols, read_so in _read_with_symbols(observations, own_symbols, sources, texts)
        ]
        numbers = pd.concat([numbers, *(other.assign(text_row=-1) for other in others)], ignore_index=True)
        numbers = numbers.sort_values(["doc", "start"], kind="stable", ignore_index=True)
    numbers["whole"] = wholes(numbers, observations, language, placed)
    steps, stating = _stating(observations, read, candidates(numbers))
    return Stated(read, numbers, steps, stating, placed.first)


def _stating(observations: pd.DataFrame, read: pd.Series, offered: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per row and target field: the precision step of the number of its quote (`offered`, see
    `candidates`) that states it, and that number's row in the quote's numbers (or NaN and -1).
    A number states a field when it is the field's value as written (`same_number`: "ke-71" states
    71, not 71.5) in a role that may state it; of several, the most precise, then the first. A
    denominator is also a number after the value ("71 out of 193"), or a whole said before it that
    is no smaller ("Of the 1,203 tasks, 1,056 were completed"), so that "35 dari 53" read backwards
    (53 of 35) still fails."""
    row = observations.index.get_indexer(offered["doc"])  # each number's observation, by position
    number, step, role, place, at = (offered[c].to_numpy() for c in ("number", "step", "role", "place", "at"))
    reading = read.to_numpy(dtype=bool, na_value=False)
    value = observations["value"].abs().to_numpy(dtype=float, na_value=np.nan)
    steps = np.full((len(observations), len(TARGETS)), np.nan)
    stating = np.full((len(observations), len(TARGETS)), -1, dtype="int64")
    value_place = np.full(len(observations), -1, dtype="int64")
    for column, (target, roles) in enumerate(TARGETS_ROLES.items()):
        field = observations[target].abs().to_numpy(dtype=float, na_value=np.nan)
        mine = np.flatnonzero((row >= 0) & (reading & ~np.isnan(field))[row])
        rows = row[mine]
        ok = same_number(number[mine], field[rows]) & np.isin(role[mine], roles)
        if target == "denominator":
            later, before = place[mine] > value_place[rows], place[mine] < value_place[rows]
            ok &= (role[mine] == ROLES["denominator"]) | later | (before & (number[mine] >= value[rows]))
        mine, rows = mine[ok], rows[ok]
        first = mine[np.lexsort((mine, step[mine], rows))]  # by row, the most precise, then the first
        first = first[np.r_[True, row[first][1:] != row[first][:-1]]] if len(first) else first
        steps[row[first], column], stating[row[first], column] = step[first], at[first]
        if target == "value":  # where each value was said (its earliest place), for a denominator after it
            never = np.iinfo("int64").max
            earliest = np.full(len(observations), never)
            np.minimum.at(earliest, rows, place[mine].astype("int64"))
            value_place = np.where(earliest < never, earliest, -1)
    columns = list(TARGETS)
    return (
        pd.DataFrame(steps, index=observations.index, columns=columns),
        pd.DataFrame(stating, index=observations.index, columns=columns),
    )


def _within(observations: pd.DataFrame, rows: pd.Series, placed: Places, found: TextNumbers) -> pd.DataFrame:
    """The numbers of the text inside each of these rows' quotes, `doc` the row's index."""
    return numbers_within(
        observations.loc[rows, "source_id"],
        placed.first[rows],
        placed.first[rows] + observations.loc[rows, "quote"].str.len(),
        found,
        NUMBER_COLUMNS,
    )


def _read_with_symbols(observations, own_symbols, sources, texts):
    """Per `parse_language` of these rows: the numbers of their sources' texts read with its symbols."""
    if not own_symbols.any():
        return
    for symbols in observations.loc[own_symbols, "parse_language"].unique():
        mine = observations.loc[own_symbols & (observations["parse_language"] == symbols), "source_id"].unique()
        yield symbols, text_numbers(sources.loc[sources["source_id"].isin(mine)], texts, symbols)


def base_languages(tags: pd.Series) -> pd.Series:
    """Each BCP 47 tag's language subtag, looked up once per distinct tag (a column holds a handful)."""
    distinct = tags.dropna().unique()
    return tags.map(dict(zip(distinct, map(base_language, distinct), strict=True)))


def wholes(numbers: pd.DataFrame, observations: pd.DataFrame, language: pd.Series, placed: Places) -> np.ndarray:
    """Whether each number of the quotes is a whole: said in its language's words for "out of"
    ("dari 193", "trên 193", "sur 193", "pour 100 habitants": the words after the number too, where
    the phrase has some) with a number before it in the quote. A whole states a denominator, never
    the value ("71 dari 193" does not state 193; "pour 12 projets" is no whole)."""
    whole = np.zeros(len(numbers), dtype=bool)
    doc = numbers["doc"].to_numpy()
    later = np.flatnonzero(np.r_[False, doc[1:] == doc[:-1]])  # not the first number of its quote
    if not len(later):
        return whole
    codes = base_languages(language.reindex(doc[later])).to_numpy()
    for code in pd.unique(codes):
        pairs = [pair for pair in phrase_sides(code, "out_of") if pair[0]] if code in supported_languages() else ()
        if not pairs:
            continue
        rows = later[codes == code]
        quotes = observations["quote"].reindex(doc[rows]).to_numpy(dtype=object)
        firsts = placed.first.reindex(doc[rows]).to_numpy()
        starts, ends = numbers["start"].to_numpy()[rows] - firsts, numbers["end"].to_numpy()[rows] - firsts
        before = arrow_text(pd.Series([q[:s] for q, s in zip(quotes, starts, strict=True)], dtype=object))
        after = arrow_text(pd.Series([q[e:] for q, e in zip(quotes, ends, strict=True)], dtype=object))
        for before_words, after_words in pairs:
            said = matches(before, before_words) & (matches(after, after_words) if after_words else True)
            whole[rows] |= said
    return whole


@reports("quote.states_value", "quote.states_upper", "quote.states_denominator")
def check_stated_numbers(p: Prepared) -> list[Finding]:
    """A quote that does not state the value, the upper value or the denominator its row gives."""
    observations, stated, findings = p.tables["observations"], p.stated, []
    for target, rule in TARGETS.items():
        missing = observations.index[stated.read & observations[target].notna() & stated.steps[target].isna()]
        if missing.empty:
            continue
        numbers = stated.numbers
        in_missing = numbers["doc"].isin(missing)
        said = joined_by_key(numbers.loc[in_missing, "doc"], numbers.loc[in_missing, "raw"], ", ")
        said = said.reindex(missing).fillna("no number")
        findings += findings_from(
            observations.loc[missing].assign(said=said),
            file=p.files["observations"],
            rule=rule,
            field=target,
            message="the quote to state this number; it states {said}",
        )
    return findings


# The units whose values are said in percent, with a percent sign or word ("18,3%", "45 persen").
PERCENT_UNITS = ("percent", "percent_change")


@reports("quote.states_unit")
def check_units(p: Prepared) -> list[Finding]:
    """A value in percent is stated with a percent sign or its language's word for percent, and a
    number with a percent sign states a value in percent (or in percentage points, often written
    so): a share filed as a count, or a count as a share, does not validate."""
    observations, rows, number = _value_numbers(p)
    sign = pd.Series(number["percent"].to_numpy(), index=rows)
    unit = observations.loc[rows, "unit"]
    in_percent = unit.isin(PERCENT_UNITS)
    worded = _in_percent_words(p, rows[in_percent & ~sign], number)
    said = sign | worded.reindex(rows, fill_value=False)
    said |= _listed_in_percent(p, rows[in_percent & ~said], number).reindex(rows, fill_value=False)
    wrong = (in_percent & ~said) | (sign & ~in_percent & (unit != "percentage_point"))
    return findings_from(
        observations,
        where=wrong.reindex(observations.index, fill_value=False),
        file=p.files["observations"],
        rule="quote.states_unit",
        field="unit",
        message="the unit the quote gives its number: percent where it has a percent sign or word, "
        "another unit where it has none",
    )


def _in_percent_words(p: Prepared, rows: pd.Index, number: pd.DataFrame) -> pd.Series:
    """Whether each row's number stands in its language's words for percent ("45 persen")."""
    return _words_beside(p, rows, number, "units", ("percent",)) == "percent"


def _listed_in_percent(p: Prepared, rows: pd.Index, number: pd.DataFrame) -> pd.Series:
    """Whether each row's number is a figure of a list in its quote whose last figure has a percent sign
    or word ("96, 85 and 85 percent"): the figures joined to it after it (`reading.joined`) are read
    until one is in percent, as a reader reads the list."""
    numbers, listed = p.stated.numbers, pd.Series(False, index=rows)
    quotes, first = p.tables["observations"]["quote"], p.observation_places.first
    at = p.stated.stating.loc[rows, "value"].to_numpy(dtype="int64")  # each row's number, by position
    doc, starts, ends = (numbers[column].to_numpy() for column in ("doc", "start", "end"))
    while len(rows):
        following = at + 1
        inside = following < len(numbers)
        rows, at, following = rows[inside], at[inside], following[inside]
        same = doc[following] == doc[at]
        rows, at, following = rows[same], at[same], following[same]
        spans = zip(rows, ends[at], starts[following], strict=True)
        gaps = [quotes[r][end - first[r] : start - first[r]] for r, end, start in spans]
        linked = np.array([joined(gap) for gap in gaps], dtype=bool)
        rows, at = rows[linked], following[linked]
        nexts = numbers.iloc[at].set_axis(rows)
        sign = nexts["percent"].to_numpy(dtype=bool)
        percent = sign | _in_percent_words(p, rows, nexts).to_numpy(dtype=bool)
        listed[rows[percent]] = True
        rows, at = rows[~percent], at[~percent]
    return listed


@reports("quote.states_qualifier")
def check_qualifiers(p: Prepared) -> list[Finding]:
    """The qualifier is the one the quote's words give the value's number ("nearly 60 million" is
    `nearly`, no word is `exact`), where the language has words for it."""
    observations, rows, number = _value_numbers(p)
    said = _words_beside(p, rows, number, "qualifiers", QUALIFIERS).fillna("exact")
    filed = observations.loc[rows, "qualifier"].fillna("exact")
    return findings_from(
        observations,
        where=(filed != said).reindex(observations.index, fill_value=False),
        extra={"said": said.reindex(observations.index)},
        file=p.files["observations"],
        rule="quote.states_qualifier",
        field="qualifier",
        message="the qualifier the quote's words give its number: {said}",
    )


QUALIFIERS = ("about", "more_than", "at_least", "nearly", "less_than", "up_to")


def _value_numbers(p: Prepared) -> tuple[pd.DataFrame, pd.Index, pd.DataFrame]:
    """The observations, the rows whose value a number of the quote states, and that number of each."""
    stated = p.stated
    rows = stated.stating.index[stated.stating["value"] >= 0]
    number = stated.numbers.iloc[stated.stating.loc[rows, "value"].to_numpy()].set_axis(rows)
    return p.tables["observations"], rows, number


def _words_beside(p: Prepared, rows: pd.Index, number: pd.DataFrame, word_class: str, keys) -> pd.Series:
    """The key of the words of a class that stand around each row's number in its quote ("gần {n}"
    nearly, "{n} persen" percent, "từ {n} trở lên" at least: all the words of a phrase), or None. The
    longest words win, as a reader reads them ("tidak lebih dari 7" is up_to, though "lebih dari 7" is
    more_than), then the first key of `keys`. Only the quotes that hold such words anywhere are sliced."""
    found = np.full(len(rows), None, dtype=object)
    codes = base_languages(p.language.reindex(rows))
    quotes, first = p.tables["observations"]["quote"], p.observation_places.first
    for code in (c for c in codes.dropna().unique() if c in supported_languages()):
        mine = codes.index[codes == code]
        anywhere = phrase_words(code, word_class, keys)
        pick = mine[matches(arrow_text(quotes.loc[mine]), anywhere)] if anywhere else mine[:0]
        if pick.empty:
            continue
        before, after = _around(quotes.loc[pick], number.loc[pick], first[pick])
        longest = np.zeros(len(pick), dtype="int64")  # the length of the words found so far
        at = rows.get_indexer(pick)
        for key in keys:
            length = _phrase_length(before, after, phrase_sides(code, word_class, (key,), capture=True))
            found[at[length > longest]] = key
            longest = np.maximum(longest, length)
    return pd.Series(found, index=rows, dtype=object)


def _around(quotes: pd.Series, number: pd.DataFrame, first: pd.Series):
    """Each quote's text before its number and after it, as Arrow strings."""
    texts = quotes.to_numpy(dtype=object)
    starts = (number["start"] - first).to_numpy(dtype="int64")
    ends = (number["end"] - first).to_numpy(dtype="int64")
    before = arrow_text(pd.Series([t[:i] for t, i in zip(texts, starts, strict=True)], dtype=object))
    after = arrow_text(pd.Series([t[i:] for t, i in zip(texts, ends, strict=True)], dtype=object))
    return before, after


def _phrase_length(before, after, pairs) -> np.ndarray:
    """The length of the longest phrase of `pairs` (`phrase_sides`) each number stands in, 0 where none:
    a phrase holds a number where the words of each of its sides stand there."""
    longest = np.zeros(len(before), dtype="int64")
    for before_words, after_words in pairs:
        sides = ((before, before_words), (after, after_words))
        lengths = [matched_length(text, words) for text, words in sides if words]
        held = np.logical_and.reduce([length > 0 for length in lengths])
        longest = np.maximum(longest, np.where(held, np.sum(lengths, axis=0), 0))
    return longest


@reports("quote.states_sign")
def check_signs(p: Prepared) -> list[Finding]:
    """A change's (or a growth rate's) sign follows the words of its quote: a word of rising ("up", "tăng",
    "naik") makes the value positive, a word of falling negative, and for a rank the other way round, since a
    rank that rises has a smaller number. A quote with both kinds of word, or neither, says nothing."""
    observations, file = p.tables["observations"], p.files["observations"]
    from publish.languages.words import column_pattern

    # A growth rate filed as a level ("tumbuh 20%", a target of growth) is a change all the same.
    changing = (observations["kind"] == "change") | (observations["unit"] == "percent_change")
    change = changing & ~observations["departure"].isin(UNMATCHED_DEPARTURES)
    if not change.any():
        return []
    languages = p.language.loc[change]
    direction = pd.Series(0, index=languages.index)
    for language in languages.dropna().unique():
        code = base_language(language)
        if code not in supported_languages():
            continue
        rows = languages.index[languages == language]
        quotes = arrow_text(observations.loc[rows, "quote"])
        said = {}
        for key in ("up", "down"):
            pattern = column_pattern(code, "changes", key)
            said[key] = matches(quotes, pattern) if pattern else np.zeros(len(rows), dtype=bool)
        direction.loc[rows] = np.where(said["up"] & ~said["down"], 1, np.where(said["down"] & ~said["up"], -1, 0))
    rank = (observations.loc[direction.index, "unit"] == "rank").to_numpy()
    expected = np.where(rank, -direction.to_numpy(), direction.to_numpy())
    value = observations.loc[direction.index, "value"].to_numpy()
    bad = pd.Series((expected != 0) & (np.sign(value) == -expected), index=direction.index)
    return findings_from(
        observations.loc[bad.index],
        where=bad,
        file=file,
        rule="quote.states_sign",
        field="value",
        message="the sign the quote's words give: a rise is positive, a fall negative (for a rank the "
        "other way round: a rank that rises has a smaller number)",
    )


@reports("exclusion.number")
def check_exclusions(p: Prepared) -> list[Finding]:
    """An exclusion whose number is not a number the parser finds in its quote, as a person reads it."""
    exclusions, file = p.tables["exclusions"], p.files["exclusions"]
    language = exclusions["source_id"].map(by_key(p.tables["sources"], "source_id", "language"))
    found = (p.exclusion_places.first >= 0) & parsable(language)
    numbers = numbers_in(
        exclusions.loc[found, "quote"], language[found], pd.Series(np.nan, index=exclusions.index)[found]
    )
    offered = pd.MultiIndex.from_arrays([numbers["doc"], numbers["raw"]])
    # The number as a person reads it, as the parser's `raw` is: "687\u00a0000" names "687 000".
    named = pd.MultiIndex.from_arrays([exclusions.index, exclusions["number"].map(normalised, na_action="ignore")])
    return findings_from(
        exclusions,
        where=found & ~pd.Series(named.isin(offered), index=exclusions.index),
        file=file,
        rule="exclusion.number",
        field="number",
        message="a number the parser finds in the quote, written as it is there",
    )
