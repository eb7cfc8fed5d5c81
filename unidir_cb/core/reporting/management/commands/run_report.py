from django.core.management.base import BaseCommand

from unidir_cb.core.reporting import registry
from unidir_cb.core.reporting.commands import add_report_arguments, run_report_to_folder


class Command(BaseCommand):
    help = (
        "Run a report now, in this process, with a progress bar, and write its files into a folder. "
        "e.g. run_report activity_summary --programme SecTec --start 2022-01-01 --end 2023-12-31 --output out/"
    )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND", title="reports")
        for kind in registry.all_kinds():
            add_report_arguments(kinds.add_parser(kind.name, help=str(kind.label)), kind)

    def handle(self, *args, **options):
        run_report_to_folder(self, options["kind"], options)
