"""The donors app's kinds of report: the donor report and the monthly management snapshot.

Both show money, so running them (and seeing their runs) needs the finance permission as well."""

from django.utils.translation import gettext_lazy as _

from unidir_cb.reporting import registry

from .forms import DonorReportForm, ManagementSnapshotForm

VIEW_AMOUNTS_PERMISSION = "donors.view_contribution_amounts"


class DonorReport(registry.ReportKind):
    name = "donor_report"
    label = _("Donor report")
    description = _(
        "For a donor and a period: contributions in their currency and the reporting currency, and what "
        "they funded — the programme's whole output for core funding, the linked activities for "
        "activity-specific funding — with participants, countries and charts. PDF, Word and XLSX."
    )
    form_class = DonorReportForm
    required_permissions = (registry.RUN_REPORTS_PERMISSION, VIEW_AMOUNTS_PERMISSION)

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


class ManagementSnapshot(registry.ReportKind):
    name = "management_snapshot"
    label = _("Management snapshot")
    description = _(
        "The dashboard's figures for a month and the year to its end: funding by donor and type, "
        "activities and participants, country coverage, publications. PDF and XLSX; sent monthly by the "
        "scheduler (Admin > Periodic tasks)."
    )
    form_class = ManagementSnapshotForm
    required_permissions = (registry.RUN_REPORTS_PERMISSION, VIEW_AMOUNTS_PERMISSION)

    def describe(self, parameters) -> str:
        if not isinstance(parameters, dict):
            return super().describe(parameters)
        return f"{parameters.get('programme', '?')}, {parameters.get('month', '?')}, {parameters.get('currency', '?')}"

    def build(self, job, progress):
        from .snapshot import build_management_snapshot

        values = self.validate(job.parameters)
        return build_management_snapshot(values["programme"], values["month"], values["currency"], progress)


registry.register(DonorReport())
registry.register(ManagementSnapshot())
