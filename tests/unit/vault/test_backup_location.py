"""Synced folders are recognised so the backup dialog can warn (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.vault.backup_location import looks_synced


@pytest.mark.parametrize(
    "folder",
    [
        "/home/sam/Dropbox/backups",
        "/home/sam/OneDrive/Documents",
        "/Users/sam/Library/Mobile Documents/com~apple~CloudDocs/Backups",
        "/Users/sam/Library/CloudStorage/GoogleDrive-sam@example.org/My Drive",
        "/home/sam/OneDrive - St Elsewhere NHS Trust/Alongside",
        "/home/sam/nextcloud/alongside",
    ],
)
def test_usual_synced_folders_are_recognised(folder: str) -> None:
    assert looks_synced(Path(folder), environment={})


@pytest.mark.parametrize(
    "folder", ["/home/sam/Documents/Alongside backups", "/media/sam/USB STICK", "/tmp/dropboxish"]
)
def test_ordinary_folders_are_not(folder: str) -> None:
    assert not looks_synced(Path(folder), environment={})


def test_the_onedrive_environment_variable_names_a_synced_root(tmp_path: Path) -> None:
    root = tmp_path / "Work files"
    assert looks_synced(root / "backups", environment={"OneDrive": str(root)})
    assert not looks_synced(tmp_path / "elsewhere", environment={"OneDrive": str(root)})
