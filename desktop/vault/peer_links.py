"""Links between peers and debriefs or check-ins: "talked it through with …".

A link shows on both sides: the debrief lists its peers, the peer lists the debriefs
and check-ins it was linked to. Trashed peers are left out of a debrief's list and
trashed debriefs out of a peer's; both come back with a restore. Deleting either for
good removes the link (`ON DELETE CASCADE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from desktop.models.checkin import StressZone
from desktop.vault.checkins import CheckInNotFound
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.peers import read_peer
from desktop.vault.rows import debrief_seq
from desktop.vault.sql import from_db_time, transaction


class PeerRef(BaseModel):
    """A peer as a link shows them: id and name."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str
    name: str = Field(repr=False)


class LinkedDebrief(BaseModel):
    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str
    title: str = Field(repr=False)
    created: datetime


class LinkedCheckIn(BaseModel):
    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str
    at: datetime
    zone: StressZone


class PeerLinks(BaseModel):
    """What a peer was linked to, newest first."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    debriefs: tuple[LinkedDebrief, ...] = ()
    checkins: tuple[LinkedCheckIn, ...] = ()


def _refs(connection: Connection, sql: str, key: str) -> list[PeerRef]:
    rows = connection.execute(sql, (key,)).fetchall()
    return [PeerRef(id=row[0], name=row[1]) for row in rows]


def _set(
    connection: Connection, table: str, column: str, key: str, peer_ids: Sequence[str]
) -> None:
    with transaction(connection):
        for peer_id in peer_ids:
            read_peer(connection, peer_id)  # PeerNotFound for a peer gone meanwhile
        connection.execute(f"DELETE FROM {table} WHERE {column} = ?", (key,))
        connection.executemany(
            f"INSERT INTO {table} ({column}, peer_id) VALUES (?, ?)",
            [(key, peer_id) for peer_id in dict.fromkeys(peer_ids)],
        )


class PeerLinkStore:
    """Link debriefs and check-ins to peers, and read the links from either side."""

    def __init__(self, worker: DatabaseWorker) -> None:
        self._worker = worker

    def set_for_debrief(self, debrief_id: str, peer_ids: Sequence[str]) -> list[PeerRef]:
        """Make `peer_ids` the debrief's peers (an empty list unlinks them all)."""

        def change(connection: Connection) -> list[PeerRef]:
            debrief_seq(connection, debrief_id)  # DebriefNotFound
            _set(connection, "debrief_peers", "debrief_id", debrief_id, peer_ids)
            return self._of_debrief(connection, debrief_id)

        return self._worker.call(change)

    def of_debrief(self, debrief_id: str) -> list[PeerRef]:
        return self._worker.call(lambda c: self._of_debrief(c, debrief_id))

    @staticmethod
    def _of_debrief(connection: Connection, debrief_id: str) -> list[PeerRef]:
        return _refs(
            connection,
            "SELECT p.id, p.name FROM debrief_peers AS l JOIN peers AS p ON p.id = l.peer_id "
            "WHERE l.debrief_id = ? AND p.trashed_at IS NULL ORDER BY p.name COLLATE NOCASE",
            debrief_id,
        )

    def set_for_checkin(self, checkin_id: str, peer_ids: Sequence[str]) -> list[PeerRef]:
        """Make `peer_ids` the check-in's peers."""

        def change(connection: Connection) -> list[PeerRef]:
            found = connection.execute("SELECT 1 FROM checkins WHERE id = ?", (checkin_id,))
            if found.fetchone() is None:
                raise CheckInNotFound()
            _set(connection, "checkin_peers", "checkin_id", checkin_id, peer_ids)
            return self._of_checkin(connection, checkin_id)

        return self._worker.call(change)

    def of_checkin(self, checkin_id: str) -> list[PeerRef]:
        return self._worker.call(lambda c: self._of_checkin(c, checkin_id))

    @staticmethod
    def _of_checkin(connection: Connection, checkin_id: str) -> list[PeerRef]:
        return _refs(
            connection,
            "SELECT p.id, p.name FROM checkin_peers AS l JOIN peers AS p ON p.id = l.peer_id "
            "WHERE l.checkin_id = ? AND p.trashed_at IS NULL ORDER BY p.name COLLATE NOCASE",
            checkin_id,
        )

    def of_peer(self, peer_id: str, limit: int = 20) -> PeerLinks:
        """The debriefs (outside the trash) and check-ins linked to a peer, newest first."""

        def read(connection: Connection) -> PeerLinks:
            debriefs = connection.execute(
                "SELECT d.id, d.title, d.created FROM debrief_peers AS l "
                "JOIN debriefs AS d ON d.id = l.debrief_id "
                "WHERE l.peer_id = ? AND d.trashed_at IS NULL ORDER BY d.created DESC LIMIT ?",
                (peer_id, limit),
            ).fetchall()
            checkins = connection.execute(
                "SELECT c.id, c.at, c.zone FROM checkin_peers AS l "
                "JOIN checkins AS c ON c.id = l.checkin_id "
                "WHERE l.peer_id = ? ORDER BY c.at DESC LIMIT ?",
                (peer_id, limit),
            ).fetchall()
            return PeerLinks(
                debriefs=tuple(
                    LinkedDebrief(id=r[0], title=r[1], created=from_db_time(r[2])) for r in debriefs
                ),
                checkins=tuple(
                    LinkedCheckIn(id=r[0], at=from_db_time(r[1]), zone=StressZone(r[2]))
                    for r in checkins
                ),
            )

        return self._worker.call(read)
