"""Upgrading to the debriefing schema from every earlier version keeps every debrief,
and old debriefs are searchable, listable and editable with the new API at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.listing import ListFilter
from desktop.vault.database_errors import StorageBug
from desktop.vault.database_worker import DatabaseWorker
from desktop.vault.keyslots import new_data_key
from desktop.vault.listing import page_debriefs
from desktop.vault.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from desktop.vault.search import search_debriefs
from desktop.vault.search_index import reindex_many

OLD_ROWS = [
    ("a" * 32, "Old night shift", "burnout on the ward", "2026-01-01T09:00:00+00:00"),
    ("b" * 32, "Old family meeting", "grief and anger", "2026-02-01T09:00:00+00:00"),
]


@pytest.fixture
def worker(tmp_path: Path) -> DatabaseWorker:
    return DatabaseWorker(tmp_path / "vault.db", new_data_key())


@pytest.mark.parametrize("old_version", range(SCHEMA_VERSION))
def test_every_earlier_version_upgrades_with_its_debriefs(
    worker: DatabaseWorker, old_version: int
) -> None:
    worker.call(lambda c: migrate(c, target=old_version))
    if old_version >= 1:
        worker.call(
            lambda c: c.executemany(
                "INSERT INTO debriefs (id, title, body, created, updated) VALUES (?, ?, ?, ?, ?)",
                [(i, t, b, when, when) for i, t, b, when in OLD_ROWS],
            )
        )
    if old_version >= 3:
        # From version 3 on, the app indexes each debrief as it writes it.
        worker.call(
            lambda c: reindex_many(c, [r[0] for r in c.execute("SELECT seq FROM debriefs")])
        )
    assert worker.call(migrate) == old_version
    expected = OLD_ROWS if old_version >= 1 else []
    page = worker.call(lambda c: page_debriefs(c, ListFilter()))
    assert [row.id for row in page.rows] == [i for i, *_ in reversed(expected)]
    hits = worker.call(lambda c: search_debriefs(c, "burn"))
    assert [hit.summary.id for hit in hits] == [i for i, _, b, _ in expected if "burn" in b]
    checks = worker.call(lambda c: c.execute("PRAGMA integrity_check").fetchall())
    assert checks == [("ok",)]
    worker.close()


def test_a_failed_upgrade_leaves_the_old_version_untouched(
    worker: DatabaseWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker.call(lambda c: migrate(c, target=SCHEMA_VERSION - 1))
    tables_before = worker.call(
        lambda c: {row[0] for row in c.execute("SELECT name FROM sqlite_master").fetchall()}
    )
    broken = (*MIGRATIONS[:-1], (*MIGRATIONS[-1], "THIS IS NOT SQL"))
    monkeypatch.setattr("desktop.vault.migrations.MIGRATIONS", broken)
    with pytest.raises(StorageBug) as failed:
        worker.call(migrate)
    assert "NOT SQL" not in str(failed.value)
    version = worker.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0])
    assert version == SCHEMA_VERSION - 1
    tables = worker.call(
        lambda c: {row[0] for row in c.execute("SELECT name FROM sqlite_master").fetchall()}
    )
    assert tables == tables_before  # nothing of the failed migration is left
    assert "debriefs" in tables
    worker.close()


@pytest.mark.parametrize("old_version", range(SCHEMA_VERSION))
def test_every_earlier_version_gains_peers_and_crisis_lines(
    tmp_path: Path, old_version: int
) -> None:
    """Peer support's tables (version 5) work on a vault upgraded from any version."""
    from desktop.models.peer import peer_details
    from desktop.vault.crisis_directory import CrisisDirectoryStore, crisis_line
    from desktop.vault.peers import PeerStore

    worker = DatabaseWorker(tmp_path / "vault.db", new_data_key())
    worker.call(lambda c: migrate(c, target=old_version))
    worker.call(migrate)
    peers = PeerStore(worker)
    sam = peers.add(peer_details(name="Sam", rhythm_days=14))
    peers.log_catch_up(sam.id)
    assert [p.name for p in peers.list()] == ["Sam"]
    lines = CrisisDirectoryStore(worker)
    lines.add(
        crisis_line(
            country="Ireland",
            service="Clinic line",
            how="call 1",
            hours="24/7",
            source="clinic",
            checked="2026-11",
        )
    )
    assert len(lines.list()) == 1
    assert worker.call(lambda c: c.execute("PRAGMA foreign_key_check").fetchall()) == []
    worker.close()


@pytest.mark.parametrize("old_version", range(SCHEMA_VERSION))
def test_every_earlier_version_gains_the_pairing_tables(tmp_path: Path, old_version: int) -> None:
    """Pairing's tables (version 6) work on a vault upgraded from any version: the identity
    key is made once, and a pairing is stored, verified and removed."""
    from datetime import UTC, datetime

    from desktop.models.pairing import StoredPairing
    from desktop.vault.pairing import PairingStore

    worker = DatabaseWorker(tmp_path / "vault.db", new_data_key())
    worker.call(lambda c: migrate(c, target=old_version))
    worker.call(migrate)
    store = PairingStore(worker)
    identity = store.identity()
    assert store.identity() == identity
    assert store.current() is None
    store.save(
        StoredPairing(
            relay_address="http://127.0.0.1:8787",
            partner_identity=b"\x01" * 32,
            my_inbox="A" * 22,
            partner_inbox="Q" * 22,
            owner_key=b"\x02" * 32,
            putter_key=b"\x03" * 32,
            send_key=b"\x04" * 32,
            receive_key=b"\x05" * 32,
            key_id="0123456789abcdef",
            safety_number="1" * 60,
            paired_at=datetime(2026, 12, 1, tzinfo=UTC),
        )
    )
    assert store.mark_verified().verified_at is not None
    assert store.remove() is not None
    assert store.current() is None
    worker.close()


@pytest.mark.parametrize("old_version", range(SCHEMA_VERSION))
def test_every_earlier_version_gains_the_channel(tmp_path: Path, old_version: int) -> None:
    """The channel's tables (version 7) work on a vault upgraded from any version."""
    from desktop.vault.channel import ChannelStore
    from desktop.vault.shared_notes import SharedNoteStore

    worker = DatabaseWorker(tmp_path / "vault.db", new_data_key())
    worker.call(lambda c: migrate(c, target=old_version))
    worker.call(migrate)
    note = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
    SharedNoteStore(worker).share(note, "Plan", "Body", me="a" * 32, seal=lambda s, p: p)
    channel = ChannelStore(worker)
    assert [entry.seq for entry in channel.outbox()] == [1]
    assert channel.marks().next_seq == 2
    assert [n.status for n in SharedNoteStore(worker).list()] == ["waiting to send"]
    worker.close()
