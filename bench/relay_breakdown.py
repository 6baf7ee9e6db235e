"""Where a relay request's time goes, piece by piece, beside the baseline's equivalent.

In one process, no network: the CPU cost of each step the relay adds to a PUT or a
GET-after (signature check, wire-model parsing, the store's extra statements, answer
serialisation) and the whole app through httpx's in-process ASGI transport with store
calls made inline, for the relay and for the bare Starlette baseline of `relay_load.py`.

    .venv/bin/python bench/relay_breakdown.py
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio.to_thread
import httpx
import nacl.signing

from alongside_relay.app import create_app
from alongside_relay.settings import RelaySettings
from alongside_relay.sqlite_store import SQLiteRelayStore
from alongside_relay.store import InboxKeys, NonceClaim
from alongside_wire import protocol

sys.path.insert(0, str(Path(__file__).resolve().parent))
import relay_bench_server


def micro(label: str, func: Callable[[], object], number: int = 300) -> None:
    seconds = timeit.timeit(func, number=number) / number
    print(f"| {label} | {seconds * 1e6:,.0f} |")


def pieces(size: int) -> None:
    raw = secrets.token_bytes(size)
    text = protocol.b64url_encode(raw)
    body = json.dumps({"ciphertext": text}).encode()
    key = nacl.signing.SigningKey.generate()
    headers = protocol.sign_request(
        key, method="PUT", host="relay", path_with_query="/v1/x", body=body, timestamp=1
    )
    line = protocol.canonical_request_line(
        "PUT", "relay", "/v1/x", 1, headers[protocol.HEADER_NONCE], body
    )
    signature = protocol.b64url_decode(headers[protocol.HEADER_SIGNATURE])
    public = bytes(key.verify_key)
    answer = protocol.FetchResponse(
        messages=[protocol.InboxMessage(index=1, seq=1, ciphertext=raw, received_at=1)],
        last_index=1,
        acked_upto=0,
        expired_upto=0,
    )
    kib = size // 1024
    micro(
        f"{kib} KiB: canonical line (SHA-256 of body)",
        lambda: protocol.canonical_request_line("PUT", "relay", "/v1/x", 1, "n", body),
    )
    micro(
        f"{kib} KiB: Ed25519 verify", lambda: protocol.signature_is_valid(public, signature, line)
    )
    micro(
        f"{kib} KiB: MessagePut from JSON (relay)",
        lambda: protocol.MessagePut.model_validate_json(body),
    )
    micro(
        f"{kib} KiB: json.loads + b64decode (baseline)",
        lambda: relay_bench_server.base64.urlsafe_b64decode(
            json.loads(body)["ciphertext"] + "=" * (-len(text) % 4)
        ),
    )
    micro(f"{kib} KiB: FetchResponse to JSON (relay)", answer.model_dump_json)


def store_costs(tmp: Path) -> None:
    store = SQLiteRelayStore(tmp / "pieces.db")
    base = relay_bench_server.BaselineStore(tmp / "pieces-base.db")
    for db in (store._db, base.db):
        db.execute("PRAGMA synchronous = OFF")  # CPU only here; fsync is the same for both
    now = int(time.time())
    side = protocol.new_random_id()
    mailbox = store.allocate_nameplate(side, now).mailbox
    inbox = protocol.new_random_id()
    store.register_inbox(
        inbox, InboxKeys("o" * 43, "p" * 43), mailbox, side, NonceClaim("o", "r", now + 400), now
    )
    ciphertext = secrets.token_bytes(1024)
    seqs = iter(range(1, 10**6))
    micro(
        "store PUT, relay (nonce, seq check, quota, digest)",
        lambda: store.put_message(
            inbox, (s := next(seqs)), ciphertext, NonceClaim("p", f"n{s}", now + 400), now
        ),
        2000,
    )
    base_seqs = iter(range(1, 10**6))
    micro(
        "store PUT, baseline (one INSERT)",
        lambda: base.put(inbox, next(base_seqs), ciphertext),
        2000,
    )
    gets = iter(range(1, 10**6))
    micro(
        "store GET-after, relay (nonce + marks + select)",
        lambda: store.fetch_messages(
            inbox, (g := next(gets)), 1, NonceClaim("o", f"g{g}", now + 400), now
        ),
        2000,
    )
    micro("store GET-after, baseline (select)", lambda: base.get(inbox, next(gets)), 2000)


async def whole_app(tmp: Path) -> None:
    """Both apps in-process with store calls inline: the HTTP layer's own CPU."""

    async def inline(func: Callable[..., Any], *args: Any, **_: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    relay = create_app(
        RelaySettings(db=tmp / "app.db", rate_per_second=1e6, rate_burst=10**6),
        prune_in_background=False,
    )
    relay.state.relay.run = inline
    baseline = relay_bench_server.baseline_app(tmp / "app-base.db")
    transport = httpx.ASGITransport(app=relay)
    async with httpx.AsyncClient(transport=transport, base_url="http://relay") as client:
        side_a, side_b = protocol.new_random_id(), protocol.new_random_id()
        plate = (await client.post("/v1/nameplates", json={"side": side_a})).json()
        await client.post(f"/v1/nameplates/{plate['nameplate']}/claim", json={"side": side_b})
        owner, writer = nacl.signing.SigningKey.generate(), nacl.signing.SigningKey.generate()
        inbox = protocol.new_random_id()
        register = json.dumps(
            {
                "mailbox": plate["mailbox"],
                "side": side_a,
                "owner_key": protocol.b64url_encode(bytes(owner.verify_key)),
                "peer_key": protocol.b64url_encode(bytes(writer.verify_key)),
            }
        ).encode()
        path = f"/v1/inboxes/{inbox}"
        headers = protocol.sign_request(
            owner,
            method="PUT",
            host="relay",
            path_with_query=path,
            body=register,
            timestamp=int(time.time()),
        )
        headers["content-type"] = "application/json"
        assert (await client.put(path, content=register, headers=headers)).status_code == 201

    for name, app, signed in (("baseline", baseline, False), ("relay", relay, True)):
        requests = []
        for seq in range(1, 401):
            body = json.dumps({"ciphertext": protocol.b64url_encode(secrets.token_bytes(1024))})
            for method, target, payload, key in (
                ("PUT", f"/v1/inboxes/{inbox}/messages/{seq}", body.encode(), writer),
                ("GET", f"/v1/inboxes/{inbox}/messages?after={seq - 1}&limit=1", b"", owner),
            ):
                head = {"content-type": "application/json"} if payload else {}
                if signed:
                    head |= protocol.sign_request(
                        key,
                        method=method,
                        host="relay",
                        path_with_query=target,
                        body=payload,
                        timestamp=int(time.time()),
                    )
                requests.append((method, target, payload, head))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://relay"
        ) as client:
            started = time.process_time()
            for method, target, payload, head in requests:
                response = await client.request(method, target, content=payload, headers=head)
                assert response.status_code in (200, 201), response.text
            cpu = (time.process_time() - started) / len(requests)
        print(f"| whole app + in-process client, 1 KiB PUT/GET mix, {name} | {cpu * 1e6:,.0f} |")


def main() -> None:
    print("| step | µs (one core) |\n|---|---:|")
    with tempfile.TemporaryDirectory(prefix="relay-breakdown-") as tmp:
        for size in (1024, 65536):
            pieces(size)
        store_costs(Path(tmp))
        asyncio.run(whole_app(Path(tmp)))


if __name__ == "__main__":
    main()
