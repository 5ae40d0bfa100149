"""Benchmark `publish validate` against frictionless and a plain pyarrow read.

    python bench/run.py [--sizes 100000 1000000] [--runs 3] [--work DIR] [--baseline REV]

Builds packages with bench/generate.py, then times whole processes,
interleaved, several runs each: `publish validate DIR`; `frictionless
validate` of the same observations CSV with its Table Schema (the anchor: it
checks far less); a plain `pyarrow.csv.read_csv` of that CSV plus reading the
source texts (the floor); and, as a bound on what any run of the checks can
reach, reading the tables and checking their schemas alone, the first part of
`publish validate`. Also `publish --help` start-up and `publish validate` on
this repository. With `--baseline REV`, `publish validate` as of that commit
(checked out beside the work folder) is timed in the same runs, so a change is
measured against where it started. Reports medians, ratios from the same run
and peak memory, and writes them to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

FLOOR = (
    "import sys, pathlib, pyarrow.csv as c; c.read_csv(sys.argv[1]); "
    "[p.read_bytes() for p in pathlib.Path(sys.argv[2]).iterdir()]"
)
TABLES_ONLY = (
    "import sys; from publish.project import open_project; from publish.tables import load_tables; "
    "load_tables(open_project(sys.argv[1]))"
)
BEGIN, END = "<!-- results: written by bench/run.py -->", "<!-- end of results -->"
TARGETS = {
    # At most this many times reading the tables and checking their schemas through pandera, the
    # bound on any run of every check, at the largest size.
    "ratio_to_bound": 2.0,
    "slower_than_baseline": 1.10,  # with --baseline: at most this many times the baseline's time
    "peak_rss_gib": 2.0,
    "linear_growth": 12.0,  # largest / smallest at most this, for a 10x size step
    "help_seconds": 0.15,
    "repository_seconds": 1.0,  # a curator runs it after every edit (median of at least 5 runs)
}


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and exit code of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def anchor_schema(folder: Path) -> str:
    """The observations' Table Schema without the keys into other tables, which frictionless cannot
    check on one table; written beside the package, relative to it (frictionless refuses absolute paths)."""
    schema = json.loads((folder / "schemas" / "observations.schema.json").read_text(encoding="utf-8"))
    schema.pop("foreignKeys", None)
    (folder / "observations.anchor.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    return "observations.anchor.schema.json"


BASELINE = "publish validate at the baseline"


def checkout(revision: str, work: Path) -> Path:
    """The `publish` package as of `revision`, unpacked under `work` (once per commit) by `git archive`,
    which leaves the repository as it is."""
    import io
    import tarfile

    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", f"{revision}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tree = work / f"baseline-{commit[:12]}"
    if not (tree / "publish").is_dir():
        packed = subprocess.run(["git", "-C", str(REPO), "archive", commit, "publish"], capture_output=True, check=True)
        with tarfile.open(fileobj=io.BytesIO(packed.stdout)) as archive:
            # The "data" filter (Python 3.11.4 and later) refuses links and paths out of `tree`; before it,
            # the same is checked by hand, so the harness runs on every Python 3.11 the README names.
            if hasattr(tarfile, "data_filter"):
                archive.extractall(tree, filter="data")
            else:
                _refuse_unsafe_members(archive, tree)
                archive.extractall(tree)
    return tree


def _refuse_unsafe_members(archive, tree: Path) -> None:
    """Refuse an archive member that is a link or would land outside `tree`."""
    root = tree.resolve()
    for member in archive.getmembers():
        target = (tree / member.name).resolve()
        if member.issym() or member.islnk() or not (target == root or root in target.parents):
            raise SystemExit(f"refusing {member.name!r} in the archive of the baseline: a link or a path out of it")


def commands(folder: Path, baseline: Path | None = None) -> dict[str, list[str]]:
    observations = folder / "datapackage" / "observations.csv"
    frictionless = ["validate", "datapackage/observations.csv", "--schema", anchor_schema(folder)]
    at_baseline = f"import sys; sys.path.insert(0, {str(baseline)!r}); from publish.cli import cli; cli()"
    return {
        "publish validate": [sys.executable, "-m", "publish", "validate", str(folder)],
        **({BASELINE: [sys.executable, "-c", at_baseline, "validate", str(folder)]} if baseline else {}),
        "frictionless validate": [sys.executable, "-m", "frictionless", *frictionless],
        "pyarrow read (floor)": [sys.executable, "-c", FLOOR, str(observations), str(folder / "seeds")],
        "tables and schemas only (bound)": [sys.executable, "-c", TABLES_ONLY, str(folder)],
    }


def run(sizes: list[int], runs: int, work: Path, baseline: str | None = None) -> dict:
    results: dict = {"sizes": {}, "runs": runs, "baseline": baseline}
    tree = checkout(baseline, work) if baseline else None
    for size in sizes:
        folder = work / f"bench-{size}"
        if not (folder / "datapackage.json").exists():
            print(f"generating {size:,} observations in {folder}", flush=True)
            generate(size, folder)
        planned = commands(folder, tree)  # writes the anchor schema once per package
        timings: dict[str, list[tuple[float, float, int]]] = {name: [] for name in planned}
        settle = planned["pyarrow read (floor)"]
        for attempt in range(runs):  # interleaved, so load on the machine hits all alike
            for name, command in planned.items():
                # A process started right after a long one that freed much memory spends up to a
                # second more in the kernel (measured: the floor took 0.8 s after frictionless,
                # 0.35 s otherwise); an untimed read first puts every timed command in like state.
                measure(settle, cwd=folder)
                timings[name].append(measure(command, cwd=folder))
                print(f"{size:>9,} run {attempt + 1} {name}: {timings[name][-1][0]:.2f} s", flush=True)
        results["sizes"][size] = {
            name: {
                "median": statistics.median(t for t, _, _ in values),
                "rss": max(m for _, m, _ in values),
                "exit": sorted({c for _, _, c in values}),
            }
            for name, values in timings.items()
        }
    help_runs = [measure([str(Path(sys.executable).parent / "publish"), "--help"])[0] for _ in range(max(5, runs))]
    repo_runs = [measure([sys.executable, "-m", "publish", "validate", str(REPO)])[0] for _ in range(max(5, runs))]
    results["help"] = statistics.median(help_runs)
    results["repository"] = statistics.median(repo_runs)
    return results


def report(results: dict) -> str:
    sizes = sorted(results["sizes"])
    largest, smallest = sizes[-1], sizes[0]
    lines = [
        f"Measured by `python bench/run.py` on {os.cpu_count()} cores ({platform.machine()}, "
        f"Python {platform.python_version()}), {results['runs']} interleaved runs each; times are medians of "
        "whole processes, memory is the peak resident set of the process.",
        "",
        "| observations | command | median (s) | peak RSS (MiB) | exit |",
        "| ---: | --- | ---: | ---: | --- |",
    ]
    for size in sizes:
        for name, value in results["sizes"][size].items():
            lines.append(
                f"| {size:,} | {name} | {value['median']:.2f} | {value['rss']:.0f} | "
                f"{', '.join(map(str, value['exit']))} |"
            )
    big = results["sizes"][largest]
    bound = big["tables and schemas only (bound)"]["median"]
    to_bound = big["publish validate"]["median"] / bound
    rss = big["publish validate"]["rss"] / 1024
    growth = big["publish validate"]["median"] / results["sizes"][smallest]["publish validate"]["median"]
    checks = [
        (
            f"time vs tables and schemas alone at {largest:,}",
            f"{to_bound:.1f}×",
            f"≤ {TARGETS['ratio_to_bound']:g}×",
            to_bound <= TARGETS["ratio_to_bound"],
        ),
    ]
    if BASELINE in big:
        versus = big["publish validate"]["median"] / big[BASELINE]["median"]
        checks.append(
            (
                f"time vs `publish validate` at {results['baseline']} at {largest:,}",
                f"{versus:.2f}×",
                f"≤ {TARGETS['slower_than_baseline']:g}×",
                versus <= TARGETS["slower_than_baseline"],
            )
        )
    checks += [
        (
            f"peak memory at {largest:,}",
            f"{rss:.2f} GiB",
            f"≤ {TARGETS['peak_rss_gib']:g} GiB",
            rss <= TARGETS["peak_rss_gib"],
        ),
        (
            f"growth {smallest:,} → {largest:,}",
            f"{growth:.1f}×",
            f"≤ {TARGETS['linear_growth']:g}×",
            growth <= TARGETS["linear_growth"],
        ),
        (
            "`publish --help`",
            f"{results['help']:.3f} s",
            f"≤ {TARGETS['help_seconds']:g} s",
            results["help"] <= TARGETS["help_seconds"],
        ),
        (
            "`publish validate` on the repository",
            f"{results['repository']:.2f} s",
            f"≤ {TARGETS['repository_seconds']:g} s",
            results["repository"] <= TARGETS["repository_seconds"],
        ),
    ]
    lines += ["", "| target | measured | goal | met |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {name} | {value} | {goal} | {'yes' if ok else '**no**'} |" for name, value, goal, ok in checks]
    lines += [
        "",
        f"Reading the tables and checking their schemas alone, the first part of `publish validate`, takes "
        f"{bound:.2f} s at {largest:,}; frictionless, checking far less, takes "
        f"{big['frictionless validate']['median']:.2f} s, and a plain read of the CSV and texts "
        f"{big['pyarrow read (floor)']['median']:.2f} s.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "publish-bench")
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "docs" / "benchmarks.md",
        help="the page whose results block is replaced; the rest of it is kept",
    )
    parser.add_argument("--baseline", metavar="REV", help="also time `publish validate` as of this commit")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    table = report(run(sorted(args.sizes), args.runs, args.work, args.baseline))
    write_results(args.out, table)
    print(table)


def write_results(page: Path, table: str) -> None:
    """Put the table between the results markers of `page`, keeping its hand-written history."""
    block = f"{BEGIN}\n{table}{END}"
    text = page.read_text(encoding="utf-8") if page.exists() else f"{block}\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = block + "\n\n" + text
    page.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
