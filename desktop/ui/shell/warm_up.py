"""Get the unlocked view ready while the key is derived, in small steps.

Argon2id runs on the long-job lane and releases the GIL, so the UI thread is free for
~0.4 s after Unlock is clicked. The first unlock would otherwise spend ~0.2 s importing
the places and ~0.1 s building and styling them after the key arrived (docs/
performance.md, "Unlock"). Each step below is one event-loop turn, so the busy
indicator keeps moving in between.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from desktop.ui.common.context import AppContext
    from desktop.ui.shell.vault_view import MainView

log = logging.getLogger("alongside.ui")

# What vault_view.py imports from the places, one import per turn;
# tests/ui/shell/test_warm_up.py checks this list against vault_view's imports.
PLACE_MODULES = (
    "desktop.ui.debriefs.debriefs_page",
    "desktop.ui.today.today_page",
    "desktop.ui.checkins.checkins_page",
    "desktop.ui.checkins.checkin_flow",
    "desktop.ui.checkins.heavy_week",
    "desktop.ui.actions.actions_page",
    "desktop.ui.trash.trash_page",
    "desktop.ui.peers.peers_page",
    "desktop.ui.shared.shared_page",
    "desktop.ui.shared.channel_runner",
    "desktop.ui.shared.share_debrief",
    "desktop.ui.shared.channel_access",
    "desktop.ui.resources.crisis_directory",
    "desktop.ui.export.export_flow",
    "desktop.ui.backup.backup_flow",
    "desktop.ui.identifiers.watch_list_dialog",
)


def warm_up_steps(context: AppContext, keep: Callable[[MainView], None]) -> Iterator[None]:
    """Import the places, hand ``keep`` a view's frame without a vault, then build it.

    The frame goes into the window first, so each place moves to its final parent once
    (``MainView._add_place``); ``MainView.attach`` finishes any step not yet taken.
    """
    import importlib

    for name in PLACE_MODULES:
        importlib.import_module(name)
        yield
    from desktop.ui.shell.vault_view import MainView

    view = MainView(context, None, build_later=True)
    keep(view)
    yield
    for _ in view.building:
        yield


def run_in_turns(steps: Iterator[None], owner: QObject, still_wanted: Callable[[], bool]) -> None:
    """One step per event-loop turn while ``still_wanted()`` and ``owner`` exists.

    ``still_wanted`` is asked before every step and once more after the last.
    """

    def step() -> None:
        if still_wanted() and next(steps, StopIteration) is not StopIteration:
            QTimer.singleShot(0, owner, step)
        else:
            still_wanted()  # lets the caller see that the run is over

    QTimer.singleShot(0, owner, step)


class PreparedView:
    """The window's view built ahead, hidden in its stack; at most one warm-up at a time.

    The warm-up stops when ``still_locked()`` turns false (``MainView.attach`` finishes
    the rest) or when the view is dropped (a new theme or text size: it was styled for
    the old one).
    """

    def __init__(
        self,
        context: AppContext,
        stack: QStackedWidget,
        owner: QObject,
        still_locked: Callable[[], bool],
    ) -> None:
        self._context = context
        self._stack = stack
        self._owner = owner
        self._still_locked = still_locked
        self.view: MainView | None = None  # no vault, no content
        self._steps: Iterator[None] | None = None  # the warm-up under way

    def start(self) -> None:
        """Unlock was clicked: build the view in steps beside the key derivation."""
        if self.view is not None or self._steps is not None:
            return
        steps = self._guarded(warm_up_steps(self._context, self._keep))
        self._steps = steps

        def wanted() -> bool:
            if self._steps is steps and self._still_locked():
                return True
            if self._steps is steps:
                self._steps = None
            return False

        run_in_turns(steps, self._owner, wanted)

    def _guarded(self, steps: Iterator[None]) -> Iterator[None]:
        """A step that fails drops the half-built view; ``open_session`` builds anew."""
        try:
            yield from steps
        except Exception as exc:
            log.warning("warm_up.failed %s", type(exc).__name__)
            self.drop()

    def _keep(self, view: MainView) -> None:
        self.view = view
        self._stack.addWidget(view)  # styled now; shown at unlock

    def take(self) -> MainView | None:
        """The view for a vault that just opened, finished; None if there is none."""
        view, self.view = self.view, None
        self._steps = None
        if view is None or not shiboken6.isValid(view):
            return None
        view.finish_building()  # the steps the key derivation left no time for
        return view

    def drop(self) -> None:
        """Throw the view away (and stop building it)."""
        view, self.view = self.view, None
        self._steps = None
        if view is not None and shiboken6.isValid(view):
            self._stack.removeWidget(view)
            view.deleteLater()
