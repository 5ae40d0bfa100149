"""The descriptive files of a release: the Data Package descriptor, CITATION.cff,
schema.org JSON-LD, datasette metadata and the statement of the sources' rights."""

from __future__ import annotations

import json
import unicodedata
import uuid
from datetime import datetime
from html import escape

import pandas as pd

from publish.project import Project

CURATORS = "Vietnam Digital Transformation Indicators curators"
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
LICENSE_URL = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}
# Characters that end an attribute or a tag, or that browsers and parsers read differently.
UNSAFE_URL_CHARACTERS = frozenset("\"'<>`\\")


def safe_url(url: object) -> str | None:
    """`url` if it is a well-formed http(s) URL that may become a link, else None.

    This is the one test of a source's URL, used by the page, the release
    metadata and `add-source`. Well formed: it starts `http://` or `https://`,
    names a host (and a valid port, if any) and no user, and holds no white
    space, quotes, backquote, backslash, angle brackets, control or other
    invisible characters. Anything else is shown, if at all, as escaped text.
    """
    from urllib.parse import urlsplit

    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    if any(c in UNSAFE_URL_CHARACTERS or c.isspace() or unicodedata.category(c).startswith("C") for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    if not parts.hostname or "@" in parts.netloc:
        return None
    return url


def text_or(value: object, default: str) -> str:
    """`value` if it is text, else `default`: a missing cell is NaN, never the text "nan"."""
    return value if isinstance(value, str) and value else default


def dataset_id(project: Project, version: str) -> str:
    """A stable, globally unique id for one version of the dataset."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, project.descriptor['name'] + '@' + version)}"


def release_descriptor(
    project: Project, version: str, created: datetime, tables: dict[str, pd.DataFrame], resources: list[dict]
) -> dict:
    sources = tables["sources"]
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": project.descriptor["name"],
        "id": dataset_id(project, version),
        "title": project.descriptor["title"],
        "description": project.descriptor["description"],
        "version": version,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": project.descriptor.get("licenses", []),
        "contributors": [{"title": CURATORS, "roles": ["creator", "curator"]}],
        "keywords": KEYWORDS,
        "sources": [
            {
                "title": f"{text_or(row.publisher, 'Unnamed outlet')}: {row.event} ({row.language})",
                **({"path": row.url} if isinstance(row.url, str) else {}),
                "archived": f"sources/{row.path.split('/', 1)[1]}",
                "sha256": row.sha256,
                "language": row.language,
            }
            for row in sources.itertuples()
        ],
        "resources": resources,
    }


def citation_cff(project: Project, version: str, created: datetime) -> str:
    d = project.descriptor
    license_name = (d.get("licenses") or [{}])[0].get("name", "")
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this dataset, please cite this version of it as below."',
        "type: dataset",
        f"title: {json.dumps(d['title'], ensure_ascii=False)}",
        f"abstract: {json.dumps(d['description'], ensure_ascii=False)}",
        f"version: {version}",
        f"date-released: {created:%Y-%m-%d}",
        "authors:",
        f"  - name: {json.dumps(CURATORS)}",
        f"license: {license_name}",
        "identifiers:",
        "  - type: other",
        f"    value: {dataset_id(project, version)}",
        "    description: Identifier of this version of the dataset",
        "keywords:",
        *[f"  - {json.dumps(k, ensure_ascii=False)}" for k in KEYWORDS],
    ]
    return "\n".join(lines) + "\n"


def json_ld(
    project: Project,
    version: str,
    created: datetime,
    tables: dict[str, pd.DataFrame],
    distributions: list[tuple[str, str]],
) -> dict:
    d = project.descriptor
    observations, indicators, units = tables["observations"], tables["indicators"], tables["units"]
    unit_label = units.set_index("unit_id")["label"]
    license_name = (d.get("licenses") or [{}])[0].get("name", "")
    first, last = observations["period_start"].min(), observations["period_end"].max()
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": dataset_id(project, version),
        "name": d["title"],
        "description": d["description"],
        "version": version,
        "datePublished": f"{created:%Y-%m-%d}",
        "license": LICENSE_URL.get(license_name, license_name),
        "keywords": KEYWORDS,
        "creator": {"@type": "Organization", "name": CURATORS},
        "spatialCoverage": {"@type": "Place", "name": "Vietnam"},
        **({"temporalCoverage": f"{first:%Y-%m-%d}/{last:%Y-%m-%d}"} if len(observations) else {}),
        "isBasedOn": [url for url in tables["sources"]["url"].dropna()],
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": row.title,
                "identifier": row.indicator_id,
                "description": row.definition,
                "unitText": unit_label.get(row.unit, row.unit),
            }
            for row in indicators.itertuples()
        ],
        "distribution": [
            {"@type": "DataDownload", "contentUrl": path, "encodingFormat": mediatype}
            for path, mediatype in distributions
        ],
    }


def datasette_metadata(
    project: Project, version: str, database: str, tables: dict[str, pd.DataFrame], resources: list[dict]
) -> dict:
    d = project.descriptor
    license_name = (d.get("licenses") or [{}])[0].get("name", "")
    described = {}
    for resource in resources:
        name = resource["name"]
        described[name] = {
            "title": resource.get("title", name),
            "description": resource.get("description", ""),
            "columns": {f["name"]: f.get("description", "") for f in resource["schema"]["fields"]},
        }
    units = tables["units"].set_index("unit_id")["label"].to_dict()
    described["observations"]["description"] += " Units: " + "; ".join(f"{k} = {v}" for k, v in units.items()) + "."
    items = []
    for row in tables["sources"].itertuples():
        if not isinstance(row.url, str):
            continue
        name, url = escape(str(row.source_id), quote=True), safe_url(row.url)
        items.append(f'<li><a href="{escape(url, quote=True)}">{name}</a></li>' if url else f"<li>{name}</li>")
    described["sources"]["description_html"] = "<ul>" + "".join(items) + "</ul>"
    return {
        "title": f"{d['title']} {version}",
        "description": d["description"],
        "license": license_name,
        "license_url": LICENSE_URL.get(license_name, ""),
        "source": "Archived news articles (see the sources table)",
        "databases": {database: {"tables": described}},
    }


def rights_statement(tables: dict[str, pd.DataFrame]) -> str:
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
        publisher = row.publisher if isinstance(row.publisher, str) else "not named in the text"
        url = row.url if isinstance(row.url, str) else "not named in the text"
        lines.append(f"| {row.path.split('/', 1)[1]} | {publisher} | {row.language} | {url} |")
    return "\n".join(lines) + "\n"
