import secrets

from django.conf import settings
from django.db import models
from django.utils.text import get_valid_filename
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


def import_upload_path(data_import, filename):
    # A random folder: the path cannot be guessed if the media folder is ever served directly.
    return f"imports/{secrets.token_urlsafe(12)}/{get_valid_filename(filename)}"


class DataImport(TimeStampedModel):
    """A file a member of staff uploaded to import into one model: previewed by a dry run, then
    confirmed, each by a report job (unidir_cb/core/data_transfer). The file is never served; it is
    deleted once imported."""

    target = models.CharField(max_length=100, help_text='The model imported into, e.g. "events.participant".')
    options = models.JSONField(default=dict, blank=True, help_text="What the import form added, e.g. the event.")
    file = models.FileField(upload_to=import_upload_path, max_length=255, blank=True)
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=10)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    preview_job = models.ForeignKey(
        "reporting.ReportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirm_job = models.ForeignKey(
        "reporting.ReportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} into {self.target}"
