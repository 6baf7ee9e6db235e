"""Leak test: the pairing code, keys, safety number and names never reach a log or a file
outside the vaults — the relay's database and log included — whether pairing works or
fails."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from alongside_wire.protocol import b64url_encode
from desktop.sync.pairing_code import parse_code
from desktop.vault import Vault
from tests.relay.conftest import RelayProcess
from tests.waiting import wait_until

from .conftest import Lanes, pair, relay_holds_no_pairing, start_entering, start_showing


def spellings(secret: bytes) -> list[bytes]:
    return [secret, secret.hex().encode(), b64url_encode(secret).encode()]


def files_outside_vaults(root: Path, vaults: list[Vault]) -> list[Path]:
    inside = {vault.folder.resolve() for vault in vaults}
    return [
        path
        for path in root.rglob("*")
        if path.is_file() and not any(folder in path.resolve().parents for folder in inside)
    ]


def test_nothing_secret_reaches_a_log_or_a_file_outside_the_vaults(
    relay: RelayProcess,
    vault_a: Vault,
    vault_b: Vault,
    lanes: Lanes,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    # One pairing that fails (a mistyped code), then one that works.
    a = start_showing(lanes, vault_a, relay.url)
    wait_until(lambda: a.code is not None)
    assert a.code is not None
    failed_code = parse_code(a.code)
    wrong = "-".join((str(failed_code.nameplate), "acid", "acorn", "acre"))
    start_entering(lanes, vault_b, relay.url, wrong).error()
    a.error()
    a, b = pair(lanes, vault_a, vault_b, relay.url)
    a.result()
    b.result()
    wait_until(lambda: relay_holds_no_pairing(relay, inboxes=2))
    relay.stop()  # its summary line at shutdown is in the log too

    assert a.code is not None
    code = parse_code(a.code)
    needles: list[bytes] = [
        str(code).encode(),
        "-".join(code.words).encode(),
        str(failed_code).encode(),
        "-".join(failed_code.words).encode(),
        b"Alex's vault",
        b"Blair's vault",
    ]
    # Request paths (nameplate numbers are part of the code) belong in no log either.
    log_needles = [
        f"/nameplates/{code.nameplate}/claim".encode(),
        f"/nameplates/{failed_code.nameplate}/claim".encode(),
    ]
    for vault in (vault_a, vault_b):
        stored = vault.pairing.current()
        identity = vault.pairing.identity()
        assert stored is not None
        needles.append(stored.safety_number.encode())
        # The relay must store inbox ids, but no log may hold one.
        log_needles.append(stored.my_inbox.encode())
        needles.append(stored.key_id.encode())
        for secret in (
            identity.private_key,
            identity.public_key,
            stored.owner_key,
            stored.putter_key,
            stored.send_key,
            stored.receive_key,
        ):
            needles.extend(spellings(secret))

    outside = files_outside_vaults(tmp_path, [vault_a, vault_b])
    assert any(path.name.endswith(".log") for path in outside)
    assert any(path.name.startswith("relay-0.db") for path in outside)
    haystacks = {str(path): path.read_bytes() for path in outside}
    haystacks["the client's log"] = caplog.text.encode()
    # The vault folders hold only the encrypted database, its keyslots and its lock: no
    # plaintext copy of anything pairing made.
    for vault in (vault_a, vault_b):
        for path in vault.folder.rglob("*"):
            if path.is_file():
                haystacks[str(path)] = path.read_bytes()
    found = [
        (where, needle[:6])
        for where, haystack in haystacks.items()
        for needle in needles
        if needle in haystack
    ]
    assert found == []
    logs = [caplog.text.encode(), *(p.read_bytes() for p in outside if p.suffix == ".log")]
    assert [n[:6] for n in needles + log_needles for log in logs if n in log] == []
