"""Process hardening applied before anything secret exists: no core dumps.

A core dump would hold the vault key and decrypted notes (DESIGN.md §3), so the app turns
them off as its first act.

Linux: ``RLIMIT_CORE = 0`` (no core file) and ``prctl(PR_SET_DUMPABLE, 0)`` (no core file
even if a handler such as systemd-coredump or apport pipes it, and no ptrace attach by
other processes of the same user).

macOS: ``RLIMIT_CORE = 0`` is applied here too (the same ``resource`` call); macOS has no
``PR_SET_DUMPABLE`` — ``ptrace(PT_DENY_ATTACH)`` is the nearest equivalent and is left to the
packaged build, because it also blocks debuggers during development.

Windows: Windows Error Reporting may write a minidump of a crashing process. The packaged
build should call ``SetErrorMode(SEM_NOGPFAULTERRORBOX)`` and ``WerAddExcludedApplication``
(or an installer policy ``LocalDumps\\DumpCount = 0`` for ``alongside.exe``); nothing is done
here at run time because those settings are machine-wide and belong to the installer.
"""

from __future__ import annotations

import sys

PR_SET_DUMPABLE = 4


def disable_core_dumps() -> list[str]:
    """Turn core dumps off for this process; return the names of the steps that took effect."""
    applied: list[str] = []
    try:
        import resource
    except ImportError:  # Windows: no resource module (see module docstring)
        return applied
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        applied.append("rlimit_core")
    except (ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                applied.append("pr_set_dumpable")
        except (OSError, AttributeError):
            pass
    return applied
