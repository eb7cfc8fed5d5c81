"""The demo publications catalogue: the research papers the reference letter names, the rest of the
SecTec catalogue since 2017, translations, and the OEWG edited volume with its chapters."""

import datetime

from django.utils.text import slugify

from publications.models import Authorship, Contributor, Publication, Translation

from .common import upsert
from .programme import PILLARS

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


def publication_slug(title: str, subtitle: str = "") -> str:
    return slugify(f"{title} {subtitle}")[:200].strip("-")


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
