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
from desktop.vault.search_index import reindex

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
    if old_version >= 3:  # from version 3 on, whoever writes a debrief indexes it
        # (fetchall first: reindexing moves a row along the index a live cursor would read)
        worker.call(
            lambda c: [
                reindex(c, seq) for (seq,) in c.execute("SELECT seq FROM debriefs").fetchall()
            ]
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
