from admin_auto_filters.filters import AutocompleteFilterFactory
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from events.resources import event_of_import
from unidir_cb.core.data_transfer.admin import ImportExportAdminMixin
from unidir_cb.core.permissions import VIEW_AMOUNTS_PERMISSION, may_see_amounts

from .models import Contribution, Donor, ExchangeRate, Sponsorship
from .resources import (
    ContributionResource,
    ContributionWithoutAmountsResource,
    DonorResource,
    ExchangeRateResource,
    SponsorshipImportForm,
    SponsorshipResource,
    SponsorshipWithoutAmountsResource,
)


@admin.register(Donor)
class DonorAdmin(ImportExportAdminMixin, admin.ModelAdmin):
    resource_classes = [DonorResource]
    list_display = ["name", "kind", "country", "contribution_count"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(contribution_count=Count("contributions"))

    @admin.display(description="contributions", ordering="contribution_count")
    def contribution_count(self, donor):
        return donor.contribution_count


@admin.register(Contribution)
class ContributionAdmin(ImportExportAdminMixin, SimpleHistoryAdmin):
    """Money: editable by finance, readable by management; programme staff have no access."""

    # Importing sets amounts, so it needs the permission to see them.
    resource_classes = [ContributionResource]
    extra_import_permissions = (VIEW_AMOUNTS_PERMISSION,)

    list_display = ["reference", "donor", "funding_type", "amount", "status", "covers_from", "covers_until"]
    list_filter = ["funding_type", "status", "amount_currency", "donor__kind", "programme"]
    list_select_related = ["donor"]
    search_fields = ["reference", "donor__name", "notes"]
    date_hierarchy = "covers_from"
    autocomplete_fields = ["donor", "programme", "events", "publications", "information_resources"]
    history_list_display = ["status", "amount"]

    def get_export_resource_classes(self, request):
        if may_see_amounts(request.user):
            return [ContributionResource]
        return [ContributionWithoutAmountsResource]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ImportExportAdminMixin, admin.ModelAdmin):
    resource_classes = [ExchangeRateResource]
    import_export_formats = ("csv",)  # the UN publishes its operational rates as tables; CSV is enough
    list_display = ["currency", "month", "units_per_usd", "source"]
    list_filter = ["currency"]
    search_fields = ["currency"]
    date_hierarchy = "month"


@admin.register(Sponsorship)
class SponsorshipAdmin(ImportExportAdminMixin, SimpleHistoryAdmin):
    """Who was sponsored to attend, from which contribution, for what. Programme staff record it;
    the amounts (and their history) are shown to finance and management only, as contribution
    amounts are. Importing sets amounts, so it needs the permission to see them."""

    resource_classes = [SponsorshipResource]
    import_form_class = SponsorshipImportForm
    extra_import_permissions = (VIEW_AMOUNTS_PERMISSION,)

    list_display = ["participant", "country", "event", "contribution", "donor", "covers", "total_amount"]
    list_select_related = ["registration__participant", "registration__event", "contribution__donor"]
    list_filter = [
        AutocompleteFilterFactory("event", "registration__event"),
        "contribution__donor",
        "covers_travel",
        "covers_accommodation",
        "covers_daily_allowance",
    ]
    search_fields = [
        "registration__participant__last_name",
        "registration__participant__email",
        "registration__event__title",
        "contribution__reference",
    ]
    search_help_text = "The participant's name or email, the event's title or the contribution's reference."
    autocomplete_fields = ["registration"]
    fields = [
        "registration",
        "contribution",
        "covers_travel",
        "covers_accommodation",
        "covers_daily_allowance",
        *Sponsorship.AMOUNT_FIELDS,
        "notes",
    ]

    def import_resource_kwargs(self, options):
        return {"event": event_of_import(options)}

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if may_see_amounts(request.user) else [f for f in fields if f not in Sponsorship.AMOUNT_FIELDS]

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if may_see_amounts(request.user) else [name for name in shown if name != "total_amount"]

    def get_export_resource_classes(self, request):
        return [SponsorshipResource] if may_see_amounts(request.user) else [SponsorshipWithoutAmountsResource]

    def history_view(self, request, object_id, extra_context=None):
        # The history shows every amount as it was.
        if not may_see_amounts(request.user):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contribution":
            # A plain list (programme staff may not open contributions): each named by donor and reference.
            kwargs["queryset"] = Contribution.objects.select_related("donor").order_by("donor__name", "reference")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="participant", ordering="registration__participant__last_name")
    def participant(self, sponsorship):
        return sponsorship.registration.participant

    @admin.display(description="country")
    def country(self, sponsorship):
        return sponsorship.registration.participant.country.name

    @admin.display(description="event", ordering="registration__event__starts_at")
    def event(self, sponsorship):
        return sponsorship.registration.event.title

    @admin.display(description="donor", ordering="contribution__donor__name")
    def donor(self, sponsorship):
        return sponsorship.contribution.donor

    @admin.display(description="covers")
    def covers(self, sponsorship):
        return sponsorship.covers_text

    @admin.display(description="amount")
    def total_amount(self, sponsorship):
        total = sponsorship.total_amount
        return f"{sponsorship.currency} {total:,.2f}" if total is not None else "—"
