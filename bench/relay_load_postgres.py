"""PostgreSQL phases of `relay_load.py --postgresql` (not run on its own).

A private PostgreSQL 15 is started for the run from the binaries on the PATH (the test
suite's helper, tests/relay/postgres_server.py), with fsync ON, so every stored message
costs a real commit. Three measurements:

1. One relay instance on PostgreSQL storing 1 KB messages (50 inboxes, PUT then
   GET-after) beside a bare Starlette endpoint doing the same PostgreSQL INSERT/SELECT
   on the same server, in alternating rounds (target: relay PUT rate >= 0.5x baseline).
2. Cross-instance wake-up: the owner's fetch parks on instance B; the PUT goes to
   instance A; the time from sending the PUT to the fetch returning (target p95 <= 50 ms).
3. Two instances on one database beside one instance: the same 1 KB load split over two
   instances (reported, not a target: the machine has 2 cores shared by the instances,
   PostgreSQL and the load generator).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

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

from alongside_wire.protocol import b64url_encode, sign_request

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.relay.postgres_server import PostgresServer, start_postgres


def check(result: PhaseResult) -> list[str]:
    bad = {s: n for s, n in result.statuses.items() if s not in (200, 201)}
    return [f"{result.label}: unexpected answers {bad}"] if bad else []


def row(result: PhaseResult, kind: str, baseline: PhaseResult | None) -> str:
    ratio = f"{result.rps(kind) / baseline.rps(kind):.2f}x" if baseline else ""
    cpu = f"{result.cpu_per_request_us():,.0f}" if result.cpu else ""
    return (
        f"| {result.label} | {kind} | {len(result.latencies[kind])} | {result.rps(kind):,.0f} "
        f"| {result.pct(kind, 0.5):.1f} | {result.pct(kind, 0.99):.1f} | {ratio} | {cpu} |"
    )


async def drive_split(
    label: str, work: list[tuple[str, list[Inbox]]], first: int, per: int
) -> PhaseResult:
    """Drive several servers at once (each its own inboxes); one combined result."""
    runs = await asyncio.gather(
        *(
            drive(url, label, [prepare(url, inbox, 1024, per, first) for inbox in inboxes])
            for url, inboxes in work
        )
    )
    total = PhaseResult(label, max(run.wall for run in runs))
    for run in runs:
        for kind, values in run.latencies.items():
            total.latencies[kind].extend(values)
        for status, count in run.statuses.items():
            total.statuses[status] = total.statuses.get(status, 0) + count
    return total


def relay_beside_baseline(
    pg: PostgresServer, workdir: Path, per_inbox: int, rounds: int
) -> tuple[list[str], list[str], PhaseResult]:
    """Measurement 1; returns table rows, problems and the relay's result."""
    baseline = start_server("baseline-pg", workdir, 30, pg.new_database())
    relay = start_server("relay", workdir, 30, pg.new_database())
    problems: list[str] = []
    try:
        base_inboxes = [Inbox(f"b{i:021d}") for i in range(INBOXES)]
        relay_inboxes = pair_inboxes(relay.url, INBOXES)
        base = PhaseResult("baseline-pg 1 KB", 0.0)
        loaded = PhaseResult("relay on PostgreSQL 1 KB", 0.0)
        for round_ in range(rounds):
            first = round_ * per_inbox + 1
            for server, inboxes, total in (
                (baseline, base_inboxes, base),
                (relay, relay_inboxes, loaded),
            ):
                cpu_before = server.cpu_seconds()
                total.add(
                    asyncio.run(drive_split(total.label, [(server.url, inboxes)], first, per_inbox))
                )
                total.cpu += server.cpu_seconds() - cpu_before
        rss = relay.rss_mib()
    finally:
        for server in (baseline, relay):
            server.proc.terminate()
            server.proc.wait(10)
    print(f"relay instance on PostgreSQL: RSS {rss:.0f} MiB after the load")
    problems += check(base) + check(loaded)
    if loaded.rps("PUT") < 0.5 * base.rps("PUT"):
        problems.append("relay on PostgreSQL: PUT below 0.5x the bare PostgreSQL baseline")
    lines = [row(base, k, None) for k in ("PUT", "GET")]
    lines += [row(loaded, k, base) for k in ("PUT", "GET")]
    return lines, problems, loaded


async def wake_latencies(a: Server, b: Server, inboxes: list[Inbox], rounds: int) -> list[float]:
    """Measurement 2: PUT on A while the inbox's owner is parked on B, one at a time."""
    samples: list[float] = []
    host_a, port_a = a.url.removeprefix("http://").split(":")
    host_b, port_b = b.url.removeprefix("http://").split(":")

    async def one(inbox: Inbox, seq: int) -> float:
        waiting = RawConnection(host_b, int(port_b))
        writer = RawConnection(host_a, int(port_a))
        path = f"/v1/inboxes/{inbox.inbox}/messages?after={seq - 1}&wait=30"
        assert inbox.owner is not None
        assert inbox.writer is not None
        fetch_headers = sign_request(
            inbox.owner,
            method="GET",
            host=f"{host_b}:{port_b}",
            path_with_query=path,
            body=b"",
            timestamp=int(time.time()),
        )
        put_path = f"/v1/inboxes/{inbox.inbox}/messages/{seq}"
        body = json.dumps({"ciphertext": b64url_encode(b"w" * 1024)}).encode()
        put_headers = sign_request(
            inbox.writer,
            method="PUT",
            host=f"{host_a}:{port_a}",
            path_with_query=put_path,
            body=body,
            timestamp=int(time.time()),
        )
        put_headers["content-type"] = "application/json"
        fetched = asyncio.create_task(waiting.request("GET", path, b"", fetch_headers))
        await asyncio.sleep(0.1)  # let the fetch reach B and park
        assert not fetched.done(), "the fetch returned before the PUT"
        sent = time.perf_counter()
        status, _ = await writer.request("PUT", put_path, body, put_headers)
        assert status == 201, status
        status, answer = await fetched
        elapsed = time.perf_counter() - sent
        assert status == 200, status
        assert json.loads(answer)["messages"], answer
        await waiting.close()
        await writer.close()
        return elapsed

    # One wake-up at a time: the latency of a wake-up itself, not of a queue of them.
    for round_ in range(rounds):
        for inbox in inboxes:
            samples.append(await one(inbox, round_ + 1))
    return samples


def run(per_inbox: int, rounds: int) -> int:
    """All three measurements; prints a Markdown table and PASS/FAIL."""
    import tempfile

    problems: list[str] = []
    lines = [
        "| run | request | count | req/s | p50 ms | p99 ms | relay/baseline | server CPU µs/req |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    pg = start_postgres(fsync=True)
    try:
        with tempfile.TemporaryDirectory(prefix="relay-bench-pg-") as tmp:
            workdir = Path(tmp)
            rows_, found, _ = relay_beside_baseline(pg, workdir, per_inbox, rounds)
            lines += rows_
            problems += found

            database = pg.new_database()
            a = start_server("relay", workdir, 30, database)
            b = start_server("relay", workdir, 30, database)
            try:
                waiters = pair_inboxes(a.url, 20)
                samples = sorted(asyncio.run(wake_latencies(a, b, waiters, 10)))
                p50, p95, p99 = (samples[int(len(samples) * q)] * 1000 for q in (0.5, 0.95, 0.99))
                if p95 > 50:
                    problems.append(f"cross-instance wake-up p95 {p95:.1f} ms > 50 ms")
                one = PhaseResult("one instance", 0.0)
                two = PhaseResult("two instances", 0.0)
                solo = pair_inboxes(a.url, INBOXES)
                split = pair_inboxes(a.url, INBOXES)
                halves = [(a.url, split[: INBOXES // 2]), (b.url, split[INBOXES // 2 :])]
                for round_ in range(rounds):
                    first = round_ * per_inbox + 1
                    one.add(
                        asyncio.run(drive_split("one instance", [(a.url, solo)], first, per_inbox))
                    )
                    two.add(asyncio.run(drive_split("two instances", halves, first, per_inbox)))
                problems += check(one) + check(two)
            finally:
                for server in (a, b):
                    server.proc.terminate()
                    server.proc.wait(10)
    finally:
        pg.destroy()
    print("\n".join(lines))
    print(
        f"\ncross-instance wake-up (PUT on A -> fetch parked on B returns), "
        f"{len(samples)} samples: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms"
    )
    print(
        f"one instance: {one.rps():,.0f} req/s (PUT+GET, 1 KB); two instances on the same "
        f"database: {two.rps():,.0f} req/s; ratio {two.rps() / one.rps():.2f}x"
    )
    print("\n" + ("PASS" if not problems else "FAIL:\n  " + "\n  ".join(problems)))
    return 0 if not problems else 1
