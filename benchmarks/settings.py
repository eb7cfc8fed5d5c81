"""The project's settings, with the baseline views the benchmarks compare pages against."""

from unidir_cb.settings import *  # noqa: F403 - the real configuration, unchanged but for the URLs

ROOT_URLCONF = "benchmarks.urls"
TEMPLATES[0]["DIRS"].append(BASE_DIR / "benchmarks" / "templates")  # noqa: F405
