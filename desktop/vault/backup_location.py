"""Is a folder synced to a cloud service? The backup dialog warns if so (issue 16).

A backup is encrypted, but a copy on someone else's servers is one more place a guessed
passphrase can be tried against, for as long as the provider keeps old versions. Clinic
policies often forbid it outright. This only recognises the usual folder names of the
common clients and the folders their environment variables name; a miss means "no
warning", never a refusal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePath

# Folder names the desktop clients create (compared case-insensitively).
_SYNCED_NAMES = frozenset(
    name.casefold()
    for name in (
        "OneDrive",
        "Dropbox",
        "iCloud Drive",
        "iCloudDrive",
        "Mobile Documents",  # ~/Library/Mobile Documents: iCloud Drive on macOS
        "CloudStorage",  # ~/Library/CloudStorage: File Provider clients on macOS
        "Google Drive",
        "GoogleDrive",
        "My Drive",
        "Box",
        "Box Sync",
        "Nextcloud",
        "ownCloud",
        "pCloud Drive",
        "MEGA",
        "Sync",  # Sync.com
    )
)
# Set by the OneDrive client on Windows to the synced folders' roots.
_SYNC_ENVIRONMENT = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")


def _part_is_synced(part: str) -> bool:
    folded = part.casefold()
    # "OneDrive - Clinic Name" is how OneDrive for Business names its folder.
    return folded in _SYNCED_NAMES or folded.startswith(("onedrive - ", "dropbox ("))


def looks_synced(folder: Path, environment: Mapping[str, str] | None = None) -> bool:
    """Whether `folder` is probably inside a OneDrive, Dropbox, iCloud Drive or similar."""
    environment = os.environ if environment is None else environment
    path = PurePath(os.path.abspath(folder))
    for variable in _SYNC_ENVIRONMENT:
        root = environment.get(variable)
        if root and (path == PurePath(root) or PurePath(root) in path.parents):
            return True
    return any(_part_is_synced(part) for part in path.parts)
