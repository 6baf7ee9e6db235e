"""The vault as a user meets it: opening, refusing, damage, versions, other processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.vault import (
    FLOOR_KDF,
    DebriefNotFound,
    DiskFull,
    InvalidDebrief,
    NotAVault,
    Vault,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNewerThanApp,
    VaultOpenElsewhere,
    WrongPassphrase,
    create_vault,
    open_vault,
)
from desktop.vault.database_worker import DatabaseWorker
from desktop.vault.keyslots import KeyslotFile, make_passphrase_slot, new_data_key
from desktop.vault.migrations import SCHEMA_VERSION, migrate

from .conftest import PASSPHRASE

PAGE = 4096


def test_debriefs_round_trip_through_a_reopen(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    first = vault.debriefs.add("Night shift", "A long night on the ward.")
    second = vault.debriefs.add("Family meeting", "It went better than feared.")
    vault.debriefs.update(first.id, body="A long night; I asked for help.")
    vault.debriefs.delete(second.id)
    vault.close()
    with open_vault(vault.folder, PASSPHRASE) as reopened:
        assert [d.title for d in reopened.debriefs.list()] == ["Night shift"]
        assert reopened.debriefs.get(first.id).body == "A long night; I asked for help."
        with pytest.raises(DebriefNotFound):
            reopened.debriefs.get(second.id)


def test_content_stays_out_of_reprs(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    saved = vault.debriefs.add("Mrs Canary-Repr", "body Canary-Repr")
    assert "Canary-Repr" not in repr(saved)
    assert "Canary-Repr" not in repr(vault)


def test_an_oversized_debrief_is_refused_without_echoing_it(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    with pytest.raises(InvalidDebrief) as refused:
        vault.debriefs.add("Canary-Long " * 100, "body")
    assert "Canary-Long" not in str(refused.value)
    assert refused.value.__cause__ is None


def test_wrong_passphrase_leaves_both_files_byte_identical(
    new_vault: tuple[Vault, str], digests: Callable[[Path], dict[str, str]]
) -> None:
    vault, _ = new_vault
    vault.debriefs.add("t", "b")
    vault.close()
    before = digests(vault.folder)
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            open_vault(vault.folder, "not the passphrase at all")
    assert digests(vault.folder) == before
    assert {"vault.db", "keyslots.json"} <= before.keys()


def test_the_database_is_not_plain_sqlite(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    vault.debriefs.add("Canary-Plain title", "Canary-Plain body")
    vault.close()
    raw = (vault.folder / "vault.db").read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Canary-Plain" not in raw
    assert not (vault.folder / "vault.db-shm").exists()


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))


def test_a_flipped_byte_in_a_later_page_is_reported_as_damage(
    new_vault: tuple[Vault, str],
) -> None:
    vault, _ = new_vault
    for number in range(60):
        vault.debriefs.add(f"title {number}", "words " * 200)
    vault.close()
    database = vault.folder / "vault.db"
    size = database.stat().st_size
    assert size > 4 * PAGE
    _flip_byte(database, size - PAGE // 2)
    # The key is fine and page 1 is intact, so unlocking works; the full check finds it.
    with open_vault(vault.folder, PASSPHRASE) as damaged, pytest.raises(VaultDamaged):
        damaged.integrity_check()


def test_a_flipped_byte_in_the_first_page_is_damage_not_a_wrong_passphrase(
    new_vault: tuple[Vault, str],
) -> None:
    vault, _ = new_vault
    vault.close()
    _flip_byte(vault.folder / "vault.db", 100)
    with pytest.raises(VaultDamaged):
        open_vault(vault.folder, PASSPHRASE)


def test_keyslots_of_another_vault_are_damage(new_vault: tuple[Vault, str], tmp_path: Path) -> None:
    vault, _ = new_vault
    vault.close()
    other, _ = create_vault(tmp_path / "other", "Other", PASSPHRASE, kdf=FLOOR_KDF)
    other.close()
    (vault.folder / "keyslots.json").write_bytes(
        (tmp_path / "other" / "keyslots.json").read_bytes()
    )
    # The passphrase unwraps a key, but not this database's key: the files don't belong.
    with pytest.raises(VaultDamaged):
        open_vault(vault.folder, PASSPHRASE)


def test_a_vault_id_mismatch_inside_the_database_is_damage(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    vault.run(lambda c: c.execute("UPDATE meta SET value = ? WHERE key = 'vault_id'", ("f" * 32,)))
    vault.close()
    with pytest.raises(VaultDamaged):
        open_vault(vault.folder, PASSPHRASE)


def test_a_future_schema_version_is_refused_and_left_alone(
    new_vault: tuple[Vault, str], digests: Callable[[Path], dict[str, str]]
) -> None:
    vault, _ = new_vault
    vault.run(lambda c: c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}"))
    vault.close()
    before = digests(vault.folder)
    with pytest.raises(VaultNewerThanApp) as refused:
        open_vault(vault.folder, PASSPHRASE)
    assert "newer version of Alongside" in str(refused.value)
    assert digests(vault.folder) == before


def _vault_at_schema_version(folder: Path, version: int) -> str:
    """Build a vault whose database stops at an older schema `version`, with one debrief."""
    folder.mkdir()
    data_key = new_data_key()
    vault_id = "ab" * 16
    worker = DatabaseWorker(folder / "vault.db", data_key)
    worker.call(lambda c: migrate(c, target=version))
    worker.call(
        lambda c: c.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("vault_id", vault_id), ("name", f"Version {version}")],
        )
    )
    worker.call(
        lambda c: c.execute(
            "INSERT INTO debriefs (id, title, body, created, updated) VALUES (?, ?, ?, ?, ?)",
            (
                "c" * 32,
                "Old debrief",
                "Written long ago.",
                "2026-01-01T09:00:00+00:00",
                "2026-01-01T09:00:00+00:00",
            ),
        )
    )
    worker.close()
    slot = make_passphrase_slot(vault_id, 1, data_key, PASSPHRASE, FLOOR_KDF)
    (folder / "keyslots.json").write_bytes(KeyslotFile(vault_id=vault_id, slots=(slot,)).to_bytes())
    return "c" * 32


@pytest.mark.parametrize("old_version", range(1, SCHEMA_VERSION))
def test_migrates_from_every_earlier_version(tmp_path: Path, old_version: int) -> None:
    debrief_id = _vault_at_schema_version(tmp_path / "old", old_version)
    with open_vault(tmp_path / "old", PASSPHRASE) as upgraded:
        assert upgraded.run(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == (
            SCHEMA_VERSION
        )
        assert upgraded.debriefs.get(debrief_id).body == "Written long ago."
        assert upgraded.name == f"Version {old_version}"
        upgraded.integrity_check()


def test_closed_vault_refuses_work(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    vault.close()
    with pytest.raises(VaultLocked):
        vault.debriefs.list()


def test_auto_lock_minutes_is_a_per_vault_preference(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    assert vault.auto_lock_minutes == 5
    vault.auto_lock_minutes = 15
    vault.close()
    with open_vault(vault.folder, PASSPHRASE) as reopened:
        assert reopened.auto_lock_minutes == 15


def test_creating_over_an_existing_vault_is_refused(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    vault.close()
    with pytest.raises(VaultExists):
        create_vault(vault.folder, "Again", PASSPHRASE, kdf=FLOOR_KDF)


def test_an_empty_folder_is_not_a_vault(tmp_path: Path) -> None:
    with pytest.raises(NotAVault):
        open_vault(tmp_path, PASSPHRASE)


def test_the_same_vault_cannot_be_opened_twice_in_one_process(
    new_vault: tuple[Vault, str],
) -> None:
    vault, _ = new_vault
    with pytest.raises(VaultOpenElsewhere):
        open_vault(vault.folder, PASSPHRASE)


def _run_python(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_second_process_gets_open_elsewhere(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    result = _run_python(
        """
        import sys
        from pathlib import Path
        from desktop.vault import VaultError, open_vault
        try:
            open_vault(Path(sys.argv[1]), sys.argv[2])
        except VaultError as exc:
            print(type(exc).__name__, exc)
        """,
        str(vault.folder),
        PASSPHRASE,
    )
    assert result.stdout.startswith("VaultOpenElsewhere This vault is already open"), result.stderr
    # Our own instance keeps working.
    assert vault.debriefs.add("still here", "yes").title == "still here"


def test_a_full_disk_is_reported_and_loses_nothing_saved(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    kept = vault.debriefs.add("Saved before", "This must survive.")
    vault.close()
    size = (vault.folder / "vault.db").stat().st_size
    # A file-size limit makes writes past it fail as they would on a full disk.
    result = _run_python(
        """
        import resource, signal, sys
        from pathlib import Path
        from desktop.vault import DiskFull, open_vault
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(sys.argv[3]) + 64 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        vault = open_vault(Path(sys.argv[1]), sys.argv[2])
        try:
            vault.debriefs.add("Too big", "x" * 900_000)
        except DiskFull as exc:
            print("DiskFull", exc)
        vault.close()
        """,
        str(vault.folder),
        PASSPHRASE,
        str(size),
    )
    assert result.stdout.startswith("DiskFull The disk is full"), result.stdout + result.stderr
    with open_vault(vault.folder, PASSPHRASE) as reopened:
        assert reopened.debriefs.get(kept.id).body == "This must survive."
        assert [d.title for d in reopened.debriefs.list()] == ["Saved before"]
        reopened.integrity_check()


def test_disk_full_is_a_vault_error_with_a_calm_sentence() -> None:
    assert "Nothing already saved was lost" in str(DiskFull())


def test_a_vault_closed_on_another_thread_can_be_opened_again(
    new_vault: tuple[Vault, str],
) -> None:
    # The UI unlocks on one worker thread and may lock (close) on another.
    vault, _ = new_vault
    vault.close()
    opened: list[Vault] = []
    opener = threading.Thread(target=lambda: opened.append(open_vault(vault.folder, PASSPHRASE)))
    opener.start()
    opener.join()
    closer = threading.Thread(target=opened[0].close)
    closer.start()
    closer.join()
    with open_vault(vault.folder, PASSPHRASE) as reopened:
        assert reopened.is_open
