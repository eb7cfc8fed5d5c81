from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from unidir_cb.core.data_transfer.admin import ImportExportAdminMixin
from unidir_cb.core.permissions import VIEW_AMOUNTS_PERMISSION, may_see_amounts

from .models import Contribution, Donor, ExchangeRate
from .resources import ContributionResource, ContributionWithoutAmountsResource, DonorResource, ExchangeRateResource


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
