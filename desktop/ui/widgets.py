"""Small shared widget helpers: sensitive input flags, labels, and the lazy vault import."""

from __future__ import annotations

from types import ModuleType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

# The sidebar's places (UI.md), in Ctrl+1 … Ctrl+6 order.
PLACES = ("Today", "Debriefs", "Check-ins", "Actions", "Peers", "Resources")
SENSITIVE_HINTS = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText


def vault_api() -> ModuleType:
    """``desktop.vault``, imported on first use (it pulls in nacl, sqlcipher3, pydantic).

    Start-up imports only what the unlock window needs (DESIGN.md §1); the app pre-loads
    this module on a worker thread once the window is on screen.
    """
    import desktop.vault

    return desktop.vault


def mark_sensitive(widget: QWidget) -> QWidget:
    """Keep input methods from learning what is typed here (patient names, passphrases)."""
    widget.setInputMethodHints(widget.inputMethodHints() | SENSITIVE_HINTS)
    return widget


def label(
    text: str, object_name: str = "", *, wrap: bool = True, buddy: QWidget | None = None
) -> QLabel:
    """A plain label; ``object_name`` picks a style (ScreenTitle, Muted, Error)."""
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        widget.setObjectName(object_name)
    if buddy is not None:
        widget.setBuddy(buddy)
    return widget


def button(
    text: str, accessible_name: str = "", *, primary: bool = False, link: bool = False
) -> QPushButton:
    """A push button with an accessible name; ``primary`` gets the accent colour."""
    widget = QPushButton(text)
    widget.setAccessibleName(accessible_name or text.replace("&", "").rstrip("…"))
    widget.setAutoDefault(False)  # only the one primary button reacts to Enter
    if primary:
        widget.setObjectName("Primary")
    elif link:
        widget.setObjectName("Link")
        widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget
