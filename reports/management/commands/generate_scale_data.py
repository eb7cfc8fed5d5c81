import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.scale_data import ScaleDataGenerator, ScaleShape, scale_programme


class Command(BaseCommand):
    help = (
        "Generate a programme's twenty-year record at scale (per 100,000 participants: 5,000 events, 300,000 "
        "registrations, 3,000 publications, 80 donors, 2,000 contributions) beside the data already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=20)

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("Generated participants and money never go into a production database.")
        if options["participants"] < 100:
            raise CommandError("Ask for at least 100 participants.")
        if scale_programme() is not None:
            raise CommandError(
                "This database already holds the generated programme (short name 'Scale'): "
                "use a fresh or a demo database."
            )
        shape = ScaleShape(options["participants"])
        self.stdout.write(
            f"Generating {shape.participants:,} participants, {shape.events:,} events, "
            f"{shape.events * shape.registrations_per_event:,} registrations, {shape.publications:,} publications, "
            f"{shape.contributions:,} contributions"
        )
        started = time.monotonic()

        def progress(message):
            self.stdout.write(f"  {time.monotonic() - started:6.1f} s  {message}")

        ScaleDataGenerator(options["participants"], seed=options["seed"], progress=progress).generate()
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s"))
