"""Safe on a shared clinic PC (issue 17): what the window adds once it is on screen.

Locking when the computer locks (``computer_lock``), "Remember on this computer" in the
Vault menu (``remember_device``) and the unlock screen's button for remembered vaults.
All of it starts after the first paint, so start-up pays for none of it. The
clipboard guard (``ui/common/clipboard.py``), the wrong-passphrase wait
(``unlock_throttle.py``) and "Lock when minimised" (the window's ``changeEvent``) are
the other parts; docs/shared-pc.md describes them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.shell.computer_lock import ComputerLockWatch
from desktop.ui.shell.remember_device import RememberDevice

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
    window.unlock_screen.device.activate()
    return watch, remember
