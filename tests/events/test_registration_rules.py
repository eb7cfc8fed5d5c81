"""The registration rules, as participants meet them: seats, waiting list, approval, invitations,
eligibility, dates, and clear reasons whenever a registration is refused."""

import datetime
import html

import pytest
from django.utils import timezone

from events.models import Event, Registration
from events.services.registrations import (
    Outcome,
    Refusal,
    RegistrationError,
    cancel_own_registration,
    change_capacity,
    register_participant,
    registration_closed_refusal,
)
from tests.events.participants import participant_with_account
from tests.factories import EventFactory, ParticipantFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def refusal_of(event, participant, **kwargs) -> RegistrationError:
    with pytest.raises(RegistrationError) as refused:
        register_participant(event, participant, **kwargs)
    return refused.value


def status_of(registration):
    return Registration.objects.get(pk=registration.pk).status


def test_an_open_event_confirms_while_seats_remain_then_waitlists():
    event = EventFactory(capacity=2, waitlist_enabled=True)

    outcomes = [register_participant(event, ParticipantFactory()).outcome for _ in range(3)]

    assert outcomes == [Outcome.CONFIRMED, Outcome.CONFIRMED, Outcome.WAITLISTED]
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 2


def test_an_event_without_capacity_confirms_everyone():
    event = EventFactory(capacity=None)

    outcomes = {register_participant(event, ParticipantFactory()).outcome for _ in range(5)}

    assert outcomes == {Outcome.CONFIRMED}


def test_a_full_event_without_waiting_list_refuses_and_says_it_is_full():
    event = EventFactory(title="Cyber diplomacy clinic", capacity=1, waitlist_enabled=False)
    register_participant(event, ParticipantFactory())

    refusal = refusal_of(event, ParticipantFactory())

    assert refusal.reason == Refusal.FULL
    assert str(refusal) == "Cyber diplomacy clinic is full and has no waiting list."
    assert event.registrations.count() == 1


def test_an_event_by_approval_puts_registrations_in_pending_without_taking_a_seat():
    event = EventFactory(capacity=1, admission=Event.Admission.BY_APPROVAL)

    results = [register_participant(event, ParticipantFactory()) for _ in range(2)]

    assert [result.outcome for result in results] == [Outcome.PENDING, Outcome.PENDING]
    assert "awaiting the organisers' approval" in results[0].message
    assert results[0].registration.decided_at is None


def test_an_event_by_invitation_needs_the_token_from_the_invitation_link():
    event = EventFactory(title="Closed-door dialogue", admission=Event.Admission.BY_INVITATION)

    without = refusal_of(event, ParticipantFactory())
    wrong = refusal_of(event, ParticipantFactory(), invitation_token="guessed")
    invited = register_participant(event, ParticipantFactory(), invitation_token=event.invitation_token)

    assert without.reason == wrong.reason == Refusal.INVITATION_REQUIRED
    assert "by invitation only" in str(without)
    assert invited.outcome == Outcome.CONFIRMED


def test_eligibility_by_organisation_kind_is_refused_naming_the_rule():
    event = EventFactory(title="Officials' course", eligible_organisation_kinds=["government"])

    refusal = refusal_of(event, ParticipantFactory(organisation_kind="academia"))
    accepted = register_participant(event, ParticipantFactory(organisation_kind="government"))

    assert refusal.reason == Refusal.ORGANISATION_KIND_NOT_ELIGIBLE
    assert str(refusal) == "Officials' course is open to participants from Government only; your profile says Academia."
    assert accepted.outcome == Outcome.CONFIRMED


@pytest.mark.parametrize(("country", "eligible"), [("HT", True), ("FJ", True), ("NP", True), ("CH", False)])
def test_eligibility_by_country_group_follows_the_ldc_and_sids_lists(country, eligible):
    event = EventFactory(title="LDC and SIDS fellowship", eligible_country_groups=["ldc", "sids"])
    participant = ParticipantFactory(country=country)

    if eligible:
        assert register_participant(event, participant).outcome == Outcome.CONFIRMED
    else:
        refusal = refusal_of(event, participant)
        assert refusal.reason == Refusal.COUNTRY_NOT_ELIGIBLE
        assert str(refusal) == (
            "LDC and SIDS fellowship is open to participants from least developed countries (LDC) or "
            "small island developing States (SIDS) only; your profile's country is Switzerland."
        )


@pytest.mark.parametrize(("country", "eligible"), [("HT", True), ("KE", True), ("CH", False), ("", False)])
def test_nationals_of_a_listed_country_or_of_a_listed_group_may_apply(country, eligible):
    event = EventFactory(title="Regional course", eligible_country_groups=["sids"], eligible_countries=["KE", "NG"])
    participant = ParticipantFactory(country=country)

    if eligible:
        assert register_participant(event, participant).outcome == Outcome.CONFIRMED
    else:
        refusal = refusal_of(event, participant)
        assert refusal.reason == Refusal.COUNTRY_NOT_ELIGIBLE
        yours = "Switzerland" if country else "not given"
        assert str(refusal) == (
            "Regional course is open to participants from small island developing States (SIDS) or Kenya or "
            f"Nigeria only; your profile's country is {yours}."
        )


def test_registration_before_the_window_opens_is_refused_with_the_opening_date():
    opens = timezone.now() + datetime.timedelta(days=3)
    event = EventFactory(title="Summer course", registration_opens_at=opens)

    refusal = refusal_of(event, ParticipantFactory())

    assert refusal.reason == Refusal.REGISTRATION_NOT_OPEN_YET
    assert str(refusal).startswith("Registration for Summer course opens on ")


def test_registration_after_the_closing_date_is_refused_with_the_closing_date():
    event = EventFactory(
        title="Summer course",
        registration_opens_at=timezone.now() - datetime.timedelta(days=10),
        registration_closes_at=timezone.now() - datetime.timedelta(days=1),
    )

    refusal = refusal_of(event, ParticipantFactory())

    assert refusal.reason == Refusal.REGISTRATION_CLOSED
    assert str(refusal).startswith("Registration for Summer course closed on ")


def test_registration_closes_at_the_closing_moment_itself_not_a_moment_later():
    closes = timezone.now() + datetime.timedelta(days=1)
    event = EventFactory(registration_closes_at=closes)

    assert registration_closed_refusal(event, now=closes - datetime.timedelta(seconds=1)) is None
    assert registration_closed_refusal(event, now=closes).reason == Refusal.REGISTRATION_CLOSED


def test_without_a_closing_date_registration_closes_when_the_event_starts():
    event = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=1), ends_at=timezone.now() + datetime.timedelta(hours=2)
    )

    assert refusal_of(event, ParticipantFactory()).reason == Refusal.REGISTRATION_CLOSED


@pytest.mark.parametrize(
    ("changes", "reason", "message"),
    [
        (
            {"status": Event.Status.CANCELLED},
            Refusal.EVENT_CANCELLED,
            "Briefing has been cancelled: registration is closed.",
        ),
        ({"status": Event.Status.DRAFT}, Refusal.EVENT_NOT_PUBLISHED, "Briefing is not open to the public."),
        (
            {
                "starts_at": timezone.now() - datetime.timedelta(days=3),
                "ends_at": timezone.now() - datetime.timedelta(days=2),
            },
            Refusal.EVENT_PAST,
            "Briefing has already taken place.",
        ),
    ],
    ids=["cancelled", "draft", "past"],
)
def test_cancelled_draft_and_past_events_refuse_registrations_with_a_clear_message(changes, reason, message):
    event = EventFactory(title="Briefing", **changes)

    refusal = refusal_of(event, ParticipantFactory())

    assert (refusal.reason, str(refusal)) == (reason, message)


def test_registering_twice_is_harmless():
    event = EventFactory(title="Workshop", capacity=5)
    participant = ParticipantFactory()

    first = register_participant(event, participant)
    second = register_participant(event, participant)

    assert second.outcome == Outcome.ALREADY_REGISTERED
    assert second.registration.pk == first.registration.pk
    assert second.message == "You are already registered for Workshop (Confirmed)."
    assert event.registrations.count() == 1


def test_registering_again_after_the_event_closed_still_just_says_already_registered():
    event = EventFactory(registration_closes_at=timezone.now() + datetime.timedelta(days=1))
    participant = ParticipantFactory()
    register_participant(event, participant)
    Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))

    assert register_participant(event, participant).outcome == Outcome.ALREADY_REGISTERED


def test_someone_who_cancelled_can_register_again_and_goes_to_the_back_of_the_queue():
    event = EventFactory(capacity=1)
    seated, early, late = ParticipantFactory(), ParticipantFactory(), ParticipantFactory()
    seated_registration = register_participant(event, seated).registration
    early_registration = register_participant(event, early).registration
    late_registration = register_participant(event, late).registration
    cancel_own_registration(early_registration, user=None)

    again = register_participant(event, early)
    cancel_own_registration(seated_registration, user=None)

    assert again.outcome == Outcome.WAITLISTED
    assert again.registration.pk == early_registration.pk
    assert status_of(late_registration) == Status.CONFIRMED
    assert status_of(early_registration) == Status.WAITLISTED


def test_a_declined_registration_cannot_be_renewed_by_the_participant():
    registration = RegistrationFactory(status=Status.DECLINED, event__title="Simulation")

    refusal = refusal_of(registration.event, registration.participant)

    assert refusal.reason == Refusal.DECLINED_BEFORE
    assert "declined by the organisers" in str(refusal)


def test_a_seat_freed_without_promotion_goes_to_the_waiting_list_before_a_newcomer():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)
    Event.objects.filter(pk=event.pk).update(capacity=2)  # e.g. edited in the admin form

    newcomer = register_participant(event, ParticipantFactory())

    assert status_of(waiting) == Status.CONFIRMED
    assert newcomer.outcome == Outcome.WAITLISTED


def test_a_participant_cancelling_a_confirmed_seat_promotes_the_first_on_the_waiting_list():
    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event, status=Status.CONFIRMED)
    first = RegistrationFactory(event=event, status=Status.WAITLISTED)
    second = RegistrationFactory(event=event, status=Status.WAITLISTED)

    cancel_own_registration(confirmed, user=None)

    assert [status_of(registration) for registration in (confirmed, first, second)] == [
        Status.CANCELLED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]


def test_cancelled_or_past_registrations_cannot_be_cancelled_again():
    cancelled = RegistrationFactory(status=Status.CANCELLED)
    past = RegistrationFactory(
        event__starts_at=timezone.now() - datetime.timedelta(days=2),
        event__ends_at=timezone.now() - datetime.timedelta(days=1),
    )

    for registration in (cancelled, past):
        with pytest.raises(RegistrationError) as refused:
            cancel_own_registration(registration, user=None)
        assert refused.value.reason == Refusal.NOT_CANCELLABLE


def test_staff_may_lower_the_capacity_to_the_seats_already_taken_but_not_below():
    event = EventFactory(capacity=5)
    for _ in range(3):
        RegistrationFactory(event=event, status=Status.CONFIRMED)

    change_capacity(event, 3)
    with pytest.raises(
        RegistrationError, match=r"already has 3 seats taken \(confirmed or offered\): the capacity cannot drop to 2"
    ):
        change_capacity(event, 2)

    event.refresh_from_db()
    assert event.capacity == 3


def test_the_event_page_tells_a_signed_in_visitor_up_front_why_their_profile_cannot_apply(client):
    EventFactory(
        title="Fellowship for officials",
        slug="fellowship",
        admission=Event.Admission.BY_APPROVAL,
        eligible_organisation_kinds=["government"],
        eligible_country_groups=["ldc"],
    )
    academic = participant_with_account(organisation_kind="academia", country="HT")
    client.force_login(academic.user)

    page = client.get("/en/events/fellowship/").content.decode()

    assert (
        "Fellowship for officials is open to participants from Government only; your profile says Academia."
        in html.unescape(page)
    )
    assert "Apply for a place" not in page
    assert 'href="/en/accounts/profile/?next=/en/events/fellowship/"' in page


def test_an_eligible_visitor_is_offered_to_apply(client):
    event = EventFactory(slug="fellowship", admission=Event.Admission.BY_APPROVAL, eligible_country_groups=["ldc"])
    official = participant_with_account(organisation_kind="government", country="HT")
    client.force_login(official.user)

    page = client.get(f"/en/events/{event.slug}/").content.decode()

    assert "Apply for a place" in page
    assert 'class="ineligible"' not in page
