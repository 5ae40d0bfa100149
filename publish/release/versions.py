"""Semantic versions of the releases."""

from __future__ import annotations

import re
from pathlib import Path

from publish.errors import PublishError

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
LEVELS = ("major", "minor", "patch")


def parse(version: str) -> tuple[int, int, int]:
    match = SEMVER.match(version)
    if not match:
        raise PublishError(f"version {version!r} is not MAJOR.MINOR.PATCH (for example 1.2.0)")
    major, minor, patch = map(int, match.groups())
    return major, minor, patch


def bump(version: str | None, level: str) -> str:
    major, minor, patch = parse(version) if version else (0, 0, 0)
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def released(folder: Path) -> list[str]:
    """The versions released in `folder`, oldest first."""
    if not folder.is_dir():
        return []
    versions = [p.name for p in folder.iterdir() if p.is_dir() and SEMVER.match(p.name)]
    return sorted(versions, key=parse)
