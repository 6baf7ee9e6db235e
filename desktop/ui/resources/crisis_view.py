"""Crisis resources: the shipped lines from resources/crisis_lines.json, reachable locked.

Public data, outside any vault, so it needs no unlock: the unlock screen (and F1 while
locked) opens it in a window of its own. Each line shows its source and when it was
checked, under the emergency notice; the lines for the country this computer is set to
come first. The user's own lines live in the vault and show only once it is unlocked,
on the Resources page (``crisis_directory.py``), never here.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLocale, Qt
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
UNREADABLE = "The list of services could not be read. Reinstall Alongside."


def this_country() -> str:
    """The country this computer is set to, in English (e.g. "South Africa")."""
    territory = QLocale.system().territory()
    if territory == QLocale.Country.AnyTerritory:
        return ""  # not set (the C locale): no country comes first
    return QLocale.territoryToString(territory)


def shipped_lines() -> tuple[str, str, list[Any]]:
    """(emergency notice, completeness notice, lines); the notice even if the file is bad."""
    try:
        from desktop.resources import load_crisis_lines

        data = load_crisis_lines()
        return data.emergency_notice, data.completeness_notice, list(data.lines)
    except Exception as exc:  # the notice must show even if the file is damaged
        log.warning("crisis_lines.unreadable %s", type(exc).__name__)
        return FALLBACK_NOTICE, UNREADABLE, []


def line_text(entry: Any) -> str:
    return f"{entry.service} — {entry.country}\n{entry.how} · {entry.hours}"


def line_block(entry: Any, note: str = "") -> tuple[QVBoxLayout, Any]:
    """One line: service, country, how and hours; then its source and date checked."""
    item = label(line_text(entry))
    item.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    item.setAccessibleName(f"{entry.service}, {entry.country}, {entry.how}")
    emphasise(item)
    source = f"Source: {entry.source} · checked {entry.checked}"
    block = QVBoxLayout()
    block.setSpacing(2)
    block.addWidget(item)
    block.addWidget(label(source + (f" · {note}" if note else ""), "Muted"))
    return block, item


def scrolling(column: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(column)
    return scroll


class CrisisResourcesView(QWidget):
    """The shipped list: notice, every line with source and date, completeness."""

    def __init__(self, parent: QWidget | None = None, *, country: str | None = None) -> None:
        super().__init__(parent)
        from desktop.models.crisis import order_for_country

        self.setAccessibleName("Crisis resources")
        self.lines_text: list[str] = []
        notice_text, completeness, entries = shipped_lines()
        self.country = this_country() if country is None else country
        self.notice = emphasise(label(notice_text, "EmergencyNotice"), 1)
        self.notice.setAccessibleName("Emergency notice")
        column = QWidget()
        rows = QVBoxLayout(column)
        rows.setSpacing(14)
        for entry in order_for_country(entries, self.country):
            block, _ = line_block(entry)
            rows.addLayout(block)
            self.lines_text.append(line_text(entry))
        rows.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Crisis resources", "ScreenTitle"))
        layout.addWidget(self.notice)
        layout.addWidget(scrolling(column), 1)
        self.completeness = label(completeness, "Muted")
        layout.addWidget(self.completeness)


class CrisisResourcesDialog(QDialog):
    """The shipped list in a window of its own (the lock screen, F1 while locked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Crisis resources")
        self.setAccessibleName("Crisis resources")
        self.view = CrisisResourcesView()
        # Said whether or not the vault holds any: it reveals nothing about its content.
        self.own_lines_hint = label(
            "Lines you added yourself show under Resources once your vault is unlocked.",
            "Muted",
        )
        self.own_lines_hint.setContentsMargins(24, 0, 24, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.own_lines_hint)
        layout.addWidget(buttons)
        self.resize(560, 600)


def show_crisis_resources(parent: QWidget | None) -> CrisisResourcesDialog:
    """Open the crisis resources without blocking (works while locked)."""
    dialog = CrisisResourcesDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
