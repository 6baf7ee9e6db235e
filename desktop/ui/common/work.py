"""The one way to run work off the UI thread, in two lanes (STYLE.md §4, DESIGN.md §1).

- **The database lane** is the open vault's own database thread: reads and saves go
  there as one job each (``Vault.submit``), in order, and never wait behind a long job.
- **The long-job lane** is a small pool of plain threads for work that takes long or
  does not touch the database alone: key derivation (create, unlock, change passphrase),
  closing a vault, export, later backup and sync. Its jobs call the vault's blocking API,
  whose statements queue on the database lane between the user's saves.

Either way the outcome comes back on the UI thread through a queued signal, and is
delivered **only if the object that asked still exists** — one rule instead of
hand-written validity checks (as Anki's ``CollectionOp``). The one exception: a failed
*write* (a save, a delete) whose asker is gone is handed to ``orphaned_failure``, which
the shell shows in its banner, so typed words never vanish silently.

While a job the user waits for runs (``busy_text``), ``busy_changed(True, text)`` lets
the window show a busy indicator.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from desktop.vault import Vault

log = logging.getLogger("alongside.work")

T = TypeVar("T")
SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]
# Enough that closing a vault (dropping its key) never waits behind an export or backup.
LONG_LANE_THREADS = 3


class _Task:
    """One job, who asked for it, and its callbacks."""

    def __init__(
        self,
        owner: QObject | None,
        on_success: SuccessCallback,
        on_failure: FailureCallback,
        write: bool,
        on_orphaned: SuccessCallback | None = None,
    ) -> None:
        self.owner = owner
        self.on_orphaned = on_orphaned
        self.on_success = on_success
        self.on_failure = on_failure
        self.write = write
        self.result: Any = None
        self.error: BaseException | None = None


class WorkRunner(QObject):
    """Runs jobs on the database lane or the long-job lane; reports on the UI thread."""

    busy_changed = Signal(bool, str)
    # Progress of the job the user waits for, e.g. "Exporting… 50 of 200".
    progress_changed = Signal(str)
    # A write failed after the object that asked was destroyed (e.g. the editor on lock).
    orphaned_failure = Signal(object)
    # One object per outcome: PySide6 on Python 3.11 mis-counts references to a bare
    # None passed through a queued signal, which can crash the interpreter at exit.
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None  # made on first use (start-up)
        self._tasks: set[_Task] = set()
        # Jobs that run while the vault is open (the channel loop): not "busy", since
        # nobody waits for them; they end when asked to stop.
        self._background: set[_Task] = set()
        self._futures: set[Future[Any]] = set()
        self._busy_texts: dict[_Task, str] = {}
        self._mutex = threading.Lock()
        # AutoConnection queues it: a worker thread emits, and the slot runs on the UI
        # thread that owns this object. (Qt.ConnectionType would import the Qt namespace,
        # ~20 ms of start-up.)
        self._finished.connect(self._finish)

    @property
    def busy(self) -> bool:
        """True until every job has reported back (tests wait on this, never sleep).

        Background jobs (``background=True``) do not count."""
        return bool(self._tasks - self._background)

    def run(
        self,
        work: Callable[[], Any],
        *,
        owner: QObject | None,
        on_success: SuccessCallback,
        on_failure: FailureCallback,
        busy_text: str = "",
        write: bool = False,
        on_orphaned: SuccessCallback | None = None,
        background: bool = False,
    ) -> None:
        """Run ``work()`` on the long-job lane, then one callback on the UI thread.

        ``owner`` is the object that asked (None: the application itself); if it is
        destroyed first, the outcome is dropped — except that ``on_orphaned(result)``
        still runs, to release what the job made (a vault it opened must be closed).
        ``busy_text`` (e.g. "Unlocking…") marks a job the user is waiting for.
        """
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(
                max_workers=LONG_LANE_THREADS, thread_name_prefix="alongside-long"
            )
        future = self._executor.submit(work)  # raises after shutdown: nothing registered
        task = self._start(owner, on_success, on_failure, busy_text, write)
        task.on_orphaned = on_orphaned
        if background:
            self._background.add(task)
        self._track(future, task)

    def run_on_vault(
        self,
        vault: Vault,
        operation: Callable[[Vault], T],
        *,
        owner: QObject | None,
        on_success: SuccessCallback,
        on_failure: FailureCallback,
        busy_text: str = "",
        write: bool = False,
    ) -> None:
        """Run ``operation(vault)`` as one job on the vault's database lane.

        The job's change notice names ``owner`` as its origin, so a view can tell its
        own saves from changes made elsewhere.
        """
        future = vault.submit(operation, origin=owner)
        task = self._start(owner, on_success, on_failure, busy_text, write)
        self._track(future, task)

    def report_progress(self, text: str) -> None:
        """Called from a job on a worker thread; the UI shows it (queued signal)."""
        self.progress_changed.emit(text)

    def _start(
        self,
        owner: QObject | None,
        on_success: SuccessCallback,
        on_failure: FailureCallback,
        busy_text: str,
        write: bool,
    ) -> _Task:
        task = _Task(owner, on_success, on_failure, write)
        self._tasks.add(task)
        if busy_text:
            self._busy_texts[task] = busy_text
            self.busy_changed.emit(True, busy_text)
        return task

    def _track(self, future: Future[Any], task: _Task) -> None:
        with self._mutex:
            self._futures.add(future)

        def done(finished: Future[Any]) -> None:
            # On whichever thread finished the job: hand the outcome to the UI thread.
            error = finished.exception()
            if error is None:
                task.result = finished.result()
            else:
                task.error = error
            with self._mutex:
                self._futures.discard(finished)
            self._finished.emit(task)

        future.add_done_callback(done)

    @Slot(object)
    def _finish(self, task: _Task) -> None:
        result, error, owner = task.result, task.error, task.owner
        task.result = task.error = task.owner = None
        self._tasks.discard(task)
        self._background.discard(task)
        if self._busy_texts.pop(task, None) is not None:
            remaining = list(self._busy_texts.values())
            self.busy_changed.emit(bool(remaining), remaining[-1] if remaining else "")
        if owner is not None and not shiboken6.isValid(owner):
            if error is None and task.on_orphaned is not None:
                task.on_orphaned(result)
            elif error is not None and task.write:
                log.warning("work.orphaned_write_failed %s", type(error).__name__)
                self.orphaned_failure.emit(error)
            elif error is not None:
                log.info("work.late_failure %s", type(error).__name__)
            return
        if error is None:
            task.on_success(result)
        else:
            task.on_failure(error)

    def wait_for_all(self, timeout_s: float = 30.0) -> bool:
        """Block until queued jobs are done (at quit, so no job outlives the app)."""
        from concurrent.futures import wait as wait_for_futures

        with self._mutex:
            futures = list(self._futures)
        _, pending = wait_for_futures(futures, timeout=timeout_s)
        return not pending

    def shutdown(self) -> None:
        """Finish queued long jobs and end their threads (at quit; tests after each test)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
