"""Autosave for one open debrief: the core's policy, a Qt timer, saves on the runner.

The core's ``AutosavePolicy`` (injected clock) decides *when*: after a short pause in
typing and at least once a second while changes are unsaved. This object arms a
single-shot timer for that moment, takes a snapshot of the editor's text, and saves it
through the background runner, which queues behind it on the vault's worker thread.
``flush()`` saves at once (switching debriefs, lock, close). A failed save (a full disk)
keeps the text in the editor, marks the policy failed and retries later.

A new debrief is written with ``add`` on its first save. The id it gets is recorded on a
``DebriefHandle`` by the job itself, on the worker thread, so any save queued behind the
first one already updates that debrief instead of adding a second.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.ui.common.ops import VaultOps

if TYPE_CHECKING:
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")


@dataclass
class DebriefHandle:
    """Which debrief an editor session writes to; ``id`` is None until the first save."""

    template: Any
    id: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """The editor's text at one moment: what a save writes."""

    title: str
    fields: dict[str, str] = field(repr=False)


def write_snapshot(vault: Vault, handle: DebriefHandle, snapshot: Snapshot) -> Any:
    """On the worker thread: add the debrief on its first save, update it afterwards."""
    if handle.template is None:  # a debrief written without a template: one body
        body = "\n\n".join(snapshot.fields.values())
        if handle.id is None:
            debrief = vault.debriefs.add(snapshot.title, body)
            handle.id = debrief.id
            return debrief
        return vault.debriefs.update(handle.id, title=snapshot.title, body=body)
    if handle.id is None:
        debrief = vault.debriefs.add(
            snapshot.title, template=handle.template, fields=snapshot.fields
        )
        handle.id = debrief.id
        return debrief
    return vault.debriefs.update(handle.id, title=snapshot.title, fields=snapshot.fields)


class Autosave(QObject):
    """Saves one debrief's edits when the policy says so; reports in signals."""

    saved = Signal(object)  # the Debrief as stored
    # The exception, and whether this debrief is still open (if not, the text waits in
    # this object, which keeps retrying, instead of in the editor).
    failed = Signal(object, bool)
    state_changed = Signal(str)

    def __init__(
        self,
        ops: VaultOps,
        handle: DebriefHandle,
        snapshot: Callable[[], Snapshot],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from desktop.vault.autosave import AutosavePolicy

        self._ops = ops.bound_to(self)
        self.handle = handle
        self._snapshot = snapshot
        self.policy = AutosavePolicy(ops.context.clock)
        self.saves_started = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._closed = False
        self._last_snapshot: Snapshot | None = None

    @property
    def has_unsaved_changes(self) -> bool:
        return self.policy.has_unsaved_changes

    @property
    def last_save_failed(self) -> bool:
        return self.policy.failed

    def edited(self) -> None:
        """The user changed something; arm the timer for when a save is due."""
        if self._closed:
            return
        self.policy.edited()
        self.state_changed.emit("Editing…")
        self._arm()

    def _arm(self) -> None:
        wait = self.policy.seconds_until_due()
        if wait is None or (self._closed and not self.policy.failed):
            return
        self._timer.start(max(0, int(wait * 1000)))

    def check(self) -> None:
        """Save if due now (the timer calls this; tests call it after moving the clock)."""
        if self.policy.due():
            self._start_save()
        else:
            self._arm()

    def flush(self) -> None:
        """Save whatever is unsaved now, without waiting (switch, lock, close)."""
        self._timer.stop()
        # begin_save refuses (RuntimeError) when every edit is already in a save on its way.
        with contextlib.suppress(RuntimeError):
            self._start_save()

    def close(self) -> None:
        """Stop following the editor (another debrief is opening there).

        Results still arriving update the list. If a save fails after this, the last
        text handed to a save is kept here and retried until it is saved (or the vault
        locks), so switching debriefs never drops text silently.
        """
        self._timer.stop()
        self._closed = True
        last = self._last_snapshot
        if last is not None:
            self._snapshot = lambda: last

    def _start_save(self) -> None:
        token = self.policy.begin_save()
        snapshot = self._snapshot()
        self._last_snapshot = snapshot
        handle = self.handle
        self.saves_started += 1
        if not self._closed:
            self.state_changed.emit("Saving…")
        self._ops.run(
            lambda vault: write_snapshot(vault, handle, snapshot),
            lambda debrief: self._succeeded(token, debrief),
            lambda exc: self._failed(token, exc),
            write=True,
        )

    def _succeeded(self, token: Any, debrief: Any) -> None:
        self.policy.save_succeeded(token)
        log.info("debrief.saved")
        self.saved.emit(debrief)
        if not self.policy.has_unsaved_changes and not self._closed:
            self.state_changed.emit("Saved")
        self._arm()

    def _failed(self, token: Any, exc: BaseException) -> None:
        self.policy.save_failed(token)
        log.warning("debrief.save_failed %s", type(exc).__name__)
        self.failed.emit(exc, not self._closed)
        self._arm()
