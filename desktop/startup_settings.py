"""The few plaintext settings read before unlock: known vaults, window geometry, theme.

Everything else lives inside the encrypted vault. This file is read with stdlib ``json``
into a plain class so start-up does not pay for pydantic (STYLE.md §6), holds no note
content (DESIGN.md §3), and is written atomically so a crash never leaves half a file.

No dataclasses on the way to the first window: Python 3.11 compiles each generated method
separately, ~0.5 ms per class, and the ``dataclasses`` module adds ~0.7 ms
(docs/performance.md, "Start-up").
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import NamedTuple

SETTINGS_FILE_NAME = "settings.json"
THEMES = ("system", "light", "dark")
# The app's own text sizes, in percent of the desktop's (UI.md: 100% and 150% must hold).
TEXT_SCALES = (100, 125, 150, 200)
CLIPBOARD_SECONDS = (10, 30, 60, 120)


class KnownVault(NamedTuple):
    """A vault this computer has opened: its folder and the name the user gave it."""

    path: str
    name: str


class StartupSettings:
    """Settings that must be known before any vault is unlocked."""

    def __init__(
        self,
        *,
        known_vaults: list[KnownVault] | None = None,
        window_geometry: str = "",
        theme: str = "system",
        text_scale: int = 100,
        clipboard_seconds: int = 30,
        lock_on_minimise: bool = False,
        unlock_failures: dict[str, tuple[int, float]] | None = None,
    ) -> None:
        self.known_vaults: list[KnownVault] = [] if known_vaults is None else known_vaults
        self.window_geometry = window_geometry  # hex of QWidget.saveGeometry(); no content
        self.theme = theme
        self.text_scale = text_scale  # percent of the desktop's text size (View > Text size)
        self.clipboard_seconds = clipboard_seconds  # copies are cleared after this
        self.lock_on_minimise = lock_on_minimise  # View > Lock when minimised
        # Wrong unlock tries in a row, per "kind:folder": (count, time of the last), no secret.
        self.unlock_failures: dict[str, tuple[int, float]] = (
            {} if unlock_failures is None else unlock_failures
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StartupSettings):
            return NotImplemented
        return vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass with eq

    def __repr__(self) -> str:
        fields = ", ".join(f"{key}={value!r}" for key, value in vars(self).items())
        return f"StartupSettings({fields})"

    def remember_vault(self, path: Path | str, name: str) -> None:
        """Put a vault first in the list (most recently used first), without duplicates."""
        key = str(Path(path))
        self.known_vaults = [KnownVault(key, name)] + [
            known for known in self.known_vaults if known.path != key
        ]

    def forget_vault(self, path: Path | str) -> None:
        key = str(Path(path))
        self.known_vaults = [known for known in self.known_vaults if known.path != key]


def _from_json(raw: object) -> StartupSettings:
    """Build settings from parsed JSON, dropping anything malformed rather than failing."""
    settings = StartupSettings()
    if not isinstance(raw, dict):
        return settings
    vaults = raw.get("known_vaults", [])
    if isinstance(vaults, list):
        for entry in vaults:
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("path"), str)
                and isinstance(entry.get("name"), str)
            ):
                settings.known_vaults.append(KnownVault(entry["path"], entry["name"]))
    geometry = raw.get("window_geometry", "")
    if isinstance(geometry, str) and all(c in "0123456789abcdef" for c in geometry):
        settings.window_geometry = geometry
    theme = raw.get("theme", "system")
    if theme in THEMES:
        settings.theme = theme
    failures = raw.get("unlock_failures", {})
    if isinstance(failures, dict):
        for key, value in failures.items():
            if (
                isinstance(key, str)
                and isinstance(value, list)
                and len(value) == 2
                and type(value[0]) is int
                and isinstance(value[1], (int, float))
                and 0 <= value[0] < 1_000_000
                and math.isfinite(value[1])
            ):
                settings.unlock_failures[key] = (value[0], float(value[1]))
    if raw.get("lock_on_minimise") is True:
        settings.lock_on_minimise = True
    seconds = raw.get("clipboard_seconds", 30)
    if type(seconds) is int and seconds in CLIPBOARD_SECONDS:
        settings.clipboard_seconds = seconds
    scale = raw.get("text_scale", 100)
    if type(scale) is int and scale in TEXT_SCALES:
        settings.text_scale = scale
    return settings


def load_settings(path: Path) -> StartupSettings:
    """Read the settings file; a missing or unreadable file gives the defaults."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return StartupSettings()
    except OSError:
        return StartupSettings()
    try:
        return _from_json(json.loads(text))
    except ValueError:
        return StartupSettings()


def save_settings(path: Path, settings: StartupSettings) -> None:
    """Write the settings atomically: a temp file beside the target, fsync, rename.

    The temp file sits in the same folder (never the system temp folder, which portable
    mode must not touch). Raises OSError if the folder is not writable.
    """
    payload = {
        "known_vaults": [{"path": k.path, "name": k.name} for k in settings.known_vaults],
        "window_geometry": settings.window_geometry,
        "theme": settings.theme,
        "text_scale": settings.text_scale,
        "clipboard_seconds": settings.clipboard_seconds,
        "lock_on_minimise": settings.lock_on_minimise,
        "unlock_failures": {k: list(v) for k, v in settings.unlock_failures.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    if os.name == "posix":
        # Make the rename itself durable.
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
