"""`manage.py export_file MODEL --format csv|xlsx --output FILE`: the admin's export, from the command line."""

import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from unidir_cb.core.data_transfer.exports import EXPORT_FORMATS, ExportTooLarge, write_export
from unidir_cb.core.data_transfer.jobs import model_admin_for, request_as
from unidir_cb.core.reporting.registry import ReportBuildError


class Command(BaseCommand):
    help = "Export a model's records (e.g. events.registration) as CSV or XLSX, exactly as the admin's export does."

    def add_arguments(self, parser):
        parser.add_argument("model", help="app_label.model_name, e.g. events.registration")
        parser.add_argument("--format", choices=EXPORT_FORMATS, required=True)
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument(
            "--filter", default="", metavar="QUERY", help="The list's filters, e.g. status__exact=confirmed"
        )
        parser.add_argument(
            "--user",
            metavar="EMAIL",
            help="Export what this person may see (without it: everything, amounts included).",
        )

    def handle(self, *args, **options):
        try:
            model_admin = model_admin_for(options["model"])
        except ReportBuildError as error:
            raise CommandError(str(error)) from None
        if options["user"]:
            user = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user {options['user']}.")
        else:
            # The person at the server's command line may see everything.
            user = get_user_model()(is_active=True, is_staff=True, is_superuser=True)
        request = request_as(user, options["filter"])
        if not model_admin.has_export_permission(request):
            raise CommandError(f"{options['user']} may not export {options['model']}.")
        queryset = model_admin.export_queryset(request)
        total = queryset.count()
        started = time.monotonic()
        with tqdm(total=total, unit=" rows", file=sys.stderr, disable=options["verbosity"] == 0) as bar:
            try:
                rows = write_export(
                    model_admin.export_resource(request),
                    queryset,
                    options["format"],
                    options["output"],
                    title=str(model_admin.model._meta.verbose_name_plural).capitalize(),
                    on_progress=lambda done: bar.update(done - bar.n),
                )
            except ExportTooLarge as error:
                raise CommandError(str(error)) from None
            bar.update(rows - bar.n)
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{rows:,} rows written to {options['output']} in {seconds:.1f} s "
                f"({rows / max(seconds, 1e-9):,.0f} rows/s)."
            )
        )
