"""The placeholders a visa support letter's template may use, and the check of a template's text.

Placeholders are written {event_title}: Python's format syntax, which staff learn in a minute and
which cannot reach anything but the values below (no attributes, no indexing, no code). A brace
itself is written twice ({{ or }}). The check runs when staff save a template, so a letter is never
issued with a placeholder left unfilled."""

import string

from django.core.exceptions import ValidationError

PLACEHOLDERS = {
    "participant_name": "the participant's full name",
    "first_name": "the participant's first name",
    "last_name": "the participant's last name",
    "nationality": "as the participant gave it in the follow-up form (else their country)",
    "passport_number": "as the participant gave it (empty if not given)",
    "organisation": "the participant's organisation",
    "job_title": "the participant's job title",
    "event_title": "the event's title",
    "event_dates": "the event's dates, e.g. 10–12 March 2027",
    "venue": "the venue's name",
    "city": "the event's city",
    "country": "the event's country",
    "host": "who invites: the template's host (else the programme's name)",
    "programme": "the programme's name",
    "signatory_name": "who signs the letter",
    "signatory_title": "the signatory's title",
    "issue_date": "the day the letter is issued",
    "reference": "the letter's reference number",
}


def placeholder_errors(text: str) -> list[str]:
    """What is wrong with the placeholders of a template's text, in words staff can act on."""
    try:
        parts = list(string.Formatter().parse(text or ""))
    except ValueError:
        return [
            "A brace is not matched. Write a placeholder as {event_title}; "
            "to write a brace itself, write it twice: {{ or }}."
        ]
    errors = []
    for _literal, name, format_spec, conversion in parts:
        if name is None:
            continue
        if name == "":
            errors.append("Empty braces {} name no placeholder: write its name inside, as {event_title}.")
        elif name not in PLACEHOLDERS:
            errors.append(f"Unknown placeholder {{{name}}}.")
        elif format_spec or conversion:
            errors.append(f"Write {{{name}}} with nothing after its name (no ':' or '!').")
    return errors


def validate_placeholders(text: str) -> None:
    errors = placeholder_errors(text)
    if errors:
        errors.append("The placeholders you can use: " + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS) + ".")
        raise ValidationError(errors)


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """The text with each placeholder replaced (the text has passed validate_placeholders)."""
    return (text or "").format_map({name: values.get(name, "") for name in PLACEHOLDERS})
