"""Files we take from the npm registry instead of a CDN or a download at run time are the registry's,
byte for byte: the version package.json pins, copied from node_modules with its licence (static files
we serve into static/vendor/, the world map's shapes into unidir_cb/core/data/)."""

import json
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
VENDORED = {
    # file in the project: (npm package, file in the package)
    "static/vendor/jsqr/jsQR.js": ("jsqr", "dist/jsQR.js"),
    "static/vendor/jsqr/LICENSE": ("jsqr", "LICENSE"),
    "unidir_cb/core/data/world-atlas/countries-50m.json": ("world-atlas", "countries-50m.json"),
    "unidir_cb/core/data/world-atlas/LICENSE": ("world-atlas", "LICENSE"),
}


def test_vendored_files_are_the_pinned_npm_packages_files():
    pinned = json.loads((PROJECT / "package.json").read_text())["devDependencies"]
    for vendored, (package, inside) in VENDORED.items():
        installed = PROJECT / "node_modules" / package
        assert json.loads((installed / "package.json").read_text())["version"] == pinned[package]
        assert (PROJECT / vendored).read_bytes() == (installed / inside).read_bytes(), vendored
