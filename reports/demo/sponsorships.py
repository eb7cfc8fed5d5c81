"""The demo's sponsored participation and visa support letters: officials from least developed
countries and small island developing States whose attendance the EU (the ASEAN table-top exercise,
in euros), Japan (the 2022 summer course in Geneva, paid in Swiss francs) and Australia (the Pacific
Islands briefing, in Australian dollars) paid for; the programme's visa letter template; and letters
issued to the first confirmed participants of the 2027 training who asked for one and gave their
passport details."""

import random
from decimal import Decimal

from donors.models import Contribution, Sponsorship
from events.models import Event, Registration, VisaLetter, VisaLetterTemplate
from events.services.visa_letters import issue_visa_letter
from events.visa_letters import LETTER_ANSWERS_PREFETCH, visa_letter_refusal
from unidir_cb.core import un_countries

from .common import upsert
from .people import SEED
from .questions import TRAINING_2027

# Event, contribution, currency of the costs, (travel, nightly rate, daily allowance), people at most.
SPONSORED = [
    ("ttx-regional-cyber-crisis-management-asean-2022", "SECTEC/2022/EU-01", "EUR", (650, 160, 70), 6),
    ("unitar-unidir-summer-course-2022", "SECTEC/2022/JP-01", "CHF", (1400, 190, 95), 8),
    ("oewg-regional-briefing-pacific-islands-2022", "SECTEC/2022/AU-01", "AUD", (2100, 230, 110), 5),
]
LETTERS_ISSUED = 3
# Amounts are round figures to the franc, as travel budgets are written.
WHOLE = Decimal(1)


def _is_ldc_or_sids(code: str) -> bool:
    return un_countries.is_member(code, "ldc") or un_countries.is_member(code, "sids")


def load_sponsorships(events: dict[str, Event]) -> None:
    rng = random.Random(f"{SEED}:sponsorships")  # noqa: S311 - reproducible demo data, not secrets
    for slug, reference, currency, (travel, nightly, allowance), most in SPONSORED:
        event = events[slug]
        contribution = Contribution.objects.get(reference=reference)
        nights = max((event.ends_on - event.starts_on).days + 1, 1)
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("participant")
        officials = [
            registration
            for registration in confirmed.order_by("pk")
            if _is_ldc_or_sids(registration.participant.country.code)
        ][:most]
        for registration in officials:
            travel_cost = (Decimal(travel) * Decimal(rng.uniform(0.7, 1.5))).quantize(WHOLE)
            upsert(
                Sponsorship,
                {"registration": registration, "contribution": contribution},
                {
                    "covers_travel": True,
                    "covers_accommodation": True,
                    "covers_daily_allowance": True,
                    "currency": currency,
                    "travel_amount": travel_cost,
                    "accommodation_amount": Decimal(nightly * nights),
                    "daily_allowance_amount": Decimal(allowance * nights),
                },
            )


def load_visa_letters(events: dict[str, Event]) -> None:
    event = events[TRAINING_2027]
    upsert(
        VisaLetterTemplate,
        {"programme": event.programme},
        {
            "host": "United Nations Institute for Disarmament Research (UNIDIR)",
            "address": "Palais des Nations\n1211 Geneva 10\nSwitzerland",
        },
    )
    registrations = (
        # Staff issue a letter once the participant has given their passport details (the follow-up form).
        event.registrations.filter(status=Registration.Status.CONFIRMED, follow_up_completed_at__isnull=False)
        .select_related("event__programme", "participant")
        .prefetch_related(LETTER_ANSWERS_PREFETCH)
        .order_by("pk")
    )
    eligible = [registration for registration in registrations if visa_letter_refusal(registration) is None]
    for registration in eligible[:LETTERS_ISSUED]:
        if not VisaLetter.objects.filter(registration=registration).exists():
            issue_visa_letter(registration, tell_participant=False)
