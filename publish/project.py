"""The project on disk: its descriptor, tables, schemas and archive folder."""

from __future__ import annotations

import json
import math
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from publish.errors import PublishError
from publish.rules import CHANGE_UNITS, KINDS, PERIOD_TYPES, QUALIFIER_INTERVALS

DESCRIPTOR = "datapackage.json"
SEEDS = "seeds"
# The tables every check relies on; a project may describe more.
REQUIRED_TABLES = ("sources", "units", "indicators", "observations", "exclusions", "conflicts")
# Tables a release derives from the curated ones; their schemas are in schemas/ by name.
DERIVED_TABLES = ("series",)
SCHEMAS = "schemas"

# What the package reads of each table: (type, required) per field. A project's schemas may say
# more, but not less: a check that reads `value` as a number cannot run on text.
CONTRACT: dict[str, dict[str, tuple[str, bool]]] = {
    "sources": {
        "source_id": ("string", True),
        "path": ("string", True),
        "sha256": ("string", True),
        "bytes": ("integer", True),
        "language": ("string", True),
        "url": ("string", False),
        "publisher": ("string", False),
        "event": ("string", True),
        "event_date": ("date", True),
    },
    "units": {
        "unit_id": ("string", True),
        "label": ("string", True),
        "minimum": ("number", False),
        "maximum": ("number", False),
    },
    "indicators": {
        "indicator_id": ("string", True),
        "title": ("string", True),
        "unit": ("string", True),
        "topic": ("string", True),
        "definition": ("string", True),
    },
    "observations": {
        "observation_id": ("string", True),
        "indicator_id": ("string", True),
        "source_id": ("string", True),
        "kind": ("string", True),
        "period_type": ("string", True),
        "period_start": ("date", False),
        "period_end": ("date", False),
        "value": ("number", True),
        "value_upper": ("number", False),
        "unit": ("string", True),
        "qualifier": ("string", True),
        "change_type": ("string", False),
        "compared_start": ("date", False),
        "compared_end": ("date", False),
        "denominator": ("number", False),
        "quote": ("string", True),
        "departure": ("string", False),
        "parse_language": ("string", False),
        "note": ("string", False),
    },
    "exclusions": {
        "exclusion_id": ("string", True),
        "source_id": ("string", True),
        "quote": ("string", True),
        "number": ("string", True),
    },
    "conflicts": {
        "conflict_id": ("string", True),
        "indicator_id": ("string", True),
        "kind": ("string", True),
        "period_start": ("date", True),
        "period_end": ("date", True),
        "change_type": ("string", False),
        "explanation": ("string", True),
        "preferred_observation_id": ("string", False),
    },
}
# Fields whose values the rules interpret: their schema must list them, and only values publish knows.
KNOWN_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("observations", "kind"): KINDS,
    ("observations", "period_type"): PERIOD_TYPES,
    ("observations", "qualifier"): tuple(QUALIFIER_INTERVALS),
    ("observations", "change_type"): tuple(CHANGE_UNITS),
    ("conflicts", "kind"): KINDS,
    ("conflicts", "change_type"): tuple(CHANGE_UNITS),
}
# A name that becomes a file or folder name (the package name, a version, a table): lower-case
# letters, digits and . _ - inside, never "." or "..", never a separator.
SAFE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?")


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # relative to the project root, POSIX style
    schema: dict = field(hash=False)
    schema_file: str = DESCRIPTOR  # where the schema was read from, for messages

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


class NotRegularFile(PublishError):
    """A path that is missing, a folder, or something other than a regular file."""


class FileTooLarge(PublishError):
    def __init__(self, path: Path, size: int):
        self.size = size
        super().__init__(f"{path}: {size:,} bytes")


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (a link to one is followed). A FIFO, a device or a
    folder is refused unread, since reading one would wait for ever or never end; so is a file
    larger than `limit` bytes, when a limit is given."""
    try:
        # Opened without blocking, so that a FIFO with no writer is seen for what it is.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise NotRegularFile(f"{path}: not found") from None
    except OSError as error:
        raise NotRegularFile(f"{path}: cannot be read ({error.strerror})") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a FIFO, a device or a socket)"
        raise NotRegularFile(f"{path}: {what}")
    if limit is not None and info.st_size > limit:
        os.close(descriptor)
        raise FileTooLarge(path, info.st_size)
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


def load_json(path: Path) -> dict:
    try:
        data = json.loads(read_regular_file(path).decode("utf-8"))
    except NotRegularFile as error:
        raise PublishError(f"{path.name}: {str(error).removeprefix(f'{path}: ')} in {path.parent}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PublishError(f"{path.name}: not valid UTF-8 JSON ({error})") from None
    if not isinstance(data, dict):
        raise PublishError(f"{path.name}: expected a JSON object")
    return data


def open_project(root: Path | str) -> Project:
    """Read the descriptor and every table's schema; raise PublishError if they are unusable."""
    root = Path(root)
    descriptor = load_json(root / DESCRIPTOR)
    safe_name(descriptor.get("name"), what=f"{DESCRIPTOR}: the package name")
    for key in ("title", "description"):  # every release and page shows them
        if not isinstance(descriptor.get(key), str) or not descriptor[key].strip():
            raise PublishError(f"{DESCRIPTOR}: the package needs a {key} (a text)")
    licenses = descriptor.get("licenses", [])
    if not isinstance(licenses, list) or not all(
        isinstance(x, dict) and isinstance(x.get("name"), str) for x in licenses
    ):
        raise PublishError(f"{DESCRIPTOR}: 'licenses' must be a list of objects, each with a name")
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        raise PublishError(f"{DESCRIPTOR}: 'resources' must be a list of tables")
    tables: dict[str, Table] = {}
    for number, resource in enumerate(resources, start=1):
        name = resource.get("name") if isinstance(resource, dict) else None
        if not name or not isinstance(resource.get("path"), str):
            raise PublishError(f"{DESCRIPTOR}: resource {number} needs a name and a path")
        safe_name(name, what=f"{DESCRIPTOR}: the resource name")
        if name in tables:
            raise PublishError(f"{DESCRIPTOR}: two resources are named {name!r}")
        path = safe_relative(resource["path"], what=f"resource {name!r}")
        schema, where = resource.get("schema"), f"{DESCRIPTOR} (schema of {name!r})"
        if isinstance(schema, str):
            where = safe_relative(schema, what=f"schema of {name!r}")
            schema = load_json(root / where)
        check_table_schema(schema, where)
        tables[name] = Table(name=name, path=path, schema=schema, schema_file=where)
    missing = [name for name in REQUIRED_TABLES if name not in tables]
    if missing:
        raise PublishError(f"{DESCRIPTOR}: no resource for the table(s) {', '.join(missing)}")
    for table in tables.values():
        check_references(table, tables)
        check_contract(table)
    return Project(root=root, descriptor=descriptor, tables=tables)


def published_release_holding(path: Path) -> Path | None:
    """The published release folder that `path` lies in (or is), if any: a folder with SHA256SUMS
    and datapackage.json beside each other."""
    for folder in [path, *path.parents]:
        if (folder / "SHA256SUMS").is_file() and (folder / DESCRIPTOR).is_file():
            return folder
    return None


def data_folders(project: Project) -> list[Path]:
    """The folders that hold the project's data: its archive, schemas, the tables' folders and its
    releases. publish writes into them only as the command for each says (add-source, release)."""
    folders = {project.seeds, project.root / SCHEMAS, project.root / "releases"}
    folders |= {(project.root / table.path).parent for table in project.tables.values()}
    return sorted(folder.resolve() for folder in folders if folder.resolve() != project.root.resolve())


def refuse_data_target(project: Project, target: Path, option: str) -> None:
    """Refuse to write `target` (given as `option`) inside a published release, which never changes,
    or inside the folders that hold the project's data, which only their own commands write."""
    where = target.resolve()
    release = published_release_holding(where)
    if release is not None:
        raise PublishError(f"{option} {target} lies in the published release {release}, which never changes")
    for data in data_folders(project):
        if where.is_relative_to(data):
            raise PublishError(f"{option} {target} lies in {data}, which holds the project's data; write elsewhere")


def derived_table(project: Project, name: str) -> Table:
    """A derived table's schema, found by the naming rule schemas/<name>.schema.json."""
    where = f"{SCHEMAS}/{name}.schema.json"
    schema = load_json(project.root / where)
    check_table_schema(schema, where)
    table = Table(name=name, path=f"data/{name}.csv", schema=schema, schema_file=where)
    check_contract(table)
    return table


CURATION = "curation"


def curation_table(project: Project, name: str) -> Table | None:
    """A table curators keep for the tools but no release carries (the indicators' words that
    drafting reads), found by the naming rule curation/<name>.csv with schemas/<name>.schema.json;
    None where the project keeps none."""
    path = f"{CURATION}/{name}.csv"
    if not (project.root / path).is_file():
        return None
    where = f"{SCHEMAS}/{name}.schema.json"
    schema = load_json(project.root / where)
    check_table_schema(schema, where)
    table = Table(name=name, path=path, schema=schema, schema_file=where)
    check_references(table, {**project.tables, name: table})
    return table


# The Table Schema types the package reads and writes, and the constraints it runs.
TYPES = ("string", "number", "integer", "date", "boolean")
CONSTRAINT_KINDS = {
    "required": bool,
    "unique": bool,
    "enum": list,
    "pattern": str,
    "minLength": int,
    "maxLength": int,
    "minimum": object,
    "maximum": object,
}


def check_table_schema(schema: object, where: str) -> None:
    """A Table Schema the checks can run: fields with names, known types and well-formed
    constraints, and keys that name its fields. One clear error naming the file and field."""
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        raise PublishError(f"{where}: a Table Schema needs a list of fields")
    names: list[str] = []
    for number, entry in enumerate(schema["fields"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
            raise PublishError(f"{where}: field {number} must be an object with a name")
        name, kind = entry["name"], entry.get("type", "string")
        at = f"{where}: field {name!r}"
        if name in names:
            raise PublishError(f"{at} is defined twice")
        names.append(name)
        if kind not in TYPES:
            raise PublishError(f"{at} has type {kind!r}; the types publish reads are {', '.join(TYPES)}")
        constraints = entry.get("constraints", {})
        if not isinstance(constraints, dict):
            raise PublishError(f"{at}: 'constraints' must be an object")
        for key, value in constraints.items():
            if key in CONSTRAINT_KINDS and not _fits(value, CONSTRAINT_KINDS[key]):
                raise PublishError(f"{at}: constraint {key!r} must be a {CONSTRAINT_KINDS[key].__name__}")
        if "pattern" in constraints:
            try:
                re.compile(constraints["pattern"])
            except re.error as error:
                raise PublishError(
                    f"{at}: pattern {constraints['pattern']!r} is not a regular expression ({error})"
                ) from None
        for key in ("minimum", "maximum"):
            if key in constraints and not _is_of_type(constraints[key], kind):
                raise PublishError(f"{at}: {key} {constraints[key]!r} is not a {kind}")
        if "enum" in constraints and not constraints["enum"]:
            raise PublishError(f"{at}: 'enum' lists no values")
    for key in as_list(schema.get("primaryKey") or []):
        if key not in names:
            raise PublishError(f"{where}: the primary key names {key!r}, which is not a field")
    keys = schema.get("foreignKeys", [])
    if not isinstance(keys, list):
        raise PublishError(f"{where}: 'foreignKeys' must be a list")
    for number, key in enumerate(keys, start=1):
        reference = key.get("reference") if isinstance(key, dict) else None
        if not isinstance(reference, dict) or "fields" not in key or "fields" not in reference:
            raise PublishError(f"{where}: foreign key {number} needs fields and a reference with fields")
        if not isinstance(reference.get("resource", ""), str):
            raise PublishError(f"{where}: foreign key {number}: the reference's resource must be a table name")
        own, theirs = key["fields"], reference["fields"]
        if not all(isinstance(f, str | list) for f in (own, theirs)) or len(as_list(own)) != len(as_list(theirs)):
            raise PublishError(f"{where}: foreign key {number} must name as many fields as its reference")
        for name in as_list(own):
            if name not in names:
                raise PublishError(f"{where}: foreign key {number} names {name!r}, which is not a field")


def _fits(value: object, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return isinstance(value, kind)


def _is_of_type(value: object, kind: str) -> bool:
    if kind in ("number", "integer"):
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "date":
        try:
            return isinstance(value, str) and date.fromisoformat(value).isoformat() == value
        except ValueError:
            return False
    return kind == "string" and isinstance(value, str)


def check_references(table: Table, tables: dict[str, Table]) -> None:
    """Each foreign key points at a table of the package and at fields it has."""
    for key in table.schema.get("foreignKeys", []):
        reference = key["reference"]
        parent = tables.get(reference.get("resource") or table.name)
        if parent is None:
            raise PublishError(
                f"{table.schema_file}: a foreign key points at table {reference['resource']!r}, not in {DESCRIPTOR}"
            )
        for name in as_list(reference["fields"]):
            if name not in parent.field_names:
                raise PublishError(
                    f"{table.schema_file}: a foreign key points at {parent.name}.{name}, which is not a field"
                )


def check_contract(table: Table) -> None:
    """The fields the checks, the series and the release read, with the type they read them as,
    whether every row must have one, and the values they know how to read."""
    expected = CONTRACT.get(table.name, {})
    fields = {f["name"]: f for f in table.fields}
    for name, (kind, required) in expected.items():
        field = fields.get(name)
        at = f"{table.schema_file}: field {name!r}"
        if field is None:
            raise PublishError(f"{at} is missing; publish reads it")
        if field.get("type", "string") != kind:
            raise PublishError(f"{at} has type {field.get('type', 'string')!r}; publish reads it as a {kind}")
        constraints = field.get("constraints", {})
        if required and not constraints.get("required"):
            raise PublishError(f"{at} must be required: every check of a row needs it")
        known = known_values(table.name, name)
        if known is not None:
            listed = constraints.get("enum")
            unknown = sorted(set(listed) - set(known)) if listed else None
            if listed is None or unknown:
                what = (
                    f"lists {', '.join(map(str, unknown))}, which" if unknown else "must list its values; other values"
                )
                raise PublishError(f"{at} {what} publish cannot read (it knows {', '.join(known)})")


def known_values(table: str, field: str) -> tuple[str, ...] | None:
    """The values publish can read in this field, or None when it reads any."""
    if (table, field) == ("observations", "parse_language"):
        from publish.numbers import supported_languages  # the parser's languages, kept with its words

        return tuple(supported_languages())
    return KNOWN_VALUES.get((table, field))


def as_list(names: str | list[str]) -> list[str]:
    """Table Schema allows one field name where it allows a list of them."""
    return [names] if isinstance(names, str) else list(names)
