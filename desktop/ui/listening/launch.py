"""Open a listening session from the Go menu: the set-up dialog, then the session window.

The shell passes ``current_view``, a function answering the open vault's view (or None
once locked). The set-up dialog belongs to that view; the session window belongs to the
main window and keeps only ``current_view``, never the vault, so a lock behind it
neither destroys it nor leaves it holding anything of the vault.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.ui.listening.reflection import ReflectionHost, ReflectionRequest, write_reflection
from desktop.ui.listening.session_window import ListeningWindow
from desktop.ui.listening.setup_dialog import SetupDialog
from desktop.ui.listening.sound import choose_player

if TYPE_CHECKING:
    from desktop.models.listening import SessionPlan
    from desktop.ui.common.context import AppContext
    from desktop.ui.common.ops import VaultOps


def open_listening_setup(
    ops: VaultOps,
    dialog_parent: QWidget,
    session_parent: QWidget,
    current_view: Callable[[], ReflectionHost | None],
) -> SetupDialog:
    """Show the set-up; on Start, open the session in a window of its own."""
    dialog = SetupDialog(ops, dialog_parent)

    def start(plan: SessionPlan) -> None:
        open_session_window(plan, ops.context, session_parent, current_view)

    dialog.start_requested.connect(start)
    dialog.setModal(True)
    dialog.show()
    return dialog


def open_session_window(
    plan: SessionPlan,
    context: AppContext,
    parent: QWidget,
    current_view: Callable[[], ReflectionHost | None],
) -> ListeningWindow:
    def reflect(request: ReflectionRequest) -> bool:
        return write_reflection(current_view, request)

    _, play = choose_player()
    window = ListeningWindow(
        plan,
        context.clock,
        context.messages,
        play_chime=play,
        reflect=reflect,
        parent=parent,
    )
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    return window
