"""Where Alongside keeps its settings and default vaults: the data folder or portable data/.

The default is ``AppLocalDataLocation`` (never the roaming profile, which clinic logons copy
between PCs). A file ``alongside.portable`` beside the executable — or at the root of a
source checkout — switches to portable mode: everything goes into ``data/`` beside it and
nothing into the user's home, config, cache or temp folders. An unwritable folder is
reported, never silently replaced by another (DESIGN.md §2).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from desktop.startup_settings import SETTINGS_FILE_NAME

PORTABLE_MARKER = "alongside.portable"
APP_NAME = "Alongside"
VAULT_FOLDER_NAME = "Alongside vault"


def app_root() -> Path:
    """The folder holding the executable (frozen build) or the source checkout's root."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    import desktop

    # The checkout root is the folder that holds the `desktop` package.
    return Path(desktop.__file__).resolve().parent.parent


class Locations(NamedTuple):
    """The folders this run of the app uses (a named tuple: no dataclass at start-up)."""

    data_dir: Path
    portable: bool
    root: Path

    @property
    def settings_file(self) -> Path:
        return self.data_dir / SETTINGS_FILE_NAME

    @property
    def default_vaults_dir(self) -> Path:
        return self.data_dir / "vaults"

    @property
    def beside_app_dir(self) -> Path:
        """Where "beside the app" vaults go: the portable data folder next to the app."""
        return self.root / "data" / "vaults"


def standard_data_dir() -> Path:
    """Qt's per-machine application data folder (not roaming)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    # The folder name comes from these, whatever argv[0] was (python, -c, a frozen exe).
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("")
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(location)


def resolve_locations(root: Path | None = None) -> Locations:
    """Pick portable data/ when the marker exists, else the standard data folder."""
    root = root or app_root()
    if (root / PORTABLE_MARKER).exists():
        return Locations(data_dir=root / "data", portable=True, root=root)
    return Locations(data_dir=standard_data_dir(), portable=False, root=root)


def writable_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot hold Alongside's files, as a sentence; None if it can.

    Creates the folder if needed and probes it with a small file that is removed again.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return f"Alongside can't create the folder {folder}. Check that it is writable."
    probe = folder / ".alongside-write-test"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"ok")
        probe.unlink()
    except OSError:
        return f"Alongside can't write to the folder {folder}. Check that it is writable."
    return None


def unique_vault_folder(parent: Path) -> Path:
    """A new, neutral folder name under ``parent`` ("Alongside vault", "Alongside vault 2")."""
    candidate = parent / VAULT_FOLDER_NAME
    number = 2
    while candidate.exists():
        candidate = parent / f"{VAULT_FOLDER_NAME} {number}"
        number += 1
    return candidate


def redirect_scratch_folders(data_dir: Path) -> None:
    """In portable mode, point cache and temp folders into data/ before Qt starts.

    Libraries under Qt (fontconfig's cache, Qt's own temp files) would otherwise write into
    the user's home or /tmp; portable mode promises nothing lands there.
    """
    scratch = {
        "XDG_CACHE_HOME": data_dir / "cache",
        "TMPDIR": data_dir / "tmp",
        "TEMP": data_dir / "tmp",
        "TMP": data_dir / "tmp",
    }
    for name, folder in scratch.items():
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)
