"""When to save a debrief being typed: after a short pause, and at least once a second.

A policy object with an injected clock, driven by the UI: call `edited()` on every
change, ask `seconds_until_due()` to arm a single-shot timer, and when `due()` start a
save with `begin_save()`, then report `save_succeeded(token)` or `save_failed(token)`.
Continuous typing is saved too, so a crash loses at most about the last second. No
Qt and no threads here, so the rules are tested exactly without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.clock import SYSTEM_CLOCK, Clock

PAUSE_SECONDS = 0.6
MAX_UNSAVED_SECONDS = 1.0
RETRY_SECONDS = 5.0


@dataclass(frozen=True)
class SaveToken:
    """Identifies one save: which edits it carried and what was unsaved before it."""

    generation: int
    unsaved_since: float


class AutosavePolicy:
    """Decides when unsaved edits must be written; knows nothing of what is written."""

    def __init__(
        self,
        clock: Clock = SYSTEM_CLOCK,
        *,
        pause: float = PAUSE_SECONDS,
        max_unsaved: float = MAX_UNSAVED_SECONDS,
        retry_after: float = RETRY_SECONDS,
    ) -> None:
        self._clock = clock
        self._pause = pause
        self._max_unsaved = max_unsaved
        self._retry_after = retry_after
        self._generation = 0
        self._last_edit = 0.0
        self._unsaved_since: float | None = None
        self._in_flight: SaveToken | None = None
        self._not_before = 0.0
        self.failed = False

    @property
    def has_unsaved_changes(self) -> bool:
        """True while any edit is not yet confirmed saved (ask before lock or close)."""
        return self._unsaved_since is not None or self._in_flight is not None

    def edited(self) -> None:
        """Record a change the user just made."""
        now = self._clock.monotonic()
        self._generation += 1
        self._last_edit = now
        if self._unsaved_since is None:
            self._unsaved_since = now

    def _due_at(self) -> float | None:
        if self._unsaved_since is None or self._in_flight is not None:
            return None
        due = min(self._last_edit + self._pause, self._unsaved_since + self._max_unsaved)
        return max(due, self._not_before)

    def due(self) -> bool:
        """Whether to start a save now."""
        due_at = self._due_at()
        return due_at is not None and self._clock.monotonic() >= due_at

    def seconds_until_due(self) -> float | None:
        """How long until a save is due (0 = now); None when nothing waits or one runs."""
        due_at = self._due_at()
        return None if due_at is None else max(0.0, due_at - self._clock.monotonic())

    def begin_save(self) -> SaveToken:
        """Call as the current text is handed to the save; later edits wait for the next."""
        if self._unsaved_since is None:
            raise RuntimeError("nothing to save")
        token = SaveToken(self._generation, self._unsaved_since)
        self._in_flight = token
        self._unsaved_since = None
        return token

    def save_succeeded(self, token: SaveToken) -> None:
        """The save is on disk; edits made since `begin_save` remain unsaved."""
        if self._in_flight == token:
            self._in_flight = None
        self._not_before = 0.0
        self.failed = False

    def save_failed(self, token: SaveToken) -> None:
        """The save failed (e.g. disk full): everything it carried is unsaved again, and
        the next attempt waits `retry_after` seconds so a full disk is not hammered."""
        if self._in_flight == token:
            self._in_flight = None
        earliest = token.unsaved_since
        if self._unsaved_since is not None:
            earliest = min(earliest, self._unsaved_since)
        self._unsaved_since = earliest
        self._not_before = self._clock.monotonic() + self._retry_after
        self.failed = True
