"""Applying the partner's version of a shared note, and the versions kept as merge bases.

Runs inside the channel's receive transaction (desktop/vault/channel.py). The decision
is the pure `reconcile` (desktop/models/note_merge.py); this module reads the note and
its base, writes the outcome, and keeps the history of versions a later merge may need:
every version this vault has held, until a newer common version makes it useless (a
base is always the pointwise minimum of two current versions, and vectors only grow).
"""

from __future__ import annotations

from datetime import datetime

from desktop.models.note_merge import Outcome, Reconciled, Version, base_vector, reconcile
from desktop.models.version_vector import Order, compare, from_text, to_text
from desktop.vault.database_worker import Connection
from desktop.vault.shared_note_index import reindex_shared
from desktop.vault.sql import to_db_time

# What the note says once after a merge (shared_notes.merged_notice): 1 merged, 2 kept.
NOTICES = {Outcome.MERGED: 1, Outcome.KEPT_EDIT: 2}


def remember_version(
    connection: Connection, note_id: str, version: Version, authored_by: str | None
) -> None:
    """Keep a version for later merges; ``authored_by`` is None for a merge's result."""
    connection.execute(
        "INSERT OR IGNORE INTO shared_note_versions "
        "(note_id, vv, title, body, deleted, authored_by) VALUES (?, ?, ?, ?, ?, ?)",
        (
            note_id,
            to_text(version.vv),
            version.title,
            version.body,
            int(version.deleted),
            authored_by,
        ),
    )


def _latest_authored(connection: Connection, note_id: str, author: str) -> Version | None:
    """The newest version ``author`` made by editing (not a merge) that this vault has."""
    rows = connection.execute(
        "SELECT title, body, vv, deleted FROM shared_note_versions "
        "WHERE note_id = ? AND authored_by = ?",
        (note_id, author),
    ).fetchall()
    versions = [Version(r[0], r[1], from_text(r[2]), bool(r[3])) for r in rows]
    return max(versions, key=lambda v: v.vv.get(author, 0), default=None)


def _version_at(connection: Connection, note_id: str, vv: dict[str, int]) -> Version | None:
    row = connection.execute(
        "SELECT title, body, deleted FROM shared_note_versions WHERE note_id = ? AND vv = ?",
        (note_id, to_text(vv)),
    ).fetchone()
    return None if row is None else Version(row[0], row[1], vv, bool(row[2]))


def _forget_older_than(connection: Connection, note_id: str, floor: dict[str, int]) -> None:
    """Drop versions strictly older than ``floor``: no later merge can start from them."""
    rows = connection.execute(
        "SELECT vv FROM shared_note_versions WHERE note_id = ?", (note_id,)
    ).fetchall()
    for (text,) in rows:
        if compare(from_text(text), floor) is Order.OLDER:
            connection.execute(
                "DELETE FROM shared_note_versions WHERE note_id = ? AND vv = ?", (note_id, text)
            )


def _mine(connection: Connection, note_id: str) -> Version | None:
    row = connection.execute(
        "SELECT title, body, vv, deleted FROM shared_notes WHERE id = ?", (note_id,)
    ).fetchone()
    return None if row is None else Version(row[0], row[1], from_text(row[2]), bool(row[3]))


def apply_remote(
    connection: Connection,
    note_id: str,
    arriving: Version,
    *,
    me: str,
    partner: str,
    now: datetime,
) -> Outcome:
    """Bring the partner's version into this vault; returns what happened.

    ``arriving`` is a version the partner made by editing (a ``put`` or ``delete``)."""
    mine = _mine(connection, note_id)
    if mine is None:
        connection.execute(
            "INSERT INTO shared_notes (id, title, body, vv, deleted, changed_by, updated) "
            "VALUES (?, ?, ?, ?, ?, 'partner', ?)",
            (
                note_id,
                arriving.title,
                arriving.body,
                to_text(arriving.vv),
                int(arriving.deleted),
                to_db_time(now),
            ),
        )
        remember_version(connection, note_id, arriving, partner)
        reindex_shared(connection, note_id)
        return Outcome.TAKE
    remember_version(connection, note_id, arriving, partner)
    if compare(arriving.vv, mine.vv) is Order.CONCURRENT:
        # Merge from my own last edit, not from an earlier merge's result: both partners
        # then merge the same two edits from the same base, whatever order the
        # messages came in, and reach the same bytes.
        mine = _latest_authored(connection, note_id, me) or mine
    floor = base_vector(mine.vv, arriving.vv)
    base = _version_at(connection, note_id, floor)
    result = reconcile(mine, arriving, base=base, me=me, partner=partner)
    if result.outcome is not Outcome.KEEP:
        _write(connection, note_id, result, now)
        author = partner if result.outcome is Outcome.TAKE else None
        remember_version(connection, note_id, result.version, author)
    _forget_older_than(connection, note_id, floor)
    if result.outcome is not Outcome.KEEP:
        reindex_shared(connection, note_id)
    return result.outcome


def _write(connection: Connection, note_id: str, result: Reconciled, now: datetime) -> None:
    version, second = result.version, result.second
    connection.execute(
        "UPDATE shared_notes SET title = ?, body = ?, vv = ?, deleted = ?, "
        "changed_by = 'partner', updated = ?, sent_seq = NULL, other_title = ?, "
        "other_body = ?, conflict_first = ?, merged_notice = ? WHERE id = ?",
        (
            version.title,
            version.body,
            to_text(version.vv),
            int(version.deleted),
            to_db_time(now),
            None if second is None else second.title,
            None if second is None else second.body,
            result.first_by,
            NOTICES.get(result.outcome, 0),
            note_id,
        ),
    )


def merge_local_edit(
    connection: Connection, note_id: str, mine: Version, *, me: str, now: datetime
) -> Outcome:
    """My edit is concurrent with the partner's version that arrived while I typed.

    Reconciled exactly as the partner will reconcile my edit when it arrives there: my
    edit against the partner's last own edit, from their common base."""
    row = connection.execute("SELECT vv FROM shared_notes WHERE id = ?", (note_id,)).fetchone()
    current_vv = from_text(row[0])
    partner = next((p for p in current_vv if p != me and current_vv[p] > mine.vv.get(p, 0)), None)
    theirs = None if partner is None else _latest_authored(connection, note_id, partner)
    if partner is None or theirs is None:
        theirs = _mine(connection, note_id)
        partner = partner or ""
    assert theirs is not None
    floor = base_vector(mine.vv, theirs.vv)
    base = _version_at(connection, note_id, floor)
    result = reconcile(mine, theirs, base=base, me=me, partner=partner)
    if result.outcome is Outcome.KEEP:  # not concurrent after all: mine is newer
        result = Reconciled(Outcome.TAKE, mine)
    _write(connection, note_id, result, now)
    if result.outcome is not Outcome.TAKE:
        remember_version(connection, note_id, result.version, None)
    return result.outcome
