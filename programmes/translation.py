"""The programme content staff write in the six languages (django-modeltranslation): names and
descriptions a visitor reads on the site. Letters and reports are written in English and read the
English columns. Empty translations are stored as NULL, so that unique names stay unique."""

from modeltranslation.translator import TranslationOptions, register

from .models import InformationResource, Organisation, Programme, Topic


class NamedContent(TranslationOptions):
    empty_values = None


@register(Topic)
class TopicTranslation(NamedContent):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(NamedContent):
    fields = ("name", "description")


@register(Organisation)
class OrganisationTranslation(NamedContent):
    fields = ("name",)


@register(InformationResource)
class InformationResourceTranslation(NamedContent):
    fields = ("name", "description")
