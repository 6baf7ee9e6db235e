"""The View menu's per-computer choices: theme, text size, how long copies stay, locking
when minimised.

Kept in settings.json (no content), applied at once and remembered for the next start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop.ui.common.theme import apply_theme

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.ui.common.clipboard import ClipboardGuard
    from desktop.ui.common.context import AppContext
    from desktop.ui.shell.chrome import WindowChrome


class ComputerSettings:
    """Changes a View setting, applies it and stores it."""

    def __init__(self, context: AppContext) -> None:
        self._context = context
        self.chrome: WindowChrome | None = None
        self.clipboard: ClipboardGuard | None = None
        # The window drops a view it built ahead for the old look (warm_up.py).
        self.look_changed: Callable[[], None] | None = None

    def set_theme(self, name: str) -> None:
        self._context.settings.theme = name
        self._apply_look()

    def set_text_scale(self, percent: int) -> None:
        """View > Text size: applied at once to every window."""
        self._context.settings.text_scale = percent
        if self.chrome is not None and percent in self.chrome.text_size_actions:
            self.chrome.text_size_actions[percent].setChecked(True)
        self._apply_look()

    def set_clipboard_seconds(self, seconds: int) -> None:
        """View > Clear copied text after."""
        self._context.settings.clipboard_seconds = seconds
        if self.clipboard is not None:
            self.clipboard.clear_after_s = seconds
        self._context.store_settings()

    def set_lock_on_minimise(self, on: bool) -> None:
        """View > Lock when minimised (off by default)."""
        self._context.settings.lock_on_minimise = on
        self._context.store_settings()

    def _apply_look(self) -> None:
        settings = self._context.settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme, settings.text_scale)
        if self.look_changed is not None:
            self.look_changed()
        self._context.store_settings()
