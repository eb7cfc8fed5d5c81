"""Content staff write in the six languages (django-modeltranslation columns): searching it, and the
spreadsheet columns of its translations."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname


def search_in_language_and_english(field_names: tuple[str, ...], text: str) -> Q:
    """A search of translated fields that matches the visitor's language and the English original:
    a Chinese reader finds an event by its Chinese title or its English one."""
    languages = dict.fromkeys([get_language() or "en", "en"])
    condition = Q()
    for field_name in field_names:
        for language in languages:
            condition |= Q(**{f"{build_localized_fieldname(field_name, language)}__icontains": text})
    return condition


def translation_columns(*field_names: str) -> tuple[str, ...]:
    """The spreadsheet columns of the translations of `field_names` (title_fr, title_zh_hans...), beside
    the original column, which holds the English."""
    return tuple(
        build_localized_fieldname(field_name, language)
        for field_name in field_names
        for language in settings.MODELTRANSLATION_LANGUAGES
        if language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    )
