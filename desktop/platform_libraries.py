"""Is a system library Qt's X11 plugin needs missing? Say so in one sentence first.

Qt 6's xcb platform plugin needs libxcb-cursor0; without it Qt prints a long message and
aborts the process (no exception to catch), so the check runs before the application is
created, with a few stat calls (start-up pays microseconds, not an `ldconfig` run).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

XCB_CURSOR = "libxcb-cursor.so.0"
LIBRARY_FOLDERS = (
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib/i386-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/lib/x86_64-linux-gnu",
    "/lib/aarch64-linux-gnu",
    "/lib64",
    "/lib",
)
MISSING_XCB_CURSOR = (
    "Alongside cannot open its window: the system library libxcb-cursor0 is missing "
    "(Debian and Ubuntu: the package libxcb-cursor0; Fedora and RHEL: xcb-util-cursor). "
    "Ask your IT contact to install it."
)


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Whether Qt will pick its X11 (xcb) plugin in this session."""
    requested = environ.get("QT_QPA_PLATFORM", "")
    if requested:
        return requested.split(":")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def missing_platform_library(
    environ: Mapping[str, str] = os.environ, folders: tuple[str, ...] = LIBRARY_FOLDERS
) -> str | None:
    """The sentence for a missing library Qt's platform plugin needs here, else None."""
    if not sys.platform.startswith("linux") or not uses_xcb(environ):
        return None
    extra = tuple(p for p in environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if p)
    bundle = getattr(sys, "_MEIPASS", None)
    search = (*extra, *((bundle,) if bundle else ()), *folders)
    if any((Path(folder) / XCB_CURSOR).exists() for folder in search):
        return None
    return MISSING_XCB_CURSOR
