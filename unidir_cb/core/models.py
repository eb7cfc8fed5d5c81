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


class LoginFailure(TimeStampedModel):
    """One failed login, kept for the few minutes login_protection.py counts it."""

    account = models.CharField(max_length=320, help_text="user:<id> for an account, login:<name> for a name none has.")
    address = models.CharField(max_length=64, blank=True, help_text="The client's address (behind trusted proxies).")

    class Meta:
        indexes = [
            models.Index(fields=["account", "created_at"], name="login_failure_account"),
            models.Index(fields=["address", "created_at"], name="login_failure_address"),
            models.Index(fields=["created_at"], name="login_failure_created"),
        ]

    def __str__(self):
        return f"{self.account} from {self.address or 'unknown'} at {self.created_at:%Y-%m-%d %H:%M:%S}"


class OutboxMessage(TimeStampedModel):
    """A Celery task recorded with the change it is about, until the broker has it (outbox.py); for
    work that must happen once, also the record checked before and stamped after that work."""

    task_id = models.CharField(max_length=255, unique=True, help_text="The Celery task id; a redelivery keeps it.")
    task_name = models.CharField(max_length=200)
    arguments = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the broker accepted it (or it ran, when tasks run eagerly)."
    )
    send_attempts = models.PositiveIntegerField(default=0, help_text="Tries the broker refused.")
    last_error = models.TextField(blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True, help_text="A worker is doing the work until then.")
    performed_at = models.DateTimeField(null=True, blank=True, help_text="When work that must happen once was done.")

    class Meta:
        indexes = [
            models.Index(fields=["sent_at", "created_at"], name="outbox_message_pending"),
        ]

    def __str__(self):
        state = "sent" if self.sent_at else "waiting for the broker"
        return f"{self.task_name} {self.task_id} ({state})"
