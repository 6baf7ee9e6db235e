#!/usr/bin/env bash
# The relay installs and runs on its own (DESIGN.md §1): `pip install ./wire ./relay` into a
# fresh venv must pull no PySide6 (nor the desktop's SQLCipher or keyring) and no desktop
# code, and the relay must import and answer --help there.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
# Plain (non-editable) installs, as an operator would do them; one pip call so that the
# relay's `alongside-wire` requirement is met by the local tree, never by an index.
"$work/venv/bin/python" -m pip install --quiet ./wire ./relay
cd "$work"  # away from the clone, so its `desktop/` folder cannot be imported from cwd
"$work/venv/bin/python" - <<'PY'
import importlib.util
import sys

for desktop_only in ("PySide6", "shiboken6", "sqlcipher3", "keyring", "desktop"):
    assert importlib.util.find_spec(desktop_only) is None, f"{desktop_only} installed with the relay"
import alongside_relay.app  # noqa: F401
import alongside_relay.postgres_store  # noqa: F401  (psycopg and its pool came along)

loaded = sorted({name.split(".")[0] for name in sys.modules} & {"PySide6", "desktop"})
assert not loaded, loaded
print("relay installs and imports without Qt or desktop code")
PY
"$work/venv/bin/alongside-relay" --help > /dev/null
"$work/venv/bin/alongside-relay" serve --help > /dev/null
