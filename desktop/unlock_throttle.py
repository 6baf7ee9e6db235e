"""Wrong passphrases slow down: after 3 wrong tries a growing wait, capped at 60 seconds.

Per vault and per way in (passphrase, recovery code), kept across restarts in the
plaintext settings file, which holds only a count and a time — never a secret, never a
wipe. The cap keeps a colleague from locking the owner out for long; the wait makes
guessing at an unattended PC slow. Stdlib only: the unlock screen uses it at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.clock import Clock
    from desktop.startup_settings import StartupSettings

FREE_TRIES = 3
FIRST_WAIT_SECONDS = 5
MAX_WAIT_SECONDS = 60
PASSPHRASE = "passphrase"  # noqa: S105 (a way in, not a secret)
RECOVERY_CODE = "recovery"


def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong tries in a row: 0, 0, 0, 5, 10, 20, 40, 60…"""
    if failures < FREE_TRIES:
        return 0
    return int(min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_TRIES)))


class UnlockThrottle:
    """Counts wrong tries per vault folder and way in; says how long to wait."""

    def __init__(self, settings: StartupSettings, clock: Clock) -> None:
        self._settings = settings
        self._clock = clock

    @staticmethod
    def _key(folder: Path, kind: str) -> str:
        return f"{kind}:{Path(folder)}"

    def seconds_left(self, folder: Path, kind: str = PASSPHRASE) -> int:
        count, last = self._settings.unlock_failures.get(self._key(folder, kind), (0, 0.0))
        waited = self._clock.now().timestamp() - last
        left = wait_after(int(count)) - waited
        return max(0, int(left + 0.999))

    def failed(self, folder: Path, kind: str = PASSPHRASE) -> None:
        key = self._key(folder, kind)
        count, _ = self._settings.unlock_failures.get(key, (0, 0.0))
        self._settings.unlock_failures[key] = (int(count) + 1, self._clock.now().timestamp())

    def succeeded(self, folder: Path) -> None:
        for kind in (PASSPHRASE, RECOVERY_CODE):
            self._settings.unlock_failures.pop(self._key(folder, kind), None)


def refusal(message: str, seconds: int) -> str:
    """The refusal's own sentence, with the wait after it when there is one."""
    return f"{message} {wait_sentence(seconds)}" if seconds else message


def wait_sentence(seconds: int) -> str:
    """What the unlock screen says while a wait runs."""
    unit = "second" if seconds == 1 else "seconds"
    return f"After several wrong tries, wait {seconds} {unit} before the next one."
