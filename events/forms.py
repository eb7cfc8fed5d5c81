from django import forms
from django.utils.translation import gettext_lazy as _

from unidir_cb.core.forms import un_language_choices, with_blank
from unidir_cb.core.models import OrganisationKind

from .models import Event, Participant
from .selectors import EventFilters


class EventFilterForm(forms.Form):
    """The public list's filters, read from the query string so that every view is a link."""

    when = forms.ChoiceField(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))], required=False, widget=forms.HiddenInput
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=with_blank(Event.Kind.choices))
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False, choices=with_blank(Event.Format.choices))
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language"), required=False, choices=with_blank(un_language_choices()))
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = with_blank([(topic.slug, topic.name) for topic in options["topics"]])
        self.fields["year"].choices = with_blank([(year, year) for year in options["years"]])
        self.fields["country"].choices = with_blank([(country.code, country.name) for country in options["countries"]])

    def filters(self) -> EventFilters:
        """The filters asked for; a value that does not validate is ignored rather than an error page."""
        self.is_valid()  # leaves the fields that did validate in cleaned_data
        data = self.cleaned_data
        return EventFilters(
            when=data.get("when") or "upcoming",
            search=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            topic=data.get("topic") or "",
            format=data.get("format") or "",
            year=data.get("year"),
            language=data.get("language") or "",
            country=data.get("country") or "",
        )


class ParticipantProfileForm(forms.ModelForm):
    """The profile step after sign-up: who the participant is, for eligibility and for reports."""

    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=with_blank(OrganisationKind.choices, "—")
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        required=False,
        choices=with_blank(Participant.Gender.choices, "—"),
        help_text=_("Used only in anonymous statistics for our donors."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that UNIDIR keeps these details to manage my registrations and to report anonymous "
            "statistics to its donors."
        ),
        required=True,
    )

    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "country", "organisation", "organisation_kind", "job_title", "gender"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "country": _("Country"),
            "organisation": _("Organisation"),
            "job_title": _("Job title"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("country", "organisation", "job_title"):
            self.fields[name].required = True
        if self.instance.consented_at:
            self.fields["consent"].initial = True

    def clean(self):
        cleaned_data = super().clean()
        taken = Participant.objects.with_email(self.instance.email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _(
                    "Another participant record already uses your email address. Please verify your address "
                    "(see the email we sent you) or contact the programme team."
                )
            )
        return cleaned_data


def _participant_field(name: str, label):
    return Participant._meta.get_field(name).formfield(label=label)


class WalkInForm(forms.Form):
    """Someone at the door who is not on the list. A plain form, not a ModelForm: an email already on
    file is the same person, whom services.check_in.record_walk_in finds instead of refusing."""

    first_name = _participant_field("first_name", _("First name"))
    last_name = _participant_field("last_name", _("Last name"))
    email = forms.EmailField(label=_("Email"), required=False)
    country = _participant_field("country", _("Country"))
    organisation = _participant_field("organisation", _("Organisation"))
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=with_blank(OrganisationKind.choices, "—")
    )
