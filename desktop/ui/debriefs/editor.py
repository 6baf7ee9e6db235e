"""The debrief editor: a title, one text box per template field, tags, actions, check-in.

The title may be left blank: it then follows the first field (shown as the title's
placeholder). Text is plain text only (never rendered as HTML). Every content widget is
marked sensitive, so input methods do not learn what is written. Saving is the
``Autosave`` session's job; this widget only says what changed.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.look import emphasise, friendly_time
from desktop.ui.common.ops import VaultOps
from desktop.ui.common.widgets import button, label, mark_sensitive
from desktop.ui.debriefs.action_list import ActionChecklist
from desktop.ui.debriefs.autosave import Autosave, DebriefHandle, Snapshot
from desktop.ui.debriefs.tag_row import TagRow
from desktop.ui.peers.follow_ups import FollowUpOffer
from desktop.ui.peers.talked_with import TalkedWith

LINE_CHARS = 80
PLAIN_FIELD = "body"


def plain_template() -> Any:
    """A stand-in template for a debrief written without one: one "Note" field."""
    note = SimpleNamespace(id=PLAIN_FIELD, heading="Note", prompt="", holds_actions=False)
    return SimpleNamespace(
        id=None, name="Note", estimated_minutes=5, attribution="", licence="", fields=(note,)
    )


def words_in(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


class FieldBox(QPlainTextEdit):
    """A plain-text box that grows with its text, so the page scrolls, not each box."""

    focused = Signal()

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def __init__(self, heading: str, prompt: str) -> None:
        super().__init__()
        self.setAccessibleName(heading)
        self.setAccessibleDescription(prompt)
        self.setPlaceholderText(prompt)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        mark_sensitive(self)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        lines = max(4, int(self.document().documentLayout().documentSize().height()) + 1)
        height = lines * self.fontMetrics().lineSpacing() + 18
        self.setFixedHeight(min(height, 2000))


class DebriefEditor(QWidget):
    """Edits one debrief at a time; ``open_new``/``open_existing`` start a session."""

    saved = Signal(object)  # Debrief
    save_failed = Signal(object, bool)  # exception, still open in this editor
    status = Signal(str)
    error = Signal(object)
    checkin_requested = Signal()
    actions_changed = Signal()

    def __init__(self, ops: VaultOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.autosave: Autosave | None = None
        # Sessions left while a save was still on its way or failing (they keep retrying).
        self._leaving: list[Autosave] = []
        self.template: Any = None
        self.debrief: Any = None
        self._loading = False
        self.field_edits: dict[str, FieldBox] = {}
        self.checklists: dict[str, ActionChecklist] = {}
        self.action_offers: dict[str, Any] = {}

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("DebriefTitle")
        self.title_edit.setAccessibleName("Debrief title")
        self.title_edit.setToolTip("Leave blank to use the first line you write")
        emphasise(self.title_edit, 4)
        mark_sensitive(self.title_edit)
        self.meta = label("", "Muted")
        self.meta.setAccessibleName("Template and times")
        self.word_count = label("", "Muted", wrap=False)
        self.word_count.setAccessibleName("Word count")
        self.tag_row = TagRow(self._ops, self.ensure_saved)
        self.talked_with = TalkedWith(self._ops, self.ensure_saved)  # issue 14
        self.follow_up_offer = FollowUpOffer(self._ops)
        self.checkin_text = label("Check-in: none yet", "Muted")
        self.checkin_text.setAccessibleName("Check-in for this debrief")
        self.checkin_button = button("Check &in…", "Check in with this debrief")
        self.checkin_button.setToolTip("Add a check-in to this debrief")
        self.attribution = label("", "Muted")
        self.attribution.setObjectName("Attribution")
        self.attribution.setAccessibleName("Template attribution")

        self._fields_holder = QVBoxLayout()
        self._fields_holder.setSpacing(6)
        self.column = QWidget()
        self.column.setObjectName("EditorColumn")
        column_layout = QVBoxLayout(self.column)
        column_layout.setContentsMargins(24, 16, 24, 24)
        column_layout.setSpacing(8)
        column_layout.addWidget(self.title_edit)
        column_layout.addWidget(self.meta)
        column_layout.addLayout(self._fields_holder)
        checkin_row = QHBoxLayout()
        checkin_row.addWidget(self.checkin_text)
        checkin_row.addWidget(self.checkin_button)
        checkin_row.addStretch(1)
        checkin_row.addWidget(self.word_count)
        column_layout.addWidget(self.tag_row)
        column_layout.addWidget(self.talked_with)
        column_layout.addLayout(checkin_row)
        column_layout.addWidget(self.follow_up_offer)
        column_layout.addWidget(self.attribution)
        column_layout.addStretch(1)
        # About 80 characters per line for writing (UI.md), centred in wide windows.
        self.column.setMaximumWidth(self.fontMetrics().averageCharWidth() * LINE_CHARS + 48)
        centring = QWidget()
        row = QHBoxLayout(centring)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.column, 20)
        row.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The page scrolls down, never sideways: rows wrap instead (UI.md).
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(centring)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.title_edit.textEdited.connect(self._edited)
        self.checkin_button.clicked.connect(self.checkin_requested.emit)

    # Sessions.
    @property
    def body_edit(self) -> QPlainTextEdit | None:
        """The first field's text box (the one new text usually goes into)."""
        return next(iter(self.field_edits.values()), None)

    @property
    def handle(self) -> DebriefHandle | None:
        return None if self.autosave is None else self.autosave.handle

    @property
    def current_id(self) -> str | None:
        handle = self.handle
        return None if handle is None else handle.id

    def open_new(self, template: Any, known_tags: list[str]) -> None:
        """Start a new debrief from ``template``; it is stored on its first save."""
        self._start(template, DebriefHandle(template), None, [], None, known_tags)
        self.meta.setText(f"{template.name} · about {template.estimated_minutes} minutes · new")
        focus = self.body_edit
        if focus is not None:
            focus.setFocus()

    def open_existing(
        self, debrief: Any, template: Any, actions: list[Any], checkin: Any, known: list[str]
    ) -> None:
        """Show a saved debrief (with the template version it was written with)."""
        handle = DebriefHandle(template, debrief.id)
        if template is None:
            template = plain_template()
            debrief = debrief.model_copy(update={"fields": {PLAIN_FIELD: debrief.body}})
        self._start(template, handle, debrief, actions, checkin, known)

    def _start(
        self,
        template: Any,
        handle: DebriefHandle,
        debrief: Any,
        actions: list[Any],
        checkin: Any,
        known_tags: list[str],
    ) -> None:
        self.close_session()
        self._loading = True
        self.template, self.debrief = template, debrief
        self._build_fields(template, actions)
        fields = {} if debrief is None else dict(debrief.fields)
        for field_id, box in self.field_edits.items():
            box.setPlainText(fields.get(field_id, ""))
            box.moveCursor(QTextCursor.MoveOperation.End)
        automatic = debrief is None or debrief.title_is_automatic
        self.title_edit.setText("" if automatic else debrief.title)
        self.title_edit.setPlaceholderText(
            (debrief.title if debrief is not None and automatic else "") or "Title (optional)"
        )
        self.tag_row.set_known(known_tags)
        self.tag_row.set_tags(() if debrief is None else debrief.tags)
        self.show_checkin(checkin)
        self.talked_with.show_debrief(handle.id)
        self.follow_up_offer.clear()
        self.attribution.setText(" ".join(x for x in (template.attribution, template.licence) if x))
        self.attribution.setVisible(bool(template.attribution))
        self.autosave = Autosave(self._ops, handle, self.snapshot, self)
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self.save_failed.emit)
        self.autosave.state_changed.connect(self.status.emit)
        self._loading = False
        self._update_meta()
        self.setEnabled(True)

    def _build_fields(self, template: Any, actions: list[Any]) -> None:
        self._clear_fields()
        for template_field in template.fields:
            heading = emphasise(label(template_field.heading, "FieldHeading"))
            box = FieldBox(template_field.heading, template_field.prompt)
            heading.setBuddy(box)
            box.textChanged.connect(self._edited)
            box.cursorPositionChanged.connect(lambda b=box: self._follow(b))
            self._fields_holder.addWidget(heading)
            self._fields_holder.addWidget(box)
            self.field_edits[template_field.id] = box
            if template_field.holds_actions or any(
                a.field_id == template_field.id for a in actions
            ):
                self._add_checklist(template_field, actions)
            else:  # any field can hold action points; offer them quietly
                offer = button(
                    "+ Add an action point",
                    f"Add an action point under {template_field.heading}",
                    link=True,
                )
                offer.setStyleSheet("text-align: left;")
                offer.clicked.connect(
                    lambda _=False, f=template_field, o=offer: self._add_checklist(f, [], o)
                )
                self._fields_holder.addWidget(offer)
                offer.hide()  # shown under the field being written in, to keep the page calm
                self.action_offers[template_field.id] = offer
            box.focused.connect(lambda f=template_field.id: self._offer_actions_for(f))

    def _offer_actions_for(self, field_id: str) -> None:
        for offered_id, offer in self.action_offers.items():
            offer.setVisible(offered_id == field_id)

    def _add_checklist(self, field: Any, actions: list[Any], offer: Any = None) -> None:
        checklist = ActionChecklist(self._ops, field.id, field.heading, self.ensure_saved)
        checklist.set_actions(actions)
        checklist.changed.connect(self.actions_changed.emit)
        if offer is None:
            self._fields_holder.addWidget(checklist)
        else:  # replace the offer with the checklist, in the same place
            self._fields_holder.insertWidget(self._fields_holder.indexOf(offer), checklist)
            self._fields_holder.removeWidget(offer)
            offer.hide()
            offer.deleteLater()
            self.action_offers.pop(field.id, None)
            checklist.new_text.setFocus()
        self.checklists[field.id] = checklist

    def _follow(self, box: FieldBox) -> None:
        """Keep the cursor in view: the page scrolls, not the (growing) text box."""
        holder = self.scroll_area.widget()
        if holder is None or not box.isVisible():
            return
        point = box.mapTo(holder, box.cursorRect().center())
        self.scroll_area.ensureVisible(point.x(), point.y(), 0, 48)

    def _clear_fields(self) -> None:
        for box in self.field_edits.values():
            box.setPlainText("")
            box.document().clearUndoRedoStacks()
        for checklist in self.checklists.values():
            checklist.clear()
        while self._fields_holder.count():
            item = self._fields_holder.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.field_edits, self.checklists, self.action_offers = {}, {}, {}

    # Editing and saving.
    def snapshot(self) -> Snapshot:
        return Snapshot(
            title=self.title_edit.text(),
            fields={field_id: box.toPlainText() for field_id, box in self.field_edits.items()},
        )

    def _edited(self, *_: object) -> None:
        if self._loading or self.autosave is None:
            return
        self.autosave.edited()
        self._update_meta()

    def ensure_saved(self) -> DebriefHandle:
        """Make sure the debrief exists in the vault (or is about to, in runner order)."""
        assert self.autosave is not None
        if self.autosave.handle.id is None and not self.autosave.has_unsaved_changes:
            self.autosave.edited()
        self.autosave.flush()
        return self.autosave.handle

    def flush(self) -> None:
        if self.autosave is not None:
            self.autosave.flush()

    def _saved(self, debrief: Any) -> None:
        if self.autosave is not None and debrief.id == self.autosave.handle.id:
            self.debrief = debrief
            if not self.title_edit.text():
                self.title_edit.setPlaceholderText(debrief.title or "Title (optional)")
            self._update_meta()
        self.saved.emit(debrief)

    def _update_meta(self) -> None:
        if self.template is None:
            return
        parts = [self.template.name]
        if self.debrief is not None:
            parts.append(f"written {friendly_time(self.debrief.created, self._ops.today())}")
            parts.append(f"saved {friendly_time(self.debrief.updated, self._ops.today())}")
        else:
            parts.append("not saved yet")
        self.meta.setText("  ·  ".join(parts))
        count = words_in([box.toPlainText() for box in self.field_edits.values()])
        self.word_count.setText(f"{count} word{'s' if count != 1 else ''}")

    def show_checkin(self, checkin: Any) -> None:
        if checkin is None:
            self.checkin_text.setText("Check-in: none yet")
        else:
            self.checkin_text.setText(f"Check-in: {checkin.zone.label} ({checkin.zone.colour})")

    def close_session(self) -> None:
        """Save what is unsaved and stop this debrief's timer (switching debriefs)."""
        if self.autosave is not None:
            self.autosave.flush()
            self.autosave.close()
            self._leaving.append(self.autosave)
            self.autosave = None

    def has_failed_save(self) -> bool:
        """Whether text of this or a debrief just left is unsaved after a failed save."""
        self._leaving = [a for a in self._leaving if a.has_unsaved_changes]
        sessions = [*self._leaving, *([self.autosave] if self.autosave else [])]
        return any(a.last_save_failed and a.has_unsaved_changes for a in sessions)

    def show_nothing(self) -> None:
        """Empty the editor (trash, a search that does not match) while still tracking the
        saves of debriefs just left, so a lock still asks if one of them is failing."""
        leaving = list(self._leaving)
        self.clear_content()
        self._leaving = leaving

    def clear_content(self) -> None:
        """Empty every widget holding content (on lock, before being destroyed)."""
        self._leaving.clear()
        if self.autosave is not None:
            self.autosave.close()
            self.autosave = None
        self._loading = True
        self._clear_fields()
        self.title_edit.setText("")
        self.title_edit.setPlaceholderText("")
        self.tag_row.clear()
        self.talked_with.clear()
        self.follow_up_offer.clear()
        self.meta.setText("")
        self.word_count.setText("")
        self.checkin_text.setText("")
        self.debrief = None
        self.template = None
