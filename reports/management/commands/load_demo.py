from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the Security and Technology Programme demo data (publications, events with participants, donors, "
        "the 2023 mapping exercise). Safe to run again: it brings the data back to the same state."
    )

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError(
                "The demo invents participants and donors' money: it never runs with DJANGO_ENV=production."
            )
        summary = load_demo(now=timezone.now())
        for line in summary.lines():
            self.stdout.write(line)
