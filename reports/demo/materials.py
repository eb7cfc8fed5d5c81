"""The demo's speakers and materials: some people on the agendas have profiles (a profile adds
affiliation and bio, never a published email), and the 2027 training carries a public reading list
and a course handbook for its participants only."""

from events.models import Event, Material, Speaker

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


def speaker_profile(name: str) -> Speaker | None:
    """The profile of a speaker typed on a demo agenda, if the demo has one (the agenda loader
    links it instead of the typed name)."""
    if name not in SPEAKERS:
        return None
    affiliation, bio = SPEAKERS[name]
    profile = {"affiliation_en": affiliation, "bio_en": bio, **TRANSLATED_PROFILES.get(name, {})}
    return upsert(Speaker, {"name": name}, profile)


def load_materials(events: dict[str, Event]) -> None:
    training = events[TRAINING_2027]
    for position, (title, kind, audience, link) in enumerate(MATERIALS):
        upsert(
            Material,
            {"event": training, "title": title},
            {"kind": kind, "audience": audience, "url": link, "position": position},
        )
