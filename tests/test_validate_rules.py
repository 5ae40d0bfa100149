"""Every rule fails on a small fixture, where it names the file, the row a person sees (header = row 1)
and the field: read in-process from the checks that report the rule (`findings_of`), since `publish
validate` runs every check of the same list, and through the command for a few."""

from __future__ import annotations

import hashlib

import pytest
from test_indicator_rule import WORDS, with_words

from publish.findings import LOADING_RULES
from publish.rules import RULES
from publish.validate import CHECKS, findings_of

OBS, SRC, EXC = "datapackage/observations.csv", "datapackage/sources.csv", "datapackage/exclusions.csv"
CONFLICTS, PREFERRED = "datapackage/conflicts.csv", "preferred_observation_id"


def rewrite_bytes(table: str, change):
    def mutate(project):
        path = project.path(table)
        path.write_bytes(change(path.read_bytes()))

    return mutate


def edit(table: str, index: int, **changes: str):
    return lambda project: project.edit(table, index, **changes)


def without_column(table: str, column: str):
    def mutate(project):
        fields = [f for f in project.fields(table) if f != column]
        project.write(table, project.rows(table), fields)

    return mutate


def with_column(table: str, column: str):
    def mutate(project):
        project.write(table, project.rows(table), [*project.fields(table), column])

    return mutate


def duplicate_indicator(project):
    project.append("indicators", **project.rows("indicators")[0])


def repeated_fact(project):
    project.append("observations", **{**project.rows("observations")[0], "observation_id": "a-id-09"})


def changed_seed(project):
    path = project.seed("a.txt")
    path.write_bytes(path.read_bytes().replace(b"Pada", b"PADA"))


def undecodable_seed(project):
    data = project.seed("a.txt").read_bytes() + b"\xff\n"
    project.seed("a.txt").write_bytes(data)
    project.edit("sources", 0, sha256=hashlib.sha256(data).hexdigest(), bytes=str(len(data)))


def reordered_columns(project):
    fields = project.fields("units")
    project.write("units", project.rows("units"), [fields[1], fields[0], *fields[2:]])


def blank_line(data: bytes) -> bytes:
    lines = data.split(b"\n")
    return b"\n".join([*lines[:2], b"", *lines[2:]])


def full_width_digits(project):
    project.rewrite_seed("b.txt", project.seed("b.txt").read_text(encoding="utf-8") + "Soit ７１ comptes.\n")


def malformed_row(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[2] += b",surplus"
    return b"\n".join(lines)


# rule: (how to break the tiny project, file, row, field)
CASES = {
    "file.missing": (lambda p: p.path("units").unlink(), "datapackage/units.csv", None, None),
    "file.empty": (rewrite_bytes("exclusions", lambda b: b""), EXC, 1, None),
    "file.encoding": (
        rewrite_bytes("indicators", lambda b: b.replace(b"Accounts\n", b"Acc\xf6unts\n")),
        "datapackage/indicators.csv",
        3,
        None,
    ),
    "file.bom": (rewrite_bytes("indicators", lambda b: b"\xef\xbb\xbf" + b), "datapackage/indicators.csv", 1, None),
    "file.line_endings": (
        rewrite_bytes("units", lambda b: b.replace(b"\n", b"\r\n")),
        "datapackage/units.csv",
        1,
        None,
    ),
    "csv.malformed": (rewrite_bytes("units", malformed_row), "datapackage/units.csv", 3, None),
    "csv.missing_column": (without_column("units", "symbol"), "datapackage/units.csv", 1, "symbol"),
    "csv.extra_column": (with_column("units", "colour"), "datapackage/units.csv", 1, "colour"),
    "csv.column_order": (reordered_columns, "datapackage/units.csv", 1, "label"),
    "csv.blank_row": (rewrite_bytes("units", blank_line), "datapackage/units.csv", 3, None),
    "cell.control": (edit("observations", 0, note="a\x00b"), OBS, 2, "note"),
    "cell.formula": (edit("observations", 0, note='=HYPERLINK("x")'), OBS, 2, "note"),
    "schema.required": (edit("indicators", 1, title=""), "datapackage/indicators.csv", 3, "title"),
    "schema.type": (edit("observations", 3, value="18,3"), OBS, 5, "value"),
    "schema.enum": (edit("observations", 0, kind="guess"), OBS, 2, "kind"),
    "schema.pattern": (edit("sources", 0, sha256="xyz"), SRC, 2, "sha256"),
    "schema.length": (edit("conflicts", 0, explanation="Too short"), "datapackage/conflicts.csv", 2, "explanation"),
    "schema.range": (edit("observations", 4, denominator="0"), OBS, 6, "denominator"),
    "schema.unique": (duplicate_indicator, "datapackage/indicators.csv", 7, "indicator_id"),
    "schema.foreign_key": (edit("observations", 0, indicator_id="no_such_indicator"), OBS, 2, "indicator_id"),
    "range.unit": (edit("observations", 3, value="180"), OBS, 5, "value"),
    "range.upper_bound": (edit("observations", 5, value_upper="8"), OBS, 7, "value_upper"),
    "unit.indicator": (edit("observations", 0, unit="count"), OBS, 2, "unit"),
    "unit.magnitude": (edit("observations", 6, value="25"), OBS, 8, "value"),
    "period.shape": (edit("observations", 0, period_end="2024-06-30"), OBS, 2, "period_end"),
    "change.fields": (edit("observations", 1, change_type=""), OBS, 3, "change_type"),
    "departure.explained": (edit("observations", 0, departure="corrected"), OBS, 2, "note"),
    "fact.unique": (repeated_fact, OBS, 10, "indicator_id"),
    # The accounts conflict prefers the e-government rank: the series would publish 71 as the count.
    "conflict.preferred": (edit("conflicts", 0, preferred_observation_id="a-id-05"), CONFLICTS, 2, PREFERRED),
    "source.same_article": (edit("sources", 1, same_article_as="b-fr"), SRC, 3, "same_article_as"),
    "draft.unreviewed": (edit("exclusions", 1, reason="[draft] a year"), EXC, 3, "reason"),
    "source.path": (edit("sources", 0, path="seeds/missing.txt"), SRC, 2, "path"),
    "source.sha256": (changed_seed, SRC, 2, "sha256"),
    "source.bytes": (edit("sources", 1, bytes="5"), SRC, 3, "bytes"),
    "source.encoding": (undecodable_seed, SRC, 2, "path"),
    "source.language": (edit("sources", 1, language="de"), SRC, 3, "language"),
    "source.digits": (
        lambda p: p.rewrite_seed("b.txt", p.seed("b.txt").read_text() + "Soit ７１ comptes.\n"),
        SRC,
        3,
        "path",
    ),
    "quote.in_source": (edit("observations", 0, quote="pendapatan mencapai 26 miliar dolar AS"), OBS, 2, "quote"),
    "quote.states_value": (edit("observations", 0, value="26000000000"), OBS, 2, "value"),
    "quote.states_upper": (edit("observations", 5, value_upper="11"), OBS, 7, "value_upper"),
    "quote.states_denominator": (edit("observations", 4, denominator="190"), OBS, 6, "denominator"),
    "quote.states_sign": (edit("observations", 1, value="-20"), OBS, 3, "value"),  # "meningkat sekitar 20%"
    # "tingkat akses mencapai 18,3%" filed as a count: the percent sign says percent.
    "quote.states_unit": (edit("observations", 3, unit="count"), OBS, 5, "unit"),
    # "Hampir 60 juta" (nearly) filed as less than.
    "quote.states_qualifier": (edit("observations", 2, qualifier="less_than"), OBS, 4, "qualifier"),
    # "Hampir 60 juta akun" filed under an indicator whose words say "kartu" (cards) only.
    "indicator.named": (lambda p: with_words(p, {**WORDS, "accounts": {"id": ["kartu"]}}), OBS, 4, "indicator_id"),
    "exclusion.in_source": (edit("exclusions", 0, quote="Pada tahun 2023"), EXC, 2, "quote"),
    "exclusion.number": (edit("exclusions", 0, number="2023"), EXC, 2, "number"),
    "coverage.uncovered": (lambda p: p.drop("exclusions", 1), "seeds/a.txt", 3, None),
    "agreement.conflict": (lambda p: p.drop("conflicts", 0), OBS, 4, "value"),
    "agreement.stale": (edit("conflicts", 0, kind="estimate"), "datapackage/conflicts.csv", 2, "conflict_id"),
    "source.translation": (
        edit("sources", 1, text_kind="original", original_language="vi"),
        SRC,
        3,
        "original_language",
    ),
}


def test_every_rule_has_a_failing_case():
    assert set(CASES) == set(RULES)


def test_every_rule_is_reported_by_reading_the_tables_or_a_listed_check():
    declared = {*LOADING_RULES, *(rule for check in CHECKS for rule in check.rules)}
    assert declared == set(RULES)


@pytest.mark.parametrize(
    "rules",
    [("csv.blank_row",), ("unit.magnitude",), ("quote.states_value",), ("agreement.stale", "range.unit")],
)
def test_the_findings_of_rules_are_those_validate_reports(project, rules):
    for rule in rules:
        CASES[rule][0](project)
    code, report = project.report()
    assert code == 1
    expected = [e for e in report["errors"] if e["rule"] in rules]
    assert {e["rule"] for e in expected} == set(rules)
    assert [f.as_dict() for f in findings_of(project.root, *rules)] == expected


def test_a_check_declaring_an_unknown_rule_is_refused():
    from publish.findings import reports

    with pytest.raises(ValueError, match="unknown rule id"):
        reports("quote.states_value", "quote.nowhere")


def test_findings_of_an_unknown_rule_is_a_clear_error(project):
    with pytest.raises(KeyError, match="no rule 'quote.nowhere'"):
        findings_of(project.root, "quote.nowhere")


def test_the_fixture_is_valid(project):
    code, report = project.report()
    assert (code, report["errors"]) == (0, [])


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails(project, rule):
    mutate, file, row, field = CASES[rule]
    mutate(project)
    hits = [f.as_dict() for f in findings_of(project.root, rule)]
    assert hits, f"{rule} did not fire"
    assert any((e["file"], e["row"], e["field"]) == (file, row, field) for e in hits), hits
    assert all(e["message"] for e in hits)


@pytest.mark.parametrize("rule", ["schema.type", "coverage.uncovered", "file.bom"])
def test_text_report_names_file_row_and_field(project, rule):
    mutate, file, row, field = CASES[rule]
    mutate(project)
    result = project.validate()
    assert result.exit_code == 1
    assert file in result.output
    assert f"row {row}" in result.output
    assert f"[{rule}]" in result.output
    if field:
        assert f"field {field}" in result.output


def test_ranges_must_agree_at_each_end(project):
    from conftest import TEXT_FR

    project.rewrite_seed("b.txt", TEXT_FR + "L'objectif de croissance est de 8 à 10 % en 2025.\n")
    project.append(
        "observations",
        observation_id="b-fr-03",
        indicator_id="growth",
        source_id="b-fr",
        kind="target",
        period_type="year",
        period_start="2025-01-01",
        period_end="2025-12-31",
        value="8",
        value_upper="10",
        unit="percent_change",
        qualifier="exact",
        quote="L'objectif de croissance est de 8 à 10 %",
    )
    project.append(
        "exclusions",
        exclusion_id="b-fr-x02",
        source_id="b-fr",
        quote="10 % en 2025",
        number="2025",
        category="year",
        reason="target year",
    )
    code, report = project.report()
    assert code == 1
    [conflict] = [e for e in report["errors"] if e["rule"] == "agreement.conflict"]
    assert (conflict["row"], conflict["field"], conflict["value"]) == (7, "value", "9")  # a-id-06's 9-10%
    assert "a-id-06" in conflict["message"] and "b-fr-03" in conflict["message"]


def test_a_quote_states_a_number_only_whole_as_the_text_writes_it(project):
    # The text says "25 miliar dolar AS"; a quote that stops before the scale word does not state 25.
    project.edit("observations", 0, quote="pendapatan mencapai 25", value="25")
    code, report = project.report()
    hits = [e for e in report["errors"] if e["rule"] == "quote.states_value"]
    assert code == 1
    assert [(e["row"], e["field"]) for e in hits] == [(2, "value")]
    assert hits[0]["message"].endswith("it states no number")


def test_a_quote_covers_its_numbers_wherever_it_occurs(project):
    from conftest import TEXT_ID

    repeated = "Hampir 60 juta akun telah diaktifkan"
    project.rewrite_seed("a.txt", TEXT_ID + f"Sekali lagi: {repeated}.\n")
    code, report = project.report()
    assert (code, report["errors"]) == (0, [])
    project.rewrite_seed("a.txt", TEXT_ID + "Sekali lagi: Hampir 61 juta akun.\n")
    code, report = project.report()
    assert code == 1
    assert [(e["rule"], e["row"], e["value"]) for e in report["errors"]] == [("coverage.uncovered", 4, "61")]


def preferred_findings(project) -> list[tuple[int, str]]:
    return [(f.row, f.value) for f in findings_of(project.root, "conflict.preferred")]


def test_a_conflict_may_prefer_an_observation_of_its_own_fact(project):
    project.edit("conflicts", 0, preferred_observation_id="a-id-03")  # "Hampir 60 juta akun": its own fact
    code, report = project.report()
    assert (code, report["errors"]) == (0, [])


@pytest.mark.parametrize(
    ("preferred", "changes"),
    [
        pytest.param("a-id-01", {}, id="another-indicator"),
        pytest.param("a-id-03", {"kind": "estimate"}, id="another-kind"),
        pytest.param("a-id-03", {"period_start": "2025-02-05", "period_end": "2025-02-05"}, id="another-period"),
        pytest.param("a-id-03", {"change_type": "percent_change"}, id="another-change-type"),
    ],
)
def test_a_conflict_prefers_only_an_observation_of_its_own_fact(project, preferred, changes):
    project.edit("conflicts", 0, preferred_observation_id="a-id-03")  # "Hampir 60 juta akun": its own fact
    assert preferred_findings(project) == []
    project.edit("conflicts", 0, preferred_observation_id=preferred, **changes)
    assert (2, preferred) in preferred_findings(project)


def test_a_conflict_never_prefers_a_corrected_translation_artefact(project):
    project.edit("observations", 7, departure="corrected", note="read as a garble of the French text, for the test")
    # A corrected row states no number of its text: the garble is excluded, as a curator would.
    project.append(
        "exclusions",
        exclusion_id="b-fr-x02",
        source_id="b-fr",
        quote="plus de 65,25 millions",
        number="65,25",
        category="other",
        reason="the garbled count, curated as the corrected observation b-fr-02",
    )
    project.edit("conflicts", 0, preferred_observation_id="b-fr-02")
    [(row, value)] = preferred_findings(project)
    assert (row, value) == (2, "b-fr-02")
    project.edit("conflicts", 0, preferred_observation_id="a-id-03")
    assert preferred_findings(project) == []


def test_a_preferred_id_naming_no_observation_is_the_foreign_keys_finding_alone(project):
    project.edit("conflicts", 0, preferred_observation_id="a-id-99")
    code, report = project.report()
    assert code == 1
    assert [e["rule"] for e in report["errors"]] == ["schema.foreign_key"]


@pytest.mark.parametrize(
    ("named", "changes"),
    [
        pytest.param("x-fr", {}, id="no-such-source"),
        pytest.param("a-id", {"event_id": "another-meeting"}, id="another-event"),
    ],
)
def test_a_translation_names_another_text_of_its_event(project, named, changes):
    project.edit("sources", 1, same_article_as="a-id")
    code, report = project.report()
    assert (code, report["errors"]) == (0, [])
    project.edit("sources", 1, same_article_as=named, **changes)
    code, report = project.report()
    assert code == 1
    assert [(e["rule"], e["row"], e["value"]) for e in report["errors"]] == [("source.same_article", 3, named)]
