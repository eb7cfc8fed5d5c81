"""`manage.py import_file MODEL FILE`: the admin's import, from the command line."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from unidir_cb.core.data_transfer.files import FORMATS
from unidir_cb.core.data_transfer.jobs import import_stream, model_admin_for, request_as
from unidir_cb.core.reporting.registry import ReportBuildError


class Command(BaseCommand):
    help = (
        "Import a CSV or XLSX file into a model (e.g. events.participant), exactly as the admin's import does: "
        "every row checked, then all rows saved or none. --dry-run only checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("model", help="app_label.model_name, e.g. events.participant")
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=FORMATS, help="Default: the file's extension.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row; save nothing.")
        parser.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="What the import form asks besides the file, e.g. --option event=SLUG for events.registration.",
        )
        parser.add_argument("--user", metavar="EMAIL", help="Import as this person may (default: no check).")

    def handle(self, *args, **options):
        try:
            model_admin = model_admin_for(options["model"])
        except ReportBuildError as error:
            raise CommandError(str(error)) from None
        path = options["file"]
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        file_format = options["format"] or path.suffix.lstrip(".").lower()
        if file_format not in FORMATS:
            raise CommandError(f"Give --format: {path.name} is neither .csv nor .xlsx.")
        if options["user"]:
            user = get_user_model().objects.filter(email__iexact=options["user"]).first()
            if user is None or not model_admin.has_import_permission(request_as(user)):
                raise CommandError(f"{options['user']} may not import into {options['model']}.")
        import_options = dict(option.split("=", 1) for option in options["option"] if "=" in option)
        with tqdm(total=0, unit=" rows", file=sys.stderr, disable=options["verbosity"] == 0) as bar:

            def show_progress(done, rows):
                bar.total = rows
                bar.update(done - bar.n)

            with open(path, "rb") as stream:
                outcome = import_stream(
                    model_admin,
                    import_options,
                    stream,
                    file_format,
                    dry_run=options["dry_run"],
                    on_progress=show_progress,
                )
            if outcome.totals.get("rows"):
                show_progress(outcome.totals["rows"], outcome.totals["rows"])
        for line in outcome.errors:
            self.stderr.write(line)
        totals = outcome.totals
        summary = (
            f"{totals.get('rows', 0):,} rows in {outcome.seconds:.1f} s ({outcome.rows_per_second:,.0f} rows/s): "
            f"{totals.get('new', 0):,} new, {totals.get('updated', 0):,} updated, "
            f"{totals.get('unchanged', 0):,} unchanged"
        )
        if outcome.errors:
            raise CommandError(f"Nothing was imported ({len(outcome.errors)} problems). {summary}.")
        verb = "Checked (nothing saved)" if options["dry_run"] else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {summary}."))
