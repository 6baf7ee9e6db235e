"""The main window's actions, menus and toolbar, built just after the window first shows.

Kept apart from the window so that start-up does not pay for QAction, QKeySequence and
the toolbar before the unlock screen is on screen (DESIGN.md §1). Every action has a
shortcut shown in its menu and tooltip (UI.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QToolBar, QWidget

from desktop.ui.common.widgets import PLACES

if TYPE_CHECKING:
    from desktop.ui.shell.window import ShellWindow

# Minutes of inactivity before the vault locks (stored inside each vault; 0 = never).
AUTO_LOCK_CHOICES = (
    (1, "After &1 minute"),
    (5, "After &5 minutes"),
    (15, "After 1&5 minutes"),
    (30, "After &30 minutes"),
    (60, "After an &hour"),
    (0, "&Never (lock by hand)"),
)


def _action(
    window: ShellWindow, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: Any
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({action.shortcut().toString()})")
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work even with the menu bar hidden
    return action


def build_chrome(window: ShellWindow) -> None:
    """Create the window's actions (with shortcuts), fill its menus, add the toolbar."""
    window.lock_action = _action(window, "&Lock", "Ctrl+L", lambda: window.lock("shortcut"))
    window.new_action = _action(window, "&New debrief", "Ctrl+N", window._new_debrief)
    window.change_action = _action(window, "Change &passphrase…", None, window.change_passphrase)
    window.check_action = _action(
        window, "Check vault &integrity", None, window.start_integrity_check
    )
    quit_action = _action(window, "&Quit", "Ctrl+Q", window.close)
    crisis_action = _action(window, "&Crisis resources", "F1", window._crisis)
    about_action = _action(window, "&About Alongside", None, window._about)

    vault_menu = window.menus["vault"]
    for action in (
        window.new_action,
        window.lock_action,
        window.change_action,
        window.check_action,
    ):
        vault_menu.addAction(action)
    window.auto_lock_menu = vault_menu.addMenu("&Auto-lock")
    window.auto_lock_actions = {}
    auto_lock_group = QActionGroup(window)
    for minutes, text in AUTO_LOCK_CHOICES:
        action = QAction(text, window, checkable=True)
        action.triggered.connect(lambda _=False, m=minutes: window.set_auto_lock(m))
        auto_lock_group.addAction(action)
        window.auto_lock_menu.addAction(action)
        window.auto_lock_actions[minutes] = action
    vault_menu.addSeparator()
    vault_menu.addAction(quit_action)

    go_menu = window.menus["go"]
    window.place_actions: list[QAction] = []
    for index, place in enumerate(PLACES):
        action = _action(
            window, f"&{place}", f"Ctrl+{index + 1}", lambda _=False, i=index: window._go(i)
        )
        go_menu.addAction(action)
        window.place_actions.append(action)

    view_menu = window.menus["view"]
    themes = QActionGroup(window)
    for name, text in (("system", "Follow &system"), ("light", "&Light"), ("dark", "&Dark")):
        action = QAction(text, window, checkable=True)
        action.setChecked(window.context.settings.theme == name)
        action.triggered.connect(lambda _=False, n=name: window.set_theme(n))
        themes.addAction(action)
        view_menu.addAction(action)

    help_menu = window.menus["help"]
    help_menu.addAction(crisis_action)
    help_menu.addAction(about_action)

    window.toolbar = QToolBar("Vault")
    window.toolbar.setObjectName("VaultToolbar")
    window.toolbar.setMovable(False)
    window.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    window.toolbar.addWidget(spacer)
    window.toolbar.addAction(window.lock_action)
    window.addToolBar(window.toolbar)
