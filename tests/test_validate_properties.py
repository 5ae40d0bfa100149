"""Property: validate accepts the row that files a written number truly, and refuses a row with any
other value, unit, sign or qualifier, whatever form the number takes in its language (separators,
scale words, compound amounts, number words), with invisible characters, in NFC and NFD."""

from __future__ import annotations

import pytest
from conftest import write_tiny_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_reading_properties import said

from publish.validate import validate

pytestmark = pytest.mark.slow

LANGUAGES = ("vi", "id", "en", "fr", "uk")


@st.composite
def filed_numbers(draw) -> tuple[str, str, str, str]:
    """(language, the archived sentence, its quote, the value in base units as a CSV cell)."""
    language = draw(st.sampled_from(LANGUAGES))
    quote, value = draw(said(language, forms=lambda w: "/" not in w[0] and not _is_range(w[0])))
    cell = f"{value:.6f}".rstrip("0").rstrip(".")
    return language, quote + ".\n", quote, cell


def _is_range(number: str) -> bool:
    return "-" in number[1:]


def project_with(root, language: str, text: str, row: dict):
    """The tiny project with its Indonesian text replaced by `text` in `language` and one row for it."""
    project = write_tiny_project(root)
    project.rewrite_seed("a.txt", text)
    project.edit("sources", 0, language=language)
    others = [r for r in project.rows("observations") if r["source_id"] != "a-id"]
    project.write("observations", [row, *others])
    project.write("exclusions", [r for r in project.rows("exclusions") if r["source_id"] != "a-id"])
    project.write("conflicts", [])
    counted = dict(indicator_id="counted", title="Counted", unit="count", topic="project_06", definition="A count")
    project.write("indicators", [*project.rows("indicators"), counted])
    return project


def errors(project) -> list[str]:
    return sorted({finding.rule for finding in validate(project.root).findings})


SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=25, deadline=None, suppress_health_check=SLOW_OK)
@given(case=filed_numbers())
def test_validate_accepts_the_true_row_and_refuses_any_other(tmp_path_factory, case):
    language, text, quote, value = case
    row = dict(
        observation_id="a-id-01",
        indicator_id="counted",  # an indicator of its own: no other source's value to agree with
        source_id="a-id",
        kind="actual",
        period_type="point",
        period_start="2025-02-06",
        period_end="2025-02-06",
        value=value,
        unit="count",
        qualifier="exact",
        quote=quote,
    )
    root = tmp_path_factory.mktemp("case") / "project"
    project = project_with(root, language, text, row)
    assert errors(project) == []
    for change, rule in (
        ({"value": str(float(value) * 10 + 1)}, "quote.states_value"),
        ({"value": "-" + value}, "range.unit"),
        ({"qualifier": "about"}, "quote.states_qualifier"),
        ({"unit": "percent", "indicator_id": "access_share"}, "quote.states_unit"),
    ):
        project.edit("observations", 0, **{**row, **change})
        assert rule in errors(project), (change, text)
