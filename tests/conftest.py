"""Fixtures for the real services the suite talks to: Redis, a Celery worker process, Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck, settings

from tests.factories import staff_member
from unidir_cb.core.permissions import MANAGEMENT, PROGRAMME_STAFF

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Property-based tests build a programme per example in the database: a few examples in CI (and by
# default), many with HYPOTHESIS_PROFILE=thorough. No example database is written into the checkout.
settings.register_profile(
    "ci", max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def language_of_each_test_is_english():
    """A request to /ar/... leaves Arabic active in the test's thread (LocaleMiddleware activates it):
    every test starts and ends in English, the language the project's code runs in by default."""
    translation.activate("en")
    yield
    translation.activate("en")


def wait_until(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def manager(db):
    """Management: reads everything, runs reports (and so compiles and approves), sees amounts."""
    return staff_member(MANAGEMENT, email="manager@unidir.example")


@pytest.fixture
def other_manager(db):
    return staff_member(MANAGEMENT, email="other.manager@unidir.example")


@pytest.fixture
def programme_staff(db):
    """Programme staff: edit everything but money; do not run reports."""
    return staff_member(PROGRAMME_STAFF, email="staff@unidir.example")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits (allauth's and ours) count in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def redis_url():
    """A Redis database for the test session: TEST_REDIS_URL (CI), else a private redis-server."""
    configured = os.environ.get("TEST_REDIS_URL")
    if configured:
        if not redis_answers(configured):
            pytest.fail(f"TEST_REDIS_URL={configured} does not answer PING")
        redis.Redis.from_url(configured).flushdb()
        yield configured
        return
    server_binary = shutil.which("redis-server")
    if server_binary is None:
        pytest.fail("redis-server is not installed: run `make test`, which installs it, or set TEST_REDIS_URL")
    port = free_port()
    server = subprocess.Popen(
        [server_binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_until(lambda: redis_answers(url), 10, "the private redis-server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def database_url_of(settings_dict) -> str:
    """The URL a separate process needs to open the database the test is using right now."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    credentials = settings_dict["USER"] + (f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else "")
    return f"postgres://{credentials}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"


def run_manage(*arguments, **environment) -> subprocess.CompletedProcess:
    """`python manage.py ...` in a child process, as a person types it in a shell. The child gets
    only the Django settings given in `environment`, none of this process's."""
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "SECRET"))}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_ROOT,
        env={**base, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


# One pool process and no talk between workers: the quickest worker to start, enough for most tests.
QUICK_WORKER_OPTIONS = ("--concurrency=1", "--without-gossip", "--without-mingle")


class CeleryProcess:
    """A `celery` child process (worker or beat) on the test broker and database, its log kept for failures."""

    def __init__(self, command: list[str], broker_url: str, database_url: str, log_path: Path):
        self.log_path = log_path
        environment = {
            **os.environ,
            "DJANGO_ENV": "test",
            "CELERY_BROKER_URL": broker_url,
            "DATABASE_URL": database_url,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "unidir_cb", *command, "--loglevel=INFO"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        return self.log_path.read_text()

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self):
        """Kill the whole process (the main one and its pool children) as an out-of-memory killer would."""
        subprocess.run(["pkill", "-KILL", "-P", str(self.process.pid)], check=False)
        self.process.kill()
        self.process.wait(timeout=10)


class WorkerProcess(CeleryProcess):
    """A `celery worker` consuming from the test Redis."""

    def __init__(self, broker_url: str, database_url: str, log_path: Path, options=QUICK_WORKER_OPTIONS):
        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        super().__init__(["worker", "--pool=prefork", *options, "-n", self.name], broker_url, database_url, log_path)

    def wait_ready(self, timeout=60):
        wait_until(
            lambda: "ready." in self.log() or self.process.poll() is not None,
            timeout,
            "the Celery worker did not become ready",
        )
        if self.process.poll() is not None:
            pytest.fail(f"the Celery worker exited at start:\n{self.log()}")


class BeatProcess(CeleryProcess):
    """`celery beat` with the project's database scheduler, sending the periodic tasks to the test Redis."""

    def __init__(self, broker_url: str, database_url: str, log_path: Path):
        folder = log_path.parent
        command = ["beat", f"--pidfile={folder / 'beat.pid'}", f"--schedule={folder / 'beat-schedule'}"]
        super().__init__(command, broker_url, database_url, log_path)

    def wait_ready(self, timeout=60):
        wait_until(
            lambda: "beat: Starting..." in self.log() or self.process.poll() is not None,
            timeout,
            "celery beat did not start",
        )
        if self.process.poll() is not None:
            pytest.fail(f"celery beat exited at start:\n{self.log()}")


@contextmanager
def broker_in_use(broker_url: str):
    """Point the in-process Celery app at the real broker instead of running tasks eagerly.

    Through the Django settings the app reads its configuration from: Celery 5.6 looks a setting up
    there before any app.conf.update()."""
    from unidir_cb.celery import app

    def forget_connections():
        # The connection and producer pools were built for the previous URL (none, so amqp://localhost,
        # once any earlier test ran a task eagerly).
        app._pool = None
        app.amqp._producer_pool = None

    with override_settings(CELERY_BROKER_URL=broker_url, CELERY_TASK_ALWAYS_EAGER=False):
        forget_connections()
        try:
            yield app
        finally:
            forget_connections()


@contextmanager
def celery_processes(broker_url: str, folder: Path):
    """Start worker and beat processes on demand against `broker_url` and the test database; the
    in-process app sends there too. All are stopped at the end."""
    from django.db import connection

    started = []

    def start(process_class, **options):
        process = process_class(
            broker_url, database_url_of(connection.settings_dict), folder / f"celery{len(started)}.log", **options
        )
        started.append(process)
        process.wait_ready()
        return process

    # Messages an earlier test left in the queue (its worker stopped first) would run against this
    # test's database: every test's workers start on an empty broker.
    redis.Redis.from_url(broker_url).flushdb()
    with broker_in_use(broker_url):
        try:
            yield start
        finally:
            for process in started:
                process.stop()


@pytest.fixture
def celery_worker_process(redis_url, transactional_db, tmp_path):
    """Start real worker processes on demand; tasks sent by the test go through Redis to them."""
    with celery_processes(redis_url, tmp_path) as start:
        yield lambda: start(WorkerProcess)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it
    # are ordinary synchronous code, so Django's async-safety guard would only get in the way.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    browser_page = context.new_page()
    yield browser_page
    ARTIFACTS.mkdir(exist_ok=True)
    browser_page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture(scope="session", autouse=True)
def files_of_the_session(tmp_path_factory):
    """Data built once for many tests (the demo issues visa letters and stores speakers' photos) writes
    files too: into folders of the session's own, never the checkout's media/ or private-media/."""
    folders = {"MEDIA_ROOT": tmp_path_factory.mktemp("media"), "PRIVATE_MEDIA_ROOT": tmp_path_factory.mktemp("private")}
    with override_settings(**folders):
        yield folders


@pytest.fixture(autouse=True)
def private_files_in_a_temporary_folder(settings, tmp_path):
    """Uploaded answers go to a folder of the test's own, never to the checkout's private-media/."""
    folder = tmp_path / "private-media"
    settings.PRIVATE_MEDIA_ROOT = folder
    return folder
