"""Compile the reply to a mapping exercise from the data.

The reply follows the shape of a real one (UNIDIR's 2023 reply, whose facts
tests/programmes/test_reference_letter.py lists): an opening, then the programme's work in three
categories (research, participatory learning activities, facilitated access to information), then
who funded it, signed by the head of programme. Every
number and name comes from the database; the structured result (a JSON-able dict) is what staff
review, edit and reorder before it is rendered as a letter.

The number of queries is fixed: nothing here queries per publication, event or donor.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from donors.selectors import donors_by_funding_type, sponsored_reach
from events.models import Event, EventPartner
from events.reach import Reach, combined_reach, reach_by_event
from programmes.models import InformationResource, MappingExercise, Organisation
from programmes.sections import SCHEMA_VERSION, SECTION_ORDER
from publications.models import Translation
from publications.selectors import publications_in_period
from unidir_cb.core import un_countries
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.wording import (
    count_of,
    indefinite_article,
    join_names,
    lowercase_first,
    number_in_words,
    rounded_count_of,
)

# How letters name the kinds of participatory learning activities, grouped as programmes present them.
ACTIVITY_KIND_GROUPS = [
    ((Event.Kind.CONFERENCE,), "Conferences"),
    ((Event.Kind.SEMINAR, Event.Kind.CLINIC), "Ad hoc thematic seminars and clinics"),
    ((Event.Kind.SUMMER_COURSE,), "Summer courses"),
    ((Event.Kind.TRAINING_MODULE,), "Ad hoc training modules"),
    ((Event.Kind.TABLE_TOP_EXERCISE, Event.Kind.SIMULATION), "Table-top exercises and scenario-based simulations"),
    ((Event.Kind.DIALOGUE,), "Multi-stakeholder dialogues"),
    ((Event.Kind.BRIEFING,), "Briefings"),
    ((Event.Kind.WORKSHOP,), "Workshops"),
]
EXAMPLE_COUNT = 6
# A group of events with at least this many participants has its reach stated in the letter.
REACH_WORTH_STATING = 10
# The reference reply cites seven activities over four years and fits on two pages: a reply cites at
# most ACTIVITY_COUNT, those that reached most people, sharing them out among the years it covers
# (a year gets its share, and never fewer than MIN_ACTIVITIES_PER_YEAR).
ACTIVITY_COUNT = 8
MIN_ACTIVITIES_PER_YEAR = 3


class MappingCompilationError(Exception):
    """The exercise cannot be compiled as it stands; the message says what to fix."""


Progress = Callable[[int, str], None]


def no_progress(percent: int, message: str) -> None:
    return None


# --- wording helpers ----------------------------------------------------------------------------


def duration_phrase(event: Event) -> str:
    days = (event.ends_on - event.starts_on).days + 1
    if days >= 7 and days % 7 in (0, 5, 6):
        weeks = round(days / 7)
        return f"{number_in_words(weeks)}-week "
    return ""


# --- research -----------------------------------------------------------------------------------


def _research(exercise: MappingExercise, since: datetime.date) -> dict:
    programme = exercise.programme
    publications = publications_in_period(programme, since, exercise.period_end)
    count = publications.count()
    top_topics = list(
        publications.values("topics__name")
        .exclude(topics__name=None)
        .annotate(uses=Count("pk"))
        .order_by("-uses", "topics__name")
        .values_list("topics__name", flat=True)[:4]
    )
    examples = list(
        publications.filter(featured_rank__isnull=False)
        .order_by("featured_rank", "title")
        .values("pk", "title", "subtitle")[:EXAMPLE_COUNT]
    )
    translations = Translation.objects.filter(publication__in=publications).exclude(language=UNLanguage.ENGLISH)
    translated_publications = translations.values("publication").distinct().count()
    languages = sorted({str(UNLanguage(code).label) for code in translations.values_list("language", flat=True)})

    if count:
        summary = f"{programme.short_name} published {rounded_count_of(count, 'publication')} since {since.year}"
    else:
        summary = f"{programme.short_name} has not published since {since.year}"
    if top_topics:
        summary += f", covering a range of topics from {join_names([lowercase_first(topic) for topic in top_topics])}"
    if len(examples) > 1:
        summary += ". Examples include the following research papers:"
    elif examples:
        summary += ". An example is the following research paper:"
    else:
        summary += "."
    closing = []
    if translated_publications:
        closing.append(f"{_translated(translated_publications, count)} ({join_names(languages)}).")
    if programme.website:
        website = programme.website.split("://", 1)[-1]  # written as people type it: www.unidir.org
        closing.append(f"The full catalogue of publications can be accessed on our website {website}")
    return {
        "heading": "Research activities",
        "lead": "include the production of research papers to support a better understanding of specific issues "
        f"and the production of tools and methods. {summary}",
        "bullets": [f"{_full_title(example)}." for example in examples],
        "closing_paragraphs": [" ".join(closing)] if closing else [],
        "facts": {
            "publication_count": count,
            "since_year": since.year,
            "topics": top_topics,
            "example_ids": [example["pk"] for example in examples],
            "translated_publication_count": translated_publications,
            "translation_languages": languages,
        },
    }


def _translated(translated: int, publications: int) -> str:
    if publications == 1:
        return "The publication was translated in official UN languages other than English"
    if translated == 1:
        return "One of the publications was translated in official UN languages other than English"
    return "Some of the publications were translated in official UN languages other than English"


def _full_title(publication: dict) -> str:
    return f"{publication['title']}: {publication['subtitle']}" if publication["subtitle"] else publication["title"]


# --- participatory learning -----------------------------------------------------------------------


def _activity_kinds(events: list[Event]) -> list[str]:
    kinds_run = {event.kind for event in events}
    conference_series = sorted(
        {event.series.name for event in events if event.kind == Event.Kind.CONFERENCE and event.series}
    )
    labels = []
    for kinds, label in ACTIVITY_KIND_GROUPS:
        if not kinds_run & set(kinds):
            continue
        if kinds == (Event.Kind.CONFERENCE,) and conference_series:
            labels.extend(f"Annual {name}" for name in conference_series)
        else:
            labels.append(label)
    return labels


def _group_events_by_year_and_series(events: list[Event]) -> list[list[Event]]:
    groups: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        key = (event.starts_on.year, ("series", event.series_id) if event.series_id else ("event", event.pk))
        groups[key].append(event)
    return [groups[key] for key in sorted(groups, key=lambda key: (key[0], min(e.starts_at for e in groups[key])))]


def _activity_object(group: list[Event]) -> str:
    first = group[0]
    all_online = all(event.format == Event.Format.ONLINE for event in group)
    if first.series and len(group) > 1:
        subject = lowercase_first(first.series.name)
        if all_online and "online" not in subject.lower():
            subject = f"online {subject}"
        # "three online dialogues"; from four on, "a series of five online seminars" (series are named in the plural).
        count = number_in_words(len(group))
        return f"a series of {count} {subject}" if len(group) > 3 else f"{count} {subject}"
    if first.series and first.kind == Event.Kind.CONFERENCE:
        theme = first.title.split(": ", 1)[1] if ": " in first.title else ""
        return f"the {first.series.name}" + (f", on {lowercase_first(theme)}" if theme else "")
    subject = lowercase_first(first.title)
    return indefinite_article(f"{duration_phrase(first)}{subject}")


def _partners_by_role(group: list[Event]) -> dict[str, list[str]]:
    """Role -> the partners in it, as running text names them; an organisation in several roles
    across the group's events keeps the first it is given, in the order of EventPartner.Role."""
    roles = {role: index for index, role in enumerate(EventPartner.Role.values)}
    seen: dict[int, EventPartner] = {}
    for event in group:
        for partnership in sorted(event.partnerships.all(), key=lambda partnership: roles[partnership.role]):
            seen.setdefault(partnership.organisation_id, partnership)
    by_role: dict[str, list[str]] = {role: [] for role in EventPartner.Role.values}
    for partnership in sorted(seen.values(), key=lambda partnership: str(partnership.organisation)):
        by_role[partnership.role].append(partnership.organisation.name_in_text)
    return by_role


def _activity_opening(year: int, activity: str, partners: dict[str, list[str]]) -> str:
    """ "In 2022, UNIDIR partnered with ASEAN and OAS to deliver ...", "In 2024, at the invitation of
    the OSCE, UNIDIR delivered ..., hosted by ..., with funding from ..."."""
    Role = EventPartner.Role
    text = f"In {year}, "
    if partners[Role.INVITED_BY]:
        text += f"at the invitation of {join_names(partners[Role.INVITED_BY])}, "
    if partners[Role.CO_ORGANISER]:
        text += f"UNIDIR partnered with {join_names(partners[Role.CO_ORGANISER])} to deliver {activity}"
    elif partners[Role.INVITED_BY]:
        text += f"UNIDIR delivered {activity}"
    else:
        text += f"UNIDIR organised {activity}"
    if partners[Role.HOST]:
        text += f", hosted by {join_names(partners[Role.HOST])}"
    if partners[Role.FUNDER]:
        text += f", with funding from {join_names(partners[Role.FUNDER])}"
    return text


def _from_countries(countries: int, without_country: int) -> str:
    """ " from 30 different countries", " from one country", " from at least 30 different countries
    (four gave no country)"; nothing when no country was recorded."""
    if not countries:
        return ""
    at_least = "at least " if without_country else ""
    if countries == 1:
        text = f" from {at_least}one country"
    else:
        text = f" from {at_least}{count_of(countries, 'different country', 'different countries')}"
    return text + (f" ({number_in_words(without_country)} gave no country)" if without_country else "")


def _activity(group: list[Event], people_by_event) -> dict:
    year = group[0].starts_on.year
    partners = _partners_by_role(group)
    audience = next((event.target_audience for event in group if event.target_audience), "")
    reach = combined_reach(people_by_event, [event.pk for event in group])
    text = _activity_opening(year, _activity_object(group), partners)
    if audience:
        text += f", for an audience of {lowercase_first(audience)}"
    if reach.participants >= REACH_WORTH_STATING:
        if reach.mostly_government:
            people = rounded_count_of(reach.government_officials, "government official")
            countries = _from_countries(reach.government_countries, reach.government_officials_without_country)
            text += f", bringing together {people}{countries}"
        else:
            people = rounded_count_of(reach.participants, "participant")
            text += f", bringing together {people}{_from_countries(reach.countries, reach.without_country)}"
    return {
        "year": year,
        "text": text + ".",
        "facts": {
            "event_ids": [event.pk for event in group],
            "kinds": sorted({event.kind for event in group}),
            "topics": sorted({topic.name for event in group for topic in event.topics.all()}),
            "partners": partners[EventPartner.Role.CO_ORGANISER],
            "hosts": partners[EventPartner.Role.HOST],
            "funders": partners[EventPartner.Role.FUNDER],
            "invited_by": partners[EventPartner.Role.INVITED_BY],
            "audience": audience,
            "participants": reach.participants,
            "countries": reach.countries,
            "government_officials": reach.government_officials,
            "government_countries": reach.government_countries,
            "participants_without_country": reach.without_country,
        },
    }


def _participatory_learning(exercise: MappingExercise, since: datetime.date, pinned_event_ids: frozenset[int]) -> dict:
    events = list(
        # Dated in each event's own time zone (Event.starts_on): 00:30 on 1 January in Geneva is in the new year.
        Event.objects.filter(programme=exercise.programme, starts_on__lte=exercise.period_end)
        .exclude(status__in=[Event.Status.DRAFT, Event.Status.CANCELLED])
        .select_related("series")
        .prefetch_related(
            Prefetch("partnerships", queryset=EventPartner.objects.select_related("organisation")), "topics"
        )
        .order_by("starts_at")
    )
    cited = [event for event in events if event.starts_on >= since]
    people_by_event = reach_by_event(cited)
    all_activities = [_activity(group, people_by_event) for group in _group_events_by_year_and_series(cited)]
    activities = _chosen_examples(all_activities, pinned_event_ids)
    if activities:
        first = activities[0]["text"]
        activities[0]["text"] = "For example, i" + first[1:]
    return {
        "heading": "Participatory learning activities",
        "lead": "include:",
        "bullets": [f"{label}." for label in _activity_kinds(events)],
        "activities": activities,
        "facts": {"event_count": len(cited), "activities_left_out": len(all_activities) - len(activities)},
    }


def _chosen_examples(activities: list[dict], pinned_event_ids: frozenset[int] = frozenset()) -> list[dict]:
    """The activities the reply cites whatever the years of data: those staff pinned on the review
    page, always, then the ones that reached most people (the earlier first on a tie), at most a
    year's share and ACTIVITY_COUNT in all, told in the order they happened. Staff may still reorder
    or leave out examples when they review."""
    years = len({activity["year"] for activity in activities}) or 1
    per_year_cap = max(MIN_ACTIVITIES_PER_YEAR, ACTIVITY_COUNT // years)
    chosen = [
        position
        for position, activity in enumerate(activities)
        if pinned_event_ids.intersection(activity["facts"]["event_ids"])
    ]
    per_year: dict[int, int] = Counter(activities[position]["year"] for position in chosen)
    for position in chosen:
        activities[position]["pinned"] = True
    by_reach = sorted(enumerate(activities), key=lambda item: (-item[1]["facts"]["participants"], item[0]))
    for position, activity in by_reach:
        if len(chosen) >= ACTIVITY_COUNT:
            break
        if per_year[activity["year"]] < per_year_cap and position not in chosen:
            per_year[activity["year"]] += 1
            chosen.append(position)
    return [activities[position] for position in sorted(chosen)]


def _pinned_event_ids(exercise: MappingExercise) -> frozenset[int]:
    """The events of the activities staff pinned in the exercise's latest version: a new compilation
    keeps citing them whatever the bounds."""
    latest = exercise.submissions.order_by("-version").values_list("sections", flat=True).first() or {}
    activities = latest.get("participatory_learning", {}).get("activities", [])
    return frozenset(
        event_id for activity in activities if activity.get("pinned") for event_id in activity["facts"]["event_ids"]
    )


# --- facilitated access to information ------------------------------------------------------------


def _resource_bullet(resource: InformationResource, organisation_name: str) -> str:
    partners = [partner.name_in_text for partner in resource.partners.all()]
    if resource.kind == InformationResource.Kind.DATA_SHARING:
        source = f"{resource.name} of {join_names(partners)}" if partners else resource.name
        return f"Collaboration and data sharing with other relevant initiatives and tools (e.g. {source})."
    if resource.is_in_all_un_languages:
        languages = " in all UN official languages"
    elif len(resource.languages) > 1:
        languages = " in " + join_names([str(UNLanguage(code).label) for code in resource.languages])
    else:
        languages = ""
    return f"Development and maintenance of {organisation_name}’s {resource.name}{languages}."


def _access_to_information(exercise: MappingExercise) -> dict:
    resources = list(
        InformationResource.objects.filter(programme=exercise.programme)
        .filter(Q(launched_on__isnull=True) | Q(launched_on__lte=exercise.period_end))
        .prefetch_related(Prefetch("partners", queryset=Organisation.objects.order_by("name")))
        .order_by("name")
    )
    # Own portals first, then databases, then what is shared with others: the order letters use.
    kind_rank = {kind: rank for rank, kind in enumerate(InformationResource.Kind.values)}
    resources.sort(key=lambda resource: kind_rank[resource.kind])
    return {
        "heading": "Facilitated access to information",
        "lead": "includes:",
        "bullets": [_resource_bullet(resource, "UNIDIR") for resource in resources],
        "facts": {
            "resources": [
                {"name": resource.name, "kind": resource.kind, "languages": resource.languages}
                for resource in resources
            ]
        },
    }


# --- funding ----------------------------------------------------------------------------------------


def period_label(start: datetime.date, end: datetime.date) -> str:
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}-{end.year}"


def _funding(exercise: MappingExercise) -> dict:
    """Who paid for the programme in the period, in the one sentence the facts allow: donors only,
    the institute's own budget only, both, or nothing recorded (then the letter says nothing)."""
    programme = exercise.programme
    name = programme.short_name
    period = period_label(exercise.period_start, exercise.period_end)
    donors = donors_by_funding_type(programme, exercise.period_start, exercise.period_end)
    core = [donor.name_in_text for donor in donors.core]
    specific = [donor.name_in_text for donor in donors.activity_specific]
    budget = [source.name_in_text for source in donors.budget]
    paragraphs = []
    if donors.count:
        if budget:
            sentence = f"{name} is funded through {join_names(budget)} and the voluntary contributions of its donors."
        else:
            sentence = f"{name} is funded exclusively through the voluntary contributions of its donors."
        sentence += (
            f" Specifically, in {period}, {name} received financial support from "
            f"{count_of(donors.count, 'donor')} for its activities"
        )
        if core:
            sentence += f"; core programme donors included {join_names(core)}"
        if specific:
            sentence += f"; additional support for specific activities was received from {join_names(specific)}"
        paragraphs.append(sentence + ".")
    elif budget:
        paragraphs.append(f"In {period}, {name} was funded from {join_names(budget)}.")
    sponsored = sponsored_reach(programme, exercise.period_start, exercise.period_end)
    most_in_need = _from_ldcs_or_sids(sponsored.by_country)
    if sponsored.participants:
        paragraphs.append(_sponsored_sentence(sponsored, most_in_need, period))
    return {
        "heading": "",
        "paragraphs": paragraphs,
        "facts": {
            "donor_count": donors.count,
            "core": core,
            "activity_specific": specific,
            "budget": budget,
            "sponsored_participants": sponsored.participants,
            "sponsored_government_officials": sponsored.government_officials,
            "sponsored_countries": sponsored.countries,
            "sponsored_from_ldcs_or_sids": most_in_need,
        },
    }


# The groupings whose officials sponsorship exists for: a person from a country in both counts once.
SPONSORED_GROUPINGS = ("ldc", "sids")


def _from_ldcs_or_sids(people_by_country: dict[str, int]) -> int:
    return sum(
        people
        for code, people in people_by_country.items()
        if any(un_countries.is_member(code, grouping) for grouping in SPONSORED_GROUPINGS)
    )


def _sponsored_sentence(sponsored: Reach, most_in_need: int, period: str) -> str:
    """ "In 2022-2023, donors' contributions also paid for 14 government officials from nine different
    countries to attend its activities, 11 of them from least developed countries or small island
    developing States"; participants who are not all officials are said so: "15 participants (14 of
    them government officials)"."""
    if sponsored.government_officials == sponsored.participants:
        people = count_of(sponsored.participants, "government official")
    elif sponsored.government_officials:
        officials = (
            "one of them a government official"
            if sponsored.government_officials == 1
            else f"{number_in_words(sponsored.government_officials)} of them government officials"
        )
        people = f"{count_of(sponsored.participants, 'participant')} ({officials})"
    else:
        people = count_of(sponsored.participants, "participant")
    countries = _from_countries(sponsored.countries, sponsored.without_country)
    sentence = f"In {period}, donors' contributions also paid for {people}{countries} to attend its activities"
    groups = "least developed countries or small island developing States"
    if most_in_need == sponsored.participants:
        sentence += f", all of them from {groups}"
    elif most_in_need:
        sentence += f", {number_in_words(most_in_need)} of them from {groups}"
    return sentence + "."


# --- the whole letter ---------------------------------------------------------------------------------


def _introduction(exercise: MappingExercise) -> dict:
    programme = exercise.programme
    scope = exercise.scope or "capacity-building programmes and initiatives"
    area = programme.area_of_work or programme.name
    return {
        "heading": "",
        "paragraphs": [
            "Thank you for your invitation to submit the views of the United Nations Institute for Disarmament "
            f"Research (UNIDIR) on {lowercase_first(scope.rstrip('.'))} (reference: {exercise.reference}).",
            "UNIDIR is honoured to present a brief overview of its capacity-building activities in the context of "
            f"{area}, developed and delivered in line with the UNIDIR mandate, which includes the "
            "promotion of informed participation by all States in disarmament efforts.",
            f"In light of this, capacity-building activities in the context of {area} are "
            f"developed and delivered by {programme.name_in_text} ({programme.short_name}), targeting specialized "
            "audiences and pursuing two main objectives – knowledge-building and disseminating research. The "
            "activities can be divided into three categories – research, participatory learning activities and "
            "facilitated access to information.",
        ],
    }


def validate_exercise(exercise: MappingExercise) -> None:
    if not exercise.programme.name_in_text:
        raise MappingCompilationError(
            f"Write how letters name {exercise.programme.name} in running text (the programme's "
            '"name in running text", e.g. "the UNIDIR Security and Technology Programme") and compile again.'
        )
    if exercise.period_end < exercise.period_start:
        raise MappingCompilationError(
            f"The reporting period of {exercise.reference} ends ({exercise.period_end}) before it starts "
            f"({exercise.period_start}): correct the exercise and compile again."
        )
    if exercise.publications_since and exercise.publications_since > exercise.period_end:
        raise MappingCompilationError(
            f"Publications are counted from {exercise.publications_since}, after the period ends: correct the exercise."
        )


def compile_mapping_sections(exercise: MappingExercise, progress: Progress = no_progress) -> dict:
    """The structured content of the reply, ready for staff review and rendering."""
    validate_exercise(exercise)
    since = exercise.publications_since or exercise.period_start
    progress(10, "Counting publications and translations")
    research = _research(exercise, since)
    progress(35, "Collecting events, partners and participants")
    learning = _participatory_learning(exercise, since, _pinned_event_ids(exercise))
    progress(60, "Listing information resources")
    access = _access_to_information(exercise)
    progress(75, "Splitting donors into core and activity-specific")
    funding = _funding(exercise)
    programme = exercise.programme
    return {
        "schema": SCHEMA_VERSION,
        "order": list(SECTION_ORDER),
        "letter": {
            "reference": exercise.reference,
            "addressees": exercise.addressees,
            "salutation": f"Dear {exercise.addressees},",
            "period": period_label(exercise.period_start, exercise.period_end),
        },
        "introduction": _introduction(exercise),
        "research": research,
        "participatory_learning": learning,
        "access_to_information": access,
        "funding": funding,
        "closing": {
            "heading": "",
            "paragraphs": ["We remain at your disposal to provide any additional information as necessary."],
        },
        "signatory": {
            "complimentary_close": "Sincerely,",
            "name": programme.head_name,
            "title": programme.head_title,
            "organisation": "United Nations Institute for Disarmament Research",
        },
    }


def letter_blocks(sections: dict) -> list[tuple[str, str, str]]:
    """The letter body as (kind, bold lead-in, text) blocks in the order staff chose; kind is
    "paragraph" or "bullet". HTML, DOCX and PDF are all rendered from these blocks, so they carry the
    same content."""
    blocks = []
    for key in sections["order"]:
        section = sections[key]
        lead = section.get("lead", "")
        # A lead-in that announces a list ("... includes:") is left out with its heading when the list
        # is empty, whether the data had nothing or staff took every item out.
        announces_nothing = lead.endswith(":") and not section.get("bullets")
        if (section.get("heading") or lead) and not announces_nothing:
            blocks.append(("paragraph", section.get("heading", ""), lead))
        blocks += [("paragraph", "", paragraph) for paragraph in section.get("paragraphs", [])]
        blocks += [("bullet", "", bullet) for bullet in section.get("bullets", [])]
        if section.get("activities"):
            blocks.append(("paragraph", "", " ".join(activity["text"] for activity in section["activities"])))
        blocks += [("paragraph", "", paragraph) for paragraph in section.get("closing_paragraphs", [])]
    return blocks


@dataclass
class LetterBlock:
    kind: str  # "paragraph" or "list"
    lead: str = ""
    text: str = ""
    items: list[str] = field(default_factory=list)


def group_blocks(blocks: list[tuple[str, str, str]]) -> list[LetterBlock]:
    """Consecutive bullets become one list; every other block stays a paragraph (for rendering)."""
    grouped: list[LetterBlock] = []
    for kind, lead, text in blocks:
        if kind == "bullet":
            if not grouped or grouped[-1].kind != "list":
                grouped.append(LetterBlock("list"))
            grouped[-1].items.append(text)
        else:
            grouped.append(LetterBlock("paragraph", lead=lead, text=text))
    return grouped


def letter_text(sections: dict) -> str:
    """The whole letter as plain text (what tests and previews read)."""
    body = [
        f"- {text}" if kind == "bullet" else " ".join(part for part in (lead, text) if part)
        for kind, lead, text in letter_blocks(sections)
    ]
    signatory = sections["signatory"]
    closing = [signatory["complimentary_close"], signatory["name"], signatory["title"], signatory["organisation"]]
    return "\n".join([sections["letter"]["salutation"], *body, *closing])
