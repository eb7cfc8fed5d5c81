"""Import and export of events, participants and attendee lists (see unidir_cb/core/data_transfer/resources.py).

An attendee list is imported into one event, chosen on the import form. Each row is a person,
matched to an existing participant by email in any case, or created. The list never overwrites what
an existing participant's record already says (they may have corrected their own profile since);
it only fills in what is blank.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from import_export.fields import Field
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from programmes.models import Organisation, Programme, Topic
from unidir_cb.core.content import translation_columns
from unidir_cb.core.data_transfer.forms import ImportUploadForm
from unidir_cb.core.data_transfer.resources import (
    ChoiceWidget,
    CodeListWidget,
    CountryListWidget,
    CountryWidget,
    ImportResource,
    LocalDateTimeWidget,
    LookupListWidget,
    LookupWidget,
    RelatedListField,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
    fill_in_slug,
    is_blank,
    local_time_text,
)
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.models import OrganisationKind
from unidir_cb.core.un_countries import SPECIAL_GROUPS

from .models import Event, EventSeries, Participant, Registration

LOCAL_TIME_COLUMNS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def text_field(name):
    return Field(attribute=name, column_name=name, widget=TextWidget())


class EventResource(ImportResource):
    """One event per row, matched by slug (or, without a slug, by title and start).

    Times are written in the event's own time zone (the time_zone column, Europe/Zurich if absent)."""

    required_columns = ("title", "programme", "kind", "format", "starts_at", "ends_at")

    title = text_field("title")
    slug = text_field("slug")
    series = Field(attribute="series", column_name="series", widget=LookupWidget(EventSeries, "name", "slug"))
    programme = Field(
        attribute="programme", column_name="programme", widget=LookupWidget(Programme, "short_name", "name")
    )
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Event.Kind.choices))
    # Not named "format": the export form has a field of that name (the file format).
    event_format = Field(attribute="format", column_name="format", widget=ChoiceWidget(Event.Format.choices))
    status = Field(
        attribute="status", column_name="status", widget=ChoiceWidget(Event.Status.choices, default=Event.Status.DRAFT)
    )
    description = text_field("description")
    time_zone = text_field("time_zone")
    starts_at = Field(attribute="starts_at", column_name="starts_at", widget=LocalDateTimeWidget())
    ends_at = Field(attribute="ends_at", column_name="ends_at", widget=LocalDateTimeWidget())
    venue = text_field("venue")
    city = text_field("city")
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    online_url = text_field("online_url")
    languages = Field(attribute="languages", column_name="languages", widget=CodeListWidget(UNLanguage.values))
    topics = RelatedListField(attribute="topics", column_name="topics", widget=LookupListWidget(Topic, "name", "slug"))
    partners = RelatedListField(
        attribute="partners", column_name="partners", widget=LookupListWidget(Organisation, "name", "acronym")
    )
    target_audience = text_field("target_audience")
    admission = Field(
        attribute="admission",
        column_name="admission",
        widget=ChoiceWidget(Event.Admission.choices, default=Event.Admission.OPEN),
    )
    eligible_organisation_kinds = Field(
        attribute="eligible_organisation_kinds",
        column_name="eligible_organisation_kinds",
        widget=CodeListWidget(OrganisationKind.values),
    )
    eligible_country_groups = Field(
        attribute="eligible_country_groups",
        column_name="eligible_country_groups",
        widget=CodeListWidget(SPECIAL_GROUPS),
    )
    eligible_countries = Field(
        attribute="eligible_countries", column_name="eligible_countries", widget=CountryListWidget()
    )
    capacity = Field(attribute="capacity", column_name="capacity", widget=WholeNumberWidget())
    waitlist_enabled = Field(
        attribute="waitlist_enabled", column_name="waitlist_enabled", widget=YesNoWidget(default=True)
    )
    registration_opens_at = Field(
        attribute="registration_opens_at", column_name="registration_opens_at", widget=LocalDateTimeWidget()
    )
    registration_closes_at = Field(
        attribute="registration_closes_at", column_name="registration_closes_at", widget=LocalDateTimeWidget()
    )

    class Meta:
        model = Event
        fields = (
            "title",
            "slug",
            "series",
            "programme",
            "kind",
            "event_format",
            "status",
            "description",
            "time_zone",
            "starts_at",
            "ends_at",
            "venue",
            "city",
            "country",
            "online_url",
            "languages",
            "topics",
            "partners",
            "target_audience",
            "admission",
            "eligible_organisation_kinds",
            "eligible_country_groups",
            "eligible_countries",
            "capacity",
            "waitlist_enabled",
            "registration_opens_at",
            "registration_closes_at",
            *translation_columns("title", "description", "target_audience", "city"),
        )
        import_id_fields = ("slug",)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if is_blank(row.get("time_zone")):
            row["time_zone"] = settings.TIME_ZONE
        fill_in_slug(self, row, "starts_at")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("series", "programme").prefetch_related("topics", "partners")

    def export_field(self, field, instance, **kwargs):
        if field.column_name in LOCAL_TIME_COLUMNS:
            return local_time_text(getattr(instance, field.attribute), instance.time_zone)
        return super().export_field(field, instance, **kwargs)


PARTICIPANT_COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "country",
    "organisation",
    "organisation_kind",
    "job_title",
    "gender",
    "language",
)


def require_email(row) -> None:
    # Imports match people by email: only walk-ins recorded at the door may have none.
    if is_blank(row.get("email")):
        raise ValidationError({"email": ["Every row needs the participant's email address."]})


class ParticipantResource(ImportResource):
    """One person per row, matched by email in any case."""

    required_columns = ("email", "first_name", "last_name")
    key_ignores_case = True

    first_name = text_field("first_name")
    last_name = text_field("last_name")
    email = text_field("email")
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    organisation = text_field("organisation")
    organisation_kind = Field(
        attribute="organisation_kind", column_name="organisation_kind", widget=ChoiceWidget(OrganisationKind.choices)
    )
    job_title = text_field("job_title")
    gender = Field(attribute="gender", column_name="gender", widget=ChoiceWidget(Participant.Gender.choices))
    language = Field(
        attribute="language", column_name="language", widget=ChoiceWidget(settings.LANGUAGES, default="en")
    )

    class Meta:
        model = Participant
        fields = PARTICIPANT_COLUMNS
        import_id_fields = ("email",)
        # A register of 100,000 people: rows are written a batch at a time.
        use_bulk = True

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        require_email(row)


class FillBlankParticipantField(Field):
    """Sets a participant's field from the list only where the record has nothing yet."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        participant = instance.participant
        name = self.attribute.split("__")[-1]
        value = self.clean(row, **kwargs)
        if value not in (None, "") and (participant.pk is None or not getattr(participant, name)):
            setattr(participant, name, value)


# What an attendee list may fill in on a participant's record (never overwriting what it says).
PARTICIPANT_LIST_COLUMNS = (
    "first_name",
    "last_name",
    "country",
    "organisation",
    "organisation_kind",
    "job_title",
    "gender",
)


def participant_field(name, widget=None):
    return FillBlankParticipantField(attribute=f"participant__{name}", column_name=name, widget=widget or TextWidget())


def event_of_import(options: dict) -> Event | None:
    """The event chosen on an import form (its id), or named on the command line (id or slug)."""
    event = str(options.get("event", ""))
    lookup = Q(pk=int(event)) if event.isdigit() else Q(slug=event)
    return Event.objects.filter(lookup).first() if event else None


def check_row_is_for_event(row, event: Event) -> None:
    """A file imported into one event (an attendee list, its sponsorships) may name the event on
    each row; a row naming another is refused, never moved into the chosen event."""
    listed_event = row.get("event")
    if not is_blank(listed_event) and str(listed_event).strip().lower() != event.slug.lower():
        raise ValidationError(
            {"event": [f"This row is for the event {listed_event!r}, but the list is imported into {event.slug!r}."]}
        )


class RegistrationResource(ImportResource):
    """An attendee list for one event: a person per row, registered (confirmed unless the status
    column says otherwise) in the event chosen on the import form."""

    required_columns = ("email", "first_name", "last_name")

    event = Field(attribute="event", column_name="event", widget=LookupWidget(Event, "slug"), readonly=True)
    email = Field(attribute="participant__email", column_name="email", widget=TextWidget(), readonly=True)
    first_name = participant_field("first_name")
    last_name = participant_field("last_name")
    country = participant_field("country", CountryWidget())
    organisation = participant_field("organisation")
    organisation_kind = participant_field("organisation_kind", ChoiceWidget(OrganisationKind.choices))
    job_title = participant_field("job_title")
    gender = participant_field("gender", ChoiceWidget(Participant.Gender.choices))
    status = Field(attribute="status", column_name="status", widget=ChoiceWidget(Registration.Status.choices))
    attended = Field(attribute="attended", column_name="attended", widget=YesNoWidget())

    class Meta:
        model = Registration
        use_bulk = True
        fields = (
            "event",
            "email",
            "first_name",
            "last_name",
            "country",
            "organisation",
            "organisation_kind",
            "job_title",
            "gender",
            "status",
            "attended",
        )

    def __init__(self, event=None, **kwargs):
        super().__init__(**kwargs)
        self.event = event

    def filter_export(self, queryset, **kwargs):
        # Only the columns exported: years of registrations are read, not every field of three tables.
        participant_columns = [f"participant__{name}" for name in PARTICIPANT_LIST_COLUMNS]
        return queryset.select_related("event", "participant").only(
            "status", "attended", "event__slug", "participant__email", *participant_columns
        )

    def before_import(self, dataset, **kwargs):
        if self.event is None:
            raise ValueError("Choose the event these people registered for.")
        # Capacity is checked after the last row: lock the event so that concurrent registrations wait.
        Event.objects.select_for_update().filter(pk=self.event.pk).first()

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        check_row_is_for_event(row, self.event)
        require_email(row)

    # A person is found by their email, whatever its case; looked up a batch of rows at a time with
    # their registration for the event, and written a batch at a time with it.
    key_ignores_case = True

    def lookup_key(self, row):
        email = row.get("email")
        return str(email).strip().lower() if not is_blank(email) else None

    def load_existing(self, keys):
        people = {
            participant.email.lower(): participant
            for participant in Participant.objects.alias(email_lower=Lower("email")).filter(email_lower__in=keys)
        }
        registrations = {
            registration.participant_id: registration
            for registration in Registration.objects.filter(event=self.event, participant__in=people.values())
        }
        return {email: (person, registrations.get(person.pk)) for email, person in people.items()}

    def get_or_init_instance(self, instance_loader, row):
        found = instance_loader.get_instance(row)
        if found is None:
            return Registration(event=self.event, participant=Participant(email=str(row["email"]).strip())), True
        participant, registration = found
        if registration is not None:
            registration.participant = participant
            return registration, False
        return Registration(event=self.event, participant=participant), True

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance.status_before_import = None if new else instance.status

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            if is_blank(row.get("status")):
                # No status keeps an existing registration's; a new one is an attendee: confirmed.
                instance.status = instance.status_before_import or Registration.Status.CONFIRMED

    def file_key_of(self, instance):
        return instance.participant.email.strip().lower()

    def key_column(self):
        return "email"

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        self.check_key_is_new_in_this_file(instance, errors)
        participant = instance.participant
        already_wrong = {key.split("__")[-1] for key in errors if key.startswith("participant__")}
        checked = {attribute.split("__")[-1] for attribute in self.checked_by_widgets(related=True)}
        try:
            participant.full_clean(
                exclude=[*already_wrong, *checked, "user"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                key = NON_FIELD_ERRORS if name == NON_FIELD_ERRORS else f"participant__{name}"
                errors.setdefault(key, []).extend(messages)
        exclude = [key for key in errors if "__" not in key and key != NON_FIELD_ERRORS]
        exclude += ["participant", "event"]  # set by the import itself; the participant may not be saved yet
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        pass  # participants are written with their registrations, a batch at a time

    def _write_participants(self, registrations) -> None:
        new = [registration.participant for registration in registrations if registration.participant.pk is None]
        known = [registration.participant for registration in registrations if registration.participant.pk]
        Participant.objects.bulk_create(new, batch_size=self._meta.batch_size)
        if known:
            Participant.objects.bulk_update(
                known, [*PARTICIPANT_LIST_COLUMNS, "updated_at"], batch_size=self._meta.batch_size
            )
        for registration in registrations:
            registration.participant = registration.participant  # sets participant_id now that it has one

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not self.create_instances:
            return
        try:
            self._write_participants(self.create_instances)
            bulk_create_with_history(self.create_instances, Registration, batch_size=self._meta.batch_size)
            self.written.extend((registration.pk, str(registration), True) for registration in self.create_instances)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not self.update_instances:
            return
        try:
            self._write_participants(self.update_instances)
            bulk_update_with_history(
                self.update_instances,
                Registration,
                ["status", "attended", "updated_at"],
                batch_size=self._meta.batch_size,
            )
            self.written.extend((registration.pk, str(registration), False) for registration in self.update_instances)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def after_import(self, dataset, result, **kwargs):
        capacity = self.event.capacity
        if capacity is None or result.has_errors() or result.has_validation_errors():
            return
        confirmed = self.event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if confirmed > capacity:
            raise ValueError(
                f"After this import {confirmed} people would be confirmed for {self.event.title}, "
                f"which has {capacity} seats: raise the capacity first, or mark some rows waitlisted."
            )


class RegistrationImportForm(ImportUploadForm):
    event = forms.ModelChoiceField(
        queryset=Event.objects.all(),
        help_text="Everyone in the file is registered for this event (type part of its title).",
        # Thousands of events: found as staff type, with the admin's own autocomplete.
        widget=AutocompleteSelect(Registration._meta.get_field("event"), admin.site),
    )
    field_order = ["event", "import_file", "format"]

    def import_options(self) -> dict:
        return {"event": self.cleaned_data["event"].pk}
