"""Semantic versions of the releases, and the names every release file is found by."""

from __future__ import annotations

import re
from pathlib import Path

from publish.errors import PublishError

# Match with `fullmatch` only: `$` would also match before a final newline, and a version names a folder.
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
LEVELS = ("major", "minor", "patch")
CHECKSUMS = "SHA256SUMS"  # every file of a release but itself and the zip, as `sha256sum` writes them


def is_version(text: object) -> bool:
    return isinstance(text, str) and SEMVER.fullmatch(text) is not None


def parse(version: str) -> tuple[int, int, int]:
    match = SEMVER.fullmatch(version) if isinstance(version, str) else None
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


def level_between(old: str, new: str) -> str:
    """The SemVer level of the step from `old` to the greater `new`: major, minor or patch."""
    (old_major, old_minor, _), (new_major, new_minor, _) = parse(old), parse(new)
    if new_major != old_major:
        return "major"
    return "minor" if new_minor != old_minor else "patch"


def released(folder: Path) -> list[str]:
    """The versions released in `folder`, oldest first."""
    if not folder.is_dir():
        return []
    versions = [p.name for p in folder.iterdir() if is_version(p.name) and p.is_dir()]
    return sorted(versions, key=parse)


def zip_name(name: str, version: str) -> str:
    """The file name of a release's zip; its entries all lie in the folder named by the stem."""
    return f"{name}-{version}.zip"


def zip_checksum_name(name: str, version: str) -> str:
    """The file beside a release's zip holding the zip's SHA-256 as `sha256sum` writes it, so that
    `sha256sum -c` checks a downloaded zip. It lies outside the zip, which cannot hold its own hash."""
    return zip_name(name, version) + ".sha256"
