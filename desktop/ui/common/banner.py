"""A calm, non-modal banner for things the user should know (a save that failed).

As KeePassXC shows core errors: in the window, not in a pop-up that interrupts typing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from desktop.ui.common.widgets import button, label


class Banner(QFrame):
    """One sentence and a Dismiss button; hidden until ``show_message``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.text = label("", "BannerText")
        self.text.setAccessibleName("Notice")
        self.dismiss_button = button("Dismiss", "Dismiss notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss_button)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.hide()

    def show_message(self, text: str) -> None:
        self.text.setText(text)
        self.show()

    def dismiss(self) -> None:
        self.text.setText("")
        self.hide()
