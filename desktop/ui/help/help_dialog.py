"""The help page, offline inside the app; crisis lines one click away from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QTextBrowser, QVBoxLayout, QWidget

from desktop.ui.common.widgets import button
from desktop.ui.help.help_text import help_html


class HelpDialog(QDialog):
    """Non-modal help; ``Crisis lines`` opens the crisis resources."""

    def __init__(
        self,
        places: Iterable[tuple[str, str]],
        shortcuts: Iterable[tuple[str, str]],
        show_crisis_lines: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Alongside help")
        self.setAccessibleName("Alongside help")
        self.page = QTextBrowser()
        self.page.setAccessibleName("Help text")
        self.page.setOpenLinks(False)  # nothing here leaves the app
        self.page.setHtml(help_html(places, shortcuts))
        self.crisis_button = button("&Crisis lines", "Crisis lines", primary=True)
        self.crisis_button.clicked.connect(show_crisis_lines)
        close = button("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.crisis_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addLayout(buttons)
        self.resize(640, 560)


def open_help(
    parent: QWidget,
    menus: list[QMenu],
    places: list[tuple[str, str]],
    show_crisis_lines: Callable[[], object],
) -> HelpDialog:
    """Show the help page (non-modal), its shortcuts read from ``menus`` as they are."""
    shortcuts = [
        (action.text().replace("&", "").rstrip("…"), action.shortcut().toString())
        for menu in menus
        for action in menu.actions()
        if not action.shortcut().isEmpty()
    ]
    dialog = HelpDialog(places, shortcuts, show_crisis_lines, parent)
    dialog.finished.connect(lambda _: dialog.deleteLater())
    dialog.show()
    return dialog
