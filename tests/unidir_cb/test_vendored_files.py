"""Static files we serve from our own origin (no CDN) are the npm registry's, byte for byte: the
version package.json pins, copied from node_modules into static/vendor/ with its licence."""

import json
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
VENDORED = {
    # static/vendor/ file: (npm package, file in the package)
    "jsqr/jsQR.js": ("jsqr", "dist/jsQR.js"),
    "jsqr/LICENSE": ("jsqr", "LICENSE"),
}


def test_vendored_files_are_the_pinned_npm_packages_files():
    pinned = json.loads((PROJECT / "package.json").read_text())["devDependencies"]
    for vendored, (package, inside) in VENDORED.items():
        installed = PROJECT / "node_modules" / package
        assert json.loads((installed / "package.json").read_text())["version"] == pinned[package]
        assert (PROJECT / "static" / "vendor" / vendored).read_bytes() == (installed / inside).read_bytes(), vendored
