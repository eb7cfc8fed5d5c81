"""The six official languages of the United Nations, as the records store them and as the site's URLs
say them. Kept apart from the models so that settings and the country names can use it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UNLanguage(models.TextChoices):
    """The six official languages of the United Nations (ISO 639-1 codes)."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")

    @classmethod
    def of_site_language(cls, site_language: str | None) -> "UNLanguage":
        """The records' code for one of the site's languages: Django says "zh-hans" where the records
        (and ISO 639-1) say "zh"; any other language reads as English."""
        base = (site_language or "en").split("-")[0].split("_")[0].lower()
        return cls(base) if base in cls.values else cls.ENGLISH

    @property
    def site_language(self) -> str:
        """The site's language code for this language (its URL prefix and the pages' lang attribute)."""
        return "zh-hans" if self == UNLanguage.CHINESE else str(self.value)
