"""Two sides' relay keys and inboxes, registered through a real pairing mailbox.

For tests and benchmarks of the channel alone (desktop/sync/channel_sync.py): real
relay requests, random keys, no SPAKE2 (pairing has its own tests).
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

import httpx
import nacl.signing

from alongside_wire.protocol import b64url_encode, sign_request
from desktop.sync.inbox_client import wire_id


def signed_put(
    client: httpx.Client, path: str, payload: object, key: nacl.signing.SigningKey
) -> int:
    body = json.dumps(payload).encode()
    request = client.build_request(
        "PUT", path, content=body, headers={"content-type": "application/json"}
    )
    request.headers.update(
        sign_request(
            key,
            method="PUT",
            host=request.headers["host"],
            path_with_query=request.url.raw_path.decode("ascii"),
            body=body,
            timestamp=int(time.time()),
        )
    )
    return client.send(request).status_code


def register_pair(relay_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Random relay keys and inboxes for two sides, registered through a pairing mailbox."""
    sides: list[dict[str, Any]] = [
        {
            "side": b64url_encode(secrets.token_bytes(16)),
            "owner": nacl.signing.SigningKey.generate(),
            "putter": nacl.signing.SigningKey.generate(),
            "inbox": secrets.token_bytes(16),
        }
        for _ in range(2)
    ]
    a, b = sides
    with httpx.Client(base_url=relay_url) as client:
        allocated = client.post("/v1/nameplates", json={"side": a["side"]}).json()
        client.post(f"/v1/nameplates/{allocated['nameplate']}/claim", json={"side": b["side"]})
        for me, other in ((a, b), (b, a)):
            payload = {
                "mailbox": allocated["mailbox"],
                "side": me["side"],
                "owner_key": b64url_encode(bytes(me["owner"].verify_key)),
                "peer_key": b64url_encode(bytes(other["putter"].verify_key)),
            }
            assert (
                signed_put(client, f"/v1/inboxes/{wire_id(me['inbox'])}", payload, me["owner"])
                == 201
            )
        for side in (a, b):
            client.post(
                f"/v1/mailboxes/{allocated['mailbox']}/close",
                json={"side": side["side"], "mood": "happy"},
            )
    return a, b
