"""Import and export of donors, contributions and UN operational rates of exchange.

Contribution amounts are money: users without donors.view_contribution_amounts export contributions
through ContributionWithoutAmountsResource, which has no amount or currency column at all.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.db.models.functions import Lower
from import_export.fields import Field

from events.models import Event, Registration
from events.resources import RegistrationImportForm, check_row_is_for_event, require_email
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
    is_blank,
)

from .models import Contribution, Donor, ExchangeRate, Sponsorship


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


class SponsorshipImportForm(RegistrationImportForm):
    """Sponsorships are imported into one event: its participants, found by email, and the
    contributions that pay for them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].help_text = (
            "The people in the file are registered for this event; their sponsorships are recorded on those "
            "registrations (type part of the event's title)."
        )


SPONSORSHIP_HEAD_COLUMNS = ("event", "email", "participant", "country", "contribution", "donor")
SPONSORSHIP_COVERS_COLUMNS = ("travel", "accommodation", "daily_allowance")


class SponsorshipWithoutAmountsResource(ImportResource):
    """A sponsored registration per row, for the event chosen on the import form: the participant
    found by email, the contribution by its reference; what it covers, no money columns."""

    required_columns = ("email", "contribution")

    event = Field(attribute="registration__event__slug", column_name="event", widget=TextWidget(), readonly=True)
    email = Field(attribute="registration__participant__email", column_name="email", widget=TextWidget(), readonly=True)
    participant = Field(attribute="registration__participant", column_name="participant", readonly=True)
    country = Field(
        attribute="registration__participant__country", column_name="country", widget=CountryWidget(), readonly=True
    )
    contribution = Field(
        attribute="contribution", column_name="contribution", widget=LookupWidget(Contribution, "reference")
    )
    donor = Field(attribute="contribution__donor__name", column_name="donor", readonly=True)
    travel = Field(attribute="covers_travel", column_name="travel", widget=YesNoWidget())
    accommodation = Field(attribute="covers_accommodation", column_name="accommodation", widget=YesNoWidget())
    daily_allowance = Field(attribute="covers_daily_allowance", column_name="daily_allowance", widget=YesNoWidget())
    notes = Field(attribute="notes", column_name="notes", widget=TextWidget())

    class Meta:
        model = Sponsorship
        fields = (*SPONSORSHIP_HEAD_COLUMNS, *SPONSORSHIP_COVERS_COLUMNS, "notes")

    def __init__(self, event=None, **kwargs):
        super().__init__(**kwargs)
        self.event = event

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("registration__event", "registration__participant", "contribution__donor")

    def before_import(self, dataset, **kwargs):
        if self.event is None:
            raise ValueError("Choose the event these people are sponsored to attend.")

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        check_row_is_for_event(row, self.event)
        require_email(row)

    def lookup_key(self, row):
        email, reference = row.get("email"), row.get("contribution")
        if is_blank(email) or is_blank(reference):
            return None
        return (str(email).strip().lower(), str(reference).strip().lower())

    def load_existing(self, keys):
        """(registration, sponsorship) by key: the event's registrations of the emails, and their
        sponsorships from the contributions named (two queries a batch)."""
        emails = {email for email, _ in keys}
        registrations = {
            registration.participant.email.lower(): registration
            for registration in Registration.objects.filter(event=self.event)
            .select_related("participant", "event")
            .alias(email_lower=Lower("participant__email"))
            .filter(email_lower__in=emails)
        }
        sponsorships = Sponsorship.objects.filter(registration__in=registrations.values()).select_related(
            "registration__participant", "registration__event", "contribution"
        )
        by_key = {self.file_key_of(sponsorship): sponsorship for sponsorship in sponsorships}
        return {key: (registrations.get(key[0]), by_key.get(key)) for key in keys}

    def get_or_init_instance(self, instance_loader, row):
        registration, sponsorship = instance_loader.get_instance(row) or (None, None)
        if sponsorship is not None:
            return sponsorship, False
        return Sponsorship(registration=registration), True

    def column_for(self, attribute: str) -> str | None:
        # The registration is found by the row's email: what is wrong with it is said under that column.
        return "email" if attribute == "registration" else super().column_for(attribute)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.registration_id is None and "email" not in errors:
            errors["registration"] = [
                f"This person has no registration for {self.event.slug!r}: import the attendee list first."
            ]
        super().validate_instance(instance, errors, validate_unique)

    def file_key_of(self, instance):
        if instance.registration_id is None or instance.contribution_id is None:
            return None
        return (instance.registration.participant.email.lower(), instance.contribution.reference.lower())

    def key_column(self):
        return "contribution"


class SponsorshipResource(SponsorshipWithoutAmountsResource):
    """With the amounts and their currency, for finance (importing needs the amounts permission)."""

    currency = Field(attribute="currency", column_name="currency", widget=CurrencyWidget())
    travel_amount = Field(attribute="travel_amount", column_name="travel_amount", widget=DecimalNumberWidget())
    accommodation_amount = Field(
        attribute="accommodation_amount", column_name="accommodation_amount", widget=DecimalNumberWidget()
    )
    daily_allowance_amount = Field(
        attribute="daily_allowance_amount", column_name="daily_allowance_amount", widget=DecimalNumberWidget()
    )

    class Meta:
        model = Sponsorship
        fields = (
            *SPONSORSHIP_HEAD_COLUMNS,
            *SPONSORSHIP_COVERS_COLUMNS,
            "currency",
            "travel_amount",
            "accommodation_amount",
            "daily_allowance_amount",
            "notes",
        )
