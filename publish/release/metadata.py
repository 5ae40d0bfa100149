"""The descriptive files of a release: the Data Package descriptor, CITATION.cff,
schema.org JSON-LD, datasette metadata and the statement of the sources' rights.

One project setting gives the dataset an address on the web: the descriptor's
optional `homepage` property (a Data Package property), a well-formed http(s)
URL such as the repository's page. With it, the JSON-LD has `url` and
`identifier` (the homepage) and a `citation` (the citation text ending in it),
CITATION.cff has `url` and `repository-code`, the release descriptor keeps
`homepage` and datasette's metadata links it as `about_url`. Without it these
are absent: never a placeholder. Every version is identified anyway by its
`urn:uuid:` (`dataset_id`), which every file carries.

A missing cell reaches these writers as NaN (None, NaT): each one tests for text
(`text_or`, `safe_url`) and never formats a cell it has not tested; the release
checks the result (publish.release.missing).
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from publish.identity import CURATORS, LICENSE_URL, citation_text, dataset_id, homepage, licence_name, safe_url, text_or
from publish.project import Project

if TYPE_CHECKING:
    import pandas as pd

KEYWORDS = [
    "Vietnam",
    "digital transformation",
    "Project 06",
    "e-government",
    "digital economy",
    "VNeID",
    "open data",
    "provenance",
]


def md_cell(value: object) -> str:
    """A value as the text of one Markdown table cell: missing is empty, a pipe escaped (also in
    a code span, where GitHub's tables read `\\|` as a pipe), white space (a line break too) one
    space, so the cell stays in its row and column."""
    text = value if isinstance(value, str) else plain_text(value)
    return " ".join(text.replace("|", "\\|").split())


def plain_text(value: object) -> str:
    """A cell as text: missing (None, NaN, NaT) empty, a whole number without ".0", a date as
    YYYY-MM-DD, a boolean as true or false."""
    import numbers

    import pandas as pd

    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Number):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d}"
    return str(value)


def release_descriptor(
    project: Project, version: str, created: datetime, tables: dict[str, pd.DataFrame], resources: list[dict]
) -> dict:
    """The release's datapackage.json. `tables` are the release's: the sources' paths are sources/<name>."""
    page = homepage(project)
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": project.descriptor["name"],
        "id": dataset_id(project, version),
        "title": project.descriptor["title"],
        "description": project.descriptor["description"],
        "version": version,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        **({"homepage": page} if page else {}),
        "licenses": project.descriptor.get("licenses", []),
        "contributors": [{"title": CURATORS, "roles": ["creator", "curator"]}],
        "keywords": KEYWORDS,
        "sources": [
            {
                "title": f"{text_or(row.publisher, 'Unnamed outlet')}: {row.event} ({row.language})",
                **({"path": row.url} if text_or(row.url, "") else {}),
                "archived": row.path,
                "sha256": row.sha256,
                "language": row.language,
            }
            for row in tables["sources"].itertuples()
        ],
        "resources": resources,
    }


def yaml_text(value: str) -> str:
    """A YAML scalar that is the text `value`, whatever it holds (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def citation_cff(project: Project, version: str, created: datetime) -> str:
    d = project.descriptor
    licence, page = licence_name(project), homepage(project)
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this dataset, please cite this version of it as below."',
        "type: dataset",
        f"title: {yaml_text(d['title'])}",
        f"abstract: {yaml_text(d['description'])}",
        f"version: {version}",
        f"date-released: {created:%Y-%m-%d}",
        "authors:",
        f"  - name: {yaml_text(CURATORS)}",
        *([f"license: {yaml_text(licence)}"] if licence else []),
        *([f"url: {yaml_text(page)}", f"repository-code: {yaml_text(page)}"] if page else []),
        "identifiers:",
        "  - type: other",
        f"    value: {dataset_id(project, version)}",
        "    description: Identifier of this version of the dataset",
        "keywords:",
        *[f"  - {yaml_text(k)}" for k in KEYWORDS],
    ]
    return "\n".join(lines) + "\n"


def based_on(sources: pd.DataFrame) -> list[dict]:
    """The texts the dataset is based on, each once: by its URL when it names a well-formed one
    (two sources of one article share it), else by its archived file in the release."""
    works: dict[str, dict] = {}
    for row in sources.itertuples():
        key = safe_url(row.url) or row.path
        work = works.setdefault(key, {"@type": "CreativeWork", "url": key, "inLanguage": []})
        if row.language not in work["inLanguage"]:
            work["inLanguage"].append(row.language)
        publisher = text_or(row.publisher, "")
        if publisher and "publisher" not in work:
            work["publisher"] = {"@type": "Organization", "name": publisher}
    for work in works.values():
        if len(work["inLanguage"]) == 1:
            work["inLanguage"] = work["inLanguage"][0]
    return list(works.values())


def json_ld(
    project: Project,
    version: str,
    created: datetime,
    tables: dict[str, pd.DataFrame],
    distributions: list[dict],
) -> dict:
    """schema.org Dataset. `distributions` are the release's files, each a dict with `name`,
    `path` (relative to the release folder), `mediatype` and, when known, `bytes` and `sha256`."""
    d = project.descriptor
    observations, indicators, units = tables["observations"], tables["indicators"], tables["units"]
    unit_label = units.set_index("unit_id")["label"]
    licence, page = licence_name(project), homepage(project)
    first, last = observations["period_start"].min(), observations["period_end"].max()
    dated = len(observations) and not (first != first or last != last)  # NaT != NaT: no dated observation
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": dataset_id(project, version),
        "name": d["title"],
        "description": d["description"],
        "version": version,
        "datePublished": f"{created:%Y-%m-%d}",
        **({"url": page, "identifier": page, "citation": citation_text(project, version, created)} if page else {}),
        **({"license": LICENSE_URL.get(licence, licence)} if licence else {}),
        "keywords": KEYWORDS,
        "creator": {"@type": "Organization", "name": CURATORS},
        "spatialCoverage": {"@type": "Place", "name": "Vietnam"},
        **({"temporalCoverage": f"{first:%Y-%m-%d}/{last:%Y-%m-%d}"} if dated else {}),
        "isBasedOn": based_on(tables["sources"]),
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": row.title,
                "identifier": row.indicator_id,
                "description": row.definition,
                "unitText": text_or(unit_label.get(row.unit), row.unit),
            }
            for row in indicators.itertuples()
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": item["name"],
                "contentUrl": item["path"],
                "encodingFormat": item["mediatype"],
                **({"contentSize": f"{item['bytes']} B"} if item.get("bytes") is not None else {}),
                **({"sha256": item["sha256"]} if item.get("sha256") else {}),
            }
            for item in distributions
        ],
    }


# datasette's table options (documented on its "Metadata" and "Facets" pages). A label column
# is shown where a foreign key points to a row, so it must always have a value: the first of these
# a table has as a required field, else its one primary-key field.
LABEL_COLUMNS = ("title", "label")
FACETS = {
    "observations": ["indicator_id", "source_id", "kind", "unit", "qualifier"],
    "indicators": ["topic", "unit"],
    "series": ["indicator_id", "kind", "unit", "status"],
    "sources": ["language", "publisher"],
}
SORT = {  # (option, column): how a reader first sees a table; ties in primary-key order
    "sources": ("sort_desc", "event_date"),
    "indicators": ("sort", "topic"),
    "observations": ("sort", "indicator_id"),
    "series": ("sort", "indicator_id"),
}
# Units datasette shows a column's values in (Pint names); only where every value of the column has it.
UNITS = {"sources": {"bytes": "byte"}}


def label_column(schema: dict) -> str | None:
    fields = {f["name"]: f for f in schema["fields"]}
    for name in LABEL_COLUMNS:
        if name in fields and (fields[name].get("constraints") or {}).get("required"):
            return name
    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    return key[0] if len(key) == 1 else None


def datasette_metadata(
    project: Project, version: str, database: str, tables: dict[str, pd.DataFrame], resources: list[dict]
) -> dict:
    d = project.descriptor
    licence, page = licence_name(project), homepage(project)
    schemas = {r["name"]: r["schema"] for r in resources}
    referenced = {
        key["reference"].get("resource") or name
        for name, schema in schemas.items()
        for key in schema.get("foreignKeys") or []
    }
    described = {}
    for resource in resources:
        name, schema = resource["name"], resource["schema"]
        columns = [f["name"] for f in schema["fields"]]
        table = {
            "title": resource.get("title", name),
            "description": resource.get("description", ""),
            "columns": {f["name"]: f.get("description", "") for f in schema["fields"]},
        }
        label = label_column(schema) if name in referenced else None
        if label:
            table["label_column"] = label
        facets = [c for c in FACETS.get(name, []) if c in columns]
        if facets:
            table["facets"] = facets
        if name in SORT and SORT[name][1] in columns:
            table[SORT[name][0]] = SORT[name][1]
        units = {c: u for c, u in UNITS.get(name, {}).items() if c in columns}
        if units:
            table["units"] = units
        described[name] = table
    units = tables["units"].set_index("unit_id")["label"].to_dict()
    described["observations"]["description"] += " Units: " + "; ".join(f"{k} = {v}" for k, v in units.items()) + "."
    items = []
    for row in tables["sources"].itertuples():  # every source; a link only to a well-formed http(s) URL
        name, url = escape(str(row.source_id), quote=True), safe_url(row.url)
        items.append(f'<li><a href="{escape(url, quote=True)}">{name}</a></li>' if url else f"<li>{name}</li>")
    described["sources"]["description_html"] = "<ul>" + "".join(items) + "</ul>"
    return {
        "title": f"{d['title']} {version}",
        "description": d["description"],
        **({"license": licence} if licence else {}),
        **({"license_url": LICENSE_URL[licence]} if licence in LICENSE_URL else {}),
        "source": "Archived news articles (see the sources table)",
        **({"about": d["title"], "about_url": page} if page else {}),
        "databases": {database: {"tables": described}},
    }


def rights_statement(tables: dict[str, pd.DataFrame]) -> str:
    """sources/RIGHTS.md: whose the archived texts are. `tables` are the release's."""
    lines = [
        "# The archived source texts",
        "",
        "The files in this folder are byte-for-byte copies of news articles, archived as the evidence",
        "for the verbatim quotes in the data: each quote in `data/observations.csv` can be found in them.",
        "",
        "Their copyright belongs to their publishers. They are included so that every value can be",
        "verified, and they are not covered by the licence of the curated tables, schemas and",
        "metadata (CC-BY-4.0). Reuse of the texts themselves is subject to their publishers' terms.",
        "",
        "| file | publisher | language | origin |",
        "| --- | --- | --- | --- |",
    ]
    for row in tables["sources"].itertuples():
        publisher = text_or(row.publisher, "not named in the text")
        url = text_or(row.url, "not named in the text")
        name = row.path.split("/", 1)[1]
        lines.append(f"| {md_cell(name)} | {md_cell(publisher)} | {md_cell(row.language)} | {md_cell(url)} |")
    return "\n".join(lines) + "\n"


def checksum_line(path: Path) -> str:
    """`path`'s SHA-256 and name as one line of `sha256sum` output: '<hex>  <name>'."""
    from publish.archive import sha256_of_file

    return f"{sha256_of_file(path)}  {path.name}\n"
