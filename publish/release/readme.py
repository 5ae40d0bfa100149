"""What a reader with only the release folder needs to read first: README.md (what the dataset
is, how to load it, how its values relate to their quotes, the units, the conflicts, a data
dictionary generated from the Table Schemas, how to cite it, its licences) and LICENSE-DATA.md.

README.md is rendered from README.md.j2 with jinja2. Markdown is not HTML, so nothing is
escaped as HTML; every text from the data goes through the `cell` filter (md_cell), which
keeps it on its table row and in its column: a pipe escaped, a line break a space.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from publish.identity import CURATORS, citation_text, dataset_id, homepage, licence_name, text_or
from publish.project import Project
from publish.release.metadata import md_cell, plain_text
from publish.templates import markdown_template

if TYPE_CHECKING:
    import pandas as pd

TEMPLATE = "README.md.j2"
LICENCE_FILE = "LICENSE-DATA.md"
LEGAL_CODE = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/legalcode"}
DEED = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}


def files(name: str, version: str, tables: list[str], database: str, zip_file: str) -> list[dict]:
    """The files of the release, with what each holds, in the order a reader looks for them."""
    listed = [{"path": "README.md", "what": "This description."}]
    for table in tables:
        listed.append({"path": f"data/{table}.csv", "what": f"The table {table} as CSV (UTF-8, empty cell = missing)."})
        listed.append({"path": f"data/{table}.parquet", "what": f"The table {table} as Parquet, with its types."})
    listed += [
        {"path": database, "what": "Every table in one SQLite database (for datasette, sqlite3, R, ...)."},
        {"path": "metadata.json", "what": "datasette's metadata: titles, descriptions, facets, labels."},
        {"path": "datapackage.json", "what": "The Data Package descriptor: every table with its Table Schema."},
        {"path": "dataset.jsonld", "what": "schema.org Dataset metadata for harvesters."},
        {"path": "CITATION.cff", "what": "How to cite this version, for reference managers."},
        {"path": "index.html", "what": "A page for people: every indicator, its values, charts, quotes, sources."},
        {"path": "sources/", "what": "The archived source texts, byte for byte, that the quotes come from."},
        {"path": "sources/RIGHTS.md", "what": "Whose the archived texts are."},
        {"path": LICENCE_FILE, "what": "The licence of the data and metadata, and what it asks of you."},
        {"path": "CHANGELOG.md", "what": f"What changed in version {version}."},
        {"path": "SHA256SUMS", "what": "The SHA-256 of every file but the zip and its checksum."},
        {"path": zip_file, "what": "All of the above in one zip."},
        {"path": f"{zip_file}.sha256", "what": "The zip's SHA-256: check a downloaded zip with `sha256sum -c`."},
    ]
    return listed


def tools(database: str) -> list[dict]:
    """The one-liners, with paths relative to the release folder."""
    return [
        {
            "name": "frictionless",
            "line": 'frictionless.Package("datapackage.json").get_resource("observations").to_pandas().reset_index()',
        },
        {"name": "pandas", "line": 'pd.read_parquet("data/observations.parquet", dtype_backend="pyarrow")'},
        {
            "name": "DuckDB",
            "line": 'python -c "import duckdb; duckdb.sql(\\"select * from \'data/observations.parquet\'\\").show()"',
        },
        {"name": "R", "line": 'obs <- read.csv("data/observations.csv", encoding = "UTF-8", na.strings = "")'},
        {"name": "datasette", "line": f"datasette {database} -m metadata.json"},
    ]


def allowed(field: dict) -> str:
    """The values a field allows, in words: its enum, range, lengths, uniqueness."""
    constraints = field.get("constraints") or {}
    parts = []
    if "enum" in constraints:
        parts.append(", ".join(f"`{plain_text(v)}`" for v in constraints["enum"]))
    for key, words in (("minimum", "at least"), ("maximum", "at most")):
        if key in constraints:
            parts.append(f"{words} {plain_text(constraints[key])}")
    for key, words in (("minLength", "at least {} characters"), ("maxLength", "at most {} characters")):
        if key in constraints:
            parts.append(words.format(constraints[key]))
    if constraints.get("unique"):
        parts.append("unique")
    return "; ".join(parts)


def field_type(field: dict) -> str:
    kind = field.get("type", "string")
    if kind == "date":
        return "date (YYYY-MM-DD)"
    form = field.get("format")
    return f"{kind} ({form})" if isinstance(form, str) and form != "default" else kind


def dictionary(resources: list[dict], tables: dict[str, pd.DataFrame]) -> list[dict]:
    """Every table and column as the release's Table Schemas describe them."""
    described = []
    for resource in resources:
        schema = resource["schema"]
        key = schema.get("primaryKey") or []
        key = [key] if isinstance(key, str) else key
        references = []
        for foreign in schema.get("foreignKeys") or []:
            fields = foreign["fields"] if isinstance(foreign["fields"], list) else [foreign["fields"]]
            target = foreign["reference"]
            to = target["fields"] if isinstance(target["fields"], list) else [target["fields"]]
            table = target.get("resource") or resource["name"]
            references.append(", ".join(f"`{f}`" for f in fields) + " → " + ", ".join(f"`{table}.{f}`" for f in to))
        fields = [
            {
                "name": f["name"],
                "type": field_type(f),
                "required": "yes" if (f.get("constraints") or {}).get("required") else "",
                "unit": text_or(f.get("unit"), ""),
                "description": text_or(f.get("description"), ""),
                "allowed": allowed(f),
            }
            for f in schema["fields"]
        ]
        described.append(
            {
                "name": resource["name"],
                "title": text_or(resource.get("title"), resource["name"]),
                "description": md_cell(resource.get("description", "")),
                "rows": len(tables[resource["name"]]),
                "key": ", ".join(f"`{k}`" for k in key),
                "references": references,
                "units": any(field["unit"] for field in fields),
                "fields": fields,
            }
        )
    return described


def meetings(sources: pd.DataFrame) -> list[dict]:
    """The meetings the texts report, oldest first, each with its date and its texts, each text said
    as what it is ('an English translation of a Vietnamese report') and where it was retrieved from."""
    from publish.report.phrases import retrieval, text_kind

    described = []
    for event_id, texts in sources.sort_values(["event_date", "event_id"], kind="stable").groupby(
        "event_id", sort=False
    ):
        first = texts.iloc[0]
        described.append(
            {
                "id": event_id,
                "event": first["event"],
                "date": plain_text(first["event_date"]),
                "texts": [
                    {
                        "id": row["source_id"],
                        "kind": text_kind(
                            row["language"], text_or(row.get("text_kind")), text_or(row.get("original_language"))
                        ),
                        "retrieved": retrieval(text_or(row.get("retrieved_from")), plain_text(row.get("retrieved_on"))),
                    }
                    for _, row in texts.iterrows()
                ],
            }
        )
    return described


def values_per_indicator(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """How many indicators have one value (one row of the series: one period and kind, whatever number
    of sources state it), and how many rest on one observation."""
    indicators = tables["indicators"]["indicator_id"]
    facts = tables["series"]["indicator_id"].value_counts().reindex(indicators, fill_value=0)
    observed = tables["observations"]["indicator_id"].value_counts().reindex(indicators, fill_value=0)
    return {
        "indicators": len(indicators),
        "one_value": int((facts == 1).sum()),
        "one_observation": int((observed == 1).sum()),
    }


def period(start: object, end: object) -> str:
    start, end = plain_text(start), plain_text(end)
    return start if start == end else f"{start} to {end}"


def enum_of(resources: list[dict], table: str, column: str) -> list[str]:
    for resource in resources:
        if resource["name"] == table:
            for field in resource["schema"]["fields"]:
                if field["name"] == column:
                    return [plain_text(v) for v in (field.get("constraints") or {}).get("enum", [])]
    return []


def readme(
    project: Project,
    version: str,
    created: datetime,
    tables: dict[str, pd.DataFrame],
    resources: list[dict],
    *,
    database: str,
    zip_file: str,
) -> str:
    """README.md of the release. `tables` are the release's, `resources` the descriptor's."""
    d = project.descriptor
    titles = tables["indicators"].set_index("indicator_id")["title"]
    conflicts = [
        {
            "id": row.conflict_id,
            "indicator": f"{text_or(titles.get(row.indicator_id), row.indicator_id)} (`{row.indicator_id}`)",
            "kind": row.kind,
            "period": period(row.period_start, row.period_end),
            "explanation": row.explanation,
            "preferred": row.preferred_observation_id,
        }
        for row in tables["conflicts"].itertuples()
    ]
    counts = ", ".join(f"{len(frame)} {name}" for name, frame in tables.items())
    licence = licence_name(project)
    text = markdown_template("release", TEMPLATE, md_cell).render(
        title=md_cell(d["title"]),
        description=md_cell(d["description"]),
        version=version,
        released=f"{created:%Y-%m-%d}",
        counts=f"rows per table: {counts}",
        id=dataset_id(project, version),
        homepage=homepage(project),
        files=files(d["name"], version, list(tables), database, zip_file),
        tools=tools(database),
        qualifiers=enum_of(resources, "observations", "qualifier"),
        kinds=enum_of(resources, "observations", "kind"),
        units=tables["units"].to_dict("records"),
        conflicts=conflicts,
        meetings=meetings(tables["sources"]),
        values=values_per_indicator(tables),
        sources=len(tables["sources"]),
        checksum_file=f"{zip_file}.sha256",
        tables=dictionary(resources, tables),
        citation=md_cell(citation_text(project, version, created)),
        licence=licence,
    )
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def licence_statement(project: Project, version: str, created: datetime) -> str:
    """LICENSE-DATA.md: the data's licence, where its legal code is, and what it asks of a user.

    The full legal code of CC BY 4.0 is not reproduced: of the PyPI packages that ship SPDX
    licence texts, none was both well kept and a reasonable dependency (`spdx` 2.5.1, from 2020,
    letters Section 6 of CC BY 4.0 wrongly; `licensedcode-data` is 26 MB in 37,000 files), and
    a text typed in by hand could differ from the licence. The file names the licence, links
    its legal code and says what it asks.
    """
    d = project.descriptor
    licences = [x for x in d.get("licenses") or [] if isinstance(x, dict)]
    name = licence_name(project)
    citation = citation_text(project, version, created)
    if not licences or not name:
        return (
            "# Licence of the data\n\n"
            f"The descriptor of {d['title']}, version {version}, names no licence for its data. Ask the\n"
            f"curators ({CURATORS}) before you reuse it. The archived source texts in `sources/` belong\n"
            "to their publishers; see `sources/RIGHTS.md`.\n"
        )
    title = text_or(licences[0].get("title"), name)
    legal = LEGAL_CODE.get(name) or text_or(licences[0].get("path"), "")
    lines = [
        f"# Licence of the data: {title} ({name})",
        "",
        f"This release is {d['title']}, version {version}.",
        "Its curated tables in `data/` (and the same tables in the SQLite database), their schemas",
        f"and its metadata are licensed under {title} (SPDX identifier `{name}`).",
        "",
    ]
    if legal:
        lines += [f"The licence itself, its legal code, is at {legal}", ""]
    if name in DEED:
        lines += [
            f"A summary for people is at {DEED[name]}.",
            "This file does not reproduce the legal code; where it and the summary below differ, the",
            "legal code applies.",
            "",
            "## What the licence lets you do",
            "",
            "Copy and share the data in any medium or format, and adapt it (remix, transform and build",
            "upon it), for any purpose, commercial ones included.",
            "",
            "## What it asks of you",
            "",
            "- **Attribution.** Give appropriate credit: name the creator and the work, and keep any",
            "  copyright notice, notice of the licence and disclaimer that comes with the data. Cite this",
            "  version, for example:",
            "",
            f"  > {md_cell(citation)}",
            "",
            f"- **A link to the licence**: {DEED[name]} (or its legal code, above).",
            "- **Say whether you changed the data**, and keep a mention of any earlier changes.",
            "- Give credit in any reasonable manner, but not in a way that suggests the curators endorse",
            "  you or your use.",
            "- **No additional restrictions.** Do not apply legal terms or technological measures that",
            "  stop others from doing what the licence permits.",
            "",
            "The data comes as it is, with no warranties. The licence may not give every permission a",
            "use needs: other rights, such as privacy or publicity rights, may limit it.",
            "",
        ]
    lines += [
        "## What the licence does not cover",
        "",
        "The archived source texts in `sources/` belong to their publishers; they are included as",
        "the evidence for the quotes, and their reuse is subject to the publishers' terms. See",
        "`sources/RIGHTS.md`.",
    ]
    return "\n".join(lines) + "\n"
