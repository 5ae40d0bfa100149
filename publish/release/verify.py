"""Verify a release: every file against SHA256SUMS, the descriptor's hashes,
and the zip against the files; report files changed, added or removed."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from publish.errors import PublishError
from publish.release.build import CHECKSUMS, zip_name


@dataclass
class Verification:
    folder: Path
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.added or self.removed)

    def to_text(self) -> str:
        lines = [f"changed: {f}" for f in self.changed]
        lines += [f"added: {f}" for f in self.added]
        lines += [f"removed: {f}" for f in self.removed]
        verdict = "intact" if self.ok else "NOT intact"
        lines.append(f"{self.folder}: {verdict} ({self.checked} files checked)")
        return "\n".join(lines)


def verify(folder: Path | str) -> Verification:
    folder = Path(folder)
    sums_path = folder / CHECKSUMS
    if not sums_path.is_file():
        raise PublishError(f"{folder} has no {CHECKSUMS}: it is not a release folder")
    recorded: dict[str, str] = {}
    for number, line in enumerate(sums_path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise PublishError(f"{sums_path}: line {number} is not '<sha256>  <file>'")
        recorded[name] = digest
    result = Verification(folder)
    archive_name = zip_name(folder) if (folder / "datapackage.json").is_file() else None
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    present -= {CHECKSUMS, archive_name}
    result.added = sorted(present - set(recorded))
    result.removed = sorted(set(recorded) - present)
    for name in sorted(present & set(recorded)):
        result.checked += 1
        if hashlib.sha256((folder / name).read_bytes()).hexdigest() != recorded[name]:
            result.changed.append(name)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8")) if archive_name else {}
    for resource in descriptor.get("resources", []):
        path = folder / resource["path"]
        if path.is_file() and resource.get("hash") != f"sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}":
            if resource["path"] not in result.changed:
                result.changed.append(resource["path"])
    if archive_name and (folder / archive_name).is_file():
        result.checked += 1
        try:
            with zipfile.ZipFile(folder / archive_name) as archive:
                inside = {info.filename.split("/", 1)[1]: archive.read(info) for info in archive.infolist()}
        except zipfile.BadZipFile:
            inside = {}
        expected = present | {CHECKSUMS}
        if set(inside) != expected or any(inside[f] != (folder / f).read_bytes() for f in expected):
            result.changed.append(archive_name)
    elif archive_name:
        result.removed.append(archive_name)
    return result
