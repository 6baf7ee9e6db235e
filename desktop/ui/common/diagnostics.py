"""Diagnostics text that is safe to copy: versions and exception *types*, never messages.

SQLite repeats query text and pydantic repeats input values in their messages
(DESIGN.md §3), so ``str(exc)`` never appears here — only type names and code locations.
"""

from __future__ import annotations

import platform
import sys
import traceback
from pathlib import Path


def exception_chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes/contexts, outermost first."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    return f"{kind.__module__}.{kind.__qualname__}"


def describe_exception(exc: BaseException) -> str:
    """Exception types and where they were raised (file, line, function); no messages."""
    lines: list[str] = []
    for item in exception_chain(exc):
        lines.append(f"{_type_name(item)}")
        errno = getattr(item, "errno", None)
        if isinstance(errno, int):
            lines.append(f"  errno {errno}")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f"  at {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


def app_version() -> str:
    """The installed version (read lazily: importlib.metadata is not needed at start-up)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("alongside")
    except PackageNotFoundError:
        return "unknown (not installed)"


def diagnostics_text(exc: BaseException) -> str:
    """What "Copy diagnostics" puts on the clipboard."""
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()}, PySide6 {pyside_version}"
    except ImportError:
        qt = "Qt unavailable"
    return "\n".join(
        [
            f"Alongside {app_version()}",
            f"Python {platform.python_version()} on {platform.platform()}",
            qt,
            f"frozen: {bool(getattr(sys, 'frozen', False))}",
            "",
            describe_exception(exc),
        ]
    )


def about_text() -> str:
    """Help > About Alongside."""
    return (
        f"Alongside {app_version()}\n\nPrivate debriefing for mental-health professionals. "
        "Your notes stay encrypted on this computer."
    )
