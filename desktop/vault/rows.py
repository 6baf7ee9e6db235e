"""Finding a debrief's row, and the errors every debrief-related store shares."""

from __future__ import annotations

from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection


class DebriefNotFound(UserSentence, LookupError):
    """That debrief no longer exists."""


class InvalidDebrief(UserSentence, ValueError):
    """The debrief is too long to save."""


def debrief_seq(connection: Connection, debrief_id: str, *, include_trashed: bool = True) -> int:
    """The row number of a debrief (search, tags and action points refer to it)."""
    row = connection.execute(
        "SELECT seq, trashed_at FROM debriefs WHERE id = ?", (debrief_id,)
    ).fetchone()
    if row is None or (row[1] is not None and not include_trashed):
        raise DebriefNotFound()
    return int(row[0])
