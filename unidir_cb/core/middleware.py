"""One rule for every page: a request whose path, query parameters or form fields hold a control
character gets a 400, before any view sees it.

No person types one, and they break what comes after: PostgreSQL refuses NUL in text (a DataError,
so a 500, wherever the value reaches a query), and XML (XLSX, DOCX) cannot hold any of them. Tab,
line feed and carriage return are ordinary text in a form field and pass. Uploaded files are not
fields: their content is the importer's to judge."""

import re

from django.core.exceptions import BadRequest

# C0 controls except tab, line feed and carriage return; DEL; and the two non-characters XML refuses.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def _fields_with_control_characters(query_dict) -> list[str]:
    return [
        key
        for key, values in query_dict.lists()
        if has_control_characters(key) or any(has_control_characters(value) for value in values)
    ]


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request.path_info):
            raise BadRequest("The address contains a control character.")
        fields = _fields_with_control_characters(request.GET)
        if request.method == "POST":
            fields += _fields_with_control_characters(request.POST)
        if fields:
            # The names are for the log (django.security), never echoed to the page.
            raise BadRequest(f"Control characters in {', '.join(repr(name) for name in fields[:5])}.")
        return self.get_response(request)
