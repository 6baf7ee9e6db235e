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

With `--postgresql` the PostgreSQL phases run instead (relay_load_postgres.py): the relay
on PostgreSQL beside a bare Starlette endpoint doing the same INSERT, the cross-instance
wake-up latency, and two instances beside one.

    .venv/bin/python bench/relay_load.py [--per-inbox 10] [--rounds 3] [--waiters 2000]
    .venv/bin/python bench/relay_load.py --postgresql [--per-inbox 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nacl.signing

from alongside_wire.protocol import b64url_encode, new_random_id, sign_request

sys.path.insert(0, str(Path(__file__).resolve().parent))
from relay_bench_client import (
    INBOXES,
    Inbox,
    PhaseResult,
    RawConnection,
    Server,
    drive,
    pair_inboxes,
    prepare,
    start_server,
)


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
    parser.add_argument("--postgresql", action="store_true", help="the PostgreSQL phases")
    args = parser.parse_args()
    if args.postgresql:
        from relay_load_postgres import run

        return run(args.per_inbox, args.rounds)

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
