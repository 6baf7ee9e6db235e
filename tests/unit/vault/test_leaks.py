"""Leak test: note content reaches no file outside the encrypted database, no log, no error.

A child process with HOME, XDG_* and TMPDIR pointed at empty sandboxes writes canary
strings as titles and bodies, provokes an SQL error and a validation error with canary
input, logs them the way the app logs bugs (with tracebacks), backs the vault up and
restores the backup beside it, and exits. Then every file in every sandbox is scanned
for the canaries in UTF-8 and UTF-16.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.sandbox import contains_canary, make_sandbox, scan_for_canaries

CANARIES = ("Kestrel-Vanadium-7731", "Mrs Quillfeather-Orchid")

CHILD = textwrap.dedent(
    """
    import logging, sys
    from pathlib import Path
    from pydantic import ValidationError
    from desktop.models import Debrief
    from desktop.vault import (
        FLOOR_KDF, InvalidDebrief, StorageBug, create_vault, open_vault, restore_backup
    )

    data, log_file, first, second = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    logging.basicConfig(filename=log_file, level=logging.DEBUG)
    log = logging.getLogger("alongside")
    vault, code = create_vault(data / "vault", "Leaks", "a calm test passphrase", kdf=FLOOR_KDF)
    saved = vault.debriefs.add(first, f"{second} was very distressed tonight.")
    vault.debriefs.update(saved.id, body=f"Update about {second} and {first}.")
    vault.debriefs.add(second, first)
    log.info("debriefs listed: %d", len(vault.debriefs.list()))
    query = f"SELECT * FROM debriefs WHERE title = {first}"
    try:
        vault.run(lambda c: c.execute(query))
    except StorageBug:
        log.exception("storage bug")
    try:
        vault.debriefs.add(first * 100, second)
    except InvalidDebrief:
        log.exception("invalid debrief")
    try:
        Debrief.model_validate({"id": first, "title": second, "body": 3, "created": first,
                                "updated": second})
    except ValidationError as exc:
        log.error("validation error: %s", exc)
        print(exc, file=sys.stderr)
    from desktop.models.peer import InvalidPeer, Peer, peer_details
    peer = vault.peers.add(peer_details(name=first, notes=f"{second} notes", role=second))
    vault.peers.log_catch_up(peer.id, note=f"caught up about {second}")
    vault.peer_links.set_for_debrief(saved.id, [peer.id])
    log.info("peers found: %d %r", len(vault.peers.list(first)), vault.peers.get(peer.id))
    try:
        peer_details(name=first, email=second)
    except InvalidPeer:
        log.exception("invalid peer")
    try:
        Peer.model_validate({"id": first, "name": second, "created": first, "updated": 1})
    except ValidationError as exc:
        log.error("peer validation error: %s", exc)
        print(exc, file=sys.stderr)
    vault.integrity_check()
    vault.back_up(data / "alongside-backup.albk")
    vault.close()
    with open_vault(data / "vault", "a calm test passphrase") as reopened:
        log.info("reopened with %d debriefs", len(reopened.debriefs.list()))
    restore_backup(data / "alongside-backup.albk", data / "restored",
                   passphrase="a calm test passphrase")
    print("done")
    """
)


def test_no_canary_outside_the_encrypted_database(tmp_path: Path) -> None:
    sandbox = make_sandbox(tmp_path)
    sandboxes = {**sandbox.folders, "logs": tmp_path / "logs"}
    sandboxes["logs"].mkdir()
    env = sandbox.env
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(sandboxes["data"]),
            str(sandboxes["logs"] / "alongside.log"),
            *CANARIES,
        ],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip() == b"done", result.stderr.decode(errors="replace")
    log_text = (sandboxes["logs"] / "alongside.log").read_text()
    assert "StorageBug" in log_text  # the errors were logged, with tracebacks
    assert "InvalidDebrief" in log_text
    assert "InvalidPeer" in log_text

    hits, scanned = scan_for_canaries(sandboxes.values(), CANARIES)
    assert not contains_canary(result.stderr, CANARIES)
    assert hits == []
    assert scanned >= 6  # vault.db, keyslots.json, the log, the backup, the restored vault
    assert (sandboxes["data"] / "alongside-backup.albk").is_file()
    assert (sandboxes["data"] / "restored" / "vault.db").is_file()
    database = sandboxes["data"] / "vault" / "vault.db"
    assert not database.read_bytes().startswith(b"SQLite format 3")
