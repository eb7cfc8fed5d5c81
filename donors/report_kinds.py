"""The donors app's kind of report: the donor report. It shows money, so running it (and seeing its
runs) needs the amounts permission as well."""

from django.utils.translation import gettext_lazy as _

from unidir_cb.core import permissions
from unidir_cb.core.reporting import registry

from .forms import DonorReportForm


class DonorReport(registry.ReportKind):
    name = "donor_report"
    label = _("Donor report")
    description = _(
        "For a donor and a period: contributions in their currency and the reporting currency, and what "
        "they funded — the programme's whole output for core funding, the linked activities for "
        "activity-specific funding — with participants, countries and charts. PDF, Word and XLSX."
    )
    form_class = DonorReportForm
    required_permissions = (registry.RUN_REPORTS_PERMISSION, permissions.VIEW_AMOUNTS_PERMISSION)

    def describe(self, parameters) -> str:
        if not isinstance(parameters, dict):
            return super().describe(parameters)
        return (
            f"{parameters.get('donor', '?')}, {parameters.get('start', '?')} – {parameters.get('end', '?')}, "
            f"{parameters.get('currency', '?')}"
        )

    def build(self, job, progress):
        # Imported here: matplotlib and WeasyPrint take a second to load (see reporting.rendering).
        from .reports import build_donor_report

        values = self.validate(job.parameters)
        return build_donor_report(values["donor"], values["start"], values["end"], values["currency"], progress)


registry.register(DonorReport())
