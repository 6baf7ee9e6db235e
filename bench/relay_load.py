"""Relay load on loopback: signed PUT and GET-after beside a bare Starlette baseline.

Starts two uvicorn processes with identical settings (`relay_bench_server.py`): the relay
and a bare Starlette app doing the same SQLite write (WAL, synchronous=FULL, one commit a
PUT). For 1 KB and 64 KB messages, 50 concurrent inboxes each PUT a message and GET it
back after their cursor; we report requests/s and p50/p99 per request kind, and the
relay's requests/s as a fraction of the baseline's (target >= 0.5x). Requests are signed
before the clock starts so the load generator's signing does not count against the relay.

Then: 2,000 long-poll fetches are left waiting on the relay process while the 1 KB load
runs again beside them (target: still >= 0.5x the baseline), with the relay's memory
before and during the wait; finally one PUT per idle inbox wakes every waiter.

Any 429 fails the run. Rate limit for the run (per signing key and per client address):
1,000 requests/s with a burst of 1,000 (`ALONGSIDE_RELAY_RATE_*`).

    .venv/bin/python bench/relay_load.py [--per-inbox 10] [--rounds 3] [--waiters 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import nacl.signing

from desktop.sync.protocol import b64url_encode, new_random_id, sign_request

ROOT = Path(__file__).resolve().parents[1]
INBOXES = 50
RATE = {"ALONGSIDE_RELAY_RATE_PER_SECOND": "1000", "ALONGSIDE_RELAY_RATE_BURST": "1000"}
PHASE_TIME_CAP = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    kind: str
    port: int
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (Linux /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> float:
        """Resident memory of the server process (Linux /proc)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def start_server(kind: str, workdir: Path, max_wait: float) -> Server:
    port = free_port()
    env = dict(os.environ, **RATE, ALONGSIDE_RELAY_MAX_WAIT_SECONDS=str(max_wait))
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "relay_bench_server.py"),
            kind,
            "--db",
            str(workdir / f"{kind}.db"),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=0.5).status_code == 200:
                return Server(kind, port, proc)
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{kind} server did not start")


@dataclass
class Inbox:
    """One inbox under load: its id and, on the relay, the owner's and writer's keys."""

    inbox: str
    owner: nacl.signing.SigningKey | None = None
    writer: nacl.signing.SigningKey | None = None


def pair_inboxes(url: str, count: int) -> list[Inbox]:
    """Pair through the relay's own API; returns the `count` inboxes A reads (B writes)."""
    inboxes: list[Inbox] = []
    host = url.removeprefix("http://")
    with httpx.Client(base_url=url, timeout=30) as client:
        while len(inboxes) < count:
            side_a, side_b = new_random_id(), new_random_id()
            nameplate = client.post("/v1/nameplates", json={"side": side_a}).json()
            client.post(f"/v1/nameplates/{nameplate['nameplate']}/claim", json={"side": side_b})
            owner, writer = nacl.signing.SigningKey.generate(), nacl.signing.SigningKey.generate()
            inbox = new_random_id()
            body = json.dumps(
                {
                    "mailbox": nameplate["mailbox"],
                    "side": side_a,
                    "owner_key": b64url_encode(bytes(owner.verify_key)),
                    "peer_key": b64url_encode(bytes(writer.verify_key)),
                }
            ).encode()
            path = f"/v1/inboxes/{inbox}"
            headers = sign_request(
                owner,
                method="PUT",
                host=host,
                path_with_query=path,
                body=body,
                timestamp=int(time.time()),
            )
            headers["content-type"] = "application/json"
            response = client.put(path, content=body, headers=headers)
            if response.status_code != 201:
                raise SystemExit(f"pairing failed: {response.status_code} {response.text}")
            inboxes.append(Inbox(inbox, owner, writer))
    return inboxes


@dataclass
class Prepared:
    kind: str  # "PUT" or "GET"
    method: str
    path: str
    body: bytes
    headers: dict[str, str]


def prepare(url: str, inbox: Inbox, sizes: int, count: int, first_seq: int) -> list[Prepared]:
    """PUT seq n then GET after n-1, signed in advance when the target is the relay."""
    host = url.removeprefix("http://")
    out: list[Prepared] = []
    for seq in range(first_seq, first_seq + count):
        body = json.dumps({"ciphertext": b64url_encode(secrets.token_bytes(sizes))}).encode()
        put_path = f"/v1/inboxes/{inbox.inbox}/messages/{seq}"
        get_path = f"/v1/inboxes/{inbox.inbox}/messages?after={seq - 1}&limit=1"
        for kind, method, path, payload, key in (
            ("PUT", "PUT", put_path, body, inbox.writer),
            ("GET", "GET", get_path, b"", inbox.owner),
        ):
            headers = {"content-type": "application/json"} if payload else {}
            if key is not None:
                headers.update(
                    sign_request(
                        key,
                        method=method,
                        host=host,
                        path_with_query=path,
                        body=payload,
                        timestamp=int(time.time()),
                    )
                )
            out.append(Prepared(kind, method, path, payload, headers))
    return out


class RawConnection:
    """A minimal keep-alive HTTP/1.1 client: one socket, one request at a time.

    httpx's async pool costs more CPU per request than the servers under test once 50
    connections are open (on 2 cores it became the bottleneck), so the load generator
    speaks HTTP/1.1 directly. Both servers answer with Content-Length.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = [
            f"{method} {path} HTTP/1.1",
            f"host: {self.host}:{self.port}",
            f"content-length: {len(body)}",
        ]
        head += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


@dataclass
class PhaseResult:
    label: str
    wall: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"PUT": [], "GET": []})
    statuses: dict[int, int] = field(default_factory=dict)

    cpu: float = 0.0

    def add(self, other: PhaseResult) -> None:
        """Fold another round into this one."""
        self.wall += other.wall
        for kind, values in other.latencies.items():
            self.latencies[kind].extend(values)
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count

    def cpu_per_request_us(self) -> float:
        return self.cpu / max(1, sum(len(v) for v in self.latencies.values())) * 1e6

    def rps(self, kind: str | None = None) -> float:
        if kind is None:
            return sum(len(v) for v in self.latencies.values()) / self.wall
        return len(self.latencies[kind]) / self.wall

    def pct(self, kind: str, q: float) -> float:
        values = sorted(self.latencies[kind])
        return values[min(len(values) - 1, int(len(values) * q))] * 1000 if values else 0.0


async def drive(url: str, label: str, plans: list[list[Prepared]]) -> PhaseResult:
    """Run each inbox's plan in its own task, each over its own keep-alive connection."""
    result = PhaseResult(label, 0.0)
    host, port = url.removeprefix("http://").split(":")

    async def worker(plan: list[Prepared], deadline: float) -> None:
        connection = RawConnection(host, int(port))
        try:
            for item in plan:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                status, body = await connection.request(
                    item.method, item.path, item.body, item.headers
                )
                elapsed = time.perf_counter() - started
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if item.kind == "GET" and status == 200 and len(json.loads(body)["messages"]) != 1:
                    result.statuses[-1] = result.statuses.get(-1, 0) + 1
                result.latencies[item.kind].append(elapsed)
        finally:
            await connection.close()

    started = time.perf_counter()
    deadline = time.monotonic() + PHASE_TIME_CAP
    await asyncio.gather(*(worker(plan, deadline) for plan in plans))
    result.wall = time.perf_counter() - started
    return result


def check(result: PhaseResult) -> list[str]:
    problems = []
    if result.statuses.get(429):
        problems.append(f"{result.label}: {result.statuses[429]} rate-limited (429)")
    bad = {s: n for s, n in result.statuses.items() if s not in (200, 201)}
    if bad:
        problems.append(f"{result.label}: unexpected answers {bad} (-1 = GET missed its message)")
    return problems


def _hold_waiters(url: str, inboxes: list[tuple[str, bytes]], waiters: int, pipe: Any) -> None:
    """Child process: park `waiters` long-poll fetches and answer the parent's questions.

    Kept out of the load generator's process so that 2,000 parked sockets do not slow the
    client that measures the store rate (on 2 cores it otherwise measured itself).
    """
    host = url.removeprefix("http://")
    address, port = host.split(":")

    async def wait_on(inbox: str, seed: bytes) -> int:
        connection = RawConnection(address, int(port))
        path = f"/v1/inboxes/{inbox}/messages?after=0&wait=120"
        headers = sign_request(
            nacl.signing.SigningKey(seed),
            method="GET",
            host=host,
            path_with_query=path,
            body=b"",
            timestamp=int(time.time()),
        )
        status, body = await connection.request("GET", path, b"", headers)
        await connection.close()
        return len(json.loads(body)["messages"]) if status == 200 else -1

    async def main() -> None:
        tasks = [asyncio.create_task(wait_on(*inboxes[i % len(inboxes)])) for i in range(waiters)]
        while True:
            if pipe.poll():
                question = pipe.recv()
                if question == "done?":
                    pipe.send(sum(task.done() for task in tasks))
                elif question == "results":
                    results = await asyncio.gather(*tasks)
                    pipe.send(results.count(1))
                    return
            await asyncio.sleep(0.05)

    asyncio.run(main())


async def idle_long_polls(
    relay: Server, waiters: int, baseline_1k: PhaseResult, per_inbox: int
) -> tuple[dict[str, object], PhaseResult, list[str]]:
    """Hold `waiters` long-poll fetches while 1 KB load runs; then wake them all."""
    idle_inboxes = pair_inboxes(relay.url, max(1, waiters // 10))
    busy = pair_inboxes(relay.url, INBOXES)
    host = relay.url.removeprefix("http://")
    address, port = host.split(":")
    rss_before = relay.rss_mib()
    problems: list[str] = []
    specs = [(i.inbox, bytes(i.owner)) for i in idle_inboxes if i.owner is not None]
    parent_end, child_end = multiprocessing.Pipe()
    holder = multiprocessing.get_context("fork").Process(
        target=_hold_waiters, args=(relay.url, specs, waiters, child_end)
    )
    holder.start()
    # Wait until every fetch has arrived and is parked: the relay goes quiet.
    settle_deadline = time.monotonic() + 60
    await asyncio.sleep(1.0)
    while time.monotonic() < settle_deadline:
        before = relay.cpu_seconds()
        await asyncio.sleep(0.5)
        if relay.cpu_seconds() - before < 0.02:
            break
    parent_end.send("done?")
    early = parent_end.recv()
    if early:
        problems.append(f"long-poll: {early} fetches returned before any message")
    rss_waiting = relay.rss_mib()
    plans = [prepare(relay.url, inbox, 1024, per_inbox, 1) for inbox in busy]
    cpu_before = relay.cpu_seconds()
    loaded = await drive(relay.url, f"relay 1 KB, {waiters:,} waiting", plans)
    loaded.cpu = relay.cpu_seconds() - cpu_before
    parent_end.send("done?")
    finished = parent_end.recv()
    if finished:
        problems.append(f"long-poll: {finished} of {waiters} returned during the load")
    rss_after = relay.rss_mib()

    woke_started = time.perf_counter()
    writer = RawConnection(address, int(port))
    for inbox in idle_inboxes:
        path = f"/v1/inboxes/{inbox.inbox}/messages/1"
        body = json.dumps({"ciphertext": b64url_encode(b"wake")}).encode()
        assert inbox.writer is not None
        headers = sign_request(
            inbox.writer,
            method="PUT",
            host=host,
            path_with_query=path,
            body=body,
            timestamp=int(time.time()),
        )
        headers["content-type"] = "application/json"
        await writer.request("PUT", path, body, headers)
    await writer.close()
    parent_end.send("results")
    woken = parent_end.recv()
    woke = time.perf_counter() - woke_started
    holder.join(30)
    if woken != waiters:
        problems.append(f"long-poll: {woken} of {waiters} woke with the message")
    problems += check(loaded)
    ratio = loaded.rps("PUT") / baseline_1k.rps("PUT")
    if ratio < 0.5:
        problems.append(f"long-poll: PUT rate {ratio:.2f}x baseline while waiting (< 0.5x)")
    memory = {
        "rss_before_mib": rss_before,
        "rss_waiting_mib": rss_waiting,
        "rss_after_load_mib": rss_after,
        "kib_per_waiter": (rss_waiting - rss_before) * 1024 / waiters,
        "wake_all_s": woke,
        "ratio": ratio,
    }
    return memory, loaded, problems


def row(result: PhaseResult, kind: str, baseline: PhaseResult | None) -> str:
    ratio = f"{result.rps(kind) / baseline.rps(kind):.2f}x" if baseline else ""
    cpu = f"{result.cpu_per_request_us():,.0f}" if result.cpu else ""
    return (
        f"| {result.label} | {kind} | {len(result.latencies[kind])} | {result.rps(kind):,.0f} "
        f"| {result.pct(kind, 0.5):.1f} | {result.pct(kind, 0.99):.1f} | {ratio} | {cpu} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--per-inbox", type=int, default=10, help="PUT+GET pairs per inbox per round"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--waiters", type=int, default=2000)
    args = parser.parse_args()

    problems: list[str] = []
    lines = [
        "| run | request | count | req/s | p50 ms | p99 ms | relay/baseline | server CPU µs/req |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="relay-bench-") as tmp:
        workdir = Path(tmp)
        baseline = start_server("baseline", workdir, 120)
        relay = start_server("relay", workdir, 120)
        try:
            results: dict[str, PhaseResult] = {}
            for size, label, per_inbox in (
                (1024, "1 KB", args.per_inbox),
                (65536, "64 KB", max(1, args.per_inbox // 2)),
            ):
                base_inboxes = [Inbox(new_random_id()) for _ in range(INBOXES)]
                relay_inboxes = pair_inboxes(relay.url, INBOXES)
                base = PhaseResult(f"baseline {label}", 0.0)
                loaded = PhaseResult(f"relay {label}", 0.0)
                # Alternate short rounds so that load from outside the benchmark falls on
                # both servers alike.
                for round_ in range(args.rounds):
                    first = round_ * per_inbox + 1
                    for server, inboxes, total in (
                        (baseline, base_inboxes, base),
                        (relay, relay_inboxes, loaded),
                    ):
                        plans = [prepare(server.url, i, size, per_inbox, first) for i in inboxes]
                        cpu_before = server.cpu_seconds()
                        total.add(asyncio.run(drive(server.url, total.label, plans)))
                        total.cpu += server.cpu_seconds() - cpu_before
                results[label] = base
                problems += check(base) + check(loaded)
                for kind in ("PUT", "GET"):
                    lines.append(row(base, kind, None))
                    lines.append(row(loaded, kind, base))
                    if kind == "PUT" and loaded.rps(kind) < 0.5 * base.rps(kind):
                        problems.append(f"relay {label} PUT below 0.5x baseline")
            # The long-poll phase is compared with the baseline measured again just before
            # it, on databases that now hold what both servers stored so far.
            count = args.per_inbox * args.rounds
            again = PhaseResult("baseline 1 KB, again", 0.0)
            plans = [
                prepare(baseline.url, Inbox(new_random_id()), 1024, count, 1)
                for _ in range(INBOXES)
            ]
            cpu_before = baseline.cpu_seconds()
            again.add(asyncio.run(drive(baseline.url, again.label, plans)))
            again.cpu = baseline.cpu_seconds() - cpu_before
            problems += check(again)
            memory, during, lp_problems = asyncio.run(
                idle_long_polls(relay, args.waiters, again, count)
            )
            problems += lp_problems
            for kind in ("PUT", "GET"):
                lines.append(row(again, kind, None))
                lines.append(row(during, kind, again))
        finally:
            for server in (baseline, relay):
                server.proc.terminate()
                server.proc.wait(10)

    print("\n".join(lines))
    print(
        f"\n{args.waiters} idle long-polls on one relay process: RSS "
        f"{memory['rss_before_mib']:.0f} MiB before, {memory['rss_waiting_mib']:.0f} MiB "
        f"while waiting (~{memory['kib_per_waiter']:.1f} KiB each), "
        f"{memory['rss_after_load_mib']:.0f} MiB after the load beside them; "
        f"1 KB PUT rate beside them {memory['ratio']:.2f}x baseline; all woken by one PUT "
        f"per inbox in {memory['wake_all_s']:.2f} s."
    )
    print(
        "rate limit: 1,000 req/s, burst 1,000 per key and per address; 429s: "
        + ("none" if not any("429" in p for p in problems) else "SOME")
    )
    print("\n" + ("PASS" if not problems else "FAIL:\n  " + "\n  ".join(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
