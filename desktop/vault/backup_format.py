"""The backup container: one file holding the encrypted database and its keyslots.

Byte layout (docs/vault.md, "Backup file"), all integers big-endian:

    0     16  magic  b"ALONGSIDE-BACKUP"
    16     2  container version (1)
    18     2  reserved, zero
    20     4  M: manifest length in bytes (at most 1 MiB)
    24     8  D: database length in bytes
    32     M  manifest: UTF-8 JSON, {"format", "version", "created", "keyslots"}
    32+M   D  the database: an SQLCipher 4 file under the vault's data key
    32+M+D 32 SHA-256 of every byte before it

The header comes first so that a file can be recognised (and a truncated one told apart
from a foreign one) from its first 32 bytes; the checksum at the end catches a damaged
copy before any key derivation, so damage is never reported as a wrong passphrase. No
secret is in clear: the keyslots are the same as in `keyslots.json`, minus any device
slot, and the database pages are encrypted and authenticated by SQLCipher.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desktop.vault.errors import BackupDamaged, NotABackup

MAGIC = b"ALONGSIDE-BACKUP"
CONTAINER_VERSION = 1
HEADER = struct.Struct(">16sHHIQ")
CHECKSUM_BYTES = 32
MAX_MANIFEST_BYTES = 1024 * 1024
MANIFEST_FORMAT = "alongside-backup"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupLayout:
    """Where the parts of a backup file are, read from its header."""

    manifest: dict[str, Any]
    database_offset: int
    database_length: int


def pack_backup(
    output: BinaryIO,
    manifest: dict[str, Any],
    database: Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write header, manifest, the database file's bytes and the checksum to `output`."""
    manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
    database_length = database.stat().st_size
    header = HEADER.pack(MAGIC, CONTAINER_VERSION, 0, len(manifest_bytes), database_length)
    digest = hashlib.sha256()
    for part in (header, manifest_bytes):
        digest.update(part)
        output.write(part)
    copied = 0
    with database.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            output.write(chunk)
            copied += len(chunk)
            if progress is not None:
                progress(copied, database_length)
    if copied != database_length:
        raise BackupDamaged("database-changed-while-packing")
    output.write(digest.digest())


def read_layout(backup: BinaryIO, file_size: int) -> BackupLayout:
    """Check the header and lengths and parse the manifest; the checksum is checked later.

    `NotABackup` when the magic is missing, `BackupDamaged` when the file is shorter or
    longer than its header says (a truncated copy) or the manifest is not JSON.
    """
    raw_header = backup.read(HEADER.size)
    if len(raw_header) < len(MAGIC) or not raw_header.startswith(MAGIC):
        raise NotABackup("magic")
    if len(raw_header) < HEADER.size:
        raise BackupDamaged("short-header")
    _, version, _, manifest_length, database_length = HEADER.unpack(raw_header)
    if version != CONTAINER_VERSION:
        raise NotABackup(f"container-version-{version}")
    if manifest_length > MAX_MANIFEST_BYTES:
        raise BackupDamaged("manifest-length")
    if file_size != HEADER.size + manifest_length + database_length + CHECKSUM_BYTES:
        raise BackupDamaged("length")
    try:
        manifest = json.loads(backup.read(manifest_length).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BackupDamaged("manifest-json") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise BackupDamaged("manifest-format")
    return BackupLayout(manifest, HEADER.size + manifest_length, database_length)


def unpack_database(backup: BinaryIO, layout: BackupLayout, destination: BinaryIO) -> None:
    """Copy the database part to `destination`, then check the file's SHA-256.

    `backup` must be positioned at the start (the checksum covers the header too).
    Raises `BackupDamaged` if any byte differs from what was written.
    """
    digest = hashlib.sha256()
    remaining = layout.database_offset
    while remaining:
        chunk = backup.read(min(CHUNK, remaining))
        if not chunk:
            raise BackupDamaged("short-read")
        digest.update(chunk)
        remaining -= len(chunk)
    remaining = layout.database_length
    while remaining:
        chunk = backup.read(min(CHUNK, remaining))
        if not chunk:
            raise BackupDamaged("short-read")
        digest.update(chunk)
        destination.write(chunk)
        remaining -= len(chunk)
    if backup.read(CHECKSUM_BYTES) != digest.digest():
        raise BackupDamaged("checksum")
