"""Pairing with one colleague over the relay's pairing mailbox (issue 11, docs/protocol.md §10).

Blocking and cancellable: the UI runs `show_code` or `enter_code` on the long-job lane
and may set `cancel` (a `threading.Event`) from the UI thread; up to `REGISTERING` the
flow notices within about a second (long-polls wait one second at a time), closes the
mailbox with a mood, deletes an inbox it had registered and stores nothing. Once this
side has said `done` (step `FINISHING`) the partner may already be storing, so Cancel
is no longer honoured. The pairing is written to the vault only as the last step, so
every failure before it leaves nothing in the vault or on the relay. The API for the
UI is listed in docs/architecture.md ("Sync: the API the UI calls").
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import httpx
import nacl.exceptions
import nacl.signing
from spake2 import SPAKE2_Symmetric
from spake2.spake2 import SPAKEError

from alongside_wire.protocol import Mood, PhaseMessageOut, new_random_id
from desktop.clock import Clock
from desktop.models.pairing import PairingSummary, StoredPairing, group_safety_number
from desktop.sentences import UserSentence
from desktop.sync import derivation
from desktop.sync.errors import (
    CodeExpired,
    CodeInUse,
    PairingCancelled,
    PairingUnsafe,
    PairingWithItself,
    PartnerLeft,
    RelayFailed,
    WrongCode,
)
from desktop.sync.pairing_code import CODE_WORDS, PairingCode, new_code, parse_code
from desktop.sync.pairing_messages import (
    PHASE_CONFIRM,
    PHASE_DONE,
    PHASE_KEYS,
    PHASE_PAKE,
    PublicKeys,
    UnreadableKeys,
    done_body,
    macs_match,
    open_keys,
    seal_keys,
)
from desktop.sync.relay_client import RelayClient
from desktop.sync.safety_number import safety_number

if TYPE_CHECKING:
    from desktop.vault.vault import Vault

# Each long-poll waits at most this long, so Cancel is noticed within about a second.
POLL_SECONDS = 1.0


class PairingStep(StrEnum):
    """Where pairing is, for the progress line."""

    CONNECTING = "connecting"  # reaching the relay
    CODE_READY = "code_ready"  # show `code` and `minutes_left` (the inviter only)
    WAITING_FOR_PARTNER = "waiting_for_partner"
    CONFIRMING = "confirming"  # checking that both typed the same code
    EXCHANGING_KEYS = "exchanging_keys"
    REGISTERING = "registering"  # making this side's inbox on the relay
    # Both sides are about to store the pairing: from here on Cancel is not honoured
    # (it would leave one side paired and the other not); it lasts milliseconds unless
    # the relay stops answering.
    FINISHING = "finishing"


@dataclass(frozen=True)
class PairingProgress:
    """One progress report; `code` and `expires_at` only with `CODE_READY`."""

    step: PairingStep
    code: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None
    minutes_left: int | None = None


ProgressCallback = Callable[[PairingProgress], None]


@dataclass(frozen=True)
class PairingResult:
    """A finished, stored pairing."""

    summary: PairingSummary
    # The partner's identity key differs from the one stored before this re-pair:
    # show "safety number changed"; it stays flagged until `mark_verified`.
    identity_changed: bool

    @property
    def safety_number(self) -> str:
        return self.summary.safety_number

    @property
    def safety_number_groups(self) -> tuple[str, ...]:
        return group_safety_number(self.summary.safety_number)


def show_code(
    vault: Vault,
    relay_address: str,
    *,
    clock: Clock,
    cancel: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    words: int = CODE_WORDS,
    transport: httpx.BaseTransport | None = None,
) -> PairingResult:
    """Invite: allocate a nameplate, report the code (`CODE_READY`), pair, store."""
    session = _Session(vault, relay_address, clock, cancel, progress, transport)
    return session.run(lambda: session.allocate(words))


def enter_code(
    vault: Vault,
    relay_address: str,
    code: str,
    *,
    clock: Clock,
    cancel: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    transport: httpx.BaseTransport | None = None,
) -> PairingResult:
    """Join with the code the colleague shows; `InvalidCode` before any network."""
    parsed = parse_code(code)
    session = _Session(vault, relay_address, clock, cancel, progress, transport)
    return session.run(lambda: session.claim(parsed))


def _mood_for(error: BaseException) -> Mood:
    if isinstance(error, WrongCode | UnreadableKeys | PairingUnsafe):
        return Mood.SCARY
    if isinstance(error, CodeInUse):
        return Mood.CROWDED
    if isinstance(error, PairingCancelled | CodeExpired | PartnerLeft):
        return Mood.LONELY
    return Mood.ERRORY


class _Session:
    """One pairing attempt: its relay client, mailbox, side and what to undo on failure."""

    def __init__(
        self,
        vault: Vault,
        relay_address: str,
        clock: Clock,
        cancel: threading.Event | None,
        progress: ProgressCallback | None,
        transport: httpx.BaseTransport | None,
    ) -> None:
        self.vault = vault
        self.clock = clock
        self.cancel = cancel or threading.Event()
        self.progress = progress or (lambda _: None)
        self.client = RelayClient(relay_address, clock=clock, transport=transport)
        self.side = new_random_id()
        self.mailbox: str | None = None
        self.expires_at: int | None = None  # the nameplate's, relay time
        self.cursor = 0
        self.received: dict[str, bytes] = {}
        self.partner_side: str | None = None
        self.registered: tuple[nacl.signing.SigningKey, str] | None = None
        self.committing = False  # my `done` is posted: the partner may already store

    # -- the outer frame: clean up on any failure --------------------------------------

    def run(self, open_mailbox: Callable[[], PairingCode]) -> PairingResult:
        try:
            self.checkpoint(PairingStep.CONNECTING)
            self.vault.pairing.remember_relay_address(self.client.address)
            return self.pair(open_mailbox())
        except UnreadableKeys as error:
            self.undo(error)
            raise PairingUnsafe(str(error)) from None
        except BaseException as error:
            self.undo(error)
            raise
        finally:
            self.client.close()

    def undo(self, error: BaseException) -> None:
        """Leave nothing behind on the relay: delete my inbox, close the mailbox."""
        with contextlib.suppress(UserSentence):
            if self.registered is not None:
                self.client.delete_inbox(*self.registered)
        with contextlib.suppress(UserSentence):
            if self.mailbox is not None:
                self.client.close_mailbox(self.mailbox, self.side, _mood_for(error))

    def checkpoint(self, step: PairingStep | None = None) -> None:
        if self.cancel.is_set() and not self.committing:
            raise PairingCancelled("cancelled")
        if step is not None:
            self.progress(PairingProgress(step))

    # -- opening the mailbox -----------------------------------------------------------

    def allocate(self, words: int) -> PairingCode:
        allocated = self.client.allocate(self.side)
        self.mailbox, self.expires_at = allocated.mailbox, allocated.expires_at
        self.client.adopt_date_offset()
        code = new_code(allocated.nameplate, words=words)
        self.checkpoint()
        seconds_left = max(0, allocated.expires_at - self.client.relay_now())
        self.progress(
            PairingProgress(
                PairingStep.CODE_READY,
                code=str(code),
                expires_at=datetime.fromtimestamp(
                    allocated.expires_at - self.client.clock_offset, UTC
                ),
                # Rounded: the relay's clock is known to about a second here.
                minutes_left=max(1, round(seconds_left / 60)),
            )
        )
        return code

    def claim(self, code: PairingCode) -> PairingCode:
        claimed = self.client.claim(code.nameplate, self.side)
        self.mailbox = claimed.mailbox
        self.client.adopt_date_offset()
        return code

    # -- the exchange ------------------------------------------------------------------

    def pair(self, code: PairingCode) -> PairingResult:
        identity = self.vault.pairing.identity()
        spake = SPAKE2_Symmetric(code.password, idSymmetric=derivation.SPAKE2_ID)
        self.post(PHASE_PAKE, spake.start())
        self.checkpoint(PairingStep.WAITING_FOR_PARTNER)
        partner_pake = self.wait_for(PHASE_PAKE, until=self.expires_at)
        self.checkpoint(PairingStep.CONFIRMING)
        try:
            spake_key = spake.finish(partner_pake)
        except (SPAKEError, ValueError, AssertionError):  # malformed or reflected
            raise UnreadableKeys("pake") from None
        assert self.partner_side is not None
        self.post(PHASE_CONFIRM, derivation.confirmation(spake_key, self.side))
        partner_confirm = self.wait_for(PHASE_CONFIRM)
        expected = derivation.confirmation(spake_key, self.partner_side)
        if not macs_match(expected, partner_confirm):
            raise WrongCode("confirmation")

        self.checkpoint(PairingStep.EXCHANGING_KEYS)
        owner, putter = nacl.signing.SigningKey.generate(), nacl.signing.SigningKey.generate()
        mine = PublicKeys(identity.public_key, bytes(owner.verify_key), bytes(putter.verify_key))
        self.post(PHASE_KEYS, seal_keys(spake_key, self.side, mine))
        theirs = open_keys(spake_key, self.partner_side, self.wait_for(PHASE_KEYS))
        if theirs.identity == identity.public_key:
            raise PairingWithItself("same-identity")
        if len({mine.owner, mine.putter, theirs.owner, theirs.putter}) != 4:
            raise UnreadableKeys("repeated-key")
        try:
            static = derivation.static_secret(identity.private_key, theirs.identity)
        except nacl.exceptions.RuntimeError:  # a low-order point: not a real identity key
            raise UnreadableKeys("identity") from None
        root = derivation.root_secret(spake_key, static, identity.public_key, theirs.identity)
        my_inbox = derivation.inbox_id(root, identity.public_key)

        self.checkpoint(PairingStep.REGISTERING)
        self.client.register_inbox(
            owner, my_inbox, mailbox=self.mailbox or "", side=self.side, peer_key=theirs.putter
        )
        self.registered = (owner, my_inbox)
        self.post(PHASE_DONE, done_body(spake_key, self.side))
        self.committing = True
        self.progress(PairingProgress(PairingStep.FINISHING))
        if not macs_match(done_body(spake_key, self.partner_side), self.wait_for(PHASE_DONE)):
            raise UnreadableKeys("done")

        previous = self.vault.pairing.current()
        changed = previous is not None and previous.partner_identity != theirs.identity
        same_partner = previous is not None and not changed
        pairing = StoredPairing(
            relay_address=self.client.address,
            partner_identity=theirs.identity,
            my_inbox=my_inbox,
            partner_inbox=derivation.inbox_id(root, theirs.identity),
            owner_key=bytes(owner),
            putter_key=bytes(putter),
            send_key=derivation.message_key(root, identity.public_key, theirs.identity),
            receive_key=derivation.message_key(root, theirs.identity, identity.public_key),
            key_id=derivation.key_id(root),
            safety_number=safety_number(identity.public_key, theirs.identity),
            paired_at=self.clock.now(),
            verified_at=previous.verified_at if same_partner and previous else None,
            identity_changed=changed or bool(previous and previous.identity_changed),
            clock_offset_seconds=self.client.clock_offset,
        )
        self.vault.pairing.save(pairing)
        self.registered = None  # stored: from here on nothing is undone
        with contextlib.suppress(UserSentence):
            self.client.close_mailbox(self.mailbox or "", self.side, Mood.HAPPY)
        self.mailbox = None
        if previous is not None and previous.my_inbox != my_inbox:
            forget_relay_inbox(previous, self.clock)
        return PairingResult(pairing.summary(), identity_changed=pairing.identity_changed)

    # -- the mailbox -------------------------------------------------------------------

    def post(self, phase: str, body: bytes) -> None:
        self.checkpoint()
        self.client.post(self.mailbox or "", self.side, phase, body)

    def wait_for(self, phase: str, *, until: int | None = None) -> bytes:
        """The partner's message of `phase`, long-polling a second at a time."""
        while phase not in self.received:
            self.checkpoint()
            if until is not None and self.partner_side is None and self.client.relay_now() > until:
                raise CodeExpired("nameplate-expired")
            answer = self.client.read(
                self.mailbox or "", self.side, after=self.cursor, wait=POLL_SECONDS
            )
            for message in answer.messages:
                self.cursor = max(self.cursor, message.index)
                self.accept(message)
            if answer.closed and phase not in self.received:
                raise PartnerLeft("partner-closed")
        return self.received[phase]

    def accept(self, message: PhaseMessageOut) -> None:
        if message.side == self.side:
            return
        if self.partner_side is None:
            self.partner_side = message.side
        elif message.side != self.partner_side:  # the relay lets only two sides in
            raise RelayFailed("third-side")
        if message.phase in self.received:
            raise UnreadableKeys("repeated-phase")
        self.received[message.phase] = message.body


def forget_relay_inbox(pairing: StoredPairing, clock: Clock) -> bool:
    """Delete a pairing's inbox on its relay; False when the relay could not be asked."""
    owner = nacl.signing.SigningKey(pairing.owner_key)
    try:
        with RelayClient(
            pairing.relay_address, clock=clock, clock_offset=pairing.clock_offset_seconds
        ) as client:
            client.delete_inbox(owner, pairing.my_inbox)
    except UserSentence:
        return False
    return True
