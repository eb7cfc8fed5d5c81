"""The donor report's parameter form and the dashboard's period picker."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.forms import programme_field
from unidir_cb.core.reporting.forms import DateInput, ReportParametersForm, check_period

from .models import Donor, ExchangeRate
from .money import BASE_CURRENCY


def reporting_currencies() -> list[tuple[str, str]]:
    """USD, and every currency with at least one stored rate (a report can only convert into those)."""
    stored = ExchangeRate.objects.order_by("currency").values_list("currency", flat=True).distinct()
    return [(code, code) for code in [BASE_CURRENCY, *(code for code in stored if code != BASE_CURRENCY)]]


class DonorReportForm(ReportParametersForm):
    donor = forms.ModelChoiceField(
        label=_("Donor"),
        queryset=Donor.objects.order_by("display_order", "name"),
        to_field_name="name",
        error_messages={"invalid_choice": _("There is no donor called “%(value)s”.")},
    )
    start = forms.DateField(label=_("Start of the period"), widget=DateInput)
    end = forms.DateField(label=_("End of the period"), widget=DateInput, help_text=_("Included in the period."))
    currency = forms.ChoiceField(
        label=_("Reporting currency"),
        choices=reporting_currencies,
        initial=BASE_CURRENCY,
        help_text=_("Amounts are converted with the stored UN operational rates of exchange."),
    )

    def clean(self):
        cleaned_data = super().clean()
        check_period(self, cleaned_data)
        return cleaned_data

    def to_parameters(self) -> dict:
        return {
            "donor": self.cleaned_data["donor"].name,
            "start": self.cleaned_data["start"].isoformat(),
            "end": self.cleaned_data["end"].isoformat(),
            "currency": self.cleaned_data["currency"],
        }


def whole_year(year: int) -> tuple[datetime.date, datetime.date]:
    """A calendar year as a period: 1 January to 31 December, both included."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class DashboardPeriodForm(forms.Form):
    """The dashboard's period picker (GET). Defaults: the first programme, the latest calendar year in
    which the programme has events or publications (this year if it has none), USD."""

    # No empty choice: without one, the first programme by name is shown, and the view uses it too.
    programme = programme_field(required=False, empty_label=None)
    start = forms.DateField(label=_("From"), widget=DateInput, required=False)
    end = forms.DateField(label=_("To"), widget=DateInput, required=False)
    currency = forms.ChoiceField(label=_("Currency"), choices=reporting_currencies, required=False)

    def __init__(self, data, default_year: int):
        super().__init__(data)
        self.default_year = default_year

    def default_period(self) -> tuple[datetime.date, datetime.date]:
        return whole_year(self.default_year)

    @classmethod
    def with_defaults(cls, data, default_year: int) -> "DashboardPeriodForm":
        """Bound to `data`, with the default period filled in so that the date fields show what is counted."""
        data = data.copy()
        start, end = whole_year(default_year)
        if not data.get("start") and not data.get("end"):
            data.update({"start": start.isoformat(), "end": end.isoformat()})
        return cls(data, default_year)

    def clean(self):
        cleaned_data = super().clean()
        default_start, default_end = self.default_period()
        cleaned_data["start"] = cleaned_data.get("start") or default_start
        cleaned_data["end"] = cleaned_data.get("end") or default_end
        cleaned_data["currency"] = cleaned_data.get("currency") or BASE_CURRENCY
        check_period(self, cleaned_data)
        return cleaned_data
