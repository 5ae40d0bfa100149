"""Releases a hostile tester could not break: scratch builds leave the project alone, schema
changes are changes, one release of a version at a time, safe names only, nothing left by a
killed release, exact versions, clear errors instead of tracebacks, and verify sees everything."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EPOCH, REPO, files_of, release, run

from publish.errors import PublishError
from publish.release import changelog, versions

ZIP = "vietnam-digital-transformation-1.0.0.zip"


def clean_failure(result, *expected: str) -> None:
    """Exit 1 with one message, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output, result.output


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def field_of(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


# 1. A build into --out leaves the working tree alone, and knows the project's releases.

NOTES = "# Changelog\n\n## [Unreleased]\n\n### Fixed\n- A note for the next release.\n"


def test_a_build_into_out_leaves_the_project_untouched_and_knows_its_releases(project, built, tmp_path):
    (project.root / "CHANGELOG.md").write_text(
        (project.root / "CHANGELOG.md").read_text().replace("## [Unreleased]\n", NOTES.split("\n\n", 1)[1], 1)
    )
    project.append("units", unit_id="times", label="Times", description="A multiple", minimum="0")
    before = files_of(project.root)

    result = release(project, "--version", "1.1.0", "--out", str(tmp_path / "scratch"))

    assert result.exit_code == 0, result.output
    assert "CHANGELOG.md" not in result.output
    assert files_of(project.root) == before
    entry = (tmp_path / "scratch" / "1.1.0" / "CHANGELOG.md").read_text()
    assert "First release" not in entry
    assert "1 row(s) in `units`: times." in entry
    assert entry.count("A note for the next release.") == 1

    bumped = release(project, "--bump")
    assert bumped.exit_code == 0, bumped.output
    text = (project.root / "CHANGELOG.md").read_text()
    assert text.count("## [Unreleased]") == 1
    assert text.count("A note for the next release.") == 1
    assert text.count("First release") == 1  # 1.0.0's, not 1.1.0's
    assert text.index("## [Unreleased]") < text.index("## [1.1.0]") < text.index("A note") < text.index("## [1.0.0]")


def test_a_bump_into_out_continues_from_the_projects_releases(project, built, tmp_path):
    project.edit("observations", 3, note="Access rate, as the text says.")
    result = release(project, "--bump", "--out", str(tmp_path / "scratch"))
    assert result.exit_code == 0, result.output
    assert "Released 1.0.1" in result.output
    entry = (tmp_path / "scratch" / "1.0.1" / "CHANGELOG.md").read_text()
    assert "'' → 'Access rate, as the text says.'" in entry and "First release" not in entry


@pytest.mark.parametrize(
    "text",
    [
        "# Changelog\n\n## [Unreleased]\n\n### Fixed\n- A note.\n\n## [1.0.0] - 2025-01-01\n\n- Old.\n",
        "# Changelog\n\n## [1.0.0] - 2025-01-01\n\n- Old.\n\n## [Unreleased]\n\n### Fixed\n- A note.\n",
        "# Changelog\n\n## [Unreleased]\n\n### Fixed\n- A note.\n",
        "# Changelog\n\n## [Unreleased]  \r\n\n### Fixed\n- A note.\n",
    ],
    ids=["first", "after-a-version", "alone", "trailing-blanks"],
)
def test_add_entry_goes_right_under_unreleased_and_takes_its_notes_once(tmp_path, text):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(text, encoding="utf-8")
    body = changelog.merge(changelog.unreleased(path), "### Added\n- A row.")
    changelog.add_entry(path, "1.1.0", "2026-01-01", body)
    written = path.read_text(encoding="utf-8")
    assert written.count("[Unreleased]") == 1
    assert written.count("A note.") == 1
    assert written.index("[Unreleased]") < written.index("## [1.1.0] - 2026-01-01") < written.index("A note.")
    assert changelog.unreleased(path) == ""
    assert changelog.entry(path, "1.1.0") == ("2026-01-01", "### Added\n- A row.\n\n### Fixed\n- A note.")


def test_add_entry_creates_a_changelog(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    changelog.add_entry(path, "1.0.0", "2026-01-01", "### Added\n- All.")
    assert path.read_text() == "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n### Added\n- All.\n"


# 7. A schema change is a change, with its SemVer level.


def observations_schema() -> dict:
    return json.loads((REPO / "schemas" / "observations.schema.json").read_text(encoding="utf-8"))


def _set(name, key, value):
    def change(schema):
        field_of(schema, name)["constraints"][key] = value

    return change


def _drop(name, key):
    def change(schema):
        del field_of(schema, name)["constraints"][key]

    return change


def _describe(schema):
    field_of(schema, "value")["description"] = "Another wording."


def _swap(schema):
    schema["fields"][0], schema["fields"][1] = schema["fields"][1], schema["fields"][0]


def _new_field(required):
    def change(schema):
        schema["fields"].append({"name": "extra", "type": "string", "constraints": {"required": required}})

    return change


def _format(schema):
    field_of(schema, "period_start")["format"] = "%d/%m/%Y"


def _key(schema):
    schema["primaryKey"] = ["observation_id", "source_id"]


def _drop_foreign_key(schema):
    schema["foreignKeys"].pop()


def _add_foreign_key(schema):
    schema["foreignKeys"].append({"fields": "kind", "reference": {"resource": "kinds", "fields": "kind_id"}})


@pytest.mark.parametrize(
    ("change", "level", "effect"),
    [
        (_drop("kind", "enum"), "minor", "loosened"),
        (_set("kind", "enum", ["actual", "estimate", "target", "baseline"]), "major", "tightened"),
        (_set("kind", "enum", ["actual", "estimate", "target", "baseline", "change", "guess"]), "minor", "loosened"),
        (_set("value", "minimum", 0), "major", "tightened"),
        (_set("denominator", "minimum", 2), "major", "tightened"),
        (_set("denominator", "minimum", 0), "minor", "loosened"),
        (_set("quote", "maxLength", 500), "major", "tightened"),
        (_set("note", "pattern", "^[a-z]*$"), "major", "tightened"),
        (_drop("quote", "pattern"), "minor", "loosened"),
        (_set("note", "required", True), "major", "tightened"),
        (_drop("observation_id", "unique"), "minor", "loosened"),
        (_new_field(False), "minor", None),
        (_new_field(True), "major", "tightened"),
        (_describe, "patch", None),
        (_swap, "major", None),
        (_format, "major", None),
        (_key, "major", None),
        (_drop_foreign_key, "minor", "loosened"),
        (_add_foreign_key, "major", "tightened"),
    ],
)
def test_every_table_schema_change_has_its_level(change, level, effect):
    from publish.release.diff import TableDiff, compare_schema

    old, new = observations_schema(), observations_schema()
    change(new)
    added, removed, retyped, changes = compare_schema(old, new)
    table = TableDiff("observations", fields_added=added, fields_removed=removed, schema_changes=changes)
    assert table.level() == level, changes
    if effect:
        assert [c["effect"] for c in changes] == [effect]
    assert compare_schema(old, observations_schema()) == ([], [], [], [])


def drop_category_enum(project):
    edit_json(project.root / "schemas" / "exclusions.schema.json", _drop("category", "enum"))


def describe_topic(project):
    def change(schema):
        field_of(schema, "topic")["description"] = "The topic, in other words."

    edit_json(project.root / "schemas" / "indicators.schema.json", change)


@pytest.mark.parametrize(
    ("change", "level", "version", "shown"),
    [
        (drop_category_enum, "minor", "1.1.0", "field category: constraint enum removed, loosened"),
        (describe_topic, "patch", "1.0.1", "field topic: description changed"),
    ],
)
def test_a_schema_change_shows_in_diff_json_bump_and_changelog(project, built, change, level, version, shown):
    change(project)
    text = run("diff", str(built), str(project.root))
    assert text.exit_code == 0, text.output
    assert shown in text.output
    assert f"SemVer level: {level}" in text.output
    assert "minor: a table, row or optional field added" in text.output  # the rule, said where it applies
    report = json.loads(run("diff", str(built), str(project.root), "--format", "json").output)
    assert report["level"] == level
    [table] = report["tables"]
    assert [c["level"] for c in table["schema_changes"]] == [level]

    bumped = release(project, "--bump")
    assert bumped.exit_code == 0, bumped.output
    assert f"Released {version}" in bumped.output
    entry = (project.root / "releases" / version / "CHANGELOG.md").read_text()
    assert "Schema of `" in entry and shown.split(": ", 1)[1].split(",")[0] in entry


# 8. Two releases of one version at once: exactly one wins, the other is told.

RACE = """
import sys
from publish.cli import cli
sys.argv = ["publish", "release", sys.argv[1], "--version", "1.0.0", "--out", sys.argv[2]]
cli()
"""


@pytest.mark.slow  # real processes, at once or killed
def test_two_releases_of_one_version_at_once(project, tmp_path):
    env = {**os.environ, **EPOCH}
    for trial in range(3):
        out = tmp_path / f"out{trial}"
        if trial % 2:
            out.mkdir()  # an existing folder as well as one both create
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", RACE, str(project.root), str(out)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(2)
        ]
        results = [(racer.wait(timeout=120), *racer.communicate()) for racer in racers]
        assert sorted(code for code, _, _ in results) == [0, 1], results
        [(_, _, lost)] = [r for r in results if r[0] == 1]
        assert "already exists" in lost and "Traceback" not in lost
        assert sorted(p.name for p in out.iterdir()) == ["1.0.0"]
        verified = run("verify", str(out / "1.0.0"))
        assert verified.exit_code == 0, verified.output
    assert not (project.root / "CHANGELOG.md").exists()


def test_a_failed_release_never_removes_what_others_put_in_out(project, tmp_path, monkeypatch):
    import publish.release.build as build

    out = tmp_path / "out"

    def another_release_meanwhile(*written):
        (out / "theirs").mkdir()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build, "write_release", another_release_meanwhile)
    clean_failure(release(project, "--version", "1.0.0", "--out", str(out)), "No space left on device")
    assert sorted(p.name for p in out.iterdir()) == ["theirs"]


# 9. Every name that becomes a path is safe, checked before anything is written.


def test_a_package_name_that_is_a_path_writes_nothing(project, tmp_path):
    edit_json(project.root / "datapackage.json", lambda d: d.update(name="../PWNED"))
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    clean_failure(release(project, "--version", "1.1.0"), "'../PWNED'", "cannot name a file")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_descriptor_without_name_is_a_clear_error(project):
    edit_json(project.root / "datapackage.json", lambda d: d.pop("name"))
    clean_failure(release(project, "--version", "1.0.0"), "name")
    assert not (project.root / "releases").exists()


def test_an_archived_source_name_that_cannot_name_a_file_writes_nothing(project):
    (project.seed("b.txt")).rename(project.seed("B.txt"))
    index = next(i for i, row in enumerate(project.rows("sources")) if row["path"] == "seeds/b.txt")
    project.edit("sources", index, path="seeds/B.txt")
    clean_failure(release(project, "--version", "1.0.0"), "'B.txt'", "cannot name a file")
    assert not (project.root / "releases").exists()


def test_the_library_checks_the_names_itself(project, monkeypatch):
    import publish.release.build as build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    report = build.validate(project.root)
    report.project.descriptor["name"] = "../PWNED"
    monkeypatch.setattr(build, "validate", lambda root: report)
    with pytest.raises(PublishError, match="cannot name a file"):
        build.release(project.root, version="1.0.0")
    report.project.descriptor["name"] = "vietnam-digital-transformation"
    del report.project.descriptor["title"]
    with pytest.raises(PublishError, match="'title'"):
        build.release(project.root, version="1.0.0")
    assert not (project.root / "releases").exists()


# 10. A release killed half-way leaves nothing a user sees, and the next one cleans up.

KILLED = """
import os, signal, sys
import publish.release.build as build
build.write_zip = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
build.release(sys.argv[1], version="1.0.0")
"""


@pytest.mark.slow  # real processes, at once or killed
def test_a_killed_release_leaves_nothing_and_the_next_cleans_up(project):
    env = {**os.environ, **EPOCH}
    killed = subprocess.run([sys.executable, "-c", KILLED, str(project.root)], env=env, capture_output=True)
    assert killed.returncode == -9
    releases = project.root / "releases"
    [left] = list(releases.iterdir())
    assert left.name.startswith(".")
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(project.root)], check=True)
        status = subprocess.run(
            ["git", "-C", str(project.root), "status", "--porcelain", "--untracked-files=all"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "releases" not in status
    (releases / ".0.9.0-abcd1234" / "data").mkdir(parents=True)  # one from an earlier version of publish
    result = release(project, "--version", "1.0.0")
    assert result.exit_code == 0, result.output
    assert "Removed 2 staging folder(s)" in result.output and left.name in result.output
    assert [p.name for p in releases.iterdir()] == ["1.0.0"]


# 11. A version is the whole text, never a version and a newline.


def test_a_version_with_a_trailing_newline_is_refused(project):
    assert release(project, "--version", "1.0.0\n").exit_code == 2
    with pytest.raises(PublishError, match="MAJOR.MINOR.PATCH"):
        from publish.release.build import release as build

        build(project.root, version="1.0.0\n")
    assert not (project.root / "releases").exists()
    with pytest.raises(PublishError):
        versions.parse("1.0.0\n")
    (project.root / "releases" / "1.0.0\n").mkdir(parents=True)
    assert versions.released(project.root / "releases") == []


def test_a_changelog_heading_is_a_whole_line(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_text("## [1.0.0] - 2025-01-01 and more\n\n- x\n\n## [1.0.1] - 2025-02-01\n\n- y\n")
    assert changelog.entry(path, "1.0.0") is None
    assert changelog.entry(path, "1.0.1") == ("2025-02-01", "- y")
    assert changelog.entry(path, "1.0.1\n") is None


# 14. A clear message naming the file, never a traceback.


def patch_zip(path: Path, central: int, value: int, *, width: int = 2, mode: str = "set") -> None:
    """Change a field at `central` bytes into every central-directory header of the zip."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        fmt = "<H" if width == 2 else "<I"
        old = struct.unpack_from(fmt, data, at + central)[0]
        struct.pack_into(fmt, data, at + central, old | value if mode == "or" else value)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def corrupt_deflate(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        info = max(archive.infolist(), key=lambda i: i.compress_size)
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + 2] = b"\xff\xff"  # two bytes of the deflate stream: an invalid block type
    path.write_bytes(bytes(data))


def entry_outside_a_folder(path: Path) -> None:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("SHA256SUMS", b"x")


@pytest.mark.parametrize(
    "damage",
    [
        corrupt_deflate,
        lambda p: patch_zip(p, 10, 99),  # compression method 99
        lambda p: patch_zip(p, 8, 1, mode="or"),  # the encrypted flag
        entry_outside_a_folder,
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    ],
    ids=["deflate", "method-99", "encrypted", "outside-folder", "truncated"],
)
def test_verify_calls_a_damaged_zip_changed(built, damage):
    damage(built / ZIP)
    result = run("verify", str(built))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert f"changed: {ZIP}" in result.output


@pytest.mark.parametrize(
    ("file", "content", "expected"),
    [
        ("datapackage.json", b"{oops", "datapackage.json: not valid UTF-8 JSON"),
        ("datapackage.json", b"[]", "datapackage.json: expected a JSON object"),
        ("SHA256SUMS", b"\xff\xfe" + b"0" * 64 + b"  x\n", "SHA256SUMS: not UTF-8"),
        ("SHA256SUMS", b"0" * 64 + b"  ../outside.txt\n", "'../outside.txt', which is not a file inside"),
        ("SHA256SUMS", b"0" * 64 + b"  /etc/passwd\n", "'/etc/passwd', which is not a file inside"),
    ],
)
def test_verify_of_a_damaged_listing_is_one_clear_message(built, file, content, expected):
    (built / file).write_bytes(content)
    clean_failure(run("verify", str(built)), expected)


def test_verify_never_reads_a_descriptor_path_outside_the_release(built):
    edit_json(built / "datapackage.json", lambda d: d["resources"][0].update(path="../../outside.csv"))
    clean_failure(run("verify", str(built)), "'../../outside.csv', which is not a file inside the release")


@pytest.mark.parametrize(
    ("writer", "error", "message"),
    [
        ("write_sqlite", sqlite3.OperationalError("database or disk is full"), "database or disk is full"),
        ("write_parquet", OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
    ],
)
def test_a_full_disk_is_one_message_and_leaves_nothing(project, monkeypatch, writer, error, message):
    import publish.release.build as build

    def full(*args, **kwargs):
        raise error

    monkeypatch.setattr(build, writer, full)
    clean_failure(release(project, "--version", "1.0.0"), message, "nothing was written")
    assert not (project.root / "releases").exists()
    assert not (project.root / "CHANGELOG.md").exists()


def test_out_under_a_file_is_a_clear_error(project, tmp_path):
    (tmp_path / "file").write_text("x")
    clean_failure(release(project, "--version", "1.0.0", "--out", str(tmp_path / "file" / "sub")), "is not a folder")
    assert (tmp_path / "file").read_text() == "x"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"# Changelog\n\n## [Unreleased]\n\n- caf\xe9\n", "CHANGELOG.md: not UTF-8"),
        (b"# Changelog\n\n## [1.0.0] - 2025-02-30\n\n- x\n", "'2025-02-30', is not a date"),
    ],
)
def test_an_unreadable_changelog_is_a_clear_error(project, content, expected):
    (project.root / "CHANGELOG.md").write_bytes(content)
    clean_failure(release(project, "--version", "1.0.0", env={}), expected)
    assert not (project.root / "releases").exists()
    assert (project.root / "CHANGELOG.md").read_bytes() == content


def test_diff_against_a_csv_with_a_repeated_column_is_a_clear_error(project, built):
    path = project.path("units")
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",label", *(line + ",x" for line in lines[1:])]) + "\n")
    clean_failure(run("diff", str(built), str(project.root)), "units.csv", "field label", "[csv.extra_column]")


# 17. verify lists everything SHA256SUMS does not.


def test_verify_lists_empty_folders_and_links_as_added(built, tmp_path):
    (built / "empty").mkdir()
    (built / "data" / "nested").mkdir()
    (tmp_path / "outside.txt").write_text("secret")
    (built / "link.txt").symlink_to(tmp_path / "outside.txt")
    result = run("verify", str(built))
    assert result.exit_code == 1
    for name in ("empty/", "data/nested/", "link.txt"):
        assert f"added: {name}" in result.output
    assert "NOT intact" in result.output


def test_verify_calls_a_listed_file_replaced_by_a_link_changed(built):
    units = built / "data" / "units.csv"
    copy = built.parent / "units.csv"
    shutil.copy(units, copy)
    units.unlink()
    units.symlink_to(copy)
    result = run("verify", str(built))
    assert result.exit_code == 1
    assert "changed: data/units.csv" in result.output


def test_verify_imports_no_pandas(built):
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom publish.cli import cli\n"
        f"result = CliRunner().invoke(cli, ['verify', {str(built)!r}])\n"
        "print(result.exit_code, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "False"]


@pytest.mark.parametrize(
    ("changelog", "words"),
    [
        ("# Changelog\n\n## [1.0.1]\n\n### Fixed\n- A note.\n", "has no date"),
        ("# Changelog\n\n## [Unreleased]\n\n- a\n\n## [Unreleased]\n\n- b\n", "appears twice"),
        ("# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n- a\n\n## [1.0.0] - 2026-01-02\n", "twice"),
    ],
)
def test_a_changelog_that_would_lose_notes_is_one_clear_error(project, changelog, words):
    (project.root / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    result = release(project, "--version", "1.0.1")
    assert result.exit_code == 1 and "CHANGELOG.md" in result.output and words in result.output, result.output
    assert (project.root / "CHANGELOG.md").read_text(encoding="utf-8") == changelog
    assert not (project.root / "releases" / "1.0.1").exists()


@pytest.mark.parametrize("inside", ["releases/1.0.0", "releases/1.0.0/data", ".", "seeds", "datapackage", "schemas"])
def test_out_never_lies_in_a_published_release_or_the_working_tree(project, built, inside):
    before = files_of(project.root)
    result = release(project, "--version", "1.0.1", "--out", str(project.root / inside))
    assert result.exit_code == 1 and "--out" in result.output, result.output
    assert files_of(project.root) == before


def test_out_may_be_the_projects_releases_or_outside_it(project, tmp_path):
    assert release(project, "--version", "1.0.0", "--out", str(project.root / "releases")).exit_code == 0
    assert release(project, "--version", "1.0.1", "--out", str(tmp_path / "elsewhere")).exit_code == 0


@pytest.mark.parametrize("epoch", ["-1", "1e3", " 3", "\u0663", "3.5", "99999999999999999999"])
def test_source_date_epoch_is_plain_seconds_since_1970(project, tmp_path, epoch):
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "out"), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 1 and "SOURCE_DATE_EPOCH" in result.output, result.output
    assert not (tmp_path / "out" / "1.0.0").exists()


def test_a_source_date_epoch_that_dates_nothing_is_refused_before_any_validation(project, tmp_path):
    project.edit("observations", 0, value="26000000000")  # a finding validation would report
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "out"), env={"SOURCE_DATE_EPOCH": "-1"})
    assert result.exit_code == 1 and "SOURCE_DATE_EPOCH" in result.output, result.output
    assert "quote.states" not in result.output and "release refused" not in result.output


@pytest.mark.parametrize(
    ("change", "level", "shown"),
    [
        (lambda d: d.__setitem__("licenses", [{"name": "proprietary"}]), "major", "package licenses"),
        (lambda d: d.__setitem__("title", "Another title"), "patch", "package title"),
        (lambda d: d["resources"][0].__setitem__("description", "Other words."), "patch", "description of table"),
    ],
)
def test_a_change_to_the_descriptor_is_a_change_of_the_package(project, built, change, level, shown):
    path = project.root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = run("diff", str(built), str(project.root))
    assert result.exit_code == 0 and shown in result.output and f"SemVer level: {level}" in result.output
    bumped = release(project, "--bump")
    assert bumped.exit_code == 0, bumped.output
