"""Benchmarks: the same operations at scale 1 and scale 10, printed as time and query ratios.

    make benchmark           (or: DJANGO_ENV=test .venv/bin/python benchmarks/run.py)

A fresh SQLite database is built in a temporary folder unless DATABASE_URL points elsewhere.
Pages are paginated, so their ratio should stay near 1; compilations read every row once, so
theirs should stay near 10 or below, with the same number of queries at both scales.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5


def set_up_django():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_ENV", "test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/benchmark.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unidir_cb.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure(operation) -> tuple[float, int]:
    """Median wall time of ROUNDS runs, and the number of queries of one run."""
    from django.db import connection

    executed = []

    def count_query(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_query):
        operation()
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        operation()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), len(executed)


def benchmarks(exercise, client):
    from django.db.models import Count

    from donors.selectors import funding_lines
    from events.models import Event
    from reports.mapping.compiler import compile_mapping_sections

    def get(path, **params):
        def fetch():
            response = client.get(path, params or {"q": ""}, HTTP_HOST="testserver")
            # A refused or missing page would be fast and measure nothing.
            assert response.status_code == 200, f"{path}: {response.status_code}"

        return fetch

    busiest_event = Event.objects.annotate(people=Count("registrations")).order_by("-people").first()
    period = {"start": exercise.period_start.isoformat(), "end": exercise.period_end.isoformat()}

    return {
        "compile mapping sections": lambda: compile_mapping_sections(exercise),
        "funding lines (converted)": lambda: funding_lines(
            exercise.period_start, exercise.period_end, "USD", exercise.programme
        ),
        "admin: registrations changelist": get("/admin/events/registration/"),
        "admin: events changelist": get("/admin/events/event/"),
        "admin: publications changelist": get("/admin/publications/publication/"),
        "public: events list": get("/en/events/?when=past"),
        "public: home page": get("/en/"),
        "public: publications catalogue": get("/en/publications/"),
        "public: calendar feed": get("/en/events/feed.ics"),
        "staff: check-in page": get(f"/en/events/{busiest_event.slug}/check-in/"),
        "management: dashboard": get("/dashboard/", programme=exercise.programme.short_name, **period),
    }


def main():
    set_up_django()
    from django.contrib.auth import get_user_model
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client

    from benchmarks.scale_data import build

    # As Django's own test runner does: keep one connection across requests so queries are counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    admin = get_user_model().objects.create_superuser("bench@example.org", "bench@example.org", "bench-password")
    client = Client()
    client.force_login(admin)
    results = {}
    for scale in (1, 10):
        exercise = build(scale)
        for name, operation in benchmarks(exercise, client).items():
            results.setdefault(name, {})[scale] = measure(operation)
    print(f"{'benchmark':34} {'x1 ms':>9} {'x10 ms':>9} {'ratio':>7} {'queries x1/x10':>15}")
    for name, by_scale in results.items():
        (small_time, small_queries), (large_time, large_queries) = by_scale[1], by_scale[10]
        print(
            f"{name:34} {small_time * 1000:9.1f} {large_time * 1000:9.1f} {large_time / small_time:7.2f} "
            f"{small_queries:>7}/{large_queries:<7}"
        )


if __name__ == "__main__":
    main()
