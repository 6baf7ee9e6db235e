"""Crash-safe replacement of small files: temp file, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from desktop.vault.errors import DiskFull, FolderNotWritable

_NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def os_error_to_vault_error(exc: OSError) -> Exception:
    """Map an `OSError` from the environment to a user-facing vault error, else return it."""
    if exc.errno in _NO_SPACE:
        return DiskFull(errno.errorcode.get(exc.errno or 0, "ENOSPC"))
    if exc.errno in _NOT_WRITABLE:
        return FolderNotWritable(errno.errorcode.get(exc.errno or 0, "EACCES"))
    return exc


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise os_error_to_vault_error(exc) from None
