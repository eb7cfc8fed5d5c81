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
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
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
GROUPS = ["pages", "admin", "registration", "reports", "transfers"]
REGISTER_ROWS = 100_000
JOB_TIMEOUT_SECONDS = 30 * 60
QUEUED_TIMEOUT_SECONDS = 120
WORKER_OPTIONS = [
    "--loglevel=WARNING",
    "--without-gossip",
    "--without-mingle",
    f"--hostname=benchmark-{os.getpid()}@localhost",
]


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
        return children_peak_mb(self.process.pid)


def children_peak_mb(pid: int) -> float:
    """The largest high-water resident memory among the child processes of `pid` so far."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    peaks = []
    for child in children:
        status = Path(f"/proc/{child}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks, default=0.0)


class CeleryWorker:
    """A Celery worker beside the server, as in production (one prefork child), on its broker."""

    def __init__(self, server: Gunicorn):
        self.environment = server.environment
        self.process = None
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log")  # noqa: SIM115 - kept open while it runs

    def __enter__(self):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "unidir_cb", "worker", "--pool=prefork", "--concurrency=1", *WORKER_OPTIONS],
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    def __exit__(self, *exc_info):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()

    def peak_mb(self) -> float:
        return children_peak_mb(self.process.pid)

    def log_tail(self, characters: int = 4000) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-characters:]


@dataclass
class Load:
    requests_per_second: float
    latency_ms: float
    requests: int
    errors: int
    output: str


def require_200(url: str, headers=()) -> None:
    """wrk counts a redirect as a success: a page measured while signed out (the login redirect) would
    look fast. One plain GET first must answer 200."""
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
    connection.request(
        "GET",
        f"{parsed.path}?{parsed.query}" if parsed.query else parsed.path,
        headers=dict(header.split(": ", 1) for header in headers),
    )
    response = connection.getresponse()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{url} answered {response.status} ({response.getheader('Location', '')}), not 200")


def wrk(url: str, *, seconds: int, connections: int, threads: int = 2, headers=(), script=None, env=None) -> Load:
    if script is None:
        require_200(url, headers)
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


def transfers_script(url: str, *arguments) -> dict:
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_ENV": "test"}
    output = subprocess.run(
        [PYTHON, "benchmarks/transfers.py", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def post(server: Gunicorn, path: str, session: str, body: bytes = b"", content_type: str = "") -> int:
    """A staff member's POST (session and CSRF cookies), not following the redirect it answers."""
    csrf = secrets.token_hex(16)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    headers = {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}
    if content_type:
        headers["Content-Type"] = content_type
    connection.request("POST", path, body=body, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


def multipart(fields: dict, file_field: str, path: Path) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{path.name}"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wait_for_import_job(url: str, file_name: str, job_column: str, worker: CeleryWorker) -> dict:
    """The finished job (preview_job or confirm_job) of the import of `file_name`, polled in the
    database; a job no worker has taken after QUEUED_TIMEOUT_SECONDS fails the run with the worker's log."""
    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as connection:
        while time.monotonic() < started + JOB_TIMEOUT_SECONDS:
            row = connection.execute(
                f"SELECT d.id, j.status, j.result, j.error FROM unidir_cb_dataimport d "  # noqa: S608 - a column name of ours
                f"JOIN reporting_reportjob j ON j.id = d.{job_column} WHERE d.file_name = %s",
                [file_name],
            ).fetchone()
            if row and row[1] in ("succeeded", "failed"):
                return {"data_import": row[0], "status": row[1], "result": row[2] or {}, "error": row[3]}
            if (not row or row[1] == "queued") and time.monotonic() > started + QUEUED_TIMEOUT_SECONDS:
                raise RuntimeError(f"no worker took the {job_column} of {file_name}; worker log:\n{worker.log_tail()}")
            time.sleep(0.5)
    raise RuntimeError(f"the {job_column} of {file_name} did not finish within {JOB_TIMEOUT_SECONDS} s")


def import_row(server: Gunicorn, data: dict, url: str) -> Row:
    """A 100,000-row participant register through the admin, as staff would: upload (the preview job
    starts), wait, confirm (the import job starts), wait; a Celery worker does the rows."""
    transfers_script(url, "forget")
    with tempfile.TemporaryDirectory() as folder:
        register = Path(folder) / f"register-{REGISTER_ROWS}.csv"
        written = transfers_script(url, "write-register", str(register), str(REGISTER_ROWS))
        baseline = transfers_script(url, "bulk-create", str(register))
        with CeleryWorker(server) as worker:
            body, content_type = multipart({"format": "csv"}, "import_file", register)
            started = time.monotonic()
            upload_status = post(server, "/admin/events/participant/import/", data["staff_session"], body, content_type)
            upload_seconds = time.monotonic() - started
            if upload_status != 302:
                raise RuntimeError(f"the upload answered {upload_status}, not a redirect to its job")
            preview = wait_for_import_job(url, register.name, "preview_job_id", worker)
            dry_run_seconds = time.monotonic() - started
            if preview["status"] != "succeeded":
                raise RuntimeError(f"the preview failed: {preview['error']}")
            started = time.monotonic()
            confirm_path = f"/admin/events/participant/import/{preview['data_import']}/confirm/"
            post(server, confirm_path, data["staff_session"])
            confirmed = wait_for_import_job(url, register.name, "confirm_job_id", worker)
            confirm_seconds = time.monotonic() - started
            peak_mb = worker.peak_mb()
    outcome = confirmed["result"].get("import", {})
    totals = outcome.get("totals", {})
    imported = transfers_script(url, "forget")["participants"]
    rate = REGISTER_ROWS / confirm_seconds
    baseline_rate = baseline["rows"] / baseline["seconds"]
    exact = confirmed["status"] == "succeeded" and imported == REGISTER_ROWS
    return Row(
        name=f"participant import of {REGISTER_ROWS:,} rows, admin path (confirm)",
        figure=f"{rate:,.0f} rows/s",
        baseline=f"{baseline_rate:,.0f} rows/s bulk_create in batches of {1000:,}",
        ratio=rate / baseline_rate,
        peak_mb=peak_mb,
        target=">= 2,000 rows/s and >= 0.2 of bulk_create; the whole file in one import",
        passed=rate >= 2000 and rate / baseline_rate >= 0.2 and exact,
        notes=[
            f"dry run {REGISTER_ROWS / dry_run_seconds:,.0f} rows/s ({dry_run_seconds:.0f} s)",
            f"confirm {confirm_seconds:.0f} s",
            f"{written['bytes'] / 1e6:.1f} MB file uploaded in {upload_seconds * 1000:,.0f} ms",
            f"{imported:,} participants written; totals {json.dumps(totals)}"
            + ("" if exact else f"; job {confirmed['status']}: {confirmed['error']}"),
        ],
    )


# What the benchmark's COPY writes: the columns of the registrations export, from the same tables.
REGISTRATIONS_COPY = (
    "COPY (SELECT e.slug, p.email, p.first_name, p.last_name, p.country, p.organisation, p.organisation_kind, "
    "p.job_title, p.gender, r.status, r.attended FROM events_registration r "
    "JOIN events_participant p ON p.id = r.participant_id JOIN events_event e ON e.id = r.event_id "
    "ORDER BY r.created_at, r.id) TO STDOUT WITH CSV HEADER"
)


def copy_seconds(url: str, path: Path) -> float:
    started = time.monotonic()
    with (
        psycopg.connect(url) as connection,
        path.open("wb") as file,
        connection.cursor().copy(REGISTRATIONS_COPY) as copy,
    ):
        for chunk in copy:
            file.write(chunk)
    return time.monotonic() - started


def export_rows(demo_url: str, url: str) -> list[Row]:
    """All registrations exported as the admin's export job writes them (export_file, the same
    path), against PostgreSQL's own COPY of the same columns; peak memory at demo and full size."""
    with psycopg.connect(url) as connection:
        registrations = connection.execute("SELECT count(*) FROM events_registration").fetchone()[0]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        copy_rate = registrations / copy_seconds(url, Path(folder) / "copy.csv")
        for file_format, needs_rate in (("csv", True), ("xlsx", False)):
            output = Path(folder) / f"registrations.{file_format}"
            arguments = ["export_file", "events.registration", "--format", file_format, "-v0"]
            _, demo_peak_mb, _ = timed_command(demo_url, [*arguments, "--output", str(output)])
            seconds, peak_mb, _ = timed_command(url, [*arguments, "--output", str(output)])
            rate = registrations / seconds
            rows.append(
                Row(
                    name=f"export of {registrations:,} registrations, {file_format.upper()}",
                    figure=f"{rate:,.0f} rows/s ({seconds:.0f} s)",
                    baseline=f"{copy_rate:,.0f} rows/s PostgreSQL COPY to CSV",
                    ratio=rate / copy_rate,
                    peak_mb=peak_mb,
                    target="<= 300 MB peak" + (", >= 20,000 rows/s" if needs_rate else ""),
                    passed=peak_mb <= 300 and (rate >= 20_000 or not needs_rate),
                    notes=[
                        f"{output.stat().st_size / 1e6:.0f} MB file",
                        f"peak {demo_peak_mb:.0f} MB at demo size",
                    ],
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

    def measure(group: str, function, *arguments) -> None:
        """Add the group's rows; a group that breaks becomes one MISS row with its error, so the
        rows measured before and after it still reach the table."""
        try:
            measured = function(*arguments)
        except Exception as error:  # reported in the table, and the run exits 1
            measured = [
                Row(name=f"{group}: could not be measured", figure="error", passed=False, notes=[str(error)[:500]])
            ]
        for row in measured if isinstance(measured, list) else [measured]:
            print(f"{row.verdict:<4} {row.name}: {row.figure} (baseline {row.baseline or '-'})", flush=True)
            rows.append(row)

    if {"pages", "admin", "registration", "transfers"} & set(options.only):
        with Gunicorn(full_url) as server:
            if "pages" in options.only:
                measure("pages", page_rows, server, data, counts)
            if "admin" in options.only:
                measure("admin", admin_rows, server, data, counts)
            if "registration" in options.only:
                measure("registration", registration_row, server, data, full_url)
            if "transfers" in options.only:
                measure("import", import_row, server, data, full_url)
    if "reports" in options.only:
        measure("reports", report_rows, full_url, data)
    if "transfers" in options.only:
        measure("export", export_rows, demo_url, full_url)
    output = table(rows)
    print(output)
    if options.results:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        options.results.write_text(
            f"# Benchmark results\n\n`make benchmark` on {stamp}, commit {commit()}, {options.participants:,} "
            f"participants.\n\nMachine: {machine()}.\n\n{output}\n"
        )
    if any(row.figure == "error" for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
