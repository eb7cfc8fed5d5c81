from django_countries import countries

from unidir_cb.core import country_groupings


def test_the_five_regional_groups_cover_the_193_member_states_once_each():
    members = [code for code in countries if country_groupings.regional_group_of(code.code) != "ungrouped"]

    assert len(members) == 193
    assert country_groupings.regional_group_of("KE") == "african"
    assert country_groupings.regional_group_of("CZ") == "eastern_european"
    assert country_groupings.regional_group_of("US") == "western_european_others"
    assert country_groupings.regional_group_of("KI") == "asia_pacific"
    assert country_groupings.regional_group_of("PS") == "ungrouped"


def test_every_grouping_names_its_source():
    sources = country_groupings.sources()

    assert set(sources) == {"regional_groups", "ldc", "lldc", "sids"}
    assert "Department for General Assembly and Conference Management" in sources["regional_groups"]
    assert all("UN-OHRLLS" in sources[grouping] for grouping in ("ldc", "lldc", "sids"))


def test_ldc_lldc_and_sids_memberships_follow_the_un_lists():
    assert len(country_groupings.countries_in("ldc")) == 44
    assert len(country_groupings.countries_in("lldc")) == 32
    assert country_groupings.is_member("HT", "ldc") and country_groupings.is_member("HT", "sids")
    assert not country_groupings.is_member("BT", "ldc"), "Bhutan graduated in December 2023"
    assert country_groupings.is_member("NP", "lldc")
    assert country_groupings.is_member("FJ", "sids") and not country_groupings.is_member("FJ", "ldc")


def test_counts_by_country_fold_into_regional_and_special_groups():
    counts = country_groupings.count_by_grouping([("HT", 3), ("KE", 2), ("FR", 1), ("", 4)])

    assert counts.total == 10
    assert counts.by_regional_group["latin_american_caribbean"] == 3
    assert counts.by_regional_group["african"] == 2
    assert counts.by_regional_group["western_european_others"] == 1
    assert counts.by_special_group == {"ldc": 3, "lldc": 0, "sids": 3}
