"""Countries as the United Nations names and groups them: one source for the site, exports and reports.

unidir_cb/core/data/un_countries.json holds, for each country or area, its M49 short name in the six
official languages, the English form a sentence uses ("the Russian Federation"), its UN regional
group and its LDC, LLDC and SIDS memberships, each list with its source and date. Updating a name or
a graduation from LDC status is an edit to that file, not to code.

django-countries keeps the codes and the form fields; settings.COUNTRIES_OVERRIDE hands it the names
from here (`names_for_django_countries`), so every `country.name` on the site, in exports and in
reports is the UN short name in the active language.
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language, override
from django_countries import countries

from .languages import UNLanguage

DATA_FILE = Path(__file__).resolve().parent / "data" / "un_countries.json"
UNGROUPED = "ungrouped"
SPECIAL_GROUPS = ("ldc", "lldc", "sids")


@cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _countries() -> dict[str, dict]:
    return _data()["countries"]


def un_name(country_code: str, language: str | None = None) -> str:
    """The M49 short name in `language` (default: the active one), for a code this list names."""
    return _countries()[str(country_code)][UNLanguage.of_site_language(language or get_language()).value]


def name_in_text(country_code: str) -> str:
    """The English name as a sentence writes it: "the Russian Federation", "Nauru"."""
    entry = _countries().get(str(country_code))
    if entry is None:  # an area M49 does not name keeps django-countries' name
        return countries.name(country_code)
    return entry.get("in_text", entry["en"])


@cache
def _codes_by_name() -> dict[str, str]:
    """Every name a spreadsheet may use, case-folded: the UN names in the six languages, the in-text
    form, and django-countries' ISO and common English names ("Russia", "South Korea") older files carry."""
    from django_countries.data import COUNTRIES as ISO_NAMES

    with override("en"):
        names = {str(name).casefold(): code for code, name in {**ISO_NAMES, **countries.COMMON_NAMES}.items()}
    for code, entry in _countries().items():
        for key in (*UNLanguage.values, "in_text"):
            if key in entry:
                names[entry[key].casefold()] = code
    return names


def code_for_name(name: str) -> str | None:
    """The code of a country written by any of its names, in any of the six languages; None if unknown."""
    text = name.strip()
    if len(text) == 2 and text.upper() in countries:
        return text.upper()
    return _codes_by_name().get(text.casefold())


_lazy_un_name = lazy(un_name, str)


def names_for_django_countries() -> dict[str, object]:
    """COUNTRIES_OVERRIDE: each code this list names, with its name in whatever language is active."""
    return {code: _lazy_un_name(code) for code in _countries()}


@cache
def regional_group_names() -> dict[str, str]:
    """Regional group key -> name, in the UN's usual order."""
    return dict(_data()["regional_groups"])


def sources() -> dict[str, str]:
    """The source of each grouping (regional groups, LDC, LLDC, SIDS), as reports cite them."""
    return {key: source for key, source in _data()["sources"].items() if key != "names"}


def names_source() -> str:
    return _data()["sources"]["names"]


def special_group_names() -> dict[str, str]:
    return dict(_data()["special_groups"])


def regional_group_of(country_code: str) -> str:
    return _countries().get(str(country_code), {}).get("regional_group", UNGROUPED)


def is_member(country_code: str, grouping: str) -> bool:
    return grouping in _countries().get(str(country_code), {}).get("groups", ())


@cache
def countries_in(grouping: str) -> frozenset[str]:
    return frozenset(code for code, entry in _countries().items() if grouping in entry.get("groups", ()))


@dataclass(frozen=True)
class GroupingCounts:
    """Counts of people (or anything with a country) per grouping; one person can be LDC and SIDS."""

    by_regional_group: dict[str, int]
    by_special_group: dict[str, int]
    total: int


def count_by_grouping(counts_by_country: Iterable[tuple[str, int]]) -> GroupingCounts:
    """Fold (country code, count) pairs, e.g. from one GROUP BY query, into grouping totals."""
    regional = Counter(dict.fromkeys(regional_group_names(), 0))
    special = Counter(dict.fromkeys(SPECIAL_GROUPS, 0))
    total = 0
    for country_code, count in counts_by_country:
        total += count
        regional[regional_group_of(country_code or "")] += count
        for grouping in SPECIAL_GROUPS:
            if is_member(country_code or "", grouping):
                special[grouping] += count
    return GroupingCounts(by_regional_group=dict(regional), by_special_group=dict(special), total=total)
