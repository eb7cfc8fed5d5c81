import hashlib
import json
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from unidir_cb.core.models import TimeStampedModel


class ReportJob(TimeStampedModel):
    """One run of a report: who asked for what, how far it got, and the files it produced.

    A re-run is a new job pointing at the one it repeats, so past runs and their files are kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    FINISHED_STATUSES = (Status.SUCCEEDED, Status.FAILED)

    # Not a choices field: kinds live in code (registry.py) and adding one must not need a migration.
    kind = models.CharField(max_length=60)
    parameters = models.JSONField(default=dict, blank=True)
    parameters_digest = models.CharField(
        max_length=64, blank=True, editable=False, help_text="SHA-256 of the parameters, to find the same request."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_jobs"
    )
    rerun_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reruns", verbose_name=_("re-run of")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    progress_message = models.CharField(max_length=255, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times the job was handed to a worker; each hand-over fences out the one before."
    )
    celery_task_id = models.CharField(max_length=255, blank=True)
    keep_files = models.BooleanField(
        default=False,
        help_text="Kept for good (approved mapping versions, scheduled snapshots); other jobs' files are "
        "deleted REPORT_FILE_RETENTION_DAYS after they finished.",
    )
    files_deleted_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why the job failed, in words staff can act on.")
    result = models.JSONField(
        default=dict, blank=True, help_text="What the job found, for its page (an import's totals and errors)."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "heartbeat_at"], name="report_job_status_heartbeat"),
            models.Index(fields=["requested_by", "-created_at"], name="report_job_requester_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_job_progress_at_most_100"),
            # Starting a job is idempotent (services.start_report_job): one queued or running job per
            # person, kind and parameters, even when two requests race.
            models.UniqueConstraint(
                fields=["requested_by", "kind", "parameters_digest"],
                condition=Q(status__in=["queued", "running"]),
                name="report_job_one_active_per_request",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    @staticmethod
    def digest_of(parameters) -> str:
        canonical = json.dumps(parameters, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def get_absolute_url(self) -> str:
        return reverse("reporting:job_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED_STATUSES

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


def report_file_path(report_file, filename):
    # A random folder per file: two runs never share a path, and the path cannot be guessed if the
    # media folder is ever served directly (the demo serves MEDIA_URL); downloads go through a view.
    return f"reports/{report_file.job_id}/{secrets.token_urlsafe(12)}/{get_valid_filename(filename)}"


class ReportFile(TimeStampedModel):
    class Format(models.TextChoices):
        DOCX = "docx", _("Word document (DOCX)")
        PDF = "pdf", _("PDF")
        HTML = "html", _("Web page (HTML)")
        XLSX = "xlsx", _("Spreadsheet (XLSX)")
        CSV = "csv", _("Table (CSV)")

    CONTENT_TYPES = {
        Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format.PDF: "application/pdf",
        Format.HTML: "text/html; charset=utf-8",
        Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format.CSV: "text/csv; charset=utf-8",
    }

    job = models.ForeignKey(ReportJob, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=10, choices=Format.choices)
    file = models.FileField(upload_to=report_file_path, max_length=255)
    filename = models.CharField(max_length=200, help_text="The name the download is saved under.")
    size = models.PositiveBigIntegerField(help_text="In bytes.")

    class Meta:
        ordering = ["job", "format"]
        constraints = [
            models.UniqueConstraint(fields=["job", "format"], name="report_file_one_per_format"),
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self) -> str:
        # The permission-checked download, never the storage URL.
        return reverse("reporting:download_file", args=[self.job_id, self.format])

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.format]
