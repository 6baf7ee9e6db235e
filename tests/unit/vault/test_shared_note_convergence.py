"""Shared notes edited by both partners converge, whatever the order of delivery.

Two real vaults; each example makes random edits (different or the same lines), deletes
and partial, shuffled, duplicated deliveries, then delivers everything both ways. Both
vaults must end with the same note: the same bytes, the same vector, the same kept
versions — and no saved edit silently gone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from random import Random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.note_merge import merge_text

from .debriefing_helpers import FakeClock, open_test_vault
from .test_channel import A_ID, A_INBOX, A_TO_B, B_ID, B_INBOX, B_TO_A, NOTE, Side

LINES = 6
BASE = "".join(f"line {n}\n" for n in range(LINES))

actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("edit"),
            st.sampled_from("ab"),
            st.integers(0, LINES - 1),
            st.text("xyz", min_size=1, max_size=3),
        ),
        st.tuples(
            st.just("deliver"),
            st.sampled_from("ab"),
            st.randoms(use_true_random=False),
            st.booleans(),
        ),
        st.tuples(st.just("delete"), st.sampled_from("ab"), st.just(0), st.just("")),
    ),
    max_size=12,
)


def edit_line(body: str, line: int, text: str) -> str:
    lines = body.splitlines(keepends=True) or ["\n"]
    lines[line % len(lines)] = f"{text}\n"
    return "".join(lines)


def state(side: Side) -> tuple[object, ...]:
    """What both must agree on (a deleted note's text is each trash's own copy)."""
    note = side.vault.shared_notes.get(NOTE)
    if note.deleted:
        return (note.vv, True)
    return (note.title, note.body, note.other_body, note.conflict_first, note.vv, False)


def deliver(sender: Side, receiver: Side, random: object, duplicate: bool) -> int:
    envelopes = sender.sent()
    random.shuffle(envelopes)  # type: ignore[attr-defined]
    if duplicate:
        envelopes += envelopes[: len(envelopes) // 2]
    return receiver.take(envelopes).applied  # type: ignore[attr-defined,no-any-return]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions)
def test_both_vaults_end_with_the_same_note(steps: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        clock = FakeClock()
        a = Side(open_test_vault(Path(temp) / "a", clock), A_ID, A_TO_B, B_TO_A, A_INBOX, B_INBOX)
        b = Side(open_test_vault(Path(temp) / "b", clock), B_ID, B_TO_A, A_TO_B, B_INBOX, A_INBOX)
        try:
            a.vault.shared_notes.share(NOTE, "Plan", BASE, me=a.me, seal=a.seal)
            b.take(a.sent())
            for kind, who, arg, text in steps:
                side, other = (a, b) if who == "a" else (b, a)
                note = side.vault.shared_notes.get(NOTE)
                if kind == "edit" and not note.deleted:
                    body = edit_line(note.body, int(arg), str(text))  # type: ignore[call-overload]
                    side.vault.shared_notes.edit(NOTE, note.title, body, me=side.me, seal=side.seal)
                elif kind == "delete" and not note.deleted:
                    side.vault.shared_notes.delete(NOTE, me=side.me, seal=side.seal)
                elif kind == "deliver":
                    deliver(side, other, arg, bool(text))
            for _ in range(6):  # everything both ways, until nothing new applies
                moved = deliver(a, b, Random(1), False)
                moved += deliver(b, a, Random(2), False)
                if moved == 0:
                    break
            assert state(a) == state(b)
        finally:
            a.vault.close()
            b.vault.close()


def test_edits_to_different_lines_merge_to_the_same_bytes_on_both_sides() -> None:
    base = "one\ntwo\nthree\n"
    mine, theirs = "ONE\ntwo\nthree\n", "one\ntwo\nTHREE\n"
    assert merge_text(base, mine, theirs) == merge_text(base, mine, theirs) == "ONE\ntwo\nTHREE\n"
    assert merge_text(base, "one\nTWO\nthree\n", "one\nTwo!\nthree\n") is None
