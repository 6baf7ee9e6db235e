"""What each menu item of the window does: the window's own methods, bound for the chrome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.shell.chrome import ChromeHandlers

if TYPE_CHECKING:
    from desktop.ui.shell.window import ShellWindow


def handlers_for(window: ShellWindow) -> ChromeHandlers:
    """The handlers the menus call (reads the window; sets nothing on it)."""

    def about() -> None:
        from desktop.ui.common.diagnostics import about_text

        window.context.messages.inform(window, "About Alongside", about_text())

    computer = window.computer
    return ChromeHandlers(
        lock=lambda: window.lock("shortcut"),
        new_debrief=window.new_debrief_from_menu,
        change_passphrase=window.change_passphrase,
        check_integrity=window.start_integrity_check,
        restore_backup=window.restore_from_backup,
        quit=window.close,
        crisis_resources=window.crisis_resources,
        show_help=window.show_help,
        about=about,
        go_to_place=window.go_to_place_row,
        set_auto_lock=window.set_auto_lock,
        set_theme=computer.set_theme,
        set_text_scale=computer.set_text_scale,
        set_clipboard_seconds=computer.set_clipboard_seconds,
        set_lock_on_minimise=computer.set_lock_on_minimise,
        listening_session=window.listening_session,
    )
