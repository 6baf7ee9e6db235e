"""One thread that owns the vault's single SQLCipher connection.

A SQLite connection belongs to the thread that made it (DESIGN.md §1). Every database
operation is a function of the connection, sent to this thread through a queue. `submit`
hands back a future at once (the UI's work runner uses it, so the UI thread never
waits); `call` blocks until the result is there (for other threads, e.g. a long job).
After each job the change recorder announces what the job changed (changes.py).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import sqlcipher3

from desktop.vault.changes import CHANGED_FUNCTION, ChangeRecorder, trigger_statements
from desktop.vault.database_errors import translate
from desktop.vault.errors import VaultDamaged, VaultLocked

T = TypeVar("T")
Connection = Any  # sqlcipher3.Connection has no type stubs
Job = tuple[Callable[[Connection], Any], "Future[Any]", object]

PRAGMAS_AFTER_KEY = (
    # EXCLUSIVE before WAL: WAL then keeps its index in heap memory, so no `-shm` file
    # (unsafe on network folders) and a second process cannot open the vault at all.
    "PRAGMA locking_mode = EXCLUSIVE",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    # Every page read from disk is decrypted and HMAC-checked; a 16 MiB page cache
    # (SQLite's default is 2 MiB) keeps search and autosave within ~1x of the same
    # build unencrypted (bench/search.py, docs/performance.md).
    "PRAGMA cache_size = -16384",
)


def connect_with_raw_key(path: Path, key: bytes) -> Connection:
    """Open `path` with a raw 256-bit key and prove the key right at once.

    Raises `VaultDamaged` when SQLCipher refuses the key: the caller has already
    unwrapped the key from a keyslot, so a refusal means the files do not belong
    together or the database is damaged.
    """
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        # SQLCipher logs HMAC failures to stderr by default; keep output quiet.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in PRAGMAS_AFTER_KEY:
            connection.execute(pragma).fetchall()
        # Take the exclusive lock now, so "open elsewhere" shows at unlock, not later.
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("COMMIT")
    except sqlcipher3.Error as exc:
        connection.close()
        raise translate(exc) from None
    return connection


class DatabaseWorker:
    """Runs functions of the vault's connection on the thread that owns it."""

    def __init__(self, path: Path, key: bytes) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._connection: Connection | None = None
        self._closed = False
        # A job (or the stop sentinel) that `serve_pending` took but must not run inside
        # a long job: it runs first once the long job returns.
        self._held: list[Job | None] = []
        self._closing = threading.Event()
        self._connection_closed = False  # set on this thread when the connection closes
        self._submit_mutex = threading.Lock()
        self.changes = ChangeRecorder()
        self._thread = threading.Thread(target=self._serve, name="vault-db", daemon=True)
        self._thread.start()
        try:
            self.call(lambda _: self._open(path, key))
        except BaseException:
            self._stop_thread()
            raise

    def _open(self, path: Path, key: bytes) -> None:
        self._connection = connect_with_raw_key(path, key)

    def watch_changes(self) -> None:
        """Install the change triggers (after migrations: they name today's tables)."""

        def install(connection: Connection) -> None:
            connection.create_function(
                CHANGED_FUNCTION, 1, self.changes.table_changed, deterministic=False
            )
            for statement in trigger_statements():
                connection.execute(statement)

        self.call(install)

    def _serve(self) -> None:
        while True:
            job = self._held.pop() if self._held else self._jobs.get()
            if job is None:
                return
            self._run(job)

    def _run(self, job: Job) -> None:
        function, future, origin = job
        if not future.set_running_or_notify_cancel():
            return
        error: BaseException | None = None
        try:
            if self._connection_closed:
                raise VaultLocked("closed")
            result = function(self._connection)
        except sqlcipher3.Error as exc:
            error = translate(exc)
        except BaseException as exc:
            error = exc
        # Announce before answering: whoever waits on the answer then finds the
        # views already told (tests wait on the answer, never on a sleep).
        self.changes.announce(self._connection, origin)
        if error is None:
            future.set_result(result)
        else:
            future.set_exception(error)

    def serve_pending(self) -> bool:
        """Run the jobs queued so far, from inside a long job on this thread.

        A long job (a backup) calls this between its steps so that saves queued meanwhile
        wait one step, not the whole job; each is announced as usual. Returns False,
        leaving the rest queued, when the vault is closing: the long job should then stop.
        """
        if not self.on_database_thread:
            raise RuntimeError("serve_pending runs only on the database thread")
        while not self._closing.is_set():
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return True
            if job is None or getattr(job[0], "__func__", None) is DatabaseWorker._close_connection:
                self._held.append(job)
                return False
            self._run(job)
        return False

    @property
    def on_database_thread(self) -> bool:
        """Whether the caller is this worker's own thread (a long job must not be)."""
        return threading.current_thread() is self._thread

    @property
    def is_closing(self) -> bool:
        """Whether `close` has been asked for; long jobs check it between steps."""
        return self._closing.is_set()

    @property
    def is_open(self) -> bool:
        return not self._closed

    def submit(self, function: Callable[[Connection], T], origin: object = None) -> Future[T]:
        """Queue `function(connection)` for the database thread; its future, at once.

        `origin` (who asked) travels with the job's change notice.
        """
        future: Future[T] = Future()
        with self._submit_mutex:  # never behind the end-of-queue marker
            if self._closed:
                future.set_exception(VaultLocked("closed"))
                return future
            self._jobs.put((function, future, origin))
        return future

    def call(self, function: Callable[[Connection], T]) -> T:
        """Run `function(connection)` on the database thread and return its result."""
        if self._closed:
            raise VaultLocked("closed")
        if threading.current_thread() is self._thread:
            return function(self._connection)
        return self.submit(function).result()

    def interrupt(self) -> None:
        """Abort the running statement (thread-safe), e.g. a superseded search."""
        if self._connection is not None:
            self._connection.interrupt()

    def stop_long_jobs(self) -> None:
        """Ask a running long job to stop at its next step (thread-safe): the vault is locking."""
        self._closing.set()

    def close(self) -> None:
        """Close the connection (SQLCipher wipes its key) and end the thread."""
        if self._closed:
            return
        self._closing.set()
        try:
            self.call(self._close_connection)
        finally:
            with self._submit_mutex:
                self._closed = True
            self._stop_thread()

    def _close_connection(self, connection: Connection) -> None:
        if connection is None:
            return
        try:
            # Fold the WAL back so the folder is one file at rest.
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlcipher3.Error:
            pass
        finally:
            connection.close()
            self._connection = None
            self._connection_closed = True

    def _stop_thread(self) -> None:
        self._jobs.put(None)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)


__all__ = ["Connection", "DatabaseWorker", "VaultDamaged", "connect_with_raw_key"]
