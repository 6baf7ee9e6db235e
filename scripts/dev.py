"""Set up a local virtual environment and run the app, the tests or the linters.

Used by the README's two Quick start commands and by CI, so that a fresh clone on a
machine with only Python 3.11+ and pip works without any other set-up. The venv is
(re)installed only when pyproject.toml or the requested extras change.
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
EXTRAS = {
    "app": "desktop",
    "test": "desktop,relay,dev",
    "lint": "desktop,relay,dev",
    "bench": "desktop,relay,dev",
    "relay": "relay",
    "build": "desktop,dev,packaging",
}


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv(extras: str) -> Path:
    """Create .venv and install the project with `extras` unless already current."""
    python = venv_python()
    if not python.exists():
        print("Setting up .venv (first run only)…", flush=True)
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras.replace(',', '-')}"
    if stamp.exists() and stamp.read_text() == digest:
        return python
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extras}]"],
        check=True,
    )
    stamp.write_text(digest)
    return python


def run(command: list[str]) -> int:
    return subprocess.run(command, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(f"usage: python3 scripts/dev.py {{{'|'.join(EXTRAS)}}} [args…]", file=sys.stderr)
        return 2
    action, rest = argv[0], argv[1:]
    python = str(ensure_venv(EXTRAS[action]))
    if action == "app":
        return run([python, "-m", "desktop", *rest])
    if action == "test":
        return run([python, "-m", "pytest", *rest])
    if action == "lint":
        checks = [
            [python, "-m", "ruff", "check", "."],
            [python, "-m", "ruff", "format", "--check", "."],
            [python, "-m", "mypy", "desktop"],
        ]
        return max(run(check) for check in checks)
    if action == "bench":
        return run([python, *rest])
    if action == "relay":
        return run([python, "-m", "desktop.sync.relay.cli", *rest])
    return run([python, str(ROOT / "packaging" / "build.py"), *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
