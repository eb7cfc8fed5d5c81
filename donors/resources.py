"""Import and export of donors, contributions and UN operational rates of exchange.

Contribution amounts are money: users without donors.view_contribution_amounts export contributions
through ContributionWithoutAmountsResource, which has no amount or currency column at all.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from import_export.fields import Field

from events.models import Event
from programmes.models import InformationResource, Programme
from publications.models import Publication
from unidir_cb.core.data_transfer.resources import (
    ChoiceWidget,
    CountryWidget,
    DecimalNumberWidget,
    ImportResource,
    LookupListWidget,
    LookupWidget,
    MonthWidget,
    PlainDateWidget,
    RelatedListField,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
)

from .models import Contribution, Donor, ExchangeRate


class DonorResource(ImportResource):
    """One donor per row, matched by name."""

    required_columns = ("name", "kind")
    key_ignores_case = True

    name = Field(attribute="name", column_name="name", widget=TextWidget())
    name_takes_article = Field(attribute="name_takes_article", column_name="name_takes_article", widget=YesNoWidget())
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Donor.Kind.choices))
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    display_order = Field(attribute="display_order", column_name="display_order", widget=WholeNumberWidget())

    class Meta:
        model = Donor
        fields = ("name", "name_takes_article", "kind", "country", "display_order")
        import_id_fields = ("name",)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.display_order is None:
            instance.display_order = 100


class CurrencyWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        code = super().clean(value, row, **kwargs).upper()
        if code and not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"Write the currency as a three-letter ISO 4217 code such as EUR, not {code!r}.")
        return code


CONTRIBUTION_HEAD_COLUMNS = ("donor", "reference", "funding_type", "status")
CONTRIBUTION_TAIL_COLUMNS = (
    "signed_on",
    "received_on",
    "covers_from",
    "covers_until",
    "programme",
    "events",
    "publications",
    "information_resources",
    "notes",
)


class ContributionWithoutAmountsResource(ImportResource):
    """A contribution per row, matched by its reference; no money columns."""

    required_columns = ("donor", "reference", "funding_type", "covers_from", "covers_until", "programme")

    donor = Field(attribute="donor", column_name="donor", widget=LookupWidget(Donor, "name"))
    reference = Field(attribute="reference", column_name="reference", widget=TextWidget())
    funding_type = Field(
        attribute="funding_type", column_name="funding_type", widget=ChoiceWidget(Contribution.FundingType.choices)
    )
    status = Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(Contribution.Status.choices, default=Contribution.Status.PLEDGED),
    )
    signed_on = Field(attribute="signed_on", column_name="signed_on", widget=PlainDateWidget())
    received_on = Field(attribute="received_on", column_name="received_on", widget=PlainDateWidget())
    covers_from = Field(attribute="covers_from", column_name="covers_from", widget=PlainDateWidget())
    covers_until = Field(attribute="covers_until", column_name="covers_until", widget=PlainDateWidget())
    programme = Field(
        attribute="programme", column_name="programme", widget=LookupWidget(Programme, "short_name", "name")
    )
    events = RelatedListField(attribute="events", column_name="events", widget=LookupListWidget(Event, "slug"))
    publications = RelatedListField(
        attribute="publications", column_name="publications", widget=LookupListWidget(Publication, "slug")
    )
    information_resources = RelatedListField(
        attribute="information_resources",
        column_name="information_resources",
        widget=LookupListWidget(InformationResource, "name"),
    )
    notes = Field(attribute="notes", column_name="notes", widget=TextWidget())

    class Meta:
        model = Contribution
        fields = (*CONTRIBUTION_HEAD_COLUMNS, *CONTRIBUTION_TAIL_COLUMNS)
        import_id_fields = ("reference",)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("donor", "programme").prefetch_related(
            Prefetch("events", queryset=Event.objects.only("slug")),
            Prefetch("publications", queryset=Publication.objects.only("slug")),
            "information_resources",
        )


class ContributionResource(ContributionWithoutAmountsResource):
    """With the amount and its currency, for finance and management."""

    required_columns = (*ContributionWithoutAmountsResource.required_columns, "amount", "currency")

    amount = Field(attribute="amount", column_name="amount", widget=DecimalNumberWidget())
    currency = Field(attribute="amount_currency", column_name="currency", widget=CurrencyWidget())

    class Meta:
        model = Contribution
        # The amount columns sit where finance expects them, after the status.
        fields = (*CONTRIBUTION_HEAD_COLUMNS, "amount", "currency", *CONTRIBUTION_TAIL_COLUMNS)
        import_id_fields = ("reference",)

    def dehydrate_amount(self, contribution):
        return contribution.amount.amount if contribution.amount is not None else None

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        currency = str(instance.amount_currency)
        if currency not in settings.CURRENCIES:
            raise ValidationError({"currency": [f"{currency} is not one of {', '.join(settings.CURRENCIES)}."]})


class ExchangeRateResource(ImportResource):
    """A UN operational rate of exchange per row, matched by currency and month."""

    required_columns = ("currency", "month", "units_per_usd")

    currency = Field(attribute="currency", column_name="currency", widget=CurrencyWidget())
    month = Field(attribute="month", column_name="month", widget=MonthWidget())
    units_per_usd = Field(attribute="units_per_usd", column_name="units_per_usd", widget=DecimalNumberWidget())
    source = Field(attribute="source", column_name="source", widget=TextWidget())

    class Meta:
        model = ExchangeRate
        fields = ("currency", "month", "units_per_usd", "source")
        import_id_fields = ("currency", "month")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.source:
            instance.source = ExchangeRate._meta.get_field("source").default
