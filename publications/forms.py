from django import forms
from django.utils.translation import gettext_lazy as _

from unidir_cb.core.forms import un_language_choices, with_blank

from .models import Publication
from .selectors import PublicationFilters

# Chapters are not listed on their own (their volume's page lists them), so they are no filter either.
LISTED_KINDS = [(value, label) for value, label in Publication.Kind.choices if value != Publication.Kind.CHAPTER]


class PublicationFilterForm(forms.Form):
    """The catalogue's filters, read from the query string so that every view is a link."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=with_blank(LISTED_KINDS))
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Translated into"), required=False, choices=with_blank(un_language_choices()))

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = with_blank([(topic.slug, topic.name) for topic in options["topics"]])
        self.fields["year"].choices = with_blank([(year, year) for year in options["years"]])

    def filters(self) -> PublicationFilters:
        """The filters asked for; a value that does not validate is ignored rather than an error page."""
        self.is_valid()  # leaves the fields that did validate in cleaned_data
        data = self.cleaned_data
        return PublicationFilters(
            search=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            topic=data.get("topic") or "",
            year=data.get("year"),
            language=data.get("language") or "",
        )
