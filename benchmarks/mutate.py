"""`make mutate`: plant each bug of benchmarks/mutations.toml in a copy of the project, one at a time,
and run the tests beside its rule; a mutant the tests do not fail has survived.

    make mutate                                         # every mutation, prints the table
    make mutate MUTATE_ARGS="--only donors/money.py"    # the mutations of one module
    make mutate MUTATE_ARGS="--results benchmarks/MUTATION.md"

Mutants run in a copy of the committed and working files (never in this checkout, so an interrupted
run leaves nothing planted), on SQLite, with the browser, office and reliability tests left out as
in the SQLite pass of CI. The unmutated copy must pass the same tests first, or the run stops: a
failing baseline would count every mutant as caught. Exit status 1 when a mutant survives that is
not marked equivalent, or when a mutation no longer matches its module (the code moved on).
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTATIONS_FILE = ROOT / "benchmarks" / "mutations.toml"
PYTEST_MARKERS = "not browser and not office and not reliability"
# A guard against a mutant that makes a test hang (a loop that never ends), not a speed target.
MUTANT_TIMEOUT_SECONDS = 600


@dataclass
class Mutation:
    module: str
    bug: str
    find: str
    replace: str
    equivalent: str = ""


@dataclass
class Outcome:
    mutation: Mutation
    verdict: str  # caught, survived, equivalent, stale (no longer matches), broken (tests could not run)
    seconds: float
    detail: str = ""


def load(path: Path) -> tuple[dict[str, list[str]], list[Mutation]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["tests"], [Mutation(**entry) for entry in data["mutation"]]


def copy_project(destination: Path) -> None:
    """The files git knows of, committed or not (what a developer is testing), without .venv; the
    npm packages the tests run (d3-geo, ical.js) are linked, not copied."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            target = destination / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    if (ROOT / "node_modules").is_dir():
        (destination / "node_modules").symlink_to(ROOT / "node_modules")


def run_tests(copy: Path, test_paths: list[str]) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_ENV": "test", "PYTHONDONTWRITEBYTECODE": "1"}
    environment.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", PYTEST_MARKERS]
    return subprocess.run(
        [*command, *test_paths],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        timeout=MUTANT_TIMEOUT_SECONDS,
    )


def first_failure(output: str) -> str:
    for line in output.splitlines():
        if line.startswith("FAILED ") or line.startswith("ERROR "):
            return line.split(" - ")[0].removeprefix("FAILED ").removeprefix("ERROR ")
    return ""


def try_mutation(copy: Path, mutation: Mutation, test_paths: list[str]) -> Outcome:
    path = copy / mutation.module
    original = path.read_text(encoding="utf-8")
    occurrences = original.count(mutation.find)
    if occurrences != 1:
        return Outcome(mutation, "stale", 0.0, f"`find` occurs {occurrences} times in {mutation.module}")
    started = time.monotonic()
    path.write_text(original.replace(mutation.find, mutation.replace), encoding="utf-8")
    try:
        result = run_tests(copy, test_paths)
    except subprocess.TimeoutExpired:
        return Outcome(mutation, "caught", time.monotonic() - started, "the tests hung (timeout)")
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = time.monotonic() - started
    if result.returncode == 0:
        return Outcome(mutation, "equivalent" if mutation.equivalent else "survived", seconds, mutation.equivalent)
    if result.returncode == 1:
        return Outcome(mutation, "caught", seconds, first_failure(result.stdout))
    return Outcome(mutation, "broken", seconds, (result.stdout + result.stderr)[-400:])


def check_baseline(copy: Path, tests: dict[str, list[str]], modules: set[str]) -> None:
    paths = sorted({path for module in modules for path in tests[module]})
    print(f"Baseline: the unmutated project against {len(paths)} test modules ...", flush=True)
    result = run_tests(copy, paths)
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-2000:], sep="\n")
        raise SystemExit("The tests fail without any mutation: fix them before measuring mutants.")


def summary_rows(outcomes: list[Outcome]) -> list[tuple[str, int, int, int, int]]:
    by_module: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_module[outcome.mutation.module].append(outcome)
    rows = []
    for module, results in by_module.items():
        verdicts = [result.verdict for result in results]
        rows.append(
            (module, len(results), verdicts.count("caught"), verdicts.count("survived"), verdicts.count("equivalent"))
        )
    return rows


def markdown(outcomes: list[Outcome], tests: dict[str, list[str]], elapsed: float) -> str:
    caught = sum(outcome.verdict == "caught" for outcome in outcomes)
    scored = sum(outcome.verdict in ("caught", "survived") for outcome in outcomes)
    lines = [
        "# Mutation score",
        "",
        f"`make mutate` on {platform.node()} ({platform.platform()}), "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} minutes: "
        f"**{caught} of {scored} planted bugs caught** by the tests beside their rule "
        "(SQLite, without browser, office and reliability tests).",
        "",
        "| module | mutants | caught | survived | equivalent | tests run |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for module, total, caught_here, survived, equivalent in summary_rows(outcomes):
        run = ", ".join(path.removeprefix("tests/") for path in tests[module])
        lines.append(f"| {module} | {total} | {caught_here} | {survived} | {equivalent} | {run} |")
    lines += ["", "| module | planted bug | verdict | first failing test |", "|---|---|---|---|"]
    for outcome in outcomes:
        detail = outcome.detail.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {outcome.mutation.module} | {outcome.mutation.bug} | {outcome.verdict} | {detail} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", default=[], help="Only the mutations of these modules.")
    parser.add_argument("--results", help="Also write the score and every mutant's verdict to this Markdown file.")
    arguments = parser.parse_args()

    tests, mutations = load(MUTATIONS_FILE)
    if arguments.only:
        mutations = [mutation for mutation in mutations if mutation.module in arguments.only]
    missing = {mutation.module for mutation in mutations} - tests.keys()
    if missing:
        raise SystemExit(f"No [tests] entry for {', '.join(sorted(missing))} in {MUTATIONS_FILE.name}.")

    started = time.monotonic()
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="unidir-cb-mutants-") as directory:
        copy = Path(directory)
        copy_project(copy)
        check_baseline(copy, tests, {mutation.module for mutation in mutations})
        for number, mutation in enumerate(mutations, start=1):
            outcome = try_mutation(copy, mutation, tests[mutation.module])
            outcomes.append(outcome)
            print(
                f"[{number:>2}/{len(mutations)}] {outcome.verdict:<10} {outcome.seconds:5.0f} s  "
                f"{mutation.module}: {mutation.bug}",
                flush=True,
            )
            if outcome.verdict in ("survived", "stale", "broken"):
                print(f"         {outcome.detail}", flush=True)
    elapsed = time.monotonic() - started

    print()
    print(f"{'module':<45} {'mutants':>7} {'caught':>6} {'survived':>8} {'equivalent':>10}")
    for module, total, caught, survived, equivalent in summary_rows(outcomes):
        print(f"{module:<45} {total:>7} {caught:>6} {survived:>8} {equivalent:>10}")
    caught = sum(outcome.verdict == "caught" for outcome in outcomes)
    scored = sum(outcome.verdict in ("caught", "survived") for outcome in outcomes)
    print(f"\n{caught} of {scored} planted bugs caught in {elapsed / 60:.1f} minutes.")
    if arguments.results:
        Path(arguments.results).write_text(markdown(outcomes, tests, elapsed), encoding="utf-8")
        print(f"Written to {arguments.results}")
    failed = [outcome for outcome in outcomes if outcome.verdict in ("survived", "stale", "broken")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
