"""Where no PostgreSQL can start, the run says so plainly: skipped, or failed under CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_postgresql_tests(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A child pytest run of one PostgreSQL test with no server binaries to be found."""
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment.update(ALONGSIDE_PG_BINDIR=str(tmp_path / "no-postgresql-here"), **env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/relay/test_relay_store.py::test_reopening_keeps_the_data[postgresql]",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_without_postgresql_the_tests_are_skipped_with_the_reason(tmp_path: Path) -> None:
    result = _run_postgresql_tests(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "PostgreSQL could not be started for the tests: no PostgreSQL server" in result.stdout


def test_without_postgresql_under_ci_the_run_fails(tmp_path: Path) -> None:
    result = _run_postgresql_tests(tmp_path, CI="1")
    assert result.returncode != 0
    assert "PostgreSQL could not be started for the tests" in result.stdout
    assert "CI is set: this fails the run" in result.stdout
