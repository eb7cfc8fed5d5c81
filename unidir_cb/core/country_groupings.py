"""Country groupings that reports need: UN regional groups, LDC, LLDC and SIDS membership.

The memberships are data (unidir_cb/core/data/country_groupings.json), each list with its source named,
so that updating them after a graduation from LDC status is an edit to one file, not to code.
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "country_groupings.json"
UNGROUPED = "ungrouped"
SPECIAL_GROUPS = ("ldc", "lldc", "sids")


@cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@cache
def regional_group_names() -> dict[str, str]:
    """Regional group key -> name, in the UN's usual order."""
    return {key: group["name"] for key, group in _data()["regional_groups"]["groups"].items()}


@cache
def _regional_group_by_country() -> dict[str, str]:
    return {country: key for key, group in _data()["regional_groups"]["groups"].items() for country in group["members"]}


@cache
def _members(grouping: str) -> frozenset[str]:
    return frozenset(_data()[grouping]["members"])


def sources() -> dict[str, str]:
    data = _data()
    return {
        "regional_groups": data["regional_groups"]["source"],
        **{key: data[key]["source"] for key in SPECIAL_GROUPS},
    }


def special_group_names() -> dict[str, str]:
    return {key: _data()[key]["name"] for key in SPECIAL_GROUPS}


def regional_group_of(country_code: str) -> str:
    return _regional_group_by_country().get(str(country_code), UNGROUPED)


def is_member(country_code: str, grouping: str) -> bool:
    return str(country_code) in _members(grouping)


def countries_in(grouping: str) -> frozenset[str]:
    return _members(grouping)


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
