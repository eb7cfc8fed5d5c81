"""Form helpers: UN language names and "All" choices for public filters, and the checklists the
admin uses instead of JSON text for lists of codes."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .languages import UNLanguage

ALL = _("All")


def un_language_name(code: str) -> str:
    """The language's name in the reader's language (the records store "zh" for Chinese, Django says "zh-hans")."""
    return get_language_info(UNLanguage(code).site_language)["name_translated"]


def un_language_choices():
    return [(code, lazy(un_language_name, str)(code)) for code in UNLanguage.values]


def with_blank(choices, label=ALL):
    return [("", label), *choices]


class ChecklistField(forms.TypedMultipleChoiceField):
    """A list of codes a JSONField stores (languages, organisation kinds...), ticked in checkboxes
    rather than typed as JSON; nothing ticked stores an empty list."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices, **kwargs):
        super().__init__(choices=choices, required=False, coerce=str, empty_value=[], **kwargs)


def un_languages_field(**kwargs) -> ChecklistField:
    return ChecklistField(choices=un_language_choices, label=_("Languages"), **kwargs)
