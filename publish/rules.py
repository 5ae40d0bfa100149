"""The rules: every check's stable id and what it expects, and the parameters
of the cross-row rules. Column constraints live in the Table Schemas under
schemas/; this module holds what a Table Schema cannot say. Checks read these
tables rather than repeating them, and every finding names one of these ids.
"""

from math import inf

RULES: dict[str, str] = {
    # The project and its files
    "file.missing": "every table the descriptor lists exists",
    "file.empty": "a table has at least a header row",
    "file.encoding": "a table is UTF-8",
    "file.bom": "a table has no byte-order mark",
    "file.line_endings": "a table ends its lines with LF, not CRLF",
    "csv.malformed": "every row has as many fields as the header and quotes are closed",
    "csv.missing_column": "every field of the schema is a column",
    "csv.extra_column": "every column is a field of the schema, once",
    "csv.column_order": "the columns are in the order of the schema's fields",
    "csv.blank_row": "no row is blank",
    "cell.control": "no cell holds a control character (NUL and the like)",
    "cell.formula": "no text cell starts with =, +, -, @, a tab or a carriage return (a plain signed number may)",
    # Column constraints, from the Table Schemas
    "schema.required": "a required field has a value",
    "schema.type": "a value has the field's type",
    "schema.enum": "a value is one of the field's allowed values",
    "schema.pattern": "a value matches the field's pattern",
    "schema.length": "a value's length is within the field's limits",
    "schema.range": "a value is within the field's minimum and maximum",
    "schema.unique": "a unique field's value occurs once",
    "schema.foreign_key": "a reference names an existing row of the referenced table",
    # Cross-row rules
    "range.unit": "a value lies in its unit's range (a change may be negative)",
    "range.upper_bound": "the upper end of a range is not below its value",
    "unit.indicator": "an observation uses its indicator's unit, or for a change the unit of its change type",
    "unit.magnitude": "an indicator's values are of the same order of magnitude across sources",
    "period.shape": "a period's dates fit its type (a year, a half-year, a point, a span; none when undated)",
    "change.fields": "a change, and only a change, has a change type and a compared period that ends earlier",
    "departure.explained": "a value that departs from the literal text says how in `departure`, why in `note`",
    "fact.unique": "a source gives one value per indicator, period, kind and comparison",
    "conflict.preferred": "a conflict's preferred observation is of the conflict's fact (its indicator, kind, period "
    "and change type) and is no corrected translation artefact",
    "source.same_article": "a text marked as the same article as another names another archived text of its event",
    "source.translation": "only a translation names an original (original_url, original_language), in another "
    "language than its own",
    # Provenance
    "source.path": "an archived source lies inside seeds/ and exists",
    "source.sha256": "an archived source still has the SHA-256 on record",
    "source.bytes": "an archived source still has the size on record",
    "source.encoding": "an archived source is UTF-8 text",
    "source.language": "the parser knows the source's language",
    "source.digits": "an archived source writes its numbers in ASCII digits, which the parser reads",
    "quote.in_source": "a quote occurs verbatim in its archived source",
    "quote.states_value": "a number in the quote, scaled, equals the value within the text's precision",
    "quote.states_upper": "a number in the quote, scaled, equals value_upper within the text's precision",
    "quote.states_denominator": "a number in the quote equals the denominator: a fraction's, one after the value, "
    "or a whole said before it and no smaller",
    "quote.states_sign": "a change's or a growth rate's sign follows the quote's words of rising or falling (for a "
    "rank, the other way)",
    "quote.states_unit": "a value in percent is stated with a percent sign or word, and a number with one is in "
    "percent",
    "quote.states_qualifier": "the qualifier is the one the quote's words give the value's number (none: exact)",
    "indicator.named": "an observation's indicator is named in its quote's sentence by one of its phrases in "
    "curation/indicator_words.csv (a change or baseline: or in the sentence before)",
    "exclusion.in_source": "an exclusion's quote occurs verbatim in its archived source",
    "exclusion.number": "an exclusion's number is a number the parser finds in its quote",
    # Completeness
    "coverage.uncovered": "every number in a source is covered: by the observation it states (its value, upper "
    "value, denominator or compared year) or by an exclusion that names it",
    # Review
    "draft.unreviewed": "a row drafted by `publish draft` is reviewed: its draft mark is gone from its note, reason, "
    "title or definition, and a proposed indicator is renamed from its new_ id",
    # Agreement
    "agreement.conflict": "observations of the same fact from different sources agree, or the conflict is acknowledged",
    "agreement.stale": "an acknowledged conflict matches observations that still disagree",
}

# The kinds of value and of period the rules know how to read.
KINDS = ("actual", "estimate", "target", "baseline", "change")
PERIOD_TYPES = ("year", "half_year", "point", "span", "undated")

# The unit a change is in, by change type; None: the indicator's own unit.
CHANGE_UNITS: dict[str, str | None] = {
    "percent_change": "percent_change",
    "percentage_points": "percentage_point",
    "multiple": "times",
    "absolute_difference": None,
}

# A value read from a text stands for an interval, by one rule per qualifier, used alike by the
# agreement check and the series (publish.checks.agreement.intervals). Each side of the figure
# reaches by the larger of some precision steps (half a step is half a unit of the number's last
# stated digit: "18.3" reaches 0.05) and a share of the figure; an infinite number of steps is an
# open side, which the text does not bound: "more than 4,500" says nothing of how much more.
QUALIFIER_INTERVALS: dict[str, tuple[float, float, float, float]] = {
    #             steps below, steps above, share below, share above
    "exact": (0.5, 0.5, 0.0, 0.0),
    "about": (0.5, 0.5, 0.05, 0.05),  # within 5% of the figure either way
    "more_than": (0.0, inf, 0.0, 0.0),
    "at_least": (0.0, inf, 0.0, 0.0),
    "nearly": (0.5, 0.0, 0.10, 0.0),  # below the figure, by at most 10% of it
    "less_than": (inf, 0.0, 0.0, 0.0),
    "up_to": (inf, 0.0, 0.0, 0.0),
}

# Values of one indicator and kind may differ by at most this factor from the
# indicator's median before they are called a different order of magnitude.
MAGNITUDE_FACTOR = 10.0

# The fields that identify one fact: observations that share them, from
# different sources, must agree; a source may give only one value for them.
FACT_KEY = [
    "indicator_id",
    "kind",
    "period_start",
    "period_end",
    "change_type",
    "compared_start",
    "compared_end",
]

# The fields that identify the fact an acknowledged conflict is about (a row of the conflicts table).
CONFLICT_KEY = ["indicator_id", "kind", "period_start", "period_end", "change_type"]

# What marks a row `publish draft` wrote until a curator has reviewed it: the start of its note
# (observations), reason (exclusions) or title and definition (indicators). The check reads the
# mark however it is written ("[Draft]", "［draft］", behind an invisible character) and anywhere
# in the field, and the id drafting gives a proposed indicator until a curator renames it.
DRAFT_MARK = "[draft]"
DRAFT_FIELDS = {"observations": ("note",), "exclusions": ("reason",), "indicators": ("title", "definition")}
DRAFT_ID_PREFIX = "new_"
