"""The listening session's soft chime, played with what Alongside already ships.

PySide6-Essentials has no Qt Multimedia (no ``QSoundEffect``), and adding the full
PySide6 (or an audio library) for one short cue would grow the bundle by far more than
it is worth. So the chime (``resources/sounds/chime.wav``, made by
``scripts/make_chime.py``) is handed to the platform's own player:

- Windows: the standard library's ``winsound`` (asynchronous, no window);
- macOS: ``afplay``, always present;
- Linux: the first of ``pw-play``, ``paplay``, ``aplay`` found on the PATH;
- otherwise, or if starting the player fails: ``QApplication.beep()``.

The player runs detached with a fixed argument list (never a shell) and only ever gets
the path of our own file. docs/listening.md records the choice.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.resources import resource_path

log = logging.getLogger("alongside.ui")

LINUX_PLAYERS = ("pw-play", "paplay", "aplay")


def chime_path() -> Path:
    return resource_path("sounds", "chime.wav")


def _beep() -> None:
    QApplication.beep()


def _command_player(command: list[str]) -> Callable[[], None]:
    def play() -> None:
        try:
            subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            log.info("listening.chime_fallback %s", type(exc).__name__)
            _beep()

    return play


def _winsound_player(path: Path) -> Callable[[], None]:
    winsound = importlib.import_module("winsound")  # Windows only; not in typeshed elsewhere

    def play() -> None:
        try:
            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
        except RuntimeError:
            _beep()

    return play


def choose_player(
    platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> tuple[str, Callable[[], None]]:
    """The way this computer will play the chime: (a short name for diagnostics, play)."""
    path = chime_path()
    if not path.is_file():
        return "beep", _beep
    if platform == "win32":
        return "winsound", _winsound_player(path)
    if platform == "darwin":
        return "afplay", _command_player(["afplay", str(path)])
    for player in LINUX_PLAYERS:
        found = which(player)
        if found:
            return player, _command_player([found, str(path)])
    return "beep", _beep
