from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class UNLanguage(models.TextChoices):
    """The six official languages of the United Nations (ISO 639-1 codes)."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


class OrganisationKind(models.TextChoices):
    UN_ENTITY = "un_entity", _("UN entity")
    REGIONAL_ORGANISATION = "regional_organisation", _("Regional organisation")
    INTERGOVERNMENTAL = "intergovernmental", _("Other intergovernmental organisation")
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
