"""The kinds of report this app provides. Other apps add theirs in their own `report_kinds` module."""

from django.utils.translation import gettext_lazy as _

from . import registry
from .forms import ActivitySummaryForm


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


registry.register(ActivitySummaryReport())
