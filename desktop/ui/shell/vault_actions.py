"""The open vault's entries in the Vault menu, with their window shortcuts (UI.md).

The window puts them above Lock when the vault opens; they go with the view on lock.
A shortcut of a hidden view does not fire (Qt's window-shortcut context needs a visible
widget), so the view built during unlock answers no key until it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from desktop.ui.shell.vault_view import MainView


def vault_actions(view: MainView) -> list[QAction]:
    """Check-in, search, export, share, back up (with shortcuts), and the watch list."""
    actions: list[QAction] = []
    for text, shortcut, slot in (
        ("Quick &check-in…", "Ctrl+Shift+K", lambda: view.check_in()),
        ("&Search debriefs", "Ctrl+F", view.focus_search),
        ("&Export…", "Ctrl+E", view.export),
        ("S&hare with my partner…", "Ctrl+Shift+S", view.share_with_partner),
        ("&Back up…", "Ctrl+Shift+B", view.back_up),
    ):
        action = QAction(text, view)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
        action.triggered.connect(slot)
        view.addAction(action)
        actions.append(action)
    watch_action = QAction("Names to &watch for…", view)
    watch_action.setToolTip("Names of patients you must not send or export")
    watch_action.triggered.connect(view.show_watch_list)
    actions.append(watch_action)
    return actions
