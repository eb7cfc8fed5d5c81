from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin

from unidir_cb.core.data_transfer.admin import ImportExportAdminMixin
from unidir_cb.core.languages import UNLanguage

from .admin_actions import CompileSubmissionActionMixin
from .forms import InformationResourceAdminForm
from .models import InformationResource, MappingExercise, MappingSubmission, Organisation, Programme, Topic
from .resources import OrganisationResource


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "short_name", "head_name", "event_count", "publication_count"]
    search_fields = ["name", "short_name", "head_name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                event_count=Count("events", distinct=True), publication_count=Count("publications", distinct=True)
            )
        )

    @admin.display(description="events", ordering="event_count")
    def event_count(self, programme):
        return programme.event_count

    @admin.display(description="publications", ordering="publication_count")
    def publication_count(self, programme):
        return programme.publication_count


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "kind", "order"]
    list_editable = ["order"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(ImportExportAdminMixin, TranslationAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "acronym", "known_by_acronym", "name_takes_article", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]


@admin.register(InformationResource)
class InformationResourceAdmin(TranslationAdmin):
    form = InformationResourceAdminForm
    # Named here: the form names only the field it changes.
    fields = ["name", "kind", "programme", "description", "url", "languages", "partners", "topics", "launched_on"]
    list_display = ["name", "kind", "programme", "language_list", "launched_on"]
    list_filter = ["kind", "programme"]
    list_select_related = ["programme"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["programme", "partners", "topics"]

    @admin.display(description="languages")
    def language_list(self, resource):
        return ", ".join(str(UNLanguage(code).label) for code in resource.languages)


class MappingSubmissionInline(admin.TabularInline):
    model = MappingSubmission
    fields = ["version", "status", "letter_date", "compiled_at", "approved_at", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(MappingExercise)
class MappingExerciseAdmin(CompileSubmissionActionMixin, admin.ModelAdmin):
    list_display = ["reference", "requesting_entity", "programme", "period_start", "period_end", "due_on"]
    list_filter = ["programme"]
    list_select_related = ["requesting_entity", "programme"]
    search_fields = ["reference", "title", "addressees"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["requesting_entity", "programme"]
    inlines = [MappingSubmissionInline]


@admin.register(MappingSubmission)
class MappingSubmissionAdmin(admin.ModelAdmin):
    list_display = ["exercise", "version", "status", "letter_date", "approved_by", "approved_at"]
    list_filter = ["status"]
    list_select_related = ["exercise", "approved_by"]
    search_fields = ["exercise__reference"]
    # The letter's sections are edited on the review page, never as JSON here.
    exclude = ["sections"]
    readonly_fields = [
        "review_page",
        "compiled_at",
        "approved_by",
        "approved_at",
        "sent_at",
        "report_job",
        "rendering_job",
    ]
    autocomplete_fields = ["exercise"]

    @admin.display(description="letter")
    def review_page(self, submission):
        if submission.pk is None:
            return "-"
        url = reverse("mapping:review_version", args=[submission.exercise_id, submission.version])
        return format_html('<a href="{}">Review and edit the letter</a>', url)
