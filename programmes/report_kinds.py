"""The reports this app provides (found by ReportingConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from unidir_cb.reporting import registry

from .forms import MappingSubmissionReportForm


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
        from .submission_report import build_mapping_submission

        values = self.validate(job.parameters)
        return build_mapping_submission(job, values, progress)


registry.register(MappingSubmissionReport())
