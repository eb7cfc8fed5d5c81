"""Parameter forms of the cross-domain reports: the activity summary and the management snapshot
(the mapping reply's is in reports/mapping/forms.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from donors.forms import reporting_currencies
from donors.money import BASE_CURRENCY
from programmes.forms import ProgrammePeriodForm, programme_field
from unidir_cb.core.reporting.forms import ReportParametersForm

from . import selectors


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


class ManagementSnapshotForm(ReportParametersForm):
    """A month: the snapshot shows that month and the year to its end."""

    programme = programme_field()
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("The snapshot covers this month and the year to its end."),
    )
    currency = forms.ChoiceField(label=_("Reporting currency"), choices=reporting_currencies, initial=BASE_CURRENCY)

    def to_parameters(self) -> dict:
        return {
            "programme": self.cleaned_data["programme"].short_name,
            "month": self.cleaned_data["month"].strftime("%Y-%m"),
            "currency": self.cleaned_data["currency"],
        }
