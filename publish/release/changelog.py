"""CHANGELOG.md in the Keep a Changelog format: read one version's entry, add a new one."""

from __future__ import annotations

import re
from pathlib import Path

HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$", re.MULTILINE)


def sections(text: str) -> dict[str, tuple[str | None, str]]:
    """Each version's (date, body) by version name, 'Unreleased' included."""
    found = list(HEADING.finditer(text))
    result = {}
    for here, after in zip(found, [*found[1:], None], strict=True):
        end = after.start() if after else len(text)
        result[here["version"]] = (here["date"], text[here.end() : end].strip("\n"))
    return result


def entry(path: Path, version: str) -> tuple[str, str] | None:
    """The (date, body) recorded for `version`, if CHANGELOG.md has it."""
    if not path.is_file():
        return None
    found = sections(path.read_text(encoding="utf-8")).get(version)
    return (found[0], found[1]) if found and found[0] else None


def unreleased(path: Path) -> str:
    if not path.is_file():
        return ""
    return sections(path.read_text(encoding="utf-8")).get("Unreleased", (None, ""))[1].strip()


SUBSECTION = re.compile(r"^### (.+)$", re.MULTILINE)
ORDER = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]


def merge(*bodies: str) -> str:
    """One body from several, bullets gathered under each '### Heading' in Keep a Changelog order."""
    gathered: dict[str, list[str]] = {}
    for body in bodies:
        parts = SUBSECTION.split(body)
        for heading, text in zip(parts[1::2], parts[2::2], strict=True):
            gathered.setdefault(heading.strip(), []).append(text.strip("\n"))
    headings = sorted(gathered, key=lambda h: ORDER.index(h) if h in ORDER else len(ORDER))
    return "\n\n".join(f"### {h}\n" + "\n".join(gathered[h]) for h in headings)


def render(version: str, date: str, body: str) -> str:
    return f"## [{version}] - {date}\n\n{body.strip()}\n"


def add_entry(path: Path, version: str, date: str, body: str) -> None:
    """Put the entry under an emptied 'Unreleased' section, whose notes it took over."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n\n## [Unreleased]\n"
    headings = list(HEADING.finditer(text))
    rendered = render(version, date, body)
    if headings and headings[0]["version"] == "Unreleased":
        start = headings[0].start()
        end = headings[1].start() if len(headings) > 1 else len(text)
        text = text[:start] + "## [Unreleased]\n\n" + rendered + ("\n" + text[end:] if end < len(text) else "")
    else:
        start = headings[0].start() if headings else len(text)
        text = text[:start] + "## [Unreleased]\n\n" + rendered + "\n" + text[start:]
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
