"""The dataset's identity, which every release file and the page share: who curates it, the
id of each version, how a version is cited, its licence, its home on the web (the descriptor's
optional `homepage`), and which URLs may become links."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime

from publish.errors import PublishError
from publish.project import DESCRIPTOR, Project

CURATORS = "Vietnam Digital Transformation Indicators curators"
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


def text_or(value: object, default: str | None = None) -> str | None:
    """`value` if it is text, else `default`: a missing cell is NaN, never the text "nan"."""
    return value if isinstance(value, str) and value else default


def dataset_id(project: Project, version: str) -> str:
    """A stable, globally unique id for one version of the dataset."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, project.descriptor['name'] + '@' + version)}"


def homepage(project: Project) -> str | None:
    """The descriptor's `homepage`, or None when it has none; a homepage that is not a
    well-formed http(s) URL is an error, so that no file of a release links it."""
    page = project.descriptor.get("homepage")
    if page is None or page == "":
        return None
    if not safe_url(page):
        raise PublishError(f"{DESCRIPTOR}: 'homepage' {page!r} is not a well-formed http(s) URL")
    return page


def licence_name(project: Project) -> str | None:
    """The SPDX id of the data's licence (the descriptor's first `licenses` entry), if named."""
    licences = project.descriptor.get("licenses") or []
    if not licences or not isinstance(licences[0], dict):
        return None
    return text_or(licences[0].get("name"), "") or None


def citation_text(project: Project, version: str, created: datetime) -> str:
    """How to cite this version: curators, year, title, version, its id (and the homepage, if any)."""
    d = project.descriptor
    text = f"{CURATORS} ({created.year}). {d['title']}, version {version} [dataset]. {dataset_id(project, version)}"
    page = homepage(project)
    return f"{text}. {page}" if page else text
