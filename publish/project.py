"""The project on disk: its descriptor, tables, schemas and archive folder."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from publish.errors import PublishError

DESCRIPTOR = "datapackage.json"
SEEDS = "seeds"
# The tables every check relies on; a project may describe more.
REQUIRED_TABLES = ("sources", "units", "indicators", "observations", "exclusions", "conflicts")
# Tables a release derives from the curated ones; their schemas are in schemas/ by name.
DERIVED_TABLES = ("series",)
SCHEMAS = "schemas"
# A name that becomes a file or folder name (the package name, a version, a table): lower-case
# letters, digits and . _ - inside, never "." or "..", never a separator.
SAFE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?")


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # relative to the project root, POSIX style
    schema: dict = field(hash=False)

    @property
    def fields(self) -> list[dict]:
        return self.schema["fields"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]


@dataclass(frozen=True)
class Project:
    root: Path
    descriptor: dict = field(hash=False)
    tables: dict[str, Table] = field(hash=False)

    @property
    def seeds(self) -> Path:
        return self.root / SEEDS


def safe_relative(path: str, *, what: str) -> str:
    """A descriptor path must stay inside the project: relative, no '..'."""
    pure = PurePosixPath(path)
    if not path or pure.is_absolute() or ".." in pure.parts or "\\" in path:
        raise PublishError(f"{DESCRIPTOR}: {what} path {path!r} must be relative and inside the project")
    return str(pure)


def safe_name(name: object, *, what: str) -> str:
    """`name` if it can become a file name as it is, else a PublishError naming `what` it is."""
    if not isinstance(name, str) or not SAFE_NAME.fullmatch(name) or ".." in name:
        raise PublishError(
            f"{what} {name!r} cannot name a file: use lower-case letters, digits and . _ - "
            "(starting and ending with a letter or digit)"
        )
    return name


def load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PublishError(f"{path.name}: not found in {path.parent}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PublishError(f"{path.name}: not valid UTF-8 JSON ({error})") from None
    if not isinstance(data, dict):
        raise PublishError(f"{path.name}: expected a JSON object")
    return data


def open_project(root: Path | str) -> Project:
    """Read the descriptor and every table's schema; raise PublishError if they are unusable."""
    root = Path(root)
    descriptor = load_json(root / DESCRIPTOR)
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        raise PublishError(f"{DESCRIPTOR}: 'resources' must be a list of tables")
    tables: dict[str, Table] = {}
    for resource in resources:
        name = resource.get("name") if isinstance(resource, dict) else None
        if not name or not isinstance(resource.get("path"), str):
            raise PublishError(f"{DESCRIPTOR}: every resource needs a name and a path")
        path = safe_relative(resource["path"], what=f"resource {name!r}")
        schema = resource.get("schema")
        if isinstance(schema, str):
            schema = load_json(root / safe_relative(schema, what=f"schema of {name!r}"))
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            raise PublishError(f"{DESCRIPTOR}: resource {name!r} needs a Table Schema with fields")
        tables[name] = Table(name=name, path=path, schema=schema)
    missing = [name for name in REQUIRED_TABLES if name not in tables]
    if missing:
        raise PublishError(f"{DESCRIPTOR}: no resource for the table(s) {', '.join(missing)}")
    return Project(root=root, descriptor=descriptor, tables=tables)


def derived_table(project: Project, name: str) -> Table:
    """A derived table's schema, found by the naming rule schemas/<name>.schema.json."""
    return Table(name=name, path=f"data/{name}.csv", schema=load_json(project.root / SCHEMAS / f"{name}.schema.json"))
