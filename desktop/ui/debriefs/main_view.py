"""The unlocked vault's content: a sidebar of places and the page for each place.

This replaces the shell's placeholder view and keeps its small contract with the window:
``failed``/``status`` signals, ``new_debrief``, ``go_to_place``, ``save_pending`` and
``clear_content`` (which empties every widget holding content before it is destroyed
on lock).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.context import AppContext
from desktop.ui.debriefs.debriefs_page import DebriefsPage
from desktop.ui.debriefs.ops import VaultOps
from desktop.ui.debriefs.places import PLACES, Place
from desktop.ui.theme import effective_theme, load_colours
from desktop.ui.widgets import label

log = logging.getLogger("alongside.ui")


class MainView(QWidget):
    """Sidebar and pages for one open vault; Today is the landing page."""

    failed = Signal(object)  # errors the window handles (damage, lock, bugs)
    status = Signal(str)

    def __init__(self, context: AppContext, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ops = VaultOps(context, vault, self._error)
        colours = load_colours(effective_theme(context.settings.theme))

        sidebar = QWidget()
        sidebar.setObjectName("Sidebar")
        self.places = QListWidget()
        self.places.setObjectName("SidebarPlaces")
        self.places.setAccessibleName("Places")
        for index, place in enumerate(PLACES):
            item = QListWidgetItem(place.title)
            shortcut = f"Ctrl+{index + 1}" if index < 6 else ""
            item.setToolTip(f"{place.title} ({shortcut})" if shortcut else place.title)
            self.places.addItem(item)
        self.places.setFixedWidth(170)
        side_layout = QVBoxLayout(sidebar)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(label("Alongside", "AppName"))
        side_layout.addWidget(self.places)

        self.debriefs = DebriefsPage(self.ops, context.clock, colours["accent"])
        self.debriefs.status.connect(self.status.emit)
        self.pages = QStackedWidget()
        self._pages: dict[Place, QWidget] = {}
        for place in PLACES:
            page = self._make_page(place)
            self._pages[place] = page
            self.pages.addWidget(page)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(sidebar)
        layout.addWidget(self.pages, 1)
        self.places.currentRowChanged.connect(self._place_changed)
        self.debriefs.start()
        self.go_to_place(Place.TODAY)

    def _make_page(self, place: Place) -> QWidget:
        if place is Place.DEBRIEFS:
            return self.debriefs
        placeholder = label(f"{place.title} will live here.", "Muted")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return placeholder

    # Errors.
    def _error(self, exc: BaseException) -> None:
        """Expected sentences go to the banner; damage, lock and bugs to the window."""
        from desktop.models.sentences import UserSentence
        from desktop.vault import DiskFull, VaultDamaged, VaultError, VaultLocked

        if isinstance(exc, (VaultDamaged, VaultLocked)) or not isinstance(
            exc, (UserSentence, VaultError)
        ):
            self.failed.emit(exc)
            return
        if isinstance(exc, DiskFull):
            log.warning("ui.disk_full")
        self.debriefs.banner.show_message(getattr(exc, "user_message", str(exc)))

    # Places.
    @property
    def current_place(self) -> Place:
        return PLACES[self.places.currentRow()]

    def go_to_place(self, place: int | Place) -> None:
        """Show a place by its sidebar row (Ctrl+1 … Ctrl+6) or by name."""
        row = PLACES.index(place) if isinstance(place, Place) else int(place)
        self.places.setCurrentRow(row)

    def _place_changed(self, row: int) -> None:
        if row < 0:
            return
        place = PLACES[row]
        if place is not Place.DEBRIEFS:
            self.debriefs.save_pending()
        page = self._pages[place]
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()
        self.pages.setCurrentWidget(page)

    # The window's contract.
    def new_debrief(self, template_id: str | None = None) -> None:
        """Ctrl+N: go to Debriefs and pick a template (or start ``template_id``)."""
        self.go_to_place(Place.DEBRIEFS)
        self.debriefs.new_debrief(template_id)

    def focus_search(self) -> None:
        self.go_to_place(Place.DEBRIEFS)
        self.debriefs.focus_search()

    @property
    def title_edit(self) -> Any:
        return self.debriefs.editor.title_edit

    @property
    def body_edit(self) -> QPlainTextEdit | None:
        return self.debriefs.editor.body_edit

    def save_pending(self) -> bool:
        """Hand unsaved edits to the worker now (queued before the vault closes)."""
        self.debriefs.save_pending()
        return True

    def clear_content(self) -> None:
        """Empty every widget that holds content, and drop late results."""
        self.debriefs.clear_content()
        for page in self._pages.values():
            clear = getattr(page, "clear_content", None)
            if clear is not None and page is not self.debriefs:
                clear()
        self.ops.close()
