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


def source_problem(file: str, index: int, row: pd.Series, rule: str, field: str, message: str) -> Finding:
    """A finding about one row of the sources table, showing that row's value of `field`."""
    return Finding(file=file, row=int(index) + 2, rule=rule, field=field, value=str(row[field]), message=message)


def read_texts(project: Project, sources: pd.DataFrame) -> tuple[dict[str, str], list[Finding]]:
    """Each source's text by source_id, checking it against its recorded hash and size."""
    file = project.tables["sources"].path
    texts: dict[str, str] = {}
    findings: list[Finding] = []
    for index, row in sources.iterrows():  # one archived file per row: file I/O, not a column
        if pd.isna(row["source_id"]) or pd.isna(row["path"]):
            continue
        path = archived_path(project, row["path"])
        if path is None or not path.is_file():
            where = "a file inside seeds/" if path is None else "an archived file that exists"
            findings.append(source_problem(file, index, row, "source.path", "path", f"expected {where}"))
            continue
        data = path.read_bytes()
        digest = sha256_of(data)
        if pd.notna(row["sha256"]) and digest != row["sha256"]:
            message = f"expected the file's SHA-256, which is now {digest}: the archive was changed"
            findings.append(source_problem(file, index, row, "source.sha256", "sha256", message))
        if pd.notna(row["bytes"]) and len(data) != int(row["bytes"]):
            message = f"expected the file's size, which is now {len(data)} bytes"
            findings.append(source_problem(file, index, row, "source.bytes", "bytes", message))
        try:
            texts[row["source_id"]] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            message = f"expected UTF-8 text; byte {error.start} is not UTF-8"
            findings.append(source_problem(file, index, row, "source.encoding", "path", message))
    return texts, findings
