"""Safe on a shared clinic PC (issue 17): what the window adds once it is on screen.

Locking when the computer locks (``computer_lock``), "Remember on this computer" in the
Vault menu (``remember_device``) and the unlock screen's button for remembered vaults.
All of it starts after the first paint, so start-up pays for none of it. The
clipboard guard (``ui/common/clipboard.py``), the wrong-passphrase wait
(``unlock_throttle.py``) and "Lock when minimised" (`watch_minimise`) are the other
parts; docs/shared-pc.md describes them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.shell.computer_lock import ComputerLockWatch
from desktop.ui.shell.remember_device import RememberDevice
from desktop.ui.shell.windows_previews import hide_live_previews

if TYPE_CHECKING:
    from desktop.ui.shell.chrome import WindowChrome
    from desktop.ui.shell.window import ShellWindow


def guard_shared_pc(
    window: ShellWindow, chrome: WindowChrome
) -> tuple[ComputerLockWatch, RememberDevice]:
    """Start listening for the computer's lock; add the remember action; arm the unlock
    screen's "Unlock on this computer"."""
    from desktop.ui.shell.dbus_lock_signals import BusAddresses

    remember = RememberDevice(
        window.context,
        window,
        window.menus["vault"],
        chrome.check_action,
        window.set_status,
        window.handle_error,
    )
    buses = window.context.lock_signal_buses
    watch = ComputerLockWatch(window, None if buses is None else BusAddresses(*buses))
    watch.lock_requested.connect(window.auto_lock.computer_locked)
    watch.start()
    hide_live_previews(window)  # Windows: the taskbar shows the icon, never a debrief
    window.unlock_screen.device.activate()
    return watch, remember


def watch_minimise(window: ShellWindow) -> None:
    """View > Lock when minimised, followed through the native window's state signal.

    Connected once a vault is open, not as a ``changeEvent`` override: every event Qt
    hands to Python builds QEvent's enums, ~5 ms of start-up."""
    handle = window.windowHandle()
    if handle is None or window.property("alongside_watching_minimise"):
        return

    def state_changed(_state: object) -> None:
        settings = window.context.settings
        if window.isMinimized() and window.vault is not None and settings.lock_on_minimise:
            window.auto_lock.computer_locked("minimised")

    handle.windowStateChanged.connect(state_changed)
    window.setProperty("alongside_watching_minimise", True)
