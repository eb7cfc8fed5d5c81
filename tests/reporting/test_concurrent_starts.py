"""Two requests starting the same report at the same moment get the same job: the database's
constraint settles the race the look-up alone cannot (PostgreSQL, real concurrent connections)."""

import threading

import pytest
from django.conf import settings
from django.db import connections

from unidir_cb.core.reporting import services
from unidir_cb.core.reporting.models import ReportJob

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs truly concurrent connections: set DATABASE_URL=postgres://...",
    ),
]


def test_simultaneous_starts_of_the_same_report_give_one_job(fake_report, manager):
    start = threading.Barrier(8, timeout=20)
    jobs, errors = [], []

    def click():
        try:
            start.wait()
            jobs.append(
                services.start_report_job("fake_report", {"title": "Same"}, requested_by=manager, enqueue=False)
            )
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len({job.pk for job in jobs}) == 1
    assert ReportJob.objects.count() == 1
