"""Test-side relay client: signs requests the way the sync client will, and pairs two sides.

It uses only the public protocol module, so every test exercises the real wire format,
real Ed25519 signatures and (with `relay_process`) a real uvicorn process.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import nacl.secret
import nacl.signing
import nacl.utils

from alongside_wire.protocol import b64url_encode, new_random_id, sign_request


def key_text(key: nacl.signing.SigningKey) -> str:
    """A signing key's public half in wire form."""
    return b64url_encode(bytes(key.verify_key))


@dataclass
class Signer:
    """Signs requests with one relay key; `clock_offset` simulates a wrong clock."""

    key: nacl.signing.SigningKey = field(default_factory=nacl.signing.SigningKey.generate)
    clock_offset: int = 0

    @property
    def public(self) -> str:
        return key_text(self.key)

    def send(
        self,
        client: httpx.Client,
        method: str,
        url: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        nonce: str | None = None,
        timestamp: int | None = None,
        tamper: Any = None,
    ) -> httpx.Response:
        """Build, sign and send one request; `tamper(request)` may alter it after signing."""
        request = self.build(
            client,
            method,
            url,
            json_body=json_body,
            content=content,
            nonce=nonce,
            timestamp=timestamp,
        )
        if tamper is not None:
            request = tamper(request)
        return client.send(request)

    def build(
        self,
        client: httpx.Client,
        method: str,
        url: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        nonce: str | None = None,
        timestamp: int | None = None,
    ) -> httpx.Request:
        body = content if content is not None else b""
        if json_body is not None:
            body = json.dumps(json_body).encode("utf-8")
        headers = {"content-type": "application/json"} if body else {}
        request = client.build_request(method, url, content=body, headers=headers)
        signed = sign_request(
            self.key,
            method=method,
            host=request.headers["host"],
            path_with_query=request.url.raw_path.decode("ascii"),
            body=body,
            timestamp=timestamp if timestamp is not None else int(time.time()) + self.clock_offset,
            nonce=nonce,
        )
        request.headers.update(signed)
        return request


@dataclass
class PairedInboxes:
    """Two inboxes from one pairing: A reads `inbox_a` (written by B) and vice versa."""

    inbox_a: str
    inbox_b: str
    a: Signer
    b: Signer
    mailbox: str
    side_a: str
    side_b: str


def allocate_and_claim(client: httpx.Client, token: str | None = None) -> tuple[str, str, str]:
    """Run nameplate allocation and claim; returns (mailbox, side_a, side_b)."""
    side_a, side_b = new_random_id(), new_random_id()
    headers = {"authorization": f"Bearer {token}"} if token else {}
    allocated = client.post("/v1/nameplates", json={"side": side_a}, headers=headers)
    assert allocated.status_code == 201, allocated.text
    nameplate = allocated.json()["nameplate"]
    claimed = client.post(f"/v1/nameplates/{nameplate}/claim", json={"side": side_b})
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["mailbox"] == allocated.json()["mailbox"]
    return allocated.json()["mailbox"], side_a, side_b


def register(
    client: httpx.Client, inbox: str, owner: Signer, peer: Signer, mailbox: str, side: str
) -> httpx.Response:
    """Register `inbox` for `owner`, written by `peer`, proving the pairing mailbox."""
    body = {"mailbox": mailbox, "side": side, "owner_key": owner.public, "peer_key": peer.public}
    return owner.send(client, "PUT", f"/v1/inboxes/{inbox}", json_body=body)


def pair(client: httpx.Client, token: str | None = None, close: bool = True) -> PairedInboxes:
    """Pair two fresh sides through the relay and register both inboxes."""
    mailbox, side_a, side_b = allocate_and_claim(client, token)
    a, b = Signer(), Signer()
    inbox_a, inbox_b = new_random_id(), new_random_id()
    assert register(client, inbox_a, a, b, mailbox, side_a).status_code == 201
    assert register(client, inbox_b, b, a, mailbox, side_b).status_code == 201
    if close:
        for side in (side_a, side_b):
            closed = client.post(
                f"/v1/mailboxes/{mailbox}/close", json={"side": side, "mood": "happy"}
            )
            assert closed.status_code == 200, closed.text
    return PairedInboxes(inbox_a, inbox_b, a, b, mailbox, side_a, side_b)


def seal(box: nacl.secret.SecretBox, plaintext: bytes) -> str:
    """Encrypt client-side (XSalsa20-Poly1305) and encode for the wire."""
    return b64url_encode(bytes(box.encrypt(plaintext)))


def put(
    client: httpx.Client, pair_: PairedInboxes, seq: int, ciphertext: str, **kw: Any
) -> httpx.Response:
    """B writes into A's inbox."""
    return pair_.b.send(
        client,
        "PUT",
        f"/v1/inboxes/{pair_.inbox_a}/messages/{seq}",
        json_body={"ciphertext": ciphertext},
        **kw,
    )


def fetch(client: httpx.Client, pair_: PairedInboxes, query: str = "", **kw: Any) -> httpx.Response:
    """A reads its inbox."""
    url = f"/v1/inboxes/{pair_.inbox_a}/messages" + (f"?{query}" if query else "")
    return pair_.a.send(client, "GET", url, **kw)
