"""The slow proofs of review: a `publish review` process killed (SIGKILL) at any moment leaves every table
whole and valid, and the review page renders hostile text as text in a browser, its numbers marked and
linked, legible on a 390 px wide phone."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REVIEW_EVENT, archived_row, run, with_review_words

from publish.validate import validate
from publish.writes import JOURNAL

# The walk's order over conftest's REVIEW_TEXT (tests/test_review_walk.py shows it): reject the two rows
# whose indicator is only proposed, accept the rest.
KEYS = "r\nr\n" + "a\n" * 8


def review_process(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "publish", "review", "news", "--project", str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def kill_when(process: subprocess.Popen, root: Path, moment: float | None) -> None:
    """SIGKILL the process `moment` seconds after it started or, with None, as soon as it starts to
    replace tables (its journal appears)."""
    process.stdin.write(KEYS.encode())
    process.stdin.flush()
    started = time.monotonic()
    while process.poll() is None:
        elapsed = time.monotonic() - started
        if (moment is None and (root / JOURNAL).exists()) or (moment is not None and elapsed >= moment):
            break
        if elapsed > 60:
            break
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.slow
@pytest.mark.parametrize("moment", [None, 1.0, 2.0, 3.0, 4.0, 6.0], ids=lambda m: "mid-write" if m is None else f"{m}s")
def test_a_review_killed_at_any_moment_leaves_every_table_valid(drafted, tmp_path, moment):
    root = tmp_path / "copy"
    shutil.copytree(drafted.root, root)
    # What validate may say of a project whose review was cut short: what it said of the drafts (not reviewed
    # yet), and the numbers of rejected drafts, uncovered again.
    drafts = {(f.rule, f.id) for f in validate(drafted.root).findings}

    def left_to_do(findings) -> list:
        return [f for f in findings if (f.rule, f.id) not in drafts and f.rule != "coverage.uncovered"]

    kill_when(review_process(root), root, moment)
    # Each table is whole: the old one or the new one, never part of either.
    assert left_to_do(validate(root).findings) == []
    # The next command completes a replacement the kill interrupted; every reviewed row is then one the
    # typed keys accepted, whole.
    again = run("review", "news", "--project", str(root), env={}, input="q\n")
    assert again.exit_code == 0, again.output
    assert not (root / JOURNAL).exists()
    assert left_to_do(validate(root).findings) == []
    decided = {r["observation_id"] for r in _rows(root, "observations") if not r["note"].startswith("[draft]")}
    assert decided <= {"a-id-01", "a-id-02", "a-id-03", "a-id-04", "a-id-05", "a-id-06", "b-fr-01", "b-fr-02"} | {
        "news-01",
        "news-02",
        "news-04",
        "news-05",
    }


def _rows(root: Path, table: str) -> list[dict]:
    import csv

    with (root / "datapackage" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


HOSTILE = (
    'Doanh thu "đạt" <script>window.__pwned = true</script> 25 tỷ USD & <b>tăng</b> 20%. '
    "Có 3 triệu người dùng mới trong năm 2024, cho biết ông O'Neil.\n"
)


@pytest.mark.slow
def test_the_review_page_shows_hostile_text_as_text_marked_and_linked_on_a_phone(project, tmp_path, browser):
    with_review_words(project)
    project.append("sources", **archived_row(project, "news", "news.txt", "vi", HOSTILE, REVIEW_EVENT))
    assert run("draft", "news", "--project", str(project.root)).exit_code == 0
    rows = project.rows("observations")
    at = next(i for i, r in enumerate(rows) if r["source_id"] == "news")
    project.edit("observations", at, note='[draft] <img src=x onerror="window.__pwned=2"> "quoted" \'too\'')
    accepted = run("accept", "news", "news-x01", "--project", str(project.root))
    assert accepted.exit_code == 0, accepted.output
    out = tmp_path / "page.html"
    assert run("review", "news", "--page", "--out", str(out), "--project", str(project.root)).exit_code == 0

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(out.as_uri())
    assert page.evaluate("window.__pwned") is None  # nothing from the text or a note ran
    text = page.inner_text(".text")
    assert '"đạt" <script>window.__pwned = true</script> 25 tỷ USD & <b>tăng</b> 20%.' in text
    assert "O'Neil" in text
    # Every number marked by what the tables say of it, each linked to a row that exists.
    marks = page.eval_on_selector_all(
        ".text .n", "ns => ns.map(n => [n.textContent, n.dataset.status, n.getAttribute('href')])"
    )
    assert [m[0] for m in marks] == ["25 tỷ", "20%", "3 triệu", "2024"]
    assert {m[1] for m in marks} <= {"draft-low", "draft-medium", "draft-high"} | {"excluded"}
    assert marks[-1][1] == "excluded"  # news-x01, the year, accepted
    for _, _, href in marks:
        assert href.startswith("#row-") and page.locator(f"[id='{href[1:]}']").count() == 1
    notes = page.inner_text(f"[id='{marks[0][2][1:]}'] .why")
    assert notes == '<img src=x onerror="window.__pwned=2"> "quoted" \'too\''
    page.click(".text .n >> nth=0")
    assert page.evaluate("location.hash") == marks[0][2]
    # Legible on a phone: nothing wider than the screen, text no smaller than 14 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sizes = page.eval_on_selector_all("p, dd, dt, h3", "es => es.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 14
    page.close()
