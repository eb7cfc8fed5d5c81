"""The shape of a mapping submission's `sections`: what the compiler (reports/mapping) writes, staff
edit on the review page, and the renderers read."""

from django.core.exceptions import ValidationError

SCHEMA_VERSION = 1
SECTION_ORDER = ["introduction", "research", "participatory_learning", "access_to_information", "funding", "closing"]
TEXT_FIELDS = ("heading", "lead")
LIST_FIELDS = ("paragraphs", "bullets", "closing_paragraphs")


def validate_sections(sections: dict) -> None:
    """Edited sections must keep the shape the renderers read; say exactly what is wrong."""
    if not isinstance(sections, dict) or "order" not in sections:
        raise ValidationError("The submission content must have an 'order' list of sections.")
    unknown = [key for key in sections["order"] if key not in SECTION_ORDER]
    if unknown:
        raise ValidationError(f"Unknown sections in the order: {', '.join(map(str, unknown))}.")
    if len(set(sections["order"])) != len(sections["order"]):
        raise ValidationError("A section appears twice in the order.")
    for key in sections["order"]:
        section = sections.get(key)
        if not isinstance(section, dict):
            raise ValidationError(f"Section '{key}' is missing.")
        for field in TEXT_FIELDS:
            if not isinstance(section.get(field, ""), str):
                raise ValidationError(f"Section '{key}': '{field}' must be text.")
        for field in LIST_FIELDS:
            values = section.get(field, [])
            if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
                raise ValidationError(f"Section '{key}': '{field}' must be a list of texts.")
