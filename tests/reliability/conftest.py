"""Real services these tests break on purpose: a private redis-server each test stops and starts,
a mail server that counts what it receives, the site under gunicorn, Celery workers and beat as
docker-compose.yml runs them. Nothing here touches the shared Redis or PostgreSQL. A missing
program fails the test with the reason: none of these tests is ever skipped."""

import asyncio
import os
import shutil
import subprocess
import sys
import threading
import time
from email import message_from_bytes, policy

import pytest
import requests
from aiosmtpd.controller import Controller

from tests.conftest import PROJECT_ROOT, celery_processes, database_url_of, free_port, redis_answers, wait_until
from tests.reporting.conftest import sectec  # noqa: F401  (the programme the report tests build)

# docker-compose.yml's worker command: two pool processes, talking to other workers.
COMPOSE_WORKER_OPTIONS = ("--concurrency=2",)


def required_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `make test`, which installs what the tests need")
    return path


class PrivateRedis:
    """A redis-server of this test alone on a fixed port, so it can be stopped and started again.
    It keeps its data on disk (append-only file) like the compose Redis: queued tasks survive a restart."""

    def __init__(self, folder):
        self.binary = required_program("redis-server")
        self.folder = folder
        self.port = free_port()
        self.process = None
        self.start()

    def url(self, database: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{database}"

    def start(self):
        self.process = subprocess.Popen(
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(lambda: redis_answers(self.url()), 10, "the private redis-server did not start")

    def stop(self):
        """As when Redis is restarted or crashes: every connection to it breaks at once."""
        self.process.terminate()
        self.process.wait(timeout=10)

    def restart_after(self, seconds: float) -> float:
        """Stop, wait, start again; returns the moment (time.monotonic) it answers again."""
        self.stop()
        time.sleep(seconds)
        self.start()
        return time.monotonic()


@pytest.fixture
def private_redis(tmp_path):
    folder = tmp_path / "redis"
    folder.mkdir()
    server = PrivateRedis(folder)
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def media(settings, tmp_path, monkeypatch):
    """Workers, the site and this process share one files folder, so the test sees every file stored."""
    folder = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(folder))
    settings.MEDIA_ROOT = folder
    return folder


@pytest.fixture
def celery(private_redis, transactional_db, tmp_path):
    """Start workers (as compose runs them) and beat on the private Redis."""
    with celery_processes(private_redis.url(), tmp_path) as start:
        yield start


class CountingMailHandler:
    """Receives every email; `delay` holds each one in DATA, as a slow mail server does."""

    def __init__(self):
        self.messages = []
        self.delay = 0.0
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_server(monkeypatch):
    """A real SMTP server on this machine; workers started after this fixture send to it."""
    handler = CountingMailHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{controller.port}")
    yield handler
    controller.stop()


def wait_for_mail(handler, count, timeout, worker):
    wait_until(lambda: len(handler.messages) >= count, timeout, f"no email within {timeout}s:\n{worker.log()}")


class Site:
    """The site under gunicorn, as in production, on the test database."""

    def __init__(self, environment: dict, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "unidir_cb.wsgi:application"),
                *("--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "30"),
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, "DJANGO_ENV": "test", **environment},
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_until(self._answers, 60, f"gunicorn did not start:\n{self.log()}")

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{self.log()}")
        try:
            return requests.get(f"{self.url}/healthz", timeout=10).status_code in (200, 503)
        except (requests.ConnectionError, requests.Timeout):
            # Not listening yet, or still importing Django on a busy machine: ask again until the deadline.
            return False

    def log(self) -> str:
        return self.log_path.read_text()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def start_site(transactional_db, tmp_path):
    """Start gunicorn with extra environment variables (CACHE_URL, ...) against the test database."""
    from django.db import connection

    sites = []

    def start(**environment):
        site = Site({"DATABASE_URL": database_url_of(connection.settings_dict), **environment}, tmp_path / "site.log")
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.stop()
