"""Drive the crash zygote from a test: start a child, wait for confirmations, SIGKILL it."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class CrashHarness:
    """One zygote process for a test; `run_and_kill` is one crash round."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_zygote"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def run_and_kill(
        self,
        target: str,
        folder: Path,
        argument: str,
        *,
        confirmations_before_kill: int,
        rng: random.Random,
        max_extra_delay: float,
    ) -> list[str]:
        """Start `target`, SIGKILL it after that many confirmations plus a random delay.

        Returns every payload the child confirmed before it died.
        """
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._process.stdin.write(f"{target} {folder} {argument}\n")
        self._process.stdin.flush()
        confirmed: list[str] = []
        pid: int | None = None
        killed = False
        while True:
            line = self._process.stdout.readline()
            if not line:
                raise RuntimeError("crash zygote exited")
            kind, _, payload = line.rstrip("\n").partition(" ")
            if kind == "pid":
                pid = int(payload)
            elif kind == "ok":
                confirmed.append(payload)
            elif kind == "reaped":
                status = int(payload)
                # A child that failed on its own (not by our kill) is a test failure,
                # never a vacuous pass.
                if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                    raise AssertionError(f"crash child ended by itself (status {status})")
                return confirmed
            if not killed and pid is not None and len(confirmed) >= confirmations_before_kill:
                # Spread the kill over the whole cycle: mid-write, mid-fsync, mid-KDF.
                time.sleep(rng.uniform(0, max_extra_delay))
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                killed = True

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)
        if self._process.stdout is not None:
            self._process.stdout.close()
