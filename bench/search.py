"""Search, list and autosave in the encrypted vault beside the same SQLite unencrypted.

Generates N debriefs of realistic text (template fields, tags), writes the same rows to
an encrypted vault and to a plaintext database opened by the same sqlcipher3 build with
no key (same schema, pragmas and page cache), and measures through the app's own code
(`SearchStore.find`, `DebriefStore.page`, `DebriefStore.update` on a `DatabaseWorker`):

- search p50/p95 for whole words and prefixes (target: encrypted p95 <= 1.2x plain),
- the list's first page,
- an autosave (one field updated, re-indexed, committed with synchronous=FULL),
- the database size.

    python3 scripts/dev.py bench bench/search.py [--sizes 10000 50000] [--full]
        [--repeats 15] [--cache-mib 2 16] [--write-docs]

`--full` adds 100,000 debriefs. `--write-docs` rewrites the "## Search and storage"
section of docs/performance.md with the table and this command.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3

from desktop.vault import FLOOR_KDF, create_vault
from desktop.vault.database_worker import PRAGMAS_AFTER_KEY, Connection, DatabaseWorker
from desktop.vault.debriefs import DebriefStore
from desktop.vault.migrations import migrate
from desktop.vault.search import SearchStore
from desktop.vault.search_index import reindex
from desktop.vault.sql import to_db_time
from desktop.vault.tags import set_debrief_tags

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "performance.md"
SECTION = "## Search and storage"

CLINICAL_WORDS = (
    "patient family meeting night shift handover ward team nurse doctor consultant "
    "restraint sedation agitation crisis assessment risk safeguarding capacity section "
    "admission discharge ambulance police carer mother father son daughter partner "
    "grief bereavement loss anger fear shame guilt relief tired exhausted burnout "
    "overwhelmed calm steady supported unsupported listened heard dismissed supervision "
    "reflective practice debrief colleague manager rota staffing short-staffed overtime "
    "medication overdose self-harm ligature observation seclusion de-escalation "
    "interpreter language culture trauma flashback nightmare sleep appetite boundary "
    "referral community team crisis-line telephone video session therapy formulation "
    "transference countertransference empathy compassion fatigue vicarious resilience "
    "boundaries hope despair suicide ideation plan protective factors follow-up review"
)
COMMON_WORDS = (
    "the and a to of in it was i we they she he that with for on at about after before "
    "felt thought said asked could would should not but because then when so very really "
    "again still just more less time today yesterday later quite really maybe perhaps "
    "went came told tried left stayed sat talked phoned wrote noticed wondered"
)
CLINICAL = CLINICAL_WORDS.split()
COMMON = COMMON_WORDS.split()
TAGS = (
    "night",
    "family",
    "restraint",
    "paeds",
    "grief",
    "supervision",
    "on-call",
    "a&e",
    "community",
    "self-harm",
)
TEMPLATE_FIELDS = ("description", "feelings", "evaluation", "analysis", "conclusion")
WHOLE_WORDS = ("burnout", "restraint", "supervision", "family meeting", "ligature", "grief")
PREFIXES = ("burn", "restr", "superv", "fam", "gri", "de-esc", "ni", "sl")
START = datetime(2024, 1, 1, tzinfo=UTC)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(CLINICAL) if rng.random() < 0.35 else rng.choice(COMMON)]
    words += [
        rng.choice(CLINICAL) if rng.random() < 0.35 else rng.choice(COMMON)
        for _ in range(rng.randint(6, 16))
    ]
    return " ".join(words).capitalize() + "."


def fake_debrief(rng: random.Random) -> tuple[str, dict[str, str], list[str]]:
    fields = {
        name: " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        for name in TEMPLATE_FIELDS
        if rng.random() < 0.85
    }
    title = sentence(rng)[:60]
    tags = rng.sample(TAGS, rng.randint(0, 2))
    return title, fields, tags


def insert_debriefs(
    connection: Connection, rows: Sequence[tuple[int, str, dict[str, str], list[str]]]
) -> None:
    """Bulk-insert through the app's schema and its own index and tag functions."""
    connection.execute("BEGIN IMMEDIATE")
    for number, title, fields, tags in rows:
        created = to_db_time(START + timedelta(minutes=37 * number))
        body = "\n\n".join(fields.values())
        cursor = connection.execute(
            "INSERT INTO debriefs (id, title, body, created, updated, template_id, "
            "template_version, fields, title_is_automatic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (f"{number:032x}", title, body, created, created, "gibbs", 1, json.dumps(fields)),
        )
        seq = cursor.lastrowid
        set_debrief_tags(connection, seq, tags, reindex_after=False)
        reindex(connection, seq)
    connection.execute("COMMIT")


class PlainWorker(DatabaseWorker):
    """The app's database worker over a plaintext database: same build, same pragmas."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, b"")

    def _open(self, path: Path, key: bytes) -> None:
        connection = sqlcipher3.connect(str(path), isolation_level=None)
        for pragma in PRAGMAS_AFTER_KEY:
            connection.execute(pragma).fetchall()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("COMMIT")
        self._connection = connection


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function: Callable[[], object], repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def measure(
    workers: dict[str, DatabaseWorker], repeats: int, rng: random.Random
) -> dict[str, dict[str, list[float]]]:
    """Interleave encrypted and plain runs so machine noise hits both alike."""
    results: dict[str, dict[str, list[float]]] = {name: {} for name in workers}
    searches = {name: SearchStore(worker) for name, worker in workers.items()}
    stores = {name: DebriefStore(worker) for name, worker in workers.items()}
    edited = {name: store.page(limit=1).rows[0].id for name, store in stores.items()}
    for round_ in range(repeats):
        order = list(workers) if round_ % 2 == 0 else list(reversed(workers))
        for name in order:
            per = results[name]
            search, store = searches[name], stores[name]
            for label, queries in (
                ("search: whole words", WHOLE_WORDS),
                ("search: prefixes", PREFIXES),
            ):
                for query in queries:
                    per.setdefault(label, []).extend(
                        timed(lambda s=search, q=query: s.find(q, limit=50), 1)
                    )
            per.setdefault("list: first page (100 rows)", []).extend(
                timed(lambda s=store: s.page(limit=100), 3)
            )
            for text in [sentence(rng) * 3 for _ in range(6)]:
                per.setdefault("autosave: one field, FULL sync", []).extend(
                    timed(
                        lambda s=store, i=edited[name], t=text: s.update(i, fields={"feelings": t}),
                        1,
                    )
                )
    return results


def database_mb(worker: DatabaseWorker, path: Path) -> float:
    worker.call(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())
    return path.stat().st_size / 1e6


def run(sizes: Sequence[int], repeats: int, cache_mib: Sequence[int]) -> list[str]:
    rng = random.Random(20261122)
    work = Path(tempfile.mkdtemp(prefix="alongside-bench-"))
    lines: list[str] = []
    try:
        vault, _ = create_vault(work / "vault", "Bench", "bench passphrase words", kdf=FLOOR_KDF)
        key = bytes(vault._data_key)
        vault.close()
        encrypted_path = work / "vault" / "vault.db"
        plain_path = work / "plain.db"
        plain_connection = sqlcipher3.connect(str(plain_path), isolation_level=None)
        migrate(plain_connection)
        plain_connection.close()
        workers: dict[str, DatabaseWorker] = {
            "encrypted": DatabaseWorker(encrypted_path, key),
            "plain": PlainWorker(plain_path),
        }
        lines.append(
            f"{'debriefs':>8}  {'measure':<44} {'enc p50':>8} {'enc p95':>8} "
            f"{'plain p50':>9} {'plain p95':>9} {'p95 ×':>6}"
        )
        written = 0
        for size in sizes:
            started = time.perf_counter()
            for chunk_start in range(written, size, 2000):
                rows = [
                    (number, *fake_debrief(rng))
                    for number in range(chunk_start, min(size, chunk_start + 2000))
                ]
                for worker in workers.values():
                    worker.call(lambda c, r=rows: insert_debriefs(c, r))
            written = size
            print(
                f"generated {size} debriefs in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
            for mib in cache_mib:
                for worker in workers.values():
                    worker.call(lambda c, m=mib: c.execute(f"PRAGMA cache_size = {-m * 1024:d}"))
                results = measure(workers, repeats, rng)
                suffix = f", {mib} MiB cache" if len(cache_mib) > 1 else ""
                for label in results["encrypted"]:
                    enc, plain = results["encrypted"][label], results["plain"][label]
                    enc95, plain95 = percentile(enc, 0.95), percentile(plain, 0.95)
                    lines.append(
                        f"{size:>8}  {label + suffix:<44} {statistics.median(enc):>8.2f} "
                        f"{enc95:>8.2f} {statistics.median(plain):>9.2f} {plain95:>9.2f} "
                        f"{enc95 / plain95:>6.2f}"
                    )
            enc_mb = database_mb(workers["encrypted"], encrypted_path)
            plain_mb = database_mb(workers["plain"], plain_path)
            lines.append(
                f"{size:>8}  {'size: database file (MB)':<44} {enc_mb:>8.1f} {'':>8} "
                f"{plain_mb:>9.1f} {'':>9} {enc_mb / plain_mb:>6.2f}"
            )
            print("\n".join(lines[-6:]), file=sys.stderr)
        for worker in workers.values():
            worker.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return lines


def write_docs(lines: Sequence[str], command: str) -> None:
    """Replace only our section of docs/performance.md (others edit other sections)."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Performance\n"
    section = (
        f"{SECTION}\n\n"
        f"`{command}` ({datetime.now(UTC).date().isoformat()}); times in milliseconds:\n\n"
        "```\n" + "\n".join(lines) + "\n```\n\n"
        "Same sqlcipher3 build (SQLite 3.53.4) for both columns; the plain database is\n"
        "opened with no key, same schema, pragmas (WAL, synchronous=FULL, secure_delete,\n"
        "EXCLUSIVE locking) and page cache (rows say which size), and every figure goes\n"
        "through the app's own `SearchStore.find` / `DebriefStore.page` /\n"
        "`DebriefStore.update` on a database worker thread. Runs alternate between the two\n"
        "databases. Search asks for the first 50 results by `ORDER BY rank`, with snippets.\n"
        "The machine is shared (2 cores, other\n"
        "work running), so p95 ratios move by a few tenths between runs; repeat the command\n"
        "before reading much into one figure.\n\n"
        "Reading it: SQLCipher decrypts (and checks the HMAC of) every page that misses the\n"
        "page cache. With SQLite's default 2 MiB cache, ranking a common word reads many\n"
        "pages and an autosave re-indexes with FTS5's `secure-delete` (every old word looked\n"
        "up in the index), so both pay for decryption; autosave shows the largest ratio.\n"
        "The vault therefore opens with a 16 MiB cache (`PRAGMA cache_size = -16384` in\n"
        "`PRAGMAS_AFTER_KEY`, `desktop/vault/database_worker.py`); the 2 MiB rows are kept\n"
        "as the reason.\n"
    )
    start = text.find(SECTION)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + ("" if end == -1 else text[end:])
    DOCS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--full", action="store_true", help="also 100,000 debriefs")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument(
        "--cache-mib",
        type=int,
        nargs="+",
        default=[2, 16],
        help="page cache sizes to compare (2 MiB is SQLite's default, what the vault uses)",
    )
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes + ([100_000] if args.full else [])))
    lines = run(sizes, args.repeats, args.cache_mib)
    print("\n".join(lines))
    if args.write_docs:
        shown = ["python3 scripts/dev.py bench bench/search.py", *sys.argv[1:]]
        write_docs(lines, " ".join(a for a in shown if a != "--write-docs"))


if __name__ == "__main__":
    main()
