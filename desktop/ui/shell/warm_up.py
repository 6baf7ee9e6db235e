"""Get the unlocked view ready while the key is derived, in small steps.

Argon2id runs on the long-job lane and releases the GIL, so the UI thread is free for
~0.4 s after Unlock is clicked. The first unlock would otherwise spend ~0.2 s importing
the places and ~0.1 s building and styling them after the key arrived (docs/
performance.md, "Unlock"). Each step below is one event-loop turn, so the busy
indicator keeps moving in between.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from desktop.ui.common.context import AppContext
    from desktop.ui.shell.vault_view import MainView

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
    """One step per event-loop turn while ``still_wanted()`` and ``owner`` exists."""

    def step() -> None:
        if still_wanted() and next(steps, StopIteration) is not StopIteration:
            QTimer.singleShot(0, owner, step)

    QTimer.singleShot(0, owner, step)
