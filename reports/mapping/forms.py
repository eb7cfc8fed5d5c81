"""The parameters of the mapping-submission report: which exercise, and optionally another period
or an already reviewed version to render instead of compiling a new one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import MappingExercise
from unidir_cb.core.reporting.forms import DateInput, ReportParametersForm

from .. import selectors


class MappingSubmissionReportForm(ReportParametersForm):
    exercise = forms.ModelChoiceField(
        label=_("Mapping exercise"),
        queryset=MappingExercise.objects.select_related("programme"),
        to_field_name="reference",
        error_messages={"invalid_choice": _("There is no mapping exercise with the reference “%(value)s”.")},
    )
    start = forms.DateField(
        label=_("Start of the period"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty to use the exercise's reporting period."),
    )
    end = forms.DateField(
        label=_("End of the period"),
        widget=DateInput,
        required=False,
        help_text=_("Included in the period. Leave empty to use the exercise's reporting period."),
    )
    submission_version = forms.IntegerField(
        label=_("Version to render"),
        required=False,
        min_value=1,
        help_text=_("Render this reviewed version as it stands instead of compiling a new one from the data."),
    )

    def clean(self):
        cleaned_data = super().clean()
        exercise = cleaned_data.get("exercise")
        if exercise is None or self.errors:
            return cleaned_data
        start = cleaned_data.get("start") or exercise.period_start
        end = cleaned_data.get("end") or exercise.period_end
        version = cleaned_data.get("submission_version")
        if version is not None:
            self._check_version(exercise, version, cleaned_data)
        elif end < start:
            self.add_error(
                "end",
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"end": end.isoformat(), "start": start.isoformat()},
            )
        elif not selectors.programme_has_activity(exercise.programme, start, end):
            raise forms.ValidationError(
                _(
                    "%(programme)s published nothing and held no events between %(start)s and %(end)s: "
                    "there is nothing to report for %(reference)s in that period."
                ),
                params={
                    "programme": exercise.programme.short_name,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "reference": exercise.reference,
                },
            )
        return cleaned_data

    def _check_version(self, exercise, version, cleaned_data):
        if cleaned_data.get("start") or cleaned_data.get("end"):
            raise forms.ValidationError(
                _("A compiled version keeps the period it was compiled for: give a version or a period, not both.")
            )
        if not exercise.submissions.filter(version=version).exists():
            self.add_error(
                "submission_version",
                _("%(reference)s has no version %(version)s.") % {"reference": exercise.reference, "version": version},
            )

    def to_parameters(self) -> dict:
        parameters = {"exercise": self.cleaned_data["exercise"].reference}
        for name in ("start", "end"):
            if self.cleaned_data.get(name):
                parameters[name] = self.cleaned_data[name].isoformat()
        if self.cleaned_data.get("submission_version"):
            parameters["submission_version"] = self.cleaned_data["submission_version"]
        return parameters
