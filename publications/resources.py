"""Import and export of publications with their authors and editors (see unidir_cb/core/data_transfer/resources.py).

People are written in one cell, in order, "Last, First; Last, First" — the way a catalogue lists
them. Each name is matched to a contributor with the same first and last name (any case) or creates
one, and the order in the cell is the order of the byline.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from import_export.fields import Field

from programmes.models import Programme, Topic
from unidir_cb.core.data_transfer.resources import (
    LIST_SEPARATOR,
    ChoiceWidget,
    ImportResource,
    LookupListWidget,
    LookupWidget,
    PlainDateWidget,
    RelatedListField,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
    fill_in_slug,
    is_blank,
)

from .models import Authorship, Contributor, Publication

NAME_MAX_LENGTH = Contributor._meta.get_field("last_name").max_length
PEOPLE_COLUMNS = {"authors": Authorship.Role.AUTHOR, "editors": Authorship.Role.EDITOR}


def parse_people(value) -> list[tuple[str, str]]:
    """ "Dominioni, Samuele; Persi Paoli, Giacomo" -> [("Dominioni", "Samuele"), ("Persi Paoli", "Giacomo")]"""
    if is_blank(value):
        return []
    people = []
    for written in str(value).split(LIST_SEPARATOR):
        written = written.strip()
        if not written:
            continue
        last_name, comma, first_name = (part.strip() for part in written.partition(","))
        if not comma or not last_name or not first_name:
            raise ValueError(f'Write each person as "Last, First" and separate people with ";" ({written!r}).')
        if len(last_name) > NAME_MAX_LENGTH or len(first_name) > NAME_MAX_LENGTH:
            raise ValueError(f"The name {written!r} is longer than {NAME_MAX_LENGTH} characters.")
        if (last_name.casefold(), first_name.casefold()) in {
            (last.casefold(), first.casefold()) for last, first in people
        }:
            raise ValueError(f"{written!r} is listed twice.")
        people.append((last_name, first_name))
    return people


def written_people(authorships) -> str:
    return f"{LIST_SEPARATOR} ".join(
        f"{authorship.contributor.last_name}, {authorship.contributor.first_name}" for authorship in authorships
    )


def contributor_named(last_name: str, first_name: str) -> Contributor:
    existing = Contributor.objects.filter(last_name__iexact=last_name, first_name__iexact=first_name).first()
    return existing or Contributor.objects.create(last_name=last_name, first_name=first_name)


class PublicationResource(ImportResource):
    """One publication per row, matched by slug (or, without a slug, by title and date)."""

    required_columns = ("title", "kind", "programme", "published_on")

    title = Field(attribute="title", column_name="title", widget=TextWidget())
    subtitle = Field(attribute="subtitle", column_name="subtitle", widget=TextWidget())
    slug = Field(attribute="slug", column_name="slug", widget=TextWidget())
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Publication.Kind.choices))
    authors = Field(column_name="authors")
    editors = Field(column_name="editors")
    programme = Field(
        attribute="programme", column_name="programme", widget=LookupWidget(Programme, "short_name", "name")
    )
    publisher = Field(attribute="publisher", column_name="publisher", widget=TextWidget())
    place = Field(attribute="place", column_name="place", widget=TextWidget())
    published_on = Field(attribute="published_on", column_name="published_on", widget=PlainDateWidget())
    doi = Field(attribute="doi", column_name="doi", widget=TextWidget())
    isbn = Field(attribute="isbn", column_name="isbn", widget=TextWidget())
    url = Field(attribute="url", column_name="url", widget=TextWidget())
    abstract = Field(attribute="abstract", column_name="abstract", widget=TextWidget())
    topics = RelatedListField(attribute="topics", column_name="topics", widget=LookupListWidget(Topic, "name", "slug"))
    volume = Field(attribute="volume", column_name="volume", widget=LookupWidget(Publication, "slug"))
    chapter_order = Field(attribute="chapter_order", column_name="chapter_order", widget=WholeNumberWidget())
    is_published = Field(attribute="is_published", column_name="is_published", widget=YesNoWidget(default=True))

    class Meta:
        model = Publication
        fields = (
            "title",
            "subtitle",
            "slug",
            "kind",
            "authors",
            "editors",
            "programme",
            "publisher",
            "place",
            "published_on",
            "doi",
            "isbn",
            "url",
            "abstract",
            "topics",
            "volume",
            "chapter_order",
            "is_published",
        )
        import_id_fields = ("slug",)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for column, default in (("publisher", "UNIDIR"), ("place", "Geneva")):
            if column in row and is_blank(row[column]):
                row[column] = default
        fill_in_slug(self, row, "published_on")

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.people_from_import = {}
        for column, role in PEOPLE_COLUMNS.items():
            if column not in row:
                continue  # a file without the column leaves those people as they are
            try:
                instance.people_from_import[role] = parse_people(row[column])
            except ValueError as error:
                errors[column] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def people_differ(self, instance) -> bool:
        if instance.pk is None:
            return bool(any(instance.people_from_import.values()))
        for role, people in instance.people_from_import.items():
            current = [
                (last.casefold(), first.casefold())
                for last, first in instance.authorships.filter(role=role)
                .order_by("order")
                .values_list("contributor__last_name", "contributor__first_name")
            ]
            if current != [(last.casefold(), first.casefold()) for last, first in people]:
                return True
        return False

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not import_validation_errors and self.people_differ(instance):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        for role, people in instance.people_from_import.items():
            contributors = [contributor_named(last, first) for last, first in people]
            current = list(
                instance.authorships.filter(role=role).order_by("order").values_list("contributor_id", flat=True)
            )
            if current == [contributor.pk for contributor in contributors]:
                continue
            instance.authorships.filter(role=role).delete()
            Authorship.objects.bulk_create(
                Authorship(publication=instance, contributor=contributor, role=role, order=position)
                for position, contributor in enumerate(contributors, start=1)
            )

    def filter_export(self, queryset, **kwargs):
        ordered = Authorship.objects.select_related("contributor").order_by("role", "order")
        return queryset.select_related("programme", "volume").prefetch_related(
            "topics", Prefetch("authorships", queryset=ordered, to_attr="ordered_authorships")
        )

    def dehydrate_authors(self, publication):
        return written_people(a for a in publication.ordered_authorships if a.role == Authorship.Role.AUTHOR)

    def dehydrate_editors(self, publication):
        return written_people(a for a in publication.ordered_authorships if a.role == Authorship.Role.EDITOR)
