"""Every file publish writes goes through here: atomically, never through a link out of its folder,
and a set of tables together.

- `write_file` writes a temporary file beside the target (created with O_EXCL and O_NOFOLLOW, so
  it is always a new file of ours and never a link someone left in its place), flushes it to disk
  and renames it over the target in one step: a reader sees the old file or the new one, never half
  of one. It refuses a target, or a folder on the way to it, that is a symbolic link leading out of
  the folder it is meant to stay in (the project for its tables, the chosen folder for a page).
- `replace_together` writes several files as one change: every temporary file first, then a
  journal naming them, then the renames in the order given, then the journal is removed. A process
  killed at any moment leaves either the old files (and temporary files `recover` removes) or a
  journal that `recover` completes, refusing to overwrite a file someone changed since.
- `locked` holds an exclusive lock on a folder (flock), so that two commands that read the tables
  and write them back do it one after the other; `changing` takes it and recovers first.

A release is written otherwise (publish.release.build): into a new private staging folder (mkdtemp,
mode 0700, made by the release itself, so no link can be waiting in it), moved into place by one
rename; `refuse_links_out` keeps the project's releases/ from being a link out of the project.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from publish.errors import PublishError

if TYPE_CHECKING:
    from publish.project import Project

TEMPORARY = ".publish-tmp"  # the suffix of every temporary file publish writes
JOURNAL = ".publish-replacing.json"  # in the folder a set of files is replaced in, while it is


def refuse_links_out(path: Path, within: Path) -> Path:
    """The real path `path` names, if neither it nor a folder between `within` and it is a
    symbolic link leading out of `within`; otherwise one PublishError naming the link."""
    path, within = Path(path), Path(within)
    home = Path(os.path.realpath(within))
    real = Path(os.path.realpath(path))
    if real == home or real.is_relative_to(home):
        return real
    here = within
    for part in path.relative_to(within).parts if path.is_relative_to(within) else path.parts:
        here = here / part
        if here.is_symlink():
            raise PublishError(
                f"{path}: {here} is a symbolic link to {os.readlink(here)}, outside {within}; "
                "publish writes no file through a link out of its folder, and wrote nothing"
            )
    raise PublishError(f"{path} lies outside {within}; nothing was written")


def write_file(path: Path, data: bytes | str, *, within: Path) -> Path:
    """Write `data` (text is written as UTF-8, line ends as given) to `path` in one step; the
    file written (the real path, if `path` is a link inside `within`)."""
    real = refuse_links_out(path, within)
    temporary = write_temporary(real, data.encode("utf-8") if isinstance(data, str) else data)
    try:
        os.replace(temporary, real)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise PublishError(f"{path}: cannot be written ({error.strerror or error}); nothing was changed") from None
    sync_folder(real.parent)
    return real


def write_temporary(real: Path, data: bytes) -> Path:
    """A new file beside `real` holding `data`, on disk, with `real`'s permissions if it exists."""
    temporary = real.with_name(f".{real.name}.{secrets.token_hex(4)}{TEMPORARY}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(temporary, flags, 0o666)
    except OSError as error:
        raise PublishError(f"{real}: cannot be written ({error.strerror or error}); nothing was changed") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if hasattr(os, "fchmod") and os.path.lexists(real):
                os.fchmod(handle.fileno(), stat.S_IMODE(os.stat(real).st_mode))
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise PublishError(f"{real}: cannot be written ({error.strerror or error}); nothing was changed") from None
    return temporary


def sync_folder(folder: Path) -> None:
    """Put a rename in `folder` on disk too (where the system lets a folder be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def digest(path: Path) -> str | None:
    """The SHA-256 of the file at `path`, None if there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def replace_together(files: list[tuple[Path, bytes]], *, within: Path) -> list[Path]:
    """Replace each (path, data) of `files`, in their order, as one change recorded in `within`'s
    journal: put files others point at first, so that every prefix of the renames is consistent."""
    planned = [(refuse_links_out(path, within), data) for path, data in files]
    written: list[tuple[Path, Path]] = []
    try:
        for real, data in planned:
            written.append((write_temporary(real, data), real))
    except PublishError:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    home = Path(os.path.realpath(within))
    entries = [
        {
            "temporary": temporary.relative_to(home).as_posix(),
            "target": real.relative_to(home).as_posix(),
            "before": digest(real),
            "after": hashlib.sha256(data).hexdigest(),
        }
        for (temporary, real), (_, data) in zip(written, planned, strict=True)
    ]
    try:
        write_file(home / JOURNAL, json.dumps({"replace": entries}, indent=1) + "\n", within=home)
    except PublishError:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    try:
        for temporary, real in written:
            os.replace(temporary, real)
            sync_folder(real.parent)
    except OSError as error:
        raise PublishError(
            f"{within}: the files were being replaced when the system refused ({error.strerror or error}); "
            f"{JOURNAL} records the rest, and the next command that writes them completes the change"
        ) from None
    (home / JOURNAL).unlink()
    return [real for _, real in written]


def recover(within: Path, folders: list[Path]) -> list[str]:
    """Finish what a killed `replace_together` in `within` left: complete the change its journal
    records, then remove the temporary files left in `folders` (only call it holding the lock that
    every writer of those folders takes). What was done, for the user."""
    home = Path(os.path.realpath(within))
    done: list[str] = []
    journal = home / JOURNAL
    if journal.is_file() and not journal.is_symlink():
        done += complete(home, journal)
    for folder in sorted({Path(os.path.realpath(f)) for f in folders}):
        for left in sorted(folder.glob(f".*{TEMPORARY}")) if folder.is_dir() else []:
            if left.is_file() or left.is_symlink():
                left.unlink()
                done.append(f"removed {os.path.relpath(left, home)}, left by an interrupted write")
    return done


@contextmanager
def changing(within: Path, folders: list[Path]) -> Iterator[list[str]]:
    """`within` locked while the block reads and replaces files in `folders`, after what an
    interrupted change left there is completed or removed; yields what was done about it."""
    with locked(within):
        yield recover(within, folders)


def project_changing(project: Project) -> AbstractContextManager[list[str]]:
    """The project locked while a command reads its archive and tables and writes them back (add-source,
    draft), after finishing what an interrupted one left; yields what was done about that."""
    folders = [project.seeds, *((project.root / table.path).parent for table in project.tables.values())]
    return changing(project.root, folders)


def complete(home: Path, journal: Path) -> list[str]:
    """Each rename the journal records and that did not happen yet, provided nobody changed its
    target since; the journal removed afterwards."""
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["replace"]
        steps = [(home / e["temporary"], home / e["target"], e["before"], e["after"]) for e in entries]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PublishError(f"{journal}: cannot be read ({error}); restore the tables from git and remove it") from None
    done = []
    for temporary, target, before, after in steps:
        refuse_links_out(target, home)
        refuse_links_out(temporary, home)
        now = digest(target)
        if now == after:
            temporary.unlink(missing_ok=True)
            continue
        if now != before or not temporary.is_file():
            raise PublishError(
                f"{target} was changed after an interrupted write, which {journal} records; the change that "
                f"write made is in {temporary if temporary.is_file() else 'no file any more'}: merge it by hand, "
                f"then delete {journal.name}"
            )
        os.replace(temporary, target)
        sync_folder(target.parent)
        done.append(f"completed {os.path.relpath(target, home)}, which an interrupted write left unfinished")
    journal.unlink()
    return done


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` while the block runs; waits while another holds it. No lock
    where the system has no flock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        raise PublishError(f"cannot open the folder {folder}: {error.strerror}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
