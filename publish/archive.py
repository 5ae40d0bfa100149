"""The archive of source texts under seeds/: safe paths, hashes, text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from publish.findings import Finding
from publish.project import Project


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archived_path(project: Project, path: str) -> Path | None:
    """The file a sources row points at, or None if it would lie outside seeds/."""
    seeds = project.seeds.resolve()
    candidate = (project.root / path).resolve()
    return candidate if candidate.is_relative_to(seeds) and candidate != seeds else None


def read_texts(project: Project, sources: pd.DataFrame) -> tuple[dict[str, str], list[Finding]]:
    """Each source's text by source_id, checking it against its recorded hash and size."""
    file = project.tables["sources"].path
    texts: dict[str, str] = {}
    findings: list[Finding] = []
    for index, row in sources.iterrows():  # one archived file per row: file I/O, not a column
        where = dict(file=file, row=int(index) + 2)
        if pd.isna(row["source_id"]) or pd.isna(row["path"]):
            continue
        path = archived_path(project, row["path"])
        if path is None:
            findings.append(
                Finding(
                    **where,
                    rule="source.path",
                    field="path",
                    value=row["path"],
                    message="expected a file inside seeds/",
                )
            )
            continue
        if not path.is_file():
            findings.append(
                Finding(
                    **where,
                    rule="source.path",
                    field="path",
                    value=row["path"],
                    message="expected an archived file that exists",
                )
            )
            continue
        data = path.read_bytes()
        if pd.notna(row["sha256"]) and sha256_of(data) != row["sha256"]:
            findings.append(
                Finding(
                    **where,
                    rule="source.sha256",
                    field="sha256",
                    value=row["sha256"],
                    message=f"expected the file's SHA-256, which is now {sha256_of(data)}: the archive was changed",
                )
            )
        if pd.notna(row["bytes"]) and len(data) != int(row["bytes"]):
            findings.append(
                Finding(
                    **where,
                    rule="source.bytes",
                    field="bytes",
                    value=str(row["bytes"]),
                    message=f"expected the file's size, which is now {len(data)} bytes",
                )
            )
        try:
            texts[row["source_id"]] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            findings.append(
                Finding(
                    **where,
                    rule="source.encoding",
                    field="path",
                    value=row["path"],
                    message=f"expected UTF-8 text; byte {error.start} is not UTF-8",
                )
            )
    return texts, findings
