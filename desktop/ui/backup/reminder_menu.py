"""Vault > Backup reminder: how old a backup may get before Today says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from desktop.ui.common.ops import VaultOps


def backup_reminder_menu(ops: VaultOps, parent: QWidget) -> tuple[QMenu, dict[int, QAction]]:
    """The submenu and its choices by days (0: never); the vault's choice is checked."""
    from desktop.vault.backup_reminder import REMINDER_CHOICES, reminder_days, set_reminder_days

    menu = QMenu("Backup &reminder", parent)
    group = QActionGroup(parent)
    actions: dict[int, QAction] = {}
    for days in REMINDER_CHOICES:
        text = "&Never" if days == 0 else f"After {days} &days"
        action = QAction(text, parent, checkable=True)
        action.triggered.connect(
            lambda _=False, d=days: ops.run(lambda v: set_reminder_days(v, d), write=True)
        )
        group.addAction(action)
        menu.addAction(action)
        actions[days] = action
    ops.run(reminder_days, lambda days: actions[days].setChecked(True))
    return menu, actions
