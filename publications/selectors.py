"""Read queries for the public publications catalogue.

Each returns a queryset whose cost does not grow with the number of rows: authorships (with their
contributors), translations, topics and chapters are prefetched, and filters on related rows are
subqueries, so that they cannot duplicate publications.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from programmes.models import Topic

from .models import Authorship, Publication, Translation

Kind = Publication.Kind


@dataclass(frozen=True)
class PublicationFilters:
    search: str = ""
    kind: str = ""
    topic: str = ""  # topic slug
    year: int | None = None
    language: str = ""  # a translation's language


def ordered_authorships() -> QuerySet:
    """Bylines in order: authors then editors (then translators), each by their place."""
    return Authorship.objects.select_related("contributor").order_by("role", "order", "pk")


def publications_in_period(programme, start, end) -> QuerySet[Publication]:
    """Published outputs of the period (both days included). Chapters count with their edited volume,
    not on their own: the mapping reply, the reports and the dashboard all count publications this way."""
    return Publication.objects.filter(programme=programme, is_published=True, published_on__range=(start, end)).exclude(
        kind=Kind.CHAPTER
    )


def catalogue_publications() -> QuerySet:
    """What the catalogue lists: published publications, chapters excepted (their volume lists them)."""
    return Publication.objects.filter(is_published=True).exclude(kind=Kind.CHAPTER)


def publication_list(filters: PublicationFilters, visitor_language: str = "en") -> QuerySet:
    """The catalogue's publications, newest first, ready for publication cards; a search matches the
    original (English) titles and those translated into the visitor's language."""
    publications = _filtered(catalogue_publications(), filters, visitor_language).order_by(
        "-published_on", "title", "pk"
    )
    return publications.prefetch_related(
        Prefetch("authorships", queryset=ordered_authorships()),
        Prefetch("translations", queryset=Translation.objects.order_by("language")),
    )


def _filtered(publications: QuerySet, filters: PublicationFilters, visitor_language: str) -> QuerySet:
    if filters.search:
        translated = Translation.objects.filter(language=visitor_language, title__icontains=filters.search)
        publications = publications.filter(
            Q(title__icontains=filters.search)
            | Q(subtitle__icontains=filters.search)
            | Q(pk__in=translated.values("publication"))
            | Q(pk__in=_publications_by_contributor_name(filters.search))
        )
    if filters.kind:
        publications = publications.filter(kind=filters.kind)
    if filters.topic:
        publications = publications.filter(pk__in=Topic.objects.filter(slug=filters.topic).values("publications"))
    if filters.year:
        publications = publications.filter(published_on__year=filters.year)
    if filters.language:
        publications = publications.filter(
            pk__in=Translation.objects.filter(language=filters.language).values("publication")
        )
    return publications


def _publications_by_contributor_name(search: str) -> QuerySet:
    """Publications one of whose authors or editors is named like `search`: "Persi Paoli",
    "Giacomo" or "Giacomo Persi Paoli"."""
    return (
        Authorship.objects.annotate(full_name=Concat("contributor__first_name", Value(" "), "contributor__last_name"))
        .filter(full_name__icontains=search)
        .values("publication")
    )


def filter_options() -> dict:
    """What the catalogue's filters can offer: only topics and years its publications have."""
    publications = catalogue_publications()
    return {
        "topics": Topic.objects.filter(pk__in=publications.values("topics")).order_by("name"),
        "years": sorted({moment.year for moment in publications.dates("published_on", "year")}, reverse=True),
    }


def public_publication(slug: str) -> Publication:
    """One publication for its page and its citations, in a fixed number of queries.

    Unpublished publications are not public, nor are the chapters of an unpublished volume; a volume
    lists only its published chapters, in their order."""
    chapters = (
        Publication.objects.filter(is_published=True)
        .order_by("chapter_order", "pk")
        .prefetch_related(Prefetch("authorships", queryset=ordered_authorships()))
    )
    return (
        Publication.objects.filter(is_published=True)
        .exclude(kind=Kind.CHAPTER, volume__is_published=False)
        .select_related("volume")
        .prefetch_related(
            Prefetch("authorships", queryset=ordered_authorships()),
            Prefetch("translations", queryset=Translation.objects.order_by("language")),
            Prefetch("topics", queryset=Topic.objects.order_by("kind", "order", "name")),
            Prefetch("chapters", queryset=chapters),
            Prefetch("volume__authorships", queryset=ordered_authorships()),
        )
        .get(slug=slug)
    )
