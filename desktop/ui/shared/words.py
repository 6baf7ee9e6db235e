"""What the Shared place says: one place for its sentences and status words."""

from __future__ import annotations

from typing import Any

NOT_PAIRED_TEXT = (
    "Notes you share with your sharing partner appear here. Pair with a colleague on the "
    "Peers page first (Share notes with a colleague…)."
)
PAIRED_TEXT = (
    "Notes you keep with your sharing partner. Only what is here is shared, end to end encrypted."
)
EMPTY_TEXT = "No shared notes yet. Write one for your partner, or share a copy of a debrief."
STATUS_WORDS = {
    "waiting to send": "Waiting to send",
    "sent": "Sent, not yet confirmed",
    "delivered": "Delivered",
    "received": "From your partner",
    "not sent": "Not sent: the pairing it waited for was stopped",
}
BOTH_CHANGED = (
    "You and your partner both changed this while apart, in the same place. Both versions "
    "are kept: keep yours, keep theirs, or keep both one after the other and then edit."
)


MERGE_NOTICES = {
    1: " · Merged your and your partner's changes.",
    2: " · Kept: one of you edited it while the other deleted it.",
}


def list_text(note: Any) -> str:
    state = "Both changed it: choose" if note.other_body is not None else None
    return f"{note.title or 'Untitled'}\n{state or STATUS_WORDS.get(note.status, note.status)}"
