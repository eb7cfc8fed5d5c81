"""The event content staff write in the six languages (django-modeltranslation): what a visitor reads
about an event. Emails and calendar files are written in the participant's language, so they read
these columns too."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Event, Question, Speaker


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "target_audience", "city")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("label", "help_text", "options")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    """A speaker's name is theirs in every language; what they do and their bio are translated."""

    fields = ("affiliation", "bio")
