"""Review: a row that `publish draft` wrote reaches no release until a curator has reviewed it.

Drafting marks each row it writes (DRAFT_MARK at the start of an observation's note, an
exclusion's reason, a proposed indicator's title); reviewing a row ends with deleting the mark.
"""

from __future__ import annotations

import pandas as pd

from publish.findings import Finding, findings_from
from publish.rules import DRAFT_FIELDS, DRAFT_MARK


def check_drafts(tables: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Finding]:
    """A finding for every row still marked as a draft."""
    findings: list[Finding] = []
    for name, column in DRAFT_FIELDS.items():
        if name not in tables or column not in tables[name]:
            continue
        marked = tables[name][column].str.startswith(DRAFT_MARK).fillna(False).astype(bool)
        findings += findings_from(
            tables[name],
            where=marked,
            file=files[name],
            rule="draft.unreviewed",
            field=column,
            message=f"a reviewed row: check what publish draft proposed, correct it, then delete {DRAFT_MARK}",
        )
    return findings
