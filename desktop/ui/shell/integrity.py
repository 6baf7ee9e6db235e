"""The integrity check after each unlock: quiet, on the database lane, owned by the view.

Its outcome belongs to the session's vault view: after a lock it is dropped. A damaged
vault reaches the window's error handler; a sound one shows the status line ("Vault
checked · N debriefs · last backup …").
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop.ui.shell.status import checked_status

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtWidgets import QWidget

    from desktop.ui.shell.window import ShellWindow
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")


def start_integrity_check(window: ShellWindow, vault: Vault, view: QWidget) -> None:
    def check(v: Vault) -> tuple[int, datetime | None]:
        v.integrity_check()
        return v.debriefs.count(), v.last_backup_at

    def checked(facts: tuple[int, datetime | None]) -> None:
        log.info("vault.integrity_ok")
        window.set_status(checked_status(*facts, window.context.clock.now()))

    window.context.runner.run_on_vault(
        vault, check, owner=view, on_success=checked, on_failure=window.handle_error
    )
