"""What the app loads on a worker thread once its first window shows (no Qt here).

The vault (pydantic, PyNaCl, sqlcipher3) and the sharing channel's client (httpx) take
~0.3 s to import; off the UI thread, start-up and typing never wait for them. The
unlocked view's warm-up (``ui/shell/warm_up.py``) waits while this runs rather than
import the same modules on the UI thread.
"""

from __future__ import annotations

import threading

_started = threading.Event()
_done = threading.Event()


def preload() -> None:
    """Import the heavy, Qt-free modules (called on the long-job lane)."""
    _started.set()
    try:
        import desktop.sync.channel_keys
        import desktop.vault  # noqa: F401
    finally:
        _done.set()


def under_way() -> bool:
    """Whether ``preload`` has started and not yet finished."""
    return _started.is_set() and not _done.is_set()
