"""The last check of a release before its checksums: no generated file says "nan", "NaN",
"None" or "NaT" where a value was missing.

pandas reads a missing cell as NaN (or NaT, or None), and `f"{value}"`, `str(value)` and
`value or default` turn it into text without complaint. Every writer of a release avoids
that; this check makes sure, so a slip stops the release instead of reaching its readers.

A token counts where it stands for a value, not where it is a word of a sentence: the
token as a whole word with, on either side, nothing but white space and then the start or
end of the value or punctuation that separates values (`: , ; ( ) [ ] { } < > | / = "`,
a backquote, an asterisk, an en or em dash). So "nan: A meeting", "A meeting (None)", "| NaT |",
"- nan" and a value "NaN" are refused, while "None of the provinces", "by None", the
Vietnamese "nan giải" and a file "None.txt" are words. What "a value" is depends on the
file: a JSON string (or a JSON NaN), a CSV cell, a line of Markdown or YAML, an HTML text
or attribute. Binary files (Parquet, SQLite, the zip) are not read here.

Curated data may hold such a token itself: a symbol "None", a note "(nan)". The release
shows it as the data it is, so a token the curated tables, the descriptor or the schemas
have standing as a value is let be in that release (`tokens_in_data`); only a token the
data does not have is refused. A release whose data says "None" somewhere therefore cannot
tell a leaked "None" from it: a limit of any check that reads the output alone.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from publish.errors import PublishError

if TYPE_CHECKING:
    import pandas as pd

TOKENS = ("nan", "NaN", "None", "NaT")
WORD = re.compile(r"\b(" + "|".join(TOKENS) + r")\b")
ANY_TOKEN = r"\b(?:" + "|".join(TOKENS) + r")\b"  # the same, without a group, for pandas' str.contains
# What may stand between a token and its neighbours for it to be a value of its own; white space aside.
SEPARATORS = frozenset(':,;()[]{}<>|/="*`\u2013\u2014')
BINARY = (".parquet", ".sqlite", ".zip")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.|#+)\s+")


class MissingValueText(PublishError):
    """A generated file of a release holds a token such as "nan" where a value was missing."""


def standing_token(value: str, allowed: Collection[str] = ()) -> str | None:
    """The first token in `value` that stands for a missing value, else None; tokens in `allowed` are data."""
    for match in WORD.finditer(value):
        before, after = value[: match.start()].rstrip(), value[match.end() :].lstrip()
        standing = (not before or before[-1] in SEPARATORS) and (not after or after[0] in SEPARATORS)
        if standing and match.group(1) not in allowed:
            return match.group(1)
    return None  # none, or each a word of a sentence: "by None", "None of", "nan giải", "None.txt"


def standing_tokens(value: str) -> set[str]:
    """Every token in `value` that stands as a value, not only the first."""
    found: set[str] = set()
    while token := standing_token(value, found):
        found.add(token)
    return found


def tokens_in_data(frames: Iterable[pd.DataFrame], texts: Iterable[str] = ()) -> set[str]:
    """The tokens that the curated data itself has standing as a value: a cell (or a descriptor's or
    schema's text) that is "None", or says "x (nan)". Such a token in a generated file may be that
    data, so the check lets it be; every other token it refuses. Every text cell of every table in
    one pass first (RE2's \\b finds every place Python's does, and more): only the cells that hold a
    token at all are read one by one."""
    import pandas as pd
    from pandas.api.types import is_string_dtype

    from publish.kernels import arrow_text, matches

    found: set[str] = set()
    columns = [frame[column] for frame in frames for column in frame.columns if is_string_dtype(frame[column].dtype)]
    if columns:
        cells = pd.concat(columns, ignore_index=True)
        found.update(*map(standing_tokens, cells[matches(arrow_text(cells), ANY_TOKEN)]))
    texts = list(texts)
    if WORD.search("\n".join(texts)):  # most descriptors hold no token at all: one search says so
        found.update(*map(standing_tokens, texts))
    return found


def json_strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_strings(value)


class NotANumber(ValueError):
    """A JSON file holds NaN or Infinity: not JSON, and a missing number written as one."""


def refuse_constant(name: str) -> None:
    raise NotANumber(name)


def values_of(path: Path, text: str, name: str) -> list[str]:
    """The values of a text file, by its kind."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        try:
            return list(json_strings(json.loads(text, parse_constant=refuse_constant)))
        except NotANumber as constant:
            return [str(constant)]
        except ValueError as error:
            raise PublishError(f"{name}: a generated file of the release is not JSON ({error})") from None
    if suffix == ".csv":
        return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    if suffix in (".html", ".htm"):
        return html_values(text)
    # Markdown, YAML (CITATION.cff) and any other text, line by line: a table row, a key and its value,
    # an item of a list (its marker taken off: "- nan" is a value).
    return [LIST_ITEM.sub("", line) for line in text.splitlines()]


def html_values(text: str) -> list[str]:
    from html.parser import HTMLParser

    values: list[str] = []

    class Values(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values.extend(value for _, value in attrs if value)

        handle_startendtag = handle_starttag

        def handle_data(self, data):
            values.append(data)

    parser = Values(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return values


def check_file(path: Path, name: str, allowed: Collection[str] = ()) -> None:
    """Raise MissingValueText if the text file at `path` (called `name` in the message) has a token
    standing for a missing value; the tokens in `allowed` are data."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PublishError(f"{name}: a generated file of the release is not UTF-8 text") from None
    for value in values_of(path, text, name):
        token = standing_token(value, allowed)
        if token:
            shown = value.strip()
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            raise MissingValueText(
                f"{name}: {token!r} stands where a value was missing ({shown!r}); "
                "a writer of the release turned an empty cell into text. Nothing was written."
            )


def check_release(folder: Path, skip: Iterable[str] = (), allowed: Collection[str] = ()) -> None:
    """Check every text file in `folder` but those named in `skip` (POSIX paths relative to the
    folder: the curated tables copied as they are, the archived texts) and the binary ones. The
    tokens in `allowed` (see `tokens_in_data`) are data."""
    skipped = set(skip)
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not path.is_file() or name in skipped or path.suffix.lower() in BINARY:
            continue
        check_file(path, name, allowed)
