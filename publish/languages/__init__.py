"""What publish knows of each language, as data: one TOML file per language in this folder.

A file holds the words numbers are read by (`[numbers]`: scale words, range words and how
the language writes its cardinals) and the classes of words that say what a number claims
(`WORD_CLASSES`: its qualifier, its kind, a change, the period it is compared with, its
period, its unit), each class a table of keys to phrases. `language` loads a file, once;
`number_words` generates from it, with num2words, the lexicon of spelled-out cardinals the
parser reads; `publish.languages.words` finds the phrases of a class in a text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from publish.errors import PublishError
from publish.languages.checklist import CLASSES, missing_and_unknown

# The classes of words that say what a number claims, as the checks and `publish draft` read them: the
# checklist declares each class's keys and what they say (README.md in this folder shows it).
WORD_CLASSES = tuple(CLASSES)
# The cardinals read from their words: two to ninety-nine and the round hundreds (thousands and
# more are these times a scale word: "dua ribu", "deux cent mille"). A report spells out small
# numbers; "two hundred and fifty" is two numbers to the parser.
SPELLED_OUT = (*range(2, 100), *range(100, 1000, 100))
# Characters that join the words of one number or stand for one another in a lexicon key.
APOSTROPHES = "'’ʼ"
SPACES = " \u00a0"


class LanguageDataError(PublishError, ValueError):
    """A language file that does not say what publish needs, the way it needs it: every command
    that reads numbers stops with this one message, naming the file, never a traceback."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    scale: dict[str, float]  # scale word, a whole word in every form it takes -> its factor
    short_scale: dict[str, float]  # short forms ("bn", "млн"), read in this language's texts only
    half_after_number: tuple[str, ...]  # words adding a half to the number before ("and a half")
    half_after_scale: tuple[str, ...]  # words adding half of the scale word before ("rưỡi")
    not_scale_before: tuple[str, ...]  # words after which a scale word is part of another word ("tỷ lệ", ratio)
    syllabic: bool  # a word is a syllable between spaces (Vietnamese): a phrase takes twice the words
    transliteration: dict[str, str]  # Latin letters for letters that lose nothing but their marks otherwise
    range_words: tuple[str, ...]
    num2words: str  # the language code num2words writes this language's cardinals by
    joints: tuple[str, ...]  # what joins the words of one number: a space, also a hyphen
    not_alone: tuple[str, ...]  # number words read only in a longer number or before a scale word
    forms: dict[str, tuple[str, ...]]  # other forms of a word (or word pair) num2words writes
    classes: dict[str, dict[str, tuple[str, ...]]]  # WORD_CLASSES: key -> phrases

    def phrases(self, word_class: str) -> dict[str, tuple[str, ...]]:
        if word_class not in self.classes:
            raise KeyError(f"no word class {word_class!r}; the classes are {', '.join(WORD_CLASSES)}")
        return self.classes[word_class]


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, int]  # every spelling of a cardinal, normalised (`normal_words`) -> its value
    lone: frozenset[str]  # those read only before a scale word (the language's `not_alone`)


def codes() -> list[str]:
    """The languages there is a file for."""
    return list(_codes())


@cache
def _codes() -> tuple[str, ...]:
    return tuple(
        sorted(
            entry.name.removesuffix(".toml") for entry in files(__package__).iterdir() if entry.name.endswith(".toml")
        )
    )


@cache
def language(code: str) -> Language:
    """The language file `code`.toml, read and checked once."""
    if code not in codes():
        raise LanguageDataError(f"no language file for {code!r}; there are {', '.join(codes())}")
    name = f"publish/languages/{code}.toml"
    try:
        data = tomllib.loads((files(__package__) / f"{code}.toml").read_text(encoding="utf-8"))
        numbers = _table(data["numbers"], "numbers")
        words = _table(numbers["words"], "numbers.words")
        classes = {
            word_class: {
                key: _phrases(phrases, f"{word_class}.{key}")
                for key, phrases in _table(data[word_class], word_class).items()
            }
            for word_class in WORD_CLASSES
        }
        _check_keys(classes)
        found = Language(
            code=_text(data["language"], "language"),
            name=_text(data["name"], "name"),
            scale=_factors(numbers["scale"], "numbers.scale"),
            short_scale=_factors(numbers["short_scale"], "numbers.short_scale"),
            half_after_number=_strings(numbers["half_after_number"], "numbers.half_after_number"),
            half_after_scale=_strings(numbers["half_after_scale"], "numbers.half_after_scale"),
            not_scale_before=_strings(numbers.get("not_scale_before", []), "numbers.not_scale_before"),
            syllabic=bool(data.get("syllabic", False)),
            transliteration={
                str(k): str(v) for k, v in _table(data.get("transliteration", {}), "transliteration").items()
            },
            range_words=_strings(numbers["range"], "numbers.range"),
            num2words=_text(words["num2words"], "numbers.words.num2words"),
            joints=_strings(words["joints"], "numbers.words.joints"),
            not_alone=_strings(words["not_alone"], "numbers.words.not_alone"),
            forms={
                word: _strings(other, f"numbers.words.forms.{word}")
                for word, other in _table(words["forms"], "numbers.words.forms").items()
            },
            classes=classes,
        )
    except tomllib.TOMLDecodeError as error:
        raise LanguageDataError(f"{name}: not TOML: {error}") from error
    except UnicodeDecodeError as error:
        raise LanguageDataError(f"{name}: not UTF-8 text (byte {error.start})") from error
    except KeyError as error:
        raise LanguageDataError(f"{name}: no {error.args[0]!r}") from error
    except LanguageDataError as error:
        raise LanguageDataError(f"{name}: {error}") from error
    if found.code != code:
        raise LanguageDataError(f"{name}: language = {found.code!r}, not {code!r}")
    if not set(found.joints) <= {" ", "-"}:
        raise LanguageDataError(f"{name}: numbers.words.joints may hold a space and a hyphen, not {found.joints}")
    _check_locales(found, name)
    return found


def _check_keys(classes: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Every class gives every key of the checklist, and no key no rule reads (a typo would pass for one)."""
    for word_class, keys in classes.items():
        missing, unknown = missing_and_unknown(word_class, set(keys))
        if missing:
            raise LanguageDataError(f"[{word_class}] lacks {', '.join(missing)}: see publish/languages/README.md")
        if unknown:
            raise LanguageDataError(
                f"[{word_class}] gives {', '.join(unknown)}, which no rule reads: a key a rule reads is declared "
                "with its meaning in publish/languages/checklist.py"
            )


def _check_locales(found: Language, name: str) -> None:
    """The language is one Babel knows (its decimal and group signs, its month names) and one
    num2words writes cardinals in, as its file says."""
    from babel import Locale, UnknownLocaleError
    from num2words import CONVERTER_CLASSES

    try:
        Locale.parse(found.code)
    except (UnknownLocaleError, ValueError) as error:
        raise LanguageDataError(f"{name}: language = {found.code!r}: Babel knows no such locale ({error})") from None
    if found.num2words not in CONVERTER_CLASSES:
        raise LanguageDataError(
            f"{name}: numbers.words.num2words = {found.num2words!r}: num2words writes no such language"
        )


def _table(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise LanguageDataError(f"{where}: a table of keys and values, not {value!r}")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise LanguageDataError(f"{where}: a non-empty string, not {value!r}")
    return value


def _phrases(value: object, where: str) -> tuple[str, ...]:
    """A key's phrases: strings, each holding one number ("{n}") at most."""
    phrases = _strings(value, where)
    for phrase in phrases:
        if phrase.count("{n}") > 1:
            count = phrase.count("{n}")
            raise LanguageDataError(f"{where}: {phrase!r} holds {count} numbers; a phrase holds one at most")
    return phrases


def _factors(value: object, where: str) -> dict[str, float]:
    """Scale words and their factors: lower-case words, each a power of ten from 10^3 up."""
    if not isinstance(value, dict):
        raise LanguageDataError(f"{where}: a table of words and their factors, not {value!r}")
    factors = {}
    for word, factor in value.items():
        if not isinstance(factor, int | float) or isinstance(factor, bool) or factor < 1000 or factor != factor:
            raise LanguageDataError(f"{where}.{word}: a factor from 1e3 up (1e6 for a million), not {factor!r}")
        if word != word.lower() or not word or " " in word:
            raise LanguageDataError(f"{where}.{word}: a scale word is one lower-case word")
        factors[word] = float(factor)
    return factors


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LanguageDataError(f"{where}: a list of non-empty strings, not {value!r}")
    return tuple(value)


def normal_words(text: str) -> str:
    """A spelled-out number as a lexicon key: lower case, any apostrophe as "'", and the words
    joined by one space ("Vingt-Deux" -> "vingt deux", "п’ять" -> "п'ять")."""
    text = re.sub(f"[{APOSTROPHES}]", "'", text.lower())
    return " ".join(re.split(f"[{SPACES}-]+", text.strip()))


@cache
def number_words(code: str) -> Lexicon:
    """The cardinals of SPELLED_OUT as num2words writes them in this language, in every form
    the language file adds (each word of a number in any of its forms), as normalised keys."""
    from num2words import num2words

    found = language(code)
    forms = {normal_words(word): [normal_words(f) for f in other] for word, other in found.forms.items()}
    longest = max((len(word.split()) for word in forms), default=1)
    words: dict[str, int] = {}
    for value in SPELLED_OUT:
        for spelling in _spellings(normal_words(num2words(value, lang=found.num2words)).split(), forms, longest):
            if words.setdefault(spelling, value) != value:
                raise LanguageDataError(f"{code}: {spelling!r} spells both {words[spelling]} and {value}")
    lone = frozenset(normal_words(word) for word in found.not_alone)
    if not lone <= set(words):
        raise LanguageDataError(f"{code}: not_alone names words that spell no number: {sorted(lone - set(words))}")
    return Lexicon(words, lone)


def _spellings(words: list[str], forms: dict[str, list[str]], longest: int) -> set[str]:
    """Every way of writing these words, each word (or run of words) in any of its forms."""
    if not words:
        return {""}
    spellings = set()
    for size in range(1, min(longest, len(words)) + 1):
        key = " ".join(words[:size])
        options = ([key] if size == 1 else []) + forms.get(key, [])
        for rest in _spellings(words[size:], forms, longest) if options else ():
            spellings.update(f"{option} {rest}".strip() for option in options)
    return spellings


@cache
def scale_words(code: str) -> dict[str, float]:
    """Every scale word a text in this language is read with, and its factor: the language's own
    words and short forms, and the whole scale words of the other languages ("55 million" in an
    Indonesian text is 55 million). A word two other languages give different factors (the
    English "billion" is 10^9, the French 10^12) is NaN: a number it follows is refused, not
    read one way or the other."""
    found = language(code)
    words: dict[str, float] = {}
    for other in codes():
        if other != code:
            for word, factor in language(other).scale.items():
                words[word] = factor if words.get(word, factor) == factor else float("nan")
    return words | found.scale | found.short_scale


def in_ascii(text: str, code: str | None = None) -> str:
    """Text as lower-case ASCII letters and digits, for an identifier: a letter Unicode does not
    decompose is written as the language file's `transliteration` says (every file's, without a
    language: "đ" is "d"), marks are dropped, and any other character becomes a space."""
    letters = language(code).transliteration if code else _every_transliteration()
    lowered = "".join(letters.get(character, character) for character in text.lower())
    plain = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


@cache
def _every_transliteration() -> dict[str, str]:
    return {letter: latin for code in codes() for letter, latin in language(code).transliteration.items()}
