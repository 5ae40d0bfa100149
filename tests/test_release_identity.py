"""A version means one set of bytes: a published version is only ever built again to the bytes it
was published as, a new version comes after every published one by the step its changes call for,
and `publish verify` says which version a folder holds and why a converted one fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, files_of, release, run


def refused(result, *expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output, result.output


# 10. One version, one set of bytes.


def test_rebuilding_a_published_version_unchanged_is_the_readmes_check(project, built, tmp_path):
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "again"))
    assert result.exit_code == 0, result.output
    assert f"It is byte for byte the published {built}" in result.output
    assert files_of(tmp_path / "again" / "1.0.0") == files_of(built)


def test_rebuilding_a_published_version_after_a_correction_is_refused(project, built, tmp_path):
    project.edit("observations", 3, note="Access rate, as the text says.")
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "again"))
    refused(result, "1.0.0 is published", "data/observations.csv", "(patch: publish diff", "as 1.0.1")
    assert not (tmp_path / "again" / "1.0.0").exists()
    assert not (tmp_path / "again").exists()  # nor the folder the release made, nor a staging folder


def test_a_published_version_whose_folder_was_deleted_is_not_released_again(project, built):
    shutil.rmtree(built)
    changelog = (project.root / "CHANGELOG.md").read_bytes()
    result = release(project, "--version", "1.0.0")
    refused(result, "CHANGELOG.md records 1.0.0 as released", "git checkout -- releases/1.0.0")
    assert not built.exists()
    assert (project.root / "CHANGELOG.md").read_bytes() == changelog


def test_a_major_change_is_not_released_as_a_patch(project, built):
    schema = project.root / "schemas" / "observations.schema.json"
    tightened = json.loads(schema.read_text(encoding="utf-8"))
    next(f for f in tightened["fields"] if f["name"] == "note").setdefault("constraints", {})["maxLength"] = 5000
    schema.write_text(json.dumps(tightened, indent=2) + "\n", encoding="utf-8")  # a constraint added: major
    refused(release(project, "--bump", "patch"), "1.0.1 would be a patch release", "are major", "2.0.0")
    refused(release(project, "--version", "1.1.0"), "1.1.0 would be a minor release", "are major")
    assert sorted(p.name for p in built.parent.iterdir()) == ["1.0.0"]
    result = release(project, "--bump")
    assert result.exit_code == 0 and "Released 2.0.0" in result.output, result.output


def test_a_step_larger_than_the_change_is_allowed(project, built):
    project.edit("observations", 3, note="Access rate, as the text says.")  # a patch
    result = release(project, "--bump", "minor")
    assert result.exit_code == 0 and "Released 1.1.0" in result.output, result.output


@pytest.mark.parametrize("version", ["0.9.0", "1.0.1", "1.1.9"])
def test_a_new_version_comes_after_every_published_one(project, built, tmp_path, version):
    (project.root / "releases" / "1.0.0").rename(project.root / "releases" / "1.2.0")
    result = release(project, "--version", version, "--out", str(tmp_path / "out"))
    refused(result, f"{version} comes before 1.2.0, the newest published version")
    assert not (tmp_path / "out" / version).exists()


def test_a_bump_skips_a_version_the_changelog_records(project, built):
    text = (project.root / "CHANGELOG.md").read_text(encoding="utf-8")
    recorded = text.replace("## [1.0.0]", "## [1.0.1] - 2026-01-02\n\n- Published elsewhere.\n\n## [1.0.0]", 1)
    (project.root / "CHANGELOG.md").write_text(recorded, encoding="utf-8")
    result = release(project, "--bump", "patch")
    assert result.exit_code == 0 and "Released 1.0.2" in result.output, result.output


# 15. Verify says which version a folder holds, and what a converted release is.


def test_verify_refuses_a_folder_named_for_another_version(project, built, tmp_path):
    result = release(project, "--version", "1.0.1", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    misnamed = tmp_path / "misnamed" / "1.0.0"
    shutil.copytree(tmp_path / "out" / "1.0.1", misnamed)
    refused(run("verify", str(misnamed)), "named for version 1.0.0 but holds release 1.0.1")
    zip_named = tmp_path / "vietnam-digital-transformation-1.0.0"
    shutil.copytree(tmp_path / "out" / "1.0.1", zip_named)
    refused(run("verify", str(zip_named)), "holds release 1.0.1")


@pytest.mark.parametrize("name", ["1.0.0", "vietnam-digital-transformation-1.0.0", "download"])
def test_verify_names_the_version_it_found_intact(built, tmp_path, name):
    shutil.copytree(built, tmp_path / name)
    result = run("verify", str(tmp_path / name))
    assert result.exit_code == 0 and "release 1.0.0 intact" in result.output, result.output


def test_verify_says_a_release_with_windows_line_ends_was_converted(built):
    sums = built / "SHA256SUMS"
    sums.write_bytes(sums.read_bytes().replace(b"\n", b"\r\n"))
    refused(run("verify", str(built)), "CR LF", "core.autocrlf")


def test_the_repository_keeps_every_file_byte_for_byte():
    if not shutil.which("git") or not (REPO / ".git").exists():
        pytest.skip("needs the git repository")
    paths = ["seeds/001.txt", "datapackage/observations.csv", "releases/1.0.1/SHA256SUMS"]
    found = subprocess.run(["git", "-C", str(REPO), "check-attr", "text", "--", *paths], capture_output=True, text=True)
    assert found.stdout.splitlines() == [f"{path}: text: unset" for path in paths]


@pytest.mark.slow
def test_a_clone_with_autocrlf_validates_and_verifies(tmp_path):
    """Git for Windows clones with core.autocrlf=true; the committed tree must come out byte for byte."""
    if not shutil.which("git") or not (REPO / ".git").exists():
        pytest.skip("needs the git repository")
    clone = tmp_path / "clone"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", str(REPO), str(clone)], check=True)
    env = {**os.environ, "PYTHONPATH": str(clone)}  # the clone's own publish, on the clone's own data
    command = [sys.executable, "-m", "publish"]
    validated = subprocess.run([*command, "validate", str(clone)], capture_output=True, text=True, env=env)
    assert validated.returncode == 0, validated.stdout[-3000:] + validated.stderr[-3000:]
    for folder in sorted((clone / "releases").iterdir()):
        verified = subprocess.run([*command, "verify", str(folder)], capture_output=True, text=True, env=env)
        assert verified.returncode == 0, verified.stdout + verified.stderr
