"""How well `publish draft` drafts: leave one source out, draft it, compare with the curators' rows.

For each source of the repository: copy the project, remove that source's observations and
exclusions (and the indicators only it uses, with their words and conflicts), draft the source
into the copy, and compare the drafted rows field by field with the rows the curators wrote.
A curated observation is matched by a drafted one with the same value whose quote overlaps its
quote in the text. The drafts are then merged back (their marks removed) and validated: no
provenance error on a drafted row, no number of the source left uncovered.

    python bench/draft_eval.py            # writes docs/drafting.md
    python bench/draft_eval.py --out -    # prints it
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
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


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def reduced_copy(source_id: str, into: Path) -> tuple[pd.DataFrame, set[str]]:
    """A copy of the project without the source's rows; the curated rows and the indicators kept."""
    for name in ("datapackage.json", "datapackage", "schemas", "seeds", "curation"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, into / name)
        elif (ROOT / name).exists():
            shutil.copy(ROOT / name, into / name)
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


def compare(curated: pd.DataFrame, drafted: pd.DataFrame, text: str, known: set[str]) -> dict[str, object]:
    """Pair each curated observation with a drafted one (same value, overlapping quote), then count
    the fields that agree."""
    used: set[int] = set()
    pairs = []
    for _, row in curated.iterrows():
        places = spans(text, row["quote"])
        for j, draft_row in drafted.iterrows():
            if j in used or not same(abs(float(row["value"])), abs(float(draft_row["value"]))):
                continue
            if overlaps(places, spans(text, draft_row["quote"])):
                used.add(j)
                pairs.append((row, draft_row))
                break
    right = {name: 0 for name in FIELDS}
    counted = {name: 0 for name in FIELDS}
    every, misses = 0, {name: [] for name in FIELDS}
    for row, draft_row in pairs:
        all_right = same(row["value"], draft_row["value"])
        for name, columns in FIELDS.items():
            if name == "indicator" and row["indicator_id"] not in known:
                continue
            counted[name] += 1
            ok = all(same(row[c], draft_row[c]) for c in columns)
            right[name] += ok
            all_right &= ok
            if not ok:
                misses[name].append(
                    f"{row['observation_id']}: {'/'.join(str(row[c]) for c in columns)} "
                    f"drafted {'/'.join(str(draft_row[c]) for c in columns)}"
                )
        every += all_right
    matched_ids = {row["observation_id"] for row, _ in pairs}
    unmatched = [
        f"curated, not drafted: {r['observation_id']} {r['value']} {r['quote']!r}"
        for _, r in curated.iterrows()
        if r["observation_id"] not in matched_ids
    ]
    unmatched += [
        f"drafted, matching no curated row: {r['value']} {r['unit']} {r['quote']!r}"
        for j, r in drafted.iterrows()
        if j not in used
    ]
    return {
        "unmatched": unmatched,
        "curated": len(curated),
        "drafted": len(drafted),
        "matched": len(pairs),
        "right": right,
        "counted": counted,
        "every": every,
        "misses": misses,
    }


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


def evaluate() -> tuple[str, bool]:
    from publish.draft import draft
    from publish.draft_save import save_drafts

    sources = read(ROOT / "datapackage" / "sources.csv")
    rows, totals = [], None
    details = []
    for source_id, path in zip(sources["source_id"], sources["path"], strict=True):
        text = (ROOT / path).read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as folder:
            project = Path(folder)
            curated, known = reduced_copy(source_id, project)
            started = time.perf_counter()
            drafts = draft(project, source_id)
            seconds = time.perf_counter() - started
            result = compare(curated, drafts.observations.reset_index(drop=True), text, known)
            save_drafts(project, drafts)
            provenance, uncovered = merged_findings(project, source_id)
        result.update(source_id=source_id, seconds=seconds, kb=len(text.encode()) / 1024)
        result.update(provenance=provenance, uncovered=uncovered, exclusions=len(drafts.exclusions))
        rows.append(result)
        details += [f"- {source_id}: {line}" for line in result["unmatched"]]
        for name, missed in result["misses"].items():
            details += [f"- {name}: {m}" for m in missed]
    totals = {
        "curated": sum(r["curated"] for r in rows),
        "drafted": sum(r["drafted"] for r in rows),
        "matched": sum(r["matched"] for r in rows),
        "every": sum(r["every"] for r in rows),
        "right": {n: sum(r["right"][n] for r in rows) for n in FIELDS},
        "counted": {n: sum(r["counted"][n] for r in rows) for n in FIELDS},
        "provenance": sum(r["provenance"] for r in rows),
        "uncovered": sum(r["uncovered"] for r in rows),
    }
    figures = {
        "curated matched": (totals["matched"], totals["curated"]),
        "drafted matching": (totals["matched"], totals["drafted"]),
        **{n: (totals["right"][n], totals["counted"][n]) for n in FIELDS},
        "every field": (totals["every"], totals["matched"]),
    }
    met = all(
        whole == 0 or 100 * part / whole >= TARGETS[name] for name, (part, whole) in figures.items() if name in TARGETS
    )
    met &= totals["provenance"] == 0 and totals["uncovered"] == 0
    met &= all(r["seconds"] < 1.0 for r in rows)
    lines = [
        "# How well `publish draft` drafts",
        "",
        "Made by `python bench/draft_eval.py`: each source of the repository left out in turn (its",
        "observations, exclusions, and the indicators only it uses), drafted, and compared with the",
        "curators' rows. A curated observation is matched by a drafted one with the same value and an",
        "overlapping quote; the fields are compared on the matched pairs (the indicator only where the",
        "curated indicator still exists in the reduced project). The drafts are then merged back, their",
        "marks removed, and validated.",
        "",
        "## Per source",
        "",
        "| source | KB | seconds | curated | drafted | matched | exclusions drafted | provenance errors | uncovered |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['source_id']} | {r['kb']:.1f} | {r['seconds']:.2f} | {r['curated']} | {r['drafted']} | "
            f"{r['matched']} | {r['exclusions']} | {r['provenance']} | {r['uncovered']} |"
        )
    lines += ["", "## Per field, over the five sources", "", "| measure | right | of | share | target |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for name, (part, whole) in figures.items():
        target = f"≥ {TARGETS[name]}%" if name in TARGETS else ""
        lines.append(f"| {name} | {part} | {whole} | {percent(part, whole)} | {target} |")
    lines.append(f"| provenance errors after merging | {totals['provenance']} | | | 0 |")
    lines.append(f"| numbers left uncovered after merging | {totals['uncovered']} | | | 0 |")
    lines += ["", f"All targets met: {'yes' if met else 'no'}.", "", "## Fields drafted wrong", "", *details, ""]
    return "\n".join(lines), met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "drafting.md"), help="Where to write the table; - prints.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    page, met = evaluate()
    if args.out == "-":
        print(page)
    else:
        Path(args.out).write_text(page, encoding="utf-8")
        print(page.split("## Fields drafted wrong")[0])
    return 0 if met else 1


if __name__ == "__main__":
    csv.field_size_limit(10**7)
    raise SystemExit(main())
