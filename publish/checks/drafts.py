"""Review: a row that `publish draft` wrote reaches no release until a curator has reviewed it.

Drafting marks each row it writes (DRAFT_MARK at the start of an observation's note, an
exclusion's reason, a proposed indicator's title and definition) and names a proposed indicator
with DRAFT_ID_PREFIX; reviewing a row ends with deleting the mark and renaming the indicator.
The mark is read however it is written: a spreadsheet or an editor may put a space or an
invisible character before it, change its case or turn its brackets full-width, and none of
that makes a row reviewed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from publish.findings import Finding, findings_from, reports
from publish.rules import DRAFT_FIELDS, DRAFT_ID_PREFIX, DRAFT_MARK

# Invisible format characters (Cf: zero-width space, soft hyphen, word joiner, BOM), separators
# (Z: no-break and ideographic spaces) and whitespace, in RE2's syntax.
INVISIBLE = r"[\p{Cf}\p{Z}\s]+"

if TYPE_CHECKING:
    from publish.checks.prepare import Prepared


def comparable(values: pd.Series) -> pd.Series:
    """Text as the mark is sought in it: NFKC (full-width brackets and letters become ASCII), lower
    case (for the mark's ASCII letters the same as case folding), without invisible characters,
    separators or whitespace. Column-wide, in Arrow."""
    import pyarrow.compute as pc

    from publish.kernels import arrow_text, pandas_text

    text = arrow_text(values.where(values.notna(), ""))
    text = pc.replace_substring_regex(pc.utf8_lower(pc.utf8_normalize(text, "NFKC")), INVISIBLE, "")
    return pd.Series(pandas_text(text), index=values.index)


def marked(values: pd.Series) -> pd.Series:
    """Whether each cell holds the draft mark, however written."""
    return comparable(values).str.contains(DRAFT_MARK, regex=False).fillna(False).astype(bool)


@reports("draft.unreviewed")
def check_drafts(p: Prepared) -> list[Finding]:
    """A finding for every field still marked as a draft, and every proposed indicator not yet renamed."""
    tables, files = p.tables, p.files
    findings: list[Finding] = []
    for name, columns in DRAFT_FIELDS.items():
        for column in columns:
            if name not in tables or column not in tables[name]:
                continue
            findings += findings_from(
                tables[name],
                where=marked(tables[name][column]),
                file=files[name],
                rule="draft.unreviewed",
                field=column,
                message=f"a reviewed row: check what publish draft proposed, correct it, then delete {DRAFT_MARK}",
            )
    if "indicators" in tables:
        indicators = tables["indicators"]
        proposed = comparable(indicators["indicator_id"]).str.startswith(DRAFT_ID_PREFIX).fillna(False).astype(bool)
        findings += findings_from(
            indicators,
            where=proposed,
            file=files["indicators"],
            rule="draft.unreviewed",
            field="indicator_id",
            message=f"a proper id for the indicator publish draft proposed as {DRAFT_ID_PREFIX}…: a snake_case name "
            "of the thing measured (rename it in its observations too)",
        )
    return findings
