"""Write a complete, valid, project-shaped package of N observations for benchmarks.

    python bench/generate.py --rows 100000 --out /tmp/bench-100k

About N/100 archived texts in Indonesian, English, French and Ukrainian, each
sentence stating one value in its language's number format; sources come in
pairs that report the same facts, most agreeing and one pair in ten
disagreeing, with the disagreement acknowledged; each text has a dated line
that an exclusion covers. `publish validate DIR` exits 0 on the result and
runs every rule. The same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PER_SOURCE = 100
INDICATORS = 50
LANGUAGES = ("id", "en", "fr", "uk")
SENTENCE = {
    "id": "Indikator {name} mencapai {number}",
    "en": "Indicator {name} reached {number}",
    "fr": "L'indicateur {name} a atteint {number}",
    "uk": "Показник {name} досяг {number}",
}
DATE_LINE = {
    "id": "Laporan tanggal 6 Februari.",
    "en": "Report of February 6.",
    "fr": "Rapport du 6 février.",
    "uk": "Звіт від 6 лютого.",
}
MILLION = {"id": "juta", "en": "million", "fr": "millions", "uk": "мільйона"}
UNITS = {"count": ("Count", "0", ""), "percent": ("Percent", "0", "100")}


def letters(n: int) -> str:
    """A name without digits, so the only numbers in a text are the curated ones: 0 -> 'AAA'."""
    return "".join(chr(65 + (n // 26**k) % 26) for k in (2, 1, 0))


def written(kind: str, whole: int, tenth: int, language: str) -> tuple[str, float, str]:
    """The number as the language writes it, its value in base units, and the unit."""
    decimal = "." if language == "en" else ","
    if kind == "millions":
        return f"{whole}{decimal}{tenth} {MILLION[language]}", (whole * 10 + tenth) * 100_000, "count"
    if kind == "percent":
        space = " " if language == "fr" else ""
        share = 10 + whole % 80
        return f"{share}{decimal}{tenth}{space}%", share + tenth / 10, "percent"
    thousands = 1000 + whole * 37 % 9000
    group = {"en": ",", "id": ".", "fr": " ", "uk": " "}[language]
    return f"{thousands // 1000}{group}{thousands % 1000:03d}", float(thousands), "count"


def write_csv(path: Path, fields: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def fields_of(table: str) -> list[str]:
    return [f["name"] for f in json.loads((REPO / "schemas" / f"{table}.schema.json").read_text())["fields"]]


def generate(rows: int, out: Path, seed: int = 6) -> None:
    rng = random.Random(seed)
    sources_count = max(2, -(-rows // PER_SOURCE))
    sources_count += sources_count % 2  # sources come in pairs
    if out.exists():
        shutil.rmtree(out)
    (out / "seeds").mkdir(parents=True)
    (out / "datapackage").mkdir()
    shutil.copytree(REPO / "schemas", out / "schemas")
    shutil.copy(REPO / "datapackage.json", out / "datapackage.json")
    kinds = [("millions", "count"), ("percent", "percent"), ("thousands", "count")]
    indicators = [
        {
            "indicator_id": f"indicator_{letters(i).lower()}",
            "title": f"Indicator {letters(i)}",
            "unit": kinds[i % 3][1],
            "topic": "digital_economy",
            "definition": f"Benchmark indicator {i}",
        }
        for i in range(INDICATORS)
    ]
    write_csv(out / "datapackage" / "indicators.csv", fields_of("indicators"), indicators)
    write_csv(
        out / "datapackage" / "units.csv",
        fields_of("units"),
        [
            {"unit_id": u, "label": label, "description": label, "minimum": low, "maximum": high}
            for u, (label, low, high) in UNITS.items()
        ],
    )

    def observations_and_sources():
        written_rows = 0
        for pair in range(sources_count // 2):
            facts = []
            for n in range(PER_SOURCE):
                indicator = (pair * 7 + n) % INDICATORS
                facts.append((indicator, n // INDICATORS, rng.randrange(100, 900), rng.randrange(10)))
            for member in (0, 1):
                index = pair * 2 + member
                language = LANGUAGES[index % len(LANGUAGES)]
                source_id = f"s{index:06d}"
                lines, observations = [DATE_LINE[language]], []
                for n, (indicator, round_, whole, tenth) in enumerate(facts):
                    if written_rows >= rows:
                        break
                    kind = kinds[indicator % 3][0]
                    conflicting = member == 1 and pair % 10 == 0 and n == 0
                    number, value, unit = written(kind, whole + (37 if conflicting else 0), tenth, language)
                    quote = SENTENCE[language].format(name=letters(indicator * 7 + n % 3), number=number)
                    lines.append(quote + ".")
                    day = (date(2000, 1, 1) + timedelta(days=pair * 2 + round_)).isoformat()
                    observations.append(
                        {
                            "observation_id": f"{source_id}-{n + 1:03d}",
                            "indicator_id": indicators[indicator]["indicator_id"],
                            "source_id": source_id,
                            "kind": "actual",
                            "period_type": "point",
                            "period_start": day,
                            "period_end": day,
                            "value": f"{value:g}" if value < 1e6 else str(int(value)),
                            "unit": unit,
                            "qualifier": "exact",
                            "quote": quote,
                        }
                    )
                    written_rows += 1
                data = ("\n".join(lines) + "\n").encode("utf-8")
                name = f"{index:06d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
                (out / "seeds" / name).write_bytes(data)
                source = {
                    "source_id": source_id,
                    "path": f"seeds/{name}",
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "bytes": str(len(data)),
                    "language": language,
                    "url": f"https://example.org/bench/{source_id}",
                    "publisher": "Benchmark outlet",
                    "event_id": f"event-{pair}",
                    "event": "A benchmark meeting",
                    "event_date": "2000-01-01",
                    "date_basis": "stated: generated",
                }
                yield source, observations

    sources, exclusions, conflicts = [], [], []
    with (out / "datapackage" / "observations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields_of("observations"), lineterminator="\n")
        writer.writeheader()
        for source, observations in observations_and_sources():
            sources.append(source)
            writer.writerows(observations)
            language = source["language"]
            exclusions.append(
                {
                    "exclusion_id": f"{source['source_id']}-x01",
                    "source_id": source["source_id"],
                    "quote": DATE_LINE[language],
                    "number": "6",
                    "category": "date",
                    "reason": "date of the report",
                }
            )
            index = int(source["source_id"][1:])
            if index % 2 == 1 and (index // 2) % 10 == 0 and observations:
                first = observations[0]
                conflicts.append(
                    {
                        "conflict_id": f"conflict-{index // 2}",
                        "indicator_id": first["indicator_id"],
                        "kind": "actual",
                        "period_start": first["period_start"],
                        "period_end": first["period_end"],
                        "explanation": "The two benchmark sources of this pair disagree on purpose.",
                    }
                )
    write_csv(out / "datapackage" / "sources.csv", fields_of("sources"), sources)
    write_csv(out / "datapackage" / "exclusions.csv", fields_of("exclusions"), exclusions)
    write_csv(out / "datapackage" / "conflicts.csv", fields_of("conflicts"), conflicts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="number of observations")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    generate(args.rows, args.out, args.seed)


if __name__ == "__main__":
    main()
