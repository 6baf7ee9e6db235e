"""Sandboxed user folders for subprocess tests, and a canary scan over what they hold.

A child process gets HOME, XDG_* and TMPDIR pointed at empty folders under the test's
tmp_path; afterwards every file there (and wherever else the test names) is scanned
for canary strings in UTF-8 and UTF-16, the encodings a leak would take.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SANDBOX_VARIABLES = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "XDG_RUNTIME_DIR": "runtime",
    "TMPDIR": "tmp",
}
# Inherited settings that would point a child at the real desktop or real folders.
SCRUBBED_PREFIXES = ("XDG_", "QT_")
SCRUBBED_NAMES = ("DISPLAY", "WAYLAND_DISPLAY")


@dataclass(frozen=True)
class Sandbox:
    """The sandbox folders by name (home, config, …) and the environment using them."""

    folders: dict[str, Path]
    env: dict[str, str]


def make_sandbox(base: Path, **extra: str) -> Sandbox:
    """Create empty folders under `base` and an environment that uses only them."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(SCRUBBED_PREFIXES) and key not in SCRUBBED_NAMES
    }
    folders = {}
    for variable, name in SANDBOX_VARIABLES.items():
        folder = base / name
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folders[name] = folder
        env[variable] = str(folder)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return Sandbox(folders=folders, env=env)


def encodings(text: str) -> list[bytes]:
    """`text` as a leak would store it: UTF-8 and both UTF-16 byte orders."""
    return [text.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def contains_canary(data: bytes, canaries: Iterable[str]) -> bool:
    return any(encoded in data for canary in canaries for encoded in encodings(canary))


def scan_for_canaries(
    folders: Iterable[Path], canaries: Iterable[str]
) -> tuple[list[tuple[Path, str]], int]:
    """Every (file, canary) found under `folders`, and how many files were scanned."""
    canaries = tuple(canaries)
    hits: list[tuple[Path, str]] = []
    scanned = 0
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            scanned += 1
            content = path.read_bytes()
            hits.extend((path, c) for c in canaries if contains_canary(content, (c,)))
    return hits, scanned
