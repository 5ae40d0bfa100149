"""The families of checks, one module each: structure (a table's bytes), schema (its Table
Schema), consistency (the cross-row rules), provenance (quotes and the numbers they state),
indicators (the indicator named beside its number), coverage (every number accounted for) and
agreement (sources of one fact). Each check reads the project prepared once
(publish.checks.prepare) and returns findings; none prints. Each declares the rules it reports
(`reports`); publish.validate lists them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from publish.findings import LOADING_RULES, Finding, reports

if TYPE_CHECKING:
    from publish.checks.prepare import Prepared


@reports("source.path", "source.sha256", "source.bytes", "source.encoding", "source.digits")
def check_archive(p: Prepared) -> list[Finding]:
    """Each archived text where its row says, with the bytes on record, in digits the parser reads."""
    return p.archive


@reports(*LOADING_RULES)
def check_indicator_words(p: Prepared) -> list[Finding]:
    """The indicators' words by their Table Schema and their key to the indicators."""
    return p.words_findings


@reports("agreement.conflict", "agreement.stale")
def check_agreement(p: Prepared) -> list[Finding]:
    """Sources of one fact agree, or their conflict is acknowledged; no acknowledgement is stale."""
    return p.agreement[0]
