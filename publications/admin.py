from django.contrib import admin, messages
from django.db.models import Count, Prefetch

from unidir_cb.core.data_transfer.admin import ImportExportAdminMixin

from . import services
from .models import Authorship, Contributor, Publication, Translation
from .resources import PublicationResource


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["contributor"]
    extra = 1


class TranslationInline(admin.StackedInline):
    """A translated edition: its title, abstract and file or link, shown to visitors of that language."""

    model = Translation
    fields = ["language", "title", "abstract", "file", "url"]
    extra = 0


@admin.register(Publication)
class PublicationAdmin(ImportExportAdminMixin, admin.ModelAdmin):
    resource_classes = [PublicationResource]
    # The authors and editors columns create contributors and replace bylines.
    extra_import_permissions = (
        "publications.add_contributor",
        "publications.add_authorship",
        "publications.delete_authorship",
    )
    list_display = [
        "title",
        "kind",
        "published_on",
        "author_names",
        "volume",
        "translation_count",
        "is_published",
        "featured_rank",
    ]
    list_filter = ["kind", "is_published", "programme", "topics"]
    list_select_related = ["volume"]
    search_fields = ["title", "subtitle", "abstract", "doi", "isbn", "authorships__contributor__last_name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["programme", "topics", "volume"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AuthorshipInline, TranslationInline]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        ordered_authorships = Authorship.objects.select_related("contributor").order_by("role", "order")
        return (
            super()
            .get_queryset(request)
            .annotate(translation_count=Count("translations", distinct=True))
            .prefetch_related(Prefetch("authorships", queryset=ordered_authorships))
        )

    @admin.display(description="authors / editors")
    def author_names(self, publication):
        return "; ".join(str(authorship.contributor) for authorship in publication.authorships.all())

    @admin.display(description="translations", ordering="translation_count")
    def translation_count(self, publication):
        return publication.translation_count

    @admin.action(description="Show in the public catalogue", permissions=["change"])
    def publish(self, request, queryset):
        count = services.set_in_catalogue(queryset, shown=True)
        self.message_user(request, f"{count} publication(s) are now in the public catalogue.", messages.SUCCESS)

    @admin.action(description="Hide from the public catalogue", permissions=["change"])
    def unpublish(self, request, queryset):
        count = services.set_in_catalogue(queryset, shown=False)
        self.message_user(request, f"{count} publication(s) are hidden from the public catalogue.", messages.SUCCESS)


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "honorific", "affiliation", "publication_count"]
    search_fields = ["last_name", "first_name", "affiliation", "orcid"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(publication_count=Count("authorships__publication", distinct=True))
        )

    @admin.display(description="publications", ordering="publication_count")
    def publication_count(self, contributor):
        return contributor.publication_count


@admin.register(Translation)
class TranslationAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "publication"]
    list_filter = ["language"]
    list_select_related = ["publication"]
    search_fields = ["title", "publication__title"]
    autocomplete_fields = ["publication"]
