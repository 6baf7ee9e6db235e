"""Owner-only permissions for the vault folder and every file in it (Linux and macOS).

The files are encrypted, but a world-readable copy still gives anyone on a shared PC
something to guess passphrases against offline. So the folder is 0700 and each file
0600. `vault.db` is created 0600 *before* SQLite opens it: SQLite's unix VFS gives the
WAL and rollback-journal files it creates later the same mode as the database file, so
they follow. Windows has no modes here: files inherit the ACL of the user's profile
folder. A file system that cannot hold modes (FAT/exFAT on a USB stick, some network
shares) ignores or refuses `chmod`; that is not an error (docs/vault.md says what it
means), and `folder_keeps_private_modes` lets `--check` say so.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_SUPPORTED = os.name == "posix"


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and parents) if needed and make it owner-only where modes exist."""
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if _SUPPORTED:
        # mkdir's mode is masked by the umask and ignored for an existing folder.
        with contextlib.suppress(OSError):
            folder.chmod(PRIVATE_FOLDER_MODE)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists (SQLite then keeps the mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
    os.close(fd)


def make_vault_files_private(folder: Path) -> None:
    """Best effort: folder 0700 and every regular file directly in it 0600.

    Run at every unlock, so a vault made by an older version, or copied in with a wide
    umask, is tightened. Symbolic links are left alone (chmod would follow them).
    """
    if not _SUPPORTED:
        return
    with contextlib.suppress(OSError):
        folder.chmod(PRIVATE_FOLDER_MODE)
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.chmod(entry.path, PRIVATE_FILE_MODE)


def mode_is_private(st_mode: int) -> bool:
    """Whether a file mode grants nothing to the group or to others."""
    return stat.S_IMODE(st_mode) & 0o077 == 0


def folder_keeps_private_modes(folder: Path) -> bool:
    """Whether files made in `folder` can be kept private to their owner (for `--check`).

    Probes by creating a 0600 file and reading its mode back: FAT/exFAT report a fixed
    mode such as 0755 (or refuse the chmod), so this is False on a typical USB stick.
    Always True on Windows (ACLs inherited from the profile, not modes). A folder that
    does not exist yet is judged by its nearest existing parent; one that cannot be
    written cannot be probed and counts as True (the writability check reports that).
    """
    if not _SUPPORTED:
        return True
    existing = Path(folder)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    probe = existing / f".alongside-mode-probe-{secrets.token_hex(6)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except OSError:
        return True
    try:
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
        except OSError:
            return False
        return mode_is_private(os.fstat(fd).st_mode)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            probe.unlink()
