"""The language switcher's links: the page the visitor is on, in each of the six languages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict] | None:
    """One link per language to the same page, or None on pages outside the language prefixes (staff
    pages), which switch by the set_language form instead. Plain links keep public pages free of
    CSRF tokens, so one rendering serves every anonymous visitor (unidir_cb/core/public_pages.py)."""
    request = context["request"]
    codes = [code for code, _name in settings.LANGUAGES]
    if request.path.split("/")[1:2] != [get_language()] or get_language() not in codes:
        return None
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == get_language(),
        }
        for code in codes
    ]
