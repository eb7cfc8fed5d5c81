"""Readiness of the services the site depends on, for /healthz and `manage.py` callers."""

from celery import current_app as celery_app
from django.conf import settings
from django.db import connection

BROKER_TIMEOUT_SECONDS = 2


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not ready"; the message tells which
        return f"error: {error.__class__.__name__}"
    return "ok"


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # no broker configured: tasks run in the web process
    try:
        with celery_app.connection_for_write() as broker_connection:
            broker_connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as error:
        return f"error: {error.__class__.__name__}"
    return "ok"


def service_statuses() -> dict[str, str]:
    return {"database": database_status(), "broker": broker_status()}


def is_healthy(statuses: dict[str, str]) -> bool:
    return not any(status.startswith("error") for status in statuses.values())
