"""Back up an open vault into one encrypted file, while saves go on.

The database is copied with SQLite's online backup API into a temporary SQLCipher file
under the same data key (never a raw copy of a live WAL database), a few hundred pages
per step. The copy runs as one job on the vault's database thread, which owns the only
connection; between steps that job runs whatever the thread was sent meanwhile
(`DatabaseWorker.serve_pending`), so a save waits for one step (milliseconds), not for
the whole backup. Writes made through the same connection during the copy are carried
into the backup by SQLite itself. Then the container (backup_format.py) is written to a
temporary file beside the destination, fsynced and renamed over it: a crash or a full
disk leaves the previous backup of that name as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.vault.atomic_file import fsync_folder, os_error_to_vault_error
from desktop.vault.backup_format import MANIFEST_FORMAT, pack_backup
from desktop.vault.database_errors import translate_backup_failure
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.errors import BackupDiskFull, BackupInsideVault, DiskFull, VaultLocked
from desktop.vault.file_modes import PRIVATE_FILE_MODE
from desktop.vault.keyslots import DeviceSlot, KeyslotFile

BACKUP_SUFFIX = ".albk"
# 256 pages of 4 KiB: about 10 ms of copying here, so a queued save waits about that.
STEP_PAGES = 256
# Share of the progress bar for the database copy; the rest is writing the container.
_COPY_SHARE = 0.8
LAST_BACKUP_PREFERENCE = "last_backup_at"

Progress = Callable[[float], None]


class _Stopped(Exception):
    """The vault is locking: the backup gives way at its next step."""


def backup_file_name(day: date) -> str:
    """A neutral default name: no vault name, no user words (`alongside-backup-<date>.albk`)."""
    return f"alongside-backup-{day.isoformat()}{BACKUP_SUFFIX}"


def backup_manifest(keyslots: KeyslotFile, generation: int, created: datetime) -> dict[str, Any]:
    """The manifest: the passphrase and recovery slots of the current data key.

    A device slot is never included: its key lives in this computer's keyring, and a
    backup must not open from this computer without the passphrase or recovery code.
    """
    slots = tuple(
        slot
        for slot in keyslots.slots
        if slot.generation == generation and not isinstance(slot, DeviceSlot)
    )
    portable = KeyslotFile(vault_id=keyslots.vault_id, slots=slots)
    return {
        "format": MANIFEST_FORMAT,
        "version": 1,
        "created": created.isoformat(),
        "keyslots": portable.model_dump(mode="json", exclude_none=True),
    }


def _copy_job(
    worker: DatabaseWorker,
    data_key: bytes,
    target_path: Path,
    created: datetime,
    on_step: Callable[[int, int], None],
) -> Callable[[Connection], None]:
    def copy(source: Connection) -> None:
        target = sqlcipher3.connect(str(target_path), isolation_level=None)
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            target.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")

            def step(_status: int, remaining: int, total: int) -> None:
                on_step(total - remaining, total)
                if not worker.serve_pending():
                    raise _Stopped

            try:
                source.backup(target, pages=STEP_PAGES, progress=step)
            except sqlcipher3.Error as exc:
                raise translate_backup_failure(exc) from None
            # The copy records its own time, so a vault restored from it knows when its
            # last backup was (else the reminder would date from the backup before).
            target.execute(
                "INSERT INTO preferences (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (LAST_BACKUP_PREFERENCE, json.dumps(created.isoformat())),
            )
        finally:
            target.close()

    return copy


def _copy_database(
    worker: DatabaseWorker,
    data_key: bytes,
    target: Path,
    created: datetime,
    progress: Progress | None,
) -> None:
    """Run the stepwise copy on the database thread; report progress on this thread."""
    steps: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
    job = _copy_job(worker, data_key, target, created, lambda d, t: steps.put((d, t)))
    future = worker.submit(job)
    future.add_done_callback(lambda _: steps.put(None))
    while (step := steps.get()) is not None:
        if progress is not None and step[1]:
            progress(_COPY_SHARE * step[0] / step[1])
    try:
        future.result()
    except _Stopped:
        raise VaultLocked("backup-stopped") from None


def write_backup(
    worker: DatabaseWorker,
    keyslots: KeyslotFile,
    generation: int,
    data_key: bytes,
    destination: Path,
    created: datetime,
    progress: Progress | None = None,
    *,
    vault_folder: Path | None = None,
) -> None:
    """Write the backup file at `destination` atomically (see the module docstring).

    Call from a long-job thread, never the database thread. Raises `BackupDiskFull` when
    the destination fills up, `VaultLocked` when the vault is locked meanwhile, and
    `BackupInsideVault` for a destination inside `vault_folder` (a restore would move it
    aside with the vault, and the vault folder should hold only the vault).
    """
    if worker.on_database_thread:
        # The copy is itself a job on that thread: waiting for it there would deadlock.
        raise RuntimeError("back up from a long-job thread, not inside vault.submit")
    if worker.is_closing or not worker.is_open:
        raise VaultLocked("closed")
    if vault_folder is not None:
        inside = Path(os.path.realpath(destination.parent))
        vault = Path(os.path.realpath(vault_folder))
        if inside == vault or vault in inside.parents:
            raise BackupInsideVault("inside-vault")
    manifest = backup_manifest(keyslots, generation, created)
    folder = destination.parent
    token = secrets.token_hex(6)
    temp_database = folder / f".{destination.name}.{token}.db-tmp"
    temp_backup = folder / f".{destination.name}.{token}.tmp"
    try:
        # Made 0600 first: SQLite keeps an existing file's mode (and gives it to the
        # rollback journal it makes beside it).
        os.close(os.open(temp_database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        _copy_database(worker, data_key, temp_database, created, progress)
        fd = os.open(temp_backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)

        def packed(done: int, total: int) -> None:
            if worker.is_closing:
                raise VaultLocked("backup-stopped")
            if progress is not None:
                progress(_COPY_SHARE + (1 - _COPY_SHARE) * done / max(total, 1))

        with os.fdopen(fd, "wb") as output:
            pack_backup(output, manifest, temp_database, packed)
            output.flush()
            os.fsync(output.fileno())
        os.replace(temp_backup, destination)
        fsync_folder(folder)
    except DiskFull as exc:
        raise BackupDiskFull(exc.detail_code) from None
    except OSError as exc:
        error = os_error_to_vault_error(exc)
        if isinstance(error, DiskFull):
            raise BackupDiskFull(error.detail_code) from None
        raise error from None
    finally:
        journal = temp_database.with_name(temp_database.name + "-journal")
        for leftover in (temp_database, journal, temp_backup):
            with contextlib.suppress(OSError):
                leftover.unlink()
