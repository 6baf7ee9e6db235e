"""The one way to run blocking work off the UI thread (STYLE.md §4).

Key derivation (create, unlock, change passphrase, re-encrypt) and the integrity check
run on a worker thread; the success or failure callback runs on the UI thread, delivered
by a queued signal, so nothing touches a widget from a worker (as Anki's CollectionOp).
While anything runs, ``busy_changed(True, text)`` lets the window show a busy indicator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger("alongside.background")

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


class _Task(QObject):
    """Carries one job's result from the worker thread back to the UI thread."""

    finished = Signal(object, object, object)  # (task, result, exception or None)

    def __init__(
        self, work: Callable[[], Any], on_success: SuccessCallback, on_failure: FailureCallback
    ) -> None:
        super().__init__()
        self.work = work
        self.on_success = on_success
        self.on_failure = on_failure


class _Runnable(QRunnable):
    def __init__(self, task: _Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task

    def run(self) -> None:
        work = self._task.work
        try:
            result = work()
        except BaseException as exc:  # every failure goes back to the UI thread
            self._task.finished.emit(self._task, None, exc)
            return
        self._task.finished.emit(self._task, result, None)


class BackgroundRunner(QObject):
    """Runs callables on a small thread pool and reports back on the UI thread."""

    busy_changed = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._tasks: set[_Task] = set()
        self._busy_texts: dict[_Task, str] = {}

    @property
    def busy(self) -> bool:
        """True while any job runs (tests wait on this instead of sleeping)."""
        return bool(self._tasks)

    def run(
        self,
        work: Callable[[], Any],
        *,
        on_success: SuccessCallback,
        on_failure: FailureCallback,
        busy_text: str = "",
    ) -> None:
        """Run ``work()`` off the UI thread, then one of the callbacks on the UI thread.

        ``busy_text`` (e.g. "Unlocking…") marks a job the user is waiting for; quiet
        background jobs such as the integrity check pass none and show no busy indicator.
        """
        task = _Task(work, on_success, on_failure)
        task.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._tasks.add(task)
        if busy_text:
            self._busy_texts[task] = busy_text
            self.busy_changed.emit(True, busy_text)
        self._pool.start(_Runnable(task))

    @Slot(object, object, object)
    def _finish(self, task: _Task, result: object, error: BaseException | None) -> None:
        self._tasks.discard(task)
        if self._busy_texts.pop(task, None) is not None:
            remaining = list(self._busy_texts.values())
            self.busy_changed.emit(bool(remaining), remaining[-1] if remaining else "")
        task.deleteLater()
        if error is None:
            task.on_success(result)
        else:
            task.on_failure(error)

    def wait_for_all(self, timeout_ms: int = 30_000) -> bool:
        """Block until the pool's threads are done (at quit, so no job outlives the app)."""
        return self._pool.waitForDone(timeout_ms)
