"""Compare two releases, or a release and the working tree: rows added,
removed and changed (with old and new values), schema changes, and the
SemVer level such a change calls for.

The rule, applied to every table (the highest level found wins):

- major, something a user or a program relied on is gone or means something
  else: a table, field or row removed; a field's type, format or way of
  reading cells (missingValues, trueValues, ...) changed; the order of the
  fields changed; the primary key changed; a constraint (required, unique,
  enum, pattern, minimum, maximum, minLength, maxLength, ...) added or
  tightened, a pattern changed; a foreign or unique key added; a new field
  that every row must have.
- minor, something new, or fewer promises broken by nobody: a table, row or
  optional field added; a constraint removed or loosened (a wider range, more
  enum values, no longer required or unique); a foreign or unique key removed.
- patch, corrections: a changed cell; a field's or table's description,
  title or any other wording.

The package's own descriptor counts too: its name or licences changed is
major (the files are named, and may be used, otherwise); its title,
description, homepage or a table's title or description changed is patch.

The sources table is compared as a release states it (publish.release.paths):
an archived text's `path` is `sources/<name>` in a release and `seeds/<name>`
in the project, and its schema says so. Both sides are put in the release's
form first, so a release compared with its project, or with a release from
before this form, shows only what really changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from publish.project import DERIVED_TABLES, SCHEMAS, Project, as_list, open_project
from publish.release.paths import PATH_FIELD, release_path, release_sources_schema
from publish.tables import tables_as_written

SOURCES = "sources"  # the table whose paths locate the archived texts

if TYPE_CHECKING:
    import pandas as pd

LEVEL_ORDER = (None, "patch", "minor", "major")
RULE = (
    "major: a table, field, row or key removed or retyped, fields reordered, a constraint or key added or "
    "tightened; minor: a table, row or optional field added, a constraint or key loosened or removed; "
    "patch: corrected values and wording"
)
# Field properties that say how a cell is read: changing one changes what a cell means.
READING = ("format", "missingValues", "trueValues", "falseValues", "decimalChar", "groupChar", "bareNumber")
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength")
FLAGS = ("required", "unique")
SCHEMA_KEYS = ("fields", "$schema", "primaryKey", "foreignKeys", "uniqueKeys", "missingValues")


def highest(levels) -> str | None:
    return max(levels, key=LEVEL_ORDER.index, default=None)


@dataclass
class TableDiff:
    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # {key, field, old, new}
    fields_added: list[str] = field(default_factory=list)
    fields_removed: list[str] = field(default_factory=list)
    fields_retyped: list[str] = field(default_factory=list)
    schema_changes: list[dict] = field(default_factory=list)  # {field, property, change, effect, old, new, level}

    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.fields_added
            or self.fields_removed
            or self.fields_retyped
            or self.schema_changes
        )

    def level(self) -> str | None:
        levels = [c["level"] for c in self.schema_changes]
        if self.fields_removed or self.fields_retyped or self.removed:
            levels.append("major")
        if self.fields_added or self.added:
            levels.append("minor")
        if self.changed:
            levels.append("patch")
        return highest(levels)


@dataclass
class Diff:
    old: str
    new: str
    tables_added: list[str] = field(default_factory=list)
    tables_removed: list[str] = field(default_factory=list)
    tables: list[TableDiff] = field(default_factory=list)
    package_changes: list[dict] = field(default_factory=list)  # {property, old, new, level}

    def empty(self) -> bool:
        return not (
            self.tables_added or self.tables_removed or self.package_changes or any(not t.empty() for t in self.tables)
        )

    def level(self) -> str | None:
        """The SemVer level of the change, by the rule in this module's docstring; None if nothing changed."""
        levels = [t.level() for t in self.tables] + [c["level"] for c in self.package_changes]
        if self.tables_removed:
            levels.append("major")
        if self.tables_added:
            levels.append("minor")
        return highest(levels)

    def as_dict(self) -> dict:
        return {
            "old": self.old,
            "new": self.new,
            "level": self.level(),
            "rule": RULE,
            "tables_added": self.tables_added,
            "tables_removed": self.tables_removed,
            "package_changes": self.package_changes,
            "tables": [t.__dict__ for t in self.tables if not t.empty()],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        lines = [f"Changes from {self.old} to {self.new}"]
        lines += [f"  table added: {name}" for name in self.tables_added]
        lines += [f"  table removed: {name}" for name in self.tables_removed]
        lines += [
            f"  package {c['property']}: {shown(c['old'])} -> {shown(c['new'])} ({c['level']})"
            for c in self.package_changes
        ]
        for t in self.tables:
            if t.empty():
                continue
            lines.append(f"{t.name}:")
            lines += [f"  field added: {f}" for f in t.fields_added]
            lines += [f"  field removed: {f}" for f in t.fields_removed]
            lines += [f"  field type changed: {f}" for f in t.fields_retyped]
            lines += [
                f"  {describe(c)}: {shown(c['old'])} -> {shown(c['new'])} ({c['level']})" for c in t.schema_changes
            ]
            lines += [f"  + {key}" for key in t.added]
            lines += [f"  - {key}" for key in t.removed]
            lines += [f"  ~ {c['key']} {c['field']}: {c['old']!r} -> {c['new']!r}" for c in t.changed]
        if self.empty():
            lines.append("  no changes")
        else:
            lines.append(f"SemVer level: {self.level()}")
            lines.append(f"  ({RULE})")
        return "\n".join(lines)

    def changelog(self) -> str:
        """Keep a Changelog sections describing the data changes."""
        added, changed, removed = [], [], []
        added += [f"Table `{name}`." for name in self.tables_added]
        removed += [f"Table `{name}`." for name in self.tables_removed]
        changed += [
            f"The package's {c['property']}: {shown(c['old'])} → {shown(c['new'])}." for c in self.package_changes
        ]
        for t in self.tables:
            added += [f"Field `{t.name}.{f}`." for f in t.fields_added]
            removed += [f"Field `{t.name}.{f}`." for f in t.fields_removed]
            changed += [f"Type of field `{t.name}.{f}`." for f in t.fields_retyped]
            changed += [
                f"Schema of `{t.name}`: {describe(c, code=True)} ({shown(c['old'])} → {shown(c['new'])})."
                for c in t.schema_changes
            ]
            if t.added:
                added.append(f"{len(t.added)} row(s) in `{t.name}`: {', '.join(t.added)}.")
            if t.removed:
                removed.append(f"{len(t.removed)} row(s) from `{t.name}`: {', '.join(t.removed)}.")
            changed += [f"`{t.name}` {c['key']} `{c['field']}`: {c['old']!r} → {c['new']!r}." for c in t.changed]
        out = []
        for title, items in (("Added", added), ("Changed", changed), ("Removed", removed)):
            if items:
                out.append(f"### {title}\n" + "\n".join(f"- {item}" for item in items))
        return "\n\n".join(out)


def describe(change: dict, *, code: bool = False) -> str:
    """'field kind: constraint enum removed, loosened' and the like."""
    quote = (lambda s: f"`{s}`") if code else (lambda s: s)
    where = f"field {quote(change['field'])}: " if change["field"] else ""
    effect = f", {change['effect']}" if change["effect"] else ""
    return f"{where}{change['property']} {change['change']}{effect}"


def shown(value: object) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)


def schema_change(name, prop, old, new, level, effect=None) -> dict:
    change = "added" if old is None else "removed" if new is None else "changed"
    return {"field": name, "property": prop, "change": change, "effect": effect, "old": old, "new": new, "level": level}


def constraint_effect(key: str, old: object, new: object) -> str:
    """'tightened' when values valid before may be invalid now, else 'loosened'."""
    if key in FLAGS:
        return "tightened" if new else "loosened"
    if old is None:
        return "tightened"
    if new is None:
        return "loosened"
    try:
        if key == "enum":
            return "tightened" if set(old) - set(new) else "loosened"
        if key in LOWER_BOUNDS:
            return "tightened" if new > old else "loosened"
        if key in UPPER_BOUNDS:
            return "tightened" if new < old else "loosened"
    except TypeError:  # values that do not compare (a list, a number and a string): assume the worst
        return "tightened"
    return "tightened"  # a changed pattern, or a constraint publish does not know: values may no longer fit


def compare_field(name: str, old: dict, new: dict) -> list[dict]:
    changes = []
    for prop in READING:
        if old.get(prop) != new.get(prop):
            changes.append(schema_change(name, prop, old.get(prop), new.get(prop), "major"))
    old_c, new_c = old.get("constraints") or {}, new.get("constraints") or {}
    for key in sorted(set(old_c) | set(new_c)):
        before, after = old_c.get(key), new_c.get(key)
        if key in FLAGS:
            before, after = (bool(before) or None), (bool(after) or None)
        if before == after:
            continue
        effect = constraint_effect(key, before, after)
        level = "major" if effect == "tightened" else "minor"
        changes.append(schema_change(name, f"constraint {key}", before, after, level, effect))
    for prop in sorted((set(old) | set(new)) - {"name", "type", "constraints", *READING}):
        if old.get(prop) != new.get(prop):
            changes.append(schema_change(name, prop, old.get(prop), new.get(prop), "patch"))
    return changes


def keys_of(schema: dict, name: str) -> list[str]:
    """A schema's foreign or unique keys, each as one canonical JSON text."""
    keys = schema.get(name) or []
    return [json.dumps(k, sort_keys=True, ensure_ascii=False) for k in keys] if isinstance(keys, list) else []


def compare_schema(old: dict, new: dict) -> tuple[list[str], list[str], list[str], list[dict]]:
    """(fields added, removed, retyped, other schema changes) from Table Schema `old` to `new`."""
    old_fields = {f["name"]: f for f in old["fields"]}
    new_fields = {f["name"]: f for f in new["fields"]}
    added = [f for f in new_fields if f not in old_fields]
    removed = [f for f in old_fields if f not in new_fields]
    retyped = [
        f
        for f in new_fields
        if f in old_fields and old_fields[f].get("type", "string") != new_fields[f].get("type", "string")
    ]
    changes = []
    for name in added:
        if (new_fields[name].get("constraints") or {}).get("required"):
            changes.append(schema_change(name, "constraint required", None, True, "major", "tightened"))
    for name in new_fields:
        if name in old_fields:
            changes += compare_field(name, old_fields[name], new_fields[name])
    kept_old = [f for f in old_fields if f in new_fields]
    kept_new = [f for f in new_fields if f in old_fields]
    if kept_old != kept_new:
        changes.append(schema_change(None, "field order", kept_old, kept_new, "major"))
    old_key, new_key = as_list(old.get("primaryKey") or []), as_list(new.get("primaryKey") or [])
    if old_key != new_key:
        changes.append(schema_change(None, "primary key", old_key or None, new_key or None, "major"))
    for prop, label in (("foreignKeys", "foreign key"), ("uniqueKeys", "unique key")):
        before, after = keys_of(old, prop), keys_of(new, prop)
        for key in after:
            if key not in before:
                changes.append(schema_change(None, label, None, json.loads(key), "major", "tightened"))
        for key in before:
            if key not in after:
                changes.append(schema_change(None, label, json.loads(key), None, "minor", "loosened"))
    if old.get("missingValues") != new.get("missingValues"):
        changes.append(
            schema_change(None, "missingValues", old.get("missingValues"), new.get("missingValues"), "major")
        )
    for prop in sorted((set(old) | set(new)) - set(SCHEMA_KEYS)):
        if old.get(prop) != new.get(prop):
            changes.append(schema_change(None, prop, old.get(prop), new.get(prop), "patch"))
    return added, removed, retyped, changes


def row_keys(frame: pd.DataFrame, key: list[str]) -> pd.Index:
    """Each row's key; a repeated key gets '#2', '#3', ... so every row is told apart."""
    import pandas as pd

    keys = frame[key[0]]
    for name in key[1:]:
        keys = keys.str.cat(frame[name], sep="/")
    occurrence = keys.groupby(keys).cumcount()
    keys = keys.where(occurrence == 0, keys + "#" + (occurrence + 1).astype(str))
    return pd.Index(keys)


def release_form(name: str, schema: dict) -> dict:
    """A table's schema as a release states it: the sources' `path` relative to the release folder."""
    return release_sources_schema(schema) if name == SOURCES else schema


def compare_table(name: str, old: Project, new: Project, before: pd.DataFrame, after: pd.DataFrame) -> TableDiff:
    """What changed in table `name`, from its cells as written in `old` (before) to those in `new` (after)."""
    result = TableDiff(name)
    old_schema, new_schema = (release_form(name, side.tables[name].schema) for side in (old, new))
    result.fields_added, result.fields_removed, result.fields_retyped, result.schema_changes = compare_schema(
        old_schema, new_schema
    )
    new_fields = new.tables[name].field_names
    old_fields = old.tables[name].field_names
    key = as_list(new_schema.get("primaryKey") or new_fields[:1])
    before, after = before.copy(), after.copy()
    if name == SOURCES:
        for cells in (before, after):
            if PATH_FIELD in cells.columns:
                cells[PATH_FIELD] = cells[PATH_FIELD].map(release_path)
    if not set(key) <= set(before.columns):
        result.added = row_keys(after, key).tolist()
        return result
    before.index, after.index = row_keys(before, key), row_keys(after, key)
    result.added = after.index[~after.index.isin(before.index)].tolist()
    result.removed = before.index[~before.index.isin(after.index)].tolist()
    common_rows = after.index.intersection(before.index)
    common_fields = [f for f in new_fields if f in old_fields]
    old_cells = before.loc[common_rows, common_fields]
    new_cells = after.loc[common_rows, common_fields]
    differs = (old_cells != new_cells).stack()
    for row_key, field_name in differs[differs].index:
        result.changed.append(
            {
                "key": row_key,
                "field": field_name,
                "old": old_cells.at[row_key, field_name],
                "new": new_cells.at[row_key, field_name],
            }
        )
    return result


def diff(old_path: Path | str, new_path: Path | str) -> Diff:
    """What changed between the package at `old_path` and the one at `new_path` (releases or projects)."""
    old, new = open_project(old_path), open_project(new_path)
    result = Diff(str(old_path), str(new_path))
    # A project has no derived tables until it is released: compare those only between releases.
    one_side = {n for n in DERIVED_TABLES if (n in old.tables) != (n in new.tables)}
    with_project = (Path(old_path) / SCHEMAS).is_dir() or (Path(new_path) / SCHEMAS).is_dir()
    skip = one_side if with_project else set()
    result.tables_added = [n for n in new.tables if n not in old.tables and n not in skip]
    result.tables_removed = [n for n in old.tables if n not in new.tables and n not in skip]
    # Each side's tables as written, read as validate reads them: one validate refuses is refused here.
    before, after = (tables_as_written(side, f"nothing compared: {side.root} does not validate") for side in (old, new))
    result.tables = [compare_table(n, old, new, before[n], after[n]) for n in new.tables if n in old.tables]
    result.package_changes = compare_descriptors(old, new)
    return result


# The descriptor's properties a release carries from the project, with the level of a change to each.
PACKAGE_PROPERTIES = {
    "name": "major",
    "licenses": "major",
    "title": "patch",
    "description": "patch",
    "homepage": "patch",
}


def compare_descriptors(old: Project, new: Project) -> list[dict]:
    """The package's own properties, and each shared table's title and description, that changed."""
    changes = []
    for key, level in PACKAGE_PROPERTIES.items():
        before, after = old.descriptor.get(key), new.descriptor.get(key)
        if before != after:
            changes.append({"property": key, "old": before, "new": after, "level": level})
    described = {
        side: {r["name"]: r for r in project.descriptor["resources"] if isinstance(r, dict)}
        for side, project in (("old", old), ("new", new))
    }
    for name in sorted(set(described["old"]) & set(described["new"]) - set(DERIVED_TABLES)):
        for key in ("title", "description"):
            before, after = described["old"][name].get(key), described["new"][name].get(key)
            if before != after:
                changes.append({"property": f"{key} of table {name}", "old": before, "new": after, "level": "patch"})
    return changes
