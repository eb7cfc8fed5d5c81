"""Staff attach slides, papers and recordings to an event and its sessions, for everyone or for its
participants only (checked on every download), and put speakers on the agenda with their affiliation,
bio and photo (resized on upload). The event page shows them at a fixed number of queries; speakers'
emails are never published."""

import datetime
import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from events.models import Material, Registration, Speaker
from events.services import answers
from tests.events.participants import participant_with_account
from tests.factories import (
    AgendaItemFactory,
    EventFactory,
    MaterialFactory,
    RegistrationFactory,
    SpeakerFactory,
    staff_member,
)
from unidir_cb.core.permissions import PROGRAMME_STAFF

pytestmark = pytest.mark.django_db

Audience = Material.Audience
SLIDES = b"%PDF-1.7\n% the slides\n%%EOF\n"


def picture(width, height, kind="PNG") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(output, format=kind)
    return output.getvalue()


@pytest.fixture
def workshop():
    event = EventFactory(title="Workshop on norms", slug="norms-workshop")
    opening = AgendaItemFactory(event=event, title="Opening session", speaker_names="the Director of UNIDIR")
    opening.speakers.add(
        SpeakerFactory(
            name="Dr Amina Diallo",
            affiliation="University of Dakar",
            bio="Works on the law of State responsibility.",
            email="amina.private@example.org",
        )
    )
    MaterialFactory(event=event, title="Reading list", audience=Audience.EVERYONE)
    MaterialFactory(
        event=event,
        agenda_item=opening,
        title="Opening slides",
        url="",
        file=ContentFile(SLIDES, name="opening-slides.pdf"),
    )
    return event


def material(title) -> Material:
    return Material.objects.get(title=title)


def open_material(client, title):
    return client.get(reverse("events:material", args=[material(title).pk]))


def test_visitors_see_public_materials_and_are_told_the_others_are_for_participants(client, workshop):
    page = client.get(reverse("events:detail", args=[workshop.slug])).content.decode()

    assert reverse("events:material", args=[material("Reading list").pk]) in page
    assert "Opening slides" in page and "for participants only" in page
    assert reverse("events:material", args=[material("Opening slides").pk]) not in page


def test_confirmed_participants_open_the_participants_materials(client, workshop):
    amina = participant_with_account(email="amina@example.org")
    RegistrationFactory(event=workshop, participant=amina)
    client.force_login(amina.user)

    page = client.get(reverse("events:detail", args=[workshop.slug])).content.decode()
    mine = client.get(reverse("events:my_registrations")).content.decode()
    response = open_material(client, "Opening slides")

    assert reverse("events:material", args=[material("Opening slides").pk]) in page
    assert "Opening slides" in mine and "Reading list" in mine
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SLIDES
    assert 'filename="opening-slides.pdf"' in response["Content-Disposition"]


def test_participants_materials_are_refused_to_everyone_else(client, workshop):
    anonymous = open_material(client, "Opening slides")
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("account_login"))

    waiting = participant_with_account(email="waiting@example.org")
    RegistrationFactory(event=workshop, participant=waiting, status=Registration.Status.WAITLISTED)
    elsewhere = participant_with_account(email="elsewhere@example.org")
    RegistrationFactory(event=EventFactory(), participant=elsewhere)
    for person in (waiting, elsewhere):
        client.force_login(person.user)
        assert open_material(client, "Opening slides").status_code == 404

    client.force_login(staff_member(PROGRAMME_STAFF))
    assert open_material(client, "Opening slides").status_code == 200


def test_a_public_link_opens_for_anyone(client, workshop):
    response = open_material(client, "Reading list")

    assert response.status_code == 302 and response.url == "https://example.org/slides.pdf"


def test_materials_of_a_draft_event_are_not_there(client, workshop):
    workshop.status = workshop.Status.DRAFT
    workshop.save()

    assert open_material(client, "Reading list").status_code == 404


def test_a_material_is_a_file_or_a_link_of_its_own_events_session(workshop):
    other_session = AgendaItemFactory(event=EventFactory())
    both = Material(event=workshop, title="Both", url="https://example.org", file=ContentFile(SLIDES, name="x.pdf"))
    elsewhere = Material(event=workshop, title="Elsewhere", url="https://example.org", agenda_item=other_session)

    with pytest.raises(ValidationError, match="either a file or a link"):
        both.full_clean()
    with pytest.raises(ValidationError) as refused:
        elsewhere.full_clean()
    assert refused.value.message_dict["agenda_item"] == ["This agenda item belongs to another event."]


# Speakers ---------------------------------------------------------------------------------------


def test_speakers_are_shown_on_the_agenda_with_affiliation_and_bio_but_never_their_email(client, workshop):
    page = client.get(reverse("events:detail", args=[workshop.slug])).content.decode()

    speaker = Speaker.objects.get()
    assert f'<a href="#speaker-{speaker.pk}">Dr Amina Diallo</a>, the Director of UNIDIR' in page
    assert "University of Dakar" in page and "Works on the law of State responsibility." in page
    assert "amina.private@example.org" not in page


def test_a_speakers_affiliation_and_bio_read_in_the_visitors_language_else_in_english(client, workshop):
    client.force_login(staff_member(PROGRAMME_STAFF))
    speaker = Speaker.objects.get()
    change = client.get(reverse("admin:events_speaker_change", args=[speaker.pk])).content.decode()
    assert 'name="bio_ar"' in change and 'name="affiliation_zh_hans"' in change

    response = client.post(
        reverse("admin:events_speaker_change", args=[speaker.pk]),
        {
            "name": "Dr Amina Diallo",
            "affiliation_en": "University of Dakar",
            "affiliation_fr": "Université de Dakar",
            "bio_en": "Works on the law of State responsibility.",
            "bio_ar": "تعمل على قانون مسؤولية الدول.",
            "email": "amina.private@example.org",
        },
    )
    assert response.status_code == 302

    def speaker_text(language):
        with translation.override(language):
            return client.get(reverse("events:detail", args=[workshop.slug])).content.decode()

    assert "تعمل على قانون مسؤولية الدول." in speaker_text("ar")
    assert "Université de Dakar" in speaker_text("fr")
    chinese = speaker_text("zh-hans")  # nothing written in Chinese: the English profile
    assert "University of Dakar" in chinese and "Works on the law of State responsibility." in chinese


def test_a_speakers_photo_is_resized_on_upload_and_a_non_picture_is_refused(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff_member(PROGRAMME_STAFF))
    add_url = reverse("admin:events_speaker_add")

    refused = client.post(
        add_url, {"name": "Dr Li Wei", "photo": SimpleUploadedFile("photo.png", b"not a picture", "image/png")}
    )
    added = client.post(
        add_url, {"name": "Dr Li Wei", "photo": SimpleUploadedFile("li-wei.png", picture(2400, 1600), "image/png")}
    )

    assert refused.status_code == 200 and "Upload a valid image" in refused.content.decode()
    assert added.status_code == 302
    photo = Speaker.objects.get().photo
    assert photo.name.endswith(".jpg")
    with Image.open(photo.path) as stored:
        assert stored.format == "JPEG" and stored.size == (400, 267)


def camera_photo_with_location() -> bytes:
    """A phone's JPEG: turned on its side (EXIF orientation) and saying where it was taken (GPS)."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"  # the camera's make
    exif[0x8825] = {1: "N", 2: (46.0, 13.0, 30.0)}  # GPS: latitude 46° 13' 30" N
    output = io.BytesIO()
    Image.new("RGB", (1600, 1200), "teal").save(output, format="JPEG", exif=exif)
    return output.getvalue()


def test_a_resized_photo_keeps_nothing_of_the_camera_but_stands_upright(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff_member(PROGRAMME_STAFF))

    client.post(
        reverse("admin:events_speaker_add"),
        {"name": "Dr Li Wei", "photo": SimpleUploadedFile("li-wei.jpg", camera_photo_with_location(), "image/jpeg")},
    )

    with Image.open(Speaker.objects.get().photo.path) as stored:
        assert stored.size == (300, 400)  # upright: the sideways 1600 × 1200 turned, then resized
        assert dict(stored.getexif()) == {} and "exif" not in stored.info


def test_a_replaced_photo_is_deleted_with_the_old_picture(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff_member(PROGRAMME_STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:events_speaker_add"),
            {"name": "Dr Li Wei", "photo": SimpleUploadedFile("li-wei.png", picture(800, 800), "image/png")},
        )
    speaker = Speaker.objects.get()
    first_photo = speaker.photo.path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:events_speaker_change", args=[speaker.pk]),
            {"name": "Dr Li Wei", "photo": SimpleUploadedFile("li-wei-2026.png", picture(900, 900), "image/png")},
        )
    speaker.refresh_from_db()

    assert speaker.photo.name.endswith("li-wei-2026.jpg") and (tmp_path / speaker.photo.name).exists()
    assert not os.path.exists(first_photo)


def test_the_event_pages_speaker_photo_loads_from_its_address(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    event = EventFactory(slug="photo-workshop")
    speaker = SpeakerFactory(name="Dr Li Wei", photo=ContentFile(picture(400, 400, "JPEG"), name="li-wei.jpg"))
    AgendaItemFactory(event=event, speakers=[speaker])

    page = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    photo = client.get(speaker.photo.url)

    assert f'src="{speaker.photo.url}"' in page
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert b"".join(photo.streaming_content) == (tmp_path / speaker.photo.name).read_bytes()


# Cost of the page ---------------------------------------------------------------------------------


def event_page_queries(client, event) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("events:detail", args=[event.slug])).status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "participant"])
def test_the_event_page_costs_the_same_queries_whatever_its_materials_and_speakers(client, settings, signed_in):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    small, large = EventFactory(slug="small"), EventFactory(slug="large")
    for event, sessions in ((small, 1), (large, 6)):
        for number in range(sessions):
            item = AgendaItemFactory(event=event, speakers=[SpeakerFactory(), SpeakerFactory()])
            MaterialFactory(event=event, agenda_item=item, audience=Audience.PARTICIPANTS)
            MaterialFactory(event=event, audience=Audience.EVERYONE, title=f"Paper {number}")
    if signed_in:
        amina = participant_with_account(email="amina@example.org")
        for event in (small, large):
            RegistrationFactory(event=event, participant=amina)
        client.force_login(amina.user)

    assert event_page_queries(client, large) == event_page_queries(client, small)


def test_a_deleted_materials_file_is_swept_from_the_private_storage(workshop):
    slides = material("Opening slides")
    storage, name = slides.file.storage, slides.file.name
    slides.delete()
    assert storage.exists(name)

    answers.erase_expired_private_answers(now=timezone.now() + datetime.timedelta(days=2))

    assert not storage.exists(name)


def test_a_material_added_shows_at_once_on_the_cached_event_page(client, workshop, django_capture_on_commit_callbacks):
    address = reverse("events:detail", args=[workshop.slug])
    assert "Closing recording" not in client.get(address).content.decode()  # now in the cache

    with django_capture_on_commit_callbacks(execute=True):
        MaterialFactory(event=workshop, title="Closing recording", audience=Audience.EVERYONE)
    with django_capture_on_commit_callbacks(execute=True):
        SpeakerFactory(name="Dr Li Wei").agenda_items.add(workshop.agenda_items.get())

    page = client.get(address).content.decode()
    assert "Closing recording" in page and "Dr Li Wei" in page
