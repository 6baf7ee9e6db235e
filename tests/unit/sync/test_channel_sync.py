"""Two real vaults send notes through a real relay process on 127.0.0.1.

The pairing here is made by the test (random keys, inboxes registered through a real
pairing mailbox), so these tests cover the channel alone: statuses, faults, exactly-once
delivery, clock correction, expiry and resync, and what the relay gets to see.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.clock import SystemClock
from desktop.sync.channel_sync import ChannelKeys, ChannelSync, retry_delay
from desktop.sync.inbox_client import InboxClient, RelayUnreachable, wire_id
from desktop.vault import Vault
from tests.channel_pair import register_pair
from tests.clock import FakeClock
from tests.relay.conftest import RelayProcess, relay_env
from tests.unit.vault.debriefing_helpers import open_test_vault
from tests.waiting import wait_until

NOTE = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
CANARY = "canary-5521-Ms-Okafor"


class Partner:
    """One side: its vault, its channel keys, its relay client and its sync."""

    def __init__(self, vault: Vault, keys: ChannelKeys, client: InboxClient) -> None:
        self.vault, self.keys, self.client = vault, keys, client
        self.sync = ChannelSync(vault, keys, client)

    def share(self, body: str, note: str = NOTE, title: str = "What helped") -> None:
        self.vault.shared_notes.share(note, title, body, me=self.keys.me, seal=self.sync.seal)

    def status(self, note: str = NOTE) -> str:
        return self.vault.shared_notes.get(note).status


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayProcess]:
    process = RelayProcess(
        db=tmp_path / "relay.db", log_path=tmp_path / "relay.log", env=relay_env()
    )
    process.start()
    yield process
    process.stop()


def make_partners(
    relay: RelayProcess, tmp_path: Path, clock_a: Any = None
) -> tuple[Partner, Partner]:
    a_side, b_side = register_pair(relay.url)
    a_to_b, b_to_a = secrets.token_bytes(32), secrets.token_bytes(32)
    ids = ("a" * 32, "b" * 32)
    partners = []
    fake = FakeClock()
    for number, (me, other, send, receive) in enumerate(
        ((a_side, b_side, a_to_b, b_to_a), (b_side, a_side, b_to_a, a_to_b))
    ):
        vault = open_test_vault(tmp_path / f"vault-{number}", fake)
        keys = ChannelKeys(
            me=ids[number],
            partner=ids[1 - number],
            key_id=1,
            send_key=send,
            receive_key=receive,
            my_inbox=me["inbox"],
            partner_inbox=other["inbox"],
        )
        clock = clock_a if (number == 0 and clock_a is not None) else SystemClock()
        client = InboxClient(
            relay.url,
            owner_key=me["owner"],
            putter_key=me["putter"],
            my_inbox=wire_id(me["inbox"]),
            partner_inbox=wire_id(other["inbox"]),
            clock=clock,
        )
        partners.append(Partner(vault, keys, client))
    return partners[0], partners[1]


@pytest.fixture
def partners(relay: RelayProcess, tmp_path: Path) -> Iterator[tuple[Partner, Partner]]:
    a, b = make_partners(relay, tmp_path)
    yield a, b
    for side in (a, b):
        side.client.close()
        side.vault.close()


def test_a_note_goes_from_waiting_to_sent_to_delivered_both_ways(
    partners: tuple[Partner, Partner],
) -> None:
    a, b = partners
    a.share("Walking after the shift.")
    assert a.status() == "waiting to send"
    a.sync.send_pending()
    assert a.status() == "sent"
    b.sync.sync_once()
    assert b.vault.shared_notes.get(NOTE).body == "Walking after the shift."
    a.sync.sync_once()
    assert a.status() == "delivered"
    other = "0b1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
    b.share("Supervision on Thursday.", note=other, title="Plan")
    b.sync.sync_once()
    a.sync.sync_once()
    b.sync.sync_once()
    assert a.vault.shared_notes.get(other).title == "Plan"
    assert b.status(other) == "delivered"


def test_a_relay_that_is_down_keeps_notes_in_the_outbox_until_it_is_back(
    partners: tuple[Partner, Partner], relay: RelayProcess
) -> None:
    a, b = partners
    relay.stop()
    a.share("Written on the train with no signal.")
    with pytest.raises(RelayUnreachable):
        a.sync.sync_once()
    assert a.status() == "waiting to send"
    relay.start()
    a.sync.sync_once()
    b.sync.sync_once()
    a.sync.sync_once()
    assert a.status() == "delivered"
    assert b.vault.shared_notes.get(NOTE).body == "Written on the train with no signal."


def test_a_relay_killed_with_unacked_messages_loses_none(
    partners: tuple[Partner, Partner], relay: RelayProcess
) -> None:
    a, b = partners
    for n in range(3):
        a.share(f"note {n}", note=f"{n}f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f")
    a.sync.send_pending()
    relay.kill_hard()
    relay.start()
    b.sync.sync_once()
    assert len(b.vault.shared_notes.list()) == 3


def test_killed_after_applying_and_before_acking_gives_no_duplicate(
    partners: tuple[Partner, Partner], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = partners
    a.share("one")
    a.vault.shared_notes.edit(NOTE, "What helped", "one, two", me=a.keys.me, seal=a.sync.seal)
    a.sync.send_pending()

    def crash(_: int) -> None:
        raise RuntimeError("killed before the ack")

    monkeypatch.setattr(b.client, "ack", crash)
    with pytest.raises(RuntimeError):
        b.sync.receive(0)
    monkeypatch.undo()
    # A restart: the vault is closed and opened again from its files, with a new client.
    folder = b.vault.folder
    b.vault.close()
    from desktop.vault import open_vault
    from tests.unit.vault.debriefing_helpers import PASSPHRASE

    b.vault = open_vault(folder, PASSPHRASE)
    b.sync = ChannelSync(b.vault, b.keys, b.client)
    again = b.sync.receive(0)
    assert again.received == 0  # fetched again, nothing applied twice
    assert b.vault.shared_notes.get(NOTE).body == "one, two"
    assert b.vault.channel.marks().applied_upto == 2
    assert [n.id for n in b.vault.shared_notes.list()] == [NOTE]


def test_a_retry_after_a_lost_answer_sends_the_same_bytes(
    partners: tuple[Partner, Partner],
) -> None:
    a, _ = partners
    a.share("once")
    entry = a.vault.channel.outbox()[0]
    assert a.client.put(entry.seq, entry.envelope) is False
    assert a.client.put(entry.seq, entry.envelope) is True  # 200 duplicate, not 409


def test_a_wrong_clock_is_corrected_from_the_relays_answer(
    relay: RelayProcess, tmp_path: Path
) -> None:
    wrong = FakeClock()  # November 2026 at 09:00, whatever the real time is
    a, b = make_partners(relay, tmp_path, clock_a=wrong)
    try:
        a.share("sent with a wrong clock")
        a.sync.sync_once()
        assert a.client.clock_offset != 0
        b.sync.sync_once()
        assert b.vault.shared_notes.get(NOTE).body == "sent with a wrong clock"
    finally:
        for side in (a, b):
            side.client.close()
            side.vault.close()


def test_messages_expired_on_the_relay_come_again_through_a_resync(tmp_path: Path) -> None:
    relay = RelayProcess(
        db=tmp_path / "relay.db",
        log_path=tmp_path / "relay.log",
        env=relay_env(ALONGSIDE_RELAY_MESSAGE_TTL_SECONDS="1"),
    )
    relay.start()
    a, b = make_partners(relay, tmp_path)
    try:
        a.share("kept by the sender until acknowledged")
        a.sync.send_pending()
        wait_until(lambda: b.client.fetch(0, 0).expired_upto >= 1, timeout=10)
        b.sync.sync_once()  # notices the loss, asks for a resync
        a.sync.sync_once()  # answers: the outbox again, and what B lacks
        b.sync.sync_once()
        assert b.vault.shared_notes.get(NOTE).body == "kept by the sender until acknowledged"
    finally:
        for side in (a, b):
            side.client.close()
            side.vault.close()
        relay.stop()


def test_no_note_text_reaches_the_relay_or_any_log(
    partners: tuple[Partner, Partner],
    relay: RelayProcess,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)  # every logger of both clients, at its most talkative
    a, b = partners
    a.share(f"Session with {CANARY}", title=f"About {CANARY}")
    a.sync.sync_once()
    b.sync.sync_once()
    a.sync.sync_once()
    assert CANARY in b.vault.shared_notes.get(NOTE).body
    assert a.status() == "delivered"
    relay.stop()  # flush the WAL into the files scanned below
    scanned = 0
    for path in tmp_path.rglob("*"):
        if path.is_file() and "vault-" not in str(path):
            assert CANARY.encode() not in path.read_bytes(), path.name
            scanned += 1
    assert scanned >= 2  # the relay's database and its log at least
    assert CANARY not in caplog.text
    assert NOTE not in caplog.text


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    import random

    rng = random.Random(4)
    first = [retry_delay(1, rng) for _ in range(20)]
    assert all(1.0 <= d <= 2.0 for d in first)
    assert max(retry_delay(30, rng) for _ in range(20)) <= 300.0
    assert len(set(first)) > 1


def test_the_loop_wakes_on_a_message_and_stops_at_once(
    partners: tuple[Partner, Partner], relay: RelayProcess
) -> None:
    import threading

    from desktop.sync.channel_loop import ChannelState, run_until_stopped

    a, b = partners
    stop = threading.Event()
    states: list[ChannelState] = []
    loop = threading.Thread(target=run_until_stopped, args=(b.sync, stop, states.append))
    loop.start()
    try:
        a.share("arrives while B long-polls")
        a.sync.send_pending()
        wait_until(lambda: len(b.vault.shared_notes.list()) == 1, timeout=10)
        relay.stop()
        wait_until(lambda: ChannelState.WAITING in states, timeout=15)
    finally:
        stop.set()
        loop.join(5)
    assert not loop.is_alive()
    assert ChannelState.ONLINE in states


def test_a_refused_send_never_stops_receiving(partners: tuple[Partner, Partner]) -> None:
    from desktop.sync.inbox_client import RepairNeeded

    a, b = partners
    b.share("B's last words before unpairing", note="0b1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f")
    b.sync.send_pending()
    b.client.delete_my_inbox()  # B unpairs: A's puts now meet an unknown inbox
    a.share("A writes on")
    with pytest.raises(RepairNeeded):
        a.sync.sync_once()
    assert a.vault.shared_notes.get("0b1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f").body == (
        "B's last words before unpairing"
    )
