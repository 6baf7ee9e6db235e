"""Leak test: note content reaches no file outside the encrypted database, no log, no error.

A child process with HOME, XDG_* and TMPDIR pointed at empty sandboxes writes canary
strings as titles and bodies, provokes an SQL error and a validation error with canary
input, logs them the way the app logs bugs (with tracebacks), and exits. Then every file
in every sandbox is scanned for the canaries in UTF-8 and UTF-16.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

CANARIES = ("Kestrel-Vanadium-7731", "Mrs Quillfeather-Orchid")

CHILD = textwrap.dedent(
    """
    import logging, sys
    from pathlib import Path
    from pydantic import ValidationError
    from desktop.models import Debrief
    from desktop.vault import FLOOR_KDF, InvalidDebrief, StorageBug, create_vault, open_vault

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
    vault.integrity_check()
    vault.close()
    with open_vault(data / "vault", "a calm test passphrase") as reopened:
        log.info("reopened with %d debriefs", len(reopened.debriefs.list()))
    print("done")
    """
)


def _encodings(text: str) -> list[bytes]:
    return [text.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def test_no_canary_outside_the_encrypted_database(tmp_path: Path) -> None:
    sandboxes = {
        name: tmp_path / name
        for name in ("home", "config", "cache", "data", "state", "runtime", "tmp", "logs")
    }
    for folder in sandboxes.values():
        folder.mkdir(mode=0o700)
    env = {
        **os.environ,
        "HOME": str(sandboxes["home"]),
        "XDG_CONFIG_HOME": str(sandboxes["config"]),
        "XDG_CACHE_HOME": str(sandboxes["cache"]),
        "XDG_DATA_HOME": str(sandboxes["data"]),
        "XDG_STATE_HOME": str(sandboxes["state"]),
        "XDG_RUNTIME_DIR": str(sandboxes["runtime"]),
        "TMPDIR": str(sandboxes["tmp"]),
    }
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

    scanned = 0
    hits = []
    for folder in sandboxes.values():
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            scanned += 1
            content = path.read_bytes()
            for canary in CANARIES:
                if any(encoded in content for encoded in _encodings(canary)):
                    hits.append((path.relative_to(tmp_path), canary))
    for canary in CANARIES:
        assert not any(encoded in result.stderr for encoded in _encodings(canary))
    assert hits == []
    assert scanned >= 3  # vault.db, keyslots.json, the log at least
    database = sandboxes["data"] / "vault" / "vault.db"
    assert not database.read_bytes().startswith(b"SQLite format 3")
