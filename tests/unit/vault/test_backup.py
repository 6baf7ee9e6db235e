"""Back up: one encrypted file, no device slot, private, and saves go on meanwhile."""

from __future__ import annotations

import os
import stat
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.vault import (
    FLOOR_KDF,
    BackupInsideVault,
    Changed,
    ChangeNotice,
    Vault,
    VaultLocked,
    create_vault,
    open_vault,
)
from desktop.vault.backup import backup_file_name
from desktop.vault.keyslots import DeviceSlot, KeyslotFile, parse_keyslot_file
from desktop.vault.restore import restore_backup

from .backup_helpers import data_key_of, database_part, fill, layout_of
from .conftest import PASSPHRASE
from .debriefing_helpers import START, FakeClock
from .plaintext_scan import decrypted_pages

CANARY = "Kestrel-Vanadium-7731"


def test_backup_and_restore_round_trip(tmp_path: Path, clock: FakeClock) -> None:
    vault, code = create_vault(tmp_path / "v", "Mine", PASSPHRASE, kdf=FLOOR_KDF, clock=clock)
    saved = [vault.debriefs.add(f"Shift {n}", f"Notes {n}") for n in range(5)]
    assert vault.last_backup_at is None
    backup = tmp_path / backup_file_name(START.date())
    fractions: list[float] = []
    vault.back_up(backup, progress=fractions.append)
    assert vault.last_backup_at == START
    vault.close()
    assert fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    expected = {(d.title, d.body) for d in saved}
    secrets: list[dict[str, str]] = [{"passphrase": PASSPHRASE}, {"recovery_code": code}]
    for number, secret in enumerate(secrets):
        restored = restore_backup(backup, tmp_path / f"restored-{number}", **secret)
        assert restored.replaced_folder is None
        with open_vault(restored.folder, PASSPHRASE) as reopened:
            assert {(d.title, d.body) for d in reopened.debriefs.list()} == expected
            assert reopened.name == "Mine"
            assert reopened.last_backup_at == START  # the restored vault knows its backup
            reopened.integrity_check()


def test_a_backup_inside_the_vault_folder_is_refused(new_vault: tuple[Vault, str]) -> None:
    vault, _ = new_vault
    before = sorted(p.name for p in vault.folder.iterdir())
    for destination in (vault.folder / "b.albk", vault.folder / "sub" / ".." / "b.albk"):
        with pytest.raises(BackupInsideVault) as refused:
            vault.back_up(destination)
        assert str(refused.value).startswith("A backup cannot be saved inside the vault")
    assert sorted(p.name for p in vault.folder.iterdir()) == before
    assert vault.last_backup_at is None


def test_a_backup_inside_a_database_job_is_refused_not_deadlocked(
    new_vault: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, _ = new_vault
    with pytest.raises(RuntimeError, match="long-job thread"):
        vault.submit(lambda v: v.back_up(tmp_path / "b.albk")).result(timeout=10)
    assert vault.debriefs.add("Still saving", "yes").title == "Still saving"


def test_the_default_name_is_neutral() -> None:
    assert backup_file_name(date(2026, 12, 3)) == "alongside-backup-2026-12-03.albk"


def test_a_device_slot_never_goes_into_a_backup(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "v", "Mine", PASSPHRASE, kdf=FLOOR_KDF)
    vault.close()
    keyslots = parse_keyslot_file((tmp_path / "v" / "keyslots.json").read_bytes())
    device = DeviceSlot(
        generation=1, keyring_entry="alongside/test", nonce=b"\1" * 24, wrapped_key=b"\2" * 48
    )
    with_device = KeyslotFile(vault_id=keyslots.vault_id, slots=(*keyslots.slots, device))
    (tmp_path / "v" / "keyslots.json").write_bytes(with_device.to_bytes())
    with open_vault(tmp_path / "v", PASSPHRASE) as vault:
        vault.back_up(tmp_path / "b.albk")
    kinds = [s["kind"] for s in layout_of(tmp_path / "b.albk").manifest["keyslots"]["slots"]]
    assert sorted(kinds) == ["passphrase", "recovery"]
    assert b"alongside/test" not in (tmp_path / "b.albk").read_bytes()


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_backup_file_is_private(new_vault: tuple[Vault, str], tmp_path: Path) -> None:
    vault, _ = new_vault
    previous = os.umask(0o022)
    try:
        vault.back_up(tmp_path / "b.albk")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "b.albk").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.albk", "vault"]  # no temp left


def test_no_canary_in_the_backup_file_but_the_scan_can_see_it(
    new_vault: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, code = new_vault
    vault.debriefs.add(CANARY, f"{CANARY} said something hard tonight.", tags=[CANARY])
    vault.search.find(CANARY)
    vault.back_up(tmp_path / "b.albk")
    raw = (tmp_path / "b.albk").read_bytes().lower()
    assert CANARY.lower().encode() not in raw
    assert CANARY.encode("utf-16-le").lower() not in raw
    # The same bytes decrypted hold it: the scan above is looking at the right data.
    (tmp_path / "part.db").write_bytes(database_part(tmp_path / "b.albk"))
    key = data_key_of(tmp_path / "b.albk", code)
    assert CANARY.lower().encode() in decrypted_pages(tmp_path / "part.db", key).lower()


def test_a_save_during_a_backup_of_a_large_vault_waits_a_fraction_of_a_second(
    tmp_path: Path,
) -> None:
    vault, _ = create_vault(tmp_path / "v", "Large", PASSPHRASE, kdf=FLOOR_KDF)
    fill(vault, 12_000)
    size_mib = (tmp_path / "v" / "vault.db").stat().st_size / 2**20
    assert size_mib > 20
    started = threading.Event()
    outcome: list[BaseException | None] = []
    notices: list[ChangeNotice] = []
    vault.on_change(notices.append)

    def back_up() -> None:
        try:
            vault.back_up(tmp_path / "b.albk", progress=lambda _: started.set())
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)
            started.set()

    runner = threading.Thread(target=back_up)
    runner.start()
    started.wait()
    waits: list[float] = []
    saved_ids: list[str] = []
    while runner.is_alive():
        before = time.perf_counter()
        saved_ids.append(vault.debriefs.add("During the backup", "Saved while copying.").id)
        waits.append(time.perf_counter() - before)
    runner.join()
    assert outcome == [None]
    assert max(waits) < 0.5, f"slowest save {max(waits):.3f} s"
    # Saves run between the copy's steps still announce themselves to open views.
    assert sum(Changed.DEBRIEFS in n.kinds for n in notices) >= len(saved_ids)
    vault.close()
    # Saves made between the copy's steps went through the same connection, so the backup
    # holds them: proof that they ran during the copy rather than queued behind it.
    restored = restore_backup(tmp_path / "b.albk", tmp_path / "r", passphrase=PASSPHRASE)
    with open_vault(restored.folder, PASSPHRASE) as reopened:
        during = sum(d.title == "During the backup" for d in reopened.debriefs.list())
    assert during >= 3, (during, len(saved_ids), size_mib)


def test_locking_stops_a_running_backup_promptly_and_leaves_no_file(tmp_path: Path) -> None:
    vault, _ = create_vault(tmp_path / "v", "Large", PASSPHRASE, kdf=FLOOR_KDF)
    fill(vault, 4_000)
    closing: list[float] = []
    closer = threading.Thread(target=vault.close)

    def close_at_first_progress(_: float) -> None:
        if not closing:
            closing.append(time.perf_counter())
            closer.start()

    with pytest.raises(VaultLocked):
        vault.back_up(tmp_path / "b.albk", progress=close_at_first_progress)
    closer.join()
    assert time.perf_counter() - closing[0] < 0.5
    assert [p.name for p in tmp_path.iterdir()] == ["v"]
    with open_vault(tmp_path / "v", PASSPHRASE) as reopened:
        reopened.integrity_check()
