"""A tiny, complete, valid project written under tmp_path, and ways to break it.

The project uses the repository's own Table Schemas and descriptor: they are
the contract under test. Its data is two short texts, in Indonesian and in
French, and the rows that curate every number in them.

Their account counts contradict each other ("nearly 60 million", "more than 65.25
million": no value is both), so the project has one acknowledged conflict.
"""

from __future__ import annotations

import csv
import functools
import gc
import hashlib
import itertools
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from publish.cli import cli

REPO = Path(__file__).resolve().parent.parent
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z: releases built in tests are dated by it

TEXT_ID = (
    "Pada tahun 2024, pendapatan mencapai 25 miliar dolar AS, meningkat sekitar 20%.\n"
    "Hampir 60 juta akun telah diaktifkan; tingkat akses mencapai 18,3%.\n"
    "Vietnam naik ke peringkat ke-71 dari 193 negara, dengan target pertumbuhan 9-10% pada tahun 2025.\n"
)
TEXT_FR = (
    "En 2024, le chiffre d'affaires atteindra 25 milliards de dollars.\n"
    "Le pays compte plus de 65,25 millions de comptes.\n"
)
MEETING = "2025-02-06"
Y2024 = dict(period_type="year", period_start="2024-01-01", period_end="2024-12-31")
AT_MEETING = dict(period_type="point", period_start=MEETING, period_end=MEETING)


def observation(oid, indicator, source, kind, period, value, unit, quote, **extra):
    return {
        "observation_id": oid,
        "indicator_id": indicator,
        "source_id": source,
        "kind": kind,
        **period,
        "value": value,
        "unit": unit,
        "qualifier": extra.pop("qualifier", "exact"),
        "quote": quote,
        **extra,
    }


TABLES = {
    "units": [
        dict(unit_id="usd", label="US dollars", description="Money in US dollars", minimum="0"),
        dict(unit_id="count", label="Count", description="A number of things", minimum="0"),
        dict(unit_id="percent", label="Percent", description="A share in percent", minimum="0", maximum="100"),
        dict(unit_id="percent_change", label="Percent change", description="A relative change", minimum="-100"),
        dict(unit_id="rank", label="Rank", description="A position in a ranking", minimum="1"),
    ],
    "indicators": [
        dict(indicator_id="revenue", title="Revenue", unit="usd", topic="digital_economy", definition="Revenue"),
        dict(indicator_id="accounts", title="Accounts", unit="count", topic="project_06", definition="Accounts"),
        dict(indicator_id="access_share", title="Access", unit="percent", topic="digital_society", definition="Share"),
        dict(indicator_id="egov_rank", title="Rank", unit="rank", topic="digital_government", definition="Rank"),
        dict(indicator_id="growth", title="Growth", unit="percent_change", topic="digital_economy", definition="GDP"),
    ],
    "observations": [
        observation(
            "a-id-01",
            "revenue",
            "a-id",
            "actual",
            Y2024,
            "25000000000",
            "usd",
            "pendapatan mencapai 25 miliar dolar AS",
        ),
        observation(
            "a-id-02",
            "revenue",
            "a-id",
            "change",
            Y2024,
            "20",
            "percent_change",
            "meningkat sekitar 20%",
            qualifier="about",
            change_type="percent_change",
            compared_start="2023-01-01",
            compared_end="2023-12-31",
        ),
        observation(
            "a-id-03",
            "accounts",
            "a-id",
            "actual",
            AT_MEETING,
            "60000000",
            "count",
            "Hampir 60 juta akun telah diaktifkan",
            qualifier="nearly",
        ),
        observation(
            "a-id-04", "access_share", "a-id", "actual", AT_MEETING, "18.3", "percent", "tingkat akses mencapai 18,3%"
        ),
        observation(
            "a-id-05",
            "egov_rank",
            "a-id",
            "actual",
            Y2024,
            "71",
            "rank",
            "naik ke peringkat ke-71 dari 193 negara",
            denominator="193",
        ),
        observation(
            "a-id-06",
            "growth",
            "a-id",
            "target",
            dict(period_type="year", period_start="2025-01-01", period_end="2025-12-31"),
            "9",
            "percent_change",
            "target pertumbuhan 9-10%",
            value_upper="10",
        ),
        observation(
            "b-fr-01",
            "revenue",
            "b-fr",
            "actual",
            Y2024,
            "25000000000",
            "usd",
            "le chiffre d'affaires atteindra 25 milliards de dollars",
        ),
        observation(
            "b-fr-02",
            "accounts",
            "b-fr",
            "actual",
            AT_MEETING,
            "65250000",
            "count",
            "plus de 65,25 millions de comptes",
            qualifier="more_than",
        ),
    ],
    "exclusions": [
        dict(
            exclusion_id="a-id-x01",
            source_id="a-id",
            quote="Pada tahun 2024",
            number="2024",
            category="year",
            reason="reference year",
        ),
        dict(
            exclusion_id="a-id-x02",
            source_id="a-id",
            quote="pada tahun 2025",
            number="2025",
            category="year",
            reason="target year",
        ),
        dict(
            exclusion_id="b-fr-x01",
            source_id="b-fr",
            quote="En 2024",
            number="2024",
            category="year",
            reason="reference year",
        ),
    ],
    "conflicts": [
        dict(
            conflict_id="accounts-meeting",
            indicator_id="accounts",
            kind="actual",
            period_start=MEETING,
            period_end=MEETING,
            explanation="The two outlets give different counts of activated accounts.",
        ),
    ],
}


class TinyProject:
    """A project folder plus helpers to read and change its tables."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, table: str) -> Path:
        return self.root / "datapackage" / f"{table}.csv"

    def fields(self, table: str) -> list[str]:
        schema = json.loads((self.root / "schemas" / f"{table}.schema.json").read_text(encoding="utf-8"))
        return [f["name"] for f in schema["fields"]]

    def rows(self, table: str) -> list[dict]:
        with self.path(table).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def write(self, table: str, rows: list[dict], fields: list[str] | None = None) -> None:
        with self.path(table).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fields or self.fields(table), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: row.get(k, "") for k in (fields or self.fields(table))} for row in rows)

    def edit(self, table: str, index: int, **changes: str) -> None:
        """Change fields of the row at 0-based data index (CSV row index + 2)."""
        rows = self.rows(table)
        rows[index].update(changes)
        self.write(table, rows)

    def append(self, table: str, **row: str) -> None:
        self.write(table, [*self.rows(table), row])

    def drop(self, table: str, index: int) -> None:
        rows = self.rows(table)
        del rows[index]
        self.write(table, rows)

    def seed(self, name: str) -> Path:
        return self.root / "seeds" / name

    def rewrite_seed(self, name: str, text: str) -> None:
        """Change an archived text and record its new hash and size, as a curator would."""
        data = text.encode("utf-8")
        self.seed(name).write_bytes(data)
        index = next(i for i, row in enumerate(self.rows("sources")) if row["path"] == f"seeds/{name}")
        self.edit("sources", index, sha256=hashlib.sha256(data).hexdigest(), bytes=str(len(data)))

    def validate(self, *args: str):
        return CliRunner().invoke(cli, ["validate", str(self.root), *args])

    def report(self) -> tuple[int, dict]:
        result = self.validate("--format", "json")
        return result.exit_code, json.loads(result.output)


def archived_row(project: TinyProject, source_id: str, name: str, language: str, text: str, event_date: str) -> dict:
    """Archive `text` as seeds/NAME and return its sources row, its event filled in as a curator would."""
    data = text.encode("utf-8")
    project.seed(name).write_bytes(data)
    return dict(
        source_id=source_id,
        path=f"seeds/{name}",
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=str(len(data)),
        language=language,
        event_id="meeting",
        event="A meeting",
        event_date=event_date,
        date_basis="stated: on the day",
    )


def write_tiny_project(root: Path) -> TinyProject:
    """The tiny project written at `root` (which must not exist yet), file by file from its bytes."""
    files = tiny_project_files()
    for folder in sorted({Path(name).parent for name in files}):
        (root / folder).mkdir(parents=True)
    for name, data in files.items():
        (root / name).write_bytes(data)
    return TinyProject(root)


@functools.cache
def tiny_project_files() -> dict[str, bytes]:
    """Every file of the tiny project by its path in the project, built once per run: most tests
    start from it, and writing its bytes opens a third of the files building it does."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        (root / "seeds").mkdir(parents=True)
        (root / "datapackage").mkdir()
        shutil.copytree(REPO / "schemas", root / "schemas")
        shutil.copy(REPO / "datapackage.json", root / "datapackage.json")
        project = TinyProject(root)
        sources = [
            archived_row(project, source_id, name, language, text, MEETING)
            for source_id, name, language, text in (("a-id", "a.txt", "id", TEXT_ID), ("b-fr", "b.txt", "fr", TEXT_FR))
        ]
        project.write("sources", sources)
        for table, rows in TABLES.items():
            project.write(table, rows)
        return files_of(root)


@pytest.fixture
def tmp_path(tmp_path_factory) -> Path:
    """A new empty folder for the test, under the run's own. Pytest's own numbers each test's folder by
    listing every folder made before it, a millisecond a test by the end of a run; a random name costs
    nothing."""
    return Path(tempfile.mkdtemp(prefix="test-", dir=tmp_path_factory.getbasetemp()))


@pytest.fixture
def project(tmp_path: Path) -> TinyProject:
    return write_tiny_project(tmp_path / "project")


@pytest.fixture(scope="session")
def repository_report():
    """`validate` of the repository's own data, run once: the tests that read the real data only read it."""
    from publish.validate import validate

    return validate(REPO)


@pytest.fixture(scope="session")
def released_once(tmp_path_factory) -> Path:
    """The tiny project released as 1.0.0 into its own releases/ folder, built once per run: a release
    is the same bytes however often it is built (tests/test_release_identity.py proves it)."""
    project = write_tiny_project(tmp_path_factory.mktemp("released") / "project")
    result = release(project, "--version", "1.0.0")
    assert result.exit_code == 0, result.output
    return project.root


@pytest.fixture
def built(project: TinyProject, released_once: Path) -> Path:
    """The tiny project as `publish release --version 1.0.0` leaves it: a copy of the one built for the
    run, so a test may damage or extend its own. The release's folder."""
    shutil.copytree(released_once, project.root, dirs_exist_ok=True)
    return project.root / "releases" / "1.0.0"


@pytest.fixture(scope="session")
def released_out_once(tmp_path_factory) -> Path:
    """The tiny project released as 1.0.0 with `--out`, into a folder of its own, built once per run."""
    root = tmp_path_factory.mktemp("released_out")
    project = write_tiny_project(root / "project")
    result = release(project, "--version", "1.0.0", "--out", str(root / "out"))
    assert result.exit_code == 0, result.output
    return root / "out" / "1.0.0"


@pytest.fixture
def built_out(tmp_path: Path, released_out_once: Path) -> Path:
    """`publish release --version 1.0.0 --out TMP/out` of the tiny project: a copy of the one built for
    the run. The release's folder."""
    return Path(shutil.copytree(released_out_once, tmp_path / "out" / "1.0.0"))


def run(*args: str, env: dict | None = None, input: str | None = None):
    """`publish ARGS` through Click, dated by EPOCH unless `env` says otherwise; `input` is what is typed."""
    environment = {"SOURCE_DATE_EPOCH": None, **(EPOCH if env is None else env)}
    return CliRunner().invoke(cli, list(args), env=environment, input=input)


def release(project: TinyProject, *args: str, env: dict | None = None):
    return run("release", str(project.root), *args, env=env)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_source(project: TinyProject, article: Path, *extra: str, url: str = "https://example.org/news/1"):
    """`publish add-source` of a Ukrainian article into the tiny project."""
    args = ["add-source", str(article), "--project", str(project.root), "--url", url]
    return run(*args, "--publisher", "Вісник", "--language", "uk", *extra)


# Headless Chromium as the page tests start it: without the background services that reach for a
# network this machine does not have.
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_path() -> str | None:
    import shutil

    return next((path for path in map(shutil.which, BROWSERS) if path), None)


# The slow proofs (real processes at once and killed, byte-for-byte rebuilds, the benchmark
# harness, the browser, R) run with `pytest --slow`, as CI does; a plain `pytest` skips them.
def pytest_addoption(parser):
    parser.addoption(
        "--slow",
        action="store_true",
        help="also run the slow proofs (concurrency, kill -9, rebuilds, benchmark, browser, R), as CI does",
    )


def in_turn(firsts: list, seconds: list) -> list:
    """Every pair of FIRSTS and SECONDS as pytest parameters: a plain run takes each of FIRSTS once,
    with SECONDS in turn (each of both lists is tried), and `pytest --slow` every pair."""
    quick = {(n, n % len(seconds)) for n in range(len(firsts))}
    return [
        pytest.param(first, second, marks=() if (i, j) in quick else pytest.mark.slow, id=f"{first}-{second}")
        for i, first in enumerate(firsts)
        for j, second in enumerate(seconds)
    ]


@pytest.hookimpl(tryfirst=True)  # before pytest's own reads where the temporary files go
def pytest_configure(config):
    # Property tests try 300 examples each under --slow and 40 in a plain run: the rules they prove
    # fail on the first few examples of most breaks, and the full search runs in CI.
    from hypothesis import settings

    settings.register_profile("quick", max_examples=40)
    settings.register_profile("slow", max_examples=300)
    settings.load_profile("slow" if config.getoption("--slow") else "quick")
    if config.option.basetemp is None:
        config.option.basetemp = scratch_in_memory()


# The tests write some 20,000 small files a run (projects, releases, drafts). On a disk that journals
# each one the kernel's work costs the run 5 to 10 s of CPU; in memory (tmpfs) it is gone. Used where
# the system offers one with room to spare; `--basetemp DIR` chooses another place.
MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 2 << 30


def scratch_in_memory() -> str | None:
    """A new folder in memory for this run's temporary files, or None (pytest's own place) if there is none."""
    try:
        usage = os.statvfs(MEMORY_FOLDER)
        if not MEMORY_FOLDER.is_dir() or usage.f_bavail * usage.f_frsize < MEMORY_NEEDED:
            return None
        return tempfile.mkdtemp(prefix="publish-tests-", dir=MEMORY_FOLDER)
    except (OSError, AttributeError):  # no such folder, or no statvfs (Windows)
        return None


def pytest_sessionfinish(session, exitstatus):
    # A run's folder in memory is removed when every test passed; after a failure it stays, for a look.
    folder = session.config.option.basetemp
    if exitstatus == 0 and folder and Path(folder).parent == MEMORY_FOLDER:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_finish(session):
    # What collection imported (pandas, pyarrow, every module and language file) lives to the end of the
    # run: frozen, the collector no longer walks it at each full collection. (A higher threshold cut the
    # collector's own time further but cost more than it saved, in memory traffic.)
    gc.collect()
    gc.freeze()


TESTS_BETWEEN_FREEZES = 20
finished_tests = itertools.count(1)


def pytest_runtest_logfinish(nodeid, location):
    # What the tests leave alive (the caches of patterns, numbers and tables) grows as the run goes on,
    # and each full collection walked all of it again: 4 s of a plain run. Collected and frozen every
    # few tests, between tests (a test's fixtures are gone by then), it is walked once.
    if next(finished_tests) % TESTS_BETWEEN_FREEZES == 0:
        gc.collect()
        gc.freeze()


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="a slow proof: `pytest --slow` runs it (CI does)")
    for item in items:
        # A test that opens a browser (the `browser` and `phone` fixtures) is a slow proof too.
        if "slow" in item.keywords or {"browser", "phone"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(skip)


# A text to review (publish review, accept, reject): written for the tests, in Vietnamese, with figures of
# the tiny project's indicators, a figure no indicator's words are near, an ordinal and a time of day.
REVIEW_EVENT = "2025-03-10"
REVIEW_TEXT = (
    "Năm 2024, doanh thu đạt 25 tỷ USD, tăng khoảng 20%. Có 3 triệu người dùng mới. "
    "Tỷ lệ truy cập đạt 18,3%; có 50 triệu thẻ căn cước. Chương trình có 2 giai đoạn. "
    "Hội nghị lần thứ 3 diễn ra lúc 09:45.\n"
)
# The words of the tiny project's indicators (curation/indicator_words.csv): its own texts' (validate
# proves an observation's indicator by them) and the review text's.
REVIEW_WORDS = [
    ("revenue", "id", "pendapatan"),
    ("accounts", "id", "akun"),
    ("access_share", "id", "akses"),
    ("egov_rank", "id", "peringkat"),
    ("growth", "id", "pertumbuhan"),
    ("revenue", "fr", "chiffre d'affaires"),
    ("accounts", "fr", "comptes"),
    ("revenue", "vi", "doanh thu"),
    ("accounts", "vi", "thẻ căn cước"),
    ("access_share", "vi", "tỷ lệ"),
    ("growth", "vi", "tăng trưởng"),
]


def with_review_words(project: TinyProject) -> TinyProject:
    (project.root / "curation").mkdir(exist_ok=True)
    with (project.root / "curation" / "indicator_words.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["indicator_id", "language", "phrase"])
        writer.writerows(REVIEW_WORDS)
    return project


@pytest.fixture
def drafted(project: TinyProject) -> TinyProject:
    """The tiny project with its indicators' words, and REVIEW_TEXT archived as `news` and drafted into it."""
    with_review_words(project)
    project.append("sources", **archived_row(project, "news", "news.txt", "vi", REVIEW_TEXT, REVIEW_EVENT))
    result = run("draft", "news", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture
def browser():
    """Headless Chromium, or a skip where there is none (a failure under REQUIRE_BROWSER, as in CI)."""
    import os

    executable = browser_path()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("no Chromium found, and REQUIRE_BROWSER is set")
        pytest.skip("no Chromium on this machine (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def draft_rows(language: str, text: str, event: str, indicators, words) -> list:
    """The rows publish draft drafts of a text in-process (no project on disk), given the indicators
    and their words the tests name; the drafting rules' tests read them."""
    from datetime import date

    import pandas as pd

    from publish.draft import draft_text
    from publish.draft.text import number_of
    from publish.numbers import find_numbers

    numbers = [number_of(row) for row in find_numbers(pd.Series([text]), language).itertuples()]
    return draft_text(text, language, date.fromisoformat(event), indicators, words, numbers)


def add_an_estimate_beside_the_actual(project: TinyProject) -> None:
    """The French source also estimates the access share it states as an actual (18,3 %), on the same day."""
    project.rewrite_seed("b.txt", TEXT_FR + "Le taux d'accès est estimé à 18,3 %.\n")
    project.append(
        "observations",
        observation_id="b-fr-03",
        indicator_id="access_share",
        source_id="b-fr",
        kind="estimate",
        period_type="point",
        period_start="2025-02-06",
        period_end="2025-02-06",
        value="18.3",
        unit="percent",
        qualifier="exact",
        quote="Le taux d'accès est estimé à 18,3 %",
    )


# The indicators the drafting rules' texts may name, and their words per language.
DRAFT_INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["fibre_share", "revenue"],
        "title": ["Households with fibre", "Revenue"],
        "unit": ["percent", "usd"],
        "topic": ["digital_infrastructure", "digital_economy"],
        "definition": ["Share of households with fibre", "Revenue"],
    }
)
DRAFT_WORDS = pd.DataFrame(
    [
        ("fibre_share", "vi", "số hộ có cáp quang"),
        ("fibre_share", "en", "share of households with fibre"),
        ("fibre_share", "fr", "part des foyers raccordés à la fibre"),
        ("revenue", "vi", "doanh thu"),
        ("revenue", "en", "revenue"),
        ("revenue", "fr", "chiffre d'affaires"),
    ],
    columns=["indicator_id", "language", "phrase"],
)
