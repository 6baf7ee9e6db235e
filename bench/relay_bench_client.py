"""Load-generation pieces for `relay_load.py`: servers, pairing, signed requests, a raw client.

(imported by bench/relay_load.py; not run on its own)
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import nacl.signing

from alongside_wire.protocol import b64url_encode, new_random_id, sign_request

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


def start_server(kind: str, workdir: Path, max_wait: float, database: str | None = None) -> Server:
    """Start a bench server: on SQLite in `workdir`, or on the PostgreSQL `database`."""
    port = free_port()
    env = dict(os.environ, **RATE, ALONGSIDE_RELAY_MAX_WAIT_SECONDS=str(max_wait))
    where = ["--database", database] if database else ["--db", str(workdir / f"{kind}.db")]
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "relay_bench_server.py"),
            kind,
            *where,
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
