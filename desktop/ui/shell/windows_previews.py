"""Windows: the taskbar thumbnail and Peek show the app's icon, never the window.

Windows draws a live thumbnail of a window when the pointer rests on its taskbar button
and keeps the last frame of a minimised one, so a debrief could show there to anyone
walking past — and with "Lock when minimised" the thumbnail could still be the last
unlocked frame. ``DwmSetWindowAttribute`` with ``DWMWA_FORCE_ICONIC_REPRESENTATION``
makes the Desktop Window Manager use a static (icon) representation instead, and
``DWMWA_DISALLOW_PEEK`` keeps Peek from showing the window. Set once, after the window
shows, for the whole session: locked or not, a preview is never the content. Reached
through ctypes; written to Microsoft's documentation but NOT run by our tests, which
run on Linux (docs/shared-pc.md): the test checks the calls against a recording stand-in
for ``dwmapi``.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("alongside.ui")

DWMWA_FORCE_ICONIC_REPRESENTATION = 7
DWMWA_DISALLOW_PEEK = 11
S_OK = 0


def hide_live_previews(window: QWidget, dwmapi: Any = None) -> bool:
    """Ask DWM for icon-only previews of ``window``; True if Windows accepted both."""
    if dwmapi is None and sys.platform == "win32":
        import ctypes

        dwmapi = ctypes.windll.dwmapi
    if dwmapi is None:
        return False
    import ctypes

    hwnd = ctypes.c_void_p(int(window.winId()))
    true = ctypes.c_int(1)  # a Win32 BOOL
    results = [
        dwmapi.DwmSetWindowAttribute(hwnd, attribute, ctypes.byref(true), ctypes.sizeof(true))
        for attribute in (DWMWA_FORCE_ICONIC_REPRESENTATION, DWMWA_DISALLOW_PEEK)
    ]
    accepted = all(result == S_OK for result in results)
    log.info("taskbar.previews_hidden %s", accepted)
    return accepted
