"""What the HTTP benchmarks need in the benchmark database, made fresh on every run: a staff login,
a crowd of participants with complete profiles and open sessions, an event with 50 seats nobody has
registered for yet, and the baseline insert's table. Prints them as JSON for benchmarks/run.py.

    DATABASE_URL=... python benchmarks/fixtures.py CROWD_SIZE
"""

import datetime
import json
import os
import secrets
import sys
from pathlib import Path

CONCURRENCY_EVENT_SLUG = "benchmark-fifty-seats"
SEATS = 50
CROWD_EMAIL_DOMAIN = "crowd.benchmark.example"


def set_up_django():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()


def signed_in_backend() -> str:
    """The backend a session names must be one the site still lists, or the session signs nobody in."""
    from django.conf import settings

    return settings.AUTHENTICATION_BACKENDS[0]


def session_cookie(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = signed_in_backend()
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def staff_cookie() -> str:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="benchmark-admin@benchmark.example",
        defaults={"email": "benchmark-admin@benchmark.example", "is_staff": True, "is_superuser": True},
    )
    return session_cookie(user)


def crowd(size: int) -> list[str]:
    """`size` people who may register at once: accounts, complete profiles, one session each."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from events.models import Participant
    from unidir_cb.core.models import OrganisationKind

    User = get_user_model()
    existing = User.objects.filter(email__endswith=f"@{CROWD_EMAIL_DOMAIN}").count()
    if existing < size:
        new_users = User.objects.bulk_create(
            User(username=f"crowd-{number}@{CROWD_EMAIL_DOMAIN}", email=f"crowd-{number}@{CROWD_EMAIL_DOMAIN}")
            for number in range(existing, size)
        )
        Participant.objects.bulk_create(
            Participant(
                user=user,
                first_name="Crowd",
                last_name=f"Member {user.pk}",
                email=user.email,
                country="CH",
                organisation="Benchmark Ministry",
                organisation_kind=OrganisationKind.GOVERNMENT,
                job_title="Officer",
                consented_at=timezone.now(),
                calendar_token=secrets.token_urlsafe(24),
            )
            for user in new_users
        )
    users = list(User.objects.filter(email__endswith=f"@{CROWD_EMAIL_DOMAIN}").order_by("pk")[:size])
    expires = timezone.now() + datetime.timedelta(days=1)
    sessions = []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: signed_in_backend(),
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=secrets.token_hex(16), session_data=SessionStore().encode(data), expire_date=expires)
        )
    Session.objects.bulk_create(sessions, batch_size=5000)
    return [session.session_key for session in sessions]


def fifty_seat_event() -> str:
    """An open, published event with 50 seats and a waiting list, with nobody registered."""
    from django.utils import timezone

    from events.models import Event, Registration
    from programmes.models import Programme

    starts_at = timezone.now() + datetime.timedelta(days=30)
    event, _ = Event.objects.update_or_create(
        slug=CONCURRENCY_EVENT_SLUG,
        defaults={
            "title": "Benchmark: fifty seats",
            "programme": Programme.objects.order_by("pk").first(),
            "kind": Event.Kind.WORKSHOP,
            "format": Event.Format.ONLINE,
            "status": Event.Status.PUBLISHED,
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=3),
            "admission": Event.Admission.OPEN,
            "capacity": SEATS,
            "waitlist_enabled": True,
            "registration_opens_at": None,
            "registration_closes_at": None,
        },
    )
    Registration.objects.filter(event=event).delete()
    return event.slug


def baseline_insert_table() -> None:
    from django.db import connection

    from benchmarks.urls import BASELINE_INSERT_TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {BASELINE_INSERT_TABLE} (id bigserial PRIMARY KEY, user_id bigint)")
        cursor.execute(f"TRUNCATE {BASELINE_INSERT_TABLE}")


def main():
    set_up_django()
    from django.db.models import Count

    from donors.models import Donor
    from events.models import Event, Participant

    crowd_size = int(sys.argv[1])
    baseline_insert_table()
    busiest = (
        Event.objects.filter(status=Event.Status.PUBLISHED)
        .annotate(people=Count("registrations"))
        .order_by("-people", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    donor = Donor.objects.annotate(contributions_count=Count("contributions")).order_by("-contributions_count").first()
    participant = Participant.objects.filter(email__startswith="scale.participant.").order_by("pk").first()
    print(
        json.dumps(
            {
                "staff_session": staff_cookie(),
                "crowd_sessions": crowd(crowd_size),
                "csrf_secret": secrets.token_hex(16),
                "fifty_seat_event": fifty_seat_event(),
                "busiest_event": busiest,
                "donor": donor.name,
                "search_name": participant.last_name if participant else "Diallo",
            }
        )
    )


if __name__ == "__main__":
    main()
