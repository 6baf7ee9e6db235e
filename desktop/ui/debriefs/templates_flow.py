"""Your own templates: new, duplicate (shipped ones too), edit, retire — on the runner.

Editing adds a version; debriefs keep the version they were written with (the core's
rule), so nothing already written changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from desktop.ui.common.messages import Button
from desktop.ui.common.ops import VaultOps
from desktop.ui.debriefs.template_editor import TemplateEditor

if TYPE_CHECKING:
    from desktop.vault import Vault


def _fields(rows: list[tuple[str | None, str, str, bool]]) -> list[Any]:
    from desktop.models.template import TemplateField
    from desktop.vault.templates import new_field

    made = []
    for field_id, heading, prompt, actions in rows:
        if field_id is None:
            made.append(new_field(heading, prompt, holds_actions=actions))
        else:
            made.append(
                TemplateField(id=field_id, heading=heading, prompt=prompt, holds_actions=actions)
            )
    return made


class TemplatesFlow:
    """Opens the template editor and stores its answers; reports changes by callback."""

    def __init__(
        self,
        ops: VaultOps,
        parent: QWidget,
        changed: Callable[[Any], None],
        offer_undo: Callable[[str, Callable[[], None]], None] = lambda text, undo: None,
    ) -> None:
        self._ops = ops
        self._parent = parent
        self._changed = changed
        self._offer_undo = offer_undo
        self.editor: TemplateEditor | None = None

    def follow_picker(self, picker: Any, retired_ids: Callable[[], list[str]]) -> None:
        """The template picker's own buttons: new, duplicate, edit, retire, restore."""
        picker.restore_requested.connect(lambda: self.unretire(retired_ids()))
        picker.new_template.connect(lambda: self.edit(None))
        picker.duplicate_requested.connect(self.duplicate)
        picker.edit_requested.connect(self.edit)
        picker.retire_requested.connect(self.retire)

    def edit(self, template: Any) -> TemplateEditor:
        """A new template (None) or a new version of one of yours."""
        title = "New template" if template is None else "Edit template"
        editor = TemplateEditor(self._parent, template, title=title)
        template_id = None if template is None else template.id

        def store(name: str, description: str, minutes: int, rows: list[Any]) -> None:
            def save(v: Vault) -> Any:
                fields = _fields(rows)
                if template_id is None:
                    return v.templates.create(
                        name, fields, description=description, estimated_minutes=minutes
                    )
                return v.templates.edit(
                    template_id,
                    name=name,
                    fields=fields,
                    description=description,
                    estimated_minutes=minutes,
                )

            self._ops.run(save, lambda t: self._changed(t.id), write=True)

        editor.saved.connect(store)
        editor.finished.connect(lambda _: editor.deleteLater())
        self.editor = editor
        editor.open()
        return editor

    def duplicate(self, template: Any) -> None:
        """Copy any template into one of your own, then open it for editing."""
        source_id = template.id

        def copied(copy: Any) -> None:
            self._changed(copy.id)
            self.edit(copy)

        self._ops.run(lambda v: v.templates.duplicate(source_id), copied, write=True)

    def retire(self, template: Any) -> None:
        answer = self._ops.context.messages.ask(
            self._parent.window(),  # survives a lock; so its text names no template
            "Retire this template?",
            "The chosen template will no longer be offered for new debriefs. Debriefs "
            "already written with it keep it, unchanged.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer == Button.Yes:
            template_id = template.id

            def retired(_: object) -> None:
                self._changed(None)
                self._offer_undo("Template retired.", lambda: self.unretire([template_id]))

            self._ops.run(lambda v: v.templates.retire(template_id), retired, write=True)

    def unretire(self, template_ids: list[str]) -> None:
        """Offer retired templates (shipped ones too) for new debriefs again."""

        def bring_back(v: Vault) -> None:
            for template_id in template_ids:
                v.templates.unretire(template_id)

        self._ops.run(bring_back, lambda _: self._changed(None), write=True)
