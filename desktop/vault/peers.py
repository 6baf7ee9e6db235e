"""Peer contacts: add, edit, delete to the trash, restore, search; and catching up.

A support network is tens of people, so search loads the peers outside the trash and
matches words in Python (case- and accent-blind, as the debriefs' search) rather than
keeping a second full-text index. Every call runs on the vault's database thread.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.peer import (
    CatchUp,
    CatchUpDue,
    CatchUpWay,
    InvalidCatchUp,
    Peer,
    PeerDetails,
)
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.sql import from_db_time, new_id, optional_time, to_db_time, transaction

TRASH_RETENTION = timedelta(days=30)
_COLUMNS = (
    "p.id, p.name, p.role, p.organisation, p.phone, p.email, p.handle, p.availability, "
    "p.notes, p.tags, p.call_when_hard, p.rhythm_days, p.created, p.updated, p.trashed_at, "
    "(SELECT max(c.at) FROM catch_ups AS c WHERE c.peer_id = p.id)"
)


class PeerNotFound(UserSentence, LookupError):
    """That peer is no longer in your list."""


def _peer(row: Sequence[Any]) -> Peer:
    return Peer(
        id=row[0],
        name=row[1],
        role=row[2],
        organisation=row[3],
        phone=row[4],
        email=row[5],
        handle=row[6],
        availability=row[7],
        notes=row[8],
        tags=tuple(json.loads(row[9])),
        call_when_hard=bool(row[10]),
        rhythm_days=row[11],
        created=from_db_time(row[12]),
        updated=from_db_time(row[13]),
        trashed_at=optional_time(row[14]),
        last_caught_up=optional_time(row[15]),
    )


def read_peer(connection: Connection, peer_id: str, *, include_trashed: bool = False) -> Peer:
    row = connection.execute(f"SELECT {_COLUMNS} FROM peers AS p WHERE p.id = ?", (peer_id,))
    found = row.fetchone()
    if found is None or (found[14] is not None and not include_trashed):
        raise PeerNotFound()
    return _peer(found)


def _values(details: PeerDetails) -> tuple[object, ...]:
    return (
        details.name,
        details.role,
        details.organisation,
        details.phone,
        details.email,
        details.handle,
        details.availability,
        details.notes,
        json.dumps(list(details.tags), ensure_ascii=False),
        int(details.call_when_hard),
        details.rhythm_days,
    )


def _remove_for_good(connection: Connection, where: str, params: tuple[object, ...]) -> int:
    with transaction(connection):
        removed = int(connection.execute(f"DELETE FROM peers WHERE {where}", params).rowcount)
    if removed:
        # secure_delete overwrote the freed pages; fold the WAL's old copies in too.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return removed


class PeerStore:
    """The vault's peer contacts and catch-ups (docs/peers.md)."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    # -- contacts ----------------------------------------------------------------------

    def add(self, details: PeerDetails) -> Peer:
        """Add a peer to my network."""
        now = to_db_time(self._clock.now())
        peer_id = new_id()

        def insert(connection: Connection) -> Peer:
            with transaction(connection):
                connection.execute(
                    "INSERT INTO peers (name, role, organisation, phone, email, handle, "
                    "availability, notes, tags, call_when_hard, rhythm_days, id, created, "
                    "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*_values(details), peer_id, now, now),
                )
                return read_peer(connection, peer_id)

        return self._worker.call(insert)

    def get(self, peer_id: str, *, include_trashed: bool = False) -> Peer:
        return self._worker.call(lambda c: read_peer(c, peer_id, include_trashed=include_trashed))

    def update(self, peer_id: str, details: PeerDetails) -> Peer:
        """Replace a peer's details (the editor saves the whole form)."""
        now = to_db_time(self._clock.now())

        def change(connection: Connection) -> Peer:
            with transaction(connection):
                read_peer(connection, peer_id)
                connection.execute(
                    "UPDATE peers SET name = ?, role = ?, organisation = ?, phone = ?, "
                    "email = ?, handle = ?, availability = ?, notes = ?, tags = ?, "
                    "call_when_hard = ?, rhythm_days = ?, updated = ? WHERE id = ?",
                    (*_values(details), now, peer_id),
                )
                return read_peer(connection, peer_id)

        return self._worker.call(change)

    def list(self, search: str = "") -> builtins.list[Peer]:
        """Peers outside the trash, by name; with `search`, those matching every word."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM peers AS p WHERE p.trashed_at IS NULL "
                "ORDER BY p.name COLLATE NOCASE, p.id"
            ).fetchall()
        )
        peers = [_peer(row) for row in rows]
        return [peer for peer in peers if peer.matches(search)] if search.strip() else peers

    def call_when_hard(self) -> builtins.list[Peer]:
        """The peers marked "I can call them when it is hard" (heavy-week card, Today)."""
        return [peer for peer in self.list() if peer.call_when_hard]

    def delete(self, peer_id: str) -> None:
        """Move a peer to the trash (restorable for 30 days)."""
        when = to_db_time(self._clock.now())
        changed = self._worker.call(
            lambda c: (
                c.execute(
                    "UPDATE peers SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL",
                    (when, peer_id),
                ).rowcount
            )
        )
        if changed == 0:
            raise PeerNotFound()

    def trashed(self) -> builtins.list[Peer]:
        """Peers in the trash, most recently deleted first."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM peers AS p WHERE p.trashed_at IS NOT NULL "
                "ORDER BY p.trashed_at DESC, p.id"
            ).fetchall()
        )
        return [_peer(row) for row in rows]

    def restore(self, peer_id: str) -> None:
        """Bring a peer back from the trash, with their catch-ups and links."""
        changed = self._worker.call(
            lambda c: (
                c.execute(
                    "UPDATE peers SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL",
                    (peer_id,),
                ).rowcount
            )
        )
        if changed == 0:
            raise PeerNotFound()

    def delete_forever(self, peer_id: str) -> None:
        """Remove a peer, their catch-ups and links for good."""
        if self._worker.call(lambda c: _remove_for_good(c, "id = ?", (peer_id,))) == 0:
            raise PeerNotFound()

    def purge_expired(self) -> int:
        """Delete forever the peers that have waited 30 days in the trash (at unlock)."""
        cutoff = to_db_time(self._clock.now() - TRASH_RETENTION)
        return self._worker.call(lambda c: _remove_for_good(c, "trashed_at <= ?", (cutoff,)))

    # -- catching up -------------------------------------------------------------------

    def log_catch_up(
        self,
        peer_id: str,
        way: CatchUpWay = CatchUpWay.IN_PERSON,
        note: str = "",
        *,
        at: datetime | None = None,
    ) -> CatchUp:
        """Record that I caught up with a peer (now, unless `at` says when)."""
        try:
            catch_up = CatchUp(
                id=new_id(), peer_id=peer_id, at=at or self._clock.now(), way=way, note=note
            )
        except ValidationError:
            raise InvalidCatchUp() from None

        def insert(connection: Connection) -> CatchUp:
            with transaction(connection):
                read_peer(connection, peer_id)
                connection.execute(
                    "INSERT INTO catch_ups (id, peer_id, at, way, note) VALUES (?, ?, ?, ?, ?)",
                    (
                        catch_up.id,
                        peer_id,
                        to_db_time(catch_up.at),
                        catch_up.way.value,
                        catch_up.note,
                    ),
                )
            return catch_up

        return self._worker.call(insert)

    def catch_ups(self, peer_id: str, limit: int = 50) -> builtins.list[CatchUp]:
        """A peer's catch-ups, newest first."""
        rows = self._worker.call(
            lambda c: c.execute(
                "SELECT id, peer_id, at, way, note FROM catch_ups WHERE peer_id = ? "
                "ORDER BY at DESC, id LIMIT ?",
                (peer_id, limit),
            ).fetchall()
        )
        return [
            CatchUp(id=r[0], peer_id=r[1], at=from_db_time(r[2]), way=CatchUpWay(r[3]), note=r[4])
            for r in rows
        ]

    def delete_catch_up(self, catch_up_id: str) -> None:
        self._worker.call(lambda c: c.execute("DELETE FROM catch_ups WHERE id = ?", (catch_up_id,)))

    def catch_ups_due(self, today: date) -> builtins.list[CatchUpDue]:
        """Peers whose rhythm has passed since the last catch-up (or since being added),
        longest waiting first. `today` is the local date from the injected clock."""
        due: builtins.list[CatchUpDue] = []
        for peer in self.list():
            if peer.rhythm_days is None:
                continue
            since = (peer.last_caught_up or peer.created).astimezone().date()
            days = (today - since).days
            if days >= peer.rhythm_days:
                due.append(CatchUpDue(peer_id=peer.id, name=peer.name, since=since, days=days))
        return sorted(due, key=lambda entry: (-entry.days, entry.name.casefold()))
