"""Build a release: validate, then write DIR/X.Y.Z/ in one atomic step.

Load (validate the project) -> Process (version, date, changelog entry) ->
Save (every file into a staging folder inside DIR, then one rename).
Timestamps come from SOURCE_DATE_EPOCH, from the version's CHANGELOG entry or
from the last commit, never from the clock, so the same version built from
the same commit is the same bytes.

Every name that becomes a path (the package, the version, each table, each
archived source) is checked before anything is written. One release at a time
is written into DIR: it is locked (flock) from choosing the version to the
rename, so of two releases of one version exactly one is written and the
other is told it exists. The staging folder carries a `.gitignore`, so a
release killed half-way leaves nothing `git status` shows, and the next
release into DIR removes it and says so. A build into another folder than the
project's own releases/ (`--out`) leaves the project untouched: its
CHANGELOG.md is read, never written; the previous version, for the changelog
and the diff, is looked for in both folders.

A release is readable without the repository: README.md and LICENSE-DATA.md
(publish.release.readme) say what it is and how to use it, its sources table
locates each archived text inside it (publish.release.paths), and before the
checksums are written every generated text file is checked for "nan", "None"
or "NaT" standing where a value was missing (publish.release.missing).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import NoReturn

from publish.archive import sha256_of_file
from publish.errors import PublishError
from publish.identity import homepage, text_or
from publish.project import DESCRIPTOR, SEEDS, derived_table, published_release_holding, safe_name
from publish.release import changelog, versions
from publish.release.diff import LEVEL_ORDER, Diff, diff
from publish.release.formats import write_csv, write_csv_mapped, write_parquet, write_sqlite
from publish.release.metadata import (
    checksum_line,
    citation_cff,
    datasette_metadata,
    json_ld,
    release_descriptor,
    rights_statement,
)
from publish.release.missing import check_release, json_strings, tokens_in_data
from publish.release.paths import ARCHIVE, PATH_FIELD, release_path, release_sources_schema
from publish.release.readme import LICENCE_FILE, licence_statement, readme
from publish.release.versions import CHECKSUMS, zip_checksum_name, zip_name
from publish.report.page import render
from publish.series import Derived, choice_rules_text, report_series
from publish.validate import Report, validate
from publish.writes import refuse_links_out

RELEASES = "releases"  # the project's own folder of releases
CHANGELOG = "CHANGELOG.md"
ZIP_EPOCH_FLOOR = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can carry
ZIP_LAST_YEAR = 2107  # and the last year
STAGING_PREFIX = ".staging-"
# Staging folders a killed release leaves: this version's, and those of earlier versions of publish.
STALE = re.compile(r"\.staging-[0-9.]+-[a-z0-9_]+|\.(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)-[a-z0-9_]+")


class ReleaseRefused(PublishError):
    """The project did not validate; the report says why."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(
            f"release refused: the project has {len(report.findings)} validation error(s); "
            "nothing was written. Run `publish validate` and fix them first."
        )


class WriteFailed(PublishError, OSError):
    """The disk refused a write (full, read-only, ...); nothing of the release is left. An OSError too."""


@dataclass
class Release:
    version: str
    folder: Path
    level: str | None
    changelog_updated: bool
    cleaned: list[str] = field(default_factory=list)  # stale staging folders removed first
    same_as: Path | None = None  # the published folder a rebuild of its version was found equal to


def first_release(report: Report) -> str:
    counts = report.counts()
    return "### Added\n- First release, rows per table: " + ", ".join(f"{name} {n}" for name, n in counts.items()) + "."


def release_time(root: Path, version: str) -> datetime:
    """When this version is released: SOURCE_DATE_EPOCH, else the date of its CHANGELOG entry, else the
    day of the last commit; the last two as midnight UTC, so a rebuild after the entry exists agrees."""
    created = _release_time(root, version)
    if created.year > ZIP_LAST_YEAR:
        raise PublishError(f"the release date {created:%Y-%m-%d} is after {ZIP_LAST_YEAR}, which a zip cannot record")
    return created


def epoch_time() -> datetime | None:
    """The time SOURCE_DATE_EPOCH gives, None when it is not set; an error when it is not plain seconds
    since 1970 that a date can hold."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    # ASCII digits only: int() would also take "-1", " 3" and Arabic-Indic digits.
    if not re.fullmatch(r"[0-9]+", epoch):
        raise PublishError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970")
    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise PublishError(f"SOURCE_DATE_EPOCH={epoch!r} is beyond the dates a release can carry") from None


def _release_time(root: Path, version: str) -> datetime:
    epoch = epoch_time()
    if epoch:
        return epoch
    recorded = changelog.entry(root / CHANGELOG, version)
    if recorded:
        return datetime.strptime(recorded[0], "%Y-%m-%d").replace(tzinfo=UTC)
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        committed = datetime.fromtimestamp(int(out), tz=UTC)
        return committed.replace(hour=0, minute=0, second=0)  # a date, as the CHANGELOG will record it
    except (OSError, subprocess.CalledProcessError, ValueError, OverflowError):
        raise PublishError(
            "cannot date the release: set SOURCE_DATE_EPOCH, add the version to CHANGELOG.md, "
            "or build inside a git repository"
        ) from None


def released(root: Path, out: Path) -> dict[str, Path]:
    """Every version released in `out` or in the project's own releases/, oldest first; the
    project's own folder of a version wins over a build of it elsewhere."""
    found = {v: out / v for v in versions.released(out)}
    found |= {v: root / RELEASES / v for v in versions.released(root / RELEASES)}
    return {v: found[v] for v in sorted(found, key=versions.parse)}


def published(root: Path) -> list[str]:
    """Every version the project has published, oldest first: a folder in its releases/ or a dated
    entry in its CHANGELOG.md (a release whose folder was deleted is still published)."""
    recorded = [v for v in changelog.released(root / CHANGELOG) if versions.is_version(v)]
    return sorted(set(versions.released(root / RELEASES)) | set(recorded), key=versions.parse)


def choose_version(
    root: Path, out: Path, version: str | None, level: str | None, compare=None
) -> tuple[str, str | None, Path | None]:
    """(version, SemVer level of the data change, folder of the previous version) for this release."""
    compare = compare or (lambda folder: diff(folder, root))
    previous = released(root, out)
    latest = list(previous)[-1] if previous else None
    change_level = compare(previous[latest]).level() if latest else "major"
    if version:
        versions.parse(version)
        older = [v for v in previous if versions.parse(v) < versions.parse(version)]
        return version, change_level, previous[older[-1]] if older else None
    if level == "auto":
        if change_level is None:
            raise PublishError(f"nothing changed since {latest}; there is nothing to release")
        level = change_level if latest else "major"
    newest = max([*previous, *published(root)], key=versions.parse, default=None)
    return versions.bump(newest, level), change_level, previous[latest] if latest else None


def check_version(root: Path, version: str, compare, into_project: bool) -> Path | None:
    """A version means one set of bytes. A published one may only be built again into another folder,
    to the bytes of its folder in releases/ if that exists (returned, to compare the build with); a
    new one must come after every published version, by a step no smaller than the change `publish
    diff` finds since the newest published release. Anything else is one PublishError saying what to
    release instead."""
    done = published(root)
    folder = root / RELEASES / version
    if version in done:
        if into_project:  # its folder is missing, or the release would have found it exists
            raise PublishError(
                f"{CHANGELOG} records {version} as released, but {folder} is missing: a published version is "
                f"never built again from the working tree; restore its folder (git checkout -- {RELEASES}/{version}) "
                "or release a new version (publish release --bump)"
            )
        return folder if folder.is_dir() else None
    if done and versions.parse(version) < versions.parse(done[-1]):
        raise PublishError(
            f"{version} comes before {done[-1]}, the newest published version ({RELEASES}/ and {CHANGELOG}): "
            "a new version must be greater than every published one; release with --bump"
        )
    folders = versions.released(root / RELEASES)
    if folders:
        base = folders[-1]
        needed, step = compare(root / RELEASES / base).level(), versions.level_between(base, version)
        if needed and LEVEL_ORDER.index(step) < LEVEL_ORDER.index(needed):
            raise PublishError(
                f"{version} would be a {step} release after {base}, but the changes since {base} are {needed} "
                f"(publish diff {RELEASES}/{base} .): release them as {versions.bump(done[-1], needed)} "
                f"(publish release --bump {needed})"
            )
    return None


def differing_files(built: Path, published_folder: Path) -> list[str]:
    """The files that differ between two release folders: changed, or in only one of them."""

    def files(folder: Path) -> dict[str, str]:
        found = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        return {p.relative_to(folder).as_posix(): sha256_of_file(p) for p in found}

    mine, theirs = files(built), files(published_folder)
    return sorted(name for name in mine.keys() | theirs.keys() if mine.get(name) != theirs.get(name))


def refuse_other_bytes(
    version: str, published_folder: Path, differing: list[str], level: str | None, root: Path
) -> NoReturn:
    shown = ", ".join(differing[:8]) + (f" and {len(differing) - 8} more" if len(differing) > 8 else "")
    why = (
        f"the data changed since ({level}: publish diff {RELEASES}/{version} .)"
        if level
        else "the data are the same (publish diff finds no change), so the difference comes from this "
        "version of publish"
    )
    raise PublishError(
        f"{version} is published in {published_folder}, and a version is one set of bytes: built from the "
        f"working tree it differs in {len(differing)} file(s): {shown}; {why}. Nothing was written. Release "
        f"the working tree as {versions.bump(published(root)[-1], level or 'patch')} instead "
        f"(publish release --bump {level or 'patch'})"
    )


def check_names(report: Report) -> None:
    """Everything that will name a file of the release is a safe name, checked before anything is written."""
    descriptor = report.project.descriptor
    for key in ("name", "title", "description"):
        if not isinstance(descriptor.get(key), str) or not descriptor[key].strip():
            raise PublishError(f"{DESCRIPTOR}: the package needs a {key!r}; a release is named and described by it")
    safe_name(descriptor["name"], what=f"{DESCRIPTOR}: the package name")
    homepage(report.project)  # a homepage every metadata file links must be a well-formed URL
    for name in [*report.project.tables, "series"]:
        safe_name(name, what=f"{DESCRIPTOR}: the table name")
    archived(report)


def archived(report: Report) -> dict[str, str]:
    """Where each archived source goes in the release (sources/...) by its path in the project."""
    places: dict[str, str] = {}
    for path in report.tables["sources"]["path"]:
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] != SEEDS:
            raise PublishError(f"archived source {path!r}: expected a path inside {SEEDS}/")
        for part in parts[1:]:
            safe_name(part, what=f"archived source {path!r}: the name")
        place = release_path(path)
        if place in places.values() or place == f"{ARCHIVE}/RIGHTS.md":
            raise PublishError(f"archived source {path!r} would be {place} in the release a second time")
        places[path] = place
    return places


def check_out(root: Path, out: Path) -> None:
    """OUT is the project's own releases/ or a folder outside the project, and never inside a
    published release: a scratch build leaves the working tree alone, and a version never changes."""
    if os.path.abspath(out) == os.path.abspath(root / RELEASES):
        refuse_links_out(out, root)  # a committed link `releases` would send the release out of the project
    where = out.resolve()
    release = published_release_holding(where)
    if release is not None:
        raise PublishError(f"--out {out} lies in the published release {release}, which never changes")
    if where.is_relative_to(root.resolve()) and where != (root / RELEASES).resolve():
        raise PublishError(
            f"--out {out} lies in the project; release into {root / RELEASES} or a folder outside the project"
        )


def release(
    root: Path | str, *, version: str | None = None, level: str | None = None, out: Path | str | None = None
) -> Release:
    """Validate the project at `root` and write release `version` (or the bumped one) under `out`."""
    root = Path(root)
    own = root / RELEASES
    out = Path(out) if out else own
    if bool(version) == bool(level):
        raise PublishError("give either --version X.Y.Z or --bump [major|minor|patch]")
    check_out(root, out)
    if version:
        versions.parse(version)
    history = root / CHANGELOG
    changelog.read(history)  # an unreadable CHANGELOG.md stops the release before any work
    epoch_time()  # and so does a SOURCE_DATE_EPOCH that dates nothing
    report = validate(root)
    if not report.valid:
        raise ReleaseRefused(report)
    check_names(report)
    into_project = _same_folder(out, own)
    diffs: dict[Path, Diff] = {}

    def compare(folder: Path) -> Diff:
        if folder not in diffs:
            diffs[folder] = diff(folder, root)
        return diffs[folder]

    with locked_folder(out):
        cleaned = clean_stale(out)
        version, change_level, previous = choose_version(root, out, version, level, compare)
        safe_name(version, what="the version")
        target = out / version
        if os.path.lexists(target):
            raise PublishError(
                f"{target} already exists and a published version is never overwritten; "
                "release a new version (for example with --bump patch)"
            )
        same_as = check_version(root, version, compare, into_project)
        created = release_time(root, version)
        recorded = changelog.entry(history, version)
        if recorded:
            body = recorded[1]
        else:
            notes = changelog.unreleased(history)  # read, and written back only into the project's own folder
            changes = compare(previous).changelog() if previous else first_release(report)
            body = changelog.merge(notes, changes) or "### Changed\n- No data changes."
        entry = changelog.render(version, f"{created:%Y-%m-%d}", body)

        def same_bytes(built: Path) -> None:
            differing = differing_files(built, same_as)
            if differing:
                refuse_other_bytes(version, same_as, differing, compare(same_as).level(), root)

        write_staged(report, version, created, entry, out, target, check=same_bytes if same_as else None)
        updated = into_project and not recorded
        if updated:
            try:
                changelog.add_entry(history, version, f"{created:%Y-%m-%d}", body)
            except PublishError as error:
                raise PublishError(f"released {version} in {target}, but {error}; add its entry by hand") from None
    return Release(version, target, change_level, changelog_updated=updated, cleaned=cleaned, same_as=same_as)


def _same_folder(one: Path, other: Path) -> bool:
    return os.path.abspath(one) == os.path.abspath(other) or (
        one.exists() and other.exists() and os.path.samefile(one, other)
    )


def write_staged(
    report: Report, version: str, created: datetime, entry: str, out: Path, target: Path, check=None
) -> None:
    """Write the release into a staging folder in `out`, run `check` on it if given (it raises to
    refuse the release), then rename it to `target`; on any failure remove the staging folder, and
    turn a refused write into one WriteFailed."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{version}-", dir=out))
    except OSError as error:
        raise WriteFailed(f"cannot write release {version} in {out}: {error.strerror}; nothing was written") from None
    try:
        # git ignores a folder whose every file it ignores: a release killed half-way shows nowhere
        (staging / ".gitignore").write_text("# a release being written by `publish release`\n*\n", encoding="utf-8")
        folder = staging / version
        folder.mkdir()
        write_release(report, report_series(report), version, created, entry, folder)
        folder.chmod(0o755)
        if check is not None:
            check(folder)
        os.rename(folder, target)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        failed = WriteFailed(f"cannot write release {version} in {out}: {reason}; nothing was written")
        failed.errno = getattr(error, "errno", None)
        raise failed from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def clean_stale(out: Path) -> list[str]:
    """Remove the staging folders releases killed half-way left in `out`; only called with `out` locked,
    when no other release can be writing one."""
    stale = sorted(p.name for p in out.iterdir() if STALE.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
    for name in stale:
        shutil.rmtree(out / name)
    return stale


def make_folders(out: Path) -> list[Path]:
    """Create `out` and its missing parents; the folders this call created, outermost first."""
    missing, here = [], out
    while not os.path.lexists(here):
        missing.append(here)
        here = here.parent
    if not here.is_dir():
        raise PublishError(f"{here} is not a folder, so the releases cannot go in {out}")
    created = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue  # made at this moment by someone else: theirs, not ours to remove
        except OSError as error:
            raise PublishError(f"cannot create the folder {folder}: {error.strerror}") from None
        created.append(folder)
    return created


@contextmanager
def locked_folder(out: Path) -> Iterator[None]:
    """`out`, created if need be, locked against other releases into it while the block runs. If the block
    fails, the folders created here are removed again, while still locked, but only if still empty."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        fcntl = None
    created: list[Path] = []
    handle = None
    try:
        while handle is None:
            created += make_folders(out)
            try:
                handle = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError as error:
                raise PublishError(f"cannot open the folder {out}: {error.strerror}") from None
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)  # waits while another release is written into `out`
                try:
                    same = os.path.samestat(os.fstat(handle), os.stat(out))
                except FileNotFoundError:
                    same = False
                if not same:  # removed by the release we waited for, which failed: create it again
                    os.close(handle)
                    handle = None
        yield
    except BaseException:
        for folder in reversed(created):
            try:
                folder.rmdir()  # never more than an empty folder: another release may be in it
            except OSError:
                break
        raise
    finally:
        if handle is not None:
            os.close(handle)  # and with it the lock


# Each format of a release file: its media type, and its name on the page.
CSV = ("text/csv", "CSV")
PARQUET = ("application/vnd.apache.parquet", "Parquet")
SQLITE = ("application/vnd.sqlite3", "SQLite")
JSON = ("application/json", "JSON")
JSON_LD = ("application/ld+json", "JSON-LD")
CFF = ("application/yaml", "CFF")  # CITATION.cff is YAML
MARKDOWN = ("text/markdown", "Markdown")
ZIP = ("application/zip", "ZIP")


def write_release(report: Report, derived: Derived, version: str, created: datetime, entry: str, folder: Path) -> None:
    """Every file of the release into `folder`, in an order that lets each file describe the ones before it:
    the data, the database, the archived texts and their rights, the licence, datasette's metadata,
    CITATION.cff, the changelog, README.md, datapackage.json, dataset.jsonld (with the size and hash
    of each of those), the page (with their sizes), then the check for text standing in for missing
    values, SHA256SUMS, the zip and, beside it, the zip's SHA-256."""
    project = report.project
    places = archived(report)
    sources = report.tables["sources"].assign(path=report.tables["sources"]["path"].map(places))
    tables = {**report.tables, "sources": sources, "series": derived.series}  # as the release states them
    series = derived_table(project, "series")
    schemas = {**project.tables, "series": series}
    described = {r["name"]: r for r in project.descriptor["resources"]}
    described["series"] = {
        "title": "Series",
        "description": "Derived from the observations on every release, never edited by hand: one value per "
        "indicator, period and kind, with the interval all sources share and the rule that chose it. "
        "The rules: " + choice_rules_text(),
    }
    name = project.descriptor["name"]
    database, zip_file = f"{name}.sqlite", zip_name(name, version)
    (folder / "data").mkdir()
    (folder / "sources").mkdir()
    resources, files = [], []  # files: (name, path, (media type, format)) of what a reader downloads
    verbatim = []  # the curated tables copied as they are
    for table_name, table in schemas.items():
        resource = described[table_name]
        title = text_or(resource.get("title"), table_name)
        csv_path = folder / "data" / f"{table_name}.csv"
        schema = {k: v for k, v in table.schema.items() if k != "$schema"}
        if table_name == "series":
            write_csv(tables[table_name], table, csv_path)
        elif table_name == "sources":  # its paths as they are in the release: sources/<name>
            write_csv_mapped(project.root / table.path, csv_path, PATH_FIELD, places)
            schema = release_sources_schema(schema)
        else:
            shutil.copyfile(project.root / table.path, csv_path)
            verbatim.append(f"data/{table_name}.csv")
        parquet_path = folder / "data" / f"{table_name}.parquet"
        write_parquet(tables[table_name], table, parquet_path)
        resources.append(
            {
                "name": table_name,
                "title": title,
                "description": resource.get("description", ""),
                "type": "table",
                "path": f"data/{table_name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_path.stat().st_size,
                "hash": f"sha256:{sha256_of_file(csv_path)}",
                "schema": schema,
            }
        )
        files += [(title, f"data/{table_name}.csv", CSV), (title, f"data/{table_name}.parquet", PARQUET)]
    write_sqlite(tables, schemas, folder / database)
    for path, place in places.items():
        (folder / place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project.root / path, folder / place)
    write_text(folder / "sources" / "RIGHTS.md", rights_statement(tables))
    write_text(folder / LICENCE_FILE, licence_statement(project, version, created))
    write_json(folder / "metadata.json", datasette_metadata(project, version, name, tables, resources))
    write_text(folder / "CITATION.cff", citation_cff(project, version, created))
    write_text(folder / "CHANGELOG.md", f"# Changelog of version {version}\n\n{entry}")
    write_text(
        folder / "README.md",
        readme(project, version, created, tables, resources, database=database, zip_file=zip_file),
    )
    write_json(folder / "datapackage.json", release_descriptor(project, version, created, tables, resources))
    files += [
        ("SQLite database", database, SQLITE),
        ("Data Package descriptor", "datapackage.json", JSON),
        ("README", "README.md", MARKDOWN),
        ("Citation", "CITATION.cff", CFF),
    ]
    # dataset.jsonld lists every file above with its size and SHA-256, and the zip with neither: the zip
    # holds dataset.jsonld, so it cannot exist before it, and no file can carry its own hash.
    distributions = [
        {"name": f"{title} ({path.rsplit('/', 1)[-1]})", "path": path, "mediatype": media}
        | size_and_hash(folder / path)
        for title, path, (media, _) in files
    ]
    distributions.append({"name": f"The whole release ({zip_file})", "path": zip_file, "mediatype": ZIP[0]})
    linked_data = json_ld(project, version, created, tables, distributions)
    write_json(folder / "dataset.jsonld", linked_data)
    # The page comes after every file it offers, so it can give their sizes; the zip's it cannot.
    downloads = [
        {"name": title, "path": path, "bytes": (folder / path).stat().st_size, "format": kind}
        for title, path, (_, kind) in [*files, ("schema.org metadata", "dataset.jsonld", JSON_LD)]
    ]
    checksum_file = zip_checksum_name(name, version)
    downloads.append({"name": "The whole release", "path": zip_file, "bytes": None, "format": ZIP[1]})
    downloads.append({"name": "The whole release", "path": checksum_file, "bytes": None, "format": "SHA-256"})
    page = render(
        report,
        archive="sources",
        version=version,
        released=created,
        downloads=downloads,
        derived=derived,
        linked_data=linked_data,
    )
    write_text(folder / "index.html", page)
    # Before anything vouches for the files: no "nan" where a value was missing, but as data if it is data.
    # The changelog entry is the curators' own words too.
    curated_texts = [*json_strings([project.descriptor, *(t.schema for t in schemas.values())]), entry]
    allowed = tokens_in_data(report.tables.values(), curated_texts)
    check_release(folder, skip=[*verbatim, *places.values()], allowed=allowed)
    listed = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    write_text(folder / CHECKSUMS, "".join(f"{sha256_of_file(folder / f)}  {f}\n" for f in listed))
    write_zip(folder, zip_file.removesuffix(".zip"), created)
    write_text(folder / checksum_file, checksum_line(folder / zip_file))  # beside the zip, which cannot hold it


def size_and_hash(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "sha256": sha256_of_file(path)}


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def write_json(path: Path, data: dict) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
