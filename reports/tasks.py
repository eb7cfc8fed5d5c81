"""Thin Celery wrappers over reports/services.py."""

from celery import shared_task

from . import services


@shared_task(name="reports.start_monthly_snapshots", acks_late=True)
def start_monthly_snapshots(programme: str = "", currency: str = "USD", requested_by: str = "") -> list[int]:
    """Scheduled by django-celery-beat (Admin > Periodic tasks > "Monthly management snapshot"): the
    schedule, its arguments (programme, currency, requested_by) and whether it runs are edited there."""
    jobs = services.start_monthly_snapshots(programme=programme, currency=currency, requested_by=requested_by)
    return [job.pk for job in jobs]
