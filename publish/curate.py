"""The curator's tools: archive a new source text, and list what is left to curate."""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from publish.archive import read_texts, sha256_of
from publish.checks.coverage import classify_numbers
from publish.errors import PublishError
from publish.identity import safe_url
from publish.kernels import line_numbers
from publish.languages import in_ascii
from publish.numbers import base_language, find_numbers, supported_languages
from publish.project import SEEDS, FileTooLarge, Project, Table, open_project, read_regular_file
from publish.reading import SENTENCE_END
from publish.tables import readable_tables
from publish.writes import project_changing, replace_together

# A news report is a few kilobytes with a few dozen numbers (the largest archived so far: 9 KB,
# 68 numbers). A text far beyond these limits is not a report but a page dump, a data file or a
# mistake, and every number in it would have to be curated before the project validates again.
MAX_TEXT_BYTES = 1_000_000
MAX_NUMBERS = 1_000
SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # the sources schema's pattern
SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
UNIT_WORD = re.compile(r"\s*([^\W\d_][\w/'’-]*)")


@dataclass(frozen=True)
class Archived:
    source_id: str
    path: str
    sha256: str
    recovered: tuple[str, ...] = ()  # what was done about an interrupted change found first


def check_tag(tag: str, option: str) -> str:
    """A BCP 47 language tag Babel knows, as the sources schema writes it (uk, fr, vi, pt-BR)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag, sep="-")
        if not LANGUAGE_TAG.fullmatch(tag):
            raise ValueError
    except (UnknownLocaleError, ValueError, TypeError):
        raise PublishError(f"{option} {tag!r} is not a valid BCP 47 language tag (for example uk, fr, id)") from None
    return tag


def check_language(tag: str) -> str:
    check_tag(tag, "--language")
    if base_language(tag) not in supported_languages():
        raise PublishError(
            f"--language {tag!r}: the number parser cannot read this language yet "
            f"(it reads {', '.join(supported_languages())}); add a file for it in publish/languages/"
        )
    return tag


def read_text(file: Path) -> bytes:
    """The bytes of FILE, refused unread if it is not a regular file or larger than any news report."""
    try:
        return read_regular_file(file, limit=MAX_TEXT_BYTES)
    except FileTooLarge as error:
        raise PublishError(
            f"{file} is {error.size:,} bytes, far larger than a news report (the limit is {MAX_TEXT_BYTES:,} "
            "bytes); archive the article's own text, not a whole web page or a data file"
        ) from None


def refuse_what_the_schema_refuses(row: dict[str, str], table: Table) -> None:
    """Refuse, before anything is written, a value the table's own schema would reject (its pattern,
    allowed values or length): `publish validate` would only report it afterwards."""
    options = {"original_url": "--translation-of"}
    for field in table.fields:
        value, constraints = row.get(field["name"], ""), field.get("constraints", {})
        if not value:
            continue
        option = options.get(field["name"], f"--{field['name'].replace('_', '-')}")
        pattern = constraints.get("pattern")
        if pattern is not None and not re.fullmatch(pattern, value):
            raise PublishError(f"{option} {value!r} does not match the sources schema's pattern {pattern}")
        if "enum" in constraints and value not in constraints["enum"]:
            raise PublishError(f"{option} {value!r} is not one of {', '.join(map(str, constraints['enum']))}")
        if not constraints.get("minLength", 0) <= len(value) <= constraints.get("maxLength", len(value)):
            raise PublishError(f"{option} is {len(value)} characters; the sources schema allows {constraints}")


def check_text(file: Path, data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PublishError(
            f"{file} is not UTF-8 text (byte {error.start} is not UTF-8); "
            "the archive keeps texts as UTF-8, byte for byte"
        ) from None
    if not text.strip() or "\x00" in text:
        raise PublishError(f"{file} is not a text: it is empty or holds NUL bytes")


def check_numbers(file: Path, data: bytes, language: str) -> None:
    count = len(find_numbers(pd.Series([data.decode("utf-8")]), language))
    if count > MAX_NUMBERS:
        raise PublishError(
            f"{file} holds {count:,} numbers, far more than a news report (the limit is {MAX_NUMBERS:,}); "
            "every one would have to be curated or excluded, so archive the article's own text"
        )


def check_url(url: str, option: str = "--url") -> str:
    if safe_url(url) is None:
        raise PublishError(
            f"{option} {url!r} is not a well-formed http(s) URL: it must start with http:// or https://, "
            "name a host, and hold no spaces, quotes, angle brackets, backslashes or control characters"
        )
    return url


def check_day(value: str, option: str, latest: date | None = None) -> str:
    """A day written YYYY-MM-DD that the calendar has, and no later than `latest` if given."""
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise PublishError(f"{option} {value!r} is not a date written YYYY-MM-DD") from None
    if latest is not None and day > latest:
        raise PublishError(f"{option} {value} is after today ({latest.isoformat()})")
    return value


@dataclass(frozen=True)
class Origin:
    """Where an archived text comes from: whether it is the report itself or a translation of it (and then
    of what, in which language), and the page it was copied from and when; empty where not known."""

    text_kind: str = ""
    original_url: str = ""
    original_language: str = ""
    retrieved_from: str = ""
    retrieved_on: str = ""

    def cells(self) -> dict[str, str]:
        return dict(self.__dict__)


def origin_of(
    language: str,
    *,
    text_kind: str | None = None,
    translation_of: str | None = None,
    original_language: str | None = None,
    retrieved_from: str | None = None,
    retrieved_on: str | None = None,
) -> Origin:
    """The origin the curator gave, checked: `translation_of` (the original's URL) makes a translation;
    an original names no original; a translation's original is in another language than the text."""
    if text_kind not in (None, "original", "translation"):
        raise PublishError(f"--text-kind {text_kind!r} is not original or translation")
    if translation_of is not None:
        check_url(translation_of, "--translation-of")
    described = [o for o, v in (("--translation-of", translation_of), ("--original-language", original_language)) if v]
    kind = text_kind or ("translation" if translation_of else "")
    if described and kind != "translation":
        said = "--text-kind original" if kind else "no --text-kind"
        raise PublishError(
            f"{' and '.join(described)} describe the original of a translation, and this text has {said}; "
            "give --translation-of URL (or --text-kind translation) for a translation"
        )
    if original_language is not None:
        check_tag(original_language, "--original-language")
        if base_language(original_language).lower() == base_language(language).lower():
            raise PublishError(
                f"--original-language {original_language!r} is the text's own language (--language {language}); "
                "a translation's original is in another"
            )
    if retrieved_from is not None:
        check_url(retrieved_from, "--retrieved-from")
    if retrieved_on is not None:
        check_day(retrieved_on, "--retrieved-on", latest=date.today())
    return Origin(kind, translation_of or "", original_language or "", retrieved_from or "", retrieved_on or "")


def check_line(value: str | None, option: str) -> None:
    """A one-line text field of the sources table: no line breaks or other control characters."""
    if value is not None and any(unicodedata.category(c) == "Cc" for c in value):
        raise PublishError(f"{option} {value!r} holds a line break or another control character; write it on one line")


def slug(text: str, limit: int = 24) -> str:
    """A name as the words of an id ("Báo Đà Nẵng" -> "bao-da-nang"), at most `limit` characters."""
    return "-".join(in_ascii(text).split())[:limit].strip("-") or "source"


# Labels under a country's top-level domain that name no site but a kind of registrant: baovinhphuc.com.vn,
# chinhphu.gov.vn, example.co.uk.
SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "co", "ac", "int", "info", "biz", "name", "pro"})


def main_domain(url: str) -> str | None:
    """The site's own name in a URL's host, without its top-level domain, a registrant label before it and
    any subdomain: https://news.laodong.vn/... -> laodong; www.baovinhphuc.com.vn -> baovinhphuc. None for
    a host with no such name (an address, localhost)."""
    from urllib.parse import urlparse

    labels = [label for label in (urlparse(url).hostname or "").split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    labels = labels[:-1]
    while len(labels) > 1 and labels[-1] in SECOND_LEVEL:
        labels.pop()
    return labels[-1]


def outlet(url: str, publisher: str | None = None) -> str:
    """A short ASCII name of the outlet: its site's main domain (https://news.laodong.vn/... -> laodong),
    else its publisher's name (Báo Lao Động -> bao-lao-dong)."""
    domain = main_domain(url)
    if domain:
        return slug(domain)
    return slug(publisher) if publisher else "source"


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def add_source(
    root: Path | str,
    file: Path | str,
    *,
    url: str,
    publisher: str,
    language: str,
    event_date: str | None = None,
    title: str | None = None,
    source_id: str | None = None,
    origin: Origin = Origin(),
) -> Archived:
    """Archive FILE byte for byte under seeds/ and record it in the sources table.

    Everything is checked before anything is written; the fields only a reader
    of the text can fill (the event, the basis of its date) stay empty, and
    `publish validate` lists them until the curator does.

    A text is refused if it is larger than MAX_TEXT_BYTES or holds more than
    MAX_NUMBERS numbers: far beyond any news report, it is a page dump or a
    data file, not an article. The URL must be a well-formed http(s) URL
    (`safe_url`), as it becomes a link on the page. `origin` (see
    `origin_of`) says whether the text is the report itself or a translation,
    and where and when it was copied from.
    """
    project = open_project(root)
    file = Path(file)
    data = read_text(file)
    check_text(file, data)
    check_language(language)
    check_url(url)
    check_line(publisher, "--publisher")
    check_line(title, "--title")
    if event_date is not None:
        check_day(event_date, "--event-date")
    if source_id is not None and not SOURCE_ID.fullmatch(source_id):
        raise PublishError(
            f"--id {source_id!r}: use lower-case letters, digits, _ and -, starting with a letter or digit"
        )
    check_numbers(file, data, language)
    with project_changing(project) as recovered:  # one add-source or draft at a time
        archived = archive(project, file, data, url, publisher, language, event_date, title, source_id, origin)
    return replace(archived, recovered=tuple(recovered))


def archive(
    project: Project,
    file: Path,
    data: bytes,
    url: str,
    publisher: str,
    language: str,
    event_date: str | None,
    title: str | None,
    source_id: str | None,
    origin: Origin,
) -> Archived:
    """The checked text archived as the next seeds/NNN_<sha256 prefix> file with its sources row,
    written together (publish.writes.replace_together), the archive before the row that names it."""
    table = project.root / project.tables["sources"].path
    fields, rows = read_rows(table)
    digest = sha256_of(data)
    for row in rows:
        if row.get("sha256") == digest:
            raise PublishError(f"{file} is already archived as {row['path']} (source {row['source_id']})")
    for existing in sorted(project.seeds.glob("*")):
        if existing.is_file() and sha256_of(existing.read_bytes()) == digest:
            raise PublishError(f"{file} is already archived as {SEEDS}/{existing.name}")
    taken = {row["source_id"] for row in rows}
    if source_id is None:
        stem = f"{outlet(url, publisher)}-{event_date[:4] if event_date else 'undated'}-{base_language(language)}"
        source_id = next(c for c in [stem, *(f"{stem}-{n}" for n in range(2, 1000))] if c not in taken)
    elif source_id in taken:
        raise PublishError(f"--id {source_id!r} is taken")

    numbers = [int(p.name[:3]) for p in project.seeds.glob("[0-9][0-9][0-9]_*") if p.name[:3].isdigit()]
    suffix = file.suffix.lower()  # the name becomes a file name in releases and a link on the page
    suffix = suffix if SUFFIX.fullmatch(suffix) else ".txt"
    name = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}{suffix}"
    row = {field: "" for field in fields}
    row.update(
        source_id=source_id,
        path=f"{SEEDS}/{name}",
        sha256=digest,
        bytes=str(len(data)),
        language=language,
        url=url,
        publisher=publisher,
        title=title or "",
        event_date=event_date or "",
    )
    given = {name: cell for name, cell in origin.cells().items() if cell}
    lacking = [name for name in given if name not in fields]
    if lacking:
        raise PublishError(f"{project.tables['sources'].path} has no column {', '.join(lacking)} to record it in")
    row.update(given)
    refuse_what_the_schema_refuses(row, project.tables["sources"])
    line = io.StringIO()
    csv.DictWriter(line, fields, lineterminator="\n").writerow(row)

    project.seeds.mkdir(exist_ok=True)
    target = project.seeds / name
    if os.path.lexists(target):
        raise PublishError(f"{SEEDS}/{name} exists already; nothing was archived")
    existing = table.read_bytes()
    separator = b"" if existing.endswith(b"\n") or not existing else b"\n"
    row_added = existing + separator + line.getvalue().encode("utf-8")
    replace_together([(target, data), (table, row_added)], within=project.root)
    return Archived(source_id, f"{SEEDS}/{name}", digest)


@dataclass(frozen=True)
class Todo:
    source_id: str
    path: str
    line: int
    raw: str
    form: str
    value: float
    upper: float | None
    denominator: float | None
    scale: float
    scale_word: str
    unit_word: str
    sentence: str

    def suggestion(self) -> str:
        scaled = f"{self.value * self.scale:,.10g}"
        if self.upper is not None:
            scaled += f" .. {self.upper * self.scale:,.10g}"
        parts = [f"value {scaled}"]
        if self.scale != 1:
            parts.append(f"scale {self.scale_word} ×{self.scale:,.0f}")
        if self.denominator is not None:
            parts.append(f"denominator {self.denominator:,.10g}")
        if self.unit_word:
            parts.append(f"unit word {self.unit_word}")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "suggestion": self.suggestion()}


def sentences_around(text: str, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The sentence holding each span of `text`, from one pass over its sentence ends: seeking
    them anew from the start of the text for each number would cost its length per number."""
    bounds = np.array([m.span() for m in SENTENCE_END.finditer(text)], dtype="int64").reshape(-1, 2)
    if not len(bounds):
        return [text.strip()] * len(starts)
    end_starts, end_ends = bounds[:, 0], bounds[:, 1]
    # A sentence starts after the last end that finishes at or before its number begins,
    # and runs through the first end at or after its number ends.
    before = np.searchsorted(end_ends, starts, side="right") - 1
    after = np.searchsorted(end_starts, ends, side="left")
    lefts = np.where(before >= 0, end_ends[np.maximum(before, 0)], 0)
    rights = np.where(after < len(bounds), end_ends[np.minimum(after, len(bounds) - 1)], len(text))
    return [text[left:right].strip() for left, right in zip(lefts, rights, strict=True)]


def todo(root: Path | str, source_id: str | None = None) -> list[Todo]:
    """Each number in the sources (or one source) that no observation or exclusion covers yet."""
    project: Project = open_project(root)
    tables = readable_tables(project, "nothing listed")
    sources = tables["sources"]
    if source_id is not None and source_id not in set(sources["source_id"]):
        raise PublishError(f"no source {source_id!r}; the sources are {', '.join(sources['source_id'].dropna())}")
    if source_id is not None:
        sources = sources.loc[sources["source_id"] == source_id]
    texts, _ = read_texts(project, sources)
    numbers = classify_numbers(sources, tables["observations"], tables["exclusions"], texts)
    left = numbers.loc[numbers["covered_by"].isna()]
    paths = dict(zip(sources["source_id"], sources["path"], strict=True))
    items = []
    for doc, mine in left.groupby("doc", sort=False):  # what is left to curate: a short list by design
        text = texts[doc]
        starts, ends = mine["start"].to_numpy(), mine["end"].to_numpy()
        lines, sentences = line_numbers(text, starts), sentences_around(text, starts, ends)
        for number, line, sentence in zip(mine.itertuples(), lines, sentences, strict=True):
            unit = "%" if number.percent else (UNIT_WORD.match(text, number.end) or [None, ""])[1]
            items.append(
                Todo(
                    source_id=doc,
                    path=paths[doc],
                    line=int(line),
                    raw=number.raw,
                    form=number.form,
                    value=number.value,
                    upper=None if pd.isna(number.upper) else number.upper,
                    denominator=None if pd.isna(number.denominator) else number.denominator,
                    scale=number.scale,
                    scale_word=number.scale_word,
                    unit_word=unit,
                    sentence=sentence,
                )
            )
    return items


def todo_text(items: list[Todo]) -> str:
    if not items:
        return "Nothing left to curate: every number is covered by an observation or an exclusion."
    lines = []
    for source_id in dict.fromkeys(i.source_id for i in items):
        mine = [i for i in items if i.source_id == source_id]
        lines.append(f"{source_id} ({mine[0].path}): {len(mine)} number(s) not yet covered")
        for item in mine:
            lines.append(f"  line {item.line}: {item.raw!r} -> {item.suggestion()}")
            lines.append(f"    {item.sentence}")
        lines.append("")
    return "\n".join(lines).rstrip()
