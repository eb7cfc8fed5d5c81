"""The period rule every report, dashboard and reply uses: a period is a range of whole days, both
ends included, read in the project's time zone."""

import datetime

from django.utils import timezone


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, day after end 00:00) in the project's time zone, so both days are included."""
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )
