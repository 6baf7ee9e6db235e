"""The main window's actions, menus and toolbar, built just after the window first shows.

Kept apart from the window so that start-up does not pay for QAction, QKeySequence and
the toolbar before the unlock screen is on screen (DESIGN.md §1). Every action has a
shortcut shown in its menu and tooltip (UI.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from desktop.ui.shell.places import PLACES

# Minutes of inactivity before the vault locks (stored inside each vault; 0 = never).
AUTO_LOCK_CHOICES = (
    (1, "After &1 minute"),
    (5, "After &5 minutes"),
    (15, "After 1&5 minutes"),
    (30, "After &30 minutes"),
    (60, "After an &hour"),
    (0, "&Never (lock by hand)"),
)
THEME_CHOICES = (("system", "Follow &system"), ("light", "&Light"), ("dark", "&Dark"))
TEXT_SIZE_CHOICES = (
    (100, "&Normal (100%)", "Ctrl+0"),
    (125, "&Larger (125%)", None),
    (150, "La&rge (150%)", None),
    (200, "&Very large (200%)", None),
)


@dataclass(frozen=True)
class ChromeHandlers:
    """What the window does when an action fires (the chrome never imports the window)."""

    lock: Callable[[], object]
    new_debrief: Callable[[], object]
    change_passphrase: Callable[[], object]
    check_integrity: Callable[[], object]
    restore_backup: Callable[[], object]
    quit: Callable[[], object]
    crisis_resources: Callable[[], object]
    show_help: Callable[[], object]
    about: Callable[[], object]
    go_to_place: Callable[[int], None]
    set_auto_lock: Callable[[int], None]
    set_theme: Callable[[str], None]
    set_text_scale: Callable[[int], None]
    set_clipboard_seconds: Callable[[int], None]
    set_lock_on_minimise: Callable[[bool], None]
    listening_session: Callable[[], object]


@dataclass(frozen=True)
class WindowChrome:
    """The actions, menus and toolbar that exist once the window has been shown."""

    lock_action: QAction
    new_action: QAction
    change_action: QAction
    check_action: QAction
    place_actions: list[QAction]
    listening_action: QAction
    auto_lock_menu: QMenu
    auto_lock_actions: dict[int, QAction]
    text_size_actions: dict[int, QAction]
    lock_on_minimise_action: QAction
    toolbar: QToolBar

    def actions_needing_a_vault(self) -> list[QAction]:
        return [
            self.lock_action,
            self.new_action,
            self.change_action,
            self.check_action,
            *self.place_actions,
            self.listening_action,
        ]


def _action(
    window: QMainWindow,
    text: str,
    shortcut: str | QKeySequence.StandardKey | None,
    slot: Callable[[], object],
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({action.shortcut().toString()})")
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work even with the menu bar hidden
    return action


def text_scale_of(actions: dict[int, QAction]) -> int:
    """The text size ticked in the View menu."""
    return next((percent for percent, a in actions.items() if a.isChecked()), 100)


def _stepper(
    handlers: ChromeHandlers, actions: dict[int, QAction], direction: int
) -> Callable[[], object]:
    """Ctrl++ / Ctrl+-: the next text size up or down from the one ticked."""
    percents = [percent for percent, _, _ in TEXT_SIZE_CHOICES]

    def step() -> None:
        current = text_scale_of(actions)
        index = percents.index(current) if current in percents else 0
        handlers.set_text_scale(percents[max(0, min(len(percents) - 1, index + direction))])

    return step


def _go_to(handlers: ChromeHandlers, index: int) -> Callable[[], object]:
    return lambda: handlers.go_to_place(index)


def build_chrome(
    window: QMainWindow,
    menus: dict[str, QMenu],
    handlers: ChromeHandlers,
    theme: str,
    text_scale: int,
    clipboard_seconds: int = 30,
    lock_on_minimise: bool = False,
) -> WindowChrome:
    """Create the window's actions (with shortcuts), fill its menus, add the toolbar."""
    lock_action = _action(window, "&Lock", "Ctrl+L", handlers.lock)
    new_action = _action(window, "&New debrief", "Ctrl+N", handlers.new_debrief)
    change_action = _action(window, "Change &passphrase…", None, handlers.change_passphrase)
    check_action = _action(window, "Check vault &integrity", None, handlers.check_integrity)
    restore_action = _action(
        window, "&Restore from a backup…", "Ctrl+Shift+R", handlers.restore_backup
    )
    quit_action = _action(window, "&Quit", "Ctrl+Q", handlers.quit)
    help_action = _action(window, "Alongside &help", "F1", handlers.show_help)
    crisis_action = _action(window, "&Crisis resources", "Shift+F1", handlers.crisis_resources)
    about_action = _action(window, "&About Alongside", None, handlers.about)

    vault_menu = menus["vault"]
    for action in (new_action, lock_action, change_action, check_action, restore_action):
        vault_menu.addAction(action)
    auto_lock_menu = vault_menu.addMenu("&Auto-lock")
    auto_lock_actions: dict[int, QAction] = {}
    auto_lock_group = QActionGroup(window)
    for minutes, text in AUTO_LOCK_CHOICES:
        action = QAction(text, window, checkable=True)
        action.triggered.connect(lambda _=False, m=minutes: handlers.set_auto_lock(m))
        auto_lock_group.addAction(action)
        auto_lock_menu.addAction(action)
        auto_lock_actions[minutes] = action
    vault_menu.addSeparator()
    vault_menu.addAction(quit_action)

    place_actions: list[QAction] = []
    for index, place in enumerate(PLACES):
        action = _action(window, f"&{place.title}", place.shortcut, _go_to(handlers, index))
        menus["go"].addAction(action)
        place_actions.append(action)
    # Issue 15; the set-up shows saved formats, so it needs an open vault.
    menus["go"].addSeparator()
    listening_action = _action(
        window, "&Listening session…", "Ctrl+Shift+L", handlers.listening_session
    )
    menus["go"].addAction(listening_action)

    themes = QActionGroup(window)
    for name, text in THEME_CHOICES:
        action = QAction(text, window, checkable=True)
        action.setChecked(theme == name)
        action.triggered.connect(lambda _=False, n=name: handlers.set_theme(n))
        themes.addAction(action)
        menus["view"].addAction(action)

    text_size_menu = menus["view"].addMenu("&Text size")
    text_size_actions: dict[int, QAction] = {}
    sizes = QActionGroup(window)
    for percent, text, shortcut in TEXT_SIZE_CHOICES:
        action = QAction(text, window, checkable=True)
        action.setChecked(text_scale == percent)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False, p=percent: handlers.set_text_scale(p))
        sizes.addAction(action)
        text_size_menu.addAction(action)
        window.addAction(action)
        text_size_actions[percent] = action
    step_up = _action(
        window,
        "Larger te&xt",
        "Ctrl++",
        _stepper(handlers, text_size_actions, +1),
    )
    step_down = _action(
        window,
        "S&maller text",
        "Ctrl+-",
        _stepper(handlers, text_size_actions, -1),
    )
    text_size_menu.addSeparator()
    text_size_menu.addAction(step_up)
    text_size_menu.addAction(step_down)

    clear_menu = menus["view"].addMenu("&Clear copied text after")
    clearing = QActionGroup(window)
    for seconds in (10, 30, 60, 120):
        action = QAction(f"{seconds} seconds", window, checkable=True)
        action.setChecked(clipboard_seconds == seconds)
        action.triggered.connect(lambda _=False, s=seconds: handlers.set_clipboard_seconds(s))
        clearing.addAction(action)
        clear_menu.addAction(action)
    minimise_action = QAction("Lock when &minimised", window, checkable=True)
    minimise_action.setChecked(lock_on_minimise)
    minimise_action.setToolTip("Lock the vault whenever this window is minimised")
    minimise_action.toggled.connect(handlers.set_lock_on_minimise)
    menus["view"].addAction(minimise_action)

    menus["help"].addAction(help_action)
    menus["help"].addAction(crisis_action)
    menus["help"].addAction(about_action)

    toolbar = QToolBar("Vault")
    toolbar.setObjectName("VaultToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addAction(lock_action)
    lock_button = toolbar.widgetForAction(lock_action)
    if lock_button is not None:  # toolbar buttons take no focus by default; Lock must
        lock_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        lock_button.setAccessibleName("Lock")
    window.addToolBar(toolbar)
    return WindowChrome(
        lock_action=lock_action,
        new_action=new_action,
        change_action=change_action,
        check_action=check_action,
        place_actions=place_actions,
        listening_action=listening_action,
        auto_lock_menu=auto_lock_menu,
        auto_lock_actions=auto_lock_actions,
        text_size_actions=text_size_actions,
        lock_on_minimise_action=minimise_action,
        toolbar=toolbar,
    )
