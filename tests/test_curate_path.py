"""CONTRIBUTING.md's path for a new report, end to end, on a text written here: add-source, draft, review,
validate, commit, release; the release dated by the commit that holds its data. And what add-source names
a source when not told."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, release, run, with_review_words

from publish.curate import main_domain

# Written for this test: a report of a later meeting, in Vietnamese.
NEW_TEXT = "Ngày 12 tháng 3, bộ cho biết doanh thu năm 2024 đạt 25 tỷ USD. Hiện có hơn 62 triệu thẻ căn cước.\n"
OLD_DAY, DATA_DAY = "2025-01-15T10:00:00+00:00", "2026-03-02T09:30:00+00:00"


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://news.laodong.vn/a/1.html", "laodong"),
        ("https://www.baovinhphuc.com.vn/tin-tuc/Id/1", "baovinhphuc"),
        ("https://en.vietnamplus.vn/x", "vietnamplus"),
        ("https://chinhphu.gov.vn/x", "chinhphu"),
        ("https://vietnam.vn/x", "vietnam"),
        ("https://www.example.co.uk/x", "example"),
        ("http://192.168.0.1/x", None),
        ("http://localhost/x", None),
    ],
)
def test_the_main_domain_of_a_site(url, domain):
    assert main_domain(url) == domain


@pytest.mark.parametrize(
    ("extra", "source_id"),
    [
        ((), "laodong-2025-vi"),  # the site's main domain, not its news. subdomain
        (("--url", "http://10.0.0.7/a"), "bao-lao-dong-2025-vi"),  # no domain: the publisher's name
        (("--id", "ld-march"), "ld-march"),
        (("--source-id", "ld-march"), "ld-march"),  # the older spelling
    ],
)
def test_add_source_names_a_source_by_its_site_or_publisher(project, tmp_path, extra, source_id):
    article = tmp_path / "article.txt"
    article.write_text(NEW_TEXT, encoding="utf-8")
    args = ["add-source", str(article), "--project", str(project.root), "--url", "https://news.laodong.vn/a/1"]
    added = run(*args, "--publisher", "Báo Lao Động", "--language", "vi", "--event-date", "2025-03-12", *extra)
    assert added.exit_code == 0, added.output
    assert project.rows("sources")[-1]["source_id"] == source_id
    assert f"then `publish draft {source_id}` and `publish review {source_id}`." in added.output


def git(root: Path, *args: str, day: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if day:
        env |= {"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    who = ["-c", "user.name=Curator", "-c", "user.email=curator@example.org", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *who, *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit_steps() -> tuple[list[str], list[str]]:
    """What CONTRIBUTING.md's commit step adds before the release, and after it."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"## 6\. Commit, then release\n.*?```sh\n(.*?)```", text, re.S)
    assert block, "CONTRIBUTING.md has no commit step"
    lines = block.group(1).splitlines()
    adds = [line.split()[2:] for line in lines if line.startswith("git add ")]
    assert lines.index(next(line for line in lines if line.startswith("publish release"))) > lines.index(
        next(line for line in lines if line.startswith("git commit"))
    ), "the data is committed before the release is built"
    return adds[0], adds[-1]


def test_a_new_report_from_archive_to_release_as_contributing_says(project, tmp_path):
    root = project.root
    with_review_words(project)
    assert release(project, "--version", "1.0.0").exit_code == 0
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Release 1.0.0", day=OLD_DAY)

    # 1. Archive the text, and fill the fields only a reader can.
    article = tmp_path / "article.txt"
    article.write_text(NEW_TEXT, encoding="utf-8")
    args = ["--url", "https://news.laodong.vn/a/1", "--publisher", "Báo Lao Động", "--language", "vi"]
    added = run("add-source", str(article), "--project", str(root), *args, "--event-date", "2025-03-12")
    assert added.exit_code == 0, added.output
    assert "`publish draft laodong-2025-vi`" in added.output
    project.edit("sources", 2, event_id="mic-2025-03-12", event="A ministry's report", date_basis="stated: Ngày 12")

    # 2. Draft every row; 3. review them (a year, the day and month of the date, two values).
    drafted = run("draft", "laodong-2025-vi", "--project", str(root))
    assert drafted.exit_code == 0, drafted.output
    todo = json.loads(run("todo", "laodong-2025-vi", "--project", str(root), "--format", "json").output)
    drafts = [item["id"] for item in todo if item["item"] == "draft"]
    assert len(drafts) == 5 and not [item for item in todo if item["item"] == "number"]
    walked = run("review", "laodong-2025-vi", "--project", str(root), input="a\n" * len(drafts))
    assert walked.exit_code == 0, walked.output
    assert f"laodong-2025-vi: {len(drafts)} accepted, 0 rejected, 0 skipped; no drafts left" in walked.output
    assert "Nothing left to curate" in run("todo", "--project", str(root)).output

    # 5. Validate; 6. commit the folders CONTRIBUTING names, then release, then commit the release.
    assert project.validate().exit_code == 0
    folders, released_files = commit_steps()
    assert {"datapackage/", "seeds/", "curation/"} <= set(folders)
    git(root, "add", *[f for f in folders if (root / f).exists()])
    git(root, "commit", "-q", "-m", "Add laodong-2025-vi", day=DATA_DAY)
    assert git(root, "status", "--porcelain") == ""  # the commit holds every change the curator made
    released = release(project, "--bump", env={})
    assert released.exit_code == 0, released.output
    assert "Released 1.1.0" in released.output
    # Dated by the commit that holds its data, not by the release before it.
    assert "## [1.1.0] - 2026-03-02" in (root / "CHANGELOG.md").read_text(encoding="utf-8")
    descriptor = json.loads((root / "releases" / "1.1.0" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"].startswith("2026-03-02")
    assert run("verify", str(root / "releases" / "1.1.0")).exit_code == 0
    git(root, "add", *released_files)
    git(root, "commit", "-q", "-m", "Release 1.1.0", day=DATA_DAY)
    assert git(root, "status", "--porcelain") == ""
