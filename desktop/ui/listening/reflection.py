"""After a session: a private reflection, saved as a Free note debrief in the vault.

The session window holds no vault. It hands a `ReflectionRequest` to `write_reflection`,
which asks the shell for the vault's current view at that moment; while the vault is
locked there is none, and the answer is False (the window then says so, calmly).
The names of those present go into the note only if the user chose so: they are
content, stored in the vault and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from desktop.ui.common.ops import VaultOps

log = logging.getLogger("alongside.ui")

FREE_NOTE = "free_note"
FREE_NOTE_FIELD = "note"
REFLECTION_TAG = "listening session"


@dataclass(frozen=True)
class ReflectionRequest:
    """What the reflection is linked to: the session's date and, if chosen, who was there."""

    day: date
    names: tuple[str, ...] = ()

    def __repr__(self) -> str:  # names are content
        return f"ReflectionRequest({self.day}, {len(self.names)} names)"

    @property
    def title(self) -> str:
        return f"Listening session, {self.day:%a} {self.day.day} {self.day:%b %Y}"

    @property
    def note(self) -> str:
        """The note's opening lines; the user writes the rest."""
        if not self.names:
            return ""
        return "Present: " + ", ".join(self.names) + "\n\n"


class ReflectionHost(Protocol):
    """The open vault's view, as the reflection needs it (the shell's `MainView`)."""

    ops: VaultOps

    def open_debrief(self, debrief_id: str) -> bool | None: ...

    def window(self) -> Any: ...


def free_note_template() -> Any:
    from desktop.resources import builtin_templates

    return next(t for t in builtin_templates() if t.id == FREE_NOTE)


def write_reflection(
    current_view: Callable[[], ReflectionHost | None], request: ReflectionRequest
) -> bool:
    """Save the reflection as a Free note and open it in the main window.

    False when the vault is locked (no view): nothing is written, nothing is kept.
    """
    view = current_view()
    if view is None:
        return False
    template = free_note_template()

    def add(vault: Any) -> Any:
        return vault.debriefs.add(
            request.title,
            template=template,
            fields={FREE_NOTE_FIELD: request.note},
            tags=(REFLECTION_TAG,),
        )

    def added(debrief: Any) -> None:
        log.info("listening.reflection_saved")
        view.open_debrief(debrief.id)
        main = view.window()
        main.raise_()
        main.activateWindow()

    view.ops.run(add, added, write=True)
    return True
