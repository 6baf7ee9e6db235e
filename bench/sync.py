"""Notes from one client to the other through a loopback relay, beside raw relay calls.

Starts a real relay process (SQLite, loopback) and two real vaults (floor KDF: the KDF is
not what this measures). Then, alternating rounds:

- **end to end**: client A shares N notes of ~2 KB (each sealed and queued in A's vault
  in its own transaction), PUTs them, and client B fetches, opens, applies them in its
  vault and acks the relay, until B has applied all N;
- **raw**: the same number of same-sized random envelopes PUT with the same signed
  client, fetched in the same pages and acked, with no vault and no crypto.

Target: end to end <= 2x raw. Then the time from Share to "delivered" with both clients
online (B long-polling in a thread, A waiting for B's encrypted ack): target < 1 s.

    .venv/bin/python bench/sync.py [--notes 1000] [--rounds 3] [--latency 20]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from desktop.clock import SystemClock  # noqa: E402
from desktop.sync.channel_sync import ChannelKeys, ChannelSync  # noqa: E402
from desktop.sync.envelope import OVERHEAD_BYTES  # noqa: E402
from desktop.sync.inbox_client import InboxClient, wire_id  # noqa: E402
from desktop.vault import FLOOR_KDF, Vault, create_vault  # noqa: E402
from tests.channel_pair import register_pair  # noqa: E402

NOTE_BYTES = 2048


class Relay:
    def __init__(self, workdir: Path) -> None:
        with __import__("socket").socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.update(
            ALONGSIDE_RELAY_RATE_PER_SECOND="100000",
            ALONGSIDE_RELAY_RATE_BURST="100000",
            ALONGSIDE_RELAY_INBOX_MAX_MESSAGES="100000",
            ALONGSIDE_RELAY_MAX_WAIT_SECONDS="5",
        )
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "alongside_relay",
                "serve",
                "--db",
                str(workdir / "relay.db"),
                "--listen",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=0.5).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("relay did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


class Side:
    def __init__(self, vault: Vault, keys: ChannelKeys, client: InboxClient) -> None:
        self.vault, self.keys, self.client = vault, keys, client
        self.sync = ChannelSync(vault, keys, client)


def make_pair(relay: Relay, workdir: Path, tag: str) -> tuple[Side, Side]:
    a_side, b_side = register_pair(relay.url)
    a_to_b, b_to_a = secrets.token_bytes(32), secrets.token_bytes(32)
    sides = []
    for number, (me, other, send, receive) in enumerate(
        ((a_side, b_side, a_to_b, b_to_a), (b_side, a_side, b_to_a, a_to_b))
    ):
        vault, _ = create_vault(
            workdir / f"{tag}-{number}", "Bench", "bench passphrase 1", kdf=FLOOR_KDF
        )
        keys = ChannelKeys(
            me=("a" if number == 0 else "b") * 32,
            partner=("b" if number == 0 else "a") * 32,
            key_id=1,
            send_key=send,
            receive_key=receive,
            my_inbox=me["inbox"],
            partner_inbox=other["inbox"],
        )
        client = InboxClient(
            relay.url,
            owner_key=me["owner"],
            putter_key=me["putter"],
            my_inbox=wire_id(me["inbox"]),
            partner_inbox=wire_id(other["inbox"]),
            clock=SystemClock(),
        )
        sides.append(Side(vault, keys, client))
    return sides[0], sides[1]


def body_text(n: int) -> str:
    line = f"Note {n}: what helped after the shift, and what to bring to supervision. "
    return (line * (NOTE_BYTES // len(line) + 1))[:NOTE_BYTES]


def end_to_end(a: Side, b: Side, count: int) -> float:
    start = time.perf_counter()
    for n in range(count):
        a.vault.shared_notes.share(
            str(uuid.uuid4()), f"Note {n}", body_text(n), me=a.keys.me, seal=a.sync.seal
        )
    a.sync.send_pending()
    target = b.vault.channel.marks().applied_upto + count
    while b.vault.channel.marks().applied_upto < target:
        b.sync.receive(wait=1)
    return time.perf_counter() - start


def raw(a: Side, b: Side, count: int, first_seq: int) -> float:
    envelopes = [secrets.token_bytes(NOTE_BYTES + OVERHEAD_BYTES) for _ in range(count)]
    start = time.perf_counter()
    for n, envelope in enumerate(envelopes):
        a.client.put(first_seq + n, envelope)
    cursor = b.vault.channel.marks().relay_cursor  # read once, outside the loop's work
    got = 0
    while got < count:
        fetched = b.client.fetch(cursor, 1)
        if fetched.messages:
            cursor = fetched.messages[-1][0]
            b.client.ack(cursor)
            got += len(fetched.messages)
    return time.perf_counter() - start


def until_quiet(a: Side, b: Side) -> None:
    """Sync both ways until neither has anything left to send or apply."""
    while True:
        moved = a.sync.sync_once().received + b.sync.sync_once().received
        waiting = [e for side in (a, b) for e in side.vault.channel.outbox() if not e.relay_took]
        if moved == 0 and not waiting:
            return


def edited_apart(relay: Relay, workdir: Path, count: int) -> tuple[float, float, int]:
    """Both edit while apart (A every note, B a tenth of them on another line), then
    sync until they agree; beside raw delivery of as many same-sized envelopes."""
    a, b = make_pair(relay, workdir, "apart")
    ids = [str(uuid.uuid4()) for _ in range(count)]
    for n, note in enumerate(ids):
        body = f"First line of note {n}.\n" + body_text(n) + "\nLast line.\n"
        a.vault.shared_notes.share(note, f"Note {n}", body, me=a.keys.me, seal=a.sync.seal)
    until_quiet(a, b)
    for n, note in enumerate(ids):  # apart: A changes the first line of every note…
        current = a.vault.shared_notes.get(note)
        body = current.body.replace(f"First line of note {n}.", f"A changed note {n}.")
        a.vault.shared_notes.edit(note, current.title, body, me=a.keys.me, seal=a.sync.seal)
    for n, note in enumerate(ids[: count // 10]):  # …and B the last line of a tenth
        current = b.vault.shared_notes.get(note)
        body = current.body.replace("Last line.", f"B changed note {n} too.")
        b.vault.shared_notes.edit(note, current.title, body, me=b.keys.me, seal=b.sync.seal)
    envelopes = [len(e.envelope) for s in (a, b) for e in s.vault.channel.outbox()]
    start = time.perf_counter()
    until_quiet(a, b)
    merged = time.perf_counter() - start
    for note in ids:
        assert a.vault.shared_notes.get(note).body == b.vault.shared_notes.get(note).body
    ra, rb = make_pair(relay, workdir, "apart-raw")
    start = time.perf_counter()
    for seq, size in enumerate(envelopes, start=1):
        ra.client.put(seq, secrets.token_bytes(size))
    cursor, got = 0, 0
    while got < len(envelopes):
        fetched = rb.client.fetch(cursor, 1)
        if fetched.messages:
            cursor = fetched.messages[-1][0]
            rb.client.ack(cursor)
            got += len(fetched.messages)
    raw_time = time.perf_counter() - start
    for side in (a, b, ra, rb):
        side.client.close()
        side.vault.close()
    return merged, raw_time, len(envelopes)


def latency(a: Side, b: Side, samples: int) -> list[float]:
    stop = threading.Event()

    def b_online() -> None:
        while not stop.is_set():
            b.sync.sync_once(wait=1)

    thread = threading.Thread(target=b_online, daemon=True)
    thread.start()
    times = []
    for n in range(samples):
        note = str(uuid.uuid4())
        start = time.perf_counter()
        a.vault.shared_notes.share(note, f"Now {n}", body_text(n), me=a.keys.me, seal=a.sync.seal)
        while a.vault.shared_notes.get(note).status != "delivered":
            a.sync.sync_once(wait=1)
        times.append(time.perf_counter() - start)
    stop.set()
    thread.join(5)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        relay = Relay(workdir)
        try:
            e2e_times, raw_times = [], []
            for round_ in range(args.rounds):
                a, b = make_pair(relay, workdir, f"e2e{round_}")
                e2e_times.append(end_to_end(a, b, args.notes))
                ra, rb = make_pair(relay, workdir, f"raw{round_}")
                raw_times.append(raw(ra, rb, args.notes, 1))
                for side in (a, b, ra, rb):
                    side.client.close()
                    side.vault.close()
            a, b = make_pair(relay, workdir, "latency")
            delays = latency(a, b, args.latency)
            apart = edited_apart(relay, workdir, args.notes)
        finally:
            relay.stop()
    e2e, base = statistics.median(e2e_times), statistics.median(raw_times)
    print(
        f"{args.notes} notes of ~{NOTE_BYTES} bytes, loopback relay (SQLite), "
        f"median of {args.rounds}"
    )
    print(f"{'':34}{'median s':>10}{'min s':>8}{'notes/s':>9}")
    for name, times in (
        ("raw signed PUT/GET/ack", raw_times),
        ("end to end (vault, crypto)", e2e_times),
    ):
        median = statistics.median(times)
        print(f"{name:34}{median:10.2f}{min(times):8.2f}{args.notes / median:9.0f}")
    print(f"ratio {e2e / base:.2f}x (target <= 2x)")
    delays.sort()
    p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
    merged, raw_apart, sent = apart
    print(
        f"{args.notes} shared notes edited by both while apart ({args.notes // 10} of them "
        f"by both), synced until they agree: {merged:.2f} s; raw delivery of the same "
        f"{sent} envelopes {raw_apart:.2f} s; ratio {merged / raw_apart:.2f}x (target <= 2x)"
    )
    print(
        f"share -> delivered, both online ({len(delays)} notes): median "
        f"{statistics.median(delays) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (target < 1000 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
