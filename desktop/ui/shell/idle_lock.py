"""Auto-lock after a period without keyboard or mouse input, by the wall clock.

The check runs on a timer and compares wall-clock time, so a laptop that slept for an
hour locks as soon as it wakes (sleep counts as idle). The clock is injected so tests
advance a fake clock instead of waiting (STYLE.md §8).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.clock import Clock
from desktop.ui.common.widgets import OUTSIDE_VAULT

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


def _activity_events() -> frozenset[QEvent.Type]:
    # Built on first unlock: touching QEvent creates its ~180-member enum (start-up).
    from PySide6.QtCore import QEvent

    return frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )


def _outside_vault(watched: QObject) -> bool:
    """Input in a window that shows nothing of the vault (a listening session shared on
    a call) does not keep the vault unlocked behind it."""
    return isinstance(watched, QWidget) and bool(watched.window().property(OUTSIDE_VAULT))


class IdleLock(QObject):
    """Emits ``timed_out`` once the user has been idle for ``minutes`` minutes."""

    timed_out = Signal()

    def __init__(self, clock: Clock, check_interval_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._clock = clock
        self._minutes = 5
        self._last_activity = 0.0  # set by start(): nothing is timed before a vault opens
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)
        self._watching = False
        self._activity: frozenset[QEvent.Type] = frozenset()

    def follow(self, minutes: int) -> None:
        """Lock after ``minutes`` idle, or never (0): a vault's auto-lock setting."""
        if minutes > 0:
            self.start(minutes)
        else:
            self.stop()

    def start(self, minutes: int) -> None:
        """Start watching for idleness (after unlock)."""
        self._minutes = max(1, int(minutes))
        self._last_activity = self._clock.now().timestamp()
        if not self._activity:
            self._activity = _activity_events()
        if not self._watching:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (after lock)."""
        self._timer.stop()
        if self._watching:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._watching = False

    @property
    def minutes(self) -> int:
        return self._minutes

    def set_minutes(self, minutes: int) -> None:
        self._minutes = max(1, int(minutes))

    def note_activity(self) -> None:
        self._last_activity = self._clock.now().timestamp()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._activity and not _outside_vault(watched):
            self._last_activity = self._clock.now().timestamp()
        return False

    def check(self) -> None:
        """Lock if idle long enough; also called directly by tests after moving the clock."""
        if not self._watching:
            return
        if self._clock.now().timestamp() - self._last_activity >= self._minutes * 60:
            self.stop()
            self.timed_out.emit()
