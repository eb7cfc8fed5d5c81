"""The demo's participatory learning: event series, events with agendas and partners, and who
registered for each, was confirmed, declined or waitlisted, attended and received a certificate."""

import datetime
import random

from events.certificates import new_certificate_code
from events.models import AgendaItem, Event, EventSeries, Participant, Registration
from unidir_cb.core.models import OrganisationKind

from .common import upsert, zoned
from .materials import speaker_profile
from .people import DEMO_AS_OF, SEED, PeopleGenerator, PersonSpec
from .programme import PILLARS
from .translations import AGENDA_ITEMS, AUDIENCES, CITIES, translated

EVENT_SERIES = [
    (
        "norms-online-seminars-2020",
        "Online seminars on the operationalisation of the norms of responsible State behaviour in cyberspace",
        "Five online seminars in 2020, one group of norms at a time, on what implementing them takes in practice.",
    ),
    (
        "norms-multi-stakeholder-dialogues-2021",
        "Multi-stakeholder dialogues on the operationalisation of the norms of responsible State behaviour",
        "Three dialogues in 2021 between States, industry, civil society and academia on operationalising the "
        "norms, serving capacity-building and confidence-building alike.",
    ),
    (
        "oewg-regional-briefings-2022",
        "Regional briefings on the OEWG 2021–2025",
        "Guidance for government representatives on the deliberations of the OEWG 2021–2025, region by region.",
    ),
    (
        "regional-cyber-crisis-management-exercises-2022",
        "Table-top exercises on regional cyber crisis management resolution mechanisms",
        "Scenario-based exercises devised with regional organisations for the government officials who would "
        "manage a cyber crisis between their States.",
    ),
    (
        "cyber-stability-conference",
        "Cyber Stability Conference",
        "UNIDIR's annual conference advancing multilateral discussions on ICTs and international security.",
    ),
]

ALL_GOVERNMENTS = "Diplomats and government officials"
MULTI_STAKEHOLDER_AUDIENCE = "Diplomats and government officials, and experts from civil society, academia and industry"
OEWG_AUDIENCE = "Government representatives following the deliberations of the OEWG 2021–2025"


def _seminar(slug, day, title, theme):
    return {
        "slug": slug,
        "title": title,
        "series": "norms-online-seminars-2020",
        "kind": Event.Kind.SEMINAR,
        "format": Event.Format.ONLINE,
        "start": (2020, *day, 14, 0),
        "end": (2020, *day, 16, 0),
        "time_zone": "Europe/Zurich",
        "languages": ["en"],
        "topics": ["norms", theme],
        "target_audience": MULTI_STAKEHOLDER_AUDIENCE,
        "admission": Event.Admission.OPEN,
        "capacity": 100,
        "people": {"cohort": "norms-seminars-2020", "count": 34, "cancelled": 0.06, "attended": 0.85},
    }


def _dialogue(slug, day, title, theme):
    return {
        "slug": slug,
        "title": title,
        "series": "norms-multi-stakeholder-dialogues-2021",
        "kind": Event.Kind.DIALOGUE,
        "format": Event.Format.ONLINE,
        "start": (2021, *day, 13, 0),
        "end": (2021, *day, 16, 30),
        "time_zone": "Europe/Zurich",
        "languages": ["en"],
        "topics": ["norms", theme],
        "target_audience": "Representatives of States, industry, civil society and academia",
        "admission": Event.Admission.BY_INVITATION,
        "capacity": 40,
        "people": {"cohort": "norms-dialogues-2021", "count": 28, "declined": 0.05, "attended": 0.9},
        "description": (
            "A multi-stakeholder dialogue on one of the norms of responsible State behaviour: convergences and "
            "divergences in its interpretation, and good practices for implementing it."
        ),
    }


def _briefing(region, **details):
    return {
        "slug": f"oewg-regional-briefing-{region}-2022",
        "series": "oewg-regional-briefings-2022",
        "kind": Event.Kind.BRIEFING,
        "topics": PILLARS,
        "target_audience": OEWG_AUDIENCE,
        "admission": Event.Admission.BY_INVITATION,
        "eligible_organisation_kinds": [OrganisationKind.GOVERNMENT],
        "capacity": 40,
        "people": {"cohort": f"briefing-{region}-2022", "cancelled": 0.05, "attended": 0.9},
        "description": (
            "Guidance for government representatives on the deliberations of the OEWG 2021–2025: its programme "
            "of work, the state of discussions on each agenda item and the road to the next annual progress report."
        ),
        **details,
    }


EVENTS = [
    _seminar(
        "norms-seminar-critical-infrastructure-2020",
        (6, 10),
        "Operationalising the norms: protecting critical infrastructure",
        "critical-infrastructure",
    ),
    _seminar(
        "norms-seminar-supply-chain-2020",
        (7, 8),
        "Operationalising the norms: integrity of the ICT supply chain",
        "supply-chain-security",
    ),
    _seminar(
        "norms-seminar-criminal-terrorist-use-2020",
        (9, 16),
        "Operationalising the norms: cooperation against criminal and terrorist use of ICTs",
        "cybercrime",
    ),
    _seminar(
        "norms-seminar-attribution-2020",
        (10, 14),
        "Operationalising the norms: attribution of ICT incidents",
        "attribution",
    ),
    _seminar(
        "norms-seminar-cert-protection-2020",
        (11, 18),
        "Operationalising the norms: protecting CERTs and responding to requests for assistance",
        "cyber-crisis-management",
    ),
    _dialogue(
        "dialogue-due-diligence-2021",
        (5, 12),
        "Due Diligence in Cyberspace: Multi-Stakeholder Dialogue on the Norms of Responsible State Behaviour",
        "international-law",
    ),
    _dialogue(
        "dialogue-critical-infrastructure-2021",
        (6, 23),
        "Protecting Critical Infrastructure: Multi-Stakeholder Dialogue on the Norms of Responsible State Behaviour",
        "critical-infrastructure",
    ),
    _dialogue(
        "dialogue-attribution-2021",
        (9, 29),
        "Attribution of ICT Incidents: Multi-Stakeholder Dialogue on the Norms of Responsible State Behaviour",
        "attribution",
    ),
    _briefing(
        "africa",
        title="Regional briefing on the OEWG 2021–2025 for African States",
        format=Event.Format.ONLINE,
        start=(2022, 3, 22, 10, 0),
        end=(2022, 3, 22, 12, 30),
        time_zone="Africa/Addis_Ababa",
        languages=["en", "fr"],
        partners=["AUC"],
    ),
    _briefing(
        "asia-pacific",
        title="Regional briefing on the OEWG 2021–2025 for Asia-Pacific States",
        format=Event.Format.IN_PERSON,
        start=(2022, 4, 6, 9, 30),
        end=(2022, 4, 6, 16, 30),
        time_zone="Asia/Bangkok",
        venue="United Nations Conference Centre",
        city="Bangkok",
        country="TH",
        languages=["en"],
        partners=["ASEAN"],
    ),
    _briefing(
        "latin-america-caribbean",
        title="Regional briefing on the OEWG 2021–2025 for Latin American and Caribbean States",
        format=Event.Format.ONLINE,
        start=(2022, 5, 10, 9, 0),
        end=(2022, 5, 10, 11, 30),
        time_zone="America/Bogota",
        languages=["es", "en"],
        partners=["OAS"],
    ),
    _briefing(
        "eastern-europe-central-asia",
        title="Regional briefing on the OEWG 2021–2025 for Eastern European and Central Asian States",
        format=Event.Format.ONLINE,
        start=(2022, 6, 14, 10, 0),
        end=(2022, 6, 14, 12, 30),
        time_zone="Europe/Vienna",
        languages=["ru", "en"],
        partners=["OSCE"],
    ),
    _briefing(
        "pacific-islands",
        title="Regional briefing on the OEWG 2021–2025 for Pacific Island States",
        format=Event.Format.HYBRID,
        start=(2022, 8, 23, 9, 0),
        end=(2022, 8, 23, 13, 0),
        time_zone="Pacific/Fiji",
        venue="Pacific Islands Forum Secretariat",
        city="Suva",
        country="FJ",
        languages=["en"],
        partners=["PIFS"],
    ),
    {
        "slug": "unitar-unidir-summer-course-2022",
        "title": "Summer course on international normative frameworks, ICTs and artificial intelligence",
        "kind": Event.Kind.SUMMER_COURSE,
        "format": Event.Format.IN_PERSON,
        "start": (2022, 7, 4, 9, 0),
        "end": (2022, 7, 15, 17, 0),
        "time_zone": "Europe/Zurich",
        "venue": "Palais des Nations",
        "city": "Geneva",
        "country": "CH",
        "languages": ["en"],
        "topics": ["norms", "international-law", "artificial-intelligence", "capacity-building"],
        "partners": ["UNITAR"],
        "target_audience": "Government representatives of Least Developed Countries and Small Island Developing States",
        "admission": Event.Admission.BY_APPROVAL,
        "eligible_organisation_kinds": [OrganisationKind.GOVERNMENT],
        "eligible_country_groups": ["ldc", "sids"],
        "capacity": 25,
        "people": {"cohort": "summer-course-2022", "declined": 0.08, "attended": 1.0},
        "description": (
            "A two weeks' course developed and delivered with UNITAR on the international normative frameworks "
            "that apply to information and communications technologies and artificial intelligence."
        ),
        "agenda": [
            (
                (2022, 7, 4, 9, 30),
                (2022, 7, 4, 12, 30),
                "Opening and the framework of responsible State behaviour",
                "Giacomo Persi Paoli",
            ),
            (
                (2022, 7, 6, 9, 30),
                (2022, 7, 6, 16, 30),
                "How international law applies to the use of ICTs",
                "Akosua Boateng, Mariana Castillo",
            ),
            (
                (2022, 7, 11, 9, 30),
                (2022, 7, 11, 16, 30),
                "Artificial intelligence: governance and security",
                "Priya Raman",
            ),
            ((2022, 7, 15, 14, 0), (2022, 7, 15, 17, 0), "Capstone exercise and closing", "Samuele Dominioni"),
        ],
    },
    {
        "slug": "ttx-regional-cyber-crisis-management-asean-2022",
        "title": "Table-top exercise on regional cyber crisis management with ASEAN",
        "series": "regional-cyber-crisis-management-exercises-2022",
        "kind": Event.Kind.TABLE_TOP_EXERCISE,
        "format": Event.Format.IN_PERSON,
        "start": (2022, 10, 18, 9, 0),
        "end": (2022, 10, 19, 17, 0),
        "time_zone": "Asia/Singapore",
        "venue": "ASEAN-Singapore Cybersecurity Centre of Excellence",
        "city": "Singapore",
        "country": "SG",
        "languages": ["en"],
        "topics": ["cyber-crisis-management", "confidence-building-measures", "critical-infrastructure"],
        "partners": ["ASEAN"],
        "target_audience": "Government officials responsible for cyber crisis management and international cooperation",
        "admission": Event.Admission.BY_INVITATION,
        "eligible_organisation_kinds": [OrganisationKind.GOVERNMENT],
        "capacity": 30,
        "people": {"cohort": "ttx-asean-2022", "attended": 1.0},
        "description": (
            "A scenario-based exercise on regional mechanisms for managing and resolving a cyber crisis among ASEAN "
            "Member States and their Asia-Pacific partners."
        ),
        "agenda": [
            ((2022, 10, 18, 9, 0), (2022, 10, 18, 10, 30), "Regional crisis management mechanisms", "Kenji Watanabe"),
            ((2022, 10, 18, 11, 0), (2022, 10, 18, 17, 0), "Scenario, moves 1 and 2", "Tomás Ribeiro"),
            ((2022, 10, 19, 9, 0), (2022, 10, 19, 17, 0), "Scenario, move 3, and lessons identified", "Tomás Ribeiro"),
        ],
    },
    {
        "slug": "ttx-regional-cyber-crisis-management-oas-2022",
        "title": "Table-top exercise on regional cyber crisis management with the OAS",
        "series": "regional-cyber-crisis-management-exercises-2022",
        "kind": Event.Kind.TABLE_TOP_EXERCISE,
        "format": Event.Format.IN_PERSON,
        "start": (2022, 11, 29, 9, 0),
        "end": (2022, 11, 30, 17, 0),
        "time_zone": "America/Santo_Domingo",
        "venue": "Ministry of Foreign Affairs",
        "city": "Santo Domingo",
        "country": "DO",
        "languages": ["es", "en"],
        "topics": ["cyber-crisis-management", "confidence-building-measures", "critical-infrastructure"],
        "partners": ["OAS"],
        "target_audience": "Government officials responsible for cyber crisis management and international cooperation",
        "admission": Event.Admission.BY_INVITATION,
        "eligible_organisation_kinds": [OrganisationKind.GOVERNMENT],
        "capacity": 30,
        "people": {"cohort": "ttx-oas-2022", "attended": 1.0},
        "description": (
            "A scenario-based exercise on regional mechanisms for managing and resolving a cyber crisis among OAS "
            "Member States, building on the OAS confidence-building measures."
        ),
        "agenda": [
            ((2022, 11, 29, 9, 0), (2022, 11, 29, 10, 30), "Regional crisis management mechanisms", "Mariana Castillo"),
            ((2022, 11, 29, 11, 0), (2022, 11, 29, 17, 0), "Scenario, moves 1 and 2", "Tomás Ribeiro"),
            ((2022, 11, 30, 9, 0), (2022, 11, 30, 17, 0), "Scenario, move 3, and lessons identified", "Tomás Ribeiro"),
        ],
    },
    {
        "slug": "cyber-stability-conference-2023",
        "title": "Cyber Stability Conference 2023: Rights and responsibilities under the UN Charter in the context of "
        "the use of ICTs by States",
        "series": "cyber-stability-conference",
        "kind": Event.Kind.CONFERENCE,
        "format": Event.Format.HYBRID,
        "start": (2023, 7, 6, 9, 30),
        "end": (2023, 7, 6, 17, 30),
        "time_zone": "Europe/Zurich",
        "venue": "Palais des Nations",
        "city": "Geneva",
        "country": "CH",
        "languages": ["en"],
        "topics": ["international-law", "norms", "regular-institutional-dialogue"],
        "target_audience": MULTI_STAKEHOLDER_AUDIENCE,
        "admission": Event.Admission.OPEN,
        "capacity": 250,
        "people": {"cohort": "csc-2023", "returning": 15, "cancelled": 0.05, "attended": 0.85},
        "description": (
            "The 2023 conference advanced multilateral discussions on the rights and responsibilities under the "
            "Charter of the United Nations in the context of the use of ICTs by States."
        ),
        "agenda": [
            ((2023, 7, 6, 9, 30), (2023, 7, 6, 10, 0), "Opening remarks", "Giacomo Persi Paoli"),
            (
                (2023, 7, 6, 10, 0),
                (2023, 7, 6, 11, 30),
                "Sovereignty and non-intervention in the use of ICTs",
                "Akosua Boateng (moderator)",
            ),
            (
                (2023, 7, 6, 12, 0),
                (2023, 7, 6, 13, 30),
                "The prohibition of the use of force and self-defence",
                "Mariana Castillo (moderator)",
            ),
            (
                (2023, 7, 6, 14, 30),
                (2023, 7, 6, 16, 0),
                "Peaceful settlement of disputes and State responsibility",
                "Amir Rahimi (moderator)",
            ),
            (
                (2023, 7, 6, 16, 30),
                (2023, 7, 6, 17, 30),
                "Closing: from rights and responsibilities to practice",
                "Samuele Dominioni",
            ),
        ],
    },
    # Upcoming, so that the public site has something to register for.
    {
        "slug": "briefing-global-mechanism-ict-security-2027",
        "title": "Briefing: the Global Mechanism on ICT security in its first year",
        "kind": Event.Kind.BRIEFING,
        "format": Event.Format.ONLINE,
        "start": (2027, 3, 16, 14, 0),
        "end": (2027, 3, 16, 16, 0),
        "time_zone": "Europe/Zurich",
        "languages": ["en", "fr", "es"],
        "topics": ["regular-institutional-dialogue", "capacity-building"],
        "target_audience": MULTI_STAKEHOLDER_AUDIENCE,
        "admission": Event.Admission.OPEN,
        "capacity": 300,
        "registration": ((2026, 11, 2, 9, 0), (2027, 3, 15, 12, 0)),
        "people": {"cohort": "briefing-2027", "upcoming": True},
        "description": (
            "What the permanent Global Mechanism on ICTs in the context of international security has done in "
            "its first year, and how delegations can prepare for its next plenary."
        ),
        # Shown to visitors of the other five languages (audiences and agenda items: demo/translations.py).
        "translations": {
            "title_fr": "Séance d'information : le Mécanisme mondial sur la sécurité du numérique au cours de sa "
            "première année",
            "title_es": "Sesión informativa: el Mecanismo Mundial sobre la seguridad de las TIC en su primer año",
            "title_ru": "Брифинг: Глобальный механизм по безопасности ИКТ в первый год работы",
            "title_zh_hans": "通报会：信息和通信技术安全全球机制的第一年",
            "title_ar": "إحاطة: الآلية العالمية المعنية بأمن تكنولوجيا المعلومات والاتصالات في عامها الأول",
            "description_fr": "Ce que le Mécanisme mondial permanent sur les TIC dans le contexte de la sécurité "
            "internationale a accompli au cours de sa première année, et comment les délégations peuvent préparer "
            "sa prochaine séance plénière.",
            "description_es": "Lo que el Mecanismo Mundial permanente sobre las TIC en el contexto de la seguridad "
            "internacional ha hecho en su primer año y cómo pueden prepararse las delegaciones para su próxima "
            "sesión plenaria.",
            "description_ru": "Что постоянный Глобальный механизм по ИКТ в контексте международной безопасности "
            "сделал за первый год работы и как делегациям подготовиться к его следующему пленарному заседанию.",
            "description_zh_hans": "常设信息和通信技术与国际安全全球机制第一年的工作，"
            "以及各代表团如何为其下一次全体会议做准备。",
            "description_ar": "ما أنجزته الآلية العالمية الدائمة المعنية بتكنولوجيا المعلومات والاتصالات في سياق "
            "الأمن الدولي في عامها الأول، وكيف يمكن للوفود الاستعداد لجلستها العامة المقبلة.",
        },
    },
    {
        "slug": "training-module-norms-implementation-2023",
        "title": "Training module on implementing the norms of responsible State behaviour",
        "kind": Event.Kind.TRAINING_MODULE,
        "format": Event.Format.ONLINE,
        "start": (2023, 9, 12, 13, 0),
        "end": (2023, 9, 14, 16, 0),
        "time_zone": "Europe/Zurich",
        "languages": ["en", "fr"],
        "topics": ["norms", "capacity-building"],
        "target_audience": ALL_GOVERNMENTS,
        "admission": Event.Admission.BY_APPROVAL,
        "eligible_organisation_kinds": [OrganisationKind.GOVERNMENT],
        "capacity": 20,
        "people": {"cohort": "training-2023", "declined": 0.05, "attended": 0.95},
        "description": (
            "Three afternoons for government officials on turning the eleven norms into national practice: "
            "national surveys of implementation, points of contact and cooperation with other States."
        ),
    },
    {
        "slug": "training-module-international-law-cyberspace-2027",
        "title": "Training module on international law and State behaviour in cyberspace",
        "translations": {
            "title_fr": "Module de formation sur le droit international et le comportement des États dans le "
            "cyberespace",
            "title_es": "Módulo de formación sobre el derecho internacional y el comportamiento de los Estados en el "
            "ciberespacio",
            "title_ru": "Учебный модуль по международному праву и поведению государств в киберпространстве",
            "title_zh_hans": "关于国际法和国家在网络空间行为的培训单元",
            "title_ar": "وحدة تدريبية بشأن القانون الدولي وسلوك الدول في الفضاء الإلكتروني",
            "description_fr": "Trois jours sur la manière dont le droit international s'applique à l'utilisation "
            "des TIC par les États, avec des études de cas et un exercice de procès simulé.",
            "description_es": "Tres días sobre cómo se aplica el derecho internacional al uso de las TIC por los "
            "Estados, con estudios de caso y un ejercicio de simulación de juicio.",
            "description_ru": "Три дня о том, как международное право применяется к использованию ИКТ "
            "государствами, с разбором практических примеров и учебным судебным процессом.",
            "description_zh_hans": "为期三天，探讨国际法如何适用于国家使用信息和通信技术，包括案例研究和模拟法庭练习。",
            "description_ar": "ثلاثة أيام بشأن كيفية انطباق القانون الدولي على استخدام الدول لتكنولوجيا المعلومات "
            "والاتصالات، مع دراسات حالة وتمرين محكمة صورية.",
        },
        "kind": Event.Kind.TRAINING_MODULE,
        "format": Event.Format.IN_PERSON,
        "start": (2027, 5, 4, 9, 0),
        "end": (2027, 5, 6, 17, 0),
        "time_zone": "Europe/Zurich",
        "venue": "Maison de la Paix",
        "city": "Geneva",
        "country": "CH",
        "languages": ["en"],
        "topics": ["international-law", "norms", "capacity-building"],
        "target_audience": ALL_GOVERNMENTS,
        "admission": Event.Admission.BY_APPROVAL,
        "eligible_organisation_kinds": [OrganisationKind.GOVERNMENT],
        "capacity": 30,
        "registration": ((2026, 11, 16, 9, 0), (2027, 4, 6, 17, 0)),
        "people": {"cohort": "training-2027", "upcoming": True, "pending": 0.7},
        "description": (
            "Three days on how international law applies to the use of ICTs by States, with case studies and a "
            "moot exercise."
        ),
        "agenda": [
            (
                (2027, 5, 4, 9, 0),
                (2027, 5, 4, 17, 0),
                "Sovereignty, non-intervention and due diligence",
                "Akosua Boateng",
            ),
            (
                (2027, 5, 5, 9, 0),
                (2027, 5, 5, 17, 0),
                "Use of force, self-defence and international humanitarian law",
                "Mariana Castillo",
            ),
            ((2027, 5, 6, 9, 0), (2027, 5, 6, 17, 0), "Moot exercise", "Samuele Dominioni"),
        ],
    },
    # Full, with a waiting list whose freed seats are offered for two days: the waiting list at work.
    {
        "slug": "clinic-cyber-diplomacy-negotiation-2027",
        "title": "Clinic on negotiation skills for cyber diplomats",
        "kind": Event.Kind.CLINIC,
        "format": Event.Format.IN_PERSON,
        "start": (2027, 2, 9, 9, 0),
        "end": (2027, 2, 9, 17, 0),
        "time_zone": "Europe/Zurich",
        "venue": "Maison de la Paix",
        "city": "Geneva",
        "country": "CH",
        "languages": ["en"],
        "topics": ["norms", "capacity-building"],
        "target_audience": ALL_GOVERNMENTS,
        "admission": Event.Admission.OPEN,
        "capacity": 12,
        "offer_hours": 48,
        "registration": ((2026, 11, 2, 9, 0), (2027, 2, 5, 17, 0)),
        "people": {"cohort": "clinic-2027", "upcoming": True, "queue": True},
        "description": (
            "One day of practice in multilateral negotiation for diplomats new to the ICT security file: "
            "drafting, coalitions and the chair's text."
        ),
    },
]


def certificate_code(event_slug: str, email: str) -> str:
    """A code made as real certificates' are, drawn from a generator seeded by the registration, so a
    second load_demo writes the same code (and the demo's other draws are left as they were)."""
    seeded = random.Random(f"{SEED}:{event_slug}:{email}")  # noqa: S311 - the demo's codes guard nothing real
    return new_certificate_code(seeded.choice)


def registration_values(
    event: Event, people: dict, person: PersonSpec, rng: random.Random
) -> tuple[dict, datetime.datetime]:
    """Status, decision and attendance of one registration, and when it was made, for an event that took
    place or is still to come (whose decisions all lie before DEMO_AS_OF)."""
    opens = event.registration_opens_at
    closes = min(event.registration_closes_at, DEMO_AS_OF)
    decided_at = (opens + (closes - opens) * rng.uniform(0.2, 0.9)).replace(microsecond=0)
    # Nobody registers before agreeing to the privacy notice, and staff decide after people register.
    registered_at = max(person.consented_at, decided_at - datetime.timedelta(minutes=rng.randint(60, 4320)))
    decided_at = max(decided_at, registered_at + datetime.timedelta(hours=1))
    if people.get("upcoming"):
        if rng.random() < people.get("pending", 0):
            return {"status": Registration.Status.PENDING, "decided_at": None}, registered_at
        return {"status": Registration.Status.CONFIRMED, "decided_at": decided_at}, registered_at
    roll = rng.random()
    cancelled, declined = people.get("cancelled", 0), people.get("declined", 0)
    if roll < cancelled:
        return {"status": Registration.Status.CANCELLED, "decided_at": decided_at}, registered_at
    if roll < cancelled + declined:
        return {"status": Registration.Status.DECLINED, "decided_at": decided_at}, registered_at
    attended = rng.random() < people["attended"]
    values = {
        "status": Registration.Status.CONFIRMED,
        "decided_at": decided_at,
        "attended": attended,
        "checked_in_at": event.starts_at - datetime.timedelta(minutes=rng.randint(5, 40)) if attended else None,
    }
    if attended and event.gives_certificates:
        values["certificate_code"] = certificate_code(event.slug, person.email)
        values["certificate_issued_at"] = event.ends_at + datetime.timedelta(days=3)
    return values, registered_at


def load_event(programme, series, topics, organisations, data) -> Event:
    time_zone = data["time_zone"]
    starts_at, ends_at = zoned(time_zone, data["start"]), zoned(time_zone, data["end"])
    if "registration" in data:
        opens_at, closes_at = (zoned(time_zone, parts) for parts in data["registration"])
    else:
        opens_at, closes_at = starts_at - datetime.timedelta(weeks=6), starts_at - datetime.timedelta(days=2)
    online = data["format"] != Event.Format.IN_PERSON
    event = upsert(
        Event,
        {"slug": data["slug"]},
        {
            "title": data["title"],
            "series": series.get(data.get("series")),
            "programme": programme,
            "kind": data["kind"],
            "format": data["format"],
            "status": Event.Status.PUBLISHED,
            "description": data.get("description", ""),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "time_zone": time_zone,
            "venue": data.get("venue", ""),
            "city": data.get("city", ""),
            "country": data.get("country", ""),
            "online_url": f"https://meet.example.org/unidir/{data['slug']}" if online else "",
            "languages": data["languages"],
            "target_audience": data["target_audience"],
            "admission": data["admission"],
            "eligible_organisation_kinds": data.get("eligible_organisation_kinds", []),
            "eligible_country_groups": data.get("eligible_country_groups", []),
            "capacity": data["capacity"],
            "offer_hours": data.get("offer_hours"),
            "registration_opens_at": opens_at,
            "registration_closes_at": closes_at,
            **data.get("translations", {}),
            **translated("target_audience", AUDIENCES.get(data["target_audience"], ())),
            **translated("city", CITIES.get(data.get("city", ""), ())),
        },
    )
    event.topics.set([topics[slug] for slug in data["topics"]])
    event.partners.set([organisations[key] for key in data.get("partners", [])])
    for start, end, title, speakers in data.get("agenda", []):
        profile = speaker_profile(speakers)
        item = upsert(
            AgendaItem,
            {"event": event, "title": title},
            {
                "starts_at": zoned(time_zone, start),
                "ends_at": zoned(time_zone, end),
                "speaker_names": "" if profile else speakers,
                **translated("title", AGENDA_ITEMS.get(title, ())),
            },
        )
        if profile:
            item.speakers.add(profile)
    return event


def save_participant(person: PersonSpec, saved: dict[str, Participant]) -> Participant:
    if person.email not in saved:
        saved[person.email] = upsert(
            Participant,
            {"email": person.email},
            {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "country": person.country,
                "organisation": person.organisation,
                "organisation_kind": person.organisation_kind,
                "job_title": person.job_title,
                "gender": person.gender,
                "consented_at": person.consented_at,
            },
            created_at=person.consented_at,
        )
    return saved[person.email]


def load_events(programme, topics, organisations) -> dict[str, Event]:
    series = {
        slug: upsert(EventSeries, {"slug": slug}, {"name": name, "description": description, "programme": programme})
        for slug, name, description in EVENT_SERIES
    }
    generator = PeopleGenerator(rng=random.Random(SEED))  # noqa: S311 - reproducible demo data, not secrets
    cohorts: dict[str, list[PersonSpec]] = {}
    saved: dict[str, Participant] = {}
    events = {}
    for data in EVENTS:
        event = load_event(programme, series, topics, organisations, data)
        people = data["people"]
        rng = random.Random(f"{SEED}:{event.slug}")  # noqa: S311 - reproducible demo data, not secrets
        if people["cohort"] not in cohorts:
            earlier = list(generator.people)
            cohorts[people["cohort"]] = generator.cohort(people["cohort"], event)
            # Some people come back: the conference welcomes participants of earlier activities.
            cohorts[people["cohort"]] += rng.sample(earlier, people.get("returning", 0))
        cohort = cohorts[people["cohort"]]
        attendees = rng.sample(cohort, people["count"]) if "count" in people else cohort
        registered = sorted(
            ((person, *registration_values(event, people, person, rng)) for person in attendees),
            key=lambda row: (row[2], row[0].email),
        )
        for place, (person, values, registered_at) in enumerate(registered):
            if people.get("queue") and place >= event.capacity:
                # Seats go first come, first served: those who came after the last seat wait.
                values = {"status": Registration.Status.WAITLISTED, "decided_at": values["decided_at"]}
            values["queued_at"] = registered_at
            participant = save_participant(person, saved)
            upsert(Registration, {"event": event, "participant": participant}, values, created_at=registered_at)
        events[event.slug] = event
    return events
