#!/usr/bin/env bash
# The relay installs and runs without Qt (DESIGN.md §1): `pip install '.[relay]'` into a
# fresh venv must pull no PySide6 (nor the desktop's SQLCipher), and the relay must import
# and answer --help there.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet ".[relay]"
"$work/venv/bin/python" - <<'PY'
import importlib.util

for desktop_only in ("PySide6", "shiboken6", "sqlcipher3", "keyring"):
    assert importlib.util.find_spec(desktop_only) is None, f"{desktop_only} installed with the relay"
import desktop.sync.relay.app  # noqa: F401

print("relay installs and imports without Qt")
PY
"$work/venv/bin/alongside-relay" --help > /dev/null
