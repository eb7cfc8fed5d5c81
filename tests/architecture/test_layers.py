"""The layers hold: import-linter (the contracts in pyproject.toml) passes on the code as it is, and
fails on a copy of it with an upward import or an import cycle planted in it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

PACKAGES = ("unidir_cb", "programmes", "events", "publications", "donors", "reports")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    # --no-cache: the copy must be analysed as it is, never from a cache of the real tree.
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )


@pytest.fixture
def copy_of_the_code(tmp_path) -> Path:
    for package in PACKAGES:
        shutil.copytree(PROJECT_ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(root: Path, module: str, line: str) -> None:
    path = root / module
    path.write_text(path.read_text() + f"\n{line}\n")


def test_the_code_keeps_every_layer_contract():
    result = lint_imports(PROJECT_ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted_import", "complaint"),
    [
        pytest.param(
            "unidir_cb/core/models.py",
            "import events.models",
            "unidir_cb.core is not allowed to import events",
            id="the kernel imports a domain app",
        ),
        pytest.param(
            "programmes/selectors.py",
            "from reports.selectors import activity_summary",
            "programmes is not allowed to import reports",
            id="a domain app imports the cross-domain reports",
        ),
        pytest.param(
            "publications/selectors.py",
            "from events.models import Event",
            "publications is not allowed to import events",
            id="publications imports its independent sibling events",
        ),
        pytest.param(
            # emails <-> certificates was such a circle before the notifications were set apart.
            "events/certificates.py",
            "from events import emails",
            "No cycles are allowed in events",
            id="an import cycle inside an app",
        ),
    ],
)
def test_a_planted_violation_is_caught(copy_of_the_code, module, planted_import, complaint):
    plant(copy_of_the_code, module, f"{planted_import}  # planted")

    result = lint_imports(copy_of_the_code)

    assert result.returncode == 1
    assert complaint in result.stdout
