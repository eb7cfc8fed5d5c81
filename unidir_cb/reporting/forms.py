"""Parameter forms. Each kind of report has one: staff fill it in on the report page, and the same
form checks the JSON parameters of a job started from the command line or re-run by a worker."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme

from . import selectors


class ReportParametersForm(forms.Form):
    def to_parameters(self) -> dict:
        """The cleaned values as JSON the job stores; the form must accept them back as data."""
        raise NotImplementedError

    def errors_as_sentences(self) -> str:
        sentences = []
        for name, messages in self.errors.items():
            text = " ".join(str(message) for message in messages)
            if name == forms.forms.NON_FIELD_ERRORS:
                sentences.append(text)
            else:
                label = self.fields[name].label or name
                sentences.append(f"{label}: {text}")
        return " ".join(sentences)


def check_period(form: forms.Form, cleaned_data: dict) -> None:
    """The period's end (included) is not before its start; the error goes on the end field."""
    start, end = cleaned_data.get("start"), cleaned_data.get("end")
    if start and end and end < start:
        form.add_error(
            "end",
            _("The period ends (%(end)s) before it starts (%(start)s).")
            % {"end": end.isoformat(), "start": start.isoformat()},
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ProgrammePeriodForm(ReportParametersForm):
    """A programme and a reporting period, both ends included."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        to_field_name="short_name",
        error_messages={"invalid_choice": _("There is no programme with the short name “%(value)s”.")},
    )
    start = forms.DateField(label=_("Start of the period"), widget=DateInput)
    end = forms.DateField(label=_("End of the period"), widget=DateInput, help_text=_("Included in the period."))

    def clean(self):
        cleaned_data = super().clean()
        check_period(self, cleaned_data)
        return cleaned_data

    def to_parameters(self) -> dict:
        return {
            "programme": self.cleaned_data["programme"].short_name,
            "start": self.cleaned_data["start"].isoformat(),
            "end": self.cleaned_data["end"].isoformat(),
        }


class ActivitySummaryForm(ProgrammePeriodForm):
    def clean(self):
        cleaned_data = super().clean()
        programme, start, end = (cleaned_data.get(name) for name in ("programme", "start", "end"))
        complete = programme and start and end and not self.errors
        if complete and not selectors.programme_has_activity(programme, start, end):
            raise forms.ValidationError(
                _(
                    "%(programme)s published nothing and held no events between %(start)s and %(end)s: "
                    "there is nothing to report."
                ),
                params={"programme": programme.short_name, "start": start.isoformat(), "end": end.isoformat()},
            )
        return cleaned_data
