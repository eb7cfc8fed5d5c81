"""Demo data: the Security and Technology Programme as UNIDIR's reply to the 2023 ICT mapping exercise
describes it (shared/reference/000_...txt), plus the OEWG edited volume (shared/reference/004_...txt).

`load_demo()` builds it in one transaction and is idempotent: every row is found by a natural key
(slug, email, reference, name) and saved only when a value differs, so a second run changes nothing,
not even the audit history. Generated people come from `random.Random` with fixed seeds and curated
name lists; there is no Faker, because the runtime image has no test dependencies.
"""

import datetime
import hashlib
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django_countries import countries
from djmoney.money import Money

from donors.models import Contribution, Donor, ExchangeRate
from donors.selectors import donors_by_funding_type
from events.models import AgendaItem, Event, EventSeries, Participant, Registration
from programmes.models import InformationResource, MappingExercise, Organisation, Programme, Topic
from publications.models import Authorship, Contributor, Publication, Translation
from unidir_cb import country_groupings
from unidir_cb.models import OrganisationKind, UNLanguage

# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


def codes(text: str) -> list[str]:
    """ISO 3166 country codes written as one string, which keeps long lists readable."""
    return text.split()


PROGRAMME = {
    "name": "Security and Technology Programme",
    "short_name": "SecTec",
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

# "First Last": (first name, last name, honorific, affiliation)
CONTRIBUTORS = {
    "Samuele Dominioni": ("Samuele", "Dominioni", "Dr", "UNIDIR"),
    "Giacomo Persi Paoli": ("Giacomo", "Persi Paoli", "Dr", "UNIDIR"),
    "Andraz Kastelic": ("Andraz", "Kastelic", "", "UNIDIR"),
    "Camino Kavanagh": ("Camino", "Kavanagh", "Dr", "UNIDIR"),
    "Nadia Haddad": ("Nadia", "Haddad", "Dr", "UNIDIR"),
    "Tomás Ribeiro": ("Tomás", "Ribeiro", "", "UNIDIR"),
    "Akosua Boateng": ("Akosua", "Boateng", "Dr", "UNIDIR"),
    "Elena Sokolova": ("Elena", "Sokolova", "", "UNIDIR"),
    "Priya Raman": ("Priya", "Raman", "Dr", "UNIDIR"),
    "Jonas Keller": ("Jonas", "Keller", "", "UNIDIR"),
    "Mariana Castillo": ("Mariana", "Castillo", "Dr", "UNIDIR"),
    "Kenji Watanabe": ("Kenji", "Watanabe", "", "UNIDIR"),
    "Léa Fontaine": ("Léa", "Fontaine", "", "UNIDIR"),
    "Amir Rahimi": ("Amir", "Rahimi", "Dr", "UNIDIR"),
}

R = Publication.Kind

# The six research papers the 2023 letter names, in its order and with its exact wording; where the
# letter has a colon the text after it is the subtitle, so that full_title reproduces the letter.
LETTER_EXAMPLE_PAPERS = [
    {
        "title": "International Cooperation to Mitigate Cyber Operations Against Critical Infrastructure",
        "subtitle": "",
        "kind": R.RESEARCH_PAPER,
        "published_on": datetime.date(2021, 3, 15),
        "authors": ["Andraz Kastelic"],
        "topics": ["norms", "critical-infrastructure", "confidence-building-measures"],
        "abstract": (
            "Examines the norm urging States to respond to other States' requests for assistance or mitigation "
            "when critical infrastructure is the target of malicious ICT acts, and the emerging good practices "
            "for putting it into effect."
        ),
        "translations": {
            "ar": "التعاون الدولي للتخفيف من العمليات الإلكترونية التي تمس البنية التحتية الحيوية",
            "zh": "通过国际合作减少针对关键基础设施的网络行动",
            "es": "Cooperación internacional para mitigar las operaciones cibernéticas contra la infraestructura "
            "crítica",
        },
    },
    {
        "title": "Non-Escalatory Attribution of International Cyber Incidents",
        "subtitle": "Facts, International Law and Politics",
        "kind": R.RESEARCH_PAPER,
        "published_on": datetime.date(2022, 5, 16),
        "authors": ["Andraz Kastelic"],
        "topics": ["norms", "attribution", "international-law"],
        "abstract": (
            "Attribution has technical, legal and political sides. The paper reads each of them through the "
            "normative expectations of responsible State behaviour and suggests how to operationalize the norm "
            "on considering all relevant information before attributing an ICT incident."
        ),
        "translations": {
            "fr": "L'attribution non escalatoire des incidents cyber internationaux : faits, droit international "
            "et politique",
            "es": "Atribución no escalatoria de incidentes cibernéticos internacionales: hechos, derecho "
            "internacional y política",
            "ru": "Неэскалационная атрибуция международных киберинцидентов: факты, международное право и политика",
        },
    },
    {
        "title": "A Taxonomy of Cyber Incidents",
        "subtitle": "",
        "kind": R.RESEARCH_PAPER,
        "published_on": datetime.date(2022, 7, 25),
        "authors": ["Samuele Dominioni", "Giacomo Persi Paoli"],
        "topics": ["existing-and-potential-threats", "confidence-building-measures"],
        "abstract": (
            "An easy-to-read tool for analysing malicious ICT incidents, meant to build a common baseline of "
            "knowledge and to support information-sharing between States."
        ),
        "translations": {
            "ar": "تصنيف الحوادث السيبرانية",
            "zh": "网络事件分类",
            "fr": "Une taxonomie des incidents cyber",
            "ru": "Таксономия киберинцидентов",
            "es": "Una taxonomía de los incidentes cibernéticos",
        },
    },
    {
        "title": "Enhancing Cooperation to Address Criminal and Terrorist Use of ICTs",
        "subtitle": "",
        "kind": R.RESEARCH_PAPER,
        "published_on": datetime.date(2022, 3, 28),
        "authors": ["Samuele Dominioni"],
        "topics": ["norms", "cybercrime"],
        "abstract": (
            "Identifies the challenges States face when cooperating against criminal and terrorist use of ICTs, "
            "in particular information exchange and electronic evidence, and proposes actionable options."
        ),
        "translations": {},
    },
    {
        "title": "Due diligence in Cyberspace",
        "subtitle": "Normative Expectations of Reciprocal Protection of International Legal Rights",
        "kind": R.RESEARCH_PAPER,
        "published_on": datetime.date(2021, 10, 11),
        "authors": ["Andraz Kastelic"],
        "topics": ["norms", "international-law"],
        "abstract": (
            "What States expect of one another when their territory is used for internationally wrongful acts "
            "using ICTs: the norm, its relation to international law and the practice that gives it content."
        ),
        "translations": {
            "fr": "La diligence requise dans le cyberespace : attentes normatives de protection réciproque des "
            "droits reconnus par le droit international",
            "es": "La diligencia debida en el ciberespacio: expectativas normativas de protección recíproca de los "
            "derechos reconocidos por el derecho internacional",
        },
    },
    {
        "title": "Wading Murky Waters",
        "subtitle": "Subsea Communications Cables and Responsible State Behaviour",
        "kind": R.RESEARCH_PAPER,
        "published_on": datetime.date(2023, 3, 9),
        "authors": ["Camino Kavanagh"],
        "topics": ["subsea-cables", "critical-infrastructure", "norms"],
        "abstract": (
            "Subsea communications cables carry almost all intercontinental data. The study reviews the risks "
            "to them, the rules that govern them and what responsible State behaviour means for their security."
        ),
        "translations": {
            "fr": "Naviguer en eaux troubles : les câbles de communication sous-marins et le comportement "
            "responsable des États",
        },
    },
]

# The rest of the SecTec catalogue: spread over 2017–2025 so that "since 2019" means something.
OTHER_PUBLICATIONS = [
    (
        "The United Nations, Cyberspace and International Peace and Security",
        "Responding to Complexity in the 21st Century",
        R.REPORT,
        (2017, 11, 2),
        ["Camino Kavanagh"],
        ["norms", "regular-institutional-dialogue"],
    ),
    (
        "Cyber Stability Conference 2018",
        "Summary Report",
        R.REPORT,
        (2018, 9, 14),
        ["Jonas Keller"],
        ["norms", "confidence-building-measures"],
    ),
    (
        "Regional Organizations and Cyber Confidence-Building",
        "A Stocktake",
        R.BRIEF,
        (2019, 3, 20),
        ["Kenji Watanabe"],
        ["confidence-building-measures", "cyber-policy", "existing-and-potential-threats"],
    ),
    (
        "Cyber Stability Conference 2019",
        "Strengthening Global Engagement",
        R.REPORT,
        (2019, 7, 5),
        ["Jonas Keller", "Giacomo Persi Paoli"],
        ["norms", "capacity-building", "cyber-policy", "international-law"],
    ),
    (
        "Norms of Responsible State Behaviour in Cyberspace",
        "An Introductory Guide",
        R.BRIEF,
        (2019, 10, 1),
        ["Léa Fontaine"],
        ["norms", "cyber-policy"],
    ),
    (
        "Cyber Policy Portal",
        "User Guide",
        R.TOOL,
        (2019, 12, 9),
        ["Elena Sokolova"],
        ["capacity-building", "cyber-policy"],
    ),
    (
        "Integrity of the ICT Supply Chain",
        "Normative Expectations and Practice",
        R.RESEARCH_PAPER,
        (2020, 2, 24),
        ["Priya Raman"],
        ["norms", "supply-chain-security", "existing-and-potential-threats"],
    ),
    (
        "The OEWG 2019–2021 in Brief",
        "Where States Agree and Where They Differ",
        R.BRIEF,
        (2020, 5, 18),
        ["Samuele Dominioni"],
        ["regular-institutional-dialogue", "cyber-policy"],
    ),
    (
        "Health-Care Infrastructure in a Pandemic",
        "What the Norms Say",
        R.COMMENTARY,
        (2020, 6, 2),
        ["Nadia Haddad"],
        ["critical-infrastructure", "norms", "cyber-policy", "existing-and-potential-threats"],
    ),
    (
        "Operationalizing the Norms of Responsible State Behaviour in Cyberspace",
        "Summary of the 2020 Online Seminar Series",
        R.REPORT,
        (2020, 12, 7),
        ["Andraz Kastelic", "Léa Fontaine"],
        ["norms", "cyber-policy", "international-law"],
    ),
    (
        "Protecting Computer Emergency Response Teams",
        "Norms in Practice",
        R.RESEARCH_PAPER,
        (2020, 12, 14),
        ["Tomás Ribeiro"],
        ["norms", "cyber-crisis-management", "international-law", "existing-and-potential-threats"],
    ),
    (
        "Gender Perspectives in International Cyber Policy",
        "",
        R.RESEARCH_PAPER,
        (2021, 4, 26),
        ["Akosua Boateng", "Mariana Castillo"],
        ["gender", "capacity-building"],
    ),
    (
        "Mapping the Cyber Capacity-Building Landscape",
        "Who Does What, Where",
        R.BRIEF,
        (2021, 6, 14),
        ["Nadia Haddad"],
        ["capacity-building", "cyber-policy"],
    ),
    (
        "Confidence-Building Measures in Cyberspace",
        "A Regional Stocktake",
        R.BRIEF,
        (2021, 8, 30),
        ["Kenji Watanabe"],
        ["confidence-building-measures", "cyber-policy"],
    ),
    (
        "Multi-Stakeholder Dialogues on the Norms of Responsible State Behaviour",
        "Summary of Discussions",
        R.REPORT,
        (2021, 12, 6),
        ["Andraz Kastelic"],
        ["norms", "cyber-policy", "international-law"],
    ),
    (
        "Navigating the OEWG 2021–2025",
        "A Guide for Delegations",
        R.BRIEF,
        (2022, 2, 21),
        ["Samuele Dominioni", "Amir Rahimi"],
        [*PILLARS, "cyber-policy"],
    ),
    (
        "Regional Cyber Crisis Management",
        "Lessons from Table-Top Exercises with ASEAN and the OAS",
        R.REPORT,
        (2022, 12, 12),
        ["Tomás Ribeiro", "Kenji Watanabe"],
        ["cyber-crisis-management", "confidence-building-measures", "cyber-policy", "existing-and-potential-threats"],
    ),
    (
        "Cyber Crisis Simulation Toolkit",
        "",
        R.TOOL,
        (2022, 11, 7),
        ["Tomás Ribeiro"],
        ["cyber-crisis-management", "cyber-policy", "existing-and-potential-threats"],
    ),
    (
        "Artificial Intelligence and ICT Security",
        "Issues for Multilateral Discussion",
        R.BRIEF,
        (2023, 2, 13),
        ["Priya Raman", "Giacomo Persi Paoli"],
        ["artificial-intelligence", "existing-and-potential-threats", "cyber-policy"],
    ),
    (
        "Cyber Stability Conference 2023",
        "Rights and Responsibilities under the UN Charter",
        R.REPORT,
        (2023, 9, 18),
        ["Akosua Boateng"],
        ["international-law", "cyber-policy"],
    ),
    (
        "Points of Contact in Practice",
        "Options for a Global Directory",
        R.RESEARCH_PAPER,
        (2023, 6, 26),
        ["Elena Sokolova"],
        ["confidence-building-measures", "international-law"],
    ),
    (
        "Capacity-Building Principles in Practice",
        "Lessons from National Experiences",
        R.COMMENTARY,
        (2023, 11, 6),
        ["Nadia Haddad"],
        ["capacity-building", "cyber-policy"],
    ),
    (
        "The Future Permanent Mechanism on ICT Security",
        "Options for Its Modalities",
        R.BRIEF,
        (2024, 4, 15),
        ["Amir Rahimi"],
        ["regular-institutional-dialogue"],
    ),
    (
        "AI-Enabled Cyber Operations Against Critical Infrastructure",
        "",
        R.RESEARCH_PAPER,
        (2024, 10, 21),
        ["Priya Raman", "Jonas Keller"],
        ["artificial-intelligence", "critical-infrastructure"],
    ),
    (
        "After the Convention against Cybercrime",
        "What Changes for International Security",
        R.COMMENTARY,
        (2025, 3, 3),
        ["Samuele Dominioni"],
        ["cybercrime", "international-law"],
    ),
]

OTHER_TRANSLATIONS = {
    "Navigating the OEWG 2021–2025": {
        "fr": "Le GTCNL 2021-2025 : guide à l'intention des délégations",
        "es": "El GTCA 2021-2025: guía para las delegaciones",
        "ru": "РГОС 2021–2025: руководство для делегаций",
    },
}

OEWG_VOLUME = {
    "slug": "unpacking-the-oewg-on-ict-2021-2025",
    "title": "Unpacking the United Nations Open-Ended Working Group on ICT in the Context of International "
    "Security (2021–2025)",
    "published_on": datetime.date(2026, 5, 12),
    "editors": ["Samuele Dominioni", "Giacomo Persi Paoli"],
    "topics": PILLARS,
    "abstract": (
        "A comprehensive analysis of the substantive discussions of the second and last OEWG on ICTs in the "
        "context of international security, one chapter per agenda item: how the discussions evolved, the main "
        "themes and trends, and the insights that reach beyond the agreed reports."
    ),
    # (title, authors, topics): the introduction, then one chapter per agenda item in the OEWG's order.
    "chapters": [
        ("Introduction", ["Samuele Dominioni", "Giacomo Persi Paoli"], PILLARS),
        ("Existing and Potential Threats", ["Priya Raman", "Jonas Keller"], ["existing-and-potential-threats"]),
        (
            "Rules, Norms and Principles of Responsible State Behaviour",
            ["Samuele Dominioni", "Léa Fontaine"],
            ["norms"],
        ),
        ("International Law", ["Akosua Boateng", "Mariana Castillo"], ["international-law"]),
        ("Confidence-Building Measures", ["Kenji Watanabe", "Elena Sokolova"], ["confidence-building-measures"]),
        ("Capacity-Building", ["Nadia Haddad", "Tomás Ribeiro"], ["capacity-building"]),
        ("Regular Institutional Dialogue", ["Giacomo Persi Paoli", "Amir Rahimi"], ["regular-institutional-dialogue"]),
    ],
}

# --- Events -----------------------------------------------------------------------------------

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

# Who takes part, as weights of organisation kinds.
MULTI_STAKEHOLDER = {
    OrganisationKind.GOVERNMENT: 55,
    OrganisationKind.ACADEMIA: 14,
    OrganisationKind.CIVIL_SOCIETY: 12,
    OrganisationKind.PRIVATE_SECTOR: 11,
    OrganisationKind.REGIONAL_ORGANISATION: 4,
    OrganisationKind.UN_ENTITY: 4,
}
GOVERNMENT_ONLY = {OrganisationKind.GOVERNMENT: 100}

WORLD = codes(
    "NG KE GH ZA EG MA SN CI ET RW UG TZ DZ TN CM ZM "
    "CN JP KR IN ID MY SG TH VN PH PK BD AE SA QA IR KZ FJ "
    "RU PL CZ EE RO UA RS GE AM BY "
    "BR MX AR CL CO PE CR DO JM TT UY EC "
    "US GB FR DE NL CH IT CA AU NZ SE NO ES TR"
)
AFRICAN_STATES = codes("NG KE GH ZA EG MA SN CI ET RW UG TZ DZ TN CM ZM MW BW NA MZ BJ TG")
ASIA_PACIFIC_STATES = codes("CN JP KR IN ID MY SG TH VN PH PK BD LK NP MN AE SA QA JO KH")
LATIN_AMERICAN_CARIBBEAN_STATES = codes("BR MX AR CL CO PE CR DO JM TT UY EC GT HN PA PY BO SV BB GY")
EASTERN_EUROPE_CENTRAL_ASIA_STATES = codes("RU BY AM AZ GE MD RS BA ME MK AL KZ KG UZ TJ TM")
PACIFIC_ISLAND_STATES = codes("FJ PG WS TO VU SB KI TV NR PW MH FM")
# Government representatives of Least Developed Countries and Small Island Developing States.
LDC_SIDS_STATES = codes("BD NP KH LA MM ET UG RW SN MW MZ ZM TZ HT SB KI TL TV FJ WS TO VU JM TT BB MV MU SC")
# The 2022 table-top exercises: 15 States each, 30 different countries in all.
ASEAN_TTX_STATES = codes("BN KH ID LA MY MM PH SG TH VN TL JP KR CN IN")
OAS_TTX_STATES = codes("AR BR CL CO CR DO EC GT JM MX PA PE PY TT UY")

# Populations of participants. Several events of a series draw from one cohort, so that the same people
# come back, as they do. (cohort, size, countries, organisation kinds, every country at least once)
COHORTS = {
    "norms-seminars-2020": (80, WORLD, MULTI_STAKEHOLDER, False),
    "norms-dialogues-2021": (56, WORLD, MULTI_STAKEHOLDER, False),
    "briefing-africa-2022": (22, AFRICAN_STATES, GOVERNMENT_ONLY, False),
    "briefing-asia-pacific-2022": (20, ASIA_PACIFIC_STATES, GOVERNMENT_ONLY, False),
    "briefing-latin-america-caribbean-2022": (22, LATIN_AMERICAN_CARIBBEAN_STATES, GOVERNMENT_ONLY, False),
    "briefing-eastern-europe-central-asia-2022": (18, EASTERN_EUROPE_CENTRAL_ASIA_STATES, GOVERNMENT_ONLY, False),
    "briefing-pacific-islands-2022": (14, PACIFIC_ISLAND_STATES, GOVERNMENT_ONLY, False),
    "summer-course-2022": (24, LDC_SIDS_STATES, GOVERNMENT_ONLY, False),
    "ttx-asean-2022": (28, ASEAN_TTX_STATES, GOVERNMENT_ONLY, True),
    "ttx-oas-2022": (27, OAS_TTX_STATES, GOVERNMENT_ONLY, True),
    "csc-2023": (95, WORLD, MULTI_STAKEHOLDER, False),
    "briefing-2027": (14, WORLD, MULTI_STAKEHOLDER, False),
    "training-2023": (18, WORLD, GOVERNMENT_ONLY, False),
    "training-2027": (13, WORLD, GOVERNMENT_ONLY, False),
}

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
]

# --- Donors -----------------------------------------------------------------------------------

# (name, kind, country, name takes "the"). The letter names 16 donors (6 core + 10 activity-specific)
# although its sentence says "14 donors": the names are kept as the letter lists them.
CORE_DONORS = [
    ("Czech Republic", Donor.Kind.MEMBER_STATE, "CZ", True),
    ("Germany", Donor.Kind.MEMBER_STATE, "DE", False),
    ("Italy", Donor.Kind.MEMBER_STATE, "IT", False),
    ("Netherlands", Donor.Kind.MEMBER_STATE, "NL", True),
    ("Switzerland", Donor.Kind.MEMBER_STATE, "CH", False),
    ("Microsoft", Donor.Kind.PRIVATE_SECTOR, "", False),
]
ACTIVITY_SPECIFIC_DONORS = [
    ("Australia", Donor.Kind.MEMBER_STATE, "AU", False),
    ("Canada", Donor.Kind.MEMBER_STATE, "CA", False),
    ("China", Donor.Kind.MEMBER_STATE, "CN", False),
    ("France", Donor.Kind.MEMBER_STATE, "FR", False),
    ("European Union", Donor.Kind.INTERGOVERNMENTAL, "", True),
    ("Japan", Donor.Kind.MEMBER_STATE, "JP", False),
    ("New Zealand", Donor.Kind.MEMBER_STATE, "NZ", False),
    ("Russian Federation", Donor.Kind.MEMBER_STATE, "RU", True),
    ("United Kingdom", Donor.Kind.MEMBER_STATE, "GB", True),
    ("United States", Donor.Kind.MEMBER_STATE, "US", True),
]

CORE = Contribution.FundingType.CORE
ACTIVITY = Contribution.FundingType.ACTIVITY_SPECIFIC
D = datetime.date

# What each contribution funds names events by slug, publications by title and information resources by name;
# a contribution without a received date has been signed and not yet paid.
CONTRIBUTIONS = [
    {
        "reference": "SECTEC/2022/CZ-01",
        "donor": "Czech Republic",
        "funding_type": CORE,
        "amount": ("2500000.00", "CZK"),
        "signed_on": D(2022, 3, 14),
        "received_on": D(2022, 4, 6),
        "covers": (D(2022, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/DE-01",
        "donor": "Germany",
        "funding_type": CORE,
        "amount": ("600000.00", "EUR"),
        "signed_on": D(2022, 2, 10),
        "received_on": D(2022, 3, 1),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
    },
    {
        "reference": "SECTEC/2023/DE-01",
        "donor": "Germany",
        "funding_type": CORE,
        "amount": ("650000.00", "EUR"),
        "signed_on": D(2023, 2, 8),
        "received_on": D(2023, 3, 2),
        "covers": (D(2023, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/IT-01",
        "donor": "Italy",
        "funding_type": CORE,
        "amount": ("200000.00", "EUR"),
        "signed_on": D(2022, 6, 20),
        "received_on": D(2022, 7, 15),
        "covers": (D(2022, 7, 1), D(2023, 6, 30)),
    },
    {
        "reference": "SECTEC/2022/NL-01",
        "donor": "Netherlands",
        "funding_type": CORE,
        "amount": ("900000.00", "EUR"),
        "signed_on": D(2022, 1, 20),
        "received_on": D(2022, 2, 14),
        "covers": (D(2022, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/CH-01",
        "donor": "Switzerland",
        "funding_type": CORE,
        "amount": ("400000.00", "CHF"),
        "signed_on": D(2022, 1, 27),
        "received_on": D(2022, 2, 21),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
    },
    {
        "reference": "SECTEC/2023/CH-01",
        "donor": "Switzerland",
        "funding_type": CORE,
        "amount": ("400000.00", "CHF"),
        "signed_on": D(2023, 1, 26),
        "received_on": D(2023, 2, 20),
        "covers": (D(2023, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/MS-01",
        "donor": "Microsoft",
        "funding_type": CORE,
        "amount": ("250000.00", "USD"),
        "signed_on": D(2022, 3, 30),
        "received_on": D(2022, 4, 20),
        "covers": (D(2022, 4, 1), D(2023, 3, 31)),
    },
    {
        "reference": "SECTEC/2023/MS-01",
        "donor": "Microsoft",
        "funding_type": CORE,
        "amount": ("250000.00", "USD"),
        "signed_on": D(2023, 4, 3),
        "received_on": None,
        "covers": (D(2023, 4, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/AU-01",
        "donor": "Australia",
        "funding_type": ACTIVITY,
        "amount": ("180000.00", "AUD"),
        "signed_on": D(2022, 5, 9),
        "received_on": D(2022, 6, 1),
        "covers": (D(2022, 6, 1), D(2023, 9, 30)),
        "events": ["oewg-regional-briefing-pacific-islands-2022", "cyber-stability-conference-2023"],
    },
    {
        "reference": "SECTEC/2022/CA-01",
        "donor": "Canada",
        "funding_type": ACTIVITY,
        "amount": ("150000.00", "CAD"),
        "signed_on": D(2022, 2, 15),
        "received_on": D(2022, 3, 10),
        "covers": (D(2022, 2, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-latin-america-caribbean-2022"],
    },
    {
        "reference": "SECTEC/2022/CN-01",
        "donor": "China",
        "funding_type": ACTIVITY,
        "amount": ("700000.00", "CNY"),
        "signed_on": D(2022, 2, 22),
        "received_on": D(2022, 3, 18),
        "covers": (D(2022, 2, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-asia-pacific-2022"],
    },
    {
        "reference": "SECTEC/2022/FR-01",
        "donor": "France",
        "funding_type": ACTIVITY,
        "amount": ("120000.00", "EUR"),
        "signed_on": D(2022, 1, 18),
        "received_on": D(2022, 2, 8),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-africa-2022"],
        "publications": ["Navigating the OEWG 2021–2025"],
    },
    {
        "reference": "SECTEC/2022/EU-01",
        "donor": "European Union",
        "funding_type": ACTIVITY,
        "amount": ("450000.00", "EUR"),
        "signed_on": D(2022, 6, 2),
        "received_on": D(2022, 7, 4),
        "covers": (D(2022, 6, 1), D(2023, 5, 31)),
        "events": ["ttx-regional-cyber-crisis-management-asean-2022", "ttx-regional-cyber-crisis-management-oas-2022"],
        "publications": ["Regional Cyber Crisis Management", "Cyber Crisis Simulation Toolkit"],
        "resources": ["Cyber Policy Portal"],
    },
    {
        "reference": "SECTEC/2022/JP-01",
        "donor": "Japan",
        "funding_type": ACTIVITY,
        "amount": ("25000000.00", "JPY"),
        "signed_on": D(2022, 3, 25),
        "received_on": D(2022, 4, 19),
        "covers": (D(2022, 4, 1), D(2023, 3, 31)),
        "events": ["unitar-unidir-summer-course-2022"],
    },
    {
        "reference": "SECTEC/2022/NZ-01",
        "donor": "New Zealand",
        "funding_type": ACTIVITY,
        "amount": ("90000.00", "NZD"),
        "signed_on": D(2022, 4, 12),
        "received_on": D(2022, 5, 6),
        "covers": (D(2022, 4, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-pacific-islands-2022"],
    },
    {
        "reference": "SECTEC/2022/RU-01",
        "donor": "Russian Federation",
        "funding_type": ACTIVITY,
        "amount": ("100000.00", "USD"),
        "signed_on": D(2022, 2, 3),
        "received_on": D(2022, 2, 24),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-eastern-europe-central-asia-2022"],
    },
    {
        "reference": "SECTEC/2022/GB-01",
        "donor": "United Kingdom",
        "funding_type": ACTIVITY,
        "amount": ("150000.00", "GBP"),
        "signed_on": D(2022, 9, 14),
        "received_on": D(2022, 10, 5),
        "covers": (D(2022, 10, 1), D(2023, 9, 30)),
        "publications": ["Wading Murky Waters"],
    },
    {
        "reference": "SECTEC/2023/US-01",
        "donor": "United States",
        "funding_type": ACTIVITY,
        "amount": ("300000.00", "USD"),
        "signed_on": D(2023, 1, 19),
        "received_on": D(2023, 2, 9),
        "covers": (D(2023, 1, 1), D(2023, 12, 31)),
        "events": ["cyber-stability-conference-2023"],
        "resources": ["Cyber Policy Portal"],
    },
]

# UN operational rates of exchange: units per US dollar, January 2022 to December 2023 (rounded as the
# UN Treasury publishes them). USD itself has the rate 1 by definition and is not stored.
EXCHANGE_RATES = {
    "EUR": "0.881 0.883 0.893 0.909 0.943 0.947 0.955 0.980 1.003 1.018 1.015 0.957 "
    "0.935 0.919 0.937 0.920 0.905 0.928 0.918 0.899 0.918 0.944 0.945 0.918",
    "CHF": "0.918 0.921 0.924 0.930 0.958 0.975 0.956 0.963 0.957 0.985 0.991 0.946 "
    "0.925 0.915 0.930 0.917 0.894 0.906 0.893 0.875 0.880 0.906 0.905 0.880",
    "CZK": "21.50 21.60 21.90 22.80 23.40 23.20 23.60 24.10 24.70 25.10 24.80 23.20 "
    "22.60 22.00 22.30 21.70 21.20 21.90 21.90 21.60 22.30 22.90 23.00 22.40",
    "AUD": "1.370 1.400 1.390 1.340 1.410 1.410 1.460 1.440 1.470 1.530 1.570 1.490 "
    "1.470 1.410 1.490 1.490 1.510 1.530 1.490 1.490 1.540 1.550 1.580 1.520",
    "CAD": "1.260 1.270 1.270 1.250 1.280 1.280 1.300 1.280 1.310 1.380 1.360 1.350 "
    "1.360 1.340 1.360 1.370 1.360 1.350 1.320 1.320 1.350 1.360 1.370 1.360",
    "CNY": "6.370 6.360 6.320 6.370 6.650 6.690 6.700 6.750 6.910 7.120 7.300 6.980 "
    "6.900 6.740 6.960 6.870 6.920 7.100 7.250 7.130 7.280 7.300 7.180 7.100",
    "JPY": "115.10 115.00 115.90 121.90 130.60 128.00 135.60 133.60 138.90 144.50 148.10 139.30 "
    "132.50 130.10 135.80 132.60 136.00 140.30 144.30 141.90 146.20 149.00 150.20 147.20",
    "NZD": "1.460 1.500 1.490 1.440 1.550 1.560 1.620 1.590 1.620 1.740 1.740 1.620 "
    "1.570 1.550 1.620 1.600 1.620 1.650 1.620 1.600 1.690 1.680 1.710 1.640",
    "GBP": "0.741 0.739 0.743 0.759 0.795 0.809 0.839 0.825 0.858 0.906 0.877 0.830 "
    "0.830 0.809 0.830 0.808 0.800 0.805 0.787 0.778 0.795 0.822 0.822 0.795",
}
EXCHANGE_RATE_FIRST_MONTH = datetime.date(2022, 1, 1)

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

# --- People -----------------------------------------------------------------------------------

# Name pools: female and male first names, family names (with the feminine forms where the language
# has them, in the same order).
NAME_POOLS = {
    "hispanic": {
        "female": "María, Ana Lucía, Camila, Valentina, Gabriela, Lucía, Daniela, Carolina, Fernanda, Paola, Isabel",
        "male": "José, Juan Carlos, Diego, Alejandro, Carlos, Andrés, Luis, Javier, Mateo, Santiago, Ricardo, Felipe",
        "last": "García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres, Flores, "
        "Rivera, Gómez, Díaz, Vargas, Castillo, Morales, Ortega, Rojas, Mendoza",
    },
    "lusophone": {
        "female": "Ana, Beatriz, Juliana, Mariana, Fernanda, Larissa, Inês, Joana, Luísa",
        "male": "João, Pedro, Lucas, Rafael, Tiago, Bruno, Gustavo, Nuno, Domingos",
        "last": "Silva, Santos, Oliveira, Souza, Pereira, Costa, Ferreira, Almeida, Carvalho, Ribeiro, Gomes, Martins",
    },
    "caribbean": {
        "female": "Keisha, Shanice, Natalie, Tamara, Simone, Alicia, Kerry-Ann, Danielle, Anika",
        "male": "Andre, Damion, Marlon, Kevin, Jerome, Ryan, Shane, Marcus, Dwayne",
        "last": "Campbell, Williams, Brown, Thompson, Clarke, Joseph, Charles, Baptiste, Henry, Edwards, Persad, "
        "Ramdass, Greenidge",
    },
    "haitian": {
        "female": "Marie, Nadège, Fabienne, Guerda, Rose-Carmelle, Mirlande",
        "male": "Jean, Wilner, Frantz, Réginald, Jean-Robert, Patrick",
        "last": "Jean-Baptiste, Pierre, Joseph, Saint-Louis, Desrosiers, Dorval, Étienne, Auguste",
    },
    "west_african_francophone": {
        "female": "Aminata, Fatou, Awa, Mariam, Aïssatou, Rokia, Adjoa, Clarisse",
        "male": "Moussa, Mamadou, Ibrahima, Oumar, Abdoulaye, Boubacar, Koffi, Yves",
        "last": "Diallo, Traoré, Keïta, Coulibaly, Ouédraogo, Sow, Ndiaye, Diop, Camara, Koné, Kaboré, Sawadogo, "
        "Hounkpatin, Agbodjan",
    },
    "central_african_francophone": {
        "female": "Josiane, Nadège, Clarisse, Chantal, Grâce, Solange, Hortense",
        "male": "Jean-Claude, Serge, Patrice, Thierry, Hervé, Désiré, Fidèle",
        "last": "Mbarga, Nkurunziza, Ngoma, Mbeki, Essomba, Rakotoarisoa, Ndayishimiye, Mahamat, Ateba, Randriamanana",
    },
    "west_african_anglophone": {
        "female": "Ngozi, Abena, Akua, Adaeze, Funmilayo, Chiamaka, Efua, Isatou",
        "male": "Emeka, Oluwaseun, Kwame, Kofi, Chinedu, Tunde, Yaw, Mohamed",
        "last": "Okafor, Adeyemi, Mensah, Boateng, Asante, Chukwu, Owusu, Okonkwo, Bello, Sesay, Kamara, Jallow",
    },
    "east_african": {
        "female": "Wanjiru, Grace, Fatuma, Esther, Halima, Achieng, Aline, Neema",
        "male": "Baraka, Samuel, Joseph, Daniel, Brian, Emmanuel, Jean-Paul, Juma",
        "last": "Mwangi, Otieno, Kamau, Mutua, Nakato, Uwimana, Wafula, Odhiambo, Njoroge, Mugisha, Mushi, Kiprono",
    },
    "southern_african": {
        "female": "Nomvula, Thandiwe, Chipo, Lindiwe, Tendai, Naledi, Mercy, Tsitsi",
        "male": "Mandla, Sipho, Thabo, Blessing, Tafadzwa, Chikondi, Kagiso, Kondwani",
        "last": "Dlamini, Nkosi, Moyo, Banda, Phiri, Ndlovu, Mokoena, Khumalo, Mbewe, Chirwa, Shikongo, Mwale",
    },
    "horn_of_africa": {
        "female": "Mekdes, Hiwot, Hodan, Selam, Meron, Amina",
        "male": "Tesfaye, Abdi, Yonas, Dawit, Mohamed, Mesfin",
        "last": "Tadesse, Bekele, Haile, Girma, Warsame, Abdullahi, Gebremedhin, Tesfamariam",
    },
    "maghreb": {
        "female": "Fatima, Salma, Yasmina, Imane, Amal, Nadia, Meriem",
        "male": "Mohamed, Youssef, Karim, Mehdi, Rachid, Hamza, Sofiane",
        "last": "Benali, Chaabane, El Amrani, Mansouri, Belkacem, Trabelsi, Bennani, Haddad, Ould Ahmed",
    },
    "arabic": {
        "female": "Layla, Nour, Mariam, Rania, Huda, Dina, Reem, Hala",
        "male": "Ahmed, Omar, Khaled, Tarek, Hassan, Ali, Rami, Faisal",
        "last": "El-Sayed, Mansour, Khalil, Saleh, Nasser, Hamdan, Aziz, Al-Mutairi, Al-Harthy, Farouk, Darwish, "
        "Al-Khatib",
    },
    "persian": {
        "female": "Maryam, Zahra, Parisa, Shirin, Laleh, Nilufar",
        "male": "Reza, Hossein, Amir, Farhad, Ahmad, Firuz",
        "last": "Ahmadi, Hosseini, Karimi, Rahimi, Mohammadi, Rezaei, Jafari, Sadeghi",
    },
    "turkish": {
        "female": "Elif, Ayşe, Zeynep, Selin, Defne, Leyla",
        "male": "Emre, Murat, Mehmet, Can, Burak, Elvin",
        "last": "Yılmaz, Kaya, Demir, Şahin, Çelik, Aydın, Öztürk, Aliyev",
    },
    "russian": {
        "female": "Anna, Elena, Olga, Natalia, Irina, Tatiana, Yulia, Maria, Ekaterina, Svetlana",
        "male": "Alexei, Dmitry, Sergei, Andrei, Ivan, Mikhail, Nikolai, Pavel, Vladimir, Oleg",
        "last": "Ivanov, Petrov, Smirnov, Kuznetsov, Popov, Volkov, Sokolov, Lebedev, Kozlov, Novikov",
        "last_female": "Ivanova, Petrova, Smirnova, Kuznetsova, Popova, Volkova, Sokolova, Lebedeva, Kozlova, Novikova",
    },
    "central_asian": {
        "female": "Aigerim, Dilnoza, Gulnara, Zarina, Madina, Aida",
        "male": "Nurlan, Timur, Rustam, Bekzat, Aziz, Daniyar",
        "last": "Alimov, Rakhimov, Sadykov, Yusupov, Ismailov, Sultanov",
        "last_female": "Alimova, Rakhimova, Sadykova, Yusupova, Ismailova, Sultanova",
    },
    "mongolian": {
        "female": "Oyunchimeg, Solongo, Enkhjargal, Bolormaa",
        "male": "Batbayar, Ganbold, Erdene, Tömör",
        "last": "Batsaikhan, Dorjsuren, Gantulga, Enkhbold, Tsogt",
    },
    "balkan": {
        "female": "Ana, Ivana, Maja, Katarina, Jelena, Marija, Elena",
        "male": "Marko, Luka, Petar, Nikola, Stefan, Aleksandar, Dimitar",
        "last": "Horvat, Kovačević, Marković, Petrović, Jovanović, Novak, Popović, Nikolovski, Hadžić, Georgiev",
    },
    "central_european": {
        "female": "Agnieszka, Katarzyna, Zuzana, Petra, Eszter, Lucie",
        "male": "Piotr, Tomáš, Jakub, Péter, Martin, Michał",
        "last": "Nowak, Kowalski, Novák, Svoboda, Nagy, Horváth",
        "last_female": "Nowak, Kowalska, Nováková, Svobodová, Nagy, Horváth",
    },
    "baltic": {
        "female": "Kadri, Liis, Inga, Rasa, Laura, Ieva",
        "male": "Andres, Mārtiņš, Tomas, Jonas, Kristjan, Rolands",
        "last": "Tamm, Saar, Kask, Bērziņš, Kazlauskas, Petrauskas",
        "last_female": "Tamm, Saar, Kask, Bērziņa, Kazlauskienė, Petrauskienė",
    },
    "romanian": {
        "female": "Ioana, Elena, Andreea, Maria, Cristina, Diana",
        "male": "Andrei, Mihai, Alexandru, Ion, Vlad, Radu",
        "last": "Popescu, Ionescu, Rusu, Ciobanu, Munteanu, Lupu, Stoica",
    },
    "caucasus": {
        "female": "Nino, Tamar, Anahit, Lusine, Mariam, Ani",
        "male": "Giorgi, Levan, Arman, Davit, Tigran, Irakli",
        "last": "Beridze, Kapanadze, Gelashvili, Hakobyan, Petrosyan, Grigoryan, Lomidze, Sargsyan",
    },
    "albanian": {
        "female": "Elira, Arta, Blerta, Ana, Jonida",
        "male": "Arben, Erion, Gentian, Besnik, Ilir",
        "last": "Hoxha, Shehu, Kola, Dervishi, Leka, Basha",
    },
    "indian": {
        "female": "Priya, Ananya, Kavya, Deepa, Sunita, Meera, Lakshmi",
        "male": "Arjun, Rahul, Rajesh, Sanjay, Suresh, Vikram, Anil",
        "last": "Sharma, Patel, Iyer, Reddy, Nair, Gupta, Singh, Rao, Ramgoolam, Seetaram",
    },
    "south_asian_muslim": {
        "female": "Ayesha, Farzana, Nusrat, Sadia, Fatima, Sana",
        "male": "Imran, Farhan, Aamir, Kamal, Tanvir, Bilal",
        "last": "Khan, Rahman, Hossain, Ahmed, Chowdhury, Qureshi, Malik, Islam",
    },
    "himalayan": {
        "female": "Sita, Sunita, Pema, Dechen, Anjali, Sonam",
        "male": "Tenzin, Bikash, Sonam, Ramesh, Karma, Prakash",
        "last": "Shrestha, Gurung, Thapa, Dorji, Wangchuk, Tamang, Adhikari",
    },
    "sri_lankan": {
        "female": "Nimali, Dilani, Chamari, Sanduni",
        "male": "Kasun, Nuwan, Ruwan, Dinesh",
        "last": "Perera, Fernando, Jayawardena, Wickramasinghe, Bandara, Herath",
    },
    "maldivian": {
        "female": "Aishath, Mariyam, Fathimath, Hawwa",
        "male": "Ahmed, Mohamed, Ibrahim, Hussain",
        "last": "Rasheed, Shareef, Naseer, Didi, Waheed, Manik",
    },
    "chinese": {
        "female": "Mei, Xiaoling, Yan, Jing, Lihua, Xin, Ying",
        "male": "Wei, Jun, Hao, Lei, Tao, Jian, Ming",
        "last": "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Zhou, Wu",
    },
    "japanese": {
        "female": "Yuki, Haruka, Aiko, Sakura, Naomi, Emi",
        "male": "Hiroshi, Takeshi, Kenji, Daisuke, Yuta, Shota",
        "last": "Tanaka, Suzuki, Takahashi, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Sato",
    },
    "korean": {
        "female": "Ji-yeon, Min-ji, Seo-yeon, Hye-jin, Su-bin",
        "male": "Min-jun, Ji-hoon, Seung-woo, Dong-hyun, Jae-won",
        "last": "Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon",
    },
    "indonesian": {
        "female": "Dewi, Putri, Rina, Siti, Ayu, Intan",
        "male": "Budi, Rizal, Arif, Agus, Dimas, Yoga",
        "last": "Santoso, Wijaya, Hidayat, Pratama, Saputra, Kusuma, Nugroho",
    },
    "malay": {
        "female": "Nurul, Aisyah, Farah, Siti, Nur Izzati, Rosnah",
        "male": "Muhammad, Ahmad, Hafiz, Faisal, Azlan, Rosli",
        "last": "Abdullah, Ibrahim, Ismail, Hassan, Rahman, Osman, Yusof",
    },
    "singaporean": {
        "female": "Mei Ling, Hui Min, Priya, Nurul, Shu Fen",
        "male": "Wei Jie, Jun Hao, Ravi, Hafiz, Kok Wah",
        "last": "Tan, Lim, Lee, Ng, Ong, Koh, Rahman, Pillai",
    },
    "thai": {
        "female": "Siriporn, Nattaya, Kanya, Pimchanok, Waraporn",
        "male": "Somchai, Anan, Kittipong, Nattapong, Thanawat",
        "last": "Wongsawat, Chaiyasit, Saetang, Boonmee, Srisombat, Rattanakorn",
    },
    "vietnamese": {
        "female": "Linh, Huong, Lan, Thu, Mai, Ngoc",
        "male": "Minh, Duc, Hung, Tuan, Quang, Nam",
        "last": "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui",
    },
    "filipino": {
        "female": "Maria Cristina, Angelica, Kristine, Joanna, Patricia",
        "male": "Jose Miguel, Mark Anthony, Paolo, Rafael, Carlo",
        "last": "Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Aquino, Villanueva, Dela Cruz",
    },
    "khmer": {
        "female": "Sophea, Sreymom, Chanthy, Bopha, Dary",
        "male": "Dara, Sokha, Vannak, Visal, Rithy",
        "last": "Chan, Sok, Keo, Heng, Meas, Chea",
    },
    "lao": {
        "female": "Phonesavanh, Malaythong, Khamla, Vilayvanh",
        "male": "Somphone, Bounmy, Khampheng, Souksavanh",
        "last": "Phommachanh, Vongsa, Sayavong, Keomany, Inthavong",
    },
    "myanmar": {
        "female": "Khin, Aye, Thida, Su, Nandar",
        "male": "Kyaw, Zaw, Htet, Min, Aung",
        "last": "Win, Aung, Htun, Oo, Myint, Thein",
    },
    "melanesian": {
        "female": "Mere, Losana, Litia, Grace, Ruth, Elsie",
        "male": "Josaia, Manasa, Peni, John, Kalo, Moses",
        "last": "Koroi, Raikadroka, Tabe, Kaluwin, Tuivaga, Natapei, Namosimalua, Wari",
    },
    "polynesian": {
        "female": "Seini, Salote, Teuila, Lupe, Malia",
        "male": "Sione, Tevita, Iosefa, Taniela, Falani",
        "last": "Fonua, Taufa, Leota, Iese, Molia, Tuilagi, Faleafa, Telavi",
    },
    "micronesian": {
        "female": "Teresia, Mary, Rose, Tina, Bwena",
        "male": "Anote, Teburoro, David, Wilson, Taneti",
        "last": "Tong, Teannaki, Waqa, Kabua, Ngiraked, Ehsa, Tabai",
    },
    "anglo": {
        "female": "Emily, Sarah, Rebecca, Hannah, Claire, Olivia, Laura, Jessica, Charlotte, Megan",
        "male": "James, Thomas, Daniel, Michael, Oliver, Benjamin, William, Matthew, Christopher, Andrew",
        "last": "Smith, Johnson, Brown, Taylor, Wilson, Campbell, Murphy, Robinson, Walker, Harris, O'Connor, "
        "Clarke, Mitchell, Bennett",
    },
    "french": {
        "female": "Camille, Léa, Chloé, Manon, Élodie, Julie, Sophie",
        "male": "Julien, Nicolas, Antoine, Mathieu, Louis, Pierre, Hugo",
        "last": "Martin, Bernard, Dubois, Durand, Lefebvre, Moreau, Laurent, Fournier, Girard, Lambert",
    },
    "german": {
        "female": "Anna, Lena, Katharina, Julia, Sophie, Miriam",
        "male": "Lukas, Jonas, Felix, Maximilian, Tobias, Stefan",
        "last": "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann, Keller",
    },
    "italian": {
        "female": "Giulia, Francesca, Chiara, Sara, Martina, Elena",
        "male": "Marco, Luca, Alessandro, Matteo, Lorenzo, Davide",
        "last": "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco",
    },
    "greek": {
        "female": "Eleni, Maria, Sofia, Katerina, Despina",
        "male": "Giorgos, Nikos, Dimitris, Konstantinos, Andreas",
        "last": "Papadopoulos, Georgiou, Nikolaou, Christodoulou, Pappas, Ioannou",
    },
    "northern_european": {
        "female": "Sanne, Anouk, Emma, Ingrid, Sofie, Freya, Maja",
        "male": "Daan, Lars, Erik, Pieter, Mikkel, Jesper, Sem",
        "last": "de Jong, Jansen, Visser, van Dijk, Bakker, Johansson, Andersen, Nielsen, Lindqvist, Hansen, Berg",
    },
}

NAME_POOL_OF_COUNTRY = {
    **dict.fromkeys(codes("AR MX CO CL PE EC BO PY UY VE CR PA GT HN SV NI DO CU ES"), "hispanic"),
    **dict.fromkeys(codes("BR PT AO MZ CV GW ST TL"), "lusophone"),
    **dict.fromkeys(codes("JM TT BB BS AG DM GD KN LC VC GY BZ SR"), "caribbean"),
    "HT": "haitian",
    **dict.fromkeys(codes("SN CI ML BF NE TG BJ GN"), "west_african_francophone"),
    **dict.fromkeys(codes("CM CD CG GA MG TD CF BI"), "central_african_francophone"),
    **dict.fromkeys(codes("NG GH SL LR GM"), "west_african_anglophone"),
    **dict.fromkeys(codes("KE UG TZ RW SS"), "east_african"),
    **dict.fromkeys(codes("ZA ZM ZW MW BW NA LS SZ"), "southern_african"),
    **dict.fromkeys(codes("ET ER SO DJ"), "horn_of_africa"),
    **dict.fromkeys(codes("DZ MA TN LY MR"), "maghreb"),
    **dict.fromkeys(codes("EG SA AE QA KW JO LB IQ OM BH SY YE SD KM"), "arabic"),
    **dict.fromkeys(codes("IR AF TJ"), "persian"),
    **dict.fromkeys(codes("TR AZ"), "turkish"),
    **dict.fromkeys(codes("RU BY UA"), "russian"),
    **dict.fromkeys(codes("KZ KG UZ TM"), "central_asian"),
    "MN": "mongolian",
    **dict.fromkeys(codes("RS HR SI BA ME MK BG"), "balkan"),
    **dict.fromkeys(codes("PL CZ SK HU"), "central_european"),
    **dict.fromkeys(codes("EE LV LT"), "baltic"),
    **dict.fromkeys(codes("RO MD"), "romanian"),
    **dict.fromkeys(codes("GE AM"), "caucasus"),
    "AL": "albanian",
    **dict.fromkeys(codes("IN MU"), "indian"),
    **dict.fromkeys(codes("PK BD"), "south_asian_muslim"),
    **dict.fromkeys(codes("NP BT"), "himalayan"),
    "LK": "sri_lankan",
    "MV": "maldivian",
    "CN": "chinese",
    "JP": "japanese",
    "KR": "korean",
    "ID": "indonesian",
    **dict.fromkeys(codes("MY BN"), "malay"),
    "SG": "singaporean",
    "TH": "thai",
    "VN": "vietnamese",
    "PH": "filipino",
    "KH": "khmer",
    "LA": "lao",
    "MM": "myanmar",
    **dict.fromkeys(codes("FJ PG VU SB"), "melanesian"),
    **dict.fromkeys(codes("WS TO TV"), "polynesian"),
    **dict.fromkeys(codes("KI NR PW MH FM"), "micronesian"),
    **dict.fromkeys(codes("US GB AU NZ CA IE IL MT"), "anglo"),
    **dict.fromkeys(codes("FR BE LU MC SC"), "french"),
    **dict.fromkeys(codes("DE AT CH LI"), "german"),
    **dict.fromkeys(codes("IT SM"), "italian"),
    **dict.fromkeys(codes("GR CY"), "greek"),
    **dict.fromkeys(codes("NL SE NO DK FI IS"), "northern_european"),
}

# UN usage where the common English name differs, and names written with "the" in running text.
COUNTRY_NAME_OVERRIDES = {
    "RU": "Russian Federation",
    "KR": "Republic of Korea",
    "LA": "Lao People's Democratic Republic",
    "VN": "Viet Nam",
    "BS": "Bahamas",
    "BN": "Brunei Darussalam",
    "MD": "Republic of Moldova",
    "TZ": "United Republic of Tanzania",
    "IR": "Islamic Republic of Iran",
    "BO": "Plurinational State of Bolivia",
    "FM": "Federated States of Micronesia",
    "NR": "Nauru",
}
COUNTRIES_WITH_ARTICLE = frozenset(codes("US GB NL PH BS GM DO CD CG CF AE KM MH RU KR LA MD TZ NE SD IR BO FM"))

GOVERNMENT_BODIES = [
    "Ministry of Foreign Affairs of {country}",
    "Ministry of Foreign Affairs of {country}",
    "Permanent Mission of {country} to the United Nations Office at Geneva",
    "Permanent Mission of {country} to the United Nations in New York",
    "Ministry of Defence of {country}",
    "National Cybersecurity Agency of {country}",
    "Ministry of Information and Communications Technology of {country}",
    "Ministry of Justice of {country}",
    "National Computer Emergency Response Team of {country}",
]
GOVERNMENT_JOB_TITLES = [
    "First Secretary",
    "Second Secretary",
    "Counsellor",
    "Attaché",
    "Minister Counsellor",
    "Director, International Security",
    "Deputy Director, Cyber Policy",
    "Head of Incident Response",
    "Legal Adviser",
    "Cybersecurity Analyst",
    "Policy Officer, Disarmament and International Security",
    "Senior Officer, International Cooperation",
]
# (organisation, country) for people who do not represent a government.
INSTITUTIONS = {
    OrganisationKind.ACADEMIA: [
        ("University of Oxford", "GB"),
        ("University of Geneva", "CH"),
        ("Tsinghua University", "CN"),
        ("University of Cape Town", "ZA"),
        ("Universidad de Chile", "CL"),
        ("The University of the West Indies", "JM"),
        ("National University of Singapore", "SG"),
        ("University of Nairobi", "KE"),
        ("Leiden University", "NL"),
        ("Moscow State Institute of International Relations", "RU"),
        ("Jawaharlal Nehru University", "IN"),
        ("Keio University", "JP"),
        ("Universidade de São Paulo", "BR"),
        ("University of Ghana", "GH"),
        ("Sciences Po", "FR"),
        ("Australian National University", "AU"),
        ("American University of Beirut", "LB"),
    ],
    OrganisationKind.CIVIL_SOCIETY: [
        ("CyberPeace Institute", "CH"),
        ("Global Partners Digital", "GB"),
        ("Derechos Digitales", "CL"),
        ("Paradigm Initiative", "NG"),
        ("Centre for Internet and Society", "IN"),
        ("ICT4Peace Foundation", "CH"),
        ("Research ICT Africa", "ZA"),
        ("DiploFoundation", "MT"),
        ("Association for Progressive Communications", "ZA"),
    ],
    OrganisationKind.PRIVATE_SECTOR: [
        ("Microsoft", "US"),
        ("Kaspersky", "RU"),
        ("Huawei Technologies", "CN"),
        ("Siemens", "DE"),
        ("Cisco Systems", "US"),
        ("Safaricom", "KE"),
        ("Mercado Libre", "AR"),
        ("Tata Consultancy Services", "IN"),
        ("NEC Corporation", "JP"),
        ("Orange Cyberdefense", "FR"),
        ("Telstra", "AU"),
    ],
    # Staff of international organisations: their nationality is drawn from the event's countries.
    OrganisationKind.REGIONAL_ORGANISATION: [
        ("ASEAN Secretariat", ""),
        ("African Union Commission", ""),
        ("Organization of American States", ""),
        ("Organization for Security and Co-operation in Europe", ""),
    ],
    OrganisationKind.UN_ENTITY: [
        ("Office for Disarmament Affairs", ""),
        ("United Nations Office on Drugs and Crime", ""),
        ("International Telecommunication Union", ""),
    ],
}
JOB_TITLES = {
    OrganisationKind.ACADEMIA: [
        "Professor of International Law",
        "Lecturer in International Relations",
        "Senior Researcher",
        "PhD Candidate",
    ],
    OrganisationKind.CIVIL_SOCIETY: ["Programme Manager", "Research Fellow", "Policy Analyst", "Executive Director"],
    OrganisationKind.PRIVATE_SECTOR: [
        "Director, Government Affairs",
        "Senior Manager, Digital Diplomacy",
        "Threat Intelligence Analyst",
        "Head of Public Policy",
    ],
    OrganisationKind.REGIONAL_ORGANISATION: ["Programme Officer", "Cybersecurity Coordinator", "Political Officer"],
    OrganisationKind.UN_ENTITY: ["Political Affairs Officer", "Programme Management Officer", "Associate Expert"],
}
EMAIL_DOMAIN = {OrganisationKind.GOVERNMENT: "example.org", OrganisationKind.PRIVATE_SECTOR: "example.com"}
DEFAULT_EMAIL_DOMAIN = "example.net"
SEED = "unidir-sectec-demo"
# The moment the demo describes: upcoming events have had registrations and decisions up to here.
DEMO_AS_OF = datetime.datetime(2026, 11, 24, 18, 0, tzinfo=datetime.UTC)

# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------


def upsert(model: type[Model], lookup: dict, values: dict, created_at: datetime.datetime | None = None) -> Model:
    """Find the row by its natural key and save it only if something differs: a second run of the demo
    then writes nothing, so timestamps and audit history stay as the first run left them.

    `created_at` back-dates a new row (a registration made in 2021 was not made today); auto_now_add
    ignores values given to save(), hence the update."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.save()
        if created_at is not None:
            model.objects.filter(pk=instance.pk).update(created_at=created_at)
            instance.created_at = created_at
        return instance
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.save()
    return instance


def zoned(time_zone: str, parts: tuple) -> datetime.datetime:
    """Local wall-clock time as a UTC instant. Arithmetic on datetimes that carry a ZoneInfo runs on the
    wall clock (six weeks before a date in November lands an hour off across the DST change), while
    the database hands back UTC: computing in UTC from the start gives the same values on every run."""
    return datetime.datetime(*parts, tzinfo=ZoneInfo(time_zone)).astimezone(datetime.UTC)


def publication_slug(title: str, subtitle: str = "") -> str:
    return slugify(f"{title} {subtitle}")[:200].strip("-")


def load_programme() -> Programme:
    values = {key: value for key, value in PROGRAMME.items() if key != "short_name"}
    return upsert(Programme, {"short_name": PROGRAMME["short_name"]}, values)


def load_topics() -> dict[str, Topic]:
    return {
        slug: upsert(Topic, {"slug": slug}, {"name": name, "kind": kind, "order": order})
        for slug, name, kind, order in TOPICS
    }


def load_organisations() -> dict[str, Organisation]:
    organisations = {}
    for acronym, name, kind, country, website in ORGANISATIONS:
        organisation = upsert(
            Organisation, {"name": name}, {"acronym": acronym, "kind": kind, "country": country, "website": website}
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


def load_contributors() -> dict[str, Contributor]:
    return {
        key: upsert(
            Contributor,
            {"first_name": first_name, "last_name": last_name},
            {"honorific": honorific, "affiliation": affiliation},
        )
        for key, (first_name, last_name, honorific, affiliation) in CONTRIBUTORS.items()
    }


def set_contributors(publication, contributors, names, role):
    """Exactly these people, in this order, with this role (old orders are cleared first so that a
    reordering cannot collide with the unique order constraint)."""
    wanted = [contributors[name] for name in names]
    publication.authorships.filter(role=role).exclude(contributor__in=wanted).delete()
    current = {authorship.contributor_id: authorship for authorship in publication.authorships.filter(role=role)}
    if [current[c.pk].order if c.pk in current else None for c in wanted] == list(range(1, len(wanted) + 1)):
        return
    publication.authorships.filter(role=role).delete()
    Authorship.objects.bulk_create(
        Authorship(publication=publication, contributor=contributor, role=role, order=order)
        for order, contributor in enumerate(wanted, start=1)
    )


def set_translations(publication, titles: dict[str, str]):
    publication.translations.exclude(language__in=titles).delete()
    for language, title in titles.items():
        upsert(
            Translation,
            {"publication": publication, "language": language},
            {"title": title, "url": publication.url},
        )


def save_publication(programme, topics, slug, values, topic_slugs) -> Publication:
    publication = upsert(Publication, {"slug": slug}, {"programme": programme, **values})
    publication.topics.set([topics[topic_slug] for topic_slug in topic_slugs])
    return publication


def load_publications(programme, topics) -> dict[str, Publication]:
    """Publications by title (the key contributions use to say what they fund)."""
    contributors = load_contributors()
    publications = {}
    for rank, data in enumerate(LETTER_EXAMPLE_PAPERS, start=1):
        slug = publication_slug(data["title"], data["subtitle"])
        publication = save_publication(
            programme,
            topics,
            slug,
            {
                "title": data["title"],
                "subtitle": data["subtitle"],
                "kind": data["kind"],
                "published_on": data["published_on"],
                "abstract": data["abstract"],
                "url": f"https://unidir.org/publication/{slug}/",
                "featured_rank": rank,
            },
            data["topics"],
        )
        set_contributors(publication, contributors, data["authors"], Authorship.Role.AUTHOR)
        set_translations(publication, data["translations"])
        publications[publication.title] = publication
    for title, subtitle, kind, (year, month, day), authors, topic_slugs in OTHER_PUBLICATIONS:
        publication = save_publication(
            programme,
            topics,
            publication_slug(title, subtitle),
            {"title": title, "subtitle": subtitle, "kind": kind, "published_on": datetime.date(year, month, day)},
            topic_slugs,
        )
        set_contributors(publication, contributors, authors, Authorship.Role.AUTHOR)
        set_translations(publication, OTHER_TRANSLATIONS.get(title, {}))
        publications[publication.title] = publication
    volume = load_oewg_volume(programme, topics, contributors)
    publications[volume.title] = volume
    return publications


def load_oewg_volume(programme, topics, contributors) -> Publication:
    data = OEWG_VOLUME
    volume = save_publication(
        programme,
        topics,
        data["slug"],
        {
            "title": data["title"],
            "subtitle": "",
            "kind": Publication.Kind.EDITED_VOLUME,
            "publisher": "UNIDIR",
            "place": "Geneva",
            "published_on": data["published_on"],
            "abstract": data["abstract"],
        },
        data["topics"],
    )
    set_contributors(volume, contributors, data["editors"], Authorship.Role.EDITOR)
    for order, (title, authors, topic_slugs) in enumerate(data["chapters"], start=1):
        chapter = save_publication(
            programme,
            topics,
            f"{data['slug']}-chapter-{order}",
            {
                "title": title,
                "subtitle": "",
                "kind": Publication.Kind.CHAPTER,
                "volume": volume,
                "chapter_order": order,
                "published_on": data["published_on"],
            },
            topic_slugs,
        )
        set_contributors(chapter, contributors, authors, Authorship.Role.AUTHOR)
    return volume


# --- People and registrations ---------------------------------------------------------------


@dataclass(frozen=True)
class PersonSpec:
    first_name: str
    last_name: str
    email: str
    country: str
    organisation: str
    organisation_kind: str
    job_title: str
    gender: str
    consented_at: datetime.datetime


@dataclass
class PeopleGenerator:
    """Makes believable participants, the same ones on every run: every draw comes from one seeded
    generator in a fixed order, never from what the database already holds."""

    rng: random.Random
    serial: int = 0
    people: list[PersonSpec] = field(default_factory=list)

    def cohort(self, name: str, first_event: Event) -> list[PersonSpec]:
        size, countries_of_cohort, kinds, cover_countries = COHORTS[name]
        if cover_countries:
            # Everyone comes from one of the countries, and every one of the countries is there.
            chosen = list(countries_of_cohort)
            chosen += [self.rng.choice(countries_of_cohort) for _ in range(size - len(chosen))]
        else:
            chosen = [self.rng.choice(countries_of_cohort) for _ in range(size)]
        kind_names, weights = zip(*kinds.items(), strict=True)
        cohort = [self.person(country, self.rng.choices(kind_names, weights)[0], first_event) for country in chosen]
        self.people.extend(cohort)
        return cohort

    def person(self, country: str, organisation_kind: str, first_event: Event) -> PersonSpec:
        if organisation_kind == OrganisationKind.GOVERNMENT:
            organisation = self.rng.choice(GOVERNMENT_BODIES).format(country=country_name_in_text(country))
            job_title = self.rng.choice(GOVERNMENT_JOB_TITLES)
        else:
            organisation, home = self.rng.choice(INSTITUTIONS[organisation_kind])
            country = home or country
            job_title = self.rng.choice(JOB_TITLES[organisation_kind])
        gender = self.gender()
        first_name, last_name = self.name(country, gender)
        self.serial += 1
        domain = EMAIL_DOMAIN.get(organisation_kind, DEFAULT_EMAIL_DOMAIN)
        return PersonSpec(
            first_name=first_name,
            last_name=last_name,
            email=f"{email_part(first_name)}.{email_part(last_name)}.{self.serial}@{domain}",
            country=country,
            organisation=organisation,
            organisation_kind=organisation_kind,
            job_title=job_title,
            gender=gender,
            consented_at=first_event.registration_opens_at + datetime.timedelta(minutes=self.rng.randint(30, 7200)),
        )

    def gender(self) -> str:
        roll = self.rng.random()
        if roll < 0.04:
            return Participant.Gender.PREFER_NOT_TO_SAY
        return Participant.Gender.FEMALE if roll < 0.51 else Participant.Gender.MALE

    def name(self, country: str, gender: str) -> tuple[str, str]:
        pool = NAME_POOLS[name_pool_of(country)]
        as_female = gender == Participant.Gender.FEMALE or (
            gender == Participant.Gender.PREFER_NOT_TO_SAY and self.rng.random() < 0.5
        )
        first_names = split_names(pool["female"] if as_female else pool["male"])
        last_names = split_names(pool["last_female"] if as_female and "last_female" in pool else pool["last"])
        return self.rng.choice(first_names), self.rng.choice(last_names)


def split_names(names: str) -> list[str]:
    return [name.strip() for name in names.split(",")]


def name_pool_of(country: str) -> str:
    if country in NAME_POOL_OF_COUNTRY:
        return NAME_POOL_OF_COUNTRY[country]
    return {
        "african": "east_african",
        "asia_pacific": "indian",
        "eastern_european": "balkan",
        "latin_american_caribbean": "hispanic",
    }.get(country_groupings.regional_group_of(country), "anglo")


def country_name(code: str) -> str:
    return COUNTRY_NAME_OVERRIDES.get(code) or countries.name(code)


def country_name_in_text(code: str) -> str:
    name = country_name(code)
    return f"the {name}" if code in COUNTRIES_WITH_ARTICLE else name


def email_part(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join("".join(c for c in word if c.isalnum()) for word in ascii_name.lower().split())


def certificate_code(event_slug: str, email: str) -> str:
    return "SECTEC-" + hashlib.sha256(f"{event_slug}:{email}".encode()).hexdigest()[:10].upper()


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
            "registration_opens_at": opens_at,
            "registration_closes_at": closes_at,
        },
    )
    event.topics.set([topics[slug] for slug in data["topics"]])
    event.partners.set([organisations[key] for key in data.get("partners", [])])
    for start, end, title, speakers in data.get("agenda", []):
        upsert(
            AgendaItem,
            {"event": event, "title": title},
            {"starts_at": zoned(time_zone, start), "ends_at": zoned(time_zone, end), "speakers": speakers},
        )
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
        for person in attendees:
            participant = save_participant(person, saved)
            values, registered_at = registration_values(event, people, person, rng)
            upsert(Registration, {"event": event, "participant": participant}, values, created_at=registered_at)
        events[event.slug] = event
    return events


# --- Donors, rates, the mapping exercise ------------------------------------------------------


def load_donors(programme, events, publications, resources) -> dict[str, Donor]:
    donors = {}
    # The letter's order (members first, the EU after France, Microsoft last among core donors).
    for position, (name, kind, country, takes_article) in enumerate(CORE_DONORS + ACTIVITY_SPECIFIC_DONORS, 1):
        donors[name] = upsert(
            Donor,
            {"name": name},
            {"kind": kind, "country": country, "name_takes_article": takes_article, "display_order": position * 10},
        )
    for data in CONTRIBUTIONS:
        amount, currency = data["amount"]
        covers_from, covers_until = data["covers"]
        contribution = upsert(
            Contribution,
            {"reference": data["reference"]},
            {
                "donor": donors[data["donor"]],
                "funding_type": data["funding_type"],
                "status": Contribution.Status.RECEIVED if data["received_on"] else Contribution.Status.SIGNED,
                "amount": Money(Decimal(amount), currency),
                "signed_on": data["signed_on"],
                "received_on": data["received_on"],
                "covers_from": covers_from,
                "covers_until": covers_until,
                "programme": programme,
            },
        )
        contribution.events.set([events[slug] for slug in data.get("events", [])])
        contribution.publications.set([publications[title] for title in data.get("publications", [])])
        contribution.information_resources.set([resources[name] for name in data.get("resources", [])])
    return donors


def add_months(month: datetime.date, count: int) -> datetime.date:
    years, month_index = divmod(month.month - 1 + count, 12)
    return datetime.date(month.year + years, month_index + 1, 1)


def load_exchange_rates() -> int:
    count = 0
    for currency, rates in EXCHANGE_RATES.items():
        for offset, rate in enumerate(rates.split()):
            month = add_months(EXCHANGE_RATE_FIRST_MONTH, offset)
            upsert(
                ExchangeRate,
                {"currency": currency, "month": month},
                {"units_per_usd": Decimal(rate).quantize(Decimal("0.000001"))},
            )
            count += 1
    return count


def load_mapping_exercise(programme, organisations) -> MappingExercise:
    values = {key: value for key, value in MAPPING_EXERCISE.items() if key not in {"reference", "requesting_entity"}}
    return upsert(
        MappingExercise,
        {"reference": MAPPING_EXERCISE["reference"]},
        {**values, "programme": programme, "requesting_entity": organisations[MAPPING_EXERCISE["requesting_entity"]]},
    )


# --- Summary ------------------------------------------------------------------------------------


TABLE_TOP_EXERCISES_2022 = [
    "ttx-regional-cyber-crisis-management-asean-2022",
    "ttx-regional-cyber-crisis-management-oas-2022",
]


@dataclass
class DemoSummary:
    programme: str
    topics: Counter
    organisations: int
    information_resources: int
    publications: int
    publications_since_2019: int
    chapters: int
    translations: int
    translation_languages: list[str]
    events: int
    event_series: int
    upcoming_events: int
    participants: int
    registrations: int
    ttx_government_officials: int
    ttx_countries: int
    donors_core: list[str]
    donors_activity_specific: list[str]
    contributions: int
    exchange_rates: int
    mapping_exercise: str

    def lines(self) -> list[str]:
        return [
            f"Demo data loaded for the {self.programme}.",
            f"  Topics: {self.topics[Topic.Kind.PILLAR]} pillars, {self.topics[Topic.Kind.THEME]} cross-cutting themes",
            f"  Organisations: {self.organisations}; information resources: {self.information_resources}",
            f"  Publications: {self.publications} ({self.publications_since_2019} since 1 January 2019, not "
            f"counting chapters; {self.chapters} chapters); translations: {self.translations} in "
            f"{', '.join(self.translation_languages)}",
            f"  Events: {self.events} published in {self.event_series} series ({self.upcoming_events} upcoming); "
            f"participants: {self.participants}; registrations: {self.registrations}",
            f"  2022 table-top exercises: {self.ttx_government_officials} government officials from "
            f"{self.ttx_countries} countries",
            f"  Donors 2022–2023: {len(self.donors_core) + len(self.donors_activity_specific)} "
            f"({len(self.donors_core)} core, {len(self.donors_activity_specific)} activity-specific); "
            f"contributions: {self.contributions}; exchange rates: {self.exchange_rates}",
            f"  Mapping exercise: {self.mapping_exercise}",
        ]


def ttx_government_attendance() -> tuple[int, int]:
    """Government officials who took part in the 2022 table-top exercises, and their countries."""
    attended = Registration.objects.filter(
        event__slug__in=TABLE_TOP_EXERCISES_2022,
        status=Registration.Status.CONFIRMED,
        attended=True,
        participant__organisation_kind=OrganisationKind.GOVERNMENT,
    )
    officials = attended.values("participant").distinct().count()
    countries_of_officials = attended.values("participant__country").distinct().count()
    return officials, countries_of_officials


def summarise(programme: Programme, exercise: MappingExercise, now: datetime.datetime) -> DemoSummary:
    publications = Publication.objects.filter(programme=programme)
    translations = Translation.objects.filter(publication__programme=programme)
    events = Event.objects.filter(programme=programme, status=Event.Status.PUBLISHED)
    officials, countries_of_officials = ttx_government_attendance()
    donors = donors_by_funding_type(programme, exercise.period_start, exercise.period_end)
    return DemoSummary(
        programme=str(programme),
        topics=Counter(Topic.objects.values_list("kind", flat=True)),
        organisations=Organisation.objects.count(),
        information_resources=programme.information_resources.count(),
        publications=publications.count(),
        publications_since_2019=publications.filter(published_on__gte=exercise.publications_since)
        .exclude(kind=Publication.Kind.CHAPTER)
        .count(),
        chapters=publications.filter(kind=Publication.Kind.CHAPTER).count(),
        translations=translations.count(),
        translation_languages=sorted(set(translations.values_list("language", flat=True))),
        events=events.count(),
        event_series=programme.event_series.count(),
        upcoming_events=events.filter(starts_at__gt=now).count(),
        participants=Participant.objects.filter(registrations__event__programme=programme).distinct().count(),
        registrations=Registration.objects.filter(event__programme=programme).count(),
        ttx_government_officials=officials,
        ttx_countries=countries_of_officials,
        donors_core=[donor.name for donor in donors.core],
        donors_activity_specific=[donor.name for donor in donors.activity_specific],
        contributions=Contribution.objects.filter(programme=programme).count(),
        exchange_rates=ExchangeRate.objects.count(),
        mapping_exercise=exercise.reference,
    )


@transaction.atomic
def load_demo(now: datetime.datetime) -> DemoSummary:
    """Build (or bring up to date) the whole demo: same input, same database, however often it runs."""
    programme = load_programme()
    topics = load_topics()
    organisations = load_organisations()
    resources = load_information_resources(programme, topics, organisations)
    publications = load_publications(programme, topics)
    events = load_events(programme, topics, organisations)
    load_donors(programme, events, publications, resources)
    load_exchange_rates()
    exercise = load_mapping_exercise(programme, organisations)
    return summarise(programme, exercise, now)
