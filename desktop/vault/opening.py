"""Create a vault, or unlock one with its passphrase or recovery code.

Unlocking takes the folder's OS lock first (so "open elsewhere" is said before any key
derivation), unwraps every keyslot the secret opens, and gives the database each key,
newest generation first (see `Vault.reencrypt` for why there can be two).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from pathlib import Path

import filelock

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.vault.atomic_file import os_error_to_vault_error, write_atomically
from desktop.vault.database_worker import DatabaseWorker
from desktop.vault.errors import (
    DiskFull,
    FolderNotWritable,
    NotAVault,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultOpenElsewhere,
    WrongDeviceKey,
    WrongPassphrase,
    WrongRecoveryCode,
)
from desktop.vault.file_modes import (
    PRIVATE_FILE_MODE,
    create_private_file,
    make_private_folder,
    make_vault_files_private,
)
from desktop.vault.kdf import SHIPPED_KDF, KdfParams
from desktop.vault.keyslots import (
    KeyslotFile,
    PassphraseSlot,
    device_slot_of,
    has_unnormalised_passphrase_slot,
    make_passphrase_slot,
    make_recovery_slot,
    new_data_key,
    parse_keyslot_file,
    unwrap_with_device_key,
    unwrap_with_passphrase,
    unwrap_with_recovery_secret,
)
from desktop.vault.migrations import migrate
from desktop.vault.recovery_code import (
    format_recovery_code,
    new_recovery_secret,
    parse_recovery_code,
)
from desktop.vault.vault import DATABASE_FILE, KEYSLOTS_FILE, LOCK_FILE, Vault


def _acquire_folder_lock(folder: Path) -> filelock.BaseFileLock:
    """Hold an OS lock on the vault folder for as long as the vault is open."""
    # Not thread-local: the UI opens on one worker thread and may close on another.
    lock = filelock.FileLock(
        folder / LOCK_FILE, timeout=0, mode=PRIVATE_FILE_MODE, thread_local=False
    )
    try:
        lock.acquire()
    except filelock.Timeout:
        raise VaultOpenElsewhere("lock-held") from None
    except OSError as exc:
        raise os_error_to_vault_error(exc) from None
    return lock


def _read_keyslots(folder: Path) -> KeyslotFile:
    try:
        raw = (folder / KEYSLOTS_FILE).read_bytes()
    except FileNotFoundError:
        raise NotAVault("no-keyslots") from None
    except OSError as exc:
        raise os_error_to_vault_error(exc) from None
    return parse_keyslot_file(raw)


def _open_with_candidates(
    folder: Path,
    keyslots: KeyslotFile,
    candidates: list[tuple[int, bytes]],
    lock: filelock.BaseFileLock,
    clock: Clock,
) -> Vault:
    """Open the database with the first candidate key it accepts, newest first."""
    database = folder / DATABASE_FILE
    if not database.is_file():
        raise NotAVault("no-database")
    for generation, data_key in sorted(candidates, reverse=True):
        try:
            worker = DatabaseWorker(database, data_key)
        except VaultDamaged:
            continue
        try:
            stored_id = worker.call(
                lambda c: (
                    c.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
                    if c.execute("PRAGMA user_version").fetchone()[0] >= 1
                    else None
                )
            )
            if stored_id is None or stored_id[0] != keyslots.vault_id:
                raise VaultDamaged("vault-id-mismatch")
            worker.call(migrate)
            vault = Vault(folder, worker, lock, keyslots, generation, data_key, clock)
        except BaseException:
            worker.close()
            raise
        vault.forget_unused_keyslots()
        return vault
    if len(keyslots.generations()) > 1:
        # The unwrapped key belongs to a re-encryption that never reached the database.
        raise WrongPassphrase("stale-generation")
    raise VaultDamaged("key-refused")


def _unlock(
    folder: Path,
    unwrap: Callable[[KeyslotFile], list[tuple[int, bytes]]],
    refused: Exception,
    clock: Clock,
) -> Vault:
    folder = Path(folder)
    if not (folder / DATABASE_FILE).is_file() or not (folder / KEYSLOTS_FILE).is_file():
        raise NotAVault("missing-files")
    lock = _acquire_folder_lock(folder)
    try:
        make_vault_files_private(folder)
        keyslots = _read_keyslots(folder)
        candidates = unwrap(keyslots)
        if not candidates:
            raise refused
        return _open_with_candidates(folder, keyslots, candidates, lock, clock)
    except BaseException:
        lock.release()
        raise


def _normalise_old_passphrase_slot(vault: Vault, passphrase: str) -> None:
    """Rewrap a passphrase slot from before NFC normalisation, now that it has opened.

    Same KDF parameters as before; the next unlock then needs one Argon2id whatever
    Unicode form is typed. A read-only or full disk leaves the old slot, which still opens.
    """
    keyslots = _read_keyslots(vault.folder)
    if not has_unnormalised_passphrase_slot(keyslots):
        return
    old = next(slot for slot in keyslots.slots if isinstance(slot, PassphraseSlot))
    with contextlib.suppress(DiskFull, FolderNotWritable):
        vault.change_passphrase(passphrase, kdf=KdfParams(old.opslimit, old.memlimit))


def open_vault(folder: Path, passphrase: str, *, clock: Clock = SYSTEM_CLOCK) -> Vault:
    """Unlock the vault in `folder` with its passphrase (runs Argon2id: call off the UI)."""
    vault = _unlock(
        folder,
        lambda keyslots: unwrap_with_passphrase(keyslots, passphrase),
        WrongPassphrase("unwrap-failed"),
        clock,
    )
    try:
        _normalise_old_passphrase_slot(vault, passphrase)
    except BaseException:
        vault.close()
        raise
    return vault


def open_vault_with_recovery_code(folder: Path, code: str, *, clock: Clock = SYSTEM_CLOCK) -> Vault:
    """Unlock with the recovery code; a mistyped code fails its checksum before anything."""
    secret = parse_recovery_code(code)
    return _unlock(
        folder,
        lambda keyslots: unwrap_with_recovery_secret(keyslots, secret),
        WrongRecoveryCode("unwrap-failed"),
        clock,
    )


def open_vault_with_device_key(
    folder: Path, device_key: bytes, *, clock: Clock = SYSTEM_CLOCK
) -> Vault:
    """Unlock with the KEK this computer's keyring holds ("Remember on this computer")."""
    return _unlock(
        folder,
        lambda keyslots: unwrap_with_device_key(keyslots, device_key),
        WrongDeviceKey("unwrap-failed"),
        clock,
    )


def remembered_entry(folder: Path) -> tuple[str, str] | None:
    """(vault id, keyring entry) when the vault in `folder` is remembered on a computer.

    Reads only `keyslots.json` (no lock, no key): for the unlock screen's choice, and for
    forgetting a vault's keyring entry. None for no device slot or no readable vault.
    """
    try:
        keyslots = _read_keyslots(Path(folder))
    except VaultError:
        return None
    slot = device_slot_of(keyslots)
    return None if slot is None else (keyslots.vault_id, slot.keyring_entry)


def create_vault(
    folder: Path,
    name: str,
    passphrase: str,
    *,
    kdf: KdfParams = SHIPPED_KDF,
    clock: Clock = SYSTEM_CLOCK,
) -> tuple[Vault, str]:
    """Create a new vault in `folder`; return it, open, and its recovery code.

    `keyslots.json` is written last, so a crash during creation leaves no vault that
    looks complete.
    """
    folder = Path(folder)
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise os_error_to_vault_error(exc) from None
    if (folder / DATABASE_FILE).exists() or (folder / KEYSLOTS_FILE).exists():
        raise VaultExists("exists")
    if not folder.is_dir():
        raise FolderNotWritable("not-a-folder")
    lock = _acquire_folder_lock(folder)
    try:
        vault_id = secrets.token_hex(16)
        data_key = new_data_key()
        secret = new_recovery_secret()
        keyslots = KeyslotFile(
            vault_id=vault_id,
            slots=(
                make_passphrase_slot(vault_id, 1, data_key, passphrase, kdf),
                make_recovery_slot(vault_id, 1, data_key, secret),
            ),
        )
        try:
            create_private_file(folder / DATABASE_FILE)
        except OSError as exc:
            raise os_error_to_vault_error(exc) from None
        worker = DatabaseWorker(folder / DATABASE_FILE, data_key)
        try:
            worker.call(migrate)
            worker.call(
                lambda c: c.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [("vault_id", vault_id), ("name", name)],
                )
            )
            write_atomically(folder / KEYSLOTS_FILE, keyslots.to_bytes())
        except BaseException:
            worker.close()
            raise
        vault = Vault(folder, worker, lock, keyslots, 1, data_key, clock)
    except BaseException:
        lock.release()
        raise
    return vault, format_recovery_code(secret)
