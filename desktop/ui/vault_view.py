"""The unlocked vault: a sidebar of places, the debrief list and a plain editor.

A minimal stand-in until the debrief UI (its own issue) lands, so there is real content
to protect: edits save through ``vault.debriefs`` shortly after typing stops, and on lock.
``clear_content`` empties every widget that holds content before the view is destroyed.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets import PLACES, button, label, mark_sensitive

log = logging.getLogger("alongside.ui")

DEBRIEFS_PLACE = 1
SAVE_DELAY_MS = 800
UNTITLED = "Untitled debrief"


class VaultView(QWidget):
    """Sidebar, list and editor for one open vault."""

    failed = Signal(object)  # any exception from the vault (the window decides)
    status = Signal(str)

    def __init__(self, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._current_id: Any = None
        self._dirty = False
        self._loading = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_pending)

        sidebar = QWidget()
        sidebar.setObjectName("Sidebar")
        self.places = QListWidget()
        self.places.setObjectName("SidebarPlaces")
        self.places.setAccessibleName("Places")
        for place in PLACES:
            self.places.addItem(self._roomy(QListWidgetItem(place)))
        self.places.setCurrentRow(DEBRIEFS_PLACE)
        self.places.setFixedWidth(170)
        side_layout = QVBoxLayout(sidebar)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(label("Alongside", "AppName"))
        side_layout.addWidget(self.places)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._debriefs_page())
        self.placeholder = label("", "Muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.placeholder)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(sidebar)
        layout.addWidget(self.pages, 1)
        self.places.currentRowChanged.connect(self._place_changed)
        self.reload()

    def _debriefs_page(self) -> QWidget:
        page = QWidget()
        self.new_button = button("&New debrief", "New debrief")
        self.new_button.setToolTip("New debrief (Ctrl+N)")
        self.debrief_list = QListWidget()
        self.debrief_list.setAccessibleName("Debriefs")
        self.debrief_list.setObjectName("DebriefList")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Debrief title")
        self.title_edit.setPlaceholderText("Title")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName("Debrief text")
        self.body_edit.setPlaceholderText("What happened, and how are you with it?")
        for widget in (self.title_edit, self.body_edit):
            mark_sensitive(widget)
        self.empty_hint = label(
            "Debriefs are private notes about hard cases. Start one with New debrief.", "Muted"
        )

        list_column = QWidget()
        list_layout = QVBoxLayout(list_column)
        list_layout.addWidget(self.new_button)
        list_layout.addWidget(self.debrief_list, 1)
        editor = QWidget()
        editor.setMaximumWidth(900)  # keeps lines near ~80 characters for writing
        editor_layout = QVBoxLayout(editor)
        editor_layout.addWidget(self.title_edit)
        editor_layout.addWidget(self.body_edit, 1)
        editor_layout.addWidget(self.empty_hint)
        splitter = QSplitter()
        splitter.addWidget(list_column)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self.new_button.clicked.connect(self.new_debrief)
        self.debrief_list.currentItemChanged.connect(self._select)
        self.title_edit.textEdited.connect(self._edited)
        self.body_edit.textChanged.connect(self._edited)
        return page

    def _roomy(self, item: QListWidgetItem) -> QListWidgetItem:
        """Give a list row breathing room that follows the font size (text scales)."""
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 16))
        return item

    def _place_changed(self, row: int) -> None:
        if row == DEBRIEFS_PLACE:
            self.pages.setCurrentIndex(0)
            return
        self.save_pending()
        self.placeholder.setText(f"{PLACES[row]} will live here in a later version of Alongside.")
        self.pages.setCurrentIndex(1)

    def go_to_place(self, row: int) -> None:
        self.places.setCurrentRow(row)

    # Loading and selecting.
    def reload(self) -> None:
        try:
            debriefs = self._vault.debriefs.list()
        except Exception as exc:
            self.failed.emit(exc)
            return
        self._loading = True
        self.debrief_list.clear()
        for debrief in debriefs:
            item = self._roomy(QListWidgetItem(debrief.title or UNTITLED))
            item.setData(Qt.ItemDataRole.UserRole, debrief.id)
            self.debrief_list.addItem(item)
        self._loading = False
        self._show_editor(bool(debriefs))
        if debriefs:
            self.debrief_list.setCurrentRow(0)

    def _show_editor(self, has_debriefs: bool) -> None:
        self.title_edit.setEnabled(has_debriefs)
        self.body_edit.setEnabled(has_debriefs)
        self.empty_hint.setVisible(not has_debriefs)

    def _select(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if self._loading:
            return
        self.save_pending()
        self._load(current)

    def _load(self, item: QListWidgetItem | None) -> None:
        self._loading = True
        try:
            if item is None:
                self._current_id = None
                self.title_edit.clear()
                self.body_edit.clear()
                return
            debrief = self._vault.debriefs.get(item.data(Qt.ItemDataRole.UserRole))
            self._current_id = debrief.id
            self.title_edit.setText(debrief.title)
            self.body_edit.setPlainText(debrief.body)
        except Exception as exc:
            self.failed.emit(exc)
        finally:
            self._loading = False

    def new_debrief(self) -> None:
        self.save_pending()
        self.go_to_place(DEBRIEFS_PLACE)
        try:
            debrief = self._vault.debriefs.add("", "")
        except Exception as exc:
            self.failed.emit(exc)
            return
        item = self._roomy(QListWidgetItem(UNTITLED))
        item.setData(Qt.ItemDataRole.UserRole, debrief.id)
        self._loading = True
        self.debrief_list.insertItem(0, item)
        self.debrief_list.setCurrentItem(item)
        self._loading = False
        self._load(item)
        self._show_editor(True)
        self.title_edit.setFocus()
        log.info("debrief.created")

    # Saving.
    def _edited(self) -> None:
        if self._loading or self._current_id is None:
            return
        self._dirty = True
        self.status.emit("Editing…")
        self._save_timer.start()
        item = self.debrief_list.currentItem()
        if item is not None:
            item.setText(self.title_edit.text() or UNTITLED)

    def save_pending(self) -> bool:
        """Save the open debrief if it changed; False if saving failed."""
        self._save_timer.stop()
        if not self._dirty or self._current_id is None:
            return True
        try:
            self._vault.debriefs.update(
                self._current_id, title=self.title_edit.text(), body=self.body_edit.toPlainText()
            )
        except Exception as exc:
            self.failed.emit(exc)
            return False
        self._dirty = False
        self.status.emit("Saved")
        log.info("debrief.saved")
        return True

    def clear_content(self) -> None:
        """Empty every widget that shows content (before this view is destroyed on lock)."""
        self._save_timer.stop()
        self._loading = True
        self._current_id = None
        self._dirty = False
        self.title_edit.setText("")  # setText, unlike clear(), also drops the undo history
        self.body_edit.setPlainText("")
        self.body_edit.document().clearUndoRedoStacks()
        self.debrief_list.clear()
        self.placeholder.clear()
        self._vault = None
