"""Set up a local virtual environment and run the app, the tests or the linters.

Used by the README's two Quick start commands and by CI, so that a fresh clone on a
machine with only Python 3.11+ and pip works without any other set-up. The repository
holds three distributions (docs/architecture.md): the desktop app (`pyproject.toml`), the
relay server (`relay/`) and the wire protocol both import (`wire/`); each action installs
the ones it needs, editable. The venv is (re)installed only when a pyproject.toml or the
requested set changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
WIRE = ROOT / "wire"
RELAY = ROOT / "relay"
# Per action: the local distributions to install, and the desktop app's extras (None: the
# desktop app is not installed at all, so `relay` runs exactly what operators install).
EXTRAS: dict[str, tuple[tuple[Path, ...], str | None]] = {
    "app": ((WIRE,), "desktop"),
    "test": ((WIRE, RELAY), "desktop,dev"),
    "lint": ((WIRE, RELAY), "desktop,dev"),
    "bench": ((WIRE, RELAY), "desktop,dev"),
    "relay": ((WIRE, RELAY), None),
    # The frozen app is built without the relay installed: it cannot be bundled by mistake.
    "build": ((WIRE,), "desktop,dev,packaging"),
}
# The source trees `lint` checks with mypy --strict.
# mypy --strict on all of the desktop app, the wire protocol and the relay.
TYPED_SOURCES = ("desktop", "wire/src", "relay/src")


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv(action: str) -> Path:
    """Create .venv and install what `action` needs unless already current."""
    locals_, extras = EXTRAS[action]
    python = venv_python()
    if not python.exists():
        print("Setting up .venv (first run only)…", flush=True)
        venv.create(VENV, with_pip=True)
    projects = [*locals_, *([ROOT] if extras is not None else [])]
    digest = hashlib.sha256(
        b"".join((project / "pyproject.toml").read_bytes() for project in projects)
        + str(extras).encode()
    ).hexdigest()
    stamp = VENV / f".installed-{action}"
    if stamp.exists() and stamp.read_text() == digest:
        return python
    if action == "build":
        # A venv shared with `test` may hold the relay; the bundle must not find it.
        subprocess.run(
            [str(python), "-m", "pip", "uninstall", "--quiet", "--yes", "alongside-relay"],
            check=True,
        )
        (VENV / ".installed-test").unlink(missing_ok=True)
        (VENV / ".installed-lint").unlink(missing_ok=True)
        (VENV / ".installed-bench").unlink(missing_ok=True)
        (VENV / ".installed-relay").unlink(missing_ok=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    # One pip call, so the desktop app's `alongside-wire` requirement is met by the local
    # tree and never looked up on an index.
    editable = [arg for project in locals_ for arg in ("-e", str(project))]
    if extras is not None:
        editable += ["-e", f"{ROOT}[{extras}]"]
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *editable], check=True)
    stamp.write_text(digest)
    return python


def run(command: list[str]) -> int:
    return subprocess.run(command, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(f"usage: python3 scripts/dev.py {{{'|'.join(EXTRAS)}}} [args…]", file=sys.stderr)
        return 2
    action, rest = argv[0], argv[1:]
    python = str(ensure_venv(action))
    if action == "app":
        return run([python, "-m", "desktop", *rest])
    if action == "test":
        return run([python, "-m", "pytest", *rest])
    if action == "lint":
        checks = [
            [python, "-m", "ruff", "check", "."],
            [python, "-m", "ruff", "format", "--check", "."],
            [python, "-m", "mypy", *TYPED_SOURCES],
        ]
        return max(run(check) for check in checks)
    if action == "bench":
        return run([python, *rest])
    if action == "relay":
        return run([python, "-m", "alongside_relay", *rest])
    return run([python, str(ROOT / "packaging" / "build.py"), *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
