"""The public publications catalogue: the list with filters and search, a publication's page and its
citations to download (BibTeX, RIS). Every page works without JavaScript."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from unidir_cb.core.forms import un_language_name
from unidir_cb.core.languages import UNLanguage
from unidir_cb.core.public_pages import public_page

from . import citations, selectors
from .forms import PublicationFilterForm
from .models import Authorship, Publication

PUBLICATIONS_PER_PAGE = 20
Role = Authorship.Role


def names_of(publication: Publication, role: str) -> list[str]:
    """The people of one role, in their order, as "First Last" (the house style's order)."""
    return [str(a.contributor) for a in publication.authorships.all() if a.role == role]


def byline(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C" in the reader's language (Arabic separates with "، ")."""
    return get_text_list(names, _("and"))


def _with_bylines(publication: Publication) -> Publication:
    publication.author_names = byline(names_of(publication, Role.AUTHOR))
    editors = names_of(publication, Role.EDITOR)
    publication.editor_names = byline(editors)
    publication.editor_count = len(editors)
    return publication


def _translations_of(publication: Publication) -> list[dict]:
    return [
        {
            "language": UNLanguage(translation.language).site_language,
            "language_name": un_language_name(translation.language),
            "title": translation.title,
            "link": translation.file.url if translation.file else translation.url,
        }
        for translation in publication.translations.all()
    ]


def _in_the_visitors_language(publication: Publication) -> Publication:
    """The title and abstract a visitor reads: the translation into their language where there is one
    (with the original title beside it), otherwise the original, marked lang="en" on a page in another
    language. The originals are written in English."""
    language = UNLanguage.of_site_language(get_language())
    translation = next((item for item in publication.translations.all() if item.language == language), None)
    publication.translated = translation is not None
    publication.shown_title = translation.title if translation else publication.title
    publication.shown_abstract = (translation.abstract if translation else "") or publication.abstract
    in_english = "" if language == UNLanguage.ENGLISH else "en"
    publication.title_language = "" if translation else in_english
    publication.abstract_language = "" if translation and translation.abstract else in_english
    return publication


def publication_cards(publications) -> list[Publication]:
    """Publications (from selectors.publication_list) with the bylines, title and languages their cards show."""
    cards = [_in_the_visitors_language(_with_bylines(publication)) for publication in publications]
    for publication in cards:
        publication.translation_languages = byline([item["language_name"] for item in _translations_of(publication)])
    return cards


@require_GET
@public_page
def publication_list(request):
    form = PublicationFilterForm(request.GET or None, options=selectors.filter_options())
    filters = form.filters() if form.is_bound else selectors.PublicationFilters()
    language = UNLanguage.of_site_language(get_language())
    paginator = Paginator(selectors.publication_list(filters, language), PUBLICATIONS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    publications = publication_cards(page)
    # Links to other pages keep the filters.
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(
        request,
        "publications/publication_list.html",
        {"form": form, "page_obj": page, "publications": publications, "page_query": kept.urlencode()},
    )


def _public_publication_or_404(slug: str) -> Publication:
    try:
        return selectors.public_publication(slug)
    except Publication.DoesNotExist as missing:
        raise Http404 from missing


@require_GET
@public_page
def publication_detail(request, slug):
    publication = _in_the_visitors_language(_with_bylines(_public_publication_or_404(slug)))
    publication.translator_names = byline(names_of(publication, Role.TRANSLATOR))
    volume = _with_bylines(publication.volume) if publication.volume_id else None
    chapters = [_with_bylines(chapter) for chapter in publication.chapters.all()]
    return render(
        request,
        "publications/publication_detail.html",
        {
            "publication": publication,
            "volume": volume,
            "chapters": chapters,
            "translations": _translations_of(publication),
            "citation": citations.plain_text(citations.record_of(publication)),
        },
    )


def _citation_download(slug: str, render_citation, content_type: str, extension: str) -> HttpResponse:
    publication = _public_publication_or_404(slug)
    response = HttpResponse(render_citation(citations.record_of(publication)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{publication.slug}.{extension}"'
    return response


@require_GET
def download_bibtex(request, slug):
    return _citation_download(slug, citations.bibtex, "application/x-bibtex; charset=utf-8", "bib")


@require_GET
def download_ris(request, slug):
    return _citation_download(slug, citations.ris, "application/x-research-info-systems; charset=utf-8", "ris")


@require_GET
def download_csl_json(request, slug):
    return _citation_download(
        slug,
        lambda record: citations.csl_json(record, item_id=slug),
        "application/vnd.citationstyles.csl+json; charset=utf-8",
        "json",
    )
