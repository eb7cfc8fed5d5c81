"""Parameter forms. Each kind of report has one: staff fill it in on the report page, and the same
form checks the JSON parameters of a job started from the command line or re-run by a worker."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
