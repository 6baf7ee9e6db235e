"""A relay that is down, goes away, or answers errors during pairing: one plain sentence,
nothing stored on either side, nothing left on the relay."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.sync.errors import (
    PartnerLeft,
    RelayBusy,
    RelayFailed,
    RelayUnreachable,
    SyncError,
)
from desktop.sync.pairing import PairingStep
from desktop.vault import Vault
from tests.relay.conftest import RelayProcess, free_port
from tests.waiting import wait_until

from .conftest import Lanes, relay_holds_no_pairing, start_entering, start_showing
from .faulty_proxy import FaultyProxy, Rule

GARBAGE = b"<html><body>502 Bad Gateway</body></html>"


@pytest.fixture
def proxies() -> Iterator[list[FaultyProxy]]:
    started: list[FaultyProxy] = []
    yield started
    for proxy in started:
        proxy.stop()


def through(relay: RelayProcess, rule: Rule, proxies: list[FaultyProxy]) -> FaultyProxy:
    proxy = FaultyProxy(relay.url, rule).start()
    proxies.append(proxy)
    return proxy


def assert_plain_sentence(error: BaseException | None) -> None:
    assert isinstance(error, SyncError)
    assert "Traceback" not in str(error)
    assert "http" not in str(error).lower()
    assert str(error).endswith(".")


def test_a_relay_that_is_not_running(vault_a: Vault, lanes: Lanes) -> None:
    a = start_showing(lanes, vault_a, f"http://127.0.0.1:{free_port()}")
    error = a.error()
    assert isinstance(error, RelayUnreachable)
    assert_plain_sentence(error)
    assert vault_a.pairing.current() is None
    assert not a.reached(PairingStep.CODE_READY)


def test_a_relay_that_stops_while_waiting_for_the_colleague(
    relay: RelayProcess, vault_a: Vault, lanes: Lanes
) -> None:
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.reached(PairingStep.WAITING_FOR_PARTNER))
    relay.stop()
    assert isinstance(a.error(), RelayUnreachable)
    assert vault_a.pairing.current() is None


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (
            500,
            b'{"error": "internal", "detail": "Something went wrong.", "server_time": null}',
            RelayFailed,
        ),
        (502, GARBAGE, RelayFailed),
        (503, GARBAGE, RelayBusy),
        (200, GARBAGE, RelayFailed),
    ],
)
def test_a_relay_answering_errors_when_the_code_is_entered(
    relay: RelayProcess,
    vault_a: Vault,
    vault_b: Vault,
    lanes: Lanes,
    proxies: list[FaultyProxy],
    status: int,
    body: bytes,
    expected: type[SyncError],
) -> None:
    proxy = through(
        relay, lambda method, path: (status, body) if path.endswith("/claim") else None, proxies
    )
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    b = start_entering(lanes, vault_b, proxy.url, a.code)
    error = b.error()
    assert isinstance(error, expected)
    assert_plain_sentence(error)
    a.cancel.set()
    a.error()
    assert vault_a.pairing.current() is None
    assert vault_b.pairing.current() is None
    wait_until(lambda: relay_holds_no_pairing(relay))


def test_an_inbox_registration_refused_mid_pairing_stores_nothing_anywhere(
    relay: RelayProcess,
    vault_a: Vault,
    vault_b: Vault,
    lanes: Lanes,
    proxies: list[FaultyProxy],
) -> None:
    """B's relay answers 500 to the inbox registration: B fails with a sentence, A sees
    that its colleague stopped and deletes the inbox it had already registered."""
    proxy = through(
        relay,
        lambda method, path: (500, GARBAGE) if method == "PUT" else None,
        proxies,
    )
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    b = start_entering(lanes, vault_b, proxy.url, a.code)
    assert isinstance(b.error(), RelayFailed)
    assert isinstance(a.error(), PartnerLeft)
    assert proxy.hits
    assert vault_a.pairing.current() is None
    assert vault_b.pairing.current() is None
    wait_until(lambda: relay_holds_no_pairing(relay))


def test_garbage_in_the_middle_of_the_mailbox_stops_pairing_cleanly(
    relay: RelayProcess,
    vault_a: Vault,
    vault_b: Vault,
    lanes: Lanes,
    proxies: list[FaultyProxy],
) -> None:
    """Every mailbox read of B's after its first answers garbage."""
    reads: list[str] = []

    def rule(method: str, path: str) -> tuple[int, bytes] | None:
        if method == "GET" and "/mailboxes/" in path:
            reads.append(path)
            if len(reads) > 1:
                return 200, GARBAGE
        return None

    proxy = through(relay, rule, proxies)
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    b = start_entering(lanes, vault_b, proxy.url, a.code)
    assert isinstance(b.error(), RelayFailed)
    assert isinstance(a.error(), PartnerLeft | RelayFailed)
    assert vault_a.pairing.current() is None
    assert vault_b.pairing.current() is None
    wait_until(lambda: relay_holds_no_pairing(relay))


def test_a_mistyped_code_or_address_is_refused_before_any_request(
    vault_b: Vault, lanes: Lanes
) -> None:
    from desktop.sync.errors import InvalidCode, InvalidRelayAddress

    dead = f"http://127.0.0.1:{free_port()}"
    assert isinstance(start_entering(lanes, vault_b, dead, "7-acid").error(), InvalidCode)
    assert isinstance(
        start_entering(lanes, vault_b, "relay.example", "7-acid-acorn-acre").error(),
        InvalidRelayAddress,
    )
    assert vault_b.pairing.relay_address is None
    assert vault_b.pairing.current() is None
