"""Change notices: every committed change to the vault announces what kind of thing changed.

The database itself reports writes: temporary triggers (they live only in this
connection, so the schema and its migrations are untouched) call a function for every
row inserted, updated or deleted in a watched table, whoever made the change — the UI,
sync, a test going behind the UI's back. After each database job the worker hands the
collected kinds to the listeners, with the job's *origin* (who asked), so a view can
tell its own save from somebody else's change (as Anki's ``OpChanges``).

Listeners run on the vault's database thread and must only hand the notice on (the UI
queues it to its own thread); they never see row contents, only kinds.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

log = logging.getLogger("alongside.vault")

CHANGED_FUNCTION = "alongside_changed"


class Changed(StrEnum):
    """A kind of thing in the vault that views show."""

    DEBRIEFS = "debriefs"
    TAGS = "tags"
    CHECKINS = "checkins"
    ACTIONS = "actions"
    TEMPLATES = "templates"
    PREFERENCES = "preferences"
    LISTENING_FORMATS = "listening_formats"
    PEERS = "peers"
    CATCH_UPS = "catch_ups"
    PEER_LINKS = "peer_links"
    FOLLOW_UPS = "follow_ups"
    CRISIS_LINES = "crisis_lines"
    SHARED_NOTES = "shared_notes"
    CHANNEL = "channel"
    PAIRING = "pairing"


# Which tables make up each kind. A new aggregate (peers, shared notes) adds its tables
# here and a member to `Changed`; nothing else needs wiring.
WATCHED_TABLES: dict[str, frozenset[Changed]] = {
    "debriefs": frozenset({Changed.DEBRIEFS}),
    "debrief_tags": frozenset({Changed.DEBRIEFS, Changed.TAGS}),
    "tags": frozenset({Changed.TAGS}),
    "checkins": frozenset({Changed.CHECKINS}),
    "action_points": frozenset({Changed.ACTIONS}),
    "templates": frozenset({Changed.TEMPLATES}),
    "template_versions": frozenset({Changed.TEMPLATES}),
    "preferences": frozenset({Changed.PREFERENCES}),
    "listening_formats": frozenset({Changed.LISTENING_FORMATS}),
    # Peer support (issue 14, docs/peers.md). A catch-up changes what a peer shows
    # ("last caught up"), so it is a peer change too.
    "peers": frozenset({Changed.PEERS}),
    "catch_ups": frozenset({Changed.CATCH_UPS, Changed.PEERS}),
    "debrief_peers": frozenset({Changed.PEER_LINKS}),
    "checkin_peers": frozenset({Changed.PEER_LINKS}),
    "follow_ups": frozenset({Changed.FOLLOW_UPS}),
    "crisis_lines": frozenset({Changed.CRISIS_LINES}),
    # The channel to the sharing partner (issue 12): a note's status ("waiting to
    # send", "sent", "delivered") follows the outbox and the marks.
    "shared_notes": frozenset({Changed.SHARED_NOTES}),
    "channel_outbox": frozenset({Changed.CHANNEL, Changed.SHARED_NOTES}),
    "channel_marks": frozenset({Changed.CHANNEL, Changed.SHARED_NOTES}),
    # Pairing (issue 11): the sharing partner and this vault's identity key.
    "pairing": frozenset({Changed.PAIRING}),
    "sync_identity": frozenset({Changed.PAIRING}),
}


@dataclass(frozen=True)
class ChangeNotice:
    """What changed in one database job, and who asked for the job (None: not the UI)."""

    kinds: frozenset[Changed]
    origin: object | None = None

    def __repr__(self) -> str:
        return f"ChangeNotice({sorted(self.kinds)})"


ChangeListener = Callable[[ChangeNotice], None]


def trigger_statements() -> list[str]:
    """Temporary triggers that report every row change in the watched tables."""
    return [
        f"CREATE TEMP TRIGGER IF NOT EXISTS alongside_{table}_{event.lower()} "
        f"AFTER {event} ON main.{table} "
        f"BEGIN SELECT {CHANGED_FUNCTION}('{table}'); END"
        for table in WATCHED_TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


class ChangeRecorder:
    """Collects changed tables during a job and announces them when the job ends.

    Used only on the database thread, except `listen`/`unlisten`, which take a lock.
    """

    def __init__(self) -> None:
        self._tables: set[str] = set()
        self._listeners: list[ChangeListener] = []
        self._mutex = threading.Lock()

    def table_changed(self, table: str) -> None:
        """Called by the triggers (through SQLite) for each changed row."""
        self._tables.add(table)

    def listen(self, listener: ChangeListener) -> None:
        with self._mutex:
            self._listeners.append(listener)

    def unlisten(self, listener: ChangeListener) -> None:
        with self._mutex:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def announce(self, connection: Any, origin: object | None) -> None:
        """Tell listeners what the finished job changed, once it is committed.

        Inside an open transaction nothing is final yet, so the kinds wait for the job
        that ends it. A job that failed and rolled back may still be announced: a view
        that refreshes for nothing costs a query, a change nobody hears about costs the
        user a stale screen.
        """
        if not self._tables or connection is None or connection.in_transaction:
            return
        kinds = frozenset().union(*(WATCHED_TABLES[table] for table in self._tables))
        self._tables.clear()
        notice = ChangeNotice(kinds, origin)
        with self._mutex:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(notice)
            except Exception as exc:  # a listener's bug must not fail the user's save
                log.error("vault.change_listener_failed %s", type(exc).__name__)
