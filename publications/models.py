from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_cleanup import cleanup

from programmes.models import Programme, Topic
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.models import TimeStampedModel


class Publication(TimeStampedModel):
    class Kind(models.TextChoices):
        RESEARCH_PAPER = "research_paper", _("Research paper")
        REPORT = "report", _("Report")
        BRIEF = "brief", _("Brief")
        EDITED_VOLUME = "edited_volume", _("Edited volume")
        CHAPTER = "chapter", _("Chapter")
        COMMENTARY = "commentary", _("Commentary")
        TOOL = "tool", _("Tool")

    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=500, blank=True)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="publications")
    publisher = models.CharField(max_length=200, default="UNIDIR")
    place = models.CharField(max_length=120, default="Geneva")
    published_on = models.DateField()
    doi = models.CharField("DOI", max_length=200, blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    url = models.URLField("URL", blank=True)
    abstract = models.TextField(blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="publications")
    volume = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chapters",
        limit_choices_to={"kind": Kind.EDITED_VOLUME},
        help_text="For a chapter: the edited volume it belongs to.",
    )
    chapter_order = models.PositiveSmallIntegerField(null=True, blank=True)
    is_published = models.BooleanField(default=True, help_text="Shown in the public catalogue.")
    featured_rank = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Cited as an example of the programme's research in letters and reports, in this order; "
        "leave empty for publications that are not examples.",
    )

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            # A chapter always sits in a volume, with a place in it; nothing else does.
            models.CheckConstraint(
                condition=(Q(kind="chapter") & Q(volume__isnull=False) & Q(chapter_order__isnull=False))
                | (~Q(kind="chapter") & Q(volume__isnull=True) & Q(chapter_order__isnull=True)),
                name="publication_chapters_and_only_chapters_have_a_volume",
            ),
            models.UniqueConstraint(
                fields=["volume", "chapter_order"],
                condition=Q(volume__isnull=False),
                name="publication_chapter_order_unique",
            ),
            models.UniqueConstraint(fields=["doi"], condition=~Q(doi=""), name="publication_doi_unique"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # Which kind the volume is cannot be a CHECK constraint (it spans two rows): enforced here and
        # in the import resource, both of which run before every save staff can make.
        if self.volume_id and self.volume.kind != self.Kind.EDITED_VOLUME:
            raise ValidationError({"volume": "Chapters can only belong to an edited volume."})
        if self.kind == self.Kind.CHAPTER and not self.volume_id:
            raise ValidationError({"volume": "A chapter needs the edited volume it belongs to."})
        if self.kind != self.Kind.CHAPTER and self.volume_id:
            raise ValidationError({"volume": "Only chapters belong to a volume."})
        if self.kind == self.Kind.CHAPTER and self.chapter_order is None:
            raise ValidationError({"chapter_order": "Give the chapter's place in the volume."})

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title


class Contributor(TimeStampedModel):
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    honorific = models.CharField(max_length=20, blank=True, help_text="e.g. Dr")
    affiliation = models.CharField(max_length=255, blank=True)
    orcid = models.CharField("ORCID", max_length=19, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["first_name", "last_name"], name="contributor_unique_name"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Authorship(TimeStampedModel):
    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        EDITOR = "editor", _("Editor")
        TRANSLATOR = "translator", _("Translator")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="authorships")
    contributor = models.ForeignKey(Contributor, on_delete=models.PROTECT, related_name="authorships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["publication", "role", "order"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "contributor", "role"], name="authorship_unique_role"),
            models.UniqueConstraint(fields=["publication", "role", "order"], name="authorship_unique_order"),
        ]

    def __str__(self):
        return f"{self.contributor} ({self.get_role_display()} {self.order})"


@cleanup.select  # a replaced or deleted file is deleted with it (django_cleanup, in settings)
class Translation(TimeStampedModel):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=2, choices=UNLanguage.choices)
    title = models.CharField(max_length=500)
    abstract = models.TextField(
        blank=True, help_text="The abstract in this language; the original's is shown if empty."
    )
    file = models.FileField(upload_to="translations/", blank=True)
    url = models.URLField("URL", blank=True)

    class Meta:
        ordering = ["publication", "language"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "language"], name="translation_unique_language"),
        ]

    def __str__(self):
        return f"{self.title} [{self.language}]"
