"""Build the page: Load (a validated report) -> Process (phrases, charts) -> Save (one HTML file)."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from publish.errors import PublishError
from publish.identity import CURATORS, dataset_id, safe_url, text_or
from publish.project import open_project, refuse_data_target
from publish.report.charts import chart
from publish.report.phrases import (
    day,
    has_day,
    language_name,
    observation,
    percent,
    period,
    size,
    stored_rank_change,
    text_kind,
)
from publish.series import Derived, report_series
from publish.templates import html_template
from publish.validate import Report
from publish.writes import refuse_links_out, write_file

TOPICS = {
    "digital_government": "Digital government",
    "digital_economy": "Digital economy",
    "digital_society": "Digital society",
    "digital_infrastructure": "Digital infrastructure",
    "project_06": "Project 06: population data and electronic identification",
}
LEVELS = ("actual", "estimate", "baseline", "target")
KIND_ORDER = {kind: n for n, kind in enumerate((*LEVELS, "change"))}


def render(
    report: Report,
    *,
    archive: str | Path,
    version: str | None = None,
    released: datetime | None = None,
    downloads: list[dict] | None = None,
    derived: Derived | None = None,
    linked_data: dict | None = None,
) -> str:
    """The page as HTML. `archive` is where the page links the archived texts: a folder
    relative to the page ("sources") or a path ending in the seeds folder. `derived`
    is the project's series, derived here when not given.

    `downloads` are the files the page offers, in the order given: each a dict
    with `name`, `path` (relative to the page, below its folder), `bytes` (an
    int, or None when the size is not known) and `format` ("CSV", "Parquet", ...).

    `linked_data` is the release's schema.org description (dataset.jsonld), which the page carries
    in a script element for the search engines and harvesters that read a page, not its files.

    Every value is escaped by the template; the charts and the linked data, the markup the
    template takes as it is, escape every text they embed themselves.
    """
    if not report.valid:
        raise PublishError("the report needs a valid project; run `publish validate` first")
    derived = derived or report_series(report)
    page = context(report, derived, str(archive), version, released)
    page["downloads"] = download_links(downloads or [])
    page["whole_release"] = whole_release(downloads or [])
    page["linked_data"] = script_json(linked_data) if linked_data else None
    charts = [i["chart"] or "" for topic in page["topics"] for i in topic["indicators"]]
    page["open_sides"] = any("open-band" in c or "-open)" in c for c in charts)  # a side no text bounds
    return html_template("report", "page.html.j2").render(**page)


def script_json(data: dict) -> str:
    """JSON to put inside a <script> element: '<', '>' and '&' written as JSON escapes, so no text in it
    can end the element ('</script>') or open a comment, and the line and paragraph separators escaped,
    which a script cannot hold raw. The JSON reads the same."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for character in "<>&\u2028\u2029":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return text


def whole_release(downloads: list[dict]) -> dict | None:
    """The zip of the release and the file of its SHA-256, by name, for the page to say where they are."""
    named = {item["format"]: str(item["path"]) for item in downloads}
    if "ZIP" not in named:
        return None
    return {"zip": named["ZIP"], "checksum": named.get("SHA-256")}


def download_links(downloads: list[dict]) -> list[dict]:
    """The files offered for download, one entry per name in the order first given, each with
    its files: the link, the format and the size in words ("12.3 kB"). A table's CSV and
    Parquet given under one name (its table's) share an entry.

    A path is a relative one below the page's folder; anything else is refused.
    Its characters are percent-encoded, so it is a path whatever it holds (a
    colon cannot make it a `javascript:` address).
    """
    from pathlib import PurePosixPath
    from urllib.parse import quote

    named: dict[str, list[dict]] = {}
    for item in downloads:
        path = item["path"]
        if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path:
            raise PublishError(f"download {item.get('name')!r}: {path!r} is not a relative path below the page")
        if ".." in PurePosixPath(path).parts:
            raise PublishError(f"download {item.get('name')!r}: {path!r} leads out of the page's folder")
        named.setdefault(str(item["name"]), []).append(
            {"href": quote(path, safe="/"), "format": str(item["format"]), "size": size(item.get("bytes"))}
        )
    return [{"name": name, "files": files} for name, files in named.items()]


def licence_of(descriptor: dict) -> dict | None:
    """The data's licence from the descriptor's first `licenses` entry: its title and, if its
    `path` is a well-formed http(s) URL, the link to it."""
    licences = descriptor.get("licenses") or []
    if not licences or not isinstance(licences[0], dict):
        return None
    licence = licences[0]
    name = text_or(licence.get("name"))
    title = text_or(licence.get("title")) or name
    if title is None:
        return None
    return {"title": title, "name": name if name != title else None, "url": safe_url(licence.get("path"))}


def context(report: Report, derived: Derived, archive: str, version: str | None, released: datetime | None) -> dict:
    from urllib.parse import quote

    tables, project = report.tables, report.project
    archive = quote(archive, safe="/")
    sources = tables["sources"].set_index("source_id", drop=False)
    units = tables["units"].set_index("unit_id")
    indicators = tables["indicators"].set_index("indicator_id", drop=False)
    observations = tables["observations"].join(derived.intervals)
    order = {s: n for n, s in enumerate(sources.index)}
    observations["listed"] = observations["source_id"].map(order)
    observations["kind_order"] = observations["kind"].map(KIND_ORDER)
    observations = observations.sort_values(["indicator_id", "kind_order", "period_start", "listed"], kind="stable")
    unit_of = dict(zip(indicators["indicator_id"], indicators["unit"], strict=True))
    records = observations.to_dict("records")
    observations_of = defaultdict(list)  # each indicator's records, in the page's order
    for record in records:
        unit = unit_of[record["indicator_id"]]
        record["phrase"] = observation(record, unit)
        rank_change = record["kind"] == "change" and unit == "rank"
        record["stored"] = stored_rank_change(record["value"]) if rank_change else None
        observations_of[record["indicator_id"]].append(record)
    record_of = {record["observation_id"]: record for record in records}
    conflict_of = {o["observation_id"]: c.conflict_id for c in report.conflicts for o in c.observations}

    @cache  # once per source, not per row that cites it: the template only reads it
    def source_of(source_id: str) -> dict:
        row = sources.loc[source_id]
        return {
            "id": source_id,
            "publisher": text_or(row["publisher"]) or "Outlet not named in the text",
            "language": row["language"],
            "language_name": language_name(row["language"]),
            "date": day(row["event_date"]),
            "archived": f"{archive}/{quote(Path(row['path']).name, safe='')}",
            "title": text_or(row.get("title")),
            "event": row["event"],
            **origin_of(row),
        }

    topics = []
    facts_of = chart_facts(derived.series, records)
    for topic, label in TOPICS.items():
        members = indicators.loc[indicators["topic"] == topic]
        items = []
        for indicator_id, indicator in members.iterrows():
            rows = [
                {
                    "period": period(r["period_type"], r["period_start"], r["period_end"]),
                    "phrase": r["phrase"],
                    "kind": r["kind"],
                    "source": source_of(r["source_id"]),
                    "quote": r["quote"],
                    "observation_id": r["observation_id"],
                    "note": text_or(r["note"]),
                    "stored": text_or(r["stored"]),
                    "conflict": conflict_of.get(r["observation_id"]),
                }
                for r in observations_of[indicator_id]
            ]
            facts = facts_of[indicator_id]
            entry = {
                "id": indicator_id,
                "title": indicator["title"],
                "definition": indicator["definition"],
                "unit": indicator["unit"],
                "unit_label": units.at[indicator["unit"], "label"],
                "rows": rows,
            }
            entry["chart"] = chart(entry, facts, f"chart-{indicator_id}")
            items.append(entry)
        if items:
            topics.append({"id": topic, "label": label, "indicators": items})

    conflicts = []
    for conflict in report.conflicts:
        conflicts.append(
            {
                "id": conflict.conflict_id,
                "indicator": indicators.at[conflict.indicator_id, "title"],
                "indicator_id": conflict.indicator_id,
                "kind": conflict.kind,
                "period": conflict.period,
                "explanation": text_or(conflict.explanation),
                "observations": [
                    {
                        "id": o["observation_id"],
                        "phrase": record_of[o["observation_id"]]["phrase"],
                        "stored": text_or(record_of[o["observation_id"]]["stored"]),
                        "quote": record_of[o["observation_id"]]["quote"],
                        "source": source_of(o["source_id"]),
                    }
                    for o in conflict.observations
                ],
            }
        )

    counts = report.counts()
    descriptor = project.descriptor
    citation = None
    if version:
        year = released.year if released else ""
        citation = (
            f"{CURATORS} ({year}). {descriptor['title']}, version {version} [dataset]. {dataset_id(project, version)}"
        )
    return {
        "title": descriptor["title"],
        "description": descriptor["description"],
        "version": version,
        "released": day(pd.Timestamp(released)) if released else None,
        "citation": citation,
        "licence": licence_of(descriptor),
        "counts": {
            "sources": counts.get("sources", 0),
            "indicators": counts.get("indicators", 0),
            "observations": counts.get("observations", 0),
            "exclusions": counts.get("exclusions", 0),
            "conflicts": len(report.conflicts),
            **numbers_in_texts(report),
        },
        "coverage": [
            {
                **c.as_dict(),
                "share": percent(c.percent),
                "source": source_of(c.source_id),
                "value_rows": int((tables["observations"]["source_id"] == c.source_id).sum()),
            }
            for c in report.coverage
        ],
        "sources": [source_of(s) for s in sources.index],
        "topics": topics,
        "conflicts": conflicts,
    }


def origin_of(row: pd.Series) -> dict:
    """What a source's text is and where it comes from, for the page: 'an English translation of a
    Vietnamese report', the link to the report it names (for a translation, the original, where the
    quoted words are not) and the page it was copied from, and when."""
    kind, original_language = text_or(row.get("text_kind")), text_or(row.get("original_language"))
    translated = kind == "translation"
    if translated:
        url = safe_url(row.get("original_url")) or safe_url(row["url"])
        url_label = f"{language_name(original_language)} original" if original_language else "original"
    else:
        url, url_label = safe_url(row["url"]), "the page it names"
    retrieved_from = safe_url(row.get("retrieved_from"))
    retrieved_on = row.get("retrieved_on")
    return {
        "kind": text_kind(row["language"], kind, original_language),
        "url": url,
        "url_label": url_label,
        "translated": translated,
        "retrieved_from": retrieved_from,
        "retrieved_host": urlsplit(retrieved_from).hostname if retrieved_from else None,
        "retrieved_on": day(retrieved_on) if has_day(retrieved_on) else None,
    }


def numbers_in_texts(report: Report) -> dict[str, int]:
    """How many numbers the archived texts hold, and how many a value states, an exclusion excludes, or
    nothing covers yet: counts of numbers in the texts, as the coverage table gives them per source
    (an exclusion row excludes its number wherever its words occur; a quote may state several)."""
    coverage = report.coverage
    return {
        "numbers": sum(c.numbers for c in coverage),
        "numbers_stated": sum(c.by_observations for c in coverage),
        "numbers_excluded": sum(c.by_exclusions for c in coverage),
        "numbers_uncovered": sum(c.uncovered for c in coverage),
    }


def chart_facts(series: pd.DataFrame, observations: list[dict]) -> dict[str, list[dict]]:
    """Each indicator's levels in the series, by period, each with the observations it is derived from
    (of the page's records of `observations`, in their order)."""
    facts = series.loc[series["kind"].isin(LEVELS)]
    facts = facts.assign(kind_order=facts["kind"].map(KIND_ORDER)).sort_values(["period_end", "kind_order"])
    charted = [{c: row[c] for c in CHARTED_COLUMNS} for row in observations if row["kind"] in LEVELS]
    place = {row["observation_id"]: n for n, row in enumerate(charted)}
    result: dict[str, list[dict]] = defaultdict(list)
    for fact in facts.to_dict("records"):
        members = sorted(place[i] for i in set(fact["observation_ids"].split()) if i in place)
        result[fact["indicator_id"]].append({**fact, "observations": [charted[n] for n in members]})
    return result


# What a chart shows of each observation behind a fact.
CHARTED_COLUMNS = ["observation_id", "source_id", "value", "value_upper", "low", "high", "phrase"]


def write_report(root: Path | str, out: Path | str) -> Path:
    """Validate the project at `root` and write its page to `out`, linking the archive in place.

    `out` is an HTML file in a folder that exists; it is refused, before
    anything is validated, if it is a folder, its folder is missing, or it lies
    in the project's data (archive, schemas, tables, releases) or in any
    published release, even through a link, or if it is a link leading out of
    its folder (a committed `report.html` link would otherwise overwrite the
    file it names). The page replaces the file in one step.
    """
    from publish.validate import valid_report

    out = Path(out)
    folder = out.parent
    if out.is_dir():
        raise PublishError(
            f"--out {out} is a folder; give the path of the HTML file to write, such as {out / 'report.html'}"
        )
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise PublishError(f"--out {out}: the folder {folder} {problem}; create it or write the page elsewhere")
    if out.suffix.lower() not in (".html", ".htm"):
        raise PublishError(f"--out {out}: the page is HTML; give a file name ending in .html")
    refuse_links_out(out, folder)  # before the work, as the write itself would
    refuse_data_target(open_project(root), out, "--out")
    report = valid_report(root, "no page written")
    archive = os.path.relpath(Path(root).resolve() / "seeds", out.resolve().parent)
    page = render(report, archive=Path(archive).as_posix())
    write_file(out, page, within=folder)
    return out
