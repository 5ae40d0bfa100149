"""Where an archived source lies in a release, and the sources table as a release states it.

In the project an archived text is `seeds/<name>`; in a release it is
`sources/<name>`. A release's sources table (CSV, Parquet, SQLite) says
`sources/<name>`, so every path in it resolves inside the release folder, and
the schema in the release's descriptor says so too. `diff` puts both sides of a
comparison in this form (a project, a release, or a release written before
releases took this form), so that only real changes show.
"""

from __future__ import annotations

import copy
import re
from pathlib import PurePosixPath

from publish.project import SEEDS

ARCHIVE = "sources"  # the release's folder of archived texts
PATH_FIELD = "path"  # the field of the sources table that locates an archived text
PROJECT_PATTERN = re.compile(rf"(\^?){re.escape(SEEDS)}/")


def release_path(path: object) -> object:
    """`seeds/<name>` as the release places it, `sources/<name>`; anything else as it is."""
    if not isinstance(path, str):
        return path
    parts = PurePosixPath(path).parts
    if len(parts) > 1 and parts[0] == SEEDS:
        return "/".join((ARCHIVE, *parts[1:]))
    return path


def release_sources_schema(schema: dict) -> dict:
    """The sources table's schema as the release states it: its `path` field describes a path
    relative to the release folder, inside sources/. The same for a schema already in that form."""
    schema = copy.deepcopy(schema)
    for field in schema.get("fields", []):
        if not isinstance(field, dict) or field.get("name") != PATH_FIELD:
            continue
        description = field.get("description")
        if isinstance(description, str):
            field["description"] = description.replace(
                "relative to the project root", "relative to the release folder"
            ).replace(f"{SEEDS}/", f"{ARCHIVE}/")
        constraints = field.get("constraints")
        pattern = constraints.get("pattern") if isinstance(constraints, dict) else None
        if isinstance(pattern, str):
            if PROJECT_PATTERN.match(pattern):
                constraints["pattern"] = PROJECT_PATTERN.sub(rf"\g<1>{ARCHIVE}/", pattern, count=1)
            elif not re.match(rf"\^?{ARCHIVE}/", pattern):
                del constraints["pattern"]  # a pattern for project paths that cannot be translated
    return schema
