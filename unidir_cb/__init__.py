import zoneinfo

# Time-zone rules come from the tzdata package pinned in requirements/base.in, never from the
# operating system's copy: an event's local time and the VTIMEZONE sent with it are computed from
# one release of the rules, the same on every machine, and the tests do not drift with OS updates.
zoneinfo.reset_tzpath(to=[])

# Load the Celery app whenever Django starts, so @shared_task binds to it.
from .celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
