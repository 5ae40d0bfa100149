"""Imports follow the data flow: archive → tables → checks → validate → series →
report → release → cli. No module imports one that sits above it, so each step
can be read, tested and changed knowing only what lies below it."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

# Each module's place in the flow; a module may import its own layer's and lower ones'.
LAYERS = [
    # what every step shares: errors, rule ids, findings, the project on disk, the column kernels,
    # the number parser and its languages
    (
        "publish",
        "publish.errors",
        "publish.rules",
        "publish.findings",
        "publish.project",
        "publish.writes",
        "publish.kernels",
        "publish.identity",
        "publish.reading",
        "publish.numbers",
        "publish.languages",
        "publish.templates",
    ),
    ("publish.archive",),
    ("publish.checks.structure", "publish.checks.schema", "publish.tables"),
    ("publish.checks",),
    ("publish.validate",),
    ("publish.series",),
    # the curator's tools read the checked tables
    ("publish.report", "publish.curate", "publish.draft", "publish.draft_save", "publish.review"),
    ("publish.release",),  # a release carries the page
    ("publish.cli", "publish.__main__"),
]


def layer_of(module: str) -> int:
    best = None
    for number, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > len(best[1])):
                best = (number, name)
    assert best is not None, f"{module} has no place in the flow"
    return best[0]


def imports_of(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name == "publish" or name.startswith("publish.")}


def modules() -> dict[str, object]:
    found = {}
    for path in sorted((REPO / "publish").rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def test_no_module_imports_one_above_it_in_the_flow():
    known = modules()
    upward = set()
    for module, path in known.items():
        for imported in imports_of(path):
            target = imported if imported in known else imported.rsplit(".", 1)[0]
            if target in known and layer_of(target) > layer_of(module):
                upward.add(f"{module} imports {target}")
    assert not upward, sorted(upward)


CHECKED_BY_PANDERA = """
import pandas as pd
from publish.checks.schema import pandera_api
pa = pandera_api()
schema = pa.DataFrameSchema({"unit": pa.Column(checks=pa.Check.isin(["usd"]))})
try:
    schema.validate(pd.DataFrame({"unit": ["usd", "eur"]}), lazy=True)
except pa.errors.SchemaErrors as errors:
    print(errors.failure_cases["failure_case"].tolist())
print("hypothesis" in sys.modules)
"""


def test_publish_verify_and_help_import_no_pandas_and_checks_import_no_hypothesis():
    code = (
        "import sys; from click.testing import CliRunner; from publish.cli import cli; "
        "CliRunner().invoke(cli, ['verify', '--help']); import publish.release.verify; "
        "print('pandas' in sys.modules)" + CHECKED_BY_PANDERA
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # pandera would import hypothesis (installed with the tests) only to synthesise data.
    assert done.stdout.split("\n")[:3] == ["False", "['eur']", "False"]
