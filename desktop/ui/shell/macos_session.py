"""macOS: lock the vault when the screen locks, the displays sleep or the Mac sleeps.

AppKit's workspace notification centre posts ``NSWorkspaceWillSleepNotification``
before sleep, ``NSWorkspaceScreensDidSleepNotification`` when the displays sleep (the
screen locks then if "require password after sleep" is on) and
``NSWorkspaceSessionDidResignActiveNotification`` on a switch to another user; the
distributed centre posts ``com.apple.screenIsLocked`` when the screen locks (Ctrl+Cmd+Q,
the screen saver with a password). Both deliver on the main run loop, which Qt's Cocoa
event dispatcher runs, so the observer is called on the UI thread. Reached through
PyObjC (``pyobjc-framework-Cocoa``, a macOS-only dependency). Written to Apple's
documentation but NOT run by our tests, which run on Linux (docs/shared-pc.md); only
the name-to-reason mapping is tested.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger("alongside.lock_signals")

WORKSPACE_REASONS = {
    "NSWorkspaceWillSleepNotification": "suspend",
    "NSWorkspaceScreensDidSleepNotification": "screen_locked",
    "NSWorkspaceSessionDidResignActiveNotification": "screen_locked",  # another user
}
DISTRIBUTED_REASONS = {"com.apple.screenIsLocked": "screen_locked"}
SELECTOR = b"noticed:"
DELIVER_IMMEDIATELY = 4  # NSNotificationSuspensionBehaviorDeliverImmediately

_observer_class: list[Any] = []  # an Objective-C class may be defined only once


def reason_for(name: str) -> str | None:
    """The reason to lock a notification's name carries, or None."""
    return WORKSPACE_REASONS.get(name) or DISTRIBUTED_REASONS.get(name)


def _make_observer_class() -> Any:
    if not _observer_class:
        from Foundation import NSObject  # type: ignore[import-not-found]

        class AlongsideLockObserver(NSObject):  # type: ignore[misc]
            def noticed_(self, notification: Any) -> None:
                reason = reason_for(str(notification.name()))
                if reason is not None:
                    log.info("lock_signals.heard reason=%s", reason)
                    self.on_lock(reason)

        _observer_class.append(AlongsideLockObserver)
    return _observer_class[0]


class WorkspaceWatch:
    """Holds the observer (the centres keep only a weak reference) until ``stop``."""

    def __init__(self, on_lock: Callable[[str], None]) -> None:
        from AppKit import NSWorkspace  # type: ignore[import-not-found]
        from Foundation import NSDistributedNotificationCenter

        self._observer = _make_observer_class().alloc().init()
        self._observer.on_lock = on_lock
        self._centres = (
            NSWorkspace.sharedWorkspace().notificationCenter(),
            NSDistributedNotificationCenter.defaultCenter(),
        )
        workspace, distributed = self._centres
        for name in WORKSPACE_REASONS:
            workspace.addObserver_selector_name_object_(self._observer, SELECTOR, name, None)
        # AppKit suspends distributed notifications while the app is not active: without
        # "deliver immediately" a screen locked while another app is in front would lock
        # the vault only when Alongside is next clicked.
        for name in DISTRIBUTED_REASONS:
            distributed.addObserver_selector_name_object_suspensionBehavior_(
                self._observer, SELECTOR, name, None, DELIVER_IMMEDIATELY
            )

    def stop(self) -> None:
        for centre in self._centres:
            centre.removeObserver_(self._observer)


def watch_workspace(on_lock: Callable[[str], None]) -> WorkspaceWatch | None:
    """Start observing on macOS; None elsewhere or when PyObjC is missing."""
    if sys.platform == "darwin":
        try:
            watch = WorkspaceWatch(on_lock)
        except ImportError:
            log.info("lock_signals.unavailable pyobjc")
            return None
        log.info("lock_signals.listening workspace=True")
        return watch
    return None
