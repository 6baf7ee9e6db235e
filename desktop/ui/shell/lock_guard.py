"""Locking while a save is failing: ask first, or say afterwards what was lost.

A full disk can leave typed words only on screen. A lock or close the user asked for can
be cancelled then; the idle lock cannot ask, so the unlock screen says what happened.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.common.messages import MessageBoxes

log = logging.getLogger("alongside.ui")

# Locks the user asked for can be cancelled when a save is failing; idle lock cannot ask.
ASKING_LOCK_REASONS = frozenset({"manual", "shortcut", "quit"})
UNSAVED_ON_LOCK = (
    "Alongside could not save your latest changes (the disk may be full). Locking clears "
    "them from the screen, and they exist nowhere else.\n\n"
    "Choose Cancel to stay here while you free some space — Alongside keeps trying to "
    "save — or Discard to {verb} now and lose the changes since the last save."
)
IDLE_LOCK_LOST_CHANGES = (
    "Alongside locked after a quiet while. Your last changes could not be saved (the disk "
    "was full), so they are not in the vault."
)
COMPUTER_LOCK_LOST_CHANGES = (
    "Alongside locked with the computer. Your last changes could not be saved (the disk "
    "was full), so they are not in the vault."
)
# Locks nobody asked for at the keyboard: they cannot ask, and unlocking resumes the
# debrief that was open.
UNATTENDED_LOCK_MESSAGES = {
    "idle": IDLE_LOCK_LOST_CHANGES,
    "screen_locked": COMPUTER_LOCK_LOST_CHANGES,
    "suspend": COMPUTER_LOCK_LOST_CHANGES,
    "minimised": COMPUTER_LOCK_LOST_CHANGES.replace("with the computer", "when minimised"),
}


def confirm_losing_unsaved(messages: MessageBoxes, parent: QWidget, reason: str) -> bool:
    """Ask before a lock or close would drop text a failing save could not store."""
    from PySide6.QtWidgets import QMessageBox

    button = QMessageBox.StandardButton
    verb = "close" if reason == "quit" else "lock"
    answer = messages.ask(
        parent,
        "Your latest changes are not saved",
        UNSAVED_ON_LOCK.format(verb=verb),
        button.Discard | button.Cancel,
        button.Cancel,
    )
    if answer != button.Discard:
        log.info("vault.lock_cancelled_unsaved")
        return False
    log.info("vault.lock_dropped_unsaved")
    return True
