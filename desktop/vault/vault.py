"""An open vault: its stores, preferences, key changes, integrity check and closing.

A vault is a folder holding `vault.db` (SQLCipher 4 under a random data key) and
`keyslots.json` (that key wrapped by the passphrase and by the recovery code). Creating
and unlocking one is in `opening.py`. See docs/vault.md for the format and DESIGN.md §2
for the reasons.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import filelock

from desktop.clock import Clock
from desktop.vault.actions import ActionStore
from desktop.vault.atomic_file import write_atomically
from desktop.vault.backup import LAST_BACKUP_PREFERENCE, Progress, write_backup
from desktop.vault.changes import ChangeListener
from desktop.vault.channel import ChannelStore
from desktop.vault.checkins import CheckInStore
from desktop.vault.crisis_directory import CrisisDirectoryStore
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.debriefs import DebriefStore
from desktop.vault.errors import (
    DiskFull,
    VaultDamaged,
    VaultLocked,
)
from desktop.vault.export_items import ExportSource
from desktop.vault.follow_ups import FollowUpStore
from desktop.vault.kdf import SHIPPED_KDF, KdfParams
from desktop.vault.keyslots import (
    DeviceSlot,
    KeyslotFile,
    PassphraseSlot,
    RecoverySlot,
    device_slot_of,
    make_device_slot,
    make_passphrase_slot,
    make_recovery_slot,
    new_data_key,
    unwrap_with_passphrase,
)
from desktop.vault.listening_formats import ListeningFormatStore
from desktop.vault.pairing import PairingStore
from desktop.vault.peer_links import PeerLinkStore
from desktop.vault.peers import PeerStore
from desktop.vault.recovery_code import (
    format_recovery_code,
    new_recovery_secret,
)
from desktop.vault.search import SearchStore
from desktop.vault.shared_notes import SharedNoteStore
from desktop.vault.tags import TagStore
from desktop.vault.templates import TemplateStore
from desktop.vault.trash import TrashStore
from desktop.vault.watch_list import WatchListStore

DATABASE_FILE = "vault.db"
KEYSLOTS_FILE = "keyslots.json"
LOCK_FILE = "vault.lock"
DEFAULT_AUTO_LOCK_MINUTES = 5

T = TypeVar("T")


class Vault:
    """An unlocked vault. Close it to drop the key; every later call raises `VaultLocked`."""

    def __init__(
        self,
        folder: Path,
        worker: DatabaseWorker,
        lock: filelock.BaseFileLock,
        keyslots: KeyslotFile,
        generation: int,
        data_key: bytes,
        clock: Clock,
    ) -> None:
        self.folder = folder
        self._worker = worker
        self._lock = lock
        self._keyslots = keyslots
        self._generation = generation
        self._data_key = bytearray(data_key)
        self._keyslot_mutex = threading.Lock()
        self._clock = clock
        self.vault_id = keyslots.vault_id
        worker.watch_changes()
        self.debriefs = DebriefStore(worker, clock)
        # Issue 3's stores (docs/debriefs.md); each runs its SQL on the worker thread.
        self.templates = TemplateStore(worker, clock)
        self.tags = TagStore(worker)
        self.search = SearchStore(worker)
        self.trash = TrashStore(worker, clock)
        self.checkins = CheckInStore(worker, clock)
        self.actions = ActionStore(worker, clock)
        self.listening_formats = ListeningFormatStore(worker, clock)
        self.exports = ExportSource(worker)
        # Issue 14's stores (docs/peers.md).
        self.peers = PeerStore(worker, clock)
        self.peer_links = PeerLinkStore(worker)
        self.follow_ups = FollowUpStore(worker, clock)
        self.crisis_lines = CrisisDirectoryStore(worker, clock)
        # Issue 12: the channel to the sharing partner (docs/protocol.md).
        self.shared_notes = SharedNoteStore(worker, clock)
        self.channel = ChannelStore(worker, clock)
        # Issue 11: the identity key and the pairing with the sharing partner.
        self.pairing = PairingStore(worker, clock)
        # Issue 12: the names the identifier check watches for (docs/identifiers.md).
        self.watch_list = WatchListStore(worker)
        with contextlib.suppress(DiskFull):
            # A full disk must not stop the unlock that lets the user free space.
            self.trash.purge_expired()
            self.peers.purge_expired()
        self.name = self._read_meta("name") or folder.name

    def __repr__(self) -> str:
        return f"<Vault {self.vault_id[:8]} {'open' if self.is_open else 'locked'}>"

    @property
    def is_open(self) -> bool:
        return self._worker.is_open

    def run(self, operation: Callable[[Connection], T]) -> T:
        """Run `operation(connection)` on the vault's database thread (for vault modules)."""
        return self._worker.call(operation)

    def submit(self, operation: Callable[[Vault], T], origin: object = None) -> Future[T]:
        """Queue `operation(vault)` for the database thread and return its future at once.

        The whole operation runs on that thread (its store calls run inline there), so
        it is one job: queued saves never interleave with it. `origin` says who asked;
        it travels with the change notice of whatever the operation changes.
        """
        return self._worker.submit(lambda _: operation(self), origin)

    def on_change(self, listener: ChangeListener) -> None:
        """Call `listener(notice)` on the database thread after every committed change."""
        self._worker.changes.listen(listener)

    def remove_change_listener(self, listener: ChangeListener) -> None:
        self._worker.changes.unlisten(listener)

    def interrupt(self) -> None:
        """Abort the statement now running, e.g. a search the user has moved past."""
        self._worker.interrupt()

    # -- preferences kept inside the vault -------------------------------------------

    def _read_meta(self, key: str) -> str | None:
        row = self.run(
            lambda c: c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        )
        return None if row is None else str(row[0])

    def get_preference(self, key: str, default: object) -> object:
        row = self.run(
            lambda c: c.execute("SELECT value FROM preferences WHERE key = ?", (key,)).fetchone()
        )
        return default if row is None else json.loads(row[0])

    def set_preference(self, key: str, value: object) -> None:
        encoded = json.dumps(value)
        self.run(
            lambda c: c.execute(
                "INSERT INTO preferences (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, encoded),
            )
        )

    @property
    def auto_lock_minutes(self) -> int:
        """Minutes of inactivity before the app locks this vault (0 = never)."""
        value = self.get_preference("auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES)
        return value if isinstance(value, int) and value >= 0 else DEFAULT_AUTO_LOCK_MINUTES

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, minutes: int) -> None:
        if not 0 <= minutes <= 24 * 60:
            raise ValueError("auto-lock minutes out of range")
        self.set_preference("auto_lock_minutes", minutes)

    # -- keys ------------------------------------------------------------------------

    def _require_open(self) -> None:
        if not self.is_open:
            raise VaultLocked("closed")

    def _write_keyslots(self, keyslots: KeyslotFile) -> None:
        write_atomically(self.folder / KEYSLOTS_FILE, keyslots.to_bytes())
        self._keyslots = keyslots

    def forget_unused_keyslots(self) -> None:
        """Drop slots of a data key the database does not use (an interrupted re-encryption)."""
        with self._keyslot_mutex:
            current = tuple(s for s in self._keyslots.slots if s.generation == self._generation)
            if len(current) != len(self._keyslots.slots):
                self._write_keyslots(self._keyslots.model_copy(update={"slots": current}))

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` opens this vault's current passphrase slot (runs Argon2id).

        Asked before a passphrase change, so a colleague at an unlocked PC cannot lock
        the owner out of their own vault.
        """
        with self._keyslot_mutex:
            self._require_open()
            opened = unwrap_with_passphrase(self._keyslots, passphrase)
            return any(
                generation == self._generation and hmac.compare_digest(key, self._data_key)
                for generation, key in opened
            )

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams = SHIPPED_KDF) -> None:
        """Rewrap the data key under a new passphrase; the database is not rewritten."""
        with self._keyslot_mutex:
            self._require_open()
            slot = make_passphrase_slot(
                self.vault_id, self._generation, bytes(self._data_key), new_passphrase, kdf
            )
            others = [s for s in self._keyslots.slots if not isinstance(s, PassphraseSlot)]
            self._write_keyslots(self._keyslots.model_copy(update={"slots": (slot, *others)}))

    def replace_recovery_code(self) -> str:
        """Make a fresh recovery code; the old one stops working. Returns the new code."""
        with self._keyslot_mutex:
            self._require_open()
            secret = new_recovery_secret()
            slot = make_recovery_slot(
                self.vault_id, self._generation, bytes(self._data_key), secret
            )
            others = [s for s in self._keyslots.slots if not isinstance(s, RecoverySlot)]
            self._write_keyslots(self._keyslots.model_copy(update={"slots": (*others, slot)}))
            return format_recovery_code(secret)

    @property
    def remembered_entry(self) -> str | None:
        """The keyring entry of this vault's device slot ("Remember on this computer")."""
        slot = device_slot_of(self._keyslots)
        return None if slot is None else slot.keyring_entry

    def remember_on_device(self, device_key: bytes, keyring_entry: str) -> None:
        """Add (or replace) the device slot: the data key wrapped under `device_key`,
        which the caller has already put in the OS keyring as `keyring_entry`."""
        with self._keyslot_mutex:
            self._require_open()
            slot = make_device_slot(
                self.vault_id, self._generation, bytes(self._data_key), device_key, keyring_entry
            )
            others = [s for s in self._keyslots.slots if not isinstance(s, DeviceSlot)]
            self._write_keyslots(self._keyslots.model_copy(update={"slots": (*others, slot)}))

    def forget_device(self) -> None:
        """Remove the device slot (the caller deletes the keyring entry)."""
        with self._keyslot_mutex:
            self._require_open()
            kept = tuple(s for s in self._keyslots.slots if not isinstance(s, DeviceSlot))
            if len(kept) != len(self._keyslots.slots):
                self._write_keyslots(self._keyslots.model_copy(update={"slots": kept}))

    def reencrypt(self, new_passphrase: str, *, kdf: KdfParams = SHIPPED_KDF) -> str:
        """Re-encrypt the database under a new data key; returns the new recovery code.

        Afterwards an old copy of `keyslots.json`, with the old passphrase or recovery
        code, no longer opens the database. Crash-safe: the new slots are written beside
        the old ones first, the database is rekeyed in one SQLCipher transaction, then
        the old slots are dropped; at open, whichever key the database accepts wins.
        """
        with self._keyslot_mutex:
            self._require_open()
            generation = self._generation + 1
            data_key = new_data_key()
            secret = new_recovery_secret()
            new_slots = (
                make_passphrase_slot(self.vault_id, generation, data_key, new_passphrase, kdf),
                make_recovery_slot(self.vault_id, generation, data_key, secret),
            )
            self._write_keyslots(
                self._keyslots.model_copy(update={"slots": (*self._keyslots.slots, *new_slots)})
            )
            self.run(lambda c: c.execute(f"PRAGMA rekey = \"x'{data_key.hex()}'\"").fetchall())
            # Fold the rekeyed pages from the WAL into the main file now, so no page
            # under the old key stays on disk.
            self.run(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())
            self._generation, self._data_key = generation, bytearray(data_key)
            self._write_keyslots(self._keyslots.model_copy(update={"slots": new_slots}))
            return format_recovery_code(secret)

    # -- backup (backup.py; restoring is restore.py) -----------------------------------

    def back_up(self, destination: Path, *, progress: Progress | None = None) -> None:
        """Write one encrypted backup file at `destination`; saves go on meanwhile.

        Holds the passphrase and recovery slots, never a device slot. `progress(fraction)`
        is called on the calling thread. Run it on the long-job lane, never inside
        `submit` (it is itself a series of database jobs). Key changes wait for the
        backup; locking stops it (`VaultLocked`). Records the time in `last_backup_at`.
        """
        with self._keyslot_mutex:
            self._require_open()
            when = self._clock.now()
            write_backup(
                self._worker,
                self._keyslots,
                self._generation,
                bytes(self._data_key),
                Path(destination),
                when,
                progress,
                vault_folder=self.folder,
            )
            # Inside the lock: a lock right after the file is written must not turn a
            # complete backup into a failed one.
            self.set_preference(LAST_BACKUP_PREFERENCE, when.isoformat())

    @property
    def last_backup_at(self) -> datetime | None:
        """When this vault was last backed up from this app (None: never)."""
        value = self.get_preference(LAST_BACKUP_PREFERENCE, None)
        return datetime.fromisoformat(value) if isinstance(value, str) else None

    # -- integrity and closing ---------------------------------------------------------

    def integrity_check(self) -> None:
        """Check every page's HMAC and the b-trees; raise `VaultDamaged` on any fault."""

        def check(connection: Connection) -> tuple[list[object], str]:
            # cipher_integrity_check reads the main file only: checkpoint the WAL first.
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            cipher_faults = connection.execute("PRAGMA cipher_integrity_check").fetchall()
            quick = connection.execute("PRAGMA quick_check").fetchone()[0]
            return cipher_faults, str(quick)

        cipher_faults, quick = self.run(check)
        if cipher_faults or quick != "ok":
            raise VaultDamaged("integrity-check")

    def stop_long_jobs(self) -> None:
        """Ask a running backup to stop at its next step (thread-safe, returns at once).

        Called by the UI when it locks, before it queues the close: the close may wait
        for a free long-job thread, and must not wait for a backup to finish.
        """
        self._worker.stop_long_jobs()

    def close(self) -> None:
        """Drop the key, close the connection and release the folder lock."""
        # A running backup holds the keyslot mutex: ask it to stop at its next step so
        # that locking is not delayed by it.
        self._worker.stop_long_jobs()
        with self._keyslot_mutex:
            try:
                self._worker.close()
            finally:
                for index in range(len(self._data_key)):
                    self._data_key[index] = 0
                if self._lock.is_locked:
                    self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
