"""Finding the programs the client checks run. A missing one fails the test with what to install:
CI installs them all through `make test`, so a check never skips in silence."""

import shutil
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = PROJECT_ROOT / "node_modules"


def program(name: str, installed_by: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `make test`, which installs {installed_by}")
    return path


def node_package(name: str) -> Path:
    path = NODE_MODULES / name
    if not path.is_dir():
        pytest.fail(f"the npm package {name} is missing from node_modules/: run `make test`, which runs `npm ci`")
    return path
