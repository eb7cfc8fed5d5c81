"""Operations of the cross-domain reports that change state: starting the monthly management
snapshots (beat). Compiling a mapping reply is reports/mapping/services.py."""

import datetime

from django.contrib.auth import get_user_model

from donors.dashboard import previous_month
from donors.money import BASE_CURRENCY
from programmes.models import Programme
from unidir_cb.core.reporting.models import ReportJob
from unidir_cb.core.reporting.services import start_report_job


def start_monthly_snapshots(
    *,
    month: datetime.date | None = None,
    programme: str = "",
    currency: str = BASE_CURRENCY,
    requested_by: str = "",
) -> list[ReportJob]:
    """One management snapshot job per programme (or for `programme`, a short name) for `month`, by
    default the month before today. `requested_by` (an email) owns the jobs, so that person sees them
    under Reports; without it they belong to nobody and superusers see them.

    Running twice for the same month starts a second set of jobs rather than skipping: a scheduled
    run and a manual "run now" from the admin must both produce files (but while a set is still
    queued or running, starting it again returns those jobs). Scheduled snapshots keep their files
    for good."""
    month = (month or previous_month()).replace(day=1)
    owner = get_user_model().objects.filter(email__iexact=requested_by).first() if requested_by else None
    programmes = Programme.objects.order_by("name")
    if programme:
        programmes = programmes.filter(short_name=programme)
    return [
        start_report_job(
            "management_snapshot",
            {"programme": each.short_name, "month": f"{month:%Y-%m}", "currency": currency},
            requested_by=owner,
            keep_files=True,
        )
        for each in programmes
    ]
