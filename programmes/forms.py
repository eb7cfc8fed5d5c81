"""Report parameters that name a programme (the field, and a programme with a reporting period), and
the information resource form of the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from unidir_cb.core.forms import un_languages_field
from unidir_cb.core.reporting.forms import DateInput, ReportParametersForm, check_period

from .models import InformationResource, Programme


def programme_field(**options) -> forms.ModelChoiceField:
    """A programme, named in a job's parameters by its short name (e.g. SecTec)."""
    return forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name"),
        to_field_name="short_name",
        error_messages={"invalid_choice": _("There is no programme with the short name “%(value)s”.")},
        **options,
    )


class ProgrammePeriodForm(ReportParametersForm):
    """A programme and a reporting period, both ends included."""

    programme = programme_field()
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


class InformationResourceAdminForm(forms.ModelForm):
    """Staff tick the languages a resource is available in, rather than typing JSON."""

    languages = un_languages_field()

    class Meta:
        model = InformationResource
        # The admin names the rest of the form's fields.
        fields = ["languages"]
