import pytest
from django.utils import translation
from django_countries import countries
from django_countries.fields import Country

from tests.events.participants import verified_user
from unidir_cb.core import un_countries
from unidir_cb.core.data_transfer.resources import CountryListWidget, CountryWidget


def test_the_five_regional_groups_cover_the_193_member_states_once_each():
    members = [code for code in countries if un_countries.regional_group_of(code.code) != "ungrouped"]

    assert len(members) == 193
    assert un_countries.regional_group_of("KE") == "african"
    assert un_countries.regional_group_of("CZ") == "eastern_european"
    assert un_countries.regional_group_of("US") == "western_european_others"
    assert un_countries.regional_group_of("KI") == "asia_pacific"
    assert un_countries.regional_group_of("PS") == "ungrouped"


def test_every_grouping_names_its_source():
    sources = un_countries.sources()

    assert set(sources) == {"regional_groups", "ldc", "lldc", "sids"}
    assert "Department for General Assembly and Conference Management" in sources["regional_groups"]
    assert all("UN-OHRLLS" in sources[grouping] for grouping in ("ldc", "lldc", "sids"))


def test_ldc_lldc_and_sids_memberships_follow_the_un_lists():
    assert len(un_countries.countries_in("ldc")) == 44
    assert len(un_countries.countries_in("lldc")) == 32
    assert un_countries.is_member("HT", "ldc") and un_countries.is_member("HT", "sids")
    assert not un_countries.is_member("BT", "ldc"), "Bhutan graduated in December 2023"
    assert un_countries.is_member("NP", "lldc")
    assert un_countries.is_member("FJ", "sids") and not un_countries.is_member("FJ", "ldc")


def test_counts_by_country_fold_into_regional_and_special_groups():
    counts = un_countries.count_by_grouping([("HT", 3), ("KE", 2), ("FR", 1), ("", 4)])

    assert counts.total == 10
    assert counts.by_regional_group["latin_american_caribbean"] == 3
    assert counts.by_regional_group["african"] == 2
    assert counts.by_regional_group["western_european_others"] == 1
    assert counts.by_special_group == {"ldc": 3, "lldc": 0, "sids": 3}


def test_every_member_state_has_its_un_short_name_in_the_six_languages():
    member_states = [code.code for code in countries if un_countries.regional_group_of(code.code) != "ungrouped"]

    for code in member_states:
        for language in ("en", "fr", "es", "ru", "zh-hans", "ar"):
            assert un_countries.un_name(code, language).strip(), (code, language)
    assert "M49" in un_countries.names_source()


@pytest.mark.parametrize(
    ("language", "russia", "korea"),
    [
        ("en", "Russian Federation", "Republic of Korea"),
        ("fr", "Fédération de Russie", "République de Corée"),
        ("es", "Federación de Rusia", "República de Corea"),
        ("ru", "Российская Федерация", "Республика Корея"),
        ("zh-hans", "俄罗斯联邦", "大韩民国"),
        ("ar", "الاتحاد الروسي", "جمهورية كوريا"),
    ],
)
def test_country_names_everywhere_are_the_un_short_names_in_the_active_language(language, russia, korea):
    with translation.override(language):
        assert Country("RU").name == russia
        assert countries.name("KR") == korea
        assert dict(countries)["RU"] == russia


def test_sentences_write_the_name_as_un_prose_does():
    assert un_countries.name_in_text("RU") == "the Russian Federation"
    assert un_countries.name_in_text("IR") == "the Islamic Republic of Iran"
    assert un_countries.name_in_text("NR") == "Nauru"
    assert un_countries.name_in_text("KE") == "Kenya"


@pytest.mark.django_db
def test_the_profile_form_offers_the_un_names_in_the_visitors_language(client):
    client.force_login(verified_user())

    english = client.get("/en/accounts/profile/").content.decode()
    chinese = client.get("/zh-hans/accounts/profile/").content.decode()

    assert '<option value="NR">Nauru</option>' in english
    assert '<option value="RU">Russian Federation</option>' in english
    assert "Naoero" not in english and ">Russia<" not in english and ">South Korea<" not in english
    assert '<option value="RU">俄罗斯联邦</option>' in chinese


@pytest.mark.parametrize(
    "written",
    ["RU", "ru", "Russia", "Russian Federation", "the Russian Federation", "Российская Федерация", "俄罗斯联邦"],
)
def test_a_spreadsheet_may_name_a_country_by_any_of_its_names(written):
    assert CountryWidget().clean(written) == "RU"


def test_an_unknown_country_in_a_spreadsheet_gets_a_plain_message():
    with pytest.raises(ValueError, match="Unknown country 'Atlantis'"):
        CountryWidget().clean("Atlantis")


def test_a_list_of_countries_in_a_spreadsheet_names_each_unknown_one():
    assert CountryListWidget().clean("KE; Fiji; Российская Федерация") == ["KE", "FJ", "RU"]
    with pytest.raises(ValueError, match="Unknown 'Atlantis', 'Ruritania': use ISO 3166 codes"):
        CountryListWidget().clean("KE; Atlantis; Ruritania")
