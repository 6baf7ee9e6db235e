"""A real, small, full-able disk for ENOSPC tests: a tmpfs the test mounts and unmounts.

`RLIMIT_FSIZE` gives EFBIG and a signal, not the ENOSPC a full USB stick gives; a tmpfs
of a few MiB gives the real error. Mounting needs root (CAP_SYS_ADMIN) on Linux; as another user it
is tried through `sudo -n` (CI runners have passwordless sudo), owned by that user.
Where it is impossible the test says so plainly, and fails rather than skips when `CI`
is set, so a CI machine cannot silently stop testing a full disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _cannot(reason: str) -> None:
    message = f"cannot mount a small tmpfs to test a full disk here: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


@contextmanager
def small_tmpfs(mount_point: Path, size_kib: int) -> Iterator[Path]:
    """Mount a tmpfs of `size_kib` KiB at `mount_point` for the duration of the block."""
    if not sys.platform.startswith("linux"):
        _cannot("tmpfs is Linux only")
    mount_point.mkdir(parents=True, exist_ok=True)
    as_root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    options = f"size={size_kib}k,mode=0700,uid={os.getuid()},gid={os.getgid()}"
    try:
        result = subprocess.run(
            [*as_root, "mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount_point)],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as missing:  # no sudo (or mount) to run
        _cannot(f"cannot run {missing.filename or as_root or 'mount'}: {missing.strerror}")
    if result.returncode != 0:
        first_line = (result.stderr.strip().splitlines() or [""])[0]
        _cannot(first_line or f"mount exited with {result.returncode}")
    try:
        yield mount_point
    finally:
        # Lazy, so an assertion that left a file open still unmounts.
        subprocess.run([*as_root, "umount", "-l", str(mount_point)], check=False)


def fill_up(folder: Path, leave_kib: int) -> Path:
    """A ballast file that leaves about `leave_kib` KiB free; delete it to free space."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    ballast = folder / "ballast"
    ballast.write_bytes(b"\0" * max(free - leave_kib * 1024, 0))
    return ballast
