"""The archive of source texts under seeds/: safe paths, hashes, text."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from publish.errors import PublishError
from publish.findings import Finding, csv_row
from publish.project import Project

if TYPE_CHECKING:  # `publish verify` hashes files through here and must not import pandas
    import pandas as pd


def sha256_of_file(path: Path) -> str:
    """The file's SHA-256, read in chunks and without following a symbolic link."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as error:
        raise PublishError(f"{path}: cannot be read ({error.strerror})") from None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archived_path(project: Project, path: str) -> Path | None:
    """The file a sources row points at, or None if it would lie outside seeds/."""
    seeds = project.seeds.resolve()
    candidate = (project.root / path).resolve()
    return candidate if candidate.is_relative_to(seeds) and candidate != seeds else None


def plain_files(folder: Path) -> frozenset[str]:
    """Names of the regular files directly in `folder`, from one listing of it."""
    if folder.is_symlink() or not folder.is_dir():
        return frozenset()
    with os.scandir(folder) as entries:
        return frozenset(e.name for e in entries if e.is_file(follow_symlinks=False))


def read_texts(project: Project, sources: pd.DataFrame) -> tuple[dict[str, str], list[Finding]]:
    """Each source's text by source_id, checking it against its recorded hash and size."""
    file = project.tables["sources"].path
    texts: dict[str, str] = {}
    findings: list[Finding] = []
    listed = plain_files(project.seeds)
    folder, prefix = str(project.seeds), project.seeds.name + "/"

    def problem(index: int, rule: str, field: str, value: object, message: str) -> None:
        findings.append(Finding(file, rule, message, row=csv_row(index), field=field, value=str(value)))

    columns = [sources[c].to_numpy(dtype=object, na_value=None) for c in ("source_id", "path", "sha256", "bytes")]
    for index, source_id, where, sha256, size in zip(sources.index, *columns, strict=True):
        # one archived file per row: file I/O, not a column
        if source_id is None or where is None:
            continue
        name = where.removeprefix(prefix)
        plain = name != where and name in listed  # a regular file in seeds/: no resolving, no stat
        path = os.path.join(folder, name) if plain else archived_path(project, where)
        if path is None or not (plain or path.is_file()):
            expected = "a file inside seeds/" if path is None else "an archived file that exists"
            problem(index, "source.path", "path", where, f"expected {expected}")
            continue
        with open(path, "rb") as text_file:  # `Path.read_bytes` costs twice as much per file
            data = text_file.read()
        digest = sha256_of(data)
        if sha256 is not None and digest != sha256:
            message = f"expected the SHA-256 of {where}, which is now {digest}: the archived text was changed"
            problem(index, "source.sha256", "sha256", sha256, message)
        if size is not None and len(data) != int(size):
            problem(
                index, "source.bytes", "bytes", size, f"expected the size of {where}, which is now {len(data)} bytes"
            )
        try:
            texts[source_id] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problem(
                index, "source.encoding", "path", where, f"expected UTF-8 text in {where}; byte {error.start} is not"
            )
    return texts, findings


def one_source(project: Project, sources: pd.DataFrame, source_id: str) -> tuple[pd.DataFrame, str]:
    """The sources row of `source_id` (a frame of one row) and its archived text, checked against its
    hash and size; one clear error naming the sources there are, or why the text cannot be read."""
    row = sources.loc[sources["source_id"] == source_id]
    if row.empty:
        known = ", ".join(sources["source_id"].dropna()) or "none"
        raise PublishError(f"no source {source_id!r}; the sources are {known} (archive a text with publish add-source)")
    texts, unread = read_texts(project, row.iloc[[0]])
    if source_id not in texts:
        reason = unread[0].message if unread else "no archived text"
        raise PublishError(f"cannot read the text of {source_id!r}: {reason}")
    return row.iloc[[0]], texts[source_id]
