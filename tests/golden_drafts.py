"""The golden drafts: what `publish draft` drafts, row for row, from the texts the drafting tests use
and from each of the repository's sources left out in turn (as bench/draft_eval.py leaves them out).

tests/test_draft_golden.py drafts them again and compares every cell, so a change meant to leave the
drafts alone (a restructuring) shows every row it changes. After a change meant to change them,
write them again and review the difference before committing it:

    python tests/golden_drafts.py

tests/golden/texts.csv holds the texts of the drafting tests (gathered from tests/test_draft*.py
when the goldens are written); observations.csv, exclusions.csv and indicators.csv hold the drafted
rows, each with the `case` it was drafted from.
"""

from __future__ import annotations

import ast
import csv
import sys
import tempfile
from pathlib import Path

import pandas as pd

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
GOLDEN = TESTS / "golden"
TABLES = ("observations", "exclusions", "indicators")
TEXT_COLUMNS = ("case", "language", "event_date", "text")
DEFAULT_EVENT = "2025-02-06"  # test_draft.EVENT, the date a test text's report is given unless told


def _string(node: ast.AST, assigned: dict[str, str]) -> str | None:
    """A text written as a literal (adjacent literals are one) or as a name assigned one before."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return assigned.get(node.id)
    return None


def _texts_of(tree: ast.Module, file: str) -> list[dict[str, str]]:
    """The texts a test file drafts: `archive(project, "vi", text)` calls, `case("vi", text, …)` and
    `pytest.param("vi", text, …)`, each named by its id or its test function."""
    found = []
    for scope in tree.body:
        assignments = [node for node in ast.walk(scope) if isinstance(node, ast.Assign)]
        assigned = {
            target.id: text
            for node in assignments
            if (text := _string(node.value, {})) is not None
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for call in (n for n in ast.walk(scope) if isinstance(n, ast.Call)):
            called = getattr(call.func, "id", getattr(call.func, "attr", ""))
            at = {"archive": 1, "case": 0, "param": 0}.get(called)
            if at is None or len(call.args) < at + 2:
                continue
            language, text = _string(call.args[at], {}), _string(call.args[at + 1], assigned)
            keywords = {k.arg: _string(k.value, {}) for k in call.keywords}
            name = keywords.get("id") or getattr(scope, "name", "module")
            event = keywords.get("event") or keywords.get("event_date") or DEFAULT_EVENT
            if language and text:
                found.append(dict(case=f"{file}::{name}", language=language, event_date=event, text=text))
    return found


def listings() -> list[dict[str, str]]:
    """A short list of figures in each language of tests/test_draft_scale.py, which drafts long ones."""
    sys.path.insert(0, str(TESTS))
    from test_draft_scale import FIGURES

    return [
        dict(
            case=f"test_draft_scale.py::listing-{code}",
            language=code,
            event_date=DEFAULT_EVENT,
            text="Angka: " + ", ".join(figure(i) for i in range(1, 13)) + ".\n",
        )
        for code, figure in sorted(FIGURES.items())
    ]


def test_texts() -> pd.DataFrame:
    """Every distinct text of tests/test_draft*.py, each named by its file and function and a number."""
    rows: list[dict[str, str]] = []
    for path in sorted(TESTS.glob("test_draft*.py")):
        rows += _texts_of(ast.parse(path.read_text(encoding="utf-8")), path.name)
    rows += listings()
    frame = pd.DataFrame(rows, columns=list(TEXT_COLUMNS)).drop_duplicates(["language", "event_date", "text"])
    frame["case"] = [f"{case}#{n}" for n, case in enumerate(frame["case"], start=1)]  # a test may draft two
    return frame.reset_index(drop=True)


def tiny_project(root: Path):
    """The drafting tests' tiny project: conftest's, with its indicators' words and the units drafting proposes."""
    sys.path.insert(0, str(TESTS))
    from conftest import write_tiny_project
    from test_draft import EXTRA_UNITS, WORDS

    project = write_tiny_project(root)
    (root / "curation").mkdir(exist_ok=True)
    with (root / "curation" / "indicator_words.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["indicator_id", "language", "phrase"])
        writer.writerows(WORDS)
    units = [dict(unit_id=u, label=u, description=f"A value in {u}", minimum="0") for u in EXTRA_UNITS]
    project.write("units", [*project.rows("units"), *units])
    return project


def _with_case(drafts, case: str) -> dict[str, pd.DataFrame]:
    return {name: getattr(drafts, name).assign(case=case) for name in TABLES}


def drafts_of_texts(texts: pd.DataFrame, folder: Path) -> list[dict[str, pd.DataFrame]]:
    """Each text archived into a tiny project of its own (two tests may draft one text) and drafted."""
    from conftest import archived_row

    from publish.draft import draft

    drafted = []
    for n, row in enumerate(texts.itertuples(index=False), start=1):
        project = tiny_project(folder / f"tiny-{n:03d}")
        project.append("sources", **archived_row(project, "news", "news.txt", row.language, row.text, row.event_date))
        drafted.append(_with_case(draft(project.root, "news"), row.case))
    return drafted


def drafts_of_sources(folder: Path) -> list[dict[str, pd.DataFrame]]:
    """Each source of the repository left out of a copy of the project and drafted."""
    sys.path.insert(0, str(REPO / "bench"))
    from draft_eval import read, reduced_copy

    from publish.draft import draft

    drafted = []
    for source_id in read(REPO / "datapackage" / "sources.csv")["source_id"]:
        project = folder / source_id
        project.mkdir()
        reduced_copy(source_id, project)
        drafted.append(_with_case(draft(project, source_id), f"source::{source_id}"))
    return drafted


def golden_tables(texts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The drafted rows of every case, per table, the case first."""
    with tempfile.TemporaryDirectory() as folder:
        drafted = drafts_of_texts(texts, Path(folder)) + drafts_of_sources(Path(folder))
    tables = {}
    for name in TABLES:
        frame = pd.concat([d[name] for d in drafted], ignore_index=True).fillna("").astype(str)
        tables[name] = frame[["case", *(c for c in frame.columns if c != "case")]]
    return tables


def read_golden(name: str) -> pd.DataFrame:
    return pd.read_csv(GOLDEN / f"{name}.csv", dtype=str, keep_default_na=False)


def write_golden() -> None:
    GOLDEN.mkdir(exist_ok=True)
    texts = test_texts()
    texts.to_csv(GOLDEN / "texts.csv", index=False, lineterminator="\n")
    for name, frame in golden_tables(texts).items():
        frame.to_csv(GOLDEN / f"{name}.csv", index=False, lineterminator="\n")
    print(f"wrote {GOLDEN}: {len(texts)} test texts and the repository's sources")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    write_golden()
