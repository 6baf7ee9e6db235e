"""`alongside --self-test` from source: passes, leaves nothing behind, fails in one line.

The frozen app's self-test runs in CI's packaging smoke test (PyInstaller is too slow for
the normal suite); these run the same code from source in a subprocess, with HOME, XDG_*
and TMPDIR pointed at empty sandboxes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sandbox import make_sandbox

ROOT = Path(__file__).resolve().parents[2]


def sandboxed_env(base: Path) -> dict[str, str]:
    return make_sandbox(base).env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif((ROOT / "alongside.portable").exists(), reason="checkout is in portable mode")
def test_self_test_passes_and_cleans_up(tmp_path: Path) -> None:
    env = sandboxed_env(tmp_path)
    code = "import sys; from desktop.app import main; sys.exit(main(['--self-test']))"
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for step in ("sqlcipher", "resources", "identifiers", "vault", "window"):
        assert any(line.startswith(f"self-test: {step} ok") for line in lines), result.stdout
    assert lines[-1].startswith("self-test: OK")
    # The temporary vault, its debrief and the printed PDF are gone again.
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "data" / "Alongside").exists()


def test_expected_failure_is_one_clear_line(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import desktop.ui.checks.self_test as s\n"
        "def broken():\n"
        "    raise s.SelfTestFailure('the crisis lines list is not empty')\n"
        "s.check_resources = broken\n"
        "sys.exit(s.run_self_test())\n"
    )
    result = run_python(code, sandboxed_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "self-test FAILED at resources: expected the crisis lines list is not empty"
    ]


def test_unexpected_error_names_its_type_but_not_its_message(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import desktop.ui.checks.self_test as s\n"
        "def broken(scratch):\n"
        "    raise RuntimeError('no such column: Jones')\n"
        "s.check_vault = broken\n"
        "sys.exit(s.run_self_test())\n"
    )
    result = run_python(code, sandboxed_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "self-test FAILED at vault: builtins.RuntimeError"
    ]
    assert "Jones" not in result.stdout + result.stderr
