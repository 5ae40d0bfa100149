"""The families of checks, one module each: structure (a table's bytes), schema (its Table
Schema), consistency (the cross-row rules), provenance (quotes and the numbers they state),
indicators (the indicator named beside its number), coverage (every number accounted for) and
agreement (sources of one fact). Each check reads the project prepared once
(publish.checks.prepare) and returns findings; none prints. publish.validate lists them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publish.checks.prepare import Prepared
    from publish.findings import Finding


def check_archive(p: Prepared) -> list[Finding]:
    """Each archived text where its row says, with the bytes on record, in digits the parser reads."""
    return p.archive


def check_indicator_words(p: Prepared) -> list[Finding]:
    """The indicators' words by their Table Schema and their key to the indicators."""
    return p.words_findings


def check_agreement(p: Prepared) -> list[Finding]:
    """Sources of one fact agree, or their conflict is acknowledged; no acknowledgement is stale."""
    return p.agreement[0]
