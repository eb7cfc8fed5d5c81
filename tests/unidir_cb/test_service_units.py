"""Outside compose, systemd runs the site, the worker and beat (deploy/systemd/, README Production):
each unit passes `systemd-analyze verify`, and each long-running one is started again whenever it exits."""

import configparser
import shutil
import subprocess

import pytest

from tests.conftest import PROJECT_ROOT

UNITS = PROJECT_ROOT / "deploy" / "systemd"
INSTALLED_AT = "/opt/unidir-cb"
LONG_RUNNING = ["unidir-cb-web.service", "unidir-cb-worker.service", "unidir-cb-beat.service"]


def unit(name) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((UNITS / name).read_text())
    return parser


def test_every_unit_passes_systemd_analyze_verify(tmp_path):
    """Verified as installed: the paths point at this checkout (its .venv holds the same programs)."""
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is missing: run `make test`, which installs Debian's systemd package")
    environment_file = tmp_path / "environment"
    environment_file.write_text("DJANGO_ENV=production\n")
    installed = []
    for source in sorted(UNITS.iterdir()):
        text = source.read_text().replace("/etc/unidir-cb/environment", str(environment_file))
        (tmp_path / source.name).write_text(text.replace(INSTALLED_AT, str(PROJECT_ROOT)))
        installed.append(str(tmp_path / source.name))

    result = subprocess.run(["systemd-analyze", "verify", *installed], capture_output=True, text=True, check=False)

    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert len(installed) == 5


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_a_long_running_unit_is_restarted_for_ever(name):
    service = unit(name)
    assert service["Service"]["Restart"] == "always"
    assert int(service["Service"]["RestartSec"]) <= 10
    assert service["Unit"]["StartLimitIntervalSec"] == "0"  # systemd never gives up on it


def test_the_worker_runs_as_in_compose_and_the_backup_runs_nightly():
    assert "celery -A unidir_cb worker" in unit("unidir-cb-worker.service")["Service"]["ExecStart"]
    assert "manage.py backup" in unit("unidir-cb-backup.service")["Service"]["ExecStart"]
    assert unit("unidir-cb-backup.timer")["Timer"]["OnCalendar"] == "*-*-* 02:30:00"
