"""Pairing two real vaults through a real relay process: what each user would see."""

from __future__ import annotations

import nacl.signing
import pytest

from desktop.clock import SYSTEM_CLOCK
from desktop.sync.errors import (
    CodeExpired,
    CodeInUse,
    PairingCancelled,
    PartnerLeft,
    RelayFailed,
    RelayUnreachable,
    WrongCode,
)
from desktop.sync.pairing import PairingProgress, PairingStep
from desktop.sync.pairing_code import pairing_words, parse_code
from desktop.sync.partner import current_pairing, mark_verified, unpair
from desktop.sync.relay_client import RelayClient
from desktop.vault import Vault
from desktop.vault.pairing import NotPaired
from tests.relay.conftest import RelayProcess
from tests.waiting import wait_until

from .conftest import (
    Lanes,
    Side,
    StartRelay,
    make_vault,
    pair,
    relay_holds_no_pairing,
    start_entering,
    start_showing,
)


def test_both_sides_pair_and_see_the_same_safety_number(
    relay: RelayProcess, vault_a: Vault, vault_b: Vault, lanes: Lanes
) -> None:
    a, b = pair(lanes, vault_a, vault_b, relay.url)
    result_a, result_b = a.result(), b.result()
    assert result_a.safety_number == result_b.safety_number
    assert len(result_a.safety_number_groups) == 12
    assert all(len(group) == 5 for group in result_a.safety_number_groups)
    assert not result_a.identity_changed
    assert not result_a.summary.verified
    stored_a, stored_b = vault_a.pairing.current(), vault_b.pairing.current()
    assert stored_a is not None
    assert stored_b is not None
    assert stored_a.my_inbox == stored_b.partner_inbox
    assert stored_b.my_inbox == stored_a.partner_inbox
    assert stored_a.send_key == stored_b.receive_key
    assert stored_b.send_key == stored_a.receive_key
    assert stored_a.send_key != stored_a.receive_key
    assert stored_a.key_id == stored_b.key_id
    assert vault_a.pairing.relay_address == relay.url
    # What the UI showed, in order: the code with its expiry, then the waiting steps.
    ready = next(p for p in a.steps if p.step is PairingStep.CODE_READY)
    assert ready.minutes_left == 10
    assert b.reached(PairingStep.REGISTERING)
    assert a.reached(PairingStep.FINISHING)
    # Both inboxes are registered; the mailbox and nameplate are gone.
    wait_until(lambda: relay_holds_no_pairing(relay, inboxes=2))
    with RelayClient(relay.url, clock=SYSTEM_CLOCK) as client:
        status = client.inbox_status(nacl.signing.SigningKey(stored_a.owner_key), stored_a.my_inbox)
    assert status.pending == 0
    # Verifying later is one call; the page then no longer says "not verified".
    assert mark_verified(vault_a).verified
    summary = current_pairing(vault_a)
    assert summary is not None
    assert summary.verified


def test_a_mistyped_code_fails_on_both_sides_and_stores_nothing(
    relay: RelayProcess, vault_a: Vault, vault_b: Vault, lanes: Lanes
) -> None:
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    code = parse_code(a.code)
    other_word = next(w for w in pairing_words() if w != code.words[-1])
    typo = "-".join((str(code.nameplate), *code.words[:-1], other_word))
    b = start_entering(lanes, vault_b, relay.url, typo)
    error_a, error_b = a.error(), b.error()
    assert isinstance(error_a, WrongCode)
    assert isinstance(error_b, WrongCode)
    assert str(error_a) == str(error_b)
    assert vault_a.pairing.current() is None
    assert vault_b.pairing.current() is None
    wait_until(lambda: relay_holds_no_pairing(relay))


def test_a_third_side_on_the_nameplate_gets_nothing(
    relay: RelayProcess,
    vault_a: Vault,
    vault_b: Vault,
    lanes: Lanes,
    tmp_path: pytest.TempPathFactory,
) -> None:
    vault_c = make_vault(tmp_path / "vault-c", "Casey's vault")  # type: ignore[operator]
    try:
        a = start_showing(lanes, vault_a, relay.url)
        wait_until(lambda: a.code is not None)
        assert a.code is not None
        # B holds at its confirmation step until the third side has tried the code.
        third_tried = Side()
        b = Side()

        def hold(progress: PairingProgress) -> None:
            b.steps.append(progress)
            if progress.step is PairingStep.CONFIRMING:
                wait_until(lambda: third_tried.future is not None and third_tried.future.done())

        b.report = hold  # type: ignore[method-assign]
        start_entering(lanes, vault_b, relay.url, a.code, side=b)
        wait_until(lambda: b.reached(PairingStep.WAITING_FOR_PARTNER))
        start_entering(lanes, vault_c, relay.url, a.code, side=third_tried)
        assert isinstance(third_tried.error(), CodeInUse)
        a.result()
        b.result()
        assert vault_c.pairing.current() is None
        wait_until(lambda: relay_holds_no_pairing(relay, inboxes=2))
    finally:
        vault_c.close()


def test_an_expired_code_fails_with_a_sentence_on_both_sides(
    start_relay: StartRelay, vault_a: Vault, vault_b: Vault, lanes: Lanes
) -> None:
    relay = start_relay(ALONGSIDE_RELAY_NAMEPLATE_TTL_SECONDS="1")
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    ready = next(p for p in a.steps if p.step is PairingStep.CODE_READY)
    assert ready.minutes_left == 1
    assert isinstance(a.error(), CodeExpired)
    b = start_entering(lanes, vault_b, relay.url, a.code)
    assert isinstance(b.error(), CodeExpired)
    assert vault_a.pairing.current() is None
    assert vault_b.pairing.current() is None
    wait_until(lambda: relay_holds_no_pairing(relay))


CANCELLABLE = [
    ("a", PairingStep.CONNECTING),
    ("a", PairingStep.CODE_READY),
    ("a", PairingStep.WAITING_FOR_PARTNER),
    ("a", PairingStep.CONFIRMING),
    ("a", PairingStep.EXCHANGING_KEYS),
    ("a", PairingStep.REGISTERING),
    ("b", PairingStep.CONNECTING),
    ("b", PairingStep.WAITING_FOR_PARTNER),
    ("b", PairingStep.CONFIRMING),
    ("b", PairingStep.EXCHANGING_KEYS),
    ("b", PairingStep.REGISTERING),
]


@pytest.mark.parametrize(("who", "step"), CANCELLABLE)
def test_cancel_at_each_step_leaves_nothing_behind(
    relay: RelayProcess,
    vault_a: Vault,
    vault_b: Vault,
    lanes: Lanes,
    who: str,
    step: PairingStep,
) -> None:
    """The user presses Cancel while `step` shows: nothing is stored on either side, and
    the relay keeps no nameplate, mailbox, message or inbox."""
    a, b = Side(), Side()
    cancelling = a if who == "a" else b

    def report(progress: PairingProgress) -> None:
        cancelling.steps.append(progress)
        if progress.step is step:
            cancelling.cancel.set()

    cancelling.report = report  # type: ignore[method-assign]
    start_showing(lanes, vault_a, relay.url, side=a)
    wait_until(lambda: a.code is not None or a.future.done())  # type: ignore[union-attr]
    if a.code is not None:
        start_entering(lanes, vault_b, relay.url, a.code, side=b)
        other = b if cancelling is a else a
        assert isinstance(cancelling.error(), PairingCancelled)
        assert isinstance(other.error(), PartnerLeft | CodeExpired)
    else:
        assert isinstance(a.error(), PairingCancelled)
    assert vault_a.pairing.current() is None
    assert vault_b.pairing.current() is None
    wait_until(lambda: relay_holds_no_pairing(relay))


def test_cancel_is_noticed_within_about_a_second(
    relay: RelayProcess, vault_a: Vault, lanes: Lanes
) -> None:
    import time

    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.reached(PairingStep.WAITING_FOR_PARTNER))
    pressed = time.monotonic()
    a.cancel.set()
    assert a.future is not None
    assert isinstance(a.future.exception(timeout=3), PairingCancelled)
    assert time.monotonic() - pressed < 2.0
    wait_until(lambda: relay_holds_no_pairing(relay))


def test_unpair_deletes_my_inbox_and_keys_but_keeps_the_partners_inbox(
    relay: RelayProcess, vault_a: Vault, vault_b: Vault, lanes: Lanes
) -> None:
    a, b = pair(lanes, vault_a, vault_b, relay.url)
    a.result()
    b.result()
    stored_a = vault_a.pairing.current()
    stored_b = vault_b.pairing.current()
    assert stored_a is not None
    assert stored_b is not None
    unpair(vault_a, clock=SYSTEM_CLOCK)
    assert vault_a.pairing.current() is None
    assert current_pairing(vault_a) is None
    with RelayClient(relay.url, clock=SYSTEM_CLOCK) as client:
        with pytest.raises(RelayFailed) as gone:
            client.inbox_status(nacl.signing.SigningKey(stored_a.owner_key), stored_a.my_inbox)
        assert gone.value.detail_code == "unknown_inbox"
        client.inbox_status(nacl.signing.SigningKey(stored_b.owner_key), stored_b.my_inbox)


def test_re_pairing_with_a_changed_identity_key_is_flagged_until_verified(
    relay: RelayProcess,
    vault_a: Vault,
    vault_b: Vault,
    lanes: Lanes,
    tmp_path: pytest.TempPathFactory,
) -> None:
    a, b = pair(lanes, vault_a, vault_b, relay.url)
    first = a.result()
    b.result()
    mark_verified(vault_a)
    old = vault_a.pairing.current()
    assert old is not None

    # Re-pairing with the same colleague (same identity key): still verified, no flag.
    a, b = pair(lanes, vault_a, vault_b, relay.url)
    again = a.result()
    b.result()
    assert again.safety_number == first.safety_number
    assert not again.identity_changed
    assert again.summary.verified

    # The colleague's vault was made anew (a new identity key): "safety number changed".
    new_b = make_vault(tmp_path / "vault-b2", "Blair's new vault")  # type: ignore[operator]
    try:
        a, b = pair(lanes, vault_a, new_b, relay.url)
        changed = a.result()
        assert not b.result().identity_changed  # new_b had no earlier pairing
    finally:
        new_b.close()
    assert changed.identity_changed
    assert changed.safety_number != first.safety_number
    summary = current_pairing(vault_a)
    assert summary is not None
    assert summary.identity_changed
    assert not summary.verified
    assert not mark_verified(vault_a).identity_changed
    # The old pairings' inboxes of A are gone from the relay: A holds one inbox there.
    with RelayClient(relay.url, clock=SYSTEM_CLOCK) as client, pytest.raises(RelayFailed):
        client.inbox_status(nacl.signing.SigningKey(old.owner_key), old.my_inbox)


def test_unpair_keeps_the_vaults_notes_and_waits_for_a_relay_that_is_down(
    relay: RelayProcess, vault_a: Vault, vault_b: Vault, lanes: Lanes
) -> None:
    note = vault_a.debriefs.add("Night shift", "what stayed with me")
    a, b = pair(lanes, vault_a, vault_b, relay.url)
    a.result()
    b.result()
    relay.stop()
    with pytest.raises(RelayUnreachable):
        unpair(vault_a, clock=SYSTEM_CLOCK)
    assert vault_a.pairing.current() is not None  # nothing deleted: try again later
    unpair(vault_a, clock=SYSTEM_CLOCK, relay_too=False)  # "forget on this computer only"
    assert vault_a.pairing.current() is None
    assert vault_a.debriefs.get(note.id).body == "what stayed with me"
    with pytest.raises(NotPaired):
        unpair(vault_a, clock=SYSTEM_CLOCK)
