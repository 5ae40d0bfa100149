"""Drafting grows with the numbers of a text, not with their square: a report may list a thousand
figures in one sentence, and each is read by bisecting the numbers and words of its sentence, once,
never by walking all of them again for each figure."""

from __future__ import annotations

import cProfile
import pstats
import time
from pathlib import Path

import pytest
from conftest import archived_row

import publish.draft
from publish.draft import draft

# A figure of each language, the i-th of a long list (none of them a year, so every one is alike).
FIGURES = {
    "id": lambda i: str(3000 + i * 7),
    "vi": lambda i: f"{i} tỷ USD" if i % 2 else f"{i}%",
    "en": lambda i: f"about {i} million accounts",
}


def listing(project, language: str, count: int, figure=None) -> str:
    """Archive one sentence listing `count` figures; its source id."""
    figure = figure or FIGURES[language]
    text = "Angka: " + ", ".join(figure(i) for i in range(1, count + 1)) + ".\n"
    source_id = f"list-{language}-{count}"
    project.append("sources", **archived_row(project, source_id, f"{source_id}.txt", language, text, "2025-02-06"))
    return source_id


def calls_in_drafting(root, source_id: str) -> int:
    """How many calls of publish.draft's own functions (those of its package's modules) drafting a source
    takes: a count of the work that does not depend on the machine or its load."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        draft(root, source_id)
    finally:
        profile.disable()
    counted = pstats.Stats(profile).stats.items()
    package = Path(publish.draft.__file__).parent
    return sum(stats[1] for (file, _, _), stats in counted if Path(file).parent == package)


@pytest.mark.slow  # a measure of how drafting scales, like the benchmark harness
@pytest.mark.parametrize("language", sorted(FIGURES))
def test_drafting_twice_the_figures_of_a_sentence_takes_twice_the_work(project, language):
    small, large = listing(project, language, 200), listing(project, language, 400)
    draft(project.root, listing(project, language, 5))  # the language's patterns are compiled once, first
    ratio = calls_in_drafting(project.root, large) / calls_in_drafting(project.root, small)
    assert ratio < 2.5, f"twice the figures took {ratio:.2f} times the calls: drafting grows faster than the text"


@pytest.mark.slow  # a timing, like the benchmark harness
def test_a_sentence_of_two_thousand_numbers_is_drafted_in_seconds(project):
    # The reported case: 1,000 such numbers took three minutes.
    source_id = listing(project, "id", 2000, figure=lambda i: str(i * 7))
    draft(project.root, listing(project, "id", 5))  # the language's patterns are compiled once, first
    started = time.perf_counter()
    drafts = draft(project.root, source_id)
    elapsed = time.perf_counter() - started
    assert len(drafts.observations) + len(drafts.exclusions) == 2000
    assert elapsed < 10, f"drafting 2,000 numbers took {elapsed:.1f} s"
