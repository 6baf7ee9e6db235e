"""The real relay: uvicorn in a subprocess on 127.0.0.1, killed and restarted on its DB."""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import nacl.secret
import nacl.utils
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from alongside_wire.protocol import b64url_decode, b64url_encode
from tests.relay.conftest import RelayProcess
from tests.relay.relay_client import PairedInboxes, fetch, pair, put, seal

MARKER = b"MARKER-7f3c-Ms-Jones-panic-attack"


@pytest.fixture
def client(relay_process: RelayProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=relay_process.url, timeout=10) as http:
        yield http


def relay_files(relay: RelayProcess) -> list[Path]:
    """Every file the relay's database lives in (for PostgreSQL: the server's, WAL too)."""
    if relay.database_files is not None:
        return [p for p in relay.database_files.rglob("*") if p.is_file()]
    return [p for p in relay.db.parent.iterdir() if p.name.startswith(relay.db.name)]


def test_an_exchange_leaves_no_plaintext_and_no_identifiers_in_db_or_logs(
    relay_process: RelayProcess, client: httpx.Client
) -> None:
    key = nacl.utils.random(32)
    box = nacl.secret.SecretBox(key)
    paired = pair(client, close=False)
    # Pairing messages are sealed too, under the (here: pretend) pairing key.
    phase = client.post(
        f"/v1/mailboxes/{paired.mailbox}/messages",
        json={"side": paired.side_a, "phase": "keys", "body": seal(box, MARKER + b" keys")},
    )
    assert phase.status_code == 201
    plaintexts = [MARKER + f" note {i}".encode() for i in range(5)]
    for seq, plaintext in enumerate(plaintexts, 1):
        assert put(client, paired, seq, seal(box, plaintext)).status_code == 201
    page = fetch(client, paired).json()
    opened = [box.decrypt(b64url_decode(m["ciphertext"])) for m in page["messages"]]
    assert opened == plaintexts
    time.sleep(0.4)  # let the scheduled pruning log its summary line
    relay_process.stop()

    stored = b"".join(path.read_bytes() for path in relay_files(relay_process))
    assert MARKER not in stored
    assert b64url_encode(MARKER)[:20].encode() not in stored
    logs = relay_process.log_path.read_text()
    assert "relay started" in logs  # the log is being written
    assert "status" in logs
    assert "relay summary" in logs  # the scheduled pruning ran and logged counts
    assert MARKER.decode() not in logs
    for secret in (
        paired.inbox_a,
        paired.inbox_b,
        paired.mailbox,
        paired.a.public,
        paired.b.public,
        paired.side_a,
        "127.0.0.1",
        "Alongside-Signature",
    ):
        assert secret not in logs
        assert secret[:12] not in logs


def test_a_nonce_stays_refused_across_a_restart(
    relay_process: RelayProcess, client: httpx.Client
) -> None:
    paired = pair(client)
    request = paired.a.build(client, "GET", f"/v1/inboxes/{paired.inbox_a}")
    assert client.send(request).status_code == 200
    relay_process.restart()
    replay = client.send(request)
    assert replay.status_code == 401
    assert replay.json()["error"] == "replayed_nonce"
    relay_process.kill_hard()
    relay_process.start()
    assert client.send(request).json()["error"] == "replayed_nonce"


def test_kill_9_with_unacked_messages_loses_and_duplicates_nothing(
    relay_process: RelayProcess, client: httpx.Client
) -> None:
    box = nacl.secret.SecretBox(nacl.utils.random(32))
    paired = pair(client)
    sent = {seq: seal(box, f"note {seq}".encode()) for seq in range(1, 31)}
    for seq, ciphertext in sent.items():
        assert put(client, paired, seq, ciphertext).status_code == 201
    paired.a.send(client, "POST", f"/v1/inboxes/{paired.inbox_a}/ack", json_body={"upto": 10})

    relay_process.kill_hard()
    relay_process.start()

    # The sender, unsure what landed, retries everything: all are recognised.
    retries = [put(client, paired, seq, ct).status_code for seq, ct in sent.items()]
    assert retries == [200] * 30
    messages = fetch(client, paired, "after=0&limit=500").json()["messages"]
    assert [m["seq"] for m in messages] == list(range(11, 31))
    assert {m["seq"]: m["ciphertext"] for m in messages} == {
        seq: ct for seq, ct in sent.items() if seq > 10
    }


def test_a_streamed_body_over_the_cap_is_413_before_parsing(
    relay_process: RelayProcess, client: httpx.Client
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"side": "'
        for _ in range(40):
            yield b"A" * 10_240

    response = client.post("/v1/nameplates", content=chunks())
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert client.get("/healthz").status_code == 200


def test_a_long_poll_on_the_real_server_wakes_on_a_put(
    relay_process: RelayProcess, client: httpx.Client
) -> None:
    box = nacl.secret.SecretBox(nacl.utils.random(32))
    paired: PairedInboxes = pair(client)
    got: dict[str, object] = {}

    def wait() -> None:
        started = time.monotonic()
        with httpx.Client(base_url=relay_process.url, timeout=10) as other:
            got["body"] = fetch(other, paired, "wait=30").json()
        got["elapsed"] = time.monotonic() - started

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.15)
    put(client, paired, 1, seal(box, b"wake up"))
    waiter.join(5)
    assert len(got["body"]["messages"]) == 1  # type: ignore[index]
    assert got["elapsed"] < 0.5  # type: ignore[operator]


def test_the_relay_serves_https_with_its_own_certificate(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    write_self_signed_certificate(cert, key)
    relay = RelayProcess(
        db=tmp_path / "relay.db",
        log_path=tmp_path / "relay.log",
        env=dict(os.environ),
        extra_args=["--tls-cert", str(cert), "--tls-key", str(key)],
        tls=ssl.create_default_context(cafile=str(cert)),
    )
    relay.start()
    try:
        assert relay.url.startswith("https://")
        with httpx.Client(base_url=relay.url, verify=relay.tls or True) as https:
            paired = pair(https)
            assert fetch(https, paired).status_code == 200
        with pytest.raises(httpx.TransportError):
            httpx.get(relay.url.replace("https", "http") + "/healthz", timeout=2)
    finally:
        relay.stop()


def write_self_signed_certificate(cert_path: Path, key_path: Path) -> None:
    """A throwaway certificate for 127.0.0.1, made with `cryptography`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def test_a_relay_stopped_before_its_first_prune_still_logs_its_summary(tmp_path: Path) -> None:
    env = dict(os.environ, ALONGSIDE_RELAY_PRUNE_INTERVAL_SECONDS="3600", PYTHONUNBUFFERED="1")
    relay = RelayProcess(db=tmp_path / "relay.db", log_path=tmp_path / "relay.log", env=env)
    relay.start()
    try:
        with httpx.Client(base_url=relay.url, timeout=10) as http:
            pair(http)
    finally:
        relay.stop()
    summaries = [
        json.loads(line.split("relay summary ", 1)[1])
        for line in relay.log_path.read_text().splitlines()
        if "relay summary " in line
    ]
    assert len(summaries) == 1
    (summary,) = summaries
    assert summary["at"] == "shutdown"
    assert summary["requests"] >= 7  # healthz, allocate, claim, 2 registers, 2 closes
    assert summary["moods"] == {"happy": 2}
