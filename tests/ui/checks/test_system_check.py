"""--check's location warnings: network and read-only folders are flagged."""

from __future__ import annotations

from desktop.ui.checks import system_check


def test_network_and_read_only_folders_are_flagged(monkeypatch, tmp_path):
    monkeypatch.setattr(system_check.sys, "platform", "linux")
    monkeypatch.setattr(system_check, "_mount_of", lambda path: ("cifs", {"ro", "relatime"}))
    warnings = system_check.location_warnings(tmp_path)
    assert any("network folder (cifs)" in w for w in warnings)
    assert "read-only file system" in warnings


def test_local_folder_has_no_warnings(monkeypatch, tmp_path):
    monkeypatch.setattr(system_check.sys, "platform", "linux")
    monkeypatch.setattr(system_check, "_mount_of", lambda path: ("ext4", {"rw"}))
    assert system_check.location_warnings(tmp_path) == []


def test_mount_lookup_picks_the_longest_mount_point(monkeypatch, tmp_path):
    mounts = "/dev/sda1 / ext4 rw 0 0\nserver:/x /srv/share nfs4 rw 0 0\n"
    monkeypatch.setattr(system_check.Path, "read_text", lambda self: mounts)
    assert system_check._mount_of(system_check.Path("/srv/share/vaults")) == ("nfs4", {"rw"})
    assert system_check._mount_of(system_check.Path("/home/x")) == ("ext4", {"rw"})


def test_a_folder_that_cannot_keep_files_private_is_flagged(monkeypatch, tmp_path):
    monkeypatch.setattr(system_check.sys, "platform", "linux")
    monkeypatch.setattr(system_check, "_mount_of", lambda path: ("vfat", {"rw"}))
    # A FAT stick reports every file as 0755 whatever was asked (no FAT driver here).
    monkeypatch.setattr(system_check, "folder_keeps_private_modes", lambda folder: False)
    warnings = system_check.location_warnings(tmp_path)
    assert warnings == [system_check.PRIVATE_MODES_WARNING]
    assert "FAT USB stick" in warnings[0]
