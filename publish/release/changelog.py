"""CHANGELOG.md in the Keep a Changelog format: read one version's entry, add a new one.

A heading is a whole line `## [VERSION]` or `## [VERSION] - YYYY-MM-DD`, matched line by line
with `fullmatch`, so nothing after it on the line (a newline included) is taken for part of it.
"""

from __future__ import annotations

import re
from datetime import date as Date
from pathlib import Path

from publish.errors import PublishError
from publish.writes import write_file

HEADING = re.compile(r"## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?[ \t]*")
UNRELEASED = "Unreleased"
NEW = f"# Changelog\n\n## [{UNRELEASED}]\n"


def read(path: Path) -> str | None:
    """The text of CHANGELOG.md, None if there is none; a PublishError naming it if it cannot be read."""
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise PublishError(f"{path}: not UTF-8 text (byte {error.start} is not UTF-8); save it as UTF-8") from None
    except OSError as error:
        raise PublishError(f"{path}: cannot be read ({error.strerror})") from None
    check_headings(text, path)
    return text


def check_headings(text: str, path: Path) -> None:
    """One section per version, each dated but the one 'Unreleased': notes under an undated version
    heading would be taken for no release's, and a second section of one version would be lost."""
    seen: set[str] = set()
    for _, _, match in headings(text):
        version = match["version"]
        if version in seen:
            raise PublishError(f"{path}: '## [{version}]' appears twice; merge the two sections into one")
        seen.add(version)
        if version != UNRELEASED and not match["date"]:
            raise PublishError(
                f"{path}: '## [{version}]' has no date; put its notes under '## [{UNRELEASED}]', "
                "and the release will date them"
            )


def headings(text: str) -> list[tuple[int, int, re.Match]]:
    """(offset of the line, offset after it, match) for every version heading, in order."""
    found, offset = [], 0
    for line in text.split("\n"):
        match = HEADING.fullmatch(line.removesuffix("\r"))
        end = min(offset + len(line) + 1, len(text))
        if match:
            found.append((offset, end, match))
        offset = end
    return found


def sections(text: str) -> dict[str, tuple[str | None, str]]:
    """Each version's (date, body) by version name, 'Unreleased' included; the first of duplicates."""
    found = headings(text)
    result: dict[str, tuple[str | None, str]] = {}
    for (_, here_end, here), after in zip(found, [*found[1:], None], strict=True):
        end = after[0] if after else len(text)
        result.setdefault(here["version"], (here["date"], text[here_end:end].strip("\n")))
    return result


def entry(path: Path, version: str) -> tuple[str, str] | None:
    """The (date, body) recorded for `version`, if CHANGELOG.md has it."""
    text = read(path)
    found = sections(text).get(version) if text is not None else None
    if not (found and found[0]):
        return None
    return checked_date(path, version, found[0]), found[1]


def checked_date(path: Path, version: str, date: str) -> str:
    try:
        Date.fromisoformat(date)
    except ValueError:
        raise PublishError(f"{path}: the date of {version}, {date!r}, is not a date (YYYY-MM-DD)") from None
    return date


def released(path: Path) -> list[str]:
    """The versions CHANGELOG.md records as released: every dated section (not 'Unreleased')."""
    text = read(path)
    found = sections(text).items() if text is not None else []
    return [v for v, (date, _) in found if v != UNRELEASED and date and checked_date(path, v, date)]


def unreleased(path: Path) -> str:
    text = read(path)
    if text is None:
        return ""
    return sections(text).get(UNRELEASED, (None, ""))[1].strip()


SUBSECTION = re.compile(r"^### (.+)$", re.MULTILINE)
ORDER = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]


def merge(*bodies: str) -> str:
    """One body from several, bullets gathered under each '### Heading' in Keep a Changelog order."""
    gathered: dict[str, list[str]] = {}
    for body in bodies:
        parts = SUBSECTION.split(body)
        if parts[0].strip():  # notes before any '### Heading' are kept, not dropped
            gathered.setdefault("Changed", []).append(parts[0].strip("\n"))
        for heading, text in zip(parts[1::2], parts[2::2], strict=True):
            gathered.setdefault(heading.strip(), []).append(text.strip("\n"))
    headings = sorted(gathered, key=lambda h: ORDER.index(h) if h in ORDER else len(ORDER))
    return "\n\n".join(f"### {h}\n" + "\n".join(part for part in gathered[h] if part) for h in headings)


def render(version: str, date: str, body: str) -> str:
    return f"## [{version}] - {date}\n\n{body.strip()}\n"


def add_entry(path: Path, version: str, date: str, body: str) -> None:
    """Put the entry right under an emptied 'Unreleased' section, whose notes it took over.

    There is one 'Unreleased' section afterwards, wherever it was; without one, it is put
    before the newest version. The file is replaced in one step, never left half-written.
    """
    text = read(path)
    text = NEW if text is None else text
    found = headings(text)
    rendered = render(version, date, body)
    top = f"## [{UNRELEASED}]\n\n{rendered}"
    unreleased_at = [i for i, (_, _, match) in enumerate(found) if match["version"] == UNRELEASED]
    if unreleased_at:
        here = unreleased_at[0]
        start = found[here][0]
        end = found[here + 1][0] if here + 1 < len(found) else len(text)
        rest = text[end:]
    elif found:
        start = end = found[0][0]
        rest = text[start:]
    else:
        start = end = len(text)
        rest = ""
    head = text[:start]
    if head and not head.endswith("\n\n"):
        head = head.rstrip("\n") + "\n\n"
    text = head + top + ("\n" + rest if rest.strip() else "")
    write_file(path, text.rstrip("\n") + "\n", within=path.parent)
