"""The channel in two real vaults: outbox, statuses, in-order receive, acks, no duplicates.

The relay is left out here (tests/sync/ drives a real relay process): the test carries
each sealed envelope from one vault's outbox to the other, in whatever order and as many
times as it likes, as a relay or an attacker could.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.channel_operations import Ack
from desktop.sync.envelope import open_envelope, seal
from desktop.vault import Vault

from .debriefing_helpers import FakeClock, open_test_vault

A_ID = "a" * 32
B_ID = "b" * 32
A_TO_B = bytes(range(32))
B_TO_A = bytes(range(32, 64))
A_INBOX = bytes(16)
B_INBOX = bytes([1]) * 16
NOTE = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"


class Side:
    """One partner: its vault, its id and its keys."""

    def __init__(
        self, vault: Vault, me: str, send: bytes, receive: bytes, inbox: bytes, partner_inbox: bytes
    ) -> None:
        self.vault, self.me = vault, me
        self.send_key, self.receive_key = send, receive
        self.inbox, self.partner_inbox = inbox, partner_inbox

    def seal(self, seq: int, plaintext: bytes) -> bytes:
        return seal(plaintext, key=self.send_key, key_id=1, inbox_id=self.partner_inbox, seq=seq)

    def sent(self) -> list[tuple[int, bytes]]:
        return [(entry.seq, entry.envelope) for entry in self.vault.channel.outbox()]

    def take(self, envelopes: list[tuple[int, bytes]], cursor: int = 0) -> object:
        opened = []
        for _, envelope in envelopes:
            header, plaintext = open_envelope(envelope, key=self.receive_key, inbox_id=self.inbox)
            opened.append((header.seq, plaintext))
        partner = B_ID if self.me == A_ID else A_ID
        received = self.vault.channel.receive(opened, cursor, me=self.me, partner=partner)
        if received.needs_ack:
            self.vault.channel.queue(Ack(upto=received.applied_upto), self.seal)
        return received


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Side, Side]]:
    clock = FakeClock()
    a = open_test_vault(tmp_path / "a", clock)
    b = open_test_vault(tmp_path / "b", clock)
    yield (
        Side(a, A_ID, A_TO_B, B_TO_A, A_INBOX, B_INBOX),
        Side(b, B_ID, B_TO_A, A_TO_B, B_INBOX, A_INBOX),
    )
    a.close()
    b.close()


def test_a_shared_note_goes_waiting_sent_delivered(pair: tuple[Side, Side]) -> None:
    a, b = pair
    note = a.vault.shared_notes.share(NOTE, "What helped", "Walking.", me=a.me, seal=a.seal)
    assert note.status == "waiting to send"
    a.vault.channel.relay_took(1)
    assert a.vault.shared_notes.get(NOTE).status == "sent"
    b.take(a.sent())
    arrived = b.vault.shared_notes.get(NOTE)
    assert (arrived.title, arrived.body, arrived.status) == ("What helped", "Walking.", "received")
    a.take(b.sent())  # B's encrypted ack
    assert a.vault.shared_notes.get(NOTE).status == "delivered"
    assert a.vault.channel.outbox() == []


def test_applied_then_crashed_before_the_ack_applies_nothing_twice(pair: tuple[Side, Side]) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "One.", me=a.me, seal=a.seal)
    a.vault.shared_notes.edit(NOTE, "Plan", "One. Two.", me=a.me, seal=a.seal)
    first = b.vault.channel.receive(
        [(s, open_envelope(e, key=b.receive_key, inbox_id=b.inbox)[1]) for s, e in a.sent()],
        2,
        me=B_ID,
        partner=A_ID,
    )
    assert first.applied == 2
    # The relay was never acked: the same messages come again after a restart.
    again = b.take(a.sent(), 2)
    assert again.applied == 0  # type: ignore[attr-defined]
    assert b.vault.shared_notes.get(NOTE).body == "One. Two."
    assert b.vault.channel.marks().applied_upto == 2


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(range(4)), repeats=st.lists(st.integers(0, 3), max_size=4))
def test_any_order_and_duplication_gives_the_same_note(
    pair: tuple[Side, Side], order: list[int], repeats: list[int]
) -> None:
    a, b = pair
    if not a.sent():
        a.vault.shared_notes.share(NOTE, "v1", "1", me=a.me, seal=a.seal)
        for n in range(2, 5):
            a.vault.shared_notes.edit(NOTE, f"v{n}", str(n), me=a.me, seal=a.seal)
    envelopes = a.sent()[:4]
    for position in [*order, *repeats]:
        b.take([envelopes[position]])
    note = b.vault.shared_notes.get(NOTE)
    assert (note.title, note.vv) == ("v4", {A_ID: 4})


def test_a_replayed_old_version_never_overwrites_a_newer_one(pair: tuple[Side, Side]) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "old", me=a.me, seal=a.seal)
    a.vault.shared_notes.edit(NOTE, "Plan", "new", me=a.me, seal=a.seal)
    sent = a.sent()
    b.take(sent)
    b.take([sent[0]])
    assert b.vault.shared_notes.get(NOTE).body == "new"


def test_edits_made_while_apart_are_both_kept(pair: tuple[Side, Side]) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "base", me=a.me, seal=a.seal)
    b.take(a.sent())
    a.vault.shared_notes.edit(NOTE, "Plan", "A's words", me=a.me, seal=a.seal)
    b.vault.shared_notes.edit(NOTE, "Plan", "B's words", me=b.me, seal=b.seal)
    b.take([entry for entry in a.sent() if entry[0] > 1])
    kept = b.vault.shared_notes.get(NOTE)
    # Both kept, the lower partner id's first, so both vaults hold the same state.
    assert (kept.body, kept.other_body, kept.conflict_first) == ("A's words", "B's words", A_ID)


def test_a_delete_concurrent_with_an_edit_keeps_the_note(pair: tuple[Side, Side]) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "base", me=a.me, seal=a.seal)
    b.take(a.sent())
    b.vault.shared_notes.edit(NOTE, "Plan", "B kept writing", me=b.me, seal=b.seal)
    a.vault.shared_notes.delete(NOTE, me=a.me, seal=a.seal)
    b.take([entry for entry in a.sent() if entry[0] > 1])
    kept = b.vault.shared_notes.get(NOTE)
    assert not kept.deleted
    assert kept.body == "B kept writing"


def test_a_delete_of_the_version_i_have_is_applied(pair: tuple[Side, Side]) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "base", me=a.me, seal=a.seal)
    b.take(a.sent())
    a.vault.shared_notes.delete(NOTE, me=a.me, seal=a.seal)
    b.take([entry for entry in a.sent() if entry[0] > 1])
    assert b.vault.shared_notes.get(NOTE).deleted
    assert b.vault.shared_notes.list() == []


def test_unknown_or_broken_operations_are_skipped_not_fatal(pair: tuple[Side, Side]) -> None:
    _, b = pair
    received = b.vault.channel.receive(
        [(1, b"not an operation"), (2, b"{}")], 2, me=B_ID, partner=A_ID
    )
    assert received.applied == 2
    assert b.vault.shared_notes.list() == []
    assert list(itertools.islice(b.vault.channel.outbox(), 1)) == []


def test_the_partner_was_last_heard_when_a_message_was_applied(pair: tuple[Side, Side]) -> None:
    a, b = pair
    assert b.vault.channel.marks().last_heard == 0
    a.vault.shared_notes.share(NOTE, "Plan", "base", me=a.me, seal=a.seal)
    b.take(a.sent())
    assert b.vault.channel.marks().last_heard > 0


def test_typing_while_the_partners_edit_arrives_merges_instead_of_overwriting(
    pair: tuple[Side, Side],
) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "one\ntwo\nthree\n", me=a.me, seal=a.seal)
    b.take(a.sent())
    shown_in_bs_editor = b.vault.shared_notes.get(NOTE).vv
    a.vault.shared_notes.edit(NOTE, "Plan", "ONE\ntwo\nthree\n", me=a.me, seal=a.seal)
    b.take([entry for entry in a.sent() if entry[0] > 1])  # arrives while B types
    saved = b.vault.shared_notes.edit(
        NOTE, "Plan", "one\ntwo\nTHREE\n", me=b.me, seal=b.seal, based_on=shown_in_bs_editor
    )
    assert saved.body == "ONE\ntwo\nTHREE\n"  # neither edit lost
    a.take(b.sent())
    on_a = a.vault.shared_notes.get(NOTE)
    assert (on_a.body, on_a.vv) == (saved.body, saved.vv)


def test_restoring_a_deleted_note_is_an_edit_that_wins_over_the_tombstone(
    pair: tuple[Side, Side],
) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "keep me", me=a.me, seal=a.seal)
    b.take(a.sent())
    a.vault.shared_notes.delete(NOTE, me=a.me, seal=a.seal)
    b.take([entry for entry in a.sent() if entry[0] > 1])
    assert [n.id for n in b.vault.shared_notes.list(deleted=True)] == [NOTE]
    assert b.vault.shared_notes.list() == []
    restored = b.vault.shared_notes.restore(NOTE, me=b.me, seal=b.seal)
    assert (restored.deleted, restored.body) == (False, "keep me")
    a.take(b.sent())
    assert a.vault.shared_notes.get(NOTE).deleted is False
    assert a.vault.shared_notes.get(NOTE).body == "keep me"


def test_a_note_too_long_for_the_relay_is_refused_in_words_and_not_saved(
    pair: tuple[Side, Side],
) -> None:
    import pytest

    from desktop.vault.outbox import TooLongToShare

    a, _ = pair
    with pytest.raises(TooLongToShare) as refused:
        a.vault.shared_notes.share(NOTE, "Long", "é" * 150_000, me=a.me, seal=a.seal)
    assert "too long to share" in str(refused.value)
    assert a.vault.shared_notes.list() == []
    assert a.vault.channel.outbox() == []


def test_shared_notes_are_in_the_same_search_index_as_debriefs(pair: tuple[Side, Side]) -> None:
    a, b = pair
    a.vault.debriefs.add("Night shift", "supervision about the handover")
    a.vault.shared_notes.share(
        NOTE, "Plan", "Bring the handover to supervision.", me=a.me, seal=a.seal
    )
    hits = a.vault.search.shared("handover")
    assert [(note_id, title) for note_id, title, _ in hits] == [(NOTE, "Plan")]
    assert [hit.summary.title for hit in a.vault.search.find("handover")] == ["Night shift"]
    a.vault.shared_notes.edit(NOTE, "Plan", "Bring it to supervision.", me=a.me, seal=a.seal)
    assert a.vault.search.shared("handover") == []  # words the note no longer holds are gone
    b.take(a.sent())
    assert [n for n, _, _ in b.vault.search.shared("supervision")] == [NOTE]  # arrived: indexed
    a.vault.shared_notes.delete(NOTE, me=a.me, seal=a.seal)
    assert a.vault.search.shared("supervision") == []
    checks = a.vault.run(lambda c: c.execute("PRAGMA integrity_check").fetchall())
    assert checks == [("ok",)]


def test_an_edit_kept_over_a_concurrent_delete_says_so_once(pair: tuple[Side, Side]) -> None:
    a, b = pair
    a.vault.shared_notes.share(NOTE, "Plan", "base", me=a.me, seal=a.seal)
    b.take(a.sent())
    b.vault.shared_notes.edit(NOTE, "Plan", "B kept writing", me=b.me, seal=b.seal)
    a.vault.shared_notes.delete(NOTE, me=a.me, seal=a.seal)
    b.take([entry for entry in a.sent() if entry[0] > 1])
    assert b.vault.shared_notes.get(NOTE).merged_notice == 2  # "kept: edited while deleted"
    b.vault.shared_notes.merged_notice_seen(NOTE)
    assert b.vault.shared_notes.get(NOTE).merged_notice == 0
