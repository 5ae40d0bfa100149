"""Build a release: validate, then write DIR/X.Y.Z/ in one atomic step.

Load (validate the project) -> Process (version, date, changelog entry) ->
Save (every file into a temporary folder beside the target, then one rename).
Timestamps come from SOURCE_DATE_EPOCH, from the version's CHANGELOG entry or
from the last commit, never from the clock, so the same version built from
the same commit is the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from publish.errors import PublishError
from publish.project import derived_table
from publish.release import changelog, versions
from publish.release.diff import diff
from publish.release.formats import write_csv, write_parquet, write_sqlite
from publish.release.metadata import citation_cff, datasette_metadata, json_ld, release_descriptor, rights_statement
from publish.report.page import render
from publish.series import rules_text
from publish.validate import Report, validate

CHECKSUMS = "SHA256SUMS"
ZIP_EPOCH_FLOOR = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can carry


class ReleaseRefused(PublishError):
    """The project did not validate; the report says why."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(
            f"release refused: the project has {len(report.findings)} validation error(s); "
            "nothing was written. Run `publish validate` and fix them first."
        )


@dataclass
class Release:
    version: str
    folder: Path
    level: str | None
    changelog_updated: bool


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_release(report: Report) -> str:
    counts = report.counts()
    return "### Added\n- First release, rows per table: " + ", ".join(f"{name} {n}" for name, n in counts.items()) + "."


def release_time(root: Path, version: str) -> datetime:
    """When this version is released: SOURCE_DATE_EPOCH, else the date of its CHANGELOG entry, else the
    day of the last commit; the last two as midnight UTC, so a rebuild after the entry exists agrees."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError:
            raise PublishError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
    recorded = changelog.entry(root / "CHANGELOG.md", version)
    if recorded:
        return datetime.strptime(recorded[0], "%Y-%m-%d").replace(tzinfo=UTC)
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        committed = datetime.fromtimestamp(int(out), tz=UTC)
        return committed.replace(hour=0, minute=0, second=0)  # a date, as the CHANGELOG will record it
    except (OSError, subprocess.CalledProcessError, ValueError):
        raise PublishError(
            "cannot date the release: set SOURCE_DATE_EPOCH, add the version to CHANGELOG.md, "
            "or build inside a git repository"
        ) from None


def choose_version(root: Path, out: Path, version: str | None, level: str | None) -> tuple[str, str | None, str | None]:
    """(version, SemVer level of the data change, previous version) for this release."""
    previous = versions.released(out)
    latest = previous[-1] if previous else None
    change_level = diff(out / latest, root).level() if latest else "major"
    if version:
        versions.parse(version)
        return version, change_level, _before(previous, version)
    if level == "auto":
        if change_level is None:
            raise PublishError(f"nothing changed since {latest}; there is nothing to release")
        level = change_level if latest else "major"
    return versions.bump(latest, level), change_level, latest


def _before(previous: list[str], version: str) -> str | None:
    older = [v for v in previous if versions.parse(v) < versions.parse(version)]
    return older[-1] if older else None


def release(
    root: Path | str, *, version: str | None = None, level: str | None = None, out: Path | str | None = None
) -> Release:
    """Validate the project at `root` and write release `version` (or the bumped one) under `out`."""
    root = Path(root)
    out = Path(out) if out else root / "releases"
    if bool(version) == bool(level):
        raise PublishError("give either --version X.Y.Z or --bump [major|minor|patch]")
    report = validate(root)
    if not report.valid:
        raise ReleaseRefused(report)
    version, change_level, previous = choose_version(root, out, version, level)
    target = out / version
    if target.exists():
        raise PublishError(
            f"{target} already exists and a published version is never overwritten; "
            "release a new version (for example with --bump patch)"
        )
    created = release_time(root, version)
    recorded = changelog.entry(root / "CHANGELOG.md", version)
    if recorded:
        body = recorded[1]
    else:
        notes = changelog.unreleased(root / "CHANGELOG.md")
        changes = diff(out / previous, root).changelog() if previous else first_release(report)
        body = changelog.merge(notes, changes) or "### Changed\n- No data changes."
    entry = changelog.render(version, f"{created:%Y-%m-%d}", body)

    out_existed = out.exists()
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=out))
    try:
        write_release(report, version, created, entry, staging)
        staging.chmod(0o755)  # a temporary folder is private; a release is for everyone
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if not out_existed:
            shutil.rmtree(out, ignore_errors=True)
        raise
    if not recorded:
        changelog.add_entry(root / "CHANGELOG.md", version, f"{created:%Y-%m-%d}", body)
    return Release(version, target, change_level, changelog_updated=not recorded)


def write_release(report: Report, version: str, created: datetime, entry: str, folder: Path) -> None:
    project = report.project
    tables = {**report.tables, "series": report.series}
    series = derived_table(project, "series")
    schemas = {**project.tables, "series": series}
    described = {r["name"]: r for r in project.descriptor["resources"]}
    described["series"] = {
        "title": "Series",
        "description": "Derived from the observations on every release, never edited by hand: one value per "
        "indicator, period and kind, with the interval all sources share and the rule that chose it. "
        "The rules: " + rules_text(),
    }
    name = project.descriptor["name"]
    (folder / "data").mkdir()
    (folder / "sources").mkdir()
    resources, distributions = [], []
    for table_name, table in schemas.items():
        resource = described[table_name]
        csv_path = folder / "data" / f"{table_name}.csv"
        if table_name == "series":
            write_csv(tables[table_name], table, csv_path)
        else:
            shutil.copyfile(project.root / table.path, csv_path)
        parquet_path = folder / "data" / f"{table_name}.parquet"
        write_parquet(tables[table_name], table, parquet_path)
        schema = {k: v for k, v in table.schema.items() if k != "$schema"}
        resources.append(
            {
                "name": table_name,
                "title": resource.get("title", table_name),
                "description": resource.get("description", ""),
                "type": "table",
                "path": f"data/{table_name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_path.stat().st_size,
                "hash": f"sha256:{sha256_file(csv_path)}",
                "schema": schema,
            }
        )
        distributions += [
            (f"data/{table_name}.csv", "text/csv"),
            (f"data/{table_name}.parquet", "application/vnd.apache.parquet"),
        ]
    database = f"{name}.sqlite"
    write_sqlite(tables, schemas, folder / database)
    distributions.append((database, "application/vnd.sqlite3"))
    for row in tables["sources"].itertuples():
        shutil.copyfile(project.root / row.path, folder / "sources" / Path(row.path).name)
    write_text(folder / "sources" / "RIGHTS.md", rights_statement(tables))
    write_json(folder / "metadata.json", datasette_metadata(project, version, name, tables, resources))
    write_text(folder / "CITATION.cff", citation_cff(project, version, created))
    write_json(folder / "dataset.jsonld", json_ld(project, version, created, tables, distributions))
    write_text(folder / "CHANGELOG.md", f"# Changelog of version {version}\n\n{entry}")
    write_text(folder / "index.html", render(report, archive="sources", version=version, released=created))
    write_json(folder / "datapackage.json", release_descriptor(project, version, created, tables, resources))
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    write_text(folder / CHECKSUMS, "".join(f"{sha256_file(folder / f)}  {f}\n" for f in files))
    write_zip(folder, f"{name}-{version}", created)


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def write_json(path: Path, data: dict) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def zip_name(folder: Path) -> str:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return f"{descriptor['name']}-{descriptor['version']}.zip"


def write_zip(folder: Path, stem: str, created: datetime) -> None:
    """One zip of the release, the same bytes for the same content and date."""
    stamp = max(created, ZIP_EPOCH_FLOOR).timetuple()[:6]
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(folder / f"{stem}.zip", "w") as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{stem}/{file}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / file).read_bytes(), compresslevel=9)
