"""Every string of the interface is translated into the five other UN languages, and the compiled
catalogues (.mo) that Django reads are up to date with the sources (.po)."""

import gettext
import re
import subprocess

import pytest
from django.conf import settings

OTHER_UN_LANGUAGES = ["ar", "zh_Hans", "fr", "ru", "es"]


def catalogue_path(language: str, suffix: str):
    return settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / f"django.{suffix}"


@pytest.mark.parametrize("language", OTHER_UN_LANGUAGES)
def test_every_string_is_translated(language):
    report = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", catalogue_path(language, "po")],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert re.fullmatch(r"\d+ translated messages\.", report.strip().splitlines()[-1]), report


@pytest.mark.parametrize("language", OTHER_UN_LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", fresh, catalogue_path(language, "po")], check=True)

    with open(fresh, "rb") as compiled_now, open(catalogue_path(language, "mo"), "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(compiled_now)._catalog, (
            f"locale/{language}/LC_MESSAGES/django.mo is stale: run `make messages`."
        )
