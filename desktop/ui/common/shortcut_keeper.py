"""Keep the app's shortcuts (UI.md) working inside text boxes.

On Linux, Qt's text boxes claim Ctrl+E ("end of line", an Emacs binding) before any
window shortcut sees it, so Ctrl+E (export, UI.md) would do nothing while writing. This
filter stops the text box from claiming the keys listed; the shortcut then fires.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


class ShortcutKeeper(QObject):
    """Application-wide filter for ShortcutOverride inside one view (removed with it)."""

    def __init__(self, view: QWidget, sequences: list[str]) -> None:
        super().__init__(view)
        self._view = view
        # The first (only) key combination of each sequence; PySide6's stubs lack
        # QKeySequence.__getitem__, which exists at run time.
        combos = [QKeySequence(sequence)[0] for sequence in sequences]  # type: ignore[index]
        self._keys = {combo.toCombined() for combo in combos}
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Filtered out (and not accepted), the key goes on to the window's shortcut.
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination().toCombined() in self._keys
            and isinstance(watched, QWidget)
            and self._view.isAncestorOf(watched)
        )
