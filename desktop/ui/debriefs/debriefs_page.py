"""The Debriefs place: search and filters above, the paged list, and the editor.

The list shows pages of the vault's debriefs (or, while a query is typed, the search
hits with snippets). Choosing a row saves the open debrief and loads the chosen one; a
new debrief starts from the template picker. Every vault call runs on the runner.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.banner import Banner
from desktop.ui.common.notices import concerns
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label
from desktop.ui.debriefs.autosave import DebriefHandle
from desktop.ui.debriefs.catalogue import Catalogue
from desktop.ui.debriefs.editor_pane import EditorPane
from desktop.ui.debriefs.filters import FilterBar
from desktop.ui.debriefs.list_delegate import DebriefRowDelegate
from desktop.ui.debriefs.list_model import DebriefListModel, IdRole, summary_of
from desktop.ui.debriefs.loading import load_for_editor, sentence_for
from desktop.ui.debriefs.open_row import mark_open_row, mark_open_row_after_reload
from desktop.ui.debriefs.search import (
    MAX_RESULTS,
    SearchBox,
    SearchResultsModel,
    SearchRunner,
)
from desktop.ui.debriefs.shared_matches import SharedMatches
from desktop.ui.debriefs.templates_flow import TemplatesFlow
from desktop.vault.changes import Changed

if TYPE_CHECKING:
    from desktop.vault import ChangeNotice, Vault

log = logging.getLogger("alongside.ui")


class DebriefsPage(QWidget):
    """Search, filters, list and editor for one open vault."""

    status = Signal(str)
    undo_offered = Signal(str, object)  # see MainView.undo_offered
    checkin_requested = Signal()
    export_requested = Signal()

    def __init__(self, ops: VaultOps, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops.bound_to(self)
        self._loading_id: str | None = None
        self.ready = False
        self.catalogue = Catalogue(self.ops, self)
        self.list_model = DebriefListModel(self.ops, self.catalogue.template_names, self)
        self.results_model = SearchResultsModel(self.catalogue.template_names, self.ops.today)
        self.search_runner = SearchRunner(self.ops, self._show_results)
        self.search_box = SearchBox()
        self.filter_bar = FilterBar(self.ops.today)
        self.filters_button = button("Filters", "Show filters")
        self.filters_button.setCheckable(True)
        self.filters_button.setToolTip("Filter by tag, template, date or check-in")
        self.banner = Banner()
        self.list_view = QListView()
        self.list_view.setObjectName("DebriefList")
        self.list_view.setAccessibleName("Debriefs")
        self.list_view.setItemDelegate(DebriefRowDelegate(self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setMinimumWidth(260)
        self.list_empty = label("", "Muted")
        self.list_empty.setAccessibleName("List status")

        self.right = EditorPane(self.ops)
        pane = self.right
        self.empty_state, self.picker, self.editor = pane.empty_state, pane.picker, pane.editor
        self.editor_page = pane.editor_page
        self.export_button, self.trash_button = pane.export_button, pane.trash_button

        list_column = QWidget()
        list_layout = QVBoxLayout(list_column)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.list_view, 1)
        list_layout.addWidget(self.list_empty)
        self.shared_matches = SharedMatches(self.ops)
        list_layout.addWidget(self.shared_matches)
        splitter = QSplitter()
        splitter.addWidget(list_column)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 700])
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.filters_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.filter_bar.hide()

        self._use_model(self.list_model)
        self.search_box.query_changed.connect(self._query_changed)
        self.filters_button.toggled.connect(self.filter_bar.setVisible)
        self.filter_bar.changed.connect(self._filter_changed)
        self.filter_bar.rename_requested.connect(self.rename_tag)
        self.catalogue.bind(self.picker, self.filter_bar, self.editor.tag_row, self.list_model)
        self.catalogue.status.connect(self.status.emit)
        self.picker.chosen.connect(self.start_new)
        self.picker.cancelled.connect(self._picker_cancelled)
        self.templates_flow = TemplatesFlow(
            self.ops, self, self.catalogue.reload_templates, self.undo_offered.emit
        )
        self.templates_flow.follow_picker(
            self.picker, lambda: [t.id for t in self.catalogue.templates if t.retired]
        )
        self.editor.saved.connect(self._saved)
        self.editor.save_failed.connect(self._save_failed)
        self.editor.status.connect(self.status.emit)
        self.editor.checkin_requested.connect(self.checkin_requested.emit)
        self.editor.tag_row.changed.connect(lambda _: self.refresh_tags())
        self.trash_button.clicked.connect(self.trash_current)
        self.export_button.clicked.connect(self.export_requested.emit)
        self.list_model.page_loaded.connect(self.update_list_hint)
        self.list_model.page_loaded.connect(self._mark_open_row_if_unmarked)
        self.list_view.activated.connect(self._row_activated)
        self._focus_after_load = False
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list_view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.trash_current)
        self.right.setCurrentWidget(self.empty_state)
        self.ops.notices.changed.connect(self.vault_changed)

    # Start-up.
    def start(self) -> None:
        """Load templates and tags, then the first page of the list."""
        self.catalogue.load(self._catalogue_ready)

    def _catalogue_ready(self) -> None:
        self.ready = True
        self.list_model.set_filter(self.filter_bar.current())

    def refresh_tags(self) -> None:
        self.catalogue.reload_tags()

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag on every debrief (merging into ``new`` if it exists)."""
        self.catalogue.rename_tag(old, new)

    # The list.
    def _use_model(self, model: Any) -> None:
        if self.list_view.model() is model:
            return
        self.list_view.setModel(model)
        selection = self.list_view.selectionModel()
        selection.currentChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        debrief_id = current.data(IdRole) if current.isValid() else None
        if debrief_id:
            self.open_debrief(debrief_id)

    def _row_activated(self, index: QModelIndex) -> None:
        """Enter (or a double click) on a row: start writing in that debrief."""
        debrief_id = index.data(IdRole)
        if not debrief_id:
            return
        if self.editor.current_id == debrief_id and self.right.currentWidget() is self.editor_page:
            self._focus_editor()
            return
        self._focus_after_load = True
        self.open_debrief(debrief_id)

    def _focus_editor(self) -> None:
        self._focus_after_load = False
        box = self.editor.body_edit
        if box is not None:
            box.setFocus()

    def update_list_hint(self) -> None:
        model = self.list_view.model()
        if model.rowCount() == 0:
            searching = model is self.results_model
            self.list_empty.setText(
                "Nothing matches."
                if searching or self.filter_bar.is_active()
                else "No debriefs yet."
            )
            self.list_empty.show()
        elif model is self.results_model and model.rowCount() >= MAX_RESULTS:
            self.list_empty.setText(
                f"Showing the {MAX_RESULTS} best matches. Add a word to narrow the search."
            )
            self.list_empty.show()
        else:
            self.list_empty.hide()

    def _filter_changed(self) -> None:
        self.list_model.set_filter(self.filter_bar.current())
        if self.search_box.text().strip():
            self._query_changed(self.search_box.text())

    def reload_list(self) -> None:
        self.list_model.reload()

    # Search.
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _query_changed(self, text: str) -> None:
        self.shared_matches.look(text)
        if not text.strip():
            self.search_runner.cancel()
            self.results_model.clear()
            self._use_model(self.list_model)
            self.update_list_hint()
            return
        self.search_runner.search(text, self.filter_bar.current())

    def _show_results(self, hits: list[Any]) -> None:
        self.results_model.set_hits(hits)
        self._use_model(self.results_model)
        self.update_list_hint()
        shown = {hit.summary.id for hit in hits}
        editing_new = self.editor.handle is not None and self.editor.handle.id is None
        if self.editor.current_id not in shown and not editing_new:
            # The editor must not keep showing a debrief the search does not match.
            self.editor.close_session()
            self.editor.show_nothing()
            self.right.setCurrentWidget(self.empty_state)

    # Opening and creating.
    def open_debrief(self, debrief_id: str) -> bool:
        """Save the open debrief, then load ``debrief_id`` into the editor."""
        if self.editor.current_id == debrief_id and self.right.currentWidget() is self.editor_page:
            return True
        if self.editor.autosave is not None and self.editor.autosave.last_save_failed:
            self.banner.show_message(
                "Your latest changes to this debrief are not saved yet, so it stays open. "
                "Free some disk space; Alongside keeps trying."
            )
            return False
        self.editor.close_session()
        self._loading_id = debrief_id

        self.ops.run(
            lambda v: load_for_editor(v, debrief_id),
            lambda loaded: self._loaded(debrief_id, loaded),
        )
        return True

    def _loaded(self, debrief_id: str, loaded: tuple[Any, ...]) -> None:
        if debrief_id != self._loading_id:
            return
        debrief, template, actions, checkin, tags = loaded
        self.catalogue.known_tags = tags
        self.editor.open_existing(debrief, template, actions, checkin, tags)
        self.right.setCurrentWidget(self.editor_page)
        self._mark_open_row(debrief_id)
        if self._focus_after_load:
            self._focus_editor()

    def _mark_open_row(self, debrief_id: str) -> None:
        if self.list_view.model() is self.list_model:
            mark_open_row(self.list_view, self.list_model, debrief_id)

    def _mark_open_row_if_unmarked(self) -> None:
        debrief_id = self.editor.current_id
        if debrief_id is not None and self.list_view.model() is self.list_model:
            mark_open_row_after_reload(self.list_view, self.list_model, debrief_id)

    def new_debrief(self, template_id: str | None = None) -> None:
        """Ctrl+N: show the template picker (or start ``template_id`` at once)."""
        self.editor.close_session()
        self._loading_id = None
        if template_id is not None:
            from desktop.resources import builtin_templates

            known = [*self.catalogue.templates, *builtin_templates()]
            template = next((t for t in known if t.id == template_id), None)
            if template is not None:
                self.start_new(template)
                return
        self.right.setCurrentWidget(self.picker)
        self.picker.focus()

    def start_new(self, template: Any) -> None:
        self.editor.close_session()
        self._loading_id = None
        self.list_view.clearSelection()
        self.editor.open_new(template, self.catalogue.known_tags)
        self.right.setCurrentWidget(self.editor_page)
        log.info("debrief.started")

    def _picker_cancelled(self) -> None:
        self.right.setCurrentWidget(self.empty_state)
        self.list_view.setFocus()

    # Saving.
    def _saved(self, debrief: Any) -> None:
        row = self.list_model.row_of(debrief.id)
        previous = self.list_model.summary_at(row) if row >= 0 else None
        inserted = self.list_model.upsert(summary_of(debrief, previous))
        if self.banner.isVisible() and not self.editor_has_failed_save():
            self.banner.dismiss()
        if (
            previous is None
            and debrief.id == self.editor.current_id
            and self.list_view.model() is self.list_model
        ):
            selection = self.list_view.selectionModel()
            selection.setCurrentIndex(
                self.list_model.index(inserted),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        self.update_list_hint()

    def editor_has_failed_save(self) -> bool:
        return self.editor.autosave is not None and self.editor.autosave.last_save_failed

    def _save_failed(self, exc: BaseException, still_open: bool = True) -> None:
        if still_open:
            where = "Your text is still here, and Alongside will try to save it again"
        else:
            where = (
                "Your latest changes to the debrief you left are kept, and Alongside will "
                "try to save them again"
            )
        self.banner.show_message(f"{sentence_for(exc)} {where} in a few seconds.")
        self.status.emit("Not saved yet")

    def save_pending(self) -> None:
        self.editor.flush()

    # Trash and selection.
    def selected_ids(self) -> list[str]:
        """The selected debriefs in list order, or the open one."""
        indexes = sorted(self.list_view.selectionModel().selectedRows(), key=lambda i: i.row())
        ids = [i.data(IdRole) for i in indexes if i.data(IdRole)]
        if not ids and self.editor.current_id:
            ids = [self.editor.current_id]
        return ids

    def trash_current(self) -> None:
        """Trash the open debrief, or the current row when none is open (30 days to restore).

        A new debrief's pending text is saved first; the id it gets is read on the
        database lane, after that save, so a draft is never left behind.
        """
        handle = self.editor.handle if self.right.currentWidget() is self.editor_page else None
        if handle is not None:
            self.editor.close_session()  # queues the last save before the delete
            target = handle
        else:
            current = self.list_view.currentIndex()
            row_id = current.data(IdRole) if current.isValid() else None
            if row_id is None:
                return
            target = DebriefHandle(None, row_id)
        self.editor.show_nothing()
        self.right.setCurrentWidget(self.empty_state)

        def delete(v: Vault) -> str | None:
            if target.id is not None:
                v.debriefs.delete(target.id)
            return target.id

        self.ops.run(delete, self._moved_to_trash, write=True)

    def _moved_to_trash(self, debrief_id: str | None) -> None:
        if debrief_id is None:
            return
        self.list_model.remove(debrief_id)
        hits = self.results_model.hits
        self.results_model.set_hits([h for h in hits if h.summary.id != debrief_id])
        self.update_list_hint()
        self.status.emit("Moved to trash. You can restore it from Trash for 30 days.")

    def vault_changed(self, notice: ChangeNotice) -> None:
        """Something this page shows changed elsewhere (trash, sync): show it now."""
        if concerns(notice, (Changed.TEMPLATES,), self):
            self.catalogue.reload_templates()
        if concerns(notice, (Changed.TAGS,), self):
            self.catalogue.reload_tags()
        if concerns(notice, (Changed.DEBRIEFS,), self) and self.ready:
            self.list_model.reload()
            if self.search_box.text().strip():
                self._query_changed(self.search_box.text())

    def clear_content(self) -> None:
        """Empty every widget that holds content (on lock)."""
        self.editor.clear_content()
        self.search_box.wipe()
        self.search_runner.cancel()
        self.results_model.clear()
        self.list_model.clear()
        self.banner.dismiss()
        self.filter_bar.clear()
        self.picker.set_templates([])
