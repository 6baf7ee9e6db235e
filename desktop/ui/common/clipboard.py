"""The one place copies leave the app: marked secret for clipboard managers, cleared soon.

Whatever is copied while Alongside owns the clipboard (Ctrl+C in a debrief, "Copy
diagnostics") is re-published with the hints clipboard managers and history honour —
``x-kde-passwordManagerHint: secret`` on Linux; on Windows the
``ExcludeClipboardContentFromMonitorProcessing``, ``CanIncludeInClipboardHistory = 0``
and ``CanUploadToCloudClipboard = 0`` formats — and cleared after a while (30 s by
default), on lock and on quit, but only while it still holds our copy: something the
user copied from another program since is never touched.

The deadline is read from the app's one clock (desktop/clock.py), wall time like the idle
lock, so a computer that slept past it clears on waking; a coarse timer only asks the
clock while a copy is pending, and tests move a fake clock and call ``check``.
"""

from __future__ import annotations

import hashlib
import logging
import sys

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

from desktop.clock import Clock

log = logging.getLogger("alongside.clipboard")

OURS = "application/x-alongside-copy"
KDE_HINT_FORMAT = "x-kde-passwordManagerHint"
WINDOWS_PRIVATE = (
    ('application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"', b""),
    ('application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"', b"\x00\x00\x00\x00"),
    ('application/x-qt-windows-mime;value="CanUploadToCloudClipboard"', b"\x00\x00\x00\x00"),
)
DEFAULT_CLEAR_SECONDS = 30
TICK_MS = 1_000  # how often a pending copy asks the clock; the clearing is at most this late


def private_mime(text: str) -> QMimeData:
    """Plain text with every "do not keep this" hint we know of, and our own marker."""
    data = QMimeData()
    data.setText(text)
    data.setData(KDE_HINT_FORMAT, QByteArray(b"secret"))
    if sys.platform == "win32":
        for kind, value in WINDOWS_PRIVATE:
            data.setData(kind, QByteArray(value))
    # A digest, not the text: the marker tells our copy from a later one.
    data.setData(OURS, QByteArray(hashlib.sha256(text.encode()).hexdigest().encode()))
    return data


class ClipboardGuard(QObject):
    """Marks and times every copy made in the app; ``copied(seconds)`` for the status bar."""

    copied = Signal(int)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clear_after_s = DEFAULT_CLEAR_SECONDS
        self._clock = clock
        self._deadline: float | None = None  # wall-clock timestamp; None: nothing pending
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.check)
        self._clipboard: QClipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self._changed)

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard, marked, to be cleared (Copy diagnostics)."""
        self._clipboard.setMimeData(private_mime(text))

    def holds_ours(self) -> bool:
        data = self._clipboard.mimeData()
        return data is not None and data.hasFormat(OURS)

    def _changed(self) -> None:
        data = self._clipboard.mimeData()
        # A copy made while one of our windows has focus is ours (some platforms cannot
        # say who owns the clipboard); anything else is another program's.
        ours = self._clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None
        if data is None or not ours:
            self._stop()  # another program's copy: not ours to clear
            return
        if not data.hasFormat(OURS):
            # A copy from one of our text boxes: publish it again, marked.
            text = data.text()
            if text:
                self._clipboard.setMimeData(private_mime(text))
            return
        self._deadline = self._clock.now().timestamp() + self.clear_after_s
        self._timer.start()
        log.info("clipboard.copied")
        self.copied.emit(self.clear_after_s)

    @property
    def pending(self) -> bool:
        """True while a copy of ours waits to be cleared."""
        return self._deadline is not None

    def check(self) -> None:
        """Clear once the clock has passed the deadline (the timer's tick; tests call it)."""
        if self._deadline is not None and self._clock.now().timestamp() >= self._deadline:
            self.clear()

    def _stop(self) -> None:
        self._timer.stop()
        self._deadline = None

    def clear(self) -> None:
        """Empty the clipboard if it still holds our copy (timeout, lock, quit)."""
        self._stop()
        if self.holds_ours():
            self._clipboard.clear()
            log.info("clipboard.cleared")
