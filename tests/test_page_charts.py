"""The axis of a chart: round ticks around every value, however close the values are."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import TEXT_FR, TEXT_ID, release, run

from publish.report.charts import axis_ticks


@pytest.mark.parametrize(
    ("low", "high", "unit"),
    [
        pytest.param(59_999_999.5, 60_000_001.5, "count", id="two-exact-close-counts"),
        pytest.param(24_999_999_999.5, 25_000_000_001.5, "usd", id="two-exact-close-amounts"),
        pytest.param(18.249, 18.251, "percent", id="close-shares"),
        pytest.param(150.0, 160.0, "percent", id="shares-above-100-which-validate-refuses"),
    ],
)
def test_the_axis_holds_values_however_close(low, high, unit):
    ticks = axis_ticks(low, high, unit)
    assert len(ticks) >= 2
    assert ticks[0] <= Decimal(repr(low)) and Decimal(repr(high)) <= ticks[-1]
    assert ticks == sorted(set(ticks))


def two_exact_close_counts(project) -> None:
    """The tiny project's two counts of accounts, exact and one apart: a conflict it acknowledges."""
    project.rewrite_seed("a.txt", TEXT_ID.replace("Hampir 60 juta akun", "Tercatat 60000000 akun"))
    project.rewrite_seed("b.txt", TEXT_FR.replace("plus de 65,25 millions de comptes", "60000001 comptes"))
    project.edit("observations", 2, value="60000000", quote="60000000 akun telah diaktifkan", qualifier="exact")
    project.edit("observations", 7, value="60000001", quote="60000001 comptes", qualifier="exact")


def test_report_charts_two_exact_close_counts(project):
    two_exact_close_counts(project)
    assert project.report()[0] == 0
    page = project.root.parent / "page.html"
    result = run("report", "--project", str(project.root), "--out", str(page))
    assert result.exit_code == 0, result.output
    assert 'id="chart-accounts-title"' in page.read_text(encoding="utf-8")


def test_release_of_two_exact_close_counts(project):
    two_exact_close_counts(project)
    out = project.root.parent / "out"
    result = release(project, "--version", "9.0.0", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert 'id="chart-accounts-title"' in (out / "9.0.0" / "index.html").read_text(encoding="utf-8")
