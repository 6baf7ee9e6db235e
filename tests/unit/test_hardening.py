"""Core dumps are off once the app has started (a dump would hold the key and notes)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux prctl/rlimit")
def test_core_dumps_are_disabled():
    code = (
        "import ctypes, resource;"
        "from desktop.hardening import disable_core_dumps;"
        "applied = disable_core_dumps();"
        "libc = ctypes.CDLL(None);"
        "print(applied, resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['rlimit_core', 'pr_set_dumpable'] (0, 0) 0"
