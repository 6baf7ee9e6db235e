"""Keeps the channel to the sharing partner moving while a paired vault is unlocked.

One job on the long-job lane runs the channel loop (desktop/sync/channel_loop.py): it
long-polls the relay, applies what arrives (open screens follow through change
notices) and sends what waits. A note saved on this computer is sent at once by a short
job of its own, so it does not wait for the long-poll to end. The runner stops on lock
and restarts when the pairing changes. ``state_changed`` carries only a state word.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.vault.changes import Changed, ChangeNotice

if TYPE_CHECKING:
    from desktop.sync.channel_sync import ChannelSync
    from desktop.ui.common.ops import VaultOps

log = logging.getLogger("alongside.ui")
# The pairing's change kind (issue 11); the channel restarts when the pairing changes.
PAIRING_KIND: Changed | None = getattr(Changed, "PAIRING", None)


class ChannelRunner(QObject):
    """Starts and stops the background channel loop for one unlocked vault."""

    state_changed = Signal(str)  # a desktop.sync.channel_loop.ChannelState value

    def __init__(self, ops: VaultOps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._stop: threading.Event | None = None
        self._running: list[ChannelSync] = []  # the loop's sync, so stop() can cut its poll
        self.state = "not paired"
        self._sending = False
        self.state_changed.connect(self._remember)
        ops.notices.changed.connect(self._vault_changed)

    def start(self) -> None:
        """Start the loop if the vault is paired (on unlock, after pairing)."""
        if self._stop is not None:
            return
        from desktop.sync.channel_keys import open_channel
        from desktop.sync.channel_loop import run_until_stopped

        stop = threading.Event()
        self._stop = stop
        vault, clock = self._ops.vault, self._ops.context.clock

        running = self._running

        def loop() -> None:
            sync = open_channel(vault, clock)
            if sync is None:
                self._report("not paired")
                return
            running.append(sync)
            try:
                if not stop.is_set():
                    run_until_stopped(sync, stop, lambda state: self._report(str(state)))
            finally:
                if sync in running:
                    running.remove(sync)
                sync.close()

        def ended(_: object) -> None:
            if self._stop is stop:
                self._stop = None

        self._ops.context.runner.run(
            loop, owner=self, on_success=ended, on_failure=ended, background=True
        )

    def stop(self) -> None:
        """On lock and quit: the loop ends now (its long-poll is cut by closing its client)."""
        if self._stop is not None:
            self._stop.set()
            self._stop = None
        for sync in list(self._running):
            sync.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    def send_now(self) -> None:
        """A note was saved here: send it without waiting for the long-poll.

        One send at a time: saves made meanwhile go with the next one (or the loop)."""
        if self.state == "re-pair needed" or self._sending:
            return
        self._sending = True
        from desktop.sync.channel_keys import open_channel

        vault, clock = self._ops.vault, self._ops.context.clock

        def send() -> None:
            sync = open_channel(vault, clock)
            if sync is None:
                return
            try:
                sync.send_pending()
            finally:
                sync.close()

        self._ops.context.runner.run(
            send, owner=self, on_success=self._sent, on_failure=self._send_failed
        )

    def _sent(self, _: object) -> None:
        self._sending = False

    def _send_failed(self, exc: BaseException) -> None:
        # The note is in the outbox; the loop sends it when the relay is back.
        from desktop.sync.inbox_client import RelayRefused, RelayUnreachable, RepairNeeded

        self._sending = False
        log.info("sync.send_deferred %s", type(exc).__name__)
        if isinstance(exc, RepairNeeded):
            self._report("re-pair needed")
        elif isinstance(exc, RelayUnreachable | RelayRefused):
            self._report("waiting for the relay")

    def _report(self, state: str) -> None:
        """From the loop's thread: a queued signal hands the word to the UI thread."""
        self.state_changed.emit(state)

    def _remember(self, state: str) -> None:
        self.state = state

    def _vault_changed(self, notice: ChangeNotice) -> None:
        if PAIRING_KIND is not None and PAIRING_KIND in notice.kinds:
            self.restart()
        elif Changed.CHANNEL in notice.kinds and notice.origin is not None:
            self.send_now()
