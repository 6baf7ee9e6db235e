"""``alongside --check``: what clinic IT needs to know about this machine, in plain lines.

Reports Python, Qt and the platform plugin, SQLCipher's version and cipher settings, the
keyring backend, and the data folder (writable? network or read-only?). Returns a
non-zero exit code when the app cannot run here. Never needs a display.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "fuse.rclone",
        "davfs",
        "fuse.davfs2",
    }
)


def _mount_of(path: Path) -> tuple[str, set[str]] | None:
    """(filesystem type, mount options) of the Linux mount holding ``path``."""
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best: tuple[int, str, set[str]] | None = None
    target = str(path.resolve())
    for line in lines:
        fields = line.split()
        if len(fields) < 4:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), fields[2], set(fields[3].split(",")))
    return None if best is None else (best[1], best[2])


PRIVATE_MODES_WARNING = (
    "files here cannot be kept private to your account (a FAT USB stick, say): the vault "
    "stays encrypted, but anyone using this computer can copy its files; keep the stick "
    "with you"
)


def folder_keeps_private_modes(folder: Path) -> bool:
    from desktop.vault.file_modes import folder_keeps_private_modes as probe

    return probe(folder)


def location_warnings(folder: Path) -> list[str]:
    """Warnings about a network or read-only location (SQLite locking is unsafe there), or
    one whose files cannot be private to their owner (docs/vault.md, "Private files")."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    warnings: list[str] = []
    if sys.platform.startswith("linux"):
        mount = _mount_of(existing)
        if mount is not None:
            fstype, options = mount
            if fstype in NETWORK_FILESYSTEMS or fstype.startswith("fuse.sshfs"):
                warnings.append(f"network folder ({fstype}): keep vaults on a local disk")
            if "ro" in options:
                warnings.append("read-only file system")
    elif os.name == "nt":
        import ctypes

        drive = str(existing.resolve().anchor)
        drive_remote = 4
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote:  # type: ignore[attr-defined]
            warnings.append("network drive: keep vaults on a local disk")
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        warnings.append("not writable by this user")
    elif not folder_keeps_private_modes(existing):
        warnings.append(PRIVATE_MODES_WARNING)
    return warnings


def _qt_lines(problems: list[str]) -> list[str]:
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QLibraryInfo, qVersion
    except ImportError as exc:
        problems.append(f"Qt (PySide6) cannot be imported ({type(exc).__name__})")
        return ["Qt: missing"]
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    available = (
        sorted(
            p.name.removeprefix("libq").split(".")[0].removeprefix("q")
            for p in plugins.glob("*")
            if p.is_file()
        )
        if plugins.is_dir()
        else []
    )
    from desktop.platform_libraries import missing_platform_library

    missing = missing_platform_library()
    if missing:
        problems.append(missing)
    requested = os.environ.get("QT_QPA_PLATFORM", "")
    if requested:
        chosen = f"{requested} (from QT_QPA_PLATFORM)"
    elif sys.platform.startswith("linux"):
        if os.environ.get("WAYLAND_DISPLAY"):
            chosen = "wayland (WAYLAND_DISPLAY is set)"
        elif os.environ.get("DISPLAY"):
            chosen = "xcb (DISPLAY is set)"
        else:
            chosen = "none: no DISPLAY or WAYLAND_DISPLAY"
            problems.append(
                "no display: run from a desktop session, or set QT_QPA_PLATFORM=offscreen"
            )
    else:
        chosen = "windows" if os.name == "nt" else "cocoa"
    name = requested.split(":")[0] if requested else ""
    if name and available and name not in available:
        problems.append(f"the Qt platform plugin '{name}' is not installed")
    return [
        f"Qt: {qVersion()} (PySide6 {pyside_version})",
        f"Qt platform plugin: {chosen}",
        f"Qt platform plugins available: {', '.join(available) or 'none found'}",
    ]


def _sqlcipher_lines(problems: list[str]) -> list[str]:
    try:
        import sqlcipher3
    except ImportError as exc:
        problems.append(f"SQLCipher (sqlcipher3) cannot be imported ({type(exc).__name__})")
        return ["SQLCipher: missing"]
    connection = sqlcipher3.connect(":memory:")
    try:
        version = connection.execute("PRAGMA cipher_version").fetchone()
        # A throwaway random raw key, so cipher_settings reports the effective settings.
        connection.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
        provider = connection.execute("PRAGMA cipher_provider").fetchone()
        provider_version = connection.execute("PRAGMA cipher_provider_version").fetchone()
        settings = [row[0] for row in connection.execute("PRAGMA cipher_settings").fetchall()]
    finally:
        connection.close()
    provider_text = " ".join(str(row[0]) for row in (provider, provider_version) if row is not None)
    lines = [
        f"SQLCipher: {version[0] if version else 'unknown'} ({provider_text or 'unknown'})",
        f"SQLite: {sqlcipher3.sqlite_version}",
    ]
    if not version:
        problems.append("the sqlcipher3 module is not built with SQLCipher")
    lines.append(
        "SQLCipher default settings (vaults use a raw key, so the KDF lines do not apply):"
    )
    lines += [f"  {setting}" for setting in settings]
    return lines


def _keyring_line() -> str:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return "Keyring backend: none (keyring not installed)"
    try:
        backend = keyring.get_keyring()
    except Exception as exc:
        return f"Keyring backend: none ({type(exc).__name__})"
    if isinstance(backend, fail.Keyring):
        return "Keyring backend: none ('remember on this computer' is unavailable)"
    kind = type(backend)
    return f"Keyring backend: {kind.__module__}.{kind.__qualname__}"


def _data_lines(problems: list[str]) -> list[str]:
    from desktop.startup_settings import load_settings
    from desktop.ui.common.locations import resolve_locations

    locations = resolve_locations()
    folder = locations.data_dir
    warnings = location_warnings(folder)
    writable = "yes" if "not writable by this user" not in warnings else "NO"
    if writable == "NO" or "read-only file system" in warnings:
        problems.append(f"the data folder {folder} is not writable")
    lines = [
        f"Mode: {'portable (alongside.portable found)' if locations.portable else 'installed'}",
        f"Data folder: {folder} ({'exists' if folder.exists() else 'not created yet'})",
        f"Data folder writable: {writable}",
    ]
    lines += [f"Warning: data folder: {w}" for w in warnings if w != "not writable by this user"]
    for known in load_settings(locations.settings_file).known_vaults:
        vault_folder = Path(known.path)
        state = "found" if vault_folder.exists() else "not found (unplugged?)"
        lines.append(f"Vault folder: {vault_folder} ({state})")
        lines += [f"Warning: vault folder: {w}" for w in location_warnings(vault_folder)]
    return lines


def run_check() -> int:
    """Print the diagnostics; 0 if Alongside can run here, 1 if not."""
    from desktop.ui.common.diagnostics import app_version

    problems: list[str] = []
    lines = [
        f"Alongside {app_version()}",
        f"Python: {platform.python_version()} ({sys.executable})",
        f"Platform: {platform.platform()}",
    ]
    lines += _qt_lines(problems)
    lines += _sqlcipher_lines(problems)
    lines.append(_keyring_line())
    lines += _data_lines(problems)
    if problems:
        lines.append("")
        lines += [f"PROBLEM: {problem}" for problem in problems]
        lines.append("Result: Alongside cannot run here until the problems above are fixed.")
    else:
        lines.append("Result: OK")
    print("\n".join(lines))
    return 1 if problems else 0
