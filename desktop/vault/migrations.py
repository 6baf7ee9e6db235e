"""Numbered, forward-only schema migrations (`PRAGMA user_version`).

Each migration runs in its own transaction, so a crash mid-upgrade leaves the previous
version intact. A database newer than this app is refused without being touched.
Add a migration by appending to `MIGRATIONS`; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.vault.database_worker import Connection
from desktop.vault.errors import VaultNewerThanApp

MIGRATIONS: Sequence[Sequence[str]] = (
    # 1: the vault's identity and the first aggregate.
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
        """CREATE TABLE debriefs (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        ) STRICT""",
    ),
    # 2: per-vault preferences (auto-lock, …) and the list's sort order.
    (
        "CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
        "CREATE INDEX debriefs_by_updated ON debriefs (updated DESC, id)",
    ),
    # 3: debriefing (issue 3): templates, check-ins, tags, action points, trash and
    # full-text search. `debriefs` is rebuilt with an INTEGER PRIMARY KEY (an implicit
    # rowid may change on VACUUM) and `fts_rowid`, its row in the search index, which
    # desktop/vault/search_index.py keeps up to date inside each write's transaction.
    (
        """CREATE TABLE checkins (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            zone TEXT NOT NULL CHECK (zone IN ('ready', 'reacting', 'injured', 'ill')),
            energy INTEGER CHECK (energy BETWEEN 0 AND 10),
            sleep INTEGER CHECK (sleep BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT ''
        ) STRICT""",
        "CREATE INDEX checkins_by_at ON checkins (at)",
        """CREATE TABLE debriefs_v3 (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            template_id TEXT,
            template_version INTEGER,
            fields TEXT NOT NULL DEFAULT '{}',
            title_is_automatic INTEGER NOT NULL DEFAULT 0,
            checkin_id TEXT REFERENCES checkins (id) ON DELETE SET NULL,
            trashed_at TEXT,
            fts_rowid INTEGER UNIQUE
        ) STRICT""",
        """INSERT INTO debriefs_v3 (id, title, body, created, updated)
            SELECT id, title, body, created, updated FROM debriefs ORDER BY created, id""",
        "UPDATE debriefs_v3 SET fts_rowid = seq",
        "DROP TABLE debriefs",
        "ALTER TABLE debriefs_v3 RENAME TO debriefs",
        "CREATE INDEX debriefs_by_updated ON debriefs (updated DESC, id)",
        "CREATE INDEX debriefs_by_created ON debriefs (created DESC, id DESC)",
        "CREATE INDEX debriefs_by_template ON debriefs (template_id, created DESC)",
        "CREATE INDEX debriefs_in_trash ON debriefs (trashed_at) WHERE trashed_at IS NOT NULL",
        "CREATE INDEX debriefs_by_checkin ON debriefs (checkin_id) WHERE checkin_id IS NOT NULL",
        """CREATE TABLE templates (
            id TEXT PRIMARY KEY,
            builtin INTEGER NOT NULL,
            current_version INTEGER NOT NULL,
            retired_at TEXT,
            created TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE template_versions (
            template_id TEXT NOT NULL REFERENCES templates (id),
            version INTEGER NOT NULL,
            content TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (template_id, version)
        ) STRICT""",
        """CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
        ) STRICT""",
        """CREATE TABLE debrief_tags (
            debrief_seq INTEGER NOT NULL REFERENCES debriefs (seq) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
            PRIMARY KEY (debrief_seq, tag_id)
        ) STRICT, WITHOUT ROWID""",
        "CREATE INDEX debrief_tags_by_tag ON debrief_tags (tag_id, debrief_seq)",
        """CREATE TABLE action_points (
            id TEXT PRIMARY KEY,
            debrief_seq INTEGER NOT NULL REFERENCES debriefs (seq) ON DELETE CASCADE,
            field_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            due TEXT,
            done_at TEXT,
            created TEXT NOT NULL
        ) STRICT""",
        "CREATE INDEX action_points_by_debrief ON action_points (debrief_seq, field_id, position)",
        "CREATE INDEX action_points_open ON action_points (due) WHERE done_at IS NULL",
        """CREATE VIRTUAL TABLE debrief_fts USING fts5 (
            title, body, tags, actions,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        )""",
        # Deleting from the index overwrites the deleted terms (SQLite 3.42+).
        "INSERT INTO debrief_fts (debrief_fts, rank) VALUES ('secure-delete', 1)",
        # Title and tags weigh more than body text in `ORDER BY rank`.
        "INSERT INTO debrief_fts (debrief_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0, 1.0)')",
        """INSERT INTO debrief_fts (rowid, title, body, tags, actions)
            SELECT fts_rowid, title, body, '', '' FROM debriefs""",
        # Each re-index of a debrief takes a fresh index rowid (search_index.py says why).
        "CREATE TABLE search_rowid (last INTEGER NOT NULL) STRICT",
        "INSERT INTO search_rowid (last) SELECT coalesce(max(fts_rowid), 0) FROM debriefs",
    ),
    # 4: saved listening-session formats (issue 15); JSON content, no names of people.
    (
        """CREATE TABLE listening_formats (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            content TEXT NOT NULL,
            updated TEXT NOT NULL
        ) STRICT""",
    ),
    # 5: peer support (issue 14): peer contacts, catching up with them, their links to
    # debriefs and check-ins, follow-ups after a hard debrief, and my own crisis lines.
    # Peers go to the trash like debriefs (`trashed_at`); links and catch-ups go with
    # a peer deleted for good. Tags are a short JSON list kept on the peer (a network
    # is tens of people, so they need no table of their own).
    (
        """CREATE TABLE peers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            handle TEXT NOT NULL DEFAULT '',
            availability TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            call_when_hard INTEGER NOT NULL DEFAULT 0,
            rhythm_days INTEGER CHECK (rhythm_days BETWEEN 1 AND 366),
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            trashed_at TEXT
        ) STRICT""",
        """CREATE TABLE catch_ups (
            id TEXT PRIMARY KEY,
            peer_id TEXT NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            way TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        ) STRICT""",
        "CREATE INDEX catch_ups_by_peer ON catch_ups (peer_id, at DESC)",
        """CREATE TABLE debrief_peers (
            debrief_id TEXT NOT NULL REFERENCES debriefs (id) ON DELETE CASCADE,
            peer_id TEXT NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
            PRIMARY KEY (debrief_id, peer_id)
        ) STRICT, WITHOUT ROWID""",
        "CREATE INDEX debrief_peers_by_peer ON debrief_peers (peer_id)",
        """CREATE TABLE checkin_peers (
            checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            peer_id TEXT NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
            PRIMARY KEY (checkin_id, peer_id)
        ) STRICT, WITHOUT ROWID""",
        "CREATE INDEX checkin_peers_by_peer ON checkin_peers (peer_id)",
        """CREATE TABLE follow_ups (
            id TEXT PRIMARY KEY,
            source_kind TEXT NOT NULL CHECK (source_kind IN ('debrief', 'checkin')),
            source_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('days', 'month', 'declined')),
            due TEXT NOT NULL,
            created TEXT NOT NULL,
            closed_at TEXT
        ) STRICT""",
        "CREATE INDEX follow_ups_open ON follow_ups (due) WHERE closed_at IS NULL",
        "CREATE INDEX follow_ups_by_source ON follow_ups (source_id)",
        """CREATE TABLE crisis_lines (
            id TEXT PRIMARY KEY,
            country TEXT NOT NULL,
            service TEXT NOT NULL,
            how TEXT NOT NULL,
            hours TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            checked TEXT NOT NULL,
            created TEXT NOT NULL
        ) STRICT""",
    ),
    # 6: pairing with one sharing partner (issue 11, docs/protocol.md §10, docs/vault.md).
    # The vault's long-term X25519 identity key pair (one row, made once) and the one
    # pairing: the partner's identity public key, both inbox ids, the two random Ed25519
    # relay request keys (private seeds: owner of my inbox, putter into the partner's),
    # the per-direction message keys, and whether the safety number was compared.
    (
        """CREATE TABLE sync_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            private_key BLOB NOT NULL CHECK (length(private_key) = 32),
            public_key BLOB NOT NULL CHECK (length(public_key) = 32),
            created TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE pairing (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            relay_address TEXT NOT NULL,
            partner_identity BLOB NOT NULL CHECK (length(partner_identity) = 32),
            my_inbox TEXT NOT NULL,
            partner_inbox TEXT NOT NULL,
            owner_key BLOB NOT NULL CHECK (length(owner_key) = 32),
            putter_key BLOB NOT NULL CHECK (length(putter_key) = 32),
            send_key BLOB NOT NULL CHECK (length(send_key) = 32),
            receive_key BLOB NOT NULL CHECK (length(receive_key) = 32),
            key_id TEXT NOT NULL,
            safety_number TEXT NOT NULL CHECK (length(safety_number) = 60),
            paired_at TEXT NOT NULL,
            verified_at TEXT,
            identity_changed INTEGER NOT NULL DEFAULT 0 CHECK (identity_changed IN (0, 1)),
            clock_offset_seconds INTEGER NOT NULL DEFAULT 0
        ) STRICT""",
    ),
    # 7: the channel to the sharing partner (issue 12, docs/protocol.md "Channel
    # messages"): shared notes with their version vectors, the outbox of sealed
    # envelopes, received messages held for a gap, and the channel's marks.
    (
        """CREATE TABLE shared_notes (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            vv TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            changed_by TEXT NOT NULL CHECK (changed_by IN ('me', 'partner')),
            updated TEXT NOT NULL,
            sent_seq INTEGER,
            other_title TEXT,
            other_body TEXT,
            conflict_first TEXT,
            merged_notice INTEGER NOT NULL DEFAULT 0 CHECK (merged_notice IN (0, 1, 2)),
            archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            fts_rowid INTEGER UNIQUE
        ) STRICT""",
        """CREATE TABLE shared_note_versions (
            note_id TEXT NOT NULL REFERENCES shared_notes (id) ON DELETE CASCADE,
            vv TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            authored_by TEXT,
            PRIMARY KEY (note_id, vv)
        ) STRICT, WITHOUT ROWID""",
        """CREATE TABLE channel_outbox (
            seq INTEGER PRIMARY KEY CHECK (seq >= 1),
            envelope BLOB NOT NULL,
            note_id TEXT,
            queued TEXT NOT NULL,
            relay_took INTEGER NOT NULL DEFAULT 0 CHECK (relay_took IN (0, 1))
        ) STRICT""",
        """CREATE TABLE channel_held (
            seq INTEGER PRIMARY KEY CHECK (seq >= 1),
            operation BLOB NOT NULL
        ) STRICT""",
        """CREATE TABLE channel_marks (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) STRICT""",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: Connection) -> int:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    assert isinstance(version, int)
    return version


def migrate(connection: Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to `target`; return the version found before migrating."""
    found = schema_version(connection)
    if found > SCHEMA_VERSION:
        raise VaultNewerThanApp(f"schema-{found}")
    for version in range(found + 1, target + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version - 1]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version:d}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return found
