"""How well `publish draft` drafts: on the repository's sources, each left out in turn, and on a
corpus of texts nobody on the project wrote, each with a key made by hand.

Left out: for each source of the repository, copy the project, remove that source's observations
and exclusions (and the indicators only it uses, with their words and conflicts), draft the source
into the copy, and compare the drafted rows field by field with the rows the curators wrote.

Corpus (`--corpus DIR`): for each text of DIR (its manifest.csv gives the url, publisher, language
and event date), archive it with its manifest row into a scratch copy of the project, draft it, and
compare the drafts with its key (NN_lang.facts.csv, NN_lang.exclusions.csv). Also counted: the
numbers the key excludes that the draft makes values of, each found where the key's quote stands
and read as a person reads it.

Either way, a keyed observation is matched by a drafted one with the same value whose quote overlaps
its quote in the text. The drafts are then merged into the copy (their marks removed) and validated:
no provenance error on a drafted row, no number of the source left uncovered.

    python bench/draft_eval.py                                # writes docs/drafting.md
    python bench/draft_eval.py --corpus ../shared/corpus      # both tables
    python bench/draft_eval.py --corpus DIR --out -           # prints it, with the corpus's words

The page written to a file quotes none of the corpus's words (its texts stay out of the repository):
a line on a corpus text names the key's row and the values, and says where its words would stand.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("datapackage.json", "datapackage", "schemas", "seeds", "curation")
FIELDS = {
    "unit": ["unit"],
    "qualifier": ["qualifier"],
    "kind": ["kind"],
    "period": ["period_type", "period_start", "period_end"],
    "change type": ["change_type"],
    "upper value": ["value_upper"],
    "denominator": ["denominator"],
    "compared period": ["compared_start", "compared_end"],
    "indicator": ["indicator_id"],
}
TARGETS = {
    "curated matched": 95,
    "drafted matching": 90,
    "unit": 90,
    "qualifier": 90,
    "kind": 85,
    "period": 80,
    "change type": 90,
    "upper value": 90,
    "indicator": 80,
    "every field": 60,
}
# The corpus's targets: texts no rule was written for.
CORPUS_TARGETS = {
    "values found": 95,
    "drafted observations that are keyed values": 92,
    "unit": 95,
    "qualifier": 95,
    "kind": 90,
    "period": 85,
    "indicator": 80,
    "every field": 70,
}
# A corpus key's period of a value with no period: both dates empty.
UNDATED = "undated"


@dataclass
class Scored:
    """One text drafted and compared with its key."""

    name: str
    language: str
    kb: float
    seconds: float = 0.0
    keyed: int = 0
    drafted: int = 0
    matched: int = 0
    every: int = 0
    right: dict[str, int] = field(default_factory=dict)
    counted: dict[str, int] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    exclusions_drafted: int = 0
    keyed_exclusions: int = 0
    exclusions_as_values: list[str] = field(default_factory=list)
    existing_where_none: list[str] = field(default_factory=list)
    none_keyed: int = 0
    provenance: int = 0
    uncovered: int = 0
    failed: str = ""  # why drafting stopped, if it did: every keyed value is then not drafted
    private: bool = False  # a text of the corpus: its words stay out of the page, which is committed

    def said(self, quote: object) -> str:
        """A quote as the page shows it: the repository's own texts' words, never the corpus's."""
        return "(words of the corpus text)" if self.private else repr(quote)

    def cell(self, value: object) -> str:
        """A drafted cell as the page shows it: an indicator proposed from a corpus text's words is only
        said to be new."""
        shown = str(value)
        return "new_… (proposed from its words)" if self.private and shown.startswith("new_") else shown


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def copy_project(into: Path) -> None:
    """The project's tables, schemas, texts and curators' words, copied (never the repository itself)."""
    for name in PROJECT_PARTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, into / name)
        elif (ROOT / name).exists():
            shutil.copy(ROOT / name, into / name)


def reduced_copy(source_id: str, into: Path) -> tuple[pd.DataFrame, set[str]]:
    """A copy of the project without the source's rows; the curated rows and the indicators kept."""
    copy_project(into)
    data = into / "datapackage"
    observations, exclusions = read(data / "observations.csv"), read(data / "exclusions.csv")
    mine = observations["source_id"] == source_id
    curated = observations.loc[mine].reset_index(drop=True)
    write(observations.loc[~mine], data / "observations.csv")
    write(exclusions.loc[exclusions["source_id"] != source_id], data / "exclusions.csv")
    still_used = set(observations.loc[~mine, "indicator_id"])
    indicators = read(data / "indicators.csv")
    only_mine = set(curated["indicator_id"]) - still_used
    kept = indicators.loc[~indicators["indicator_id"].isin(only_mine)]
    write(kept, data / "indicators.csv")
    words = into / "curation" / "indicator_words.csv"
    if words.exists():
        table = read(words)
        write(table.loc[~table["indicator_id"].isin(only_mine)], words)
    conflicts = read(data / "conflicts.csv")
    gone = set(curated["observation_id"])
    keep = ~conflicts.apply(lambda row: any(str(v) in gone for v in row.to_numpy()), axis=1)
    write(conflicts.loc[keep], data / "conflicts.csv")
    return curated, set(kept["indicator_id"])


def spans(text: str, quote: str) -> list[tuple[int, int]]:
    found, at = [], text.find(quote)
    while at >= 0 and quote:
        found.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return found


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def same(a: object, b: object) -> bool:
    a, b = ("" if pd.isna(a) else str(a)), ("" if pd.isna(b) else str(b))
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    except ValueError:
        return a == b


def pairs_of(curated: pd.DataFrame, drafted: pd.DataFrame, text: str) -> list[tuple[pd.Series, pd.Series]]:
    """Each keyed observation with the first drafted one of the same value whose quote overlaps its
    quote, each drafted row used once."""
    used: set[int] = set()
    pairs = []
    drafted_places = {j: spans(text, row["quote"]) for j, row in drafted.iterrows()}
    for _, row in curated.iterrows():
        places = spans(text, row["quote"])
        for j, draft_row in drafted.iterrows():
            if j in used or not same(abs(float(row["value"])), abs(float(draft_row["value"]))):
                continue
            if overlaps(places, drafted_places[j]):
                used.add(j)
                pairs.append((row, draft_row))
                break
    return pairs


def compare(curated: pd.DataFrame, drafted: pd.DataFrame, text: str, known: set[str], scored: Scored) -> None:
    """Pair each keyed observation with a drafted one (same value, overlapping quote), then count the
    fields that agree; the indicator only where the key names one the project has."""
    pairs = pairs_of(curated, drafted, text)
    scored.right = {name: 0 for name in FIELDS}
    scored.counted = {name: 0 for name in FIELDS}
    scored.misses = {name: [] for name in FIELDS}
    for row, draft_row in pairs:
        all_right = same(row["value"], draft_row["value"])
        for name, columns in FIELDS.items():
            if name == "indicator" and row["indicator_id"] not in known or not set(columns) <= set(row.index):
                continue  # a key that names no indicator of the project, or has no such column
            scored.counted[name] += 1
            ok = all(same(row[c], draft_row[c]) for c in columns)
            scored.right[name] += ok
            all_right &= ok
            if not ok:
                shown = "/".join(scored.cell(draft_row[c]) for c in columns)
                scored.misses[name].append(
                    f"{scored.name} {row['observation_id']}: {'/'.join(str(row[c]) for c in columns)} "
                    f"drafted {shown} — {scored.said(draft_row['quote'])}"
                )
        scored.every += all_right
        if row["indicator_id"] not in known:
            scored.none_keyed += 1
            if draft_row["indicator_id"] in known:
                scored.existing_where_none.append(
                    f"{scored.name} {row['observation_id']}: drafted {draft_row['indicator_id']} — "
                    f"{scored.said(draft_row['quote'])}"
                )
    keyed_matched = {row["observation_id"] for row, _ in pairs}
    scored.unmatched = [
        f"{scored.name}: keyed, not drafted: {r['observation_id']} {r['value']} {scored.said(r['quote'])}"
        for _, r in curated.iterrows()
        if r["observation_id"] not in keyed_matched
    ]
    taken = {d["observation_id"] for _, d in pairs}
    scored.unmatched += [
        f"{scored.name}: drafted, matching no keyed row: {r['value']} {r['unit']} {scored.said(r['quote'])}"
        for _, r in drafted.iterrows()
        if r["observation_id"] not in taken
    ]
    scored.keyed, scored.drafted, scored.matched = len(curated), len(drafted), len(pairs)


def merged_findings(project: Path, source_id: str) -> tuple[int, int]:
    """Provenance errors on drafted rows and uncovered numbers of the source, once the drafts are
    merged and their marks removed."""
    from publish.rules import DRAFT_MARK
    from publish.validate import validate

    for name, column in (("observations", "note"), ("exclusions", "reason"), ("indicators", "title")):
        path = project / "datapackage" / f"{name}.csv"
        frame = read(path)
        for col in (column, "definition") if name == "indicators" else (column,):
            frame[col] = frame[col].str.removeprefix(DRAFT_MARK + " ")
        write(frame, path)
    report = validate(project)
    sources = read(project / "datapackage" / "sources.csv")
    seed = sources.loc[sources["source_id"] == source_id, "path"].iloc[0]
    provenance = [
        f
        for f in report.findings
        if f.rule.startswith(("quote.", "exclusion.")) and f.file.endswith(("observations.csv", "exclusions.csv"))
    ]
    uncovered = [f for f in report.findings if f.rule == "coverage.uncovered" and f.file == seed]
    return len(provenance), len(uncovered)


def percent(part: int, whole: int) -> str:
    return "n/a" if whole == 0 else f"{100 * part / whole:.1f}%"


def draft_and_score(project: Path, source_id: str, text: str, key: pd.DataFrame, known: set[str], scored: Scored):
    """Draft the source in the scratch project, compare with its key, merge and validate; the drafts."""
    from publish.draft import draft
    from publish.draft_save import save_drafts

    draft(project, source_id)  # start-up: the language's patterns compiled, its tables read once
    started = time.perf_counter()
    drafts = draft(project, source_id)
    scored.seconds = time.perf_counter() - started
    compare(key, drafts.observations.reset_index(drop=True), text, known, scored)
    scored.exclusions_drafted = len(drafts.exclusions)
    save_drafts(project, drafts)
    scored.provenance, scored.uncovered = merged_findings(project, source_id)
    return drafts


def left_out() -> list[Scored]:
    """Each source of the repository, left out of a copy of the project and drafted into it."""
    sources = read(ROOT / "datapackage" / "sources.csv")
    results = []
    for source_id, path, lang in zip(sources["source_id"], sources["path"], sources["language"], strict=True):
        text = (ROOT / path).read_text(encoding="utf-8")
        scored = Scored(source_id, lang, len(text.encode()) / 1024)
        with tempfile.TemporaryDirectory() as folder:
            project = Path(folder)
            curated, known = reduced_copy(source_id, project)
            draft_and_score(project, source_id, text, curated, known, scored)
        results.append(scored)
    return results


# --- The corpus ----------------------------------------------------------------------------------


def corpus_key(corpus: Path, stem: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A text's key: its facts (named as observations are) and its exclusions."""
    facts = read(corpus / f"{stem}.facts.csv").rename(columns={"fact": "observation_id"})
    facts["indicator_id"] = facts["indicator_id"].fillna("")
    facts["period_type"] = [period_type(a, b) for a, b in zip(facts["period_start"], facts["period_end"], strict=True)]
    return facts, read(corpus / f"{stem}.exclusions.csv")


def period_type(start: object, end: object) -> str:
    """The project's type of a key's period, which the key gives by its dates alone."""
    if pd.isna(start) and pd.isna(end):
        return "undated"
    if start == end:
        return "point"
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if first.year == last.year and (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31):
        return "year"
    halves = {((1, 1), (6, 30)), ((7, 1), (12, 31))}
    if first.year == last.year and ((first.month, first.day), (last.month, last.day)) in halves:
        return "half_year"
    return "span"


def archive_entry(project: Path, corpus: Path, entry: dict[str, str]) -> str:
    """The corpus text archived into the scratch project with its manifest row, the event filled in as
    a curator would; its source id."""
    from publish.curate import add_source

    stem = Path(entry["file"]).stem
    source_id = "corpus-" + stem.replace("_", "-")
    add_source(
        project,
        corpus / entry["file"],
        url=entry["url"],
        publisher=entry["publisher"],
        language=entry["language"],
        event_date=entry["event_date"] or None,
        source_id=source_id,
    )
    table = project / "datapackage" / "sources.csv"
    sources = read(table)
    mine = sources["source_id"] == source_id
    sources.loc[mine, ["event_id", "event", "date_basis"]] = [
        f"event-{stem}",
        f"The event of {stem}",
        "stated: the corpus manifest",
    ]
    write(sources, table)
    return source_id


def exclusions_made_values(exclusions: pd.DataFrame, drafted: pd.DataFrame, text: str, scored: Scored) -> list[str]:
    """The numbers the key excludes that a drafted observation takes as its value: each keyed number
    found where its quote stands, read as a person reads it; each drafted value found in its quote."""
    from publish.numbers import find_numbers
    from publish.reading import normalised

    numbers = find_numbers(pd.Series([text]), scored.language)
    numbers["scaled"] = numbers["value"] * numbers["scale"]
    keyed = set()
    for row in exclusions.itertuples(index=False):
        number = normalised(str(row.number))
        for start, end in spans(text, row.quote):
            inside = numbers.loc[(numbers["start"] >= start) & (numbers["end"] <= end)]
            keyed |= set(inside.loc[inside["raw"].map(normalised) == number, "start"])
    made = []
    for row in drafted.itertuples(index=False):
        value = abs(float(row.value))
        for start, end in spans(text, row.quote):
            inside = numbers.loc[(numbers["start"] >= start) & (numbers["end"] <= end)]
            taken = inside.loc[[same(abs(v), value) for v in inside["scaled"]]]
            if not taken.empty and int(taken["start"].iloc[0]) in keyed:
                made.append(f"{scored.name}: {taken['raw'].iloc[0]!r} drafted as a value — {scored.said(row.quote)}")
                break
    return made


def corpus(corpus_dir: Path, withhold: bool = True) -> list[Scored]:
    """Each text of the corpus archived into its own scratch copy of the project, drafted, scored; with
    `withhold`, the lines that show what was drafted wrong show none of the text's words."""
    manifest = read(corpus_dir / "manifest.csv").fillna("")
    known = set(read(ROOT / "datapackage" / "indicators.csv")["indicator_id"])
    results = []
    for entry in manifest.to_dict("records"):
        stem = Path(entry["file"]).stem
        text = (corpus_dir / entry["file"]).read_text(encoding="utf-8")
        facts, exclusions = corpus_key(corpus_dir, stem)
        scored = Scored(
            stem, entry["language"], len(text.encode()) / 1024, keyed_exclusions=len(exclusions), private=withhold
        )
        with tempfile.TemporaryDirectory() as folder:
            project = Path(folder)
            copy_project(project)
            source_id = archive_entry(project, corpus_dir, entry)
            try:
                drafts = draft_and_score(project, source_id, text, facts, known, scored)
            except Exception as error:  # a text drafting cannot read is a result, not the end of the run
                scored.failed = f"{type(error).__name__}: {error}"
                scored.keyed, scored.unmatched = len(facts), [f"{stem}: drafting failed: {scored.failed}"]
                results.append(scored)
                continue
        observations = drafts.observations.reset_index(drop=True)
        scored.exclusions_as_values = exclusions_made_values(exclusions, observations, text, scored)
        results.append(scored)
    return results


# --- The page ------------------------------------------------------------------------------------


def figures(rows: list[Scored], names: tuple[str, str] = ("curated matched", "drafted matching")) -> dict:
    """Each measure over `rows`: (right, of)."""
    found, share = names
    return {
        found: (sum(r.matched for r in rows), sum(r.keyed for r in rows)),
        share: (sum(r.matched for r in rows), sum(r.drafted for r in rows)),
        **{n: (sum(r.right.get(n, 0) for r in rows), sum(r.counted.get(n, 0) for r in rows)) for n in FIELDS},
        "every field": (sum(r.every for r in rows), sum(r.matched for r in rows)),
    }


def met(rows: list[Scored], measured: dict, targets: dict[str, int]) -> bool:
    reached = all(w == 0 or 100 * p / w >= targets[n] for n, (p, w) in measured.items() if n in targets)
    clean = all(r.provenance == 0 and r.uncovered == 0 for r in rows)
    return reached and clean and all(r.seconds < 1.0 and not r.failed for r in rows)


def field_table(measured: dict, targets: dict[str, int], rows: list[Scored]) -> list[str]:
    lines = ["| measure | right | of | share | target |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, (part, whole) in measured.items():
        target = f"≥ {targets[name]}%" if name in targets else ""
        lines.append(f"| {name} | {part} | {whole} | {percent(part, whole)} | {target} |")
    lines.append(f"| provenance errors after merging | {sum(r.provenance for r in rows)} | | | 0 |")
    lines.append(f"| numbers left uncovered after merging | {sum(r.uncovered for r in rows)} | | | 0 |")
    return lines


def left_out_page(rows: list[Scored]) -> tuple[list[str], bool]:
    measured = figures(rows)
    lines = [
        "## The repository's sources, each left out",
        "",
        "Each source of the repository left out in turn (its observations, exclusions, and the indicators",
        "only it uses), drafted, and compared with the curators' rows; the indicator is compared only where",
        "the curated indicator still exists in the reduced project.",
        "",
        "| source | KB | seconds | curated | drafted | matched | exclusions drafted | provenance errors | uncovered |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.kb:.1f} | {r.seconds:.2f} | {r.keyed} | {r.drafted} | {r.matched} | "
            f"{r.exclusions_drafted} | {r.provenance} | {r.uncovered} |"
        )
    ok = met(rows, measured, TARGETS)
    lines += ["", "### Per field, over the sources", "", *field_table(measured, TARGETS, rows), ""]
    lines += [f"All targets met: {'yes' if ok else 'no'}.", ""]
    return lines, ok


def corpus_texts_table(rows: list[Scored]) -> list[str]:
    lines = [
        "| text | KB | seconds | keyed values | drafted | matched | keyed exclusions | drafted as values "
        "| exclusions drafted | provenance errors | uncovered |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.kb:.1f} | {r.seconds:.2f} | {r.keyed} | {r.drafted} | {r.matched} | "
            f"{r.keyed_exclusions} | {len(r.exclusions_as_values)} | {r.exclusions_drafted} | {r.provenance} | "
            f"{r.uncovered} |" + (f" drafting failed: {r.failed}" if r.failed else "")
        )
    return lines


def corpus_languages_table(rows: list[Scored]) -> list[str]:
    """Per field (rows) and language (columns): the share right, and of how many."""
    languages = sorted({r.language for r in rows})
    groups = {code: [r for r in rows if r.language == code] for code in languages} | {"all": rows}
    names = ("values found", "drafted observations that are keyed values")
    measured = {code: figures(group, names) for code, group in groups.items()}
    lines = ["| measure | " + " | ".join(groups) + " | target |", "| --- |" + " ---: |" * (len(groups) + 1)]
    for name in measured["all"]:
        cells = [f"{percent(*measured[code][name])} ({measured[code][name][1]})" for code in groups]
        target = f"≥ {CORPUS_TARGETS[name]}%" if name in CORPUS_TARGETS else ""
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")
    extra = {
        "keyed exclusions drafted as values": lambda g: (
            sum(len(r.exclusions_as_values) for r in g),
            sum(r.keyed_exclusions for r in g),
        ),
        "existing indicator where the key names none": lambda g: (
            sum(len(r.existing_where_none) for r in g),
            sum(r.none_keyed for r in g),
        ),
    }
    for name, count in extra.items():
        lines.append(f"| {name} | " + " | ".join(f"{count(g)[0]} of {count(g)[1]}" for g in groups.values()) + " | |")
    for name, attribute in (("provenance errors after merging", "provenance"), ("numbers left uncovered", "uncovered")):
        lines.append(
            f"| {name} | " + " | ".join(str(sum(getattr(r, attribute) for r in g)) for g in groups.values()) + " | 0 |"
        )
    return lines


def corpus_page(rows: list[Scored], corpus_dir: Path) -> tuple[list[str], bool]:
    names = ("values found", "drafted observations that are keyed values")
    ok = met(rows, figures(rows, names), CORPUS_TARGETS)
    lines = [
        "## The corpus: published texts nobody on the project wrote",
        "",
        f"{len(rows)} texts of `{corpus_dir.name}/`, each archived with its manifest row into a scratch copy of",
        "the project, drafted, and compared with its key made by hand. The indicator is compared where the",
        "key names one of the project's; a keyed exclusion drafted as a value is a number the key excludes",
        "that a drafted observation takes as its value. Seconds are those of drafting, after a first draft",
        "of the same text (the start-up: the language's patterns compiled).",
        "",
        *corpus_texts_table(rows),
        "",
        "### Per field and language (share right, and of how many)",
        "",
        *corpus_languages_table(rows),
        "",
        f"All targets met: {'yes' if ok else 'no'}.",
        "",
    ]
    return lines, ok


def details(rows: list[Scored]) -> list[str]:
    lines = [f"- {line}" for r in rows for line in r.unmatched]
    for r in rows:
        for name, missed in r.misses.items():
            lines += [f"- {name}: {m}" for m in missed]
        lines += [f"- indicator where the key names none: {m}" for m in r.existing_where_none]
        lines += [f"- keyed exclusion: {m}" for m in r.exclusions_as_values]
    return lines


def evaluate(corpus_dir: Path | None, withhold: bool = True) -> tuple[str, bool]:
    sources = left_out()
    lines = [
        "# How well `publish draft` drafts",
        "",
        "Made by `python bench/draft_eval.py --corpus DIR`. A keyed observation is matched by a drafted one",
        "with the same value and an overlapping quote; the fields are compared on the matched pairs. The",
        "drafts are then merged into the copy, their marks removed, and validated.",
        "",
    ]
    page, ok = left_out_page(sources)
    lines += page
    texts: list[Scored] = []
    if corpus_dir is not None:
        texts = corpus(corpus_dir, withhold)
        page, corpus_ok = corpus_page(texts, corpus_dir)
        lines += page
        ok &= corpus_ok
    lines += ["## Fields drafted wrong", "", *details(sources), *details(texts), ""]
    return "\n".join(lines), ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "drafting.md"), help="Where to write the table; - prints.")
    parser.add_argument("--corpus", type=Path, help="A folder of texts with keys and a manifest.csv.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    page, ok = evaluate(args.corpus, withhold=args.out != "-")  # a corpus's words are printed, never written
    if args.out == "-":
        print(page)
    else:
        Path(args.out).write_text(page, encoding="utf-8")
        print(page.split("## Fields drafted wrong")[0])
    return 0 if ok else 1


if __name__ == "__main__":
    csv.field_size_limit(10**7)
    raise SystemExit(main())
