"""The cross-domain kinds of report (found by ReportingConfig.ready()): the activity summary, the
reply to a mapping exercise, and the monthly management snapshot."""

from django.utils.translation import gettext_lazy as _

from programmes import selectors, services
from unidir_cb.core import permissions
from unidir_cb.core.reporting import registry

from .forms import ActivitySummaryForm, ManagementSnapshotForm
from .mapping.forms import MappingSubmissionReportForm


class ActivitySummaryReport(registry.ReportKind):
    name = "activity_summary"
    label = _("Activity summary")
    description = _(
        "For a programme and a period: publications (research), events (participatory learning) and "
        "information resources (access to information), with participants and countries. HTML, PDF and XLSX."
    )
    form_class = ActivitySummaryForm

    def describe(self, parameters) -> str:
        if not isinstance(parameters, dict):
            return super().describe(parameters)
        return f"{parameters.get('programme', '?')}, {parameters.get('start', '?')} – {parameters.get('end', '?')}"

    def build(self, job, progress):
        # Imported here: the rendering libraries take a second to load, which web processes and
        # management commands that never build this report should not pay at start-up.
        from .activity_summary import build_activity_summary

        values = self.validate(job.parameters)
        return build_activity_summary(values["programme"], values["start"], values["end"], progress)


class MappingSubmissionReport(registry.ReportKind):
    name = "mapping_submission"
    label = _("Mapping submission")
    description = _(
        "The reply to a mapping exercise, compiled from the data for its reporting period (or another one) as a "
        "new version, or a reviewed version rendered as it stands. A signed letter as DOCX, PDF and HTML."
    )
    form_class = MappingSubmissionReportForm

    def describe(self, parameters) -> str:
        if not isinstance(parameters, dict):
            return super().describe(parameters)
        text = str(parameters.get("exercise", "?"))
        if parameters.get("submission_version"):
            text += f", version {parameters['submission_version']}"
        if parameters.get("start") or parameters.get("end"):
            text += f", {parameters.get('start', '…')} – {parameters.get('end', '…')}"
        return text

    def build(self, job, progress):
        # Imported here: the rendering libraries take a second to load (see letter.py).
        from .mapping.build import build_mapping_submission

        values = self.validate(job.parameters)
        return build_mapping_submission(job, values, progress)

    def on_success(self, job) -> None:
        # The version's files are this job's from now on; a failed re-rendering never gets here.
        submission = selectors.version_rendered_by(job)
        if submission is not None:
            services.record_rendering(submission, job)


class ManagementSnapshot(registry.ReportKind):
    name = "management_snapshot"
    label = _("Management snapshot")
    description = _(
        "The dashboard's figures for a month and the year to its end: funding by donor and type, "
        "activities and participants, country coverage, publications. PDF and XLSX; sent monthly by the "
        "scheduler (Admin > Periodic tasks)."
    )
    form_class = ManagementSnapshotForm
    required_permissions = (registry.RUN_REPORTS_PERMISSION, permissions.VIEW_AMOUNTS_PERMISSION)

    def describe(self, parameters) -> str:
        if not isinstance(parameters, dict):
            return super().describe(parameters)
        return f"{parameters.get('programme', '?')}, {parameters.get('month', '?')}, {parameters.get('currency', '?')}"

    def build(self, job, progress):
        from .snapshot import build_management_snapshot

        values = self.validate(job.parameters)
        return build_management_snapshot(values["programme"], values["month"], values["currency"], progress)


registry.register(ActivitySummaryReport())
registry.register(MappingSubmissionReport())
registry.register(ManagementSnapshot())
