"""`make benchmark`: the scale targets measured on PostgreSQL at a real programme's size.

    make benchmark                                  # 100,000 participants, prints the table
    make benchmark BENCHMARK_ARGS="--results benchmarks/RESULTS.md --participants 100000"

Two databases on the PostgreSQL server of BENCHMARK_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/unidir_cb_benchmark): `<name>_demo` holds the demo programme;
`<name>` holds the demo plus the generated twenty-year programme (`generate_scale_data`), built once
and reused while its size matches. gunicorn serves the site (DEBUG off, Redis as cache and broker)
and wrk loads it. Each figure is compared with a baseline measured in the same run, right before it,
on the same server: pages with a trivial template view, a registration with a trivial logged-in
insert. Query counts come from both databases and must match. The machine is shared: absolute
times vary from run to run, ratios much less.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/unidir_cb_benchmark"
REDIS_URL = os.environ.get("BENCHMARK_REDIS_URL", "redis://127.0.0.1:6379")
GUNICORN_WORKERS = 4
PAGE_SECONDS = 8
CROWD_SIZE = 20_000
CROWD_CONNECTIONS = 50
GROUPS = ["pages", "admin", "registration", "reports"]


@dataclass
class Row:
    name: str
    figure: str
    baseline: str = ""
    ratio: float | None = None
    queries: str = ""
    peak_mb: float | None = None
    target: str = ""
    passed: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "MISS", None: ""}[self.passed]


# Databases -----------------------------------------------------------------------------------------


def database_url(name: str, base: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + name


def ensure_database(url: str) -> bool:
    """Create the database if it is missing; True when it was created."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(database_url("postgres", url), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return not exists


def manage(url: str, *arguments, check=True, settings="unidir_cb.settings") -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_ENV": "test", "DJANGO_SETTINGS_MODULE": settings}
    return subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=check, text=True)


def scale_participants(url: str) -> int | None:
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT count(*) FROM events_participant WHERE email LIKE 'scale.participant.%%'"
        ).fetchone()
    return row[0] or None


def prepare_databases(base_url: str, participants: int) -> tuple[str, str]:
    demo_url = database_url(base_url.rsplit("/", 1)[1] + "_demo", base_url)
    if ensure_database(demo_url):
        manage(demo_url, "migrate", "--no-input", "-v0")
        manage(demo_url, "load_demo")
    manage(demo_url, "migrate", "--no-input", "-v0")
    ensure_database(base_url)
    manage(base_url, "migrate", "--no-input", "-v0")
    present = scale_participants(base_url)
    if present not in (None, participants):
        print(f"The benchmark database holds {present:,} generated participants, not {participants:,}: rebuilding it.")
        with psycopg.connect(database_url("postgres", base_url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{base_url.rsplit("/", 1)[1]}"')
        return prepare_databases(base_url, participants)
    if present is None:
        manage(base_url, "load_demo")
        started = time.monotonic()
        manage(base_url, "generate_scale_data", "--participants", str(participants))
        print(f"generate_scale_data --participants {participants}: {time.monotonic() - started:.0f} s")
    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute("ANALYZE")
    return demo_url, base_url


def fixtures(url: str) -> dict:
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_ENV": "test"}
    output = subprocess.run(
        [PYTHON, "benchmarks/fixtures.py", str(CROWD_SIZE)],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def query_counts(url: str, pages: dict) -> dict:
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_ENV": "test"}
    output = subprocess.run(
        [PYTHON, "benchmarks/query_counts.py", json.dumps(pages)],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# The server ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, url: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        redis_number = os.environ.get("BENCHMARK_REDIS_DB", "9")
        self.environment = {
            **os.environ,
            "DJANGO_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DEBUG": "false",
            "DATABASE_URL": url,
            "CACHE_URL": f"{REDIS_URL}/{redis_number}",
            "CELERY_BROKER_URL": f"{REDIS_URL}/{int(redis_number) - 1}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
        self.process = None

    def __enter__(self):
        subprocess.run(["redis-cli", "-u", self.environment["CACHE_URL"], "FLUSHDB"], check=True, capture_output=True)
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "unidir_cb.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(GUNICORN_WORKERS),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.environment,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /healthz within a minute")

    def __exit__(self, *exc_info):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        subprocess.run(["redis-cli", "-u", self.environment["CELERY_BROKER_URL"], "FLUSHDB"], capture_output=True)

    def worker_peak_mb(self) -> float:
        """The largest high-water resident memory of the gunicorn workers so far."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        peaks = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return max(peaks, default=0.0)


@dataclass
class Load:
    requests_per_second: float
    latency_ms: float
    requests: int
    errors: int
    output: str


def wrk(url: str, *, seconds: int, connections: int, threads: int = 2, headers=(), script=None, env=None) -> Load:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s)", output)
    latency_ms = float(latency.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[latency.group(2)]
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non_success.group(1)) if non_success else 0
    if socket_errors:
        errors += sum(int(value) for value in socket_errors.groups())
    return Load(rate, latency_ms, requests, errors, output)


# The measurements ----------------------------------------------------------------------------------


def page_rows(server: Gunicorn, data: dict, counts: dict) -> list[Row]:
    pages = [
        ("public events list", "/en/events/", 0.5),
        ("home", "/en/", 0.5),
        ("event detail", f"/en/events/{data['busiest_event']}/", 0.5),
        ("publications catalogue", "/en/publications/", 0.5),
        ("public feed.ics", "/en/events/feed.ics", 0.3),
    ]
    # As browsers and calendar clients ask: the cached pages are kept compressed for them.
    gzip = ["Accept-Encoding: gzip"]
    rows = []
    for name, path, target in pages:
        baseline = wrk(f"{server.base}/benchmark/trivial/", seconds=PAGE_SECONDS, connections=8, headers=gzip)
        load = wrk(f"{server.base}{path}", seconds=PAGE_SECONDS, connections=8, headers=gzip)
        ratio = load.requests_per_second / baseline.requests_per_second
        row = Row(
            name=name,
            figure=f"{load.requests_per_second:,.0f} req/s",
            baseline=f"{baseline.requests_per_second:,.0f} req/s trivial page",
            ratio=ratio,
            queries=counts.get(name, ""),
            peak_mb=server.worker_peak_mb(),
            target=f">= {target} of the trivial page",
            passed=ratio >= target and load.errors == 0,
        )
        if load.errors:
            row.notes.append(f"{load.errors} failed requests")
        rows.append(row)
    feed = f"{server.base}/en/events/feed.ics"
    uncompressed = wrk(feed, seconds=PAGE_SECONDS, connections=8)
    rows[-1].notes += [
        conditional_get_note(feed),
        f"{uncompressed.requests_per_second:,.0f} req/s to a client that does not accept gzip",
    ]
    return rows


def conditional_get_note(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        validators = {name: response.headers[name] for name in ("ETag", "Last-Modified") if response.headers[name]}
    if not validators:
        return "no ETag or Last-Modified: conditional GET not answered"
    headers = {"If-None-Match": validators["ETag"]} if "ETag" in validators else {}
    if "Last-Modified" in validators:
        headers["If-Modified-Since"] = validators["Last-Modified"]
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        urllib.request.urlopen(request, timeout=30)  # noqa: S310
    except urllib.error.HTTPError as answer:
        if answer.code == 304:
            return f"conditional GET answers 304 ({', '.join(validators)})"
        return f"conditional GET answered {answer.code}"
    return "conditional GET answered 200, not 304"


def admin_rows(server: Gunicorn, data: dict, counts: dict) -> list[Row]:
    cookie = f"Cookie: sessionid={data['staff_session']}"
    pages = [
        ("admin: registrations", "/admin/events/registration/", 300),
        ("admin: participants", "/admin/events/participant/", 300),
        ("admin: events", "/admin/events/event/", 300),
        ("admin: registration search", f"/admin/events/registration/?q={data['search_name']}", 500),
    ]
    rows = []
    for name, path, target_ms in pages:
        baseline = wrk(f"{server.base}/benchmark/trivial/", seconds=4, connections=1, threads=1, headers=[cookie])
        load = wrk(f"{server.base}{path}", seconds=PAGE_SECONDS, connections=1, threads=1, headers=[cookie])
        rows.append(
            Row(
                name=name,
                figure=f"{load.latency_ms:,.0f} ms",
                baseline=f"{baseline.latency_ms:,.1f} ms trivial page",
                ratio=load.latency_ms / baseline.latency_ms,
                queries=counts.get(name, ""),
                peak_mb=server.worker_peak_mb(),
                target=f"<= {target_ms} ms",
                passed=load.latency_ms <= target_ms and load.errors == 0,
                notes=[f"{load.errors} failed requests"] if load.errors else [],
            )
        )
    return rows


def registration_row(server: Gunicorn, data: dict, base_url: str) -> Row:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as sessions_file:
        sessions_file.write("\n".join(data["crowd_sessions"]))
    environment = {
        "BENCHMARK_SESSIONS": sessions_file.name,
        "BENCHMARK_CSRF": data["csrf_secret"],
        "BENCHMARK_THREADS": "2",
    }
    script = ROOT / "benchmarks" / "wrk" / "crowd_post.lua"
    register_path = f"/en/events/{data['fifty_seat_event']}/register/"
    baseline = wrk(
        f"{server.base}/benchmark/insert/",
        seconds=PAGE_SECONDS,
        connections=CROWD_CONNECTIONS,
        script=script,
        env={**environment, "BENCHMARK_PATH": "/benchmark/insert/"},
    )
    load = wrk(
        f"{server.base}{register_path}",
        seconds=PAGE_SECONDS,
        connections=CROWD_CONNECTIONS,
        script=script,
        env={**environment, "BENCHMARK_PATH": register_path},
    )
    os.unlink(sessions_file.name)
    with psycopg.connect(base_url) as connection:
        counts = dict(
            connection.execute(
                "SELECT r.status, count(*) FROM events_registration r JOIN events_event e ON e.id = r.event_id "
                "WHERE e.slug = %s GROUP BY r.status",
                [data["fifty_seat_event"]],
            ).fetchall()
        )
    confirmed, waitlisted = counts.get("confirmed", 0), counts.get("waitlisted", 0)
    exact = confirmed == 50 and set(counts) <= {"confirmed", "waitlisted"}
    ratio = load.requests_per_second / baseline.requests_per_second
    return Row(
        name=f"{CROWD_CONNECTIONS} clients registering for 50 seats",
        figure=f"{load.requests_per_second:,.0f} registrations/s",
        baseline=f"{baseline.requests_per_second:,.0f} inserts/s trivial insert",
        ratio=ratio,
        peak_mb=server.worker_peak_mb(),
        target=">= 0.3 of the trivial insert; exactly 50 confirmed, 0 errors",
        passed=ratio >= 0.3 and exact and load.errors == 0,
        notes=[f"{confirmed} confirmed, {waitlisted} waitlisted, {load.errors} errors ({load.requests} requests)"],
    )


def timed_command(url: str, arguments: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak resident MB of `manage.py ARGUMENTS` in a process of its own."""
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_ENV": "test"}
    started = time.monotonic()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024, result.stdout


def pdf_pages(folder: Path) -> str:
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs or not shutil.which("pdfinfo"):
        return ""
    info = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True).stdout
    match = re.search(r"Pages:\s+(\d+)", info)
    return f"PDF {match.group(1)} pages" if match else ""


def report_rows(base_url: str, data: dict) -> list[Row]:
    today = datetime.date.today()
    reports = [
        ("mapping submission, all formats", ["compile_mapping_submission", "--exercise", "SCALE/mapping"]),
        (
            "donor report, all formats",
            [
                "run_report",
                "donor_report",
                "--donor",
                data["donor"],
                "--start",
                f"{today.year - 19}-01-01",
                "--end",
                f"{today.year}-12-31",
            ],
        ),
    ]
    rows = []
    for name, arguments in reports:
        with tempfile.TemporaryDirectory() as folder:
            seconds, peak_mb, _ = timed_command(base_url, [*arguments, "--output", folder])
            pages = pdf_pages(Path(folder))
        rows.append(
            Row(
                name=name,
                figure=f"{seconds:.1f} s",
                peak_mb=peak_mb,
                target="<= 30 s, <= 500 MB",
                passed=seconds <= 30 and peak_mb <= 500,
                notes=[pages] if pages else [],
            )
        )
    return rows


# Output --------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    header = "| what | figure | baseline (same run) | ratio | queries demo / full | peak MB | target | result | notes |"
    lines = [header, "|" + "---|" * 9]
    for row in rows:
        ratio = f"{row.ratio:.3f}" if row.ratio is not None else ""
        peak = f"{row.peak_mb:.0f}" if row.peak_mb is not None else ""
        lines.append(
            f"| {row.name} | {row.figure} | {row.baseline} | {ratio} | {row.queries} | {peak} | {row.target} | "
            f"{row.verdict} | {'; '.join(row.notes)} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} × {cpu}, {memory_kb / 1024 / 1024:.0f} GiB, {postgres}, Python {platform.python_version()}"
    )


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--results", type=Path, help="Also write the table, machine and date to this Markdown file.")
    parser.add_argument(
        "--only", nargs="+", choices=GROUPS, default=GROUPS, help="Measure only these groups of rows (default: all)."
    )
    options = parser.parse_args()
    for program in ("wrk", "redis-cli", "psql"):
        if not shutil.which(program):
            sys.exit(f"{program} is missing: `make benchmark` installs it (Debian package).")
    base_url = os.environ.get("BENCHMARK_DATABASE_URL", DEFAULT_DATABASE_URL)
    demo_url, full_url = prepare_databases(base_url, options.participants)
    data = fixtures(full_url)
    pages = {
        "public events list": ["/en/events/", "anonymous"],
        "home": ["/en/", "anonymous"],
        "event detail": [f"/en/events/{data['busiest_event']}/", "anonymous"],
        "publications catalogue": ["/en/publications/", "anonymous"],
        "public feed.ics": ["/en/events/feed.ics", "anonymous"],
        "admin: registrations": ["/admin/events/registration/", "staff"],
        "admin: participants": ["/admin/events/participant/", "staff"],
        "admin: events": ["/admin/events/event/", "staff"],
        "admin: registration search": [f"/admin/events/registration/?q={data['search_name']}", "staff"],
    }
    demo_counts, full_counts = query_counts(demo_url, pages), query_counts(full_url, pages)
    counts = {name: f"{demo_counts[name]} / {full_counts[name]}" for name in pages}
    rows = []
    if {"pages", "admin", "registration"} & set(options.only):
        with Gunicorn(full_url) as server:
            if "pages" in options.only:
                rows += page_rows(server, data, counts)
            if "admin" in options.only:
                rows += admin_rows(server, data, counts)
            if "registration" in options.only:
                rows.append(registration_row(server, data, full_url))
    if "reports" in options.only:
        rows += report_rows(full_url, data)
    output = table(rows)
    print(output)
    if options.results:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        options.results.write_text(
            f"# Benchmark results\n\n`make benchmark` on {stamp}, commit {commit()}, {options.participants:,} "
            f"participants.\n\nMachine: {machine()}.\n\n{output}\n"
        )


if __name__ == "__main__":
    main()
