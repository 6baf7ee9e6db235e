"""The vault's templates and tag names, kept in step with the Debriefs page's widgets.

The template picker, the filter bar and the editor's tag suggestions all show them; this
object loads them, reloads them when they change (here or elsewhere) and renames a tag
on every debrief. Its jobs run on the database lane as the page's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desktop.ui.common.ops import VaultOps
    from desktop.ui.debriefs.filters import FilterBar
    from desktop.ui.debriefs.list_model import DebriefListModel
    from desktop.ui.debriefs.tag_row import TagRow
    from desktop.ui.debriefs.template_picker import TemplatePicker
    from desktop.vault import Vault


class Catalogue(QObject):
    """Templates (with their names by id) and tag names for one Debriefs page."""

    status = Signal(str)

    def __init__(self, ops: VaultOps, parent: QObject) -> None:
        super().__init__(parent)
        self._ops = ops.bound_to(self)
        self.templates: list[Any] = []
        # Shared with the list models, which name each row's template from it.
        self.template_names: dict[str, str] = {}
        self.known_tags: list[str] = []
        self._picker: TemplatePicker | None = None
        self._filter_bar: FilterBar | None = None
        self._tag_row: TagRow | None = None
        self._list_model: DebriefListModel | None = None

    def bind(
        self,
        picker: TemplatePicker,
        filter_bar: FilterBar,
        tag_row: TagRow,
        list_model: DebriefListModel,
    ) -> None:
        """The widgets to keep in step (made after the models that share the names)."""
        self._picker, self._filter_bar = picker, filter_bar
        self._tag_row, self._list_model = tag_row, list_model

    def load(self, done: Callable[[], None]) -> None:
        """Templates and tags at start-up; ``done`` once both are shown."""

        def loaded(both: tuple[list[Any], list[str]]) -> None:
            templates, self.known_tags = both
            self._show_templates(templates)
            done()

        self._ops.run(
            lambda v: (v.templates.list(include_retired=True), [t.name for t in v.tags.all()]),
            loaded,
        )

    def reload_templates(self, chosen: str | None = None) -> None:
        """After a template was made, changed or retired; ``chosen`` is selected."""
        self._ops.run(
            lambda v: v.templates.list(include_retired=True),
            lambda templates: self._show_templates(templates, chosen),
        )

    def _show_templates(self, templates: list[Any], chosen: str | None = None) -> None:
        self.templates = templates
        self.template_names.clear()
        self.template_names.update({t.id: t.name for t in templates})
        active = [t for t in templates if not t.retired]
        if self._picker is not None:
            self._picker.set_templates(active)
            self._picker.set_retired(len(templates) - len(active))
            ids = [t.id for t in active]
            if chosen in ids:
                self._picker.list.setCurrentRow(ids.index(chosen))
        if self._filter_bar is not None:
            self._filter_bar.set_choices(templates, self.known_tags)

    def reload_tags(self) -> None:
        self._ops.run(lambda v: [t.name for t in v.tags.all()], self._show_tags)

    def _show_tags(self, tags: list[str]) -> None:
        self.known_tags = tags
        if self._tag_row is not None:
            self._tag_row.set_known(tags)
        if self._filter_bar is not None:
            self._filter_bar.set_choices(self.templates, tags)

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag on every debrief (merging into ``new`` if it exists)."""

        def rename(v: Vault) -> list[str]:
            v.tags.rename(old, new)
            return [t.name for t in v.tags.all()]

        def renamed(tags: list[str]) -> None:
            self._show_tags(tags)
            row = self._tag_row
            if row is not None and any(t.casefold() == old.casefold() for t in row.tags):
                kept = [t for t in row.tags if t.casefold() != old.casefold()]
                row.set_tags(sorted({*kept, new}, key=str.casefold))
            if self._filter_bar is not None and self._list_model is not None:
                self._filter_bar.select_tag(new)
                self._list_model.set_filter(self._filter_bar.current())
            self.status.emit("Tag renamed on every debrief.")

        self._ops.run(rename, renamed, write=True)
