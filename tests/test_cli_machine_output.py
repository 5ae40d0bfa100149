"""Numbers no float holds (a number of 400 digits in a text, the open end of a "more than"
interval) are no traceback, no invalid JSON and no warning: draft says which number it cannot draft,
the JSON of todo and validate writes them as null, never as Infinity or NaN, and validate's
arithmetic on values near the largest float leaks no numpy RuntimeWarning."""

from __future__ import annotations

import json
import warnings

import pytest
from conftest import archived_row, run


def strict_json(text: str):
    """JSON as the standard has it: Python's reader would take Infinity and NaN, which are not JSON."""

    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# Texts with a number past the float range: written out, or scaled past it by its scale word.
PAST_THE_RANGE = {
    # (language, text, the exclusion's quote, its number)
    "en-400-digits": ("en", "Revenue reached " + "9" * 400 + " USD.\n", "9" * 400, "9" * 400),
    "vi-scaled-past-it": ("vi", "Doanh thu đạt " + "9" * 300 + " tỷ USD.\n", "9" * 300 + " tỷ USD", "9" * 300),
}


@pytest.mark.parametrize(("language", "text", "quote", "raw"), PAST_THE_RANGE.values(), ids=PAST_THE_RANGE.keys())
def test_draft_names_a_number_past_the_float_range_and_drafts_once_it_is_excluded(project, language, text, quote, raw):
    project.append("sources", **archived_row(project, "big", "big.txt", language, text, "2025-02-06"))
    out = project.root.parent / "drafts"
    refused = run("draft", "big", "--project", str(project.root), "--out", str(out))
    assert refused.exit_code == 1
    assert isinstance(refused.exception, SystemExit)  # a message, not a traceback
    assert "seeds/big.txt line 1" in refused.output and "past the range of a value" in refused.output
    assert not out.exists()

    project.append(
        "exclusions",
        exclusion_id="big-x01",
        source_id="big",
        quote=quote,
        number=raw,
        category="other",
        reason="no value: for the test",
    )
    drafted = run("draft", "big", "--project", str(project.root), "--out", str(out))
    assert drafted.exit_code == 0, drafted.output


def test_todo_json_writes_a_number_past_the_float_range_as_null(project):
    project.append(
        "sources", **archived_row(project, "big", "big.txt", "en", "It reached " + "9" * 400 + ".\n", "2025-02-06")
    )
    result = run("todo", "big", "--project", str(project.root), "--format", "json")
    assert result.exit_code == 0, result.output
    [item] = strict_json(result.output)
    assert (item["raw"], item["value"]) == ("9" * 400, None)


def test_validate_json_writes_an_open_end_as_null(project):
    """The tiny project's conflict holds "plus de 65,25 millions": an interval no text closes above."""
    result = project.validate("--format", "json")
    report = strict_json(result.output)
    [conflict] = report["conflicts"]
    highs = {o["observation_id"]: o["high"] for o in conflict["observations"]}
    assert highs["b-fr-02"] is None and highs["a-id-03"] == 60_000_000


@pytest.mark.parametrize("value", ["1e308", "1.7976931348623157e308"])
def test_validate_leaks_no_runtime_warning_on_values_near_the_largest_float(project, value):
    from publish.validate import validate

    for row in (0, 6):  # both sources' revenue
        project.edit("observations", row, value=value)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        report = validate(project.root)
    assert not report.valid  # the quotes state 25 billion: findings, and nothing else
