"""Small shared widget helpers: sensitive input flags, labels, and the lazy vault import."""

from __future__ import annotations

from types import ModuleType
from typing import Any, TypeVar

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

SomeWidget = TypeVar("SomeWidget", bound=QWidget)

# A top-level window with this property set shows nothing of the vault (the listening
# session): input there is not activity that keeps the vault unlocked.
OUTSIDE_VAULT = "alongside_outside_vault"


def sensitive_hints() -> Any:
    """``ImhSensitiveData | ImhNoPredictiveText``.

    Computed on use: importing PySide6's ``Qt`` namespace builds ~90 enum classes
    (~20 ms), which start-up avoids until the unlock window is on screen (DESIGN.md §1).
    """
    from PySide6.QtCore import Qt

    return Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText


def __getattr__(name: str) -> Any:
    if name == "SENSITIVE_HINTS":
        return sensitive_hints()
    raise AttributeError(name)


def vault_api() -> ModuleType:
    """``desktop.vault``, imported on first use (it pulls in nacl, sqlcipher3, pydantic).

    Start-up imports only what the unlock window needs (DESIGN.md §1); the app pre-loads
    this module on a worker thread once the window is on screen.
    """
    import desktop.vault

    return desktop.vault


def mark_sensitive(widget: SomeWidget) -> SomeWidget:
    """Keep input methods from learning what is typed here (patient names, passphrases)."""
    widget.setInputMethodHints(widget.inputMethodHints() | sensitive_hints())
    return widget


def label(
    text: str,
    object_name: str = "",
    *,
    wrap: bool = True,
    buddy: QWidget | None = None,
    plain: bool = True,
) -> QLabel:
    """A label; ``object_name`` picks a style (ScreenTitle, Muted, Error).

    ``plain`` (the default) never interprets markup. The unlock screen passes False to
    keep the ``Qt`` namespace out of start-up; its labels only ever show our own
    sentences, which hold no markup.
    """
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    if plain:
        from PySide6.QtCore import Qt

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
        widget.setObjectName("Link")  # styled as an underlined link (base.qss)
    return widget


def vertical_scroller(content: QWidget, page: QWidget) -> None:
    """Put ``content`` in ``page`` inside a frameless area that scrolls only vertically.

    Below the sizes the content needs (a small window, large text), the page scrolls
    instead of squeezing widgets on top of each other; it never scrolls sideways.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout

    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)


def fit_to_screen(
    window: QWidget,
    wanted: tuple[int, int],
    smallest: tuple[int, int],
    frame: tuple[int, int] = (16, 48),
) -> None:
    """Size the window to ``wanted`` but never beyond the screen it opens on.

    At a large system scale (150% on a 1280×800 laptop) the logical screen is small; the
    first window must still fit it whole, title bar and status bar included.
    """
    screen = window.screen()
    width, height = wanted
    min_width, min_height = smallest
    if screen is not None:
        room = screen.availableGeometry()
        # Leave room for the window frame the window manager adds (a restored geometry
        # already includes it).
        width = min(width, room.width() - frame[0])
        height = min(height, room.height() - frame[1])
        min_width, min_height = min(min_width, width), min(min_height, height)
    window.setMinimumSize(min_width, min_height)
    window.resize(width, height)


def fit_height_to_text(dialog: QWidget) -> None:
    """Give a dialog the height its word-wrapped text needs at its current width.

    A top-level window sizes itself from size hints that ignore word wrapping, so large
    text (View > Text size) would squeeze wrapped sentences; called from showEvent.
    """
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(dialog.width())
        if needed > dialog.height():
            dialog.resize(dialog.width(), needed)
