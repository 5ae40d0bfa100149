"""Verify a release: every file against SHA256SUMS, the descriptor's hashes,
and the zip against the files (and against the SHA-256 in the file beside it,
<zip>.sha256, when the release has one); report files changed, added or removed.

A folder named by a version must hold that version (its descriptor's), and a
SHA256SUMS with Windows line ends is said to be what it is: a release
converted on its way (git's core.autocrlf), not a list of another release.

Nothing outside the folder is read: a path in SHA256SUMS or the descriptor
must be relative and inside the folder, and symbolic links are never
followed. Anything in the folder that SHA256SUMS does not list (a file, an
empty folder, a symbolic link, ...) is reported as added; a listed file that
is no longer a regular file, as changed. A zip that cannot be read, or whose
entries are not exactly the listed files inside one folder, is changed.
Imports no pandas: verifying is reading bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from publish.archive import sha256_of_file
from publish.errors import PublishError
from publish.project import DESCRIPTOR, safe_name
from publish.release.versions import CHECKSUMS, is_version, zip_checksum_name, zip_name

DIGEST = re.compile(r"[0-9a-f]{64}")
# What reading a damaged or hostile zip raises: bad structure or CRC, bad deflate data, an unknown
# compression method, an encrypted entry, a truncated file.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError)
ZIP_ERRORS += (OSError, ValueError, KeyError)
CHUNK = 1 << 20


@dataclass
class Verification:
    folder: Path
    version: str | None = None  # the version its descriptor states
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
        release = f"release {self.version} " if self.version else ""
        lines.append(f"{self.folder}: {release}{verdict} ({self.checked} files checked)")
        return "\n".join(lines)


def inside(name: object) -> bool:
    """A relative POSIX path that stays in the folder: no '..', '.', empty part, backslash or NUL."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    pure = PurePosixPath(name)
    return not pure.is_absolute() and name == pure.as_posix() and all(p not in ("", ".", "..") for p in pure.parts)


def inventory(folder: Path) -> tuple[set[str], set[str]]:
    """(regular files, everything else: symbolic links, special files, empty folders as 'name/'),
    as POSIX paths relative to `folder`, found without following any link."""
    regular, other = set(), set()

    def unreadable(error: OSError) -> None:
        raise PublishError(f"{error.filename}: cannot be read ({error.strerror})")

    for top, folders, files in os.walk(folder, onerror=unreadable):
        here = Path(top)
        relative = here.relative_to(folder).as_posix()
        prefix = "" if relative == "." else relative + "/"
        if not folders and not files and prefix:
            other.add(prefix)
        for name in folders:
            if (here / name).is_symlink():
                other.add(prefix + name)
        for name in files:
            mode = os.lstat(here / name).st_mode
            (regular if stat.S_ISREG(mode) else other).add(prefix + name)
    return regular, other


def read_checksums(path: Path) -> dict[str, str]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise PublishError(f"{path}: not UTF-8 text (byte {error.start}); it is not a list of checksums") from None
    except OSError as error:
        raise PublishError(f"{path}: cannot be read ({error.strerror})") from None
    if "\r" in text:
        raise PublishError(
            f"{path}: its lines end in CR LF (Windows line ends), which publish never writes: the release was "
            "converted on its way here, most likely by git with core.autocrlf=true, and every text file in it "
            "with it. Get it again without conversion (a clone of the repository keeps it byte for byte by its "
            ".gitattributes; or download the release's zip)"
        )
    recorded: dict[str, str] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines[:-1] if text.endswith("\n") or not text else lines, start=1):
        digest, _, name = line.partition("  ")
        if not DIGEST.fullmatch(digest) or not name:
            raise PublishError(f"{path}: line {number} is not '<sha256>  <file>'")
        if not inside(name):
            raise PublishError(f"{path}: line {number} names {name!r}, which is not a file inside the release")
        if name in recorded:
            raise PublishError(f"{path}: line {number} lists {name!r} a second time")
        recorded[name] = digest
    return recorded


def read_descriptor(path: Path) -> dict:
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PublishError(f"{path}: not valid UTF-8 JSON ({error})") from None
    except OSError as error:
        raise PublishError(f"{path}: cannot be read ({error.strerror})") from None
    if not isinstance(descriptor, dict):
        raise PublishError(f"{path}: expected a JSON object, a Data Package descriptor")
    safe_name(descriptor.get("name"), what=f"{path}: the package name")
    if not is_version(descriptor.get("version")):
        raise PublishError(f"{path}: version {descriptor.get('version')!r} is not MAJOR.MINOR.PATCH")
    resources = descriptor.get("resources", [])
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise PublishError(f"{path}: 'resources' must be a list of objects")
    for resource in resources:
        if not inside(resource.get("path")):
            raise PublishError(
                f"{path}: resource {resource.get('name')!r} has path {resource.get('path')!r}, "
                "which is not a file inside the release"
            )
    return descriptor


def zip_matches(path: Path, stem: str, expected: dict[str, str]) -> bool:
    """Whether the zip holds exactly the files `expected` (name: sha256), each as `stem/name`."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            names = [info.filename for info in entries]
            if len(set(names)) != len(names) or any(not n.startswith(f"{stem}/") for n in names):
                return False
            if {n.removeprefix(f"{stem}/") for n in names} != set(expected):
                return False
            for info in entries:
                digest = hashlib.sha256()
                with archive.open(info) as member:
                    while chunk := member.read(CHUNK):
                        digest.update(chunk)
                if digest.hexdigest() != expected[info.filename.removeprefix(f"{stem}/")]:
                    return False
    except ZIP_ERRORS:
        return False
    return True


def check_folder_name(folder: Path, descriptor: dict) -> None:
    """A folder named by a version (X.Y.Z, or the zip's NAME-X.Y.Z) holds that version: release 1.0.1
    in a folder named 1.0.0 is not an intact 1.0.0, however intact its files."""
    name, version = Path(os.path.abspath(folder)).name, descriptor["version"]
    stem = zip_name(descriptor["name"], version).removesuffix(".zip")
    named = name if is_version(name) else name.removeprefix(f"{descriptor['name']}-")
    if is_version(named) and name not in (version, stem):
        raise PublishError(
            f"{folder} is named for version {named} but holds release {version} (the version in its {DESCRIPTOR}); "
            f"a release's folder is named by its version: this is not release {named}"
        )


def verify(folder: Path | str) -> Verification:
    folder = Path(folder)
    sums_path = folder / CHECKSUMS
    if sums_path.is_symlink() or not sums_path.is_file():
        raise PublishError(f"{folder} has no {CHECKSUMS}: it is not a release folder")
    recorded = read_checksums(sums_path)
    if DESCRIPTOR not in recorded:
        raise PublishError(f"{sums_path} does not list {DESCRIPTOR}: it is not the list of a release's files")
    regular, other = inventory(folder)
    result = Verification(folder)
    descriptor = read_descriptor(folder / DESCRIPTOR) if DESCRIPTOR in regular else {}
    if descriptor:
        check_folder_name(folder, descriptor)
        result.version = descriptor["version"]
    archive = zip_name(descriptor["name"], descriptor["version"]) if descriptor else None
    sidecar = zip_checksum_name(descriptor["name"], descriptor["version"]) if descriptor else None
    extra = {CHECKSUMS, archive, sidecar}
    result.added = sorted((regular | other) - set(recorded) - extra)
    result.removed = sorted(set(recorded) - regular - other)
    digests = {}
    for name in sorted(regular & set(recorded)):
        result.checked += 1
        digests[name] = sha256_of_file(folder / name)
        if digests[name] != recorded[name]:
            result.changed.append(name)
    result.changed += sorted(set(recorded) & other)  # a listed file that is now a link or a folder
    for resource in descriptor.get("resources", []):
        name = resource["path"]
        if name in digests and resource.get("hash") != f"sha256:{digests[name]}" and name not in result.changed:
            result.changed.append(name)
        elif name not in regular and name not in recorded and name not in result.removed:
            result.removed.append(name)  # the descriptor lists a file the release does not have
    if archive in regular:
        result.checked += 1
        if not zip_matches(
            folder / archive, archive.removesuffix(".zip"), {**recorded, CHECKSUMS: sha256_of_file(sums_path)}
        ):
            result.changed.append(archive)
    elif archive in other:
        result.changed.append(archive)
    elif archive:
        result.removed.append(archive)
    if sidecar in regular:  # releases before it have none
        result.checked += 1
        if archive in regular and not checksum_matches(folder / sidecar, folder / archive):
            result.changed.append(sidecar)
    elif sidecar in other:
        result.changed.append(sidecar)
    return result


def checksum_matches(sidecar: Path, archive: Path) -> bool:
    """Whether `sidecar` is the one line `sha256sum` writes for `archive`: its SHA-256 and its name."""
    with sidecar.open("rb") as handle:
        written = handle.read(1024)
    return written == f"{sha256_of_file(archive)}  {archive.name}\n".encode()
