"""The event form staff fill in the admin: lists of codes are ticked, never typed as JSON."""

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django_countries import countries

from unidir_cb.core import un_countries
from unidir_cb.core.forms import ChecklistField, un_languages_field
from unidir_cb.core.models import OrganisationKind

from .models import REMINDER_DAY_CHOICES, Event, Question


def country_group_choices():
    return list(un_countries.special_group_names().items())


def country_choices():
    return list(countries)


class EventAdminForm(forms.ModelForm):
    languages = un_languages_field(help_text="The languages the event is held in (interpretation included).")
    eligible_organisation_kinds = ChecklistField(
        choices=OrganisationKind.choices,
        label="Eligible kinds of organisation",
        help_text="None ticked: people from every kind of organisation may apply.",
    )
    eligible_country_groups = ChecklistField(
        choices=country_group_choices,
        label="Eligible country groups",
        help_text="Nationals of a ticked group, or of a country chosen below, may apply. None: every country.",
    )
    eligible_countries = ChecklistField(
        choices=country_choices,
        label="Eligible countries",
        widget=FilteredSelectMultiple("countries", is_stacked=False),
        help_text="Besides the groups above. None chosen and no group ticked: every country.",
    )

    reminder_days_before = forms.TypedMultipleChoiceField(
        choices=[(days, f"{days} day(s) before") for days in REMINDER_DAY_CHOICES],
        coerce=int,
        required=False,
        empty_value=[],
        widget=forms.CheckboxSelectMultiple,
        label="Reminders",
        help_text="Confirmed participants are emailed a reminder with the calendar file (and the online link) "
        "this many days before. None ticked: no reminder.",
    )

    class Meta:
        model = Event
        # The admin's fieldsets name the rest of the form's fields.
        fields = [
            "languages",
            "eligible_organisation_kinds",
            "eligible_country_groups",
            "eligible_countries",
            "reminder_days_before",
        ]


class QuestionAdminForm(forms.ModelForm):
    allowed_file_types = ChecklistField(
        choices=Question.FileType.choices, label="Accepted kinds of file", help_text="For file uploads only."
    )

    class Meta:
        model = Question
        # The inline's fields name the rest.
        fields = ["allowed_file_types"]
