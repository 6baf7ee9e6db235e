"""Crisis resources: a read-only list from resources/crisis_lines.json, reachable locked.

Public data, outside any vault, so it needs no unlock: the unlock screen, the Help menu
and the "heavy week" card all open it. Each line shows its source and when it was
checked, under the emergency notice.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.look import emphasise
from desktop.ui.common.widgets import label

log = logging.getLogger("alongside.ui")
FALLBACK_NOTICE = "If you are in immediate danger, call your local emergency number."


class CrisisResourcesView(QWidget):
    """The list itself: notice, every line with source and date checked, completeness."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Crisis resources")
        self.lines_text: list[str] = []
        notice_text, completeness, entries = FALLBACK_NOTICE, "", []
        try:
            from desktop.resources import load_crisis_lines

            data = load_crisis_lines()
            notice_text, completeness, entries = (
                data.emergency_notice,
                data.completeness_notice,
                list(data.lines),
            )
        except Exception as exc:  # the notice must show even if the file is damaged
            log.warning("crisis_lines.unreadable %s", type(exc).__name__)
            completeness = "The list of services could not be read. Reinstall Alongside."
        self.notice = emphasise(label(notice_text, "EmergencyNotice"), 1)
        self.notice.setAccessibleName("Emergency notice")
        column = QWidget()
        rows = QVBoxLayout(column)
        rows.setSpacing(14)
        for entry in entries:
            text = f"{entry.service} — {entry.country}\n{entry.how} · {entry.hours}"
            source = f"Source: {entry.source} · checked {entry.checked}"
            item = label(text)
            item.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            item.setAccessibleName(f"{entry.service}, {entry.country}, {entry.how}")
            emphasise(item)
            block = QVBoxLayout()
            block.setSpacing(2)
            block.addWidget(item)
            block.addWidget(label(source, "Muted"))
            rows.addLayout(block)
            self.lines_text.append(text)
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Crisis resources", "ScreenTitle"))
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        self.completeness = label(completeness, "Muted")
        layout.addWidget(self.completeness)


class CrisisResourcesDialog(QDialog):
    """The list in a window of its own (Help menu, heavy-week card, lock screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Crisis resources")
        self.setAccessibleName("Crisis resources")
        self.view = CrisisResourcesView()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(560, 600)


def show_crisis_resources(parent: QWidget | None) -> CrisisResourcesDialog:
    """Open the crisis resources without blocking (works while locked)."""
    dialog = CrisisResourcesDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
