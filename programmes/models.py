from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django_countries.fields import CountryField

from unidir_cb.core import wording
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.models import OrganisationKind, TimeStampedModel


def validate_un_languages(value):
    if not isinstance(value, list) or any(code not in UNLanguage.values for code in value):
        raise ValidationError(f"Languages must be a list of {', '.join(UNLanguage.values)}.")


class ActivityCategory(models.TextChoices):
    """How reports group the work: publications are research, events participatory learning,
    information resources facilitated access to information."""

    RESEARCH = "research", "Research"
    PARTICIPATORY_LEARNING = "participatory_learning", "Participatory learning activities"
    ACCESS_TO_INFORMATION = "access_to_information", "Facilitated access to information"


class Programme(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, unique=True, help_text="e.g. SecTec")
    # Programme names do not all end in "Programme" and some take "the": letters use the name as
    # staff write it instead of building it from the name.
    name_in_text = models.CharField(
        "name in running text",
        max_length=255,
        help_text='How letters name the programme after "by": "the UNIDIR Security and Technology Programme".',
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True, help_text="Where the full catalogue of publications can be read.")
    area_of_work = models.CharField(
        max_length=200, blank=True, help_text='As letters name it: "international ICT security".'
    )
    head_name = models.CharField("head of programme", max_length=200, blank=True)
    head_title = models.CharField(
        "head's title", max_length=200, blank=True, help_text="e.g. Head of Programme, Security & Technology"
    )

    class Meta:
        ordering = ["name"]
        permissions = [("run_reports", "Can run reports and see dashboards")]

    def __str__(self):
        return f"{self.name} ({self.short_name})"


class Topic(TimeStampedModel):
    class Kind(models.TextChoices):
        PILLAR = "pillar", "Pillar of the framework"
        THEME = "theme", "Cross-cutting theme"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.THEME)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "name"]

    def __str__(self):
        return self.name


class Organisation(TimeStampedModel):
    """Partners, co-organisers and requesting entities (UNITAR, ASEAN, OAS, GFCE, UNODA...)."""

    name = models.CharField(max_length=255, unique=True, help_text='The full name, without article: "African Union".')
    acronym = models.CharField(max_length=40, blank=True)
    # How the reference letter names organisations: the widely known by their acronym alone ("partnered
    # with ASEAN and OAS", "UNITAR"), the others by their full name ("Global Forum on Cyber Expertise").
    known_by_acronym = models.BooleanField(
        default=True, help_text="Running text names it by its acronym (ASEAN, UNITAR); if not, by its full name."
    )
    name_takes_article = models.BooleanField(
        "name takes 'the'",
        default=False,
        help_text='Written "the African Union", "the OSCE" in running text.',
    )
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    country = CountryField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name

    @property
    def name_in_text(self) -> str:
        """The organisation as letters name it in a sentence: "ASEAN", "the African Union"."""
        name = self.acronym if self.known_by_acronym and self.acronym else self.name
        return wording.name_in_text(name, self.name_takes_article)


class InformationResource(TimeStampedModel):
    class Kind(models.TextChoices):
        PORTAL = "portal", "Portal"
        DATABASE = "database", "Database"
        DATA_SHARING = "data_sharing", "Data sharing"

    name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="information_resources")
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    languages = models.JSONField(default=list, blank=True, validators=[validate_un_languages])
    partners = models.ManyToManyField(Organisation, blank=True, related_name="information_resources")
    topics = models.ManyToManyField(Topic, blank=True, related_name="information_resources")
    launched_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_in_all_un_languages(self) -> bool:
        return set(UNLanguage.values) <= set(self.languages)


class MappingExercise(TimeStampedModel):
    """A request to describe the programme's work, e.g. "ODA/2023-00042/ICT-Mapping Exercise"."""

    reference = models.CharField(max_length=120, unique=True)
    title = models.CharField(max_length=255, blank=True)
    requesting_entity = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="mapping_exercises", null=True, blank=True
    )
    addressees = models.CharField(
        max_length=255, help_text='As the letter greets them, e.g. "Ms. Browning, Ms. Prizeman"'
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="mapping_exercises")
    received_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    scope = models.TextField(blank=True, help_text="What the request asks for, in its own words.")
    period_start = models.DateField()
    period_end = models.DateField()
    publications_since = models.DateField(
        null=True,
        blank=True,
        help_text="Count publications and cite earlier activities from this date (defaults to the period start).",
    )

    class Meta:
        ordering = ["-period_end", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="mapping_exercise_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(received_on__isnull=True) | Q(due_on__gte=F("received_on")),
                name="mapping_exercise_due_after_received",
            ),
        ]

    def __str__(self):
        return self.reference

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The reporting period must end after it starts."})


class MappingSubmission(TimeStampedModel):
    """One version of the reply to a mapping exercise, compiled from the data and then reviewed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPILED = "compiled", "Compiled"
        APPROVED = "approved", "Approved"
        SENT = "sent", "Sent"

    exercise = models.ForeignKey(MappingExercise, on_delete=models.CASCADE, related_name="submissions")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    sections = models.JSONField(
        default=dict, blank=True, help_text="Structured content staff can edit before approval."
    )
    letter_date = models.DateField(null=True, blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=255, blank=True)
    compiled_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The report job that compiled this version: a job retried after its worker died finds the
    # version it already compiled instead of compiling another.
    report_job = models.ForeignKey(
        "reporting.ReportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The report job whose files (DOCX, PDF, HTML) are this version's latest rendering: the files are
    # stored once, as that job's; set when the job succeeds, so a failed re-rendering keeps the last good one.
    rendering_job = models.ForeignKey(
        "reporting.ReportJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The report job whose files are this version's latest rendering.",
    )

    class Meta:
        ordering = ["exercise", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "version"], name="mapping_submission_unique_version"),
        ]

    def __str__(self):
        return f"{self.exercise.reference} v{self.version}"

    @property
    def file_stem(self) -> str:
        """What the rendered files are called: "oda2023-00042ict-mapping-exercise-v3"."""
        return slugify(f"{self.exercise.reference}-v{self.version}")

    @property
    def is_signed(self) -> bool:
        """Whether the letter goes out signed: once management approved this version, never before."""
        return self.status in (self.Status.APPROVED, self.Status.SENT)

    def rendering_filename(self, file_format: str, signed: bool) -> str:
        """A rendering's file name; an unsigned draft says so, so that nobody sends it by mistake."""
        return f"{self.file_stem}{'' if signed else '-draft'}.{file_format}"
