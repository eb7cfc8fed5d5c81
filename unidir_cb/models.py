from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class UNLanguage(models.TextChoices):
    """The six official languages of the United Nations (ISO 639-1 codes)."""

    ARABIC = "ar", "Arabic"
    CHINESE = "zh", "Chinese"
    ENGLISH = "en", "English"
    FRENCH = "fr", "French"
    RUSSIAN = "ru", "Russian"
    SPANISH = "es", "Spanish"


class OrganisationKind(models.TextChoices):
    UN_ENTITY = "un_entity", "UN entity"
    REGIONAL_ORGANISATION = "regional_organisation", "Regional organisation"
    INTERGOVERNMENTAL = "intergovernmental", "Other intergovernmental organisation"
    GOVERNMENT = "government", "Government"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    ACADEMIA = "academia", "Academia"
    PRIVATE_SECTOR = "private_sector", "Private sector"
