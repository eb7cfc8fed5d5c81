"""Content staff write in the six languages (django-modeltranslation): `{{ event.title }}` reads the
page's language and falls back to English where there is no translation; the element that shows it
says so with `{% if event|shown_in_english:"title" %} lang="en" dir="ltr"{% endif %}`, so that
browsers and screen readers read the English text as English."""

from django import template
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


@register.filter
def shown_in_english(record, field_name: str) -> bool:
    """Whether a page in another language shows `record`'s English `field_name` for want of a translation."""
    language = get_language() or "en"
    if language == "en" or not getattr(record, field_name, ""):
        return False
    return not getattr(record, build_localized_fieldname(field_name, language), None)
