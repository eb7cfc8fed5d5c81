from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_STAFF_EMAIL = "staff@demo.unidir.example"
DEMO_STAFF_PASSWORD = "demo-staff-password"  # noqa: S105 - published on purpose, demo only


class Command(BaseCommand):
    help = "Create (or reset) the demo staff login and print it. Refuses to run outside DJANGO_ENV=demo."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.IS_DEMO:
            raise CommandError("The demo staff login has a published password: it exists only with DJANGO_ENV=demo.")
        user, _ = get_user_model().objects.update_or_create(
            username=DEMO_STAFF_EMAIL,
            defaults={"email": DEMO_STAFF_EMAIL, "is_staff": True, "is_superuser": True, "first_name": "Demo"},
        )
        user.set_password(DEMO_STAFF_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_STAFF_EMAIL, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo staff login: {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD} at http://127.0.0.1:8000/admin/"
            )
        )
