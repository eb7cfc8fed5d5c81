"""Operations on an event's questions: adding the common ones (events/common_questions.py) in one
step, each in the six languages, once per event."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from ..common_questions import COMMON_SETS, CommonQuestion
from ..models import Event, Question

TRANSLATED_FIELDS = ("label", "help_text", "options")


def _translated_columns(common: CommonQuestion) -> dict[str, str]:
    """label_en, label_fr, ... help_text_..., options_...: the common wording in every language."""
    columns = {}
    for language in settings.MODELTRANSLATION_LANGUAGES:
        with translation.override(language):
            texts = {
                "label": str(common.label),
                "help_text": str(common.help_text),
                "options": "\n".join(str(option) for option in common.options),
            }
        for name in TRANSLATED_FIELDS:
            columns[build_localized_fieldname(name, language)] = texts[name]
    return columns


@transaction.atomic
def add_common_questions(event: Event, form_kind: str) -> list[Question]:
    """Add the common questions of that form the event does not ask yet, after its own questions."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    asked = set(event.questions.filter(form=form_kind).values_list("common_key", flat=True))
    last = event.questions.filter(form=form_kind).aggregate(last=Max("position"))["last"] or 0
    added = []
    for common in COMMON_SETS[form_kind]:
        if common.key in asked:
            continue
        last += 10
        question = Question(
            event=event,
            form=form_kind,
            position=last,
            kind=common.kind,
            required=common.required,
            private=common.private,
            shown_at_check_in=common.shown_at_check_in,
            allowed_file_types=list(common.allowed_file_types),
            common_key=common.key,
            **_translated_columns(common),
        )
        question.full_clean(exclude=["event"])
        question.save()
        added.append(question)
    return added
