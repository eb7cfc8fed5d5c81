"""Running a report from the command line: the kind's form fields become options, the job runs in
this process with a progress bar, and the files are written to --output.

`manage.py run_report KIND ...` runs any kind; a report that wants its own command subclasses
ReportCommand and names its kind:

    class Command(ReportCommand):
        help = "Compile the reply to a mapping exercise."
        report_kind = "mapping_submission"
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from . import registry, services
from .models import ReportJob


def add_report_arguments(parser, kind: registry.ReportKind) -> None:
    for name, form_field in kind.form_class.base_fields.items():
        # The page's default (e.g. USD as the reporting currency) is the command's default too.
        default = form_field.initial if isinstance(form_field.initial, str) else None
        described = [form_field.label or name, form_field.help_text, f"default: {default}" if default else ""]
        parser.add_argument(
            f"--{name.replace('_', '-')}",
            dest=name,
            metavar=name.upper(),
            default=default,
            help=" — ".join(str(text) for text in described if text),
        )
    parser.add_argument("--output", required=True, metavar="DIR", help="Folder to write the files into.")


def run_report_to_folder(command: BaseCommand, kind_name: str, options: dict) -> ReportJob:
    kind = registry.get_kind(kind_name)
    parameters = {name: options[name] for name in kind.form_class.base_fields if options.get(name) not in (None, "")}
    try:
        kind.validate(parameters)
    except registry.ReportParametersError as error:
        raise CommandError(str(error)) from None
    output = Path(options["output"])
    output.mkdir(parents=True, exist_ok=True)

    job = services.start_report_job(kind.name, parameters, enqueue=False)
    with tqdm(
        total=100,
        desc=str(kind.label),
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed} {postfix}",
        file=sys.stderr,
        disable=options["verbosity"] == 0,
    ) as bar:

        def show_progress(percent, message):
            bar.update(percent - bar.n)
            bar.set_postfix_str(message)

        services.run_report_job(job.pk, job.attempts, on_progress=show_progress)
        job.refresh_from_db()
        if job.status == ReportJob.Status.SUCCEEDED:
            show_progress(100, "Done")
    if job.status != ReportJob.Status.SUCCEEDED:
        raise CommandError(f"Report #{job.pk} failed: {job.error}")

    for report_file in job.files.order_by("format"):
        path = output / report_file.filename
        with report_file.file.open("rb") as stored:
            path.write_bytes(stored.read())
        command.stdout.write(str(path))
    command.stdout.write(command.style.SUCCESS(f"Report #{job.pk} written to {output}"))
    return job


class ReportCommand(BaseCommand):
    report_kind = ""

    def add_arguments(self, parser):
        add_report_arguments(parser, registry.get_kind(self.report_kind))

    def handle(self, *args, **options):
        run_report_to_folder(self, self.report_kind, options)
