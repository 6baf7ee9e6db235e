"""One round of the channel: send what waits in the outbox, receive, commit, then ack.

Runs on the long-job lane (docs/architecture.md), never on the UI or database thread;
the vault's blocking calls queue on the database lane between the user's saves. The
caller loops: ``sync_once`` long-polls the relay (``wait`` seconds), so a message wakes
it at once and an idle channel costs one request per ``wait``; after a failure the
caller waits `retry_delay` (exponential backoff with full jitter) — no busy loop.

Order of effects, so that a crash anywhere loses nothing and applies nothing twice:
1. PUT each unacknowledged outbox envelope (exactly the stored bytes; an identical
   retry is ``200 duplicate``), mark ``relay_took``.
2. Fetch my inbox after the cursor; open each envelope (a broken, moved or reflected
   one is rejected and skipped); the vault applies in seq order and moves its marks in
   one transaction.
3. Only then ack the relay up to the last fetched index, and queue my encrypted ``ack``
   when something other than an ack was applied.
4. ``expired_upto`` above what was fetched means messages expired on the relay: queue a
   ``resync`` request. A ``resync`` from the partner is answered by resending the whole
   outbox (the partner has not acknowledged any of it) and a ``put`` or ``delete`` for
   every shared note it lacks.
"""

from __future__ import annotations

import logging
import random
from typing import NamedTuple

from desktop.sync.envelope import EnvelopeRejected, open_envelope, seal
from desktop.sync.inbox_client import (
    Fetched,
    InboxClient,
    RelayRefused,
    RepairNeeded,
    SeqConflict,
)
from desktop.vault import Vault

log = logging.getLogger("alongside.sync")

BACKOFF_FIRST_SECONDS = 2.0
BACKOFF_MAX_SECONDS = 300.0


class ChannelKeys(NamedTuple):
    """What pairing left in the vault for the channel (desktop/sync/pairing)."""

    me: str  # my partner id (32 hex digits)
    partner: str
    key_id: int
    send_key: bytes  # seals what I send (the partner's receive key)
    receive_key: bytes
    my_inbox: bytes  # 16 bytes; the relay's id is its base64url
    partner_inbox: bytes


class RoundResult(NamedTuple):
    sent: int
    received: int
    rejected: int
    resync_answered: bool


def retry_delay(failures: int, rng: random.Random | None = None) -> float:
    """Seconds to wait after ``failures`` failed rounds in a row: full jitter, capped."""
    ceiling = min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2 ** max(0, failures - 1))
    return (rng or random.SystemRandom()).uniform(ceiling / 2, ceiling)


class ChannelSync:
    """Moves the channel forward for one vault; one instance per pairing."""

    def __init__(self, vault: Vault, keys: ChannelKeys, client: InboxClient) -> None:
        self._vault = vault
        self._keys = keys
        self._client = client

    def close(self) -> None:
        """Close the relay client (the loop ends, or a one-off send is done)."""
        self._client.close()

    def seal(self, seq: int, plaintext: bytes) -> bytes:
        """The sealer the vault calls while queueing (same transaction as the change)."""
        keys = self._keys
        return seal(
            plaintext, key=keys.send_key, key_id=keys.key_id, inbox_id=keys.partner_inbox, seq=seq
        )

    def send_pending(self) -> int:
        """PUT every envelope the relay has not taken; resend nothing already taken."""
        sent = 0
        for entry in self._vault.channel.outbox():
            if entry.relay_took:
                continue
            try:
                self._client.put(entry.seq, entry.envelope)
            except SeqConflict:
                # Another body under this seq: never ours (we resend exact bytes), so a
                # restored backup reused a seq. Skipping keeps the channel moving; the
                # partner's resync brings the note across.
                log.warning("sync.seq_conflict")
            self._vault.channel.relay_took(entry.seq)
            sent += 1
        return sent

    def receive(self, wait: float) -> RoundResult:
        """Fetch, open, apply in one transaction, then ack (relay and partner)."""
        marks = self._vault.channel.marks()
        fetched: Fetched = self._client.fetch(marks.relay_cursor, wait)
        opened: list[tuple[int, bytes]] = []
        rejected = 0
        for _index, relay_seq, envelope in fetched.messages:
            try:
                header, plaintext = open_envelope(
                    envelope, key=self._keys.receive_key, inbox_id=self._keys.my_inbox
                )
            except EnvelopeRejected:
                rejected += 1
                continue
            if header.seq != relay_seq or header.key_id != self._keys.key_id:
                rejected += 1
                continue
            opened.append((header.seq, plaintext))
        last_fetched = max((index for index, _, _ in fetched.messages), default=0)
        # Messages that expired on the relay before I fetched them are lost to me: the
        # cursor moves past them (so this is noticed once) and the partner resends.
        lost = fetched.expired_upto > marks.relay_cursor
        cursor = max(marks.relay_cursor, last_fetched, fetched.expired_upto)
        if lost or rejected:
            log.info("sync.resync_requested")
        # One transaction applies, moves the marks and queues my replies (ack, resync);
        # only then is the relay acked.
        received = self._vault.channel.receive(
            opened,
            cursor,
            me=self._keys.me,
            partner=self._keys.partner,
            seal=self.seal,
            ask_resync=lost or bool(rejected),
        )
        if fetched.messages:
            self._client.ack(last_fetched)
        if rejected:
            log.warning("sync.rejected %d", rejected)
        return RoundResult(0, received.applied, rejected, received.resync_have is not None)

    def sync_once(self, wait: float = 0.0) -> RoundResult:
        """Send, receive, then send what receiving queued (acks, answers).

        A send that fails (the relay refuses one message, or lost my partner's inbox)
        never stops receiving: what my partner sent still arrives, then the failure is
        raised for the caller to report."""
        try:
            sent = self.send_pending()
        except (RelayRefused, RepairNeeded) as failed:
            self.receive(0.0)
            raise failed
        result = self.receive(wait)
        sent += self.send_pending()
        return result._replace(sent=sent)
