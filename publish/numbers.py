"""Find and read the numbers in a text, by the conventions of its language.

This is the one number parser of the package: provenance, completeness and
`publish todo` all read numbers through `find_numbers`, so a number is
understood the same way everywhere.

A number as found here is one claim-sized token: a plain number ("4.475"),
a range ("9-10%", "0,8 à 10 %"), a fraction ("63/63") or a date
("06/02/2025"), followed by any scale words ("1,9 мільйона мільярдів") and
a percent sign. A cardinal from two up written as words ("Dua layanan",
"двох", "mười lăm") is a number too, read from the lexicon that
publish.languages generates; the words for one stay unread (mostly articles
and "one of"). Numbers inside URLs are not read: a URL is an address, and
the sources table records it. What a language writes numbers with (scale
words, range words, its cardinals) is data, in publish/languages/.

The pattern is written once for two engines. Python's `re`, with
look-around, is the definition. RE2, through Arrow, runs it without
look-around over whole columns, about ten times faster; where a number it
finds touches a digit or another number (the only places look-around can
decide), the whole text is read again by Python's engine, so both give the
same numbers. A number word must be a whole word: RE2 takes the character
before it into the match and reads on through the rest of the word, and a
word read on (the "sept" of "septembre") is dropped, or, where look-around
could find another number inside it, its text read again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import pandas as pd

from publish import languages, reading
from publish.kernels import on_every_core, pandas_text, remembered

SPACE_LIKE = " \u00a0\u202f"
# Python's `\s` (Unicode white space) spelt out, so that both regular-expression
# engines below stop a URL at the same character.
WHITE_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
URL = f"https?://[^{WHITE_SPACE}]+"
# Separates texts joined for one pass; it cannot be part of a number.
SEPARATOR = "\n\x00\n"

COLUMNS = [
    "doc",
    "start",
    "end",
    "raw",
    "form",
    "value",
    "upper",
    "denominator",
    "scale",
    "decimals",
    "upper_decimals",
    "percent",
    "scale_word",
]


class UnknownLanguage(ValueError):
    """A language the parser has no number conventions for."""


@dataclass(frozen=True)
class NumberFormat:
    """A language's number conventions, and its number patterns, each built when first read: a
    short text needs only Python's, a long one only RE2's."""

    language: str
    decimal: str
    groups: str
    scales: dict[str, float]  # every scale word its texts are read with (publish.languages.scale_words)
    words: dict[str, int]  # the spelled-out cardinals (publish.languages.normal_words keys) and their values

    @cached_property
    def python(self) -> str:
        """Python's engine: the definition of a number (compiled as `pattern`)."""
        return f"(?P<url>{URL})|{self._number(lookaround=True)}"

    @cached_property
    def native(self) -> str:
        """The same for RE2 (Arrow), which has no look-around; see `_scan_native`."""
        return f"{URL}|{self._re2_number}"

    @cached_property
    def parts(self) -> str:
        """RE2, anchored: the groups of one number already found."""
        return f"^{self._re2_number}$"

    @cached_property
    def plain(self) -> str:
        """`native` without number words, for the other texts."""
        return f"{URL}|{self._re2_plain}"

    @cached_property
    def plain_parts(self) -> str:
        return f"^{self._re2_plain}$"

    @cached_property
    def one(self) -> str:
        """Python's engine: one number and its scale words, without groups or percent sign."""
        return re.sub(r"\(\?P<\w+>", "(?:", self._number(lookaround=True, percent=False))

    @cached_property
    def spelled(self) -> str:
        """RE2: a text where a number word may stand (a word of the lexicon, whole)."""
        return _spelled(languages.language(self.language))

    @cached_property
    def rare(self) -> str:
        """RE2: a text to read with Python's engine (see `_rare`)."""
        return _rare(languages.language(self.language))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The definition compiled, when a text is first read by Python's engine."""
        return re.compile(self.python)

    @cached_property
    def _re2_number(self) -> str:
        return self._number(lookaround=False)

    @cached_property
    def _re2_plain(self) -> str:
        return self._number(lookaround=False, words=False)

    def _number(self, lookaround: bool, percent: bool = True, words: bool = True) -> str:
        spoken = languages.language(self.language)
        return _number_pattern(spoken, self.decimal, self.groups, lookaround, percent=percent, words=words)


def supported_languages() -> list[str]:
    return languages.codes()


def base_language(tag: str) -> str:
    """The language subtag of a BCP 47 tag ("fr-CA" -> "fr")."""
    return tag.split("-")[0].lower()


def _known(language: str) -> str:
    lang = base_language(language)
    if lang not in supported_languages():
        raise UnknownLanguage(
            f"no number conventions for language {language!r}; known: {', '.join(supported_languages())}"
        )
    return lang


@cache
def number_format(language: str, symbols: str | None = None) -> NumberFormat:
    """The number conventions of a language: Babel's symbols plus the words of its language file.

    `symbols` names another language whose decimal and group symbols the text
    uses: a translation that kept the original's "14,528" next to Ukrainian
    scale words is read with `number_format("uk", symbols="en")`.
    """
    from babel.core import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    lang = _known(language)
    symbol_lang = _known(symbols) if symbols else lang
    try:
        decimal, group = get_decimal_symbol(symbol_lang), get_group_symbol(symbol_lang)
    except UnknownLocaleError as error:  # pragma: no cover - babel knows all of ours
        raise UnknownLanguage(str(error)) from error
    # Texts group thousands with a plain space where the locale prescribes a
    # no-break space, so any space-like character groups in those languages.
    groups = SPACE_LIKE if group in SPACE_LIKE else group
    return NumberFormat(lang, decimal, groups, languages.scale_words(lang), languages.number_words(lang).words)


# RE2's spelling of Python's Unicode `\w` (RE2's own `\w` is ASCII).
WORD_CHARACTER = r"[\pL\pN_]"
# An apostrophe inside a word ("сім'я", "п’ять"): any of them stands for any other.
APOSTROPHE = "[" + languages.APOSTROPHES + "]"
# What holds a word together: a number word is not whole next to it and a letter ("сім'я",
# "twenty-first", "deux-roues", "dua-duanya").
BINDING = "[" + languages.APOSTROPHES + "-]"


def _number_pattern(
    spoken: languages.Language,
    decimal: str,
    groups: str,
    lookaround: bool,
    percent: bool = True,
    words: bool = True,
) -> str:
    """One number, its scale words and percent sign, written once for both engines: with
    look-around for Python's, without it for RE2, where `_scan_native` checks the
    places look-around would have decided."""
    digit = "[0-9]"  # ASCII digits: what a number here is written with, and what floats parse
    not_after_digit = f"(?={digit})(?<!{digit})" if lookaround else ""  # the look-ahead lets `re` skip fast
    no_digit_next = f"(?!{digit})" if lookaround else ""
    group_class = "[" + "".join(re.escape(g) if g in r"\]^-." else g for g in groups) + "]"
    number = (
        f"(?:{digit}{{1,3}}(?:{group_class}{digit}{{3}})+{no_digit_next}|{digit}+)(?:{re.escape(decimal)}{digit}+)?"
    )
    # A number that goes on with a separator and digits its language cannot read ("1.5" where the
    # point groups thousands, "6.10", "1,5" in English) is one number, refused, never two numbers.
    whole = f"(?![.,]?{digit}|{reading.UNREADABLE})" if lookaround else ""
    # RE2 reads the number before instead, and `_scan_with` sends such a text to Python's engine.
    odd = f"|(?P<odd>{digit}+(?:[.,]{digit}+)+|{digit}+{reading.UNREADABLE}[{reading.UNREADABLE}.,0-9]*)"
    joiners = "|".join(["-", "–", *map(re.escape, spoken.range_words)])
    scale_words = _scale_words(spoken, lookaround)
    space = "[ \u00a0]"
    if not lookaround:  # RE2: the language's own scale words, one at a time; see `_rare`
        one_scale = f"{space}*(?:{scale_words})"
        scaled = f"(?P<half>)(?:(?P<scale>(?:{one_scale})+)(?P<more>)(?P<half2>))?"
    digits = (
        f"{not_after_digit}(?P<raw>(?P<date>{digit}{{1,2}}/{digit}{{1,2}}/{digit}{{4}})"
        f"|(?P<a>{number}){whole}"
        f"(?:[ ]?(?:{joiners})[ ]?(?P<b>{number}){whole}|/(?P<den>{number}){whole})?{odd})"
    )
    spelled = "|" + _number_words(spoken, scale_words, lookaround) if words else ""
    pct = f"(?P<pct>[{SPACE_LIKE}]?%)?" if percent else ""
    # A scale word glued to the number or after spaces ("25bn", "20,81triệu", "2,65  triệu"); a
    # compound amount goes on with smaller parts ("2 tỷ 500 triệu"); a half is said before the
    # scale word ("two and a half million") or after it ("2 triệu rưỡi").
    if lookaround:
        one_scale = f"{space}*(?:{scale_words})"
        half = _phrases(spoken.half_after_number, lookaround)
        half_after = _phrases(spoken.half_after_scale, lookaround)
        scaled = (
            (f"(?P<half>{space}+(?:{half}))?" if half else "(?P<half>)")
            + f"(?:(?P<scale>(?:{one_scale})+)"
            + f"(?P<more>(?:{space}+{number}(?:{one_scale})+)*)"
            + (f"(?P<half2>{space}+(?:{half_after}))?" if half_after else "(?P<half2>)")
            + ")?"
        )
    return f"(?i:(?:{digits}{spelled}){scaled}{pct})"


def _rare(spoken: languages.Language) -> str:
    """RE2: a text where RE2's smaller pattern could read a number other than the definition does:
    another language's scale word, a half ("and a half", "rưỡi"), a scale word followed by digits (a
    compound amount, "2 tỷ 500 triệu"). Such a text is read by Python's engine; most texts are not."""
    own = {**spoken.scale, **spoken.short_scale}
    foreign = [word for word in languages.scale_words(spoken.code) if word not in own]
    halves = [*spoken.half_after_number, *spoken.half_after_scale]
    words = "|".join(
        re.escape(w).replace(r"\ ", "[ \u00a0]+") for w in sorted({*foreign, *halves}, key=len, reverse=True)
    )
    own_words = "|".join(map(re.escape, sorted(own, key=len, reverse=True)))
    edge = "[^\\pL\\pN_]"
    return f"(?i)(?:^|{edge})(?:{words})(?:$|{edge})|(?:^|{edge})(?:{own_words})[ \u00a0]+[0-9]"


def _scale_words(spoken: languages.Language, lookaround: bool) -> str:
    """Any scale word the language's texts are read with, whole, the longer first; for RE2 only the
    language's own (`_rare` sends a text with another's to Python's engine). RE2, without look-ahead,
    reads on through a word, and `_scan_native` sends such a text to Python's engine."""
    letter = r"\w" if lookaround else WORD_CHARACTER
    ending = f"(?!{letter})" if lookaround else f"{letter}*"
    if lookaround and spoken.not_scale_before:  # RE2 reads these on; `_scan_native` re-reads such a text
        ending += f"(?![ \u00a0]+(?:{'|'.join(map(re.escape, spoken.not_scale_before))})(?!{letter}))"
    every = languages.scale_words(spoken.code) if lookaround else {**spoken.scale, **spoken.short_scale}
    words = sorted(every, key=lambda word: (-len(word), word))
    # One ending after all the words, not one per word: every phrase pattern holds this many times.
    return "(?:" + "|".join(map(re.escape, words)) + ")" + ending


def _phrases(phrases: tuple[str, ...], lookaround: bool) -> str:
    """Phrases of whole words, any space between their words."""
    ending = r"(?!\w)" if lookaround else ""
    return "|".join(re.escape(phrase).replace(r"\ ", "[ \u00a0]+") + ending for phrase in phrases)


def _number_words(spoken: languages.Language, scale_words: str, lookaround: bool) -> str:
    """A spelled-out cardinal, a whole word (or run of words): the longest the lexicon holds at
    this place, and no shorter one if the word goes on ("dix-sept" in "dix-septième" is none,
    "twenty" in "twenty-first" none). A word the language reads only before a scale word
    ("năm triệu") is `lone`.

    Python's engine decides by look-around. RE2 takes the character before the word into the
    match (`lead`) and reads on through the rest of the word (`tail`); `_scan_native` drops a
    match with a tail, a lone word without a scale word, and a word whose lead binds it to the
    word before."""
    read, lone, _ = _lexicon_patterns(spoken.code)
    if lookaround:
        alone = f"|(?P<lone>(?>{lone}))(?=[ \u00a0](?:{scale_words}))" if lone else ""
        return rf"(?<!\w)(?<!\w{BINDING})(?:(?P<word>(?>{read}))(?!\w|{BINDING}\w){alone})"
    alone = f"|(?P<lone>{lone})" if lone else ""
    return f"(?P<lead>^|[^\\pL\\pN_])(?:(?P<word>{read}){alone})(?P<tail>(?:{BINDING}?{WORD_CHARACTER})*)"


def _joint(spoken: languages.Language) -> str:
    """What joins the words of one number in this language, as a character class."""
    return "[" + "".join(languages.SPACES if j == " " else j for j in spoken.joints) + "]"


@cache
def _lexicon_patterns(code: str) -> tuple[str, str, str]:
    """The patterns of a language's number words: those read alone, those read only before a
    scale word (empty if none), and all of them."""
    spoken, lexicon = languages.language(code), languages.number_words(code)
    joint = _joint(spoken)
    read = _lexicon_pattern([w for w in lexicon.words if w not in lexicon.lone], joint)
    lone = _lexicon_pattern(sorted(lexicon.lone), joint) if lexicon.lone else ""
    return read, lone, _lexicon_pattern(list(lexicon.words), joint)


def _spelled(spoken: languages.Language) -> str:
    """RE2: a word of the lexicon, whole, somewhere in the text. Where a number word is read,
    this matches, so a text where it does not is read without number words, faster."""
    every = _lexicon_patterns(spoken.code)[2]
    return f"(?i)(?:^|[^\\pL\\pN_])(?:{every})(?:$|[^\\pL\\pN_])"


def _lexicon_pattern(numbers: list[str], joint: str) -> str:
    """One pattern for these spelled-out numbers (words joined by a space) that matches the
    longest of them at a place first, written small enough for RE2 to keep its automaton in
    memory: a lexicon is nearly a product ("двадцяти" or any form of twenty, then any form of a
    unit), so the words that lead to the same continuations are one alternative, and each
    continuation is written once."""
    root: dict = {}
    for number in numbers:
        node = root
        for word in number.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}

    def after(node: dict) -> str:  # what may follow a word that leads to this node
        if len(node) == ("" in node):
            return ""
        rest = joint + alternatives(node)
        return f"(?:{rest})?" if "" in node else rest

    def alternatives(node: dict) -> str:
        groups: dict[str, list[str]] = {}
        for word, child in node.items():
            if word:
                groups.setdefault(after(child), []).append(word)
        options = [_trie(sorted(words), joint) + rest for rest, words in _longer_first(groups)]
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return alternatives(root)


def _longer_first(groups: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """The groups of words (by what follows them) in an order where no word comes after a word
    it begins: "двадцять" is tried before "два", else "два" would match its beginning. Where no
    order of whole groups does that, each word is its own group, the longer first."""
    order, left = [], dict(groups)
    while left:
        free = [
            rest
            for rest, words in left.items()
            if not any(
                other != rest and any(o != w and o.startswith(w) for w in words for o in others)
                for other, others in left.items()
            )
        ]
        if not free:
            singles = [(rest, [word]) for rest, words in groups.items() for word in words]
            return sorted(singles, key=lambda single: -len(single[1][0]))
        order += [(rest, left.pop(rest)) for rest in free]
    return order


def _trie(words: list[str], joint: str) -> str:
    """One pattern for these words, their common beginnings written once, so that either engine
    follows one branch per character instead of trying every word; a longer word is tried first.
    A space in a word stands for `joint`, an apostrophe for any apostrophe."""
    root: dict = {}
    for word in words:
        node = root
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def branches(node: dict) -> str:
        atoms = {" ": joint, "'": APOSTROPHE}
        options = [atoms.get(c, re.escape(c)) + branches(child) for c, child in sorted(node.items()) if c]
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return f"(?:{body})?" if "" in node else body

    return branches(root)


def _floats(tokens, fmt: NumberFormat):
    """Tokens written in this language as floats, column-wide in Arrow (nulls stay null)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tokens = pc.if_else(pc.equal(tokens, ""), pa.scalar(None, tokens.type), tokens)
    for group in fmt.groups:
        tokens = pc.replace_substring(tokens, group, "")
    if fmt.decimal != ".":
        tokens = pc.replace_substring(tokens, fmt.decimal, ".")
    return pc.cast(tokens, pa.float64()).to_numpy(zero_copy_only=False)


def _decimals(tokens, fmt: NumberFormat):
    """How many digits follow the decimal symbol (0 for a whole number or a missing token)."""
    import pyarrow.compute as pc

    # The decimal symbol is last but for digits (ASCII), so byte lengths count them.
    at = pc.find_substring(tokens, fmt.decimal).to_numpy(zero_copy_only=False)
    lengths = pc.binary_length(tokens).to_numpy(zero_copy_only=False)
    digits = lengths - at - len(fmt.decimal.encode())
    return np.where(np.nan_to_num(at, nan=-1) >= 0, np.nan_to_num(digits), 0).astype("int64")


def _scales(words, fmt: NumberFormat):
    """Multiply out the scale words after each number ("мільйона мільярдів" = 1e15), each a whole
    word looked up in the language's scale words: NaN where one is not a scale word (RE2 read on
    into a longer word) or is ambiguous."""
    import pyarrow as pa
    import pyarrow.compute as pc

    factor = np.ones(len(words))
    split = pc.split_pattern_regex(pc.utf8_lower(pc.fill_null(words, "")), "[ \u00a0]+")
    each = pc.list_flatten(split)
    parent = pc.list_parent_indices(split).to_numpy()
    known = pc.index_in(each, value_set=pa.array(list(fmt.scales), pa.string())).to_numpy(zero_copy_only=False)
    table = np.array([*fmt.scales.values(), np.nan])
    word_factor = np.where(np.isnan(known.astype(float)), np.nan, table[np.nan_to_num(known, nan=-1).astype(int)])
    empty = pc.equal(each, "").to_numpy(zero_copy_only=False)
    np.multiply.at(factor, parent[~empty], word_factor[~empty])
    return factor


def _word_values(words, fmt: NumberFormat):
    """The value of each spelled-out number, looked up in the lexicon by its normalised words
    (NaN where there is none)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = np.full(len(words), np.nan)
    worded = np.flatnonzero(_present(words))
    if len(worded):
        keys = pc.utf8_lower(words.take(pa.array(worded)))
        keys = pc.replace_substring_regex(keys, APOSTROPHE, "'")
        keys = pc.replace_substring_regex(keys, f"[{SPACE_LIKE}-]", " ")
        known = pc.index_in(keys, value_set=pa.array(list(fmt.words), pa.string())).fill_null(-1)
        lexicon = np.array([*fmt.words.values(), np.nan], dtype=float)  # -1, no such key: NaN
        values[worded] = lexicon[known.to_numpy(zero_copy_only=False)]
    return values


# Up to this many characters, Python's engine reads the texts faster than RE2 compiles and runs its pattern
# (measured: the two cross near 50,000 characters; Python's engine compiles once per process).
PYTHON_READS_UP_TO = 50_000


def find_numbers(texts: pd.Series, language: str, symbols: str | None = None) -> pd.DataFrame:
    """Every number in each text of one language.

    `texts` is a Series of strings; the result has one row per number found,
    with `doc` the index label of its text and `start`/`end` its character
    offsets there. Each text is read as a person reads it (publish.reading), and
    the offsets are the archived text's. `value`, `upper` (the high end of a range) and
    `denominator` are the literal numbers; `scale` multiplies them into base
    units; `decimals` tells the precision the text gives. `form` is `number`,
    `range`, `fraction`, `date`, `word` (a spelled-out cardinal: "dua" has
    value 2) or `unreadable`: a number the text does not write unambiguously, whose
    value is NaN, so it proves nothing and is still counted. `symbols` is as in
    `number_format`.
    """
    numbers = _remembered_numbers(tuple(texts.tolist()), language, symbols)
    numbers["doc"] = texts.index.to_numpy()[numbers["doc"].to_numpy()]
    return numbers


# Texts this short are read once per process for the same words, language and symbols, whatever their
# labels: the archived texts and the quotes do not change between two validations of a review.
REMEMBERED_CHARACTERS = 1 << 18


def _characters(said: tuple, *_: object) -> int:
    return sum(len(text) for text in said if isinstance(text, str))


@remembered(size=_characters, limit=REMEMBERED_CHARACTERS, own=pd.DataFrame.copy)
def _remembered_numbers(said: tuple, language: str, symbols: str | None) -> pd.DataFrame:
    return _read_numbers(said, language, symbols)


def _read_numbers(said: tuple, language: str, symbols: str | None) -> pd.DataFrame:
    """`find_numbers` with `doc` the position of the text in `said`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    fmt = number_format(language, symbols)
    readings, strings = reading.read_all(list(said), fmt.decimal)
    if sum(len(r.text) for r in readings) <= PYTHON_READS_UP_TO:
        found, unsure = _scan_python(strings, fmt), np.array([], dtype="int64")
    else:
        found, unsure = _scan_native(strings, fmt)
    if len(unsure):
        redone = _scan_python(strings.take(unsure), fmt)
        redone = redone.set_column(0, "text", pa.array(unsure[redone["text"].to_numpy()]))
        kept = found.filter(pa.array(~np.isin(found["text"].to_numpy(), unsure)))
        found = pa.concat_tables([kept, redone]).sort_by([("text", "ascending"), ("start", "ascending")])
    a, b, den = found["a"], found["b"], found["den"]
    spelled = _present(found["word"])
    raw, value = found["raw"], _floats(a, fmt)
    if spelled.any():
        raw, value = _joined(raw, found["word"]), np.where(spelled, _word_values(found["word"], fmt), value)
    which = found["text"].to_numpy()
    numbers = pd.DataFrame(
        {
            "doc": which,
            "start": found["start"].to_numpy(),
            "end": found["end"].to_numpy(),
            "raw": pandas_text(raw),
            "form": np.select(
                [_present(found["date"]), _present(b), _present(den), spelled],
                ["date", "range", "fraction", "word"],
                "number",
            ),
            "value": value,
            "upper": _floats(b, fmt),
            "denominator": _floats(den, fmt),
            "scale": _scales(found["scale"], fmt),
            "decimals": _decimals(a, fmt),
            "upper_decimals": _decimals(b, fmt),
            "percent": _present(found["pct"]),
            "scale_word": pandas_text(pc.utf8_trim_whitespace(found["scale"])),
        },
        index=pd.RangeIndex(len(found)),
        copy=False,
    )
    _read_compounds(numbers, found, fmt)
    return _refuse_unreadable(numbers, found, readings)


def _read_compounds(numbers: pd.DataFrame, found, fmt: NumberFormat) -> None:
    """Compound amounts ("2 tỷ 500 triệu" = 2.5 billion) and halves ("2 triệu rưỡi", "two and a
    half million"), in place: the value in units of the last scale word, at its precision. A
    compound whose parts do not each fit below the one before ("2 tỷ 1500 triệu") is refused."""
    more, half, half2 = (_present(found[name]) for name in ("more", "half", "half2"))
    rows = np.flatnonzero(more | half | half2)
    _writable(numbers, ["value", "scale", "decimals"], rows)
    for row in rows:
        scale, decimals = numbers.at[row, "scale"], max(int(numbers.at[row, "decimals"]), int(half[row]))
        total = (numbers.at[row, "value"] + 0.5 * half[row]) * scale
        for digits, words in COMPOUND_PART.findall(found["more"][row].as_py()):
            part_scale = math.prod(fmt.scales.get(word.lower(), math.nan) for word in words.split())
            part = _floats(_strings([digits]), fmt)[0]
            total = total + part * part_scale if part * part_scale < scale else math.nan
            scale, decimals = part_scale, int(_decimals(_strings([digits]), fmt)[0])
        if half2[row]:
            total, decimals = total + 0.5 * scale, max(decimals, 1)
        numbers.loc[row, ["value", "scale", "decimals"]] = [total / scale, scale, decimals]


# One smaller part of a compound amount: its digits, then its scale words.
COMPOUND_PART = re.compile(r"([0-9][0-9.,]*(?:[ \u00a0][0-9]{3})*)[ \u00a0]*((?:[^\W\d_]+[ \u00a0]*)+)")


def _writable(numbers: pd.DataFrame, columns: list[str], rows: np.ndarray) -> None:
    """Columns made writable where rows will change them (Arrow hands over read-only arrays)."""
    if rows.any() if rows.dtype == bool else len(rows):
        for column in columns:
            numbers[column] = numbers[column].to_numpy(copy=True)


def _strings(values: list[str]):
    import pyarrow as pa

    return pa.array(values, pa.string())


def _refuse_unreadable(numbers: pd.DataFrame, found, readings: list[reading.Reading]) -> pd.DataFrame:
    """Numbers the texts do not write unambiguously get no value (form `unreadable`): one read in a
    language that cannot read it ("1.5" where the point groups thousands), one with a scale word two
    languages read differently, one touching what the reading marks unreadable (a combining mark on
    a digit, "55²"); and an unreadable mark no number touches ("⅓") is a number of its own. The
    offsets become the archived text's."""
    # A number with no value but a date's (a compound whose parts do not fit) is refused too.
    no_value = np.isnan(numbers["value"].to_numpy()) & (numbers["form"].to_numpy() != "date")
    refused = _present(found["odd"]) | np.isnan(numbers["scale"].to_numpy()) | no_value
    extra = []
    for doc in (i for i, r in enumerate(readings) if reading.UNREADABLE in r.text):
        text, rows = readings[doc].text, np.flatnonzero(numbers["doc"].to_numpy() == doc)
        touched: set[int] = set()
        starts, ends = numbers["start"].to_numpy()[rows], numbers["end"].to_numpy()[rows]
        for row, start, end in zip(rows, starts, ends, strict=True):
            reach = end + len(text[end:]) - len(text[end:].lstrip(" ")) + 1  # the spaces after it, and one more
            window = range(max(start - 1, 0), reach)
            if reading.UNREADABLE in text[window.start : window.stop]:
                refused[row] = True
                touched.update(window)
        marks = (at for at, character in enumerate(text) if character == reading.UNREADABLE)
        extra += [(doc, at, at + 1) for at in marks if at not in touched]
    if refused.any():
        _writable(numbers, ["value", "upper", "denominator", "form"], refused)
        numbers.loc[refused, ["value", "upper", "denominator"]] = np.nan
        numbers.loc[refused, "form"] = "unreadable"
    if extra:
        marks = pd.DataFrame(extra, columns=["doc", "start", "end"]).assign(
            raw=reading.UNREADABLE,
            form="unreadable",
            value=np.nan,
            upper=np.nan,
            denominator=np.nan,
            scale=1.0,
            decimals=0,
            upper_decimals=0,
            percent=False,
            scale_word="",
        )
        numbers = pd.concat([numbers, marks], ignore_index=True).sort_values(["doc", "start"], kind="stable")
        numbers = numbers.reset_index(drop=True)
    return _in_archive(numbers, readings)


def _in_archive(numbers: pd.DataFrame, readings: list[reading.Reading]) -> pd.DataFrame:
    """The numbers' offsets in the archived texts, from those in their readings."""
    mapped = [doc for doc, read in enumerate(readings) if read.starts is not None]
    if not mapped:
        return numbers
    doc, start, end = (numbers[column].to_numpy(copy=True) for column in ("doc", "start", "end"))
    for which in mapped:
        rows = doc == which
        start[rows], end[rows] = readings[which].archive_span(start[rows], end[rows])
    return numbers.assign(start=start, end=end)


# The groups of a number found, as both engines report them (`word` holds a lone word too).
GROUPS = ("raw", "date", "a", "b", "den", "odd", "word", "half", "scale", "more", "half2", "pct")


def _joined(first, second):
    """Two string columns of which at most one holds text per row, as one."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.binary_join_element_wise(first, second, pa.scalar("", first.type))


def _present(column) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.fill_null(pc.not_equal(column, ""), False).to_numpy(zero_copy_only=False)


def _scan_native(strings, fmt: NumberFormat):
    """Every number of every text by RE2, column-wide in Arrow, and the texts to read again with
    Python's engine: those where a number touches a digit (or another number), the places where
    the look-around RE2 lacks could decide differently, and texts holding our marker character.
    A text without a word of the lexicon is read without number words."""
    import pyarrow as pa
    import pyarrow.compute as pc

    spelled = on_every_core(pc.match_substring_regex, strings, fmt.spelled)
    spelled = pc.fill_null(spelled, False).to_numpy(zero_copy_only=False)
    rare = on_every_core(pc.match_substring_regex, strings, fmt.rare)
    rare = np.flatnonzero(pc.fill_null(rare, False).to_numpy(zero_copy_only=False))
    if spelled.all() or not spelled.any():
        table, unsure = _scan_with(
            strings, *((fmt.native, fmt.parts) if spelled.any() else (fmt.plain, fmt.plain_parts)), fmt
        )
        return table, np.union1d(unsure, rare).astype("int64")
    found, unsure = [], [rare]
    for which, native, parts in ((~spelled, fmt.plain, fmt.plain_parts), (spelled, fmt.native, fmt.parts)):
        texts = np.flatnonzero(which)
        rows, again = _scan_with(strings.take(pa.array(texts)), native, parts, fmt)
        found.append(rows.set_column(0, "text", pa.array(texts[rows["text"].to_numpy()])))
        unsure.append(texts[again])
    table = pa.concat_tables(found).sort_by([("text", "ascending"), ("start", "ascending")])
    return table, np.unique(np.concatenate(unsure)).astype("int64")


def _scan_with(strings, native: str, parts_pattern: str, fmt: NumberFormat):
    """`_scan_native` with one pattern, with or without number words."""
    import pyarrow as pa
    import pyarrow.compute as pc

    marker = "\x00"
    # Our marker, or a mark of what cannot be read, which look-ahead refuses with the number it touches.
    has_marker = pc.fill_null(pc.match_substring_regex(strings, f"[{marker}{reading.UNREADABLE}]"), False)
    has_marker = has_marker.to_numpy(zero_copy_only=False)
    marked = on_every_core(pc.replace_substring_regex, strings, native, marker + "\\0" + marker)
    pieces = pc.split_pattern(marked, marker)  # gap, match, gap, match, ..., gap
    flat = pc.list_flatten(pieces)
    text = pc.list_parent_indices(pieces).to_numpy()
    first = pieces.offsets.to_numpy()[:-1]
    order = np.arange(len(flat)) - first[text]  # a piece's place in its text; odd = a match
    lengths = pc.utf8_length(flat).to_numpy()
    ends = np.cumsum(lengths)
    starts_in_text = ends - lengths - np.concatenate(([0], ends))[first][text]
    is_match = order % 2 == 1
    url = pc.starts_with(flat, "http").to_numpy(zero_copy_only=False)
    number = np.flatnonzero(is_match & ~url)
    digit_last = on_every_core(pc.match_substring_regex, flat, "[0-9]$").to_numpy(zero_copy_only=False)
    digit_first = on_every_core(pc.match_substring_regex, flat, "^[0-9]").to_numpy(zero_copy_only=False)
    # A text's pieces start and end with a gap, so every number has one on each side; an
    # empty gap between two matches means they touch.
    before, after = number - 1, number + 1
    touches = ((lengths[before] == 0) & (order[number] > 1)) | digit_last[before] | digit_first[after]
    # A separator and a digit next: a number its language cannot read, which look-ahead refuses whole.
    # Only the first two characters of a gap decide; taking whole gaps would copy the texts.
    heads = pc.utf8_slice_codeunits(flat, 0, 2).take(pa.array(after))
    separator_next = pc.match_substring_regex(heads, "^(?:[.,][0-9]|[.,]$)")
    touches |= separator_next.to_numpy(zero_copy_only=False)
    touches |= (lengths[after] == 0) & (order[after] < pieces.value_lengths().to_numpy()[text[after]] - 1)
    matches = flat.take(pa.array(number))
    unsure = np.union1d(np.unique(text[number[touches]]), np.flatnonzero(has_marker))
    parts = on_every_core(pc.extract_regex, matches, parts_pattern)
    spoken = languages.language(fmt.language)
    if spoken.not_scale_before:  # a scale word that starts another word: "tỷ lệ"
        others = "|".join(re.escape(word) for word in spoken.not_scale_before)
        scaled = np.flatnonzero(_present(parts.field("scale")))
        followed = pc.match_substring_regex(
            flat.take(pa.array(after[scaled])), f"(?i)^[ \u00a0]+(?:{others})(?:$|[^\\pL\\pN_])"
        ).to_numpy(zero_copy_only=False)
        unsure = np.union1d(unsure, np.unique(text[number[scaled[followed]]]))
    # A scale word read on into a longer word ("tỉnh", "millionaires"): look-ahead reads it as none.
    longer = np.isnan(_scales(parts.field("scale"), fmt))  # RE2 reads only the language's own words, none NaN
    unsure = np.union1d(unsure, np.unique(text[number[longer]]))
    columns = {"text": pa.array(text[number]), "end": pa.array(starts_in_text[number] + lengths[number])}
    if parts.type.get_field_index("word") < 0:  # read without number words
        columns.update({name: parts.field(name) for name in GROUPS if name != "word"})
        columns["start"] = pa.array(starts_in_text[number])
        columns["word"] = pa.repeat(pa.scalar("", parts.field("raw").type), len(number))
        return _as_found(pa.table({name: columns[name] for name in ("text", "start", "end", *GROUPS)})), unsure.astype(
            "int64"
        )
    columns.update({name: parts.field(name) for name in GROUPS})
    # A match ending in a percent sign took the character before a number word right after it
    # ("5%dua"), which RE2 then cannot take as the word's `lead`.
    percent_last = np.flatnonzero(_present(parts.field("pct")))
    letter_next = pc.match_substring_regex(flat.take(pa.array(after[percent_last])), "^\\pL")
    unsure = np.union1d(unsure, np.unique(text[number[percent_last[letter_next.to_numpy(zero_copy_only=False)]]]))
    lead = pc.utf8_length(parts.field("lead")).to_numpy(zero_copy_only=False)
    columns["start"] = pa.array(starts_in_text[number] + lead)
    tail = parts.field("tail")
    # Not a whole word: one that goes on ("sept" in "septembre"), or is bound to the word before
    # ("a-two"); and a lone word without its scale word. Where the words passed over hold a
    # place look-around could start another number (a space, a digit, a URL), the text is read
    # again.
    dropped = _present(tail)
    if parts.type.get_field_index("lone") >= 0:
        dropped |= _present(parts.field("lone")) & ~_present(parts.field("scale"))
        columns["word"] = _joined(parts.field("word"), parts.field("lone"))
    binding = pa.array([*languages.APOSTROPHES, "-"], parts.field("lead").type)
    bound = np.flatnonzero(pc.is_in(parts.field("lead"), value_set=binding).to_numpy(zero_copy_only=False))
    after_letter = pc.match_substring_regex(flat.take(pa.array(before[bound])), f"{WORD_CHARACTER}$")
    dropped[bound[after_letter.to_numpy(zero_copy_only=False)]] = True
    within = np.flatnonzero(dropped)
    passed = pa.array(within)
    inside = pc.binary_join_element_wise(
        columns["word"].take(passed), tail.take(passed), columns["scale"].take(passed), pa.scalar("", tail.type)
    )
    another = pc.match_substring_regex(inside, "[ \u00a0]|[0-9]|(?i)http").to_numpy(zero_copy_only=False)
    unsure = np.union1d(unsure, np.unique(text[number[within[another]]]))
    table = pa.table({name: columns[name] for name in ("text", "start", "end", *GROUPS)})
    return _as_found(table.filter(pa.array(~dropped))), unsure.astype("int64")


def _scan_python(strings, fmt: NumberFormat):
    """Every number of these texts by Python's engine (the definition of a number), in one
    pass over them joined, offsets mapped back by bisection."""
    import pyarrow as pa

    texts = strings.to_pylist()
    joined = SEPARATOR.join(texts)
    lone = "lone" if "lone" in fmt.pattern.groupindex else "word"
    rows = [
        (*m.span(), *m.group(*GROUPS[:6]), m.group("word") or m.group(lone), *m.group(*GROUPS[7:]))
        for m in fmt.pattern.finditer(joined)
        if m.group("url") is None
    ]
    lengths = np.array([len(t) for t in texts]) + len(SEPARATOR)
    bases = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    columns = list(zip(*rows, strict=True)) if rows else [()] * (2 + len(GROUPS))
    start, end = np.array(columns[0], dtype="int64"), np.array(columns[1], dtype="int64")
    which = np.searchsorted(bases, start, side="right") - 1
    table = {"text": pa.array(which, pa.int64()), "start": pa.array(start - bases[which] if len(start) else start)}
    table["end"] = pa.array(end - bases[which] if len(end) else end)
    for name, values in zip(GROUPS, columns[2:], strict=True):
        table[name] = pa.array([v if v is not None else "" for v in values], pa.string())
    return _as_found(pa.table(table))


def _as_found(table):
    """Both engines' rows in one shape: text position, offsets, then each group as a string."""
    import pyarrow as pa

    schema = pa.schema([("text", pa.int64()), ("start", pa.int64()), ("end", pa.int64())])
    for name in GROUPS:
        schema = schema.append(pa.field(name, pa.string()))
    return table.cast(schema)
