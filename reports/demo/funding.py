"""The demo's funding: core and activity-specific donors, their contributions in several currencies,
what each funded, and the UN operational rates of exchange for 2022–2023."""

import datetime
from decimal import Decimal

from djmoney.money import Money

from donors.models import Contribution, Donor, ExchangeRate

from .common import upsert

# (name, kind, country, name takes "the"). The letter names 16 donors (6 core + 10 activity-specific)
# although its sentence says "14 donors": the names are kept as the letter lists them.
CORE_DONORS = [
    ("Czech Republic", Donor.Kind.MEMBER_STATE, "CZ", True),
    ("Germany", Donor.Kind.MEMBER_STATE, "DE", False),
    ("Italy", Donor.Kind.MEMBER_STATE, "IT", False),
    ("Netherlands", Donor.Kind.MEMBER_STATE, "NL", True),
    ("Switzerland", Donor.Kind.MEMBER_STATE, "CH", False),
    ("Microsoft", Donor.Kind.PRIVATE_SECTOR, "", False),
]
ACTIVITY_SPECIFIC_DONORS = [
    ("Australia", Donor.Kind.MEMBER_STATE, "AU", False),
    ("Canada", Donor.Kind.MEMBER_STATE, "CA", False),
    ("China", Donor.Kind.MEMBER_STATE, "CN", False),
    ("France", Donor.Kind.MEMBER_STATE, "FR", False),
    ("European Union", Donor.Kind.INTERGOVERNMENTAL, "", True),
    ("Japan", Donor.Kind.MEMBER_STATE, "JP", False),
    ("New Zealand", Donor.Kind.MEMBER_STATE, "NZ", False),
    ("Russian Federation", Donor.Kind.MEMBER_STATE, "RU", True),
    ("United Kingdom", Donor.Kind.MEMBER_STATE, "GB", True),
    ("United States", Donor.Kind.MEMBER_STATE, "US", True),
]

CORE = Contribution.FundingType.CORE
ACTIVITY = Contribution.FundingType.ACTIVITY_SPECIFIC
D = datetime.date

# What each contribution funds names events by slug, publications by title and information resources by name;
# a contribution without a received date has been signed and not yet paid.
CONTRIBUTIONS = [
    {
        "reference": "SECTEC/2022/CZ-01",
        "donor": "Czech Republic",
        "funding_type": CORE,
        "amount": ("2500000.00", "CZK"),
        "signed_on": D(2022, 3, 14),
        "received_on": D(2022, 4, 6),
        "covers": (D(2022, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/DE-01",
        "donor": "Germany",
        "funding_type": CORE,
        "amount": ("600000.00", "EUR"),
        "signed_on": D(2022, 2, 10),
        "received_on": D(2022, 3, 1),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
    },
    {
        "reference": "SECTEC/2023/DE-01",
        "donor": "Germany",
        "funding_type": CORE,
        "amount": ("650000.00", "EUR"),
        "signed_on": D(2023, 2, 8),
        "received_on": D(2023, 3, 2),
        "covers": (D(2023, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/IT-01",
        "donor": "Italy",
        "funding_type": CORE,
        "amount": ("200000.00", "EUR"),
        "signed_on": D(2022, 6, 20),
        "received_on": D(2022, 7, 15),
        "covers": (D(2022, 7, 1), D(2023, 6, 30)),
    },
    {
        "reference": "SECTEC/2022/NL-01",
        "donor": "Netherlands",
        "funding_type": CORE,
        "amount": ("900000.00", "EUR"),
        "signed_on": D(2022, 1, 20),
        "received_on": D(2022, 2, 14),
        "covers": (D(2022, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/CH-01",
        "donor": "Switzerland",
        "funding_type": CORE,
        "amount": ("400000.00", "CHF"),
        "signed_on": D(2022, 1, 27),
        "received_on": D(2022, 2, 21),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
    },
    {
        "reference": "SECTEC/2023/CH-01",
        "donor": "Switzerland",
        "funding_type": CORE,
        "amount": ("400000.00", "CHF"),
        "signed_on": D(2023, 1, 26),
        "received_on": D(2023, 2, 20),
        "covers": (D(2023, 1, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/MS-01",
        "donor": "Microsoft",
        "funding_type": CORE,
        "amount": ("250000.00", "USD"),
        "signed_on": D(2022, 3, 30),
        "received_on": D(2022, 4, 20),
        "covers": (D(2022, 4, 1), D(2023, 3, 31)),
    },
    {
        "reference": "SECTEC/2023/MS-01",
        "donor": "Microsoft",
        "funding_type": CORE,
        "amount": ("250000.00", "USD"),
        "signed_on": D(2023, 4, 3),
        "received_on": None,
        "covers": (D(2023, 4, 1), D(2023, 12, 31)),
    },
    {
        "reference": "SECTEC/2022/AU-01",
        "donor": "Australia",
        "funding_type": ACTIVITY,
        "amount": ("180000.00", "AUD"),
        "signed_on": D(2022, 5, 9),
        "received_on": D(2022, 6, 1),
        "covers": (D(2022, 6, 1), D(2023, 9, 30)),
        "events": ["oewg-regional-briefing-pacific-islands-2022", "cyber-stability-conference-2023"],
    },
    {
        "reference": "SECTEC/2022/CA-01",
        "donor": "Canada",
        "funding_type": ACTIVITY,
        "amount": ("150000.00", "CAD"),
        "signed_on": D(2022, 2, 15),
        "received_on": D(2022, 3, 10),
        "covers": (D(2022, 2, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-latin-america-caribbean-2022"],
    },
    {
        "reference": "SECTEC/2022/CN-01",
        "donor": "China",
        "funding_type": ACTIVITY,
        "amount": ("700000.00", "CNY"),
        "signed_on": D(2022, 2, 22),
        "received_on": D(2022, 3, 18),
        "covers": (D(2022, 2, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-asia-pacific-2022"],
    },
    {
        "reference": "SECTEC/2022/FR-01",
        "donor": "France",
        "funding_type": ACTIVITY,
        "amount": ("120000.00", "EUR"),
        "signed_on": D(2022, 1, 18),
        "received_on": D(2022, 2, 8),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-africa-2022"],
        "publications": ["Navigating the OEWG 2021–2025"],
    },
    {
        "reference": "SECTEC/2022/EU-01",
        "donor": "European Union",
        "funding_type": ACTIVITY,
        "amount": ("450000.00", "EUR"),
        "signed_on": D(2022, 6, 2),
        "received_on": D(2022, 7, 4),
        "covers": (D(2022, 6, 1), D(2023, 5, 31)),
        "events": ["ttx-regional-cyber-crisis-management-asean-2022", "ttx-regional-cyber-crisis-management-oas-2022"],
        "publications": ["Regional Cyber Crisis Management", "Cyber Crisis Simulation Toolkit"],
        "resources": ["Cyber Policy Portal"],
    },
    {
        "reference": "SECTEC/2022/JP-01",
        "donor": "Japan",
        "funding_type": ACTIVITY,
        "amount": ("25000000.00", "JPY"),
        "signed_on": D(2022, 3, 25),
        "received_on": D(2022, 4, 19),
        "covers": (D(2022, 4, 1), D(2023, 3, 31)),
        "events": ["unitar-unidir-summer-course-2022"],
    },
    {
        "reference": "SECTEC/2022/NZ-01",
        "donor": "New Zealand",
        "funding_type": ACTIVITY,
        "amount": ("90000.00", "NZD"),
        "signed_on": D(2022, 4, 12),
        "received_on": D(2022, 5, 6),
        "covers": (D(2022, 4, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-pacific-islands-2022"],
    },
    {
        "reference": "SECTEC/2022/RU-01",
        "donor": "Russian Federation",
        "funding_type": ACTIVITY,
        "amount": ("100000.00", "USD"),
        "signed_on": D(2022, 2, 3),
        "received_on": D(2022, 2, 24),
        "covers": (D(2022, 1, 1), D(2022, 12, 31)),
        "events": ["oewg-regional-briefing-eastern-europe-central-asia-2022"],
    },
    {
        "reference": "SECTEC/2022/GB-01",
        "donor": "United Kingdom",
        "funding_type": ACTIVITY,
        "amount": ("150000.00", "GBP"),
        "signed_on": D(2022, 9, 14),
        "received_on": D(2022, 10, 5),
        "covers": (D(2022, 10, 1), D(2023, 9, 30)),
        "publications": ["Wading Murky Waters"],
    },
    {
        "reference": "SECTEC/2023/US-01",
        "donor": "United States",
        "funding_type": ACTIVITY,
        "amount": ("300000.00", "USD"),
        "signed_on": D(2023, 1, 19),
        "received_on": D(2023, 2, 9),
        "covers": (D(2023, 1, 1), D(2023, 12, 31)),
        "events": ["cyber-stability-conference-2023"],
        "resources": ["Cyber Policy Portal"],
    },
]

# UN operational rates of exchange: units per US dollar, January 2022 to December 2023 (rounded as the
# UN Treasury publishes them). USD itself has the rate 1 by definition and is not stored.
EXCHANGE_RATES = {
    "EUR": "0.881 0.883 0.893 0.909 0.943 0.947 0.955 0.980 1.003 1.018 1.015 0.957 "
    "0.935 0.919 0.937 0.920 0.905 0.928 0.918 0.899 0.918 0.944 0.945 0.918",
    "CHF": "0.918 0.921 0.924 0.930 0.958 0.975 0.956 0.963 0.957 0.985 0.991 0.946 "
    "0.925 0.915 0.930 0.917 0.894 0.906 0.893 0.875 0.880 0.906 0.905 0.880",
    "CZK": "21.50 21.60 21.90 22.80 23.40 23.20 23.60 24.10 24.70 25.10 24.80 23.20 "
    "22.60 22.00 22.30 21.70 21.20 21.90 21.90 21.60 22.30 22.90 23.00 22.40",
    "AUD": "1.370 1.400 1.390 1.340 1.410 1.410 1.460 1.440 1.470 1.530 1.570 1.490 "
    "1.470 1.410 1.490 1.490 1.510 1.530 1.490 1.490 1.540 1.550 1.580 1.520",
    "CAD": "1.260 1.270 1.270 1.250 1.280 1.280 1.300 1.280 1.310 1.380 1.360 1.350 "
    "1.360 1.340 1.360 1.370 1.360 1.350 1.320 1.320 1.350 1.360 1.370 1.360",
    "CNY": "6.370 6.360 6.320 6.370 6.650 6.690 6.700 6.750 6.910 7.120 7.300 6.980 "
    "6.900 6.740 6.960 6.870 6.920 7.100 7.250 7.130 7.280 7.300 7.180 7.100",
    "JPY": "115.10 115.00 115.90 121.90 130.60 128.00 135.60 133.60 138.90 144.50 148.10 139.30 "
    "132.50 130.10 135.80 132.60 136.00 140.30 144.30 141.90 146.20 149.00 150.20 147.20",
    "NZD": "1.460 1.500 1.490 1.440 1.550 1.560 1.620 1.590 1.620 1.740 1.740 1.620 "
    "1.570 1.550 1.620 1.600 1.620 1.650 1.620 1.600 1.690 1.680 1.710 1.640",
    "GBP": "0.741 0.739 0.743 0.759 0.795 0.809 0.839 0.825 0.858 0.906 0.877 0.830 "
    "0.830 0.809 0.830 0.808 0.800 0.805 0.787 0.778 0.795 0.822 0.822 0.795",
}
EXCHANGE_RATE_FIRST_MONTH = datetime.date(2022, 1, 1)


def load_donors(programme, events, publications, resources) -> dict[str, Donor]:
    donors = {}
    # The letter's order (members first, the EU after France, Microsoft last among core donors).
    for position, (name, kind, country, takes_article) in enumerate(CORE_DONORS + ACTIVITY_SPECIFIC_DONORS, 1):
        donors[name] = upsert(
            Donor,
            {"name": name},
            {"kind": kind, "country": country, "name_takes_article": takes_article, "display_order": position * 10},
        )
    for data in CONTRIBUTIONS:
        amount, currency = data["amount"]
        covers_from, covers_until = data["covers"]
        contribution = upsert(
            Contribution,
            {"reference": data["reference"]},
            {
                "donor": donors[data["donor"]],
                "funding_type": data["funding_type"],
                "status": Contribution.Status.RECEIVED if data["received_on"] else Contribution.Status.SIGNED,
                "amount": Money(Decimal(amount), currency),
                "signed_on": data["signed_on"],
                "received_on": data["received_on"],
                "covers_from": covers_from,
                "covers_until": covers_until,
                "programme": programme,
            },
        )
        contribution.events.set([events[slug] for slug in data.get("events", [])])
        contribution.publications.set([publications[title] for title in data.get("publications", [])])
        contribution.information_resources.set([resources[name] for name in data.get("resources", [])])
    return donors


def add_months(month: datetime.date, count: int) -> datetime.date:
    years, month_index = divmod(month.month - 1 + count, 12)
    return datetime.date(month.year + years, month_index + 1, 1)


def load_exchange_rates() -> int:
    count = 0
    for currency, rates in EXCHANGE_RATES.items():
        for offset, rate in enumerate(rates.split()):
            month = add_months(EXCHANGE_RATE_FIRST_MONTH, offset)
            upsert(
                ExchangeRate,
                {"currency": currency, "month": month},
                {"units_per_usd": Decimal(rate).quantize(Decimal("0.000001"))},
            )
            count += 1
    return count
