"""The demo's speakers and materials: some people on the agendas have profiles (a profile adds
affiliation, bio and a photo, never a published email), and the 2027 training carries a public
reading list, a course handbook for its participants only and its first session's slides (a PDF)."""

import io

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from events.models import AgendaItem, Event, Material, Speaker
from events.speakers import resized_photo
from unidir_cb.core.reporting.rendering import html_to_pdf

from .common import upsert
from .questions import TRAINING_2027

# Name as typed on the agenda: (affiliation, bio).
SPEAKERS = {
    "Akosua Boateng": (
        "Senior Lecturer in International Law, University of Ghana",
        "Works on sovereignty, due diligence and State responsibility in cyberspace, and advises "
        "African Union member States on the application of international law to ICTs.",
    ),
    "Mariana Castillo": (
        "Legal Adviser, Ministry of Foreign Affairs of Chile",
        "Has represented Chile in the OEWG on ICT security and writes on the use of force and "
        "international humanitarian law in cyber operations.",
    ),
    "Samuele Dominioni": (
        "Researcher, Security and Technology Programme, UNIDIR",
        "Leads UNIDIR's work on international law in cyberspace and co-edited the institute's "
        "volume on the OEWG 2021–2025.",
    ),
}
# Profiles also written in another language (the others read in English on every language's page).
TRANSLATED_PROFILES = {
    "Mariana Castillo": {
        "affiliation_es": "Asesora jurídica, Ministerio de Relaciones Exteriores de Chile",
        "bio_es": "Ha representado a Chile en el GTCA sobre la seguridad de las TIC y escribe sobre el uso de la "
        "fuerza y el derecho internacional humanitario en las operaciones cibernéticas.",
    },
}
MATERIALS = [
    # (title, kind, audience, link)
    (
        "Reading list: the reports of the OEWG and the GGE",
        Material.Kind.PAPER,
        Material.Audience.EVERYONE,
        "https://unidir.org/cyber-reading-list",
    ),
    (
        "Course handbook and moot exercise brief",
        Material.Kind.PAPER,
        Material.Audience.PARTICIPANTS,
        "https://unidir.org/training-handbook-2027",
    ),
]
# The first session's slides, a PDF for its participants: (session, title, points on each slide).
SLIDES = (
    "Sovereignty, non-intervention and due diligence",
    "Slides: sovereignty, non-intervention and due diligence in cyberspace",
    [
        (
            "Sovereignty",
            ["A rule or a principle? States' published positions", "Remote operations on another State's territory"],
        ),
        ("Non-intervention", ["Coercion in domestic and foreign affairs", "Election interference as a case study"]),
        ("Due diligence", ["What a State knew or should have known", "Capacity and the reasonable steps expected"]),
    ],
)
SLIDE_PAGE_CSS = "@page { size: A4 landscape; margin: 20mm; @bottom-center { content: none; } }"
PHOTO_COLOURS = ["#0a4f8a", "#6b3fa0", "#1f7a5a"]


def portrait(name: str, colour: str) -> ContentFile:
    """A stand-in photo: the speaker's initials on a coloured square, resized as an upload would be."""
    picture = Image.new("RGB", (800, 800), colour)
    initials = "".join(word[0] for word in name.split()[:2])
    ImageDraw.Draw(picture).text((400, 400), initials, fill="white", anchor="mm", font=ImageFont.load_default(size=320))
    output = io.BytesIO()
    picture.save(output, format="PNG")
    output.name = f"{slugify(name)}.png"
    output.seek(0)
    return resized_photo(output)


def speaker_profile(name: str) -> Speaker | None:
    """The profile of a speaker typed on a demo agenda, if the demo has one (the agenda loader
    links it instead of the typed name)."""
    if name not in SPEAKERS:
        return None
    affiliation, bio = SPEAKERS[name]
    profile = {"affiliation_en": affiliation, "bio_en": bio, **TRANSLATED_PROFILES.get(name, {})}
    speaker = upsert(Speaker, {"name": name}, profile)
    if not (speaker.photo and speaker.photo.storage.exists(speaker.photo.name)):
        colour = PHOTO_COLOURS[list(SPEAKERS).index(name) % len(PHOTO_COLOURS)]
        speaker.photo = portrait(name, colour)
        speaker.save(update_fields=["photo", "updated_at"])
    return speaker


def load_materials(events: dict[str, Event]) -> None:
    training = events[TRAINING_2027]
    for position, (title, kind, audience, link) in enumerate(MATERIALS):
        upsert(
            Material,
            {"event": training, "title": title},
            {"kind": kind, "audience": audience, "url": link, "position": position},
        )
    load_slides(training)


def load_slides(training: Event) -> None:
    session_title, title, slides = SLIDES
    session = AgendaItem.objects.get(event=training, title=session_title)
    material = Material.objects.filter(event=training, title=title).first()
    if material and material.file.storage.exists(material.file.name):
        return
    if material:  # its file is gone (a fresh media folder): written again below
        material.delete()
    html = render_to_string("reports/demo/slides.html", {"title": title, "session": session, "slides": slides})
    pdf = html_to_pdf(html, extra_css=SLIDE_PAGE_CSS)
    Material.objects.create(
        event=training,
        agenda_item=session,
        title=title,
        kind=Material.Kind.SLIDES,
        audience=Material.Audience.PARTICIPANTS,
        file=ContentFile(pdf, name="sovereignty-due-diligence-slides.pdf"),
    )
