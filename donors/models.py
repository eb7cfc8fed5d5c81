from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from djmoney.models.fields import MoneyField
from simple_history.models import HistoricalRecords

from events.models import Event, Registration
from events.rules import ATTENDABLE_STATUSES
from programmes.models import InformationResource, Programme
from publications.models import Publication
from unidir_cb.core import wording
from unidir_cb.core.models import TimeStampedModel


class Donor(TimeStampedModel):
    class Kind(models.TextChoices):
        MEMBER_STATE = "member_state", _("Member State")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        FOUNDATION = "foundation", _("Foundation")
        UN_ENTITY = "un_entity", _("UN entity")
        # The institute's own budget is a funding source like a donor (its allocations are recorded as
        # contributions, converted and reported the same way), but letters do not count it as a donor.
        INSTITUTE_BUDGET = "institute_budget", _("The institute's own budget")

    name = models.CharField(max_length=200, unique=True, help_text='Without article: "Czech Republic".')
    name_takes_article = models.BooleanField(
        "name takes 'the'", default=False, help_text='Written "the Netherlands", "the European Union" in running text.'
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    country = CountryField(blank=True, help_text="For Member States.")
    display_order = models.PositiveSmallIntegerField(
        default=100, help_text="Position in lists of donors in letters and reports (then by name)."
    )

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name

    @property
    def name_in_text(self) -> str:
        return wording.name_in_text(self.name, self.name_takes_article)

    def clean(self):
        if self.kind == self.Kind.MEMBER_STATE and not self.country:
            raise ValidationError({"country": "A Member State donor needs its country."})


class Contribution(TimeStampedModel):
    class FundingType(models.TextChoices):
        CORE = "core", _("Core programme funding")
        ACTIVITY_SPECIFIC = "activity_specific", _("Activity-specific")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        SIGNED = "signed", _("Signed")
        RECEIVED = "received", _("Received")

    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="contributions")
    reference = models.CharField(max_length=100, unique=True, help_text="Agreement or grant reference.")
    funding_type = models.CharField(max_length=20, choices=FundingType.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLEDGED)
    amount = MoneyField(max_digits=14, decimal_places=2, default_currency="USD")
    signed_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    covers_from = models.DateField(help_text="First day of the period the money covers.")
    covers_until = models.DateField(help_text="Last day of the period the money covers.")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="contributions")
    events = models.ManyToManyField(Event, blank=True, related_name="funded_by")
    publications = models.ManyToManyField(Publication, blank=True, related_name="funded_by")
    information_resources = models.ManyToManyField(InformationResource, blank=True, related_name="funded_by")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-covers_from", "donor__name"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive"),
            models.CheckConstraint(
                condition=Q(covers_until__gte=F("covers_from")), name="contribution_period_ends_after_start"
            ),
        ]
        permissions = [("view_contribution_amounts", "Can see contribution amounts")]

    def __str__(self):
        return f"{self.donor} {self.reference}"

    def clean(self):
        if self.covers_from and self.covers_until and self.covers_until < self.covers_from:
            raise ValidationError({"covers_until": "The covered period must end after it starts."})
        if self.amount is not None and self.amount.amount is not None and self.amount.amount <= 0:
            raise ValidationError({"amount": "The amount must be positive."})
        if self.status == self.Status.RECEIVED and not self.received_on:
            raise ValidationError({"received_on": "Give the date the money was received."})


class ExchangeRate(TimeStampedModel):
    """A UN operational rate of exchange: units of `currency` for one US dollar in `month`."""

    currency = models.CharField(max_length=3)
    month = models.DateField(help_text="The first day of the month the rate applies to.")
    units_per_usd = models.DecimalField(max_digits=18, decimal_places=6)
    source = models.CharField(max_length=200, default="UN operational rates of exchange")

    class Meta:
        ordering = ["-month", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "month"], name="exchange_rate_unique_month"),
            models.CheckConstraint(condition=Q(units_per_usd__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(condition=Q(month__day=1), name="exchange_rate_month_starts_on_first"),
        ]

    def __str__(self):
        return f"{self.currency} {self.month:%Y-%m}: {self.units_per_usd}"


class Sponsorship(TimeStampedModel):
    """A participant's attendance paid for from a contribution: which costs it covers and, for finance,
    what they came to, in the currency they were paid in. A registration may be sponsored from several
    contributions (travel from one donor, the daily allowance from another), once from each."""

    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="sponsorships")
    contribution = models.ForeignKey(Contribution, on_delete=models.PROTECT, related_name="sponsorships")
    covers_travel = models.BooleanField("travel", default=False)
    covers_accommodation = models.BooleanField("accommodation", default=False)
    covers_daily_allowance = models.BooleanField("daily allowance", default=False)
    # Money (finance and management only, as contribution amounts): blank until finance enters it.
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code of the amounts, e.g. CHF.")
    travel_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    accommodation_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    daily_allowance_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    COSTS = (
        ("covers_travel", "travel_amount", "travel"),
        ("covers_accommodation", "accommodation_amount", "accommodation"),
        ("covers_daily_allowance", "daily_allowance_amount", "daily allowance"),
    )
    AMOUNT_FIELDS = ("currency", "travel_amount", "accommodation_amount", "daily_allowance_amount")

    class Meta:
        ordering = ["-registration__event__starts_at", "registration__participant__last_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "contribution"], name="sponsorship_once_per_contribution"),
            models.CheckConstraint(
                condition=Q(covers_travel=True) | Q(covers_accommodation=True) | Q(covers_daily_allowance=True),
                name="sponsorship_covers_something",
            ),
            models.CheckConstraint(
                condition=(Q(travel_amount__isnull=True) | Q(travel_amount__gte=0))
                & (Q(accommodation_amount__isnull=True) | Q(accommodation_amount__gte=0))
                & (Q(daily_allowance_amount__isnull=True) | Q(daily_allowance_amount__gte=0)),
                name="sponsorship_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.registration} ({self.contribution.reference})"

    @property
    def total_amount(self) -> Decimal | None:
        amounts = [getattr(self, amount) for _, amount, _ in self.COSTS if getattr(self, amount) is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    @property
    def covers_text(self) -> str:
        return ", ".join(label for covers, _, label in self.COSTS if getattr(self, covers))

    def clean(self):
        errors = {}
        if not any(getattr(self, covers) for covers, _, _ in self.COSTS):
            errors["covers_travel"] = "Tick what the sponsorship pays for: travel, accommodation or daily allowance."
        for covers, amount, label in self.COSTS:
            if getattr(self, amount) is not None and not getattr(self, covers):
                errors[amount] = f"An amount for {label} needs {label} ticked."
            elif getattr(self, amount) is not None and getattr(self, amount) < 0:
                errors[amount] = "An amount cannot be negative."
        has_amounts = any(getattr(self, amount) is not None for _, amount, _ in self.COSTS)
        if has_amounts and not self.currency:
            errors["currency"] = "Give the currency of the amounts."
        if self.currency and self.currency not in settings.CURRENCIES:
            errors["currency"] = f"{self.currency} is not one of {', '.join(settings.CURRENCIES)}."
        errors.update(self._registration_errors())
        if errors:
            raise ValidationError(errors)

    def _registration_errors(self) -> dict:
        if not self.registration_id or not self.contribution_id:
            return {}
        registration, contribution = self.registration, self.contribution
        if self._state.adding and registration.status not in ATTENDABLE_STATUSES:
            return {"registration": "Only a confirmed registration can be sponsored."}
        event_day = registration.event.starts_on
        if not contribution.covers_from <= event_day <= contribution.covers_until:
            return {
                "contribution": f"{contribution.reference} covers {contribution.covers_from} to "
                f"{contribution.covers_until}, not the event's start ({event_day})."
            }
        return {}
