"""Read a vault's bytes as plaintext, to prove deleted text is really gone.

A scan of the encrypted files alone can never fail, so this decrypts them: once
logically, with `sqlcipher_export` into a plaintext copy, and once page by page (every
page of the main file and every frame of the WAL, free pages included) with the data
key, using SQLCipher 4's default page format: AES-256-CBC, a 16-byte salt in place of
page 1's header, and a reserve of 80 bytes at each page's end whose first 16 are the IV.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, page_number: int) -> bytes:
    start = SALT if page_number == 1 else 0
    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE_SIZE - RESERVE]) + decryptor.finalize()


def decrypted_pages(database: Path, key: bytes) -> bytes:
    """Every page of the main file, decrypted, concatenated."""
    raw = database.read_bytes()
    return b"".join(
        _decrypt_page(key, raw[offset : offset + PAGE_SIZE], offset // PAGE_SIZE + 1)
        for offset in range(0, len(raw) - PAGE_SIZE + 1, PAGE_SIZE)
    )


def decrypted_wal_frames(wal: Path, key: bytes) -> bytes:
    """Every frame of a WAL file (valid or stale), decrypted, concatenated."""
    if not wal.exists():
        return b""
    raw = wal.read_bytes()
    pages = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE_SIZE <= len(raw):
        page_number = int.from_bytes(raw[offset : offset + 4], "big")
        page = raw[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE_SIZE]
        pages.append(_decrypt_page(key, page, page_number))
        offset += FRAME_HEADER + PAGE_SIZE
    return b"".join(pages)


def exported_plaintext(folder: Path, key: bytes, work: Path) -> bytes:
    """A copy of the vault (main file and WAL) exported to a plaintext database's bytes."""
    work.mkdir(parents=True, exist_ok=True)
    for name in ("vault.db", "vault.db-wal"):
        if (folder / name).exists():
            shutil.copyfile(folder / name, work / name)
    plain = work / "plain.db"
    connection = sqlcipher3.connect(str(work / "vault.db"), isolation_level=None)
    try:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        connection.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        connection.execute("SELECT sqlcipher_export('plaintext')").fetchall()
        connection.execute("DETACH DATABASE plaintext")
    finally:
        connection.close()
    return plain.read_bytes()


def every_plaintext(folder: Path, key: bytes, work: Path) -> bytes:
    """All three views together, for one case-insensitive scan."""
    return b"\n".join(
        (
            exported_plaintext(folder, key, work),
            decrypted_pages(folder / "vault.db", key),
            decrypted_wal_frames(folder / "vault.db-wal", key),
        )
    ).lower()
