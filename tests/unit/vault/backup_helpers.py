"""Shared by the backup tests: a quickly filled vault and a look inside a backup file."""

from __future__ import annotations

import json
import random
from pathlib import Path

from desktop.vault import Vault
from desktop.vault.backup_format import BackupLayout, read_layout
from desktop.vault.database_worker import Connection
from desktop.vault.keyslots import parse_keyslot_file, unwrap_with_recovery_secret
from desktop.vault.recovery_code import parse_recovery_code
from desktop.vault.search_index import reindex

WORDS = (
    "handover",
    "night shift",
    "family meeting",
    "restraint",
    "supervision",
    "ward round",
    "grief",
    "relief",
    "calm",
    "tired",
    "agitated",
    "late",
    "consultant",
    "nurse",
)


def fill(vault: Vault, count: int, *, seed: int = 7, body_words: int = 120) -> None:
    """Insert `count` indexed debriefs in one transaction (far faster than `add` each)."""
    rng = random.Random(seed)
    rows = [
        (
            f"{seed:04x}{number:028x}",
            " ".join(rng.choices(WORDS, k=6)),
            " ".join(rng.choices(WORDS, k=body_words)),
        )
        for number in range(count)
    ]

    def insert(connection: Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")
        for debrief_id, title, body in rows:
            cursor = connection.execute(
                "INSERT INTO debriefs (id, title, body, created, updated, fields, "
                "title_is_automatic) VALUES (?, ?, ?, ?, ?, '{}', 0)",
                (debrief_id, title, body, "2026-01-01T09:00:00Z", "2026-01-01T09:00:00Z"),
            )
            reindex(connection, cursor.lastrowid)
        connection.execute("COMMIT")

    vault.run(insert)


def layout_of(backup: Path) -> BackupLayout:
    with backup.open("rb") as stream:
        return read_layout(stream, backup.stat().st_size)


def database_part(backup: Path) -> bytes:
    layout = layout_of(backup)
    raw = backup.read_bytes()
    return raw[layout.database_offset : layout.database_offset + layout.database_length]


def data_key_of(backup: Path, recovery_code: str) -> bytes:
    """The data key inside a backup, unwrapped with the recovery code."""
    raw = json.dumps(layout_of(backup).manifest["keyslots"]).encode()
    opened = unwrap_with_recovery_secret(
        parse_keyslot_file(raw), parse_recovery_code(recovery_code)
    )
    return opened[0][1]
