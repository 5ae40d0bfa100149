"""Compare two releases, or a release and the working tree: rows added,
removed and changed (with old and new values) and schema changes; and the
SemVer level such a change calls for."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from publish.checks.schema import as_list
from publish.project import DERIVED_TABLES, SCHEMAS, Project, open_project


@dataclass
class TableDiff:
    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # {key, field, old, new}
    fields_added: list[str] = field(default_factory=list)
    fields_removed: list[str] = field(default_factory=list)
    fields_retyped: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.fields_added
            or self.fields_removed
            or self.fields_retyped
        )


@dataclass
class Diff:
    old: str
    new: str
    tables_added: list[str] = field(default_factory=list)
    tables_removed: list[str] = field(default_factory=list)
    tables: list[TableDiff] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.tables_added or self.tables_removed or any(not t.empty() for t in self.tables))

    def level(self) -> str | None:
        """major: something a user relied on is gone; minor: something new; patch: corrections."""
        if self.tables_removed or any(t.fields_removed or t.fields_retyped or t.removed for t in self.tables):
            return "major"
        if self.tables_added or any(t.fields_added or t.added for t in self.tables):
            return "minor"
        if any(t.changed for t in self.tables):
            return "patch"
        return None

    def as_dict(self) -> dict:
        return {
            "old": self.old,
            "new": self.new,
            "level": self.level(),
            "tables_added": self.tables_added,
            "tables_removed": self.tables_removed,
            "tables": [t.__dict__ for t in self.tables if not t.empty()],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        lines = [f"Changes from {self.old} to {self.new}"]
        lines += [f"  table added: {name}" for name in self.tables_added]
        lines += [f"  table removed: {name}" for name in self.tables_removed]
        for t in self.tables:
            if t.empty():
                continue
            lines.append(f"{t.name}:")
            lines += [f"  field added: {f}" for f in t.fields_added]
            lines += [f"  field removed: {f}" for f in t.fields_removed]
            lines += [f"  field type changed: {f}" for f in t.fields_retyped]
            lines += [f"  + {key}" for key in t.added]
            lines += [f"  - {key}" for key in t.removed]
            lines += [f"  ~ {c['key']} {c['field']}: {c['old']!r} -> {c['new']!r}" for c in t.changed]
        if self.empty():
            lines.append("  no changes")
        else:
            lines.append(f"SemVer level: {self.level()}")
        return "\n".join(lines)

    def changelog(self) -> str:
        """Keep a Changelog sections describing the data changes."""
        added, changed, removed = [], [], []
        added += [f"Table `{name}`." for name in self.tables_added]
        removed += [f"Table `{name}`." for name in self.tables_removed]
        for t in self.tables:
            added += [f"Field `{t.name}.{f}`." for f in t.fields_added]
            removed += [f"Field `{t.name}.{f}`." for f in t.fields_removed]
            changed += [f"Type of field `{t.name}.{f}`." for f in t.fields_retyped]
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


def read_strings(project: Project, name: str) -> pd.DataFrame:
    path = project.root / project.tables[name].path
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def row_keys(frame: pd.DataFrame, key: list[str]) -> pd.Index:
    keys = frame[key[0]]
    for name in key[1:]:
        keys = keys.str.cat(frame[name], sep="/")
    return pd.Index(keys)


def compare_table(name: str, old: Project, new: Project) -> TableDiff:
    result = TableDiff(name)
    old_fields = {f["name"]: f.get("type", "string") for f in old.tables[name].fields}
    new_fields = {f["name"]: f.get("type", "string") for f in new.tables[name].fields}
    result.fields_added = [f for f in new_fields if f not in old_fields]
    result.fields_removed = [f for f in old_fields if f not in new_fields]
    result.fields_retyped = [f for f in new_fields if f in old_fields and old_fields[f] != new_fields[f]]
    key = as_list(new.tables[name].schema.get("primaryKey") or list(new_fields)[:1])
    before, after = read_strings(old, name), read_strings(new, name)
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
    result.tables = [compare_table(n, old, new) for n in new.tables if n in old.tables]
    return result
