"""Server side of `relay_load.py`: the relay or a bare Starlette baseline, same uvicorn settings.

The baseline does what the relay's PUT and GET do at the storage level — the same SQLite
file settings (WAL, synchronous=FULL), one shared connection behind a lock, calls in a
worker thread, one commit per PUT — and nothing else: no routing by FastAPI, no
validation models, no signatures, nonces, quotas or rate limits. `baseline-pg` does the
same on PostgreSQL: a psycopg pool of the relay's default size, one INSERT (one commit)
per PUT, one SELECT per GET.

    python bench/relay_bench_server.py relay|baseline --db PATH --port N
    python bench/relay_bench_server.py relay|baseline-pg --database URL --port N
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sqlite3
import sys
import threading
from functools import partial
from pathlib import Path
from typing import Any

import anyio.to_thread
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def uvicorn_settings(port: int) -> dict[str, Any]:
    """Identical for both servers."""
    return {
        "host": "127.0.0.1",
        "port": port,
        "access_log": False,
        "server_header": False,
        "log_level": "warning",
        "log_config": None,
        "backlog": 4096,
        "timeout_keep_alive": 30,
    }


class BaselineStore:
    """The same durability as the relay store: WAL, synchronous=FULL, one locked connection."""

    def __init__(self, path: Path) -> None:
        self.lock = threading.Lock()
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS messages (inbox TEXT, idx INTEGER, seq INTEGER, "
            "ciphertext BLOB, received_at INTEGER, PRIMARY KEY (inbox, idx)) WITHOUT ROWID"
        )

    def put(self, inbox: str, seq: int, ciphertext: bytes) -> None:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(
                "INSERT INTO messages VALUES (?, ?, ?, ?, 0)", (inbox, seq, seq, ciphertext)
            )
            self.db.execute("COMMIT")

    def get(self, inbox: str, after: int) -> list[tuple[int, int, bytes]]:
        with self.lock:
            return self.db.execute(
                "SELECT idx, seq, ciphertext FROM messages WHERE inbox = ? AND idx > ? "
                "ORDER BY idx LIMIT 100",
                (inbox, after),
            ).fetchall()


class PostgresBaselineStore:
    """The relay's PUT and GET storage work on PostgreSQL and nothing else."""

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS baseline_messages (inbox text, idx bigint, "
                "seq bigint, ciphertext bytea, received_at bigint, PRIMARY KEY (inbox, idx))"
            )
            conn.execute(
                "ALTER TABLE baseline_messages ALTER COLUMN ciphertext SET STORAGE EXTERNAL"
            )
        self.pool: Any = ConnectionPool(
            url, kwargs={"autocommit": True}, min_size=8, max_size=8, open=True
        )

    def put(self, inbox: str, seq: int, ciphertext: bytes) -> None:
        with self.pool.connection() as conn:
            conn.execute(
                "INSERT INTO baseline_messages VALUES (%s, %s, %s, %s, 0)",
                (inbox, seq, seq, ciphertext),
            )

    def get(self, inbox: str, after: int) -> list[tuple[int, int, bytes]]:
        with self.pool.connection() as conn:
            rows: list[tuple[int, int, bytes]] = conn.execute(
                "SELECT idx, seq, ciphertext FROM baseline_messages WHERE inbox = %s "
                "AND idx > %s ORDER BY idx LIMIT 100",
                (inbox, after),
            ).fetchall()
            return rows


def baseline_app(db: Path | None, database: str | None = None) -> Starlette:
    """A bare Starlette app doing the relay's storage work for PUT and GET-after."""
    store: Any = PostgresBaselineStore(database) if database else BaselineStore(db or Path())

    async def put(request: Request) -> Response:
        body = json.loads(await request.body())
        text = body["ciphertext"]
        ciphertext = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inbox, seq = request.path_params["inbox"], int(request.path_params["seq"])
        await anyio.to_thread.run_sync(partial(store.put, inbox, seq, ciphertext))
        return JSONResponse({"seq": seq, "index": seq, "duplicate": False}, status_code=201)

    async def get(request: Request) -> Response:
        after = int(request.query_params.get("after", "0"))
        rows = await anyio.to_thread.run_sync(
            partial(store.get, request.path_params["inbox"], after)
        )
        messages = [
            {"index": i, "seq": s, "ciphertext": base64.urlsafe_b64encode(c).decode().rstrip("=")}
            for i, s, c in rows
        ]
        return JSONResponse({"messages": messages})

    return Starlette(
        routes=[
            Route("/v1/inboxes/{inbox}/messages/{seq:int}", put, methods=["PUT"]),
            Route("/v1/inboxes/{inbox}/messages", get, methods=["GET"]),
            Route("/healthz", lambda _: JSONResponse({"status": "ok"})),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["relay", "baseline", "baseline-pg"])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--database", help="PostgreSQL URL (relay on PostgreSQL, baseline-pg)")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    if args.kind == "relay":
        from alongside_relay.app import create_app
        from alongside_relay.runtime import tune_for_serving
        from alongside_relay.settings import RelaySettings

        where: dict[str, Any] = {"database": args.database} if args.database else {"db": args.db}
        app: Any = create_app(RelaySettings(**where))  # rate limits etc. from the env
        tune_for_serving()  # as `alongside-relay serve` does
    else:
        app = baseline_app(args.db, args.database if args.kind == "baseline-pg" else None)
        if os.environ.get("BASELINE_SWITCH_INTERVAL"):
            # To check that the relay's GIL setting is not what makes the difference.
            sys.setswitchinterval(float(os.environ["BASELINE_SWITCH_INTERVAL"]))
    uvicorn.run(app, **uvicorn_settings(args.port))


if __name__ == "__main__":
    main()
