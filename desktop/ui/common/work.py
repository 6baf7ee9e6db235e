"""The one way to run blocking work off the UI thread (STYLE.md §4).

Key derivation (create, unlock, change passphrase, re-encrypt), closing a vault and the
integrity check run on a worker thread; the success or failure callback runs on the UI
thread, delivered by a queued signal, so nothing touches a widget from a worker (as
Anki's CollectionOp). While a job the user waits for runs, ``busy_changed(True, text)``
lets the window show a busy indicator.

There is exactly one worker, a plain Python thread kept for the whole run: jobs run in
order, so a lock (close) queued after an unlock or a save runs after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger("alongside.background")

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


class _Task:
    """One job and its callbacks."""

    def __init__(
        self, work: Callable[[], Any], on_success: SuccessCallback, on_failure: FailureCallback
    ) -> None:
        self.work = work
        self.on_success = on_success
        self.on_failure = on_failure
        self.result: Any = None
        self.error: BaseException | None = None


class BackgroundRunner(QObject):
    """Runs callables on one worker thread and reports back on the UI thread."""

    busy_changed = Signal(bool, str)
    # Progress of the job the user waits for, e.g. "Exporting… 50 of 200".
    progress_changed = Signal(str)
    # One object per outcome: PySide6 on Python 3.11 mis-counts references to a bare
    # None passed through a queued signal, which can crash the interpreter at exit.
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None  # made on first use (start-up)
        self._tasks: set[_Task] = set()
        self._futures: set[Future[None]] = set()
        self._busy_texts: dict[_Task, str] = {}
        # AutoConnection queues it: the worker thread emits, and the slot runs on the UI
        # thread that owns this object. (Qt.ConnectionType would import the Qt namespace,
        # ~20 ms of start-up.)
        self._finished.connect(self._finish)

    @property
    def busy(self) -> bool:
        """True until every job has reported back (tests wait on this, never sleep)."""
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
        self._tasks.add(task)
        if busy_text:
            self._busy_texts[task] = busy_text
            self.busy_changed.emit(True, busy_text)
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alongside-work")
        future = self._executor.submit(self._execute, task)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    def report_progress(self, text: str) -> None:
        """Called from a job on the worker thread; the UI shows it (queued signal)."""
        self.progress_changed.emit(text)

    def _execute(self, task: _Task) -> None:
        """On the worker thread: run the job, hand the outcome to the UI thread."""
        try:
            task.result = task.work()
        except BaseException as exc:  # every failure goes back to the UI thread
            task.error = exc
        self._finished.emit(task)

    @Slot(object)
    def _finish(self, task: _Task) -> None:
        result, error = task.result, task.error
        task.result = task.error = None
        self._tasks.discard(task)
        if self._busy_texts.pop(task, None) is not None:
            remaining = list(self._busy_texts.values())
            self.busy_changed.emit(bool(remaining), remaining[-1] if remaining else "")
        if error is None:
            task.on_success(result)
        else:
            task.on_failure(error)

    def wait_for_all(self, timeout_s: float = 30.0) -> bool:
        """Block until queued jobs are done (at quit, so no job outlives the app)."""
        from concurrent.futures import wait as wait_for_futures

        _, pending = wait_for_futures(list(self._futures), timeout=timeout_s)
        return not pending

    def shutdown(self) -> None:
        """Finish queued jobs and end the worker thread (at quit; tests after each test)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
