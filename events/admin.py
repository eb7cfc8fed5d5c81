from functools import partial

from admin_auto_filters.filters import AutocompleteFilter
from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Count, Q
from django.forms import Textarea
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from unidir_cb.core.admin_lists import PageAnnotationsMixin
from unidir_cb.core.data_transfer.admin import ImportExportAdminMixin

from . import answers_admin, messages_admin, rules, selectors, tickets, visa_letters_admin  # noqa: F401 (registers its admins)
from .admin_forms import EventAdminForm, QuestionAdminForm
from .answer_views import may_read_private_answers
from .models import (
    AgendaItem,
    Answer,
    Event,
    EventMessage,
    EventMessageRecipient,
    EventPartner,
    EventSeries,
    Material,
    Participant,
    Question,
    Registration,
    Speaker,
)
from .resources import (
    EventResource,
    ParticipantResource,
    RegistrationImportForm,
    RegistrationResource,
    event_of_import,
)
from .services import answers, certificates, event_changes, questions, registrations, visa_letters
from .speakers import resized_photo

Status = Registration.Status


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    list_select_related = ["programme"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["programme"]


class AgendaItemInline(TranslationStackedInline):
    model = AgendaItem
    extra = 0
    fields = ["starts_at", "ends_at", "title", "speakers", "speaker_names"]
    autocomplete_fields = ["speakers"]


class MaterialInline(admin.TabularInline):
    """Slides, papers and recordings, on the event or one of its sessions; each file or link for
    everyone or for the participants only (checked when it is downloaded)."""

    model = Material
    extra = 0
    fields = ["title", "kind", "audience", "agenda_item", "file", "url", "position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            # This event's sessions only (an event's page lists them; thousands of others would not help).
            event_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = AgendaItem.objects.filter(event_id=event_id) if event_id else AgendaItem.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SpeakerAdminForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "affiliation", "bio", "photo", "email"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):  # a new upload, not the stored photo
            return resized_photo(photo)
        return photo


@admin.register(Speaker)
class SpeakerAdmin(TranslationAdmin):
    form = SpeakerAdminForm
    list_display = ["name", "affiliation", "session_count"]
    search_fields = ["name", "affiliation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_total=Count("agenda_items"))

    @admin.display(description="sessions", ordering="session_total")
    def session_count(self, speaker):
        return speaker.session_total


class QuestionInline(TranslationStackedInline):
    """The event's questions, on its registration form or its follow-up form. Deleting or rewording
    one keeps the answers already given (each answer keeps the wording it answered)."""

    model = Question
    form = QuestionAdminForm
    extra = 0
    # Six languages of choices, one after the other: a few lines each keep the page readable.
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 60})}}
    fields = [
        ("form", "position"),
        ("kind", "required"),
        "label",
        "help_text",
        "options",
        ("private", "shown_at_check_in"),
        ("allowed_file_types", "max_file_size_mb"),
    ]


class EventPartnerInline(admin.TabularInline):
    model = EventPartner
    extra = 0
    fields = ["organisation", "role"]
    autocomplete_fields = ["organisation"]


class RegistrationInline(admin.TabularInline):
    """Who registered, for decisions at a glance; new registrations are added from Registrations."""

    model = Registration
    extra = 0
    fields = ["participant", "status", "attended", "created_at"]
    # Status changes go through the actions on Registrations, which keep to capacity, promote the
    # waitlist and tell the participant; an edited cell here would do none of that.
    readonly_fields = ["participant", "status", "created_at"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant")


class EventChoiceFilter(AutocompleteFilter):
    """Thousands of events: typed and searched, never listed in full."""

    title = "event"
    field_name = "event"


class ParticipantChoiceFilter(AutocompleteFilter):
    title = "participant"
    field_name = "participant"


class EventYearFilter(admin.SimpleListFilter):
    """The year the event started: a date hierarchy over registrations would first run a DISTINCT
    over every registration; the years come from the (much smaller) events table."""

    title = "event year"
    parameter_name = "event_year"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("starts_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(event__starts_on__year=int(value))
        return queryset


def counts_by(registrations, key: str, **counted) -> dict[int, dict[str, int]]:
    """{key value: {name: count}} over `registrations`, in one GROUP BY query."""
    rows = registrations.values(key).order_by().annotate(**counted)
    return {row[key]: row for row in rows}


@admin.register(Event)
class EventAdmin(PageAnnotationsMixin, ImportExportAdminMixin, TranslationAdmin):
    resource_classes = [EventResource]
    list_display = [
        "title",
        "kind",
        "format",
        "starts_at",
        "city",
        "status",
        "capacity",
        "confirmed",
        "waitlisted",
        "check_in_page",
    ]
    list_filter = ["status", "kind", "format", "admission", "series", "programme", "topics"]
    list_select_related = ["series"]
    search_fields = ["title", "city", "venue", "target_audience"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["series", "programme", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    form = EventAdminForm
    inlines = [EventPartnerInline, AgendaItemInline, MaterialInline, QuestionInline, RegistrationInline]
    actions = ["publish", "unpublish", "cancel", "add_common_registration_questions", "add_visa_and_logistics_form"]
    readonly_fields = ["answers_page_link"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "series", "programme", "kind", "format", "status", "description"]}),
        ("When and where", {"fields": ["starts_at", "ends_at", "time_zone", "venue", "city", "country", "online_url"]}),
        ("Content", {"fields": ["languages", "topics", "target_audience"]}),
        (
            "Registration",
            {
                "fields": [
                    "admission",
                    "eligible_organisation_kinds",
                    "eligible_country_groups",
                    "eligible_countries",
                    "capacity",
                    "waitlist_enabled",
                    "offer_hours",
                    "reminder_days_before",
                    "registration_opens_at",
                    "registration_closes_at",
                    "answers_page_link",
                ]
            },
        ),
    ]

    def get_urls(self):
        answers_view = self.admin_site.admin_view(
            lambda request, object_id: answers_admin.answers_page(self, request, object_id)
        )
        message_view = self.admin_site.admin_view(
            lambda request, object_id: messages_admin.message_page(self, request, object_id)
        )
        return [
            path("<path:object_id>/answers/", answers_view, name="events_event_answers"),
            path("<path:object_id>/message/", message_view, name="events_event_message"),
            *super().get_urls(),
        ]

    @admin.display(description="participants")
    def answers_page_link(self, event):
        if event.pk is None:
            return "Save the event, then add questions below."
        return format_html(
            '<a href="{}">Answers to the questions, as a table (with filters and downloads)</a> · '
            '<a href="{}">Email participants by status</a>',
            reverse("admin:events_event_answers", args=[event.pk]),
            reverse("admin:events_event_message", args=[event.pk]),
        )

    def _add_common(self, request, queryset, form_kind, what):
        for event in queryset:
            added = questions.add_common_questions(event, form_kind)
            self.message_user(
                request,
                f"{event}: {len(added)} {what} added" if added else f"{event}: already asks every {what}.",
                messages.SUCCESS if added else messages.INFO,
            )

    @admin.action(
        description="Add the common registration questions (dietary, accessibility, visa, emergency contact)",
        permissions=["change"],
    )
    def add_common_registration_questions(self, request, queryset):
        self._add_common(request, queryset, Question.Form.REGISTRATION, "common registration question(s)")

    @admin.action(
        description="Add the visa and logistics follow-up form (travel dates, passport details)", permissions=["change"]
    )
    def add_visa_and_logistics_form(self, request, queryset):
        self._add_common(request, queryset, Question.Form.FOLLOW_UP, "follow-up question(s)")

    def annotate_page(self, events):
        counts = counts_by(
            Registration.objects.filter(event__in=events),
            "event",
            confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
        )
        for event in events:
            event.confirmed_count = counts.get(event.pk, {}).get("confirmed", 0)
            event.waitlisted_count = counts.get(event.pk, {}).get("waitlisted", 0)
        return events

    @admin.display(description="confirmed")
    def confirmed(self, event):
        return event.confirmed_count

    @admin.display(description="waitlisted")
    def waitlisted(self, event):
        return event.waitlisted_count

    @admin.display(description="check-in")
    def check_in_page(self, event):
        url = reverse("events:check_in", args=[event.slug])
        if rules.check_in_is_open(event):
            return format_html('<a href="{}">Check-in page</a>', url)
        opens = rules.check_in_opens_at(event)
        return format_html('<a href="{}">Check-in page</a> (opens {})', url, f"{opens:%d %b %Y %H:%M}")

    def save_model(self, request, obj, form, change):
        # Through the service, so that participants hear about changes of time, place or status.
        changed = event_changes.save_event(obj)
        if changed:
            self.message_user(
                request,
                f"Changed {', '.join(changed)}: confirmed participants are sent an updated invitation.",
                messages.INFO,
            )

    def _set_status(self, request, queryset, status, verb):
        count = event_changes.set_event_status(queryset, status)
        self.message_user(request, f"{count} event(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Publish on the public site", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Event.Status.PUBLISHED, "published")

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Event.Status.DRAFT, "returned to draft")

    @admin.action(description="Cancel the event", permissions=["change"])
    def cancel(self, request, queryset):
        self._set_status(request, queryset, Event.Status.CANCELLED, "cancelled")


@admin.register(Participant)
class ParticipantAdmin(PageAnnotationsMixin, ImportExportAdminMixin, admin.ModelAdmin):
    resource_classes = [ParticipantResource]
    list_display = [
        "last_name",
        "first_name",
        "email",
        "country_name",
        "organisation",
        "organisation_kind",
        "registration_count",
    ]
    list_filter = ["organisation_kind", "gender", "country"]
    search_fields = ["last_name", "first_name", "email", "organisation"]
    ordering = ["last_name", "first_name", "id"]  # the participant_name_order index, in full
    # The calendar token is a secret of the participant's feed address: staff have no use for it.
    readonly_fields = ["user", "anonymised_at"]

    def annotate_page(self, participants):
        counts = counts_by(Registration.objects.filter(participant__in=participants), "participant", total=Count("pk"))
        for participant in participants:
            participant.registration_count = counts.get(participant.pk, {}).get("total", 0)
        return participants

    @admin.display(description="registrations")
    def registration_count(self, participant):
        return participant.registration_count

    @admin.display(description="country", ordering="country")
    def country_name(self, participant):
        # The admin's own display of a CountryField builds the list of every country for each cell
        # (a third of a second a page): the name is one dictionary look-up.
        return participant.country.name or "-"


class AnswerInline(admin.TabularInline):
    """What the participant answered, private answers hidden. Answers are the participant's: staff
    read them, never edit them."""

    model = Answer
    extra = 0
    fields = ["question_label", "answer"]
    readonly_fields = ["question_label", "answer"]
    can_delete = False
    shows_private_answers = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="answer")
    def answer(self, answer):
        if answer.private and not self.shows_private_answers:
            return answers_admin.PRIVATE_PLACEHOLDER
        return answers_admin.answer_cell(answer)


class AnswerWithPrivateInline(AnswerInline):
    """The same, for staff allowed to read private answers (RegistrationAdmin.get_inlines)."""

    shows_private_answers = True


class FollowUpFilter(admin.SimpleListFilter):
    title = "follow-up form"
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [("answered", "Completed"), ("missing", "Still due (confirmed, until the event ends)")]

    def queryset(self, request, queryset):
        if self.value() == "answered":
            return queryset.filter(follow_up_completed_at__isnull=False)
        if self.value() == "missing":
            return queryset.filter(rules.follow_up_due())
        return queryset


@admin.register(Registration)
class RegistrationAdmin(PageAnnotationsMixin, ImportExportAdminMixin, SimpleHistoryAdmin):
    resource_classes = [RegistrationResource]
    # An attendee list for the event chosen on the import form; it creates participants.
    import_form_class = RegistrationImportForm
    extra_import_permissions = ("events.add_participant", "events.change_participant")
    list_display = [
        "participant",
        "participant_email",
        "event",
        "status",
        "waitlist_place",
        "attended",
        "created_at",
        "decided_at",
    ]
    list_filter = [
        "status",
        "attended",
        FollowUpFilter,
        "event__kind",
        EventYearFilter,
        EventChoiceFilter,
        ParticipantChoiceFilter,
    ]
    inlines = [AnswerInline]

    def get_inlines(self, request, obj):
        return [AnswerWithPrivateInline] if may_read_private_answers(request.user) else [AnswerInline]

    list_select_related = ["participant", "event"]
    search_fields = ["participant__last_name", "participant__first_name", "participant__email", "event__title"]
    search_help_text = "Names or email of the participant, or the event's title."
    ordering = ["-created_at", "-id"]
    autocomplete_fields = ["event", "participant"]
    # Status is set by the actions (approve, waitlist, decline), never typed in: they keep to capacity,
    # promote the waitlist and tell the participant. A registration added here starts as pending.
    readonly_fields = [
        "status",
        "decided_at",
        "decided_by",
        "checked_in_at",
        "certificate_code",
        "certificate_issued_at",
        "certificate_emailed_at",
        "follow_up_completed_at",
        "follow_up_reminded_at",
    ]
    actions = [
        "move_up_the_waiting_list",
        "move_to_the_front_of_the_waiting_list",
        "remind_follow_up",
        "approve",
        "waitlist",
        "decline",
        "mark_attended",
        "mark_not_attended",
        "issue_certificates",
        "email_certificates",
        "email_certificates_again",
        "issue_visa_letters",
        "print_badges",
    ]

    def get_queryset(self, request):
        # Each row reads as "person — event", in the list and in the autocomplete of other admins
        # (Sponsorships): one query for the page, not two per row.
        return super().get_queryset(request).select_related("participant", "event")

    def get_search_results(self, request, queryset, search_term):
        """Each word must match the participant (name, email) or the event (title), as Django's own
        search does; but people and events are searched on their own tables first (trigram indexes)
        and their registrations picked by id, where an OR across the joined tables reads every row."""
        for word in search_term.split():
            people = Participant.objects.filter(
                Q(last_name__icontains=word) | Q(first_name__icontains=word) | Q(email__icontains=word)
            )
            events = Event.objects.filter(title__icontains=word)
            queryset = queryset.filter(Q(participant__in=people) | Q(event__in=events))
        return queryset, False

    def import_resource_kwargs(self, options):
        return {"event": event_of_import(options)}

    def annotate_page(self, page):
        places = dict(
            selectors.with_waitlist_place(Registration.objects.filter(pk__in=[row.pk for row in page])).values_list(
                "pk", "waitlist_place"
            )
        )
        for registration in page:
            registration.waitlist_place_on_page = places.get(registration.pk)
        return page

    @admin.display(description="place on the waiting list", ordering="queued_at")
    def waitlist_place(self, registration):
        return registration.waitlist_place_on_page or ""

    def _move_up(self, request, queryset, to_the_front):
        # Several moved together keep their order among themselves: one place up each from the
        # front of the queue; to the front, from the back (the last moved ends up first).
        waiting = queryset.filter(status=Status.WAITLISTED).select_related("participant", "event")
        order = ("-queued_at", "-id") if to_the_front else Registration.QUEUE_ORDER
        outcome = registrations.apply_to_each(
            waiting.order_by(*order),
            partial(registrations.move_up_the_waiting_list, to_the_front=to_the_front),
            request.user,
        )
        self._tell(request, outcome, "registration(s) moved up", "Not moved")

    @admin.action(description="Move up one place on the waiting list", permissions=["change"])
    def move_up_the_waiting_list(self, request, queryset):
        self._move_up(request, queryset, to_the_front=False)

    @admin.action(description="Move to the front of the waiting list", permissions=["change"])
    def move_to_the_front_of_the_waiting_list(self, request, queryset):
        self._move_up(request, queryset, to_the_front=True)

    @admin.display(description="email", ordering="participant__email")
    def participant_email(self, registration):
        return registration.participant.email

    def _tell(self, request, outcome, done: str, not_done: str) -> None:
        """What a bulk action did: how many it changed, then each refusal with its reason."""
        if outcome.changed:
            self.message_user(request, f"{len(outcome.changed)} {done}.", messages.SUCCESS)
        for registration, reason in outcome.refused:
            self.message_user(request, f"{not_done}: {registration.participant} — {reason}", messages.WARNING)

    def _apply(self, request, queryset, operation, verb):
        # In the order people registered, whatever order the list shows: seats go first come, first served.
        in_order = queryset.select_related("participant", "event").order_by("created_at", "pk")
        outcome = registrations.apply_to_each(in_order, operation, request.user)
        self._tell(request, outcome, f"registration(s) {verb}", f"Not {verb}")

    @admin.action(
        description="Remind to complete the follow-up form (confirmed, not yet completed)", permissions=["change"]
    )
    def remind_follow_up(self, request, queryset):
        outcome = answers.remind_follow_up(
            queryset.select_related("participant", "event").prefetch_related("event__questions")
        )
        self._tell(request, outcome, "participant(s) reminded by email", "Not reminded")

    @admin.action(description="Approve (confirm a seat)", permissions=["change"])
    def approve(self, request, queryset):
        self._apply(request, queryset, registrations.confirm_registration, "confirmed")

    @admin.action(description="Move to the waitlist", permissions=["change"])
    def waitlist(self, request, queryset):
        self._apply(request, queryset, registrations.waitlist_registration, "waitlisted")

    @admin.action(description="Decline", permissions=["change"])
    def decline(self, request, queryset):
        self._apply(request, queryset, registrations.decline_registration, "declined")

    @admin.action(description="Mark attended", permissions=["change"])
    def mark_attended(self, request, queryset):
        count = registrations.mark_attended(queryset)
        self.message_user(request, f"{count} confirmed registration(s) marked attended.", messages.SUCCESS)

    @admin.action(description="Mark not attended", permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = registrations.mark_attended(queryset, attended=False)
        self.message_user(request, f"{count} registration(s) marked not attended.", messages.SUCCESS)
        revoked = queryset.filter(attended=False).exclude(certificate_code="").count()
        if revoked:
            self.message_user(
                request,
                f"{revoked} of them had a certificate: it no longer verifies "
                "(marking the attendance again restores it).",
                messages.WARNING,
            )

    @admin.action(description="Issue certificates (attended courses, trainings and exercises)", permissions=["change"])
    def issue_certificates(self, request, queryset):
        outcome = certificates.issue_certificates(queryset.select_related("participant", "event"))
        self._tell(request, outcome, "certificate(s) issued", "No certificate")

    def _email_certificates(self, request, queryset, send_again):
        outcome = certificates.email_certificates(queryset.select_related("participant", "event"), send_again)
        self._tell(request, outcome, "certificate(s) issued and emailed", "Not emailed")

    @admin.action(description="Issue and email certificates (once per participant)", permissions=["change"])
    def email_certificates(self, request, queryset):
        self._email_certificates(request, queryset, send_again=False)

    @admin.action(
        description="Issue and email certificates again, even to those already sent one", permissions=["change"]
    )
    def email_certificates_again(self, request, queryset):
        self._email_certificates(request, queryset, send_again=True)

    @admin.action(description="Print badges (A4 sheets of eight; confirmed, in person)", permissions=["change"])
    def print_badges(self, request, queryset):
        chosen = queryset.select_related("participant", "event").order_by(
            "event__starts_at", "participant__last_name", "participant__first_name", "pk"
        )
        printed, left_out = [], []
        for registration in chosen:
            refused = tickets.ticket_refusal(registration)
            (left_out.append(refused) if refused else printed.append(registration))
        for reason in left_out:
            self.message_user(request, f"No badge: {reason}", messages.WARNING)
        if not printed:
            self.message_user(request, "None of the chosen registrations has a badge to print.", messages.ERROR)
            return None
        response = HttpResponse(tickets.badges_pdf(printed), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="badges-{len(printed)}.pdf"'
        return response

    def has_issue_visa_letters_permission(self, request):
        # A letter states the passport number: it is issued by the staff who may read it.
        return may_read_private_answers(request.user)

    @admin.action(
        description="Issue visa support letters (confirmed, in person, asked for one)",
        permissions=["issue_visa_letters"],
    )
    def issue_visa_letters(self, request, queryset):
        with transaction.atomic():
            outcome = visa_letters.request_visa_letters(queryset.order_by("created_at", "pk"), issued_by=request.user)
        self._tell(
            request,
            outcome,
            "visa support letter(s) being written: each appears in the Visa letters log, and its participant is "
            "emailed, within a minute",
            "No letter",
        )


class EventMessageRecipientInline(admin.TabularInline):
    model = EventMessageRecipient
    extra = 0
    fields = ["email", "status", "registration"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EventMessage)
class EventMessageAdmin(admin.ModelAdmin):
    """The log of what staff wrote to an event's participants, and to whom; written from the event's
    "Email participants" page, never edited afterwards."""

    list_display = ["subject", "event", "sent_by", "created_at", "recipient_count"]
    list_select_related = ["event", "sent_by"]
    list_filter = [EventChoiceFilter]
    search_fields = ["subject", "event__title"]
    fields = ["event", "statuses", "subject", "body", "sent_by", "created_at"]
    readonly_fields = fields
    inlines = [EventMessageRecipientInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recipients_total=Count("recipients"))

    @admin.display(description="recipients", ordering="recipients_total")
    def recipient_count(self, message):
        return message.recipients_total

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
