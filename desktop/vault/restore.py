"""Restore a backup file as a vault, verified before anything is replaced.

Order (each step refuses with one plain sentence and leaves the target as it was):
the header and lengths (not a backup, truncated); the database copied into a private
staging folder beside the target while its SHA-256 is checked (damaged); the keyslots
(none usable: a device-slot-only backup); the target (another vault's backup, a folder
of other files, a vault open elsewhere); the passphrase or recovery code unwraps a slot;
SQLCipher accepts the key, the vault id inside matches, `cipher_integrity_check` and
`quick_check` pass. Only then is the old vault renamed aside, to a sibling folder named
with the date that stays until the user removes it, and the staging folder renamed into
its place.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import filelock
import sqlcipher3

from desktop.clock import SYSTEM_CLOCK, Clock, local_today
from desktop.vault.atomic_file import fsync_folder, os_error_to_vault_error, write_atomically
from desktop.vault.backup_format import BackupLayout, read_layout, unpack_database
from desktop.vault.database_errors import translate
from desktop.vault.database_worker import Connection, connect_with_raw_key
from desktop.vault.errors import (
    BackupDamaged,
    BackupOfAnotherVault,
    BackupWithoutKeyslots,
    DiskFull,
    NotABackup,
    RestoreDiskFull,
    RestoreFolderNotEmpty,
    VaultDamaged,
    VaultError,
    VaultNewerThanApp,
    VaultOpenElsewhere,
    WrongBackupPassphrase,
    WrongBackupRecoveryCode,
)
from desktop.vault.file_modes import PRIVATE_FILE_MODE, make_private_folder
from desktop.vault.keyslots import (
    DeviceSlot,
    KeyslotFile,
    parse_keyslot_file,
    unwrap_with_passphrase,
    unwrap_with_recovery_secret,
)
from desktop.vault.migrations import SCHEMA_VERSION
from desktop.vault.recovery_code import parse_recovery_code
from desktop.vault.vault import DATABASE_FILE, KEYSLOTS_FILE, LOCK_FILE


@dataclass(frozen=True)
class BackupInfo:
    """What the restore dialog can show before asking for a secret (header only)."""

    created: datetime | None
    vault_id: str | None


def describe_backup(backup_file: Path) -> BackupInfo:
    """Read a backup's header and manifest (fast: no checksum, no key): when, which vault.

    `NotABackup` or `BackupDamaged` as `restore_backup` would say for the same header.
    """
    try:
        with Path(backup_file).open("rb") as backup:
            layout = read_layout(backup, os.fstat(backup.fileno()).st_size)
    except (FileNotFoundError, IsADirectoryError):
        raise NotABackup("missing") from None
    except OSError as exc:
        raise os_error_to_vault_error(exc) from None
    created_text = layout.manifest.get("created")
    try:
        created = datetime.fromisoformat(created_text) if isinstance(created_text, str) else None
    except ValueError:
        created = None
    keyslots = layout.manifest.get("keyslots")
    vault_id = keyslots.get("vault_id") if isinstance(keyslots, dict) else None
    return BackupInfo(created, vault_id if isinstance(vault_id, str) else None)


@dataclass(frozen=True)
class RestoredVault:
    """Where the restored vault is, and where the vault it replaced was put aside."""

    folder: Path
    replaced_folder: Path | None


def _existing_vault_id(target: Path) -> tuple[bool, str | None]:
    """(whether `target` holds a vault, its id if its keyslots can be read)."""
    if not target.exists():
        return False, None
    if not target.is_dir():
        raise RestoreFolderNotEmpty("not-a-folder")
    names = {entry.name for entry in target.iterdir()}
    if not names & {DATABASE_FILE, KEYSLOTS_FILE}:
        if names:
            raise RestoreFolderNotEmpty("other-files")
        return False, None
    try:
        return True, parse_keyslot_file((target / KEYSLOTS_FILE).read_bytes()).vault_id
    except (OSError, VaultError):
        # A damaged vault is what restoring is for: it may be replaced.
        return True, None


def _portable_keyslots(layout: BackupLayout) -> KeyslotFile:
    try:
        raw = json.dumps(layout.manifest["keyslots"]).encode("utf-8")
    except (KeyError, TypeError, ValueError):
        raise BackupDamaged("manifest-keyslots") from None
    try:
        keyslots = parse_keyslot_file(raw)
    except VaultDamaged:
        raise BackupDamaged("manifest-keyslots") from None
    usable = tuple(slot for slot in keyslots.slots if not isinstance(slot, DeviceSlot))
    if not usable:
        raise BackupWithoutKeyslots("device-only")
    return keyslots.model_copy(update={"slots": usable})


def _verify_database(path: Path, keyslots: KeyslotFile, candidates: list[tuple[int, bytes]]) -> int:
    """Open the staged database with the newest key it accepts and check every page."""
    for generation, data_key in sorted(candidates, reverse=True):
        try:
            connection = connect_with_raw_key(path, data_key)
        except VaultDamaged:
            continue
        try:
            _check_contents(connection, keyslots.vault_id)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlcipher3.Error as exc:
            error = translate(exc)
            raise (error if isinstance(error, DiskFull) else BackupDamaged("sqlite")) from None
        finally:
            connection.close()
        return generation
    raise BackupDamaged("key-refused")


def _check_contents(connection: Connection, vault_id: str) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise VaultNewerThanApp(f"schema-{version}")
    if version < 1:
        raise BackupDamaged("no-schema")
    row = connection.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
    if row is None or row[0] != vault_id:
        raise BackupDamaged("vault-id-mismatch")
    if connection.execute("PRAGMA cipher_integrity_check").fetchall():
        raise BackupDamaged("cipher-integrity")
    if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise BackupDamaged("quick-check")


def _aside_name(target: Path, clock: Clock) -> Path:
    stem = f"{target.name} (replaced {local_today(clock).isoformat()})"
    aside, number = target.with_name(stem), 2
    while aside.exists():
        aside, number = target.with_name(f"{stem} {number}"), number + 1
    return aside


def _swap_in(staging: Path, target: Path, holds_vault: bool, clock: Clock) -> Path | None:
    """Put the old vault aside and the verified one in its place; undo on failure."""
    if not holds_vault:
        if target.exists():
            target.rmdir()  # empty, checked before
        os.replace(staging, target)
        fsync_folder(target.parent)
        return None
    lock = filelock.FileLock(target / LOCK_FILE, timeout=0, mode=PRIVATE_FILE_MODE)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise VaultOpenElsewhere("restore-target-open") from None
    aside = _aside_name(target, clock)
    try:
        if os.name == "nt":
            lock.release()  # Windows cannot rename a folder holding an open file
        os.replace(target, aside)
        try:
            os.replace(staging, target)
        except OSError:
            os.replace(aside, target)
            raise
        fsync_folder(target.parent)
    finally:
        if lock.is_locked:
            lock.release()
    return aside


def restore_backup(
    backup_file: Path,
    target_folder: Path,
    *,
    passphrase: str | None = None,
    recovery_code: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> RestoredVault:
    """Restore `backup_file` into `target_folder`, opening it with one of the two secrets.

    `target_folder` may be missing, empty, or the vault to replace (which must be closed
    and, if its keyslots are readable, the same vault as the backup's). Runs Argon2id
    and reads the whole backup twice: call it from a long-job thread. Returns where the
    replaced vault was put aside; the restored vault is then opened as usual.
    """
    if (passphrase is None) == (recovery_code is None):
        raise ValueError("give exactly one of passphrase and recovery_code")
    unwrap: Callable[[KeyslotFile], list[tuple[int, bytes]]]
    refused: VaultError
    if recovery_code is not None:
        secret = parse_recovery_code(recovery_code)  # a typo is caught before any work
        unwrap, refused = (
            (lambda k: unwrap_with_recovery_secret(k, secret)),
            WrongBackupRecoveryCode(),
        )
    else:
        given = passphrase or ""
        refused = WrongBackupPassphrase()
        unwrap = lambda keyslots: unwrap_with_passphrase(keyslots, given)  # noqa: E731
    target = Path(target_folder)
    holds_vault, existing_id = _existing_vault_id(target)
    staging = target.with_name(f".{target.name}.restoring-{secrets.token_hex(6)}")
    try:
        make_private_folder(staging)
        with Path(backup_file).open("rb") as backup:
            layout = read_layout(backup, os.fstat(backup.fileno()).st_size)
            backup.seek(0)
            fd = os.open(staging / DATABASE_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as database:
                unpack_database(backup, layout, database)
                database.flush()
                os.fsync(database.fileno())
        keyslots = _portable_keyslots(layout)
        if existing_id is not None and existing_id != keyslots.vault_id:
            raise BackupOfAnotherVault("vault-id")
        candidates = unwrap(keyslots)
        if not candidates:
            raise refused
        generation = _verify_database(staging / DATABASE_FILE, keyslots, candidates)
        current = tuple(slot for slot in keyslots.slots if slot.generation == generation)
        write_atomically(
            staging / KEYSLOTS_FILE, keyslots.model_copy(update={"slots": current}).to_bytes()
        )
        replaced = _swap_in(staging, target, holds_vault, clock)
    except FileNotFoundError:
        raise NotABackup("missing") from None
    except IsADirectoryError:
        raise NotABackup("folder") from None
    except DiskFull as exc:
        raise RestoreDiskFull(exc.detail_code) from None
    except OSError as exc:
        error = os_error_to_vault_error(exc)
        if isinstance(error, DiskFull):
            raise RestoreDiskFull(error.detail_code) from None
        raise error from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return RestoredVault(target, replaced)


__all__ = ["BackupInfo", "RestoredVault", "describe_backup", "restore_backup"]
