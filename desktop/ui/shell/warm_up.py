"""Get the unlocked view ready while the passphrase is typed or the key derived.

It starts at the first key typed into the passphrase box (typing a passphrase takes
seconds) or, at the latest, when Unlock is clicked: Argon2id runs on the long-job lane
and releases the GIL, so the UI thread is free for ~0.4 s then. The first unlock would
otherwise spend ~0.2 s importing the places and ~0.1 s building and styling them after
the key arrived (docs/performance.md, "Unlock"). Each step below is one event-loop
turn, so keys typed and the busy indicator are served in between.
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
WAIT_MS = 30

# What vault_view.py imports from the places, one import per turn, modules they share
# or that take long first (so no turn is much over ~20 ms on this machine);
# tests/ui/shell/test_warm_up.py checks the list covers vault_view's imports.
PLACE_MODULES = (
    "desktop.ui.common.look",
    "desktop.ui.common.date_field",
    "desktop.ui.common.wrapping_check",
    "desktop.ui.actions.actions_page",
    "desktop.ui.debriefs.action_list",
    "desktop.ui.debriefs.tag_row",
    "desktop.ui.debriefs.autosave",
    "desktop.ui.debriefs.editor",
    "desktop.ui.debriefs.editor_pane",
    "desktop.ui.debriefs.list_delegate",
    "desktop.ui.debriefs.search",
    "desktop.ui.debriefs.templates_flow",
    "desktop.ui.debriefs.debriefs_page",
    "desktop.ui.today.today_page",
    "desktop.ui.checkins.checkin_dialog",
    "desktop.ui.checkins.checkin_flow",
    "desktop.ui.checkins.trend_chart",
    "desktop.ui.checkins.heavy_week",
    "desktop.ui.checkins.checkins_page",
    "desktop.ui.trash.trash_page",
    "desktop.ui.peers.pairing_dialog",
    "phonenumbers",
    "desktop.privacy.identifiers",
    "desktop.ui.common.identifier_check",
    "desktop.ui.common.identifier_preview",
    "desktop.ui.peers.sharing_flow",
    "desktop.ui.peers.peer_card",
    "desktop.ui.peers.peers_page",
    "desktop.ui.shared.shared_page",
    "desktop.ui.shared.channel_runner",
    "desktop.ui.shared.share_debrief",
    "desktop.ui.shared.channel_access",
    "desktop.ui.resources.crisis_directory",
    "desktop.ui.export.export_pdf",
    "desktop.ui.export.export_flow",
    "desktop.ui.backup.backup_flow",
    "desktop.ui.identifiers.watch_list_dialog",
)


def warm_up_steps(context: AppContext, keep: Callable[[MainView], None]) -> Iterator[int | None]:
    """Import the places, hand ``keep`` a view's frame without a vault, then build it.

    The frame goes into the window first, so each place moves to its final parent once
    (``MainView._add_place``); ``MainView.attach`` finishes any step not yet taken.
    """
    import importlib

    from PySide6 import QtCore

    from desktop.preload import under_way

    # The editor needs the vault's modules; while the worker still imports them, wait
    # rather than block the UI thread on the import lock for ~0.1 s.
    while under_way():
        yield WAIT_MS

    _ = QtCore.Qt  # PySide6 builds the Qt namespace's ~90 enums on first use: ~14 ms
    yield None
    for name in PLACE_MODULES:
        importlib.import_module(name)
        yield None
    from desktop.ui.shell.vault_view import MainView

    view = MainView(context, None, build_later=True)
    keep(view)
    yield None
    for _ in view.building:
        yield None


def run_in_turns(
    steps: Iterator[int | None],
    owner: QObject,
    still_wanted: Callable[[], bool],
    ended: Callable[[], None],
) -> None:
    """One step per event-loop turn (or after the milliseconds a step yields) while
    ``still_wanted()`` and ``owner`` exists; ``ended()`` once done or no longer wanted."""

    def step() -> None:
        if not still_wanted():
            ended()
            return
        try:
            delay = next(steps)
        except StopIteration:
            ended()
            return
        QTimer.singleShot(delay or 0, owner, step)

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
        self._steps: Iterator[int | None] | None = None  # the warm-up under way

    def start(self) -> None:
        """A passphrase is being typed or Unlock was clicked: build the view in steps,
        between keystrokes or beside the key derivation."""
        if self.view is not None or self._steps is not None:
            return
        steps = self._guarded(warm_up_steps(self._context, self._keep))
        self._steps = steps

        def ended() -> None:
            if self._steps is steps:
                self._steps = None

        run_in_turns(
            steps, self._owner, lambda: self._steps is steps and self._still_locked(), ended
        )

    def _guarded(self, steps: Iterator[int | None]) -> Iterator[int | None]:
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
