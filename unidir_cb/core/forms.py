"""Form helpers every public filter form uses: UN language names and "All" choices."""

from django.utils.functional import lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import UNLanguage

ALL = _("All")


def un_language_name(code: str) -> str:
    """The language's name in the reader's language (the records store "zh" for Chinese, Django says "zh-hans")."""
    return get_language_info("zh-hans" if code == "zh" else code)["name_translated"]


def un_language_choices():
    return [(code, lazy(un_language_name, str)(code)) for code in UNLanguage.values]


def with_blank(choices, label=ALL):
    return [("", label), *choices]
