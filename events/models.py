import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_cleanup import cleanup
from django_countries import countries
from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from programmes.models import Organisation, Programme, Topic, validate_un_languages
from unidir_cb.core.models import OrganisationKind, TimeStampedModel

# Uploaded answers: served only by events.answer_views.download_answer_file, after it has checked who asks.
from unidir_cb.core.private_files import private_storage

from . import letter_placeholders


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone such as Europe/Zurich.")


def new_secret_token():
    return secrets.token_urlsafe(24)


# Reminders before an event, in days: a week before and the day before.
REMINDER_DAY_CHOICES = (14, 7, 3, 1)


def default_reminder_days() -> list[int]:
    return [7, 1]


def local_date(moment: datetime.datetime, time_zone: str) -> datetime.date:
    """The calendar day a moment falls on where the event takes place: the day records, letters,
    reports and exports date an event by (00:30 on 1 January in Geneva is 1 January, though it is
    still 31 December in UTC; a briefing in Fiji on 23 August is on 23 August)."""
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone)).date()


class EventSeries(TimeStampedModel):
    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="event_series")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "event series"

    def __str__(self):
        return self.name


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        SEMINAR = "seminar", _("Seminar")
        CLINIC = "clinic", _("Clinic")
        SUMMER_COURSE = "summer_course", _("Summer course")
        TRAINING_MODULE = "training_module", _("Training module")
        TABLE_TOP_EXERCISE = "table_top_exercise", _("Table-top exercise")
        SIMULATION = "simulation", _("Scenario-based simulation")
        DIALOGUE = "dialogue", _("Dialogue")
        BRIEFING = "briefing", _("Briefing")
        WORKSHOP = "workshop", _("Workshop")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Admission(models.TextChoices):
        OPEN = "open", _("Open")
        BY_APPROVAL = "by_approval", _("By approval")
        BY_INVITATION = "by_invitation", _("By invitation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    # Kinds that teach a skill: their attendees receive a certificate of attendance.
    CERTIFICATE_KINDS = (Kind.SUMMER_COURSE, Kind.TRAINING_MODULE, Kind.TABLE_TOP_EXERCISE, Kind.SIMULATION)

    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    series = models.ForeignKey(EventSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    format = models.CharField(max_length=20, choices=Format.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, default="Europe/Zurich", validators=[validate_time_zone])
    # Kept by save() from starts_at and time_zone, so that periods and years are selected in SQL by
    # the event's own date; code that writes rows without save() (bulk_create) sets it with local_date().
    starts_on = models.DateField(editable=False, help_text="The day the event starts, in its own time zone.")
    venue = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=120, blank=True)
    country = CountryField(blank=True)
    online_url = models.URLField(
        "online link", blank=True, help_text="Shown to confirmed participants only, never on public pages."
    )
    languages = models.JSONField(default=list, blank=True, validators=[validate_un_languages])
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    partners = models.ManyToManyField(Organisation, blank=True, related_name="events", through="EventPartner")
    target_audience = models.CharField(max_length=255, blank=True)
    admission = models.CharField(max_length=20, choices=Admission.choices, default=Admission.OPEN)
    eligible_organisation_kinds = models.JSONField(
        default=list, blank=True, help_text='Leave empty for all; e.g. ["government"] for government officials only.'
    )
    eligible_country_groups = models.JSONField(
        default=list, blank=True, help_text="Leave empty for all; e.g. LDC and SIDS for nationals of either."
    )
    # Country codes; with eligible_country_groups, a national of a listed country or of a listed group may apply.
    eligible_countries = models.JSONField(default=list, blank=True, help_text="Leave empty for all.")
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Seats; empty means no limit.")
    waitlist_enabled = models.BooleanField(default=True)
    reminder_days_before = models.JSONField(
        default=default_reminder_days,
        blank=True,
        help_text="Confirmed participants are reminded (with the calendar file and the online link) this many "
        "days before the event; none ticked: no reminder.",
    )
    offer_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="When a seat frees, offer it to the next person on the waiting list for this many hours "
        "(they accept or decline from the email); empty: confirm them at once.",
    )
    registration_opens_at = models.DateTimeField(null=True, blank=True)
    registration_closes_at = models.DateTimeField(null=True, blank=True)
    invitation_token = models.CharField(max_length=64, default=new_secret_token, editable=False)
    # iCalendar SEQUENCE: raised on every change participants must hear about.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["programme", "starts_on"], name="event_programme_starts_on"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(capacity__gte=0) | Q(capacity__isnull=True), name="event_capacity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        if self.starts_at is None:  # a form or import row still being filled in
            return self.title
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The event must end after it starts."})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError({"registration_closes_at": "Registration must close after it opens."})
        unknown_kinds = set(self.eligible_organisation_kinds or []) - set(OrganisationKind.values)
        if unknown_kinds:
            raise ValidationError(
                {"eligible_organisation_kinds": f"Unknown organisation kinds: {sorted(unknown_kinds)}."}
            )
        unknown_groups = set(self.eligible_country_groups or []) - {"ldc", "lldc", "sids"}
        if unknown_groups:
            raise ValidationError({"eligible_country_groups": f"Unknown country groups: {sorted(unknown_groups)}."})
        unknown_countries = {code for code in self.eligible_countries or [] if code not in countries}
        if unknown_countries:
            raise ValidationError({"eligible_countries": f"Unknown country codes: {sorted(unknown_countries)}."})

    def save(self, *args, **kwargs):
        self.starts_on = local_date(self.starts_at, self.time_zone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"starts_at", "time_zone"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "starts_on"}
        super().save(*args, **kwargs)

    @property
    def ends_on(self) -> datetime.date:
        return local_date(self.ends_at, self.time_zone)

    @property
    def gives_certificates(self) -> bool:
        return self.kind in self.CERTIFICATE_KINDS


class EventPartner(TimeStampedModel):
    """An organisation that took part in making an event, in the role letters state ("partnered with",
    "hosted by", "with funding from", "at the invitation of")."""

    class Role(models.TextChoices):
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        HOST = "host", _("Host")
        FUNDER = "funder", _("Funder")
        INVITED_BY = "invited_by", _("Inviting organisation")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="event_partnerships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CO_ORGANISER)

    class Meta:
        # The table was Event.partners' own until roles came; its unique pair is kept as it was created.
        db_table = "events_event_partners"
        unique_together = [("event", "organisation")]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


@cleanup.select  # a replaced or deleted photo is deleted with it (django_cleanup, in settings)
class Speaker(TimeStampedModel):
    """Someone who speaks on an event's agenda. Their published name, affiliation, short bio and photo
    are public (shown on event pages); their email address is for staff only and never published."""

    name = models.CharField(max_length=200, help_text="As published, e.g. Dr Amina Diallo.")
    affiliation = models.CharField(max_length=255, blank=True, help_text="Organisation and position.")
    bio = models.TextField(blank=True, help_text="A few sentences, shown on event pages.")
    # Resized on upload (events.speakers.resized_photo): no camera original is ever kept or served.
    photo = models.ImageField(upload_to="speakers/", blank=True)
    email = models.EmailField(blank=True, help_text="For staff only: never shown on the site.")

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class AgendaItem(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(max_length=255)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="agenda_items")
    speaker_names = models.CharField(
        "other speakers",
        max_length=500,
        blank=True,
        help_text="Speakers without a profile, as written (e.g. the Director of UNIDIR).",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="agenda_item_ends_after_start"),
        ]

    def __str__(self):
        return self.title


class ParticipantQuerySet(models.QuerySet):
    def with_email(self, address: str):
        """The participant with this address in any case: LOWER(email) = ..., the expression of the
        unique index, so the look-up is one index probe (email__iexact compares UPPER() and scans)."""
        # The exclude repeats the unique index's condition (addresses given), so that it can be used.
        return self.alias(email_lower=Lower("email")).filter(email_lower=address.strip().lower()).exclude(email="")


class Participant(TimeStampedModel):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="participant"
    )
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    # A walk-in may give no address; the addresses given are unique whatever their case.
    email = models.EmailField(blank=True)
    country = CountryField(blank=True)
    organisation = models.CharField(max_length=255, blank=True)
    organisation_kind = models.CharField(max_length=30, choices=OrganisationKind.choices, blank=True)
    job_title = models.CharField(max_length=255, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person agreed to the privacy notice."
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)
    calendar_token = models.CharField(max_length=64, default=new_secret_token, unique=True, editable=False)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language emails and calendar invitations are written in.",
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        # Name, email and organisation searches (icontains: UPPER(...) LIKE) use trigram indexes on
        # PostgreSQL, created by migration 0004_admin_list_indexes there only (SQLite has none).
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="participant_name_order")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="participant_email_unique_case_insensitive"
            ),
        ]

    # What an anonymised participant is called (see services.participants.anonymise_participant).
    ANONYMISED_FIRST_NAME = "Anonymised"
    ANONYMISED_LAST_NAME = "participant"
    # The .invalid top-level domain is reserved (RFC 2606): no mail can ever reach these addresses.
    ANONYMISED_EMAIL_DOMAIN = "anonymised.invalid"

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip()
        super().save(*args, **kwargs)


class Registration(TimeStampedModel):
    # The waiting list is first come, first served: queue time, then id for ties.
    QUEUE_ORDER = ("queued_at", "id")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        # A freed seat held for the first person waiting until they accept, decline or the offer lapses.
        OFFERED = "offered", _("Offered a seat")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        # Registered at the door by staff and checked in at once: the seat was settled there, so the
        # capacity rule (confirmed registrations) does not count it; events.rules.took_part does.
        WALK_IN = "walk_in", _("Walk-in")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    # The waiting list's order: when the person joined the queue (their registration time, or the
    # time they registered again after cancelling); staff moving someone up give them an earlier one.
    queued_at = models.DateTimeField(default=timezone.now)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    offer_reminded_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attended = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    certificate_code = models.CharField(max_length=32, blank=True)
    certificate_issued_at = models.DateTimeField(null=True, blank=True)
    # When staff last had the certificate emailed (the email is queued in that transaction): emailing
    # again is then a deliberate "send again", never a second click.
    certificate_emailed_at = models.DateTimeField(null=True, blank=True)
    # The follow-up form (questions asked after confirmation): when the participant completed it, and
    # when staff last reminded them (the confirmation email asks the first time).
    follow_up_completed_at = models.DateTimeField(null=True, blank=True)
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True)
    # Raised by every change of status, added to the event's calendar_sequence in the participant's own
    # calendar files: a cancellation of their seat (or a seat given back) outranks the invitation before it.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The waitlist is first come, first served: queue time, then id for ties (QUEUE_ORDER).
            models.Index(fields=["event", "status", "queued_at", "id"], name="registration_queue_order"),
            models.Index(fields=["created_at", "id"], name="registration_created_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "participant"], name="registration_unique_per_event_participant"),
            models.UniqueConstraint(
                fields=["certificate_code"],
                condition=~Q(certificate_code=""),
                name="registration_certificate_code_unique",
            ),
        ]

    def __str__(self):
        return f"{self.participant} — {self.event.title}"


def answer_file_path(answer: "Answer", filename: str) -> str:
    # A random name: the person's own file name may say who they are, and names must not be guessed.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"answers/event-{answer.registration.event_id}/{secrets.token_urlsafe(18)}.{extension}"


class Question(TimeStampedModel):
    """A question staff ask the participants of one event, on the registration form or on the
    follow-up form confirmed participants complete later (travel, passport details...)."""

    # Staff read these labels in the admin, in English; participants never see them.
    class Form(models.TextChoices):
        REGISTRATION = "registration", "Registration form"
        FOLLOW_UP = "follow_up", "Follow-up form (after confirmation)"

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        SINGLE_CHOICE = "single_choice", "One choice"
        MULTIPLE_CHOICE = "multiple_choice", "Several choices"
        YES_NO = "yes_no", "Yes or no"
        DATE = "date", "Date"
        COUNTRY = "country", "Country"
        FILE = "file", "File upload"
        CONSENT = "consent", "Consent statement"

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE)
    # A file, once uploaded, is personal data whatever the question says.
    ALWAYS_PRIVATE_KINDS = (Kind.FILE,)
    # Kinds whose answers a list can be filtered by (a few values each).
    FILTERABLE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE, Kind.YES_NO, Kind.COUNTRY)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    form = models.CharField(max_length=20, choices=Form.choices, default=Form.REGISTRATION)
    position = models.PositiveIntegerField(default=0, help_text="Questions are asked in this order.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SHORT_TEXT)
    label = models.CharField(max_length=500, help_text="The question, or for a consent the statement agreed to.")
    help_text = models.CharField(max_length=500, blank=True)
    options = models.TextField(
        blank=True, help_text="For choices: one choice per line, in the same order in every language."
    )
    required = models.BooleanField(default=False)
    private = models.BooleanField(
        default=False,
        help_text="Personal data such as passport details: only the participant and staff with the "
        "permission to read private answers see it. File uploads are always private.",
    )
    shown_at_check_in = models.BooleanField(
        default=False, help_text="Show the answers on the check-in page (e.g. dietary or accessibility needs)."
    )
    allowed_file_types = models.JSONField(default=list, blank=True)
    max_file_size_mb = models.PositiveSmallIntegerField(
        default=5, help_text="For file uploads: the largest file accepted, in megabytes."
    )
    # Which of the common questions (events/common_questions.py) this one was added as, so that it is
    # added once per event.
    common_key = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        # The registration form's questions before the follow-up form's ("follow_up" sorts first).
        ordering = [models.Case(models.When(form="registration", then=0), default=1), "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "form", "common_key"], condition=~Q(common_key=""), name="question_common_once"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def is_private(self) -> bool:
        return self.private or self.kind in self.ALWAYS_PRIVATE_KINDS

    def option_list(self) -> list[str]:
        """The choices in the reader's language (the translated lines, one per choice)."""
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]

    def stored_options(self) -> list[str]:
        """The choices as answers store them: the original (English) lines, whatever language the
        participant answered in, so that answers given in six languages count together."""
        return [line.strip() for line in (self.options_en or self.options or "").splitlines() if line.strip()]

    def clean(self):
        if self.kind in self.CHOICE_KINDS:
            original = self.stored_options()
            if not original:
                raise ValidationError({"options": "List the choices, one per line."})
            for language in settings.MODELTRANSLATION_LANGUAGES:
                translated = getattr(self, build_localized_fieldname("options", language), None) or ""
                lines = [line for line in translated.splitlines() if line.strip()]
                if lines and len(lines) != len(original):
                    raise ValidationError(
                        {
                            "options": f"Every language must list the same {len(original)} choices, in the same order "
                            f"({language} lists {len(lines)})."
                        }
                    )
        if self.kind == self.Kind.FILE and not self.allowed_file_types:
            raise ValidationError({"allowed_file_types": "Tick the kinds of file participants may upload."})
        if self.shown_at_check_in and self.is_private:
            raise ValidationError(
                {"shown_at_check_in": "Private answers and files are never shown on the check-in page."}
            )
        unknown = set(self.allowed_file_types or []) - set(self.FileType.values)
        if unknown:
            raise ValidationError({"allowed_file_types": f"Unknown file types: {sorted(unknown)}."})


class Answer(TimeStampedModel):
    """One participant's answer to one question. It keeps the question's wording and privacy as they
    were when answered, so that changing or deleting the question never loses or re-labels it."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers")
    question_label = models.CharField(max_length=500)
    question_kind = models.CharField(max_length=20, choices=Question.Kind.choices)
    private = models.BooleanField(default=False)
    # Text, a list of choices (their original wording), true/false, an ISO date or a country code.
    value = models.JSONField(null=True, blank=True)
    file = models.FileField(upload_to=answer_file_path, storage=private_storage, max_length=255, blank=True)
    file_name = models.CharField(max_length=255, blank=True, help_text="The name the participant's file had.")
    file_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["registration", "question__form", "question__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"],
                condition=Q(question__isnull=False),
                name="answer_once_per_question",
            ),
        ]
        permissions = [
            ("read_private_answers", "Can read private answers and fetch uploaded files"),
        ]

    def __str__(self):
        # Never the answer itself: str() shows in admin rows and logs, and an answer may be private.
        return self.question_label

    @property
    def label(self) -> str:
        """The question in the reader's language while it exists; the wording answered, once deleted."""
        return self.question.label if self.question is not None else self.question_label

    def display_value(self) -> str:
        """The answer as people read it, in the active language for yes/no, dates and countries."""
        kind, value = self.question_kind, self.value
        if kind == Question.Kind.FILE:
            return self.file_name
        if value in (None, "", []):
            return ""
        if kind == Question.Kind.YES_NO:
            return str(_("Yes") if value else _("No"))
        if kind == Question.Kind.CONSENT:
            return str(_("Agreed")) if value else ""
        if kind == Question.Kind.DATE:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        if kind == Question.Kind.COUNTRY:
            return str(countries.name(value)) or value
        if isinstance(value, list):
            return "; ".join(value)
        return str(value)


class SentReminder(TimeStampedModel):
    """A reminder sent to one registration, so that each goes once however often beat runs."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="sent_reminders")
    days_before = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "days_before"], name="reminder_once_per_registration"),
        ]

    def __str__(self):
        return f"{self.registration}: {self.days_before} day(s) before"


class EventMessage(TimeStampedModel):
    """An email staff sent to the participants of an event with the chosen statuses; the recipients
    are logged with it (EventMessageRecipient)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    statuses = models.JSONField(default=list, help_text="The registration statuses written to.")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.subject} ({self.event.title})"


class EventMessageRecipient(TimeStampedModel):
    message = models.ForeignKey(EventMessage, on_delete=models.CASCADE, related_name="recipients")
    registration = models.ForeignKey(Registration, on_delete=models.SET_NULL, null=True, related_name="+")
    # The address written to, as it was (a participant may change theirs, or delete their account).
    email = models.EmailField()
    status = models.CharField(max_length=20, choices=Registration.Status.choices)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.email


DEFAULT_VISA_LETTER_SUBJECT = "Visa support letter for {participant_name}: {event_title}"
# Paragraphs are separated by an empty line; line breaks inside a paragraph are only for reading here.
DEFAULT_VISA_LETTER_BODY = """To whom it may concern,

{host} is pleased to confirm that {participant_name}, {job_title} at {organisation}, a national of
{nationality}, is invited to take part in {event_title}, to be held at {venue}, {city}, {country},
on {event_dates}.

We should be grateful if the competent authorities would grant {participant_name} the visa needed to
attend. This letter does not commit {host} to meet any cost not agreed in writing with the participant.

Please do not hesitate to contact us should you need any further information."""


class VisaLetterTemplate(TimeStampedModel):
    """The visa support letter of one programme's events: who invites and signs, and the wording, with
    placeholders (events/letter_placeholders.py) filled for each participant when a letter is issued.
    The participant's particulars (name, nationality, passport, dates, venue) are also set out in a
    table under the text, so a template that leaves one out still states it."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="visa_letter_template")
    host = models.CharField(
        max_length=255, blank=True, help_text="Who invites, as the letter names it. Blank: the programme's name."
    )
    address = models.TextField(blank=True, help_text="The letterhead's address lines, under the host's name.")
    signatory_name = models.CharField(max_length=200, blank=True, help_text="Blank: the head of programme.")
    signatory_title = models.CharField(max_length=200, blank=True, help_text="Blank: the head of programme's title.")
    subject = models.CharField(
        max_length=300, default=DEFAULT_VISA_LETTER_SUBJECT, validators=[letter_placeholders.validate_placeholders]
    )
    body = models.TextField(
        default=DEFAULT_VISA_LETTER_BODY,
        validators=[letter_placeholders.validate_placeholders],
        help_text="Paragraphs separated by an empty line. Placeholders such as {participant_name} are filled in "
        "for each participant.",
    )

    class Meta:
        ordering = ["programme__name"]

    def __str__(self):
        return f"Visa support letter of {self.programme.short_name}"


def visa_letter_file_path(letter: "VisaLetter", filename: str) -> str:
    return f"visa-letters/event-{letter.registration.event_id}/{secrets.token_urlsafe(18)}.pdf"


class VisaLetter(TimeStampedModel):
    """A visa support letter issued to one registration: the PDF as it was issued (it states the
    passport number, so it is kept in the private storage and erased with the private answers), and
    who issued it when. Issuing again adds a letter; the participant downloads the latest."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="visa_letters")
    reference = models.CharField(max_length=40, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=visa_letter_file_path, storage=private_storage, max_length=255)
    passport_number_included = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.reference


def material_file_path(material: "Material", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"materials/event-{material.event_id}/{secrets.token_urlsafe(18)}.{extension}"


class Material(TimeStampedModel):
    """A file or a link (slides, a paper, a recording) on an event or one of its agenda items, for
    everyone or for its participants only. Files live in the private storage and are sent by
    events.material_views after checking who asks (events.rules.may_see_material)."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("Slides")
        PAPER = "paper", _("Paper")
        RECORDING = "recording", _("Recording")
        OTHER = "other", _("Other")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        PARTICIPANTS = "participants", _("Participants only")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="materials"
    )
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SLIDES)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.PARTICIPANTS)
    file = models.FileField(upload_to=material_file_path, storage=private_storage, max_length=255, blank=True)
    file_name = models.CharField(max_length=255, blank=True, editable=False)
    url = models.URLField("link", max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")), name="material_file_or_link"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:  # a new upload: keep the name staff gave it
            self.file_name = self.file.name.rsplit("/", 1)[-1]
        super().save(*args, **kwargs)

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError("Give either a file or a link, not both.")
        if self.agenda_item_id and self.event_id and self.agenda_item.event_id != self.event_id:
            raise ValidationError({"agenda_item": "This agenda item belongs to another event."})
