"""The demo programme: SecTec itself, its topics, partners, information resources and the 2023
mapping exercise, as the reference letter describes them."""

import datetime

from programmes.models import InformationResource, MappingExercise, Organisation, Programme, Topic
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.models import OrganisationKind

from .common import upsert
from .translations import translated

PROGRAMME = {
    "name": "Security and Technology Programme",
    "short_name": "SecTec",
    "name_in_text": "the UNIDIR Security and Technology Programme",
    "head_name": "Giacomo Persi Paoli",
    "head_title": "Head of Programme, Security & Technology",
    "website": "https://www.unidir.org",
    "area_of_work": "international ICT security",
    "description": (
        "The Security and Technology Programme develops and delivers UNIDIR's capacity-building activities "
        "in the context of international ICT security, in line with the Institute's mandate to promote the "
        "informed participation of all States in disarmament efforts. Its work targets specialized audiences "
        "and pursues two objectives, knowledge-building and disseminating research, through research, "
        "participatory learning activities and facilitated access to information."
    ),
}

# (slug, name, kind, order). The pillars follow the order of the OEWG (2021–2025) agenda items.
TOPICS = [
    ("existing-and-potential-threats", "Threats", Topic.Kind.PILLAR, 1),
    ("norms", "Norms", Topic.Kind.PILLAR, 2),
    ("international-law", "International law", Topic.Kind.PILLAR, 3),
    ("confidence-building-measures", "Confidence-building measures", Topic.Kind.PILLAR, 4),
    ("capacity-building", "Capacity-building", Topic.Kind.PILLAR, 5),
    ("regular-institutional-dialogue", "Regular institutional dialogue", Topic.Kind.PILLAR, 6),
    ("cyber-policy", "Cyber policy", Topic.Kind.THEME, 0),
    ("artificial-intelligence", "Artificial intelligence", Topic.Kind.THEME, 1),
    ("critical-infrastructure", "Critical infrastructure", Topic.Kind.THEME, 2),
    ("subsea-cables", "Subsea communications cables", Topic.Kind.THEME, 3),
    ("cybercrime", "Cybercrime and terrorist use of ICTs", Topic.Kind.THEME, 4),
    ("attribution", "Attribution of ICT incidents", Topic.Kind.THEME, 5),
    ("supply-chain-security", "ICT supply chain security", Topic.Kind.THEME, 6),
    ("cyber-crisis-management", "Cyber crisis management", Topic.Kind.THEME, 7),
    ("gender", "Gender and international ICT security", Topic.Kind.THEME, 8),
]
PILLARS = [slug for slug, _name, kind, _order in TOPICS if kind == Topic.Kind.PILLAR]
# The pillars and the themes the upcoming events name, in the other five languages (UN usage).
TOPIC_TRANSLATIONS = {
    "existing-and-potential-threats": ("Menaces", "Amenazas", "Угрозы", "威胁", "التهديدات"),
    "norms": ("Normes", "Normas", "Нормы", "规范", "القواعد"),
    "international-law": (
        "Droit international",
        "Derecho internacional",
        "Международное право",
        "国际法",
        "القانون الدولي",
    ),
    "confidence-building-measures": (
        "Mesures de confiance",
        "Medidas de fomento de la confianza",
        "Меры укрепления доверия",
        "建立信任措施",
        "تدابير بناء الثقة",
    ),
    "capacity-building": (
        "Renforcement des capacités",
        "Creación de capacidad",
        "Наращивание потенциала",
        "能力建设",
        "بناء القدرات",
    ),
    "regular-institutional-dialogue": (
        "Dialogue institutionnel régulier",
        "Diálogo institucional periódico",
        "Регулярный институциональный диалог",
        "定期机构对话",
        "الحوار المؤسسي المنتظم",
    ),
    "artificial-intelligence": (
        "Intelligence artificielle",
        "Inteligencia artificial",
        "Искусственный интеллект",
        "人工智能",
        "الذكاء الاصطناعي",
    ),
    "critical-infrastructure": (
        "Infrastructures critiques",
        "Infraestructura crítica",
        "Критическая инфраструктура",
        "关键基础设施",
        "البنية التحتية الحيوية",
    ),
}

# (acronym, name, kind, country, website)
ORGANISATIONS = [
    ("UNODA", "Office for Disarmament Affairs", OrganisationKind.UN_ENTITY, "US", "https://disarmament.unoda.org"),
    (
        "UNITAR",
        "United Nations Institute for Training and Research",
        OrganisationKind.UN_ENTITY,
        "CH",
        "https://unitar.org",
    ),
    (
        "ASEAN",
        "Association of Southeast Asian Nations",
        OrganisationKind.REGIONAL_ORGANISATION,
        "ID",
        "https://asean.org",
    ),
    ("OAS", "Organization of American States", OrganisationKind.REGIONAL_ORGANISATION, "US", "https://www.oas.org"),
    ("AUC", "African Union Commission", OrganisationKind.REGIONAL_ORGANISATION, "ET", "https://au.int"),
    (
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        OrganisationKind.REGIONAL_ORGANISATION,
        "AT",
        "https://www.osce.org",
    ),
    (
        "PIFS",
        "Pacific Islands Forum Secretariat",
        OrganisationKind.REGIONAL_ORGANISATION,
        "FJ",
        "https://www.forumsec.org",
    ),
    # The GFCE is a not-for-profit foundation run by its multi-stakeholder membership, not a treaty body.
    ("GFCE", "Global Forum on Cyber Expertise", OrganisationKind.CIVIL_SOCIETY, "NL", "https://thegfce.org"),
    ("", "Microsoft", OrganisationKind.PRIVATE_SECTOR, "US", "https://www.microsoft.com"),
]

INFORMATION_RESOURCES = [
    {
        "name": "Cyber Policy Portal",
        "kind": InformationResource.Kind.PORTAL,
        "url": "https://cyberpolicyportal.org",
        "languages": list(UNLanguage.values),
        "partners": [],
        "topics": ["norms", "international-law", "confidence-building-measures", "capacity-building"],
        "description": (
            "An online reference tool mapping the cyber policy landscape of every United Nations Member State "
            "and of the intergovernmental organizations working on ICT security, in all UN official languages."
        ),
    },
    {
        "name": "Cyber Policy Database",
        "kind": InformationResource.Kind.DATABASE,
        "url": "",
        "languages": ["en"],
        "partners": [],
        "topics": ["norms", "international-law", "capacity-building"],
        "description": (
            "The structured database behind the portal: national strategies, legislation, doctrines and "
            "positions on international law, kept up to date and searchable."
        ),
    },
    {
        "name": "Cybil Portal",
        "kind": InformationResource.Kind.DATA_SHARING,
        "url": "https://cybilportal.org",
        "languages": ["en"],
        "partners": ["GFCE"],
        "topics": ["capacity-building"],
        "description": (
            "Collaboration and data sharing with the Cybil Portal of the Global Forum on Cyber Expertise, the "
            "knowledge portal on international cyber capacity-building projects."
        ),
    },
]

MAPPING_EXERCISE = {
    "reference": "ODA/2023-00042/ICT-Mapping Exercise",
    "title": "Mapping of ICT capacity-building programmes and initiatives",
    "requesting_entity": "UNODA",
    "addressees": "Ms. Browning, Ms. Prizeman",
    "received_on": datetime.date(2023, 10, 18),
    "due_on": datetime.date(2023, 11, 17),
    "period_start": datetime.date(2022, 1, 1),
    "period_end": datetime.date(2023, 12, 31),
    "publications_since": datetime.date(2019, 1, 1),
    "scope": (
        "The landscape of information and communications technologies (ICT) capacity-building programmes and "
        "initiatives within and outside the United Nations (UN) at the global and regional levels."
    ),
}


def load_programme() -> Programme:
    values = {key: value for key, value in PROGRAMME.items() if key != "short_name"}
    return upsert(Programme, {"short_name": PROGRAMME["short_name"]}, values)


def load_topics() -> dict[str, Topic]:
    return {
        slug: upsert(
            Topic,
            {"slug": slug},
            {
                "name": name,
                "kind": kind,
                "order": order,
                **translated("name", TOPIC_TRANSLATIONS.get(slug, ())),
            },
        )
        for slug, name, kind, order in TOPICS
    }


# The reference letter names these by their full name ("Cybil Portal of Global Forum on Cyber Expertise").
NAMED_IN_FULL = {"GFCE"}


def load_organisations() -> dict[str, Organisation]:
    organisations = {}
    for acronym, name, kind, country, website in ORGANISATIONS:
        values = {"acronym": acronym, "kind": kind, "country": country, "website": website}
        organisation = upsert(
            Organisation, {"name": name}, {**values, "known_by_acronym": acronym not in NAMED_IN_FULL}
        )
        organisations[acronym or name] = organisation
    return organisations


def load_information_resources(programme, topics, organisations) -> dict[str, InformationResource]:
    resources = {}
    for data in INFORMATION_RESOURCES:
        resource = upsert(
            InformationResource,
            {"name": data["name"]},
            {
                "kind": data["kind"],
                "programme": programme,
                "url": data["url"],
                "languages": data["languages"],
                "description": data["description"],
            },
        )
        resource.partners.set([organisations[key] for key in data["partners"]])
        resource.topics.set([topics[slug] for slug in data["topics"]])
        resources[resource.name] = resource
    return resources


def load_mapping_exercise(programme, organisations) -> MappingExercise:
    values = {key: value for key, value in MAPPING_EXERCISE.items() if key not in {"reference", "requesting_entity"}}
    return upsert(
        MappingExercise,
        {"reference": MAPPING_EXERCISE["reference"]},
        {**values, "programme": programme, "requesting_entity": organisations[MAPPING_EXERCISE["requesting_entity"]]},
    )
