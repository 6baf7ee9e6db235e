"""The ``alongside`` command: --version, --check, the no-display sentence, portable mode.

Each test runs the real entry point in a subprocess with HOME and XDG_* pointed at
sandboxes, so nothing touches the developer's own folders.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.sandbox import make_sandbox

ROOT = Path(__file__).resolve().parents[2]


def sandbox_env(base: Path, **extra: str) -> dict[str, str]:
    return make_sandbox(base, **extra).env


def run_app(args: list[str], env: dict[str, str], cwd: Path = ROOT, timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_version(tmp_path):
    result = run_app(["--version"], sandbox_env(tmp_path))
    assert result.returncode == 0
    assert result.stdout.startswith("Alongside ")


def test_unknown_flag_shows_usage(tmp_path):
    result = run_app(["--frobnicate"], sandbox_env(tmp_path))
    assert result.returncode == 2
    assert "usage: alongside" in result.stderr


def test_check_reports_what_it_is_asked_for(tmp_path):
    result = run_app(["--check"], sandbox_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stdout
    out = result.stdout
    for expected in (
        "Python: 3.",
        "Qt: 6.",
        "Qt platform plugin: offscreen",
        "SQLCipher: 4.",
        "cipher_page_size",
        "Keyring backend:",
        f"Data folder: {tmp_path / 'data' / 'Alongside'}",
        "Data folder writable: yes",
        "Result: OK",
    ):
        assert expected in out
    assert not (tmp_path / "data" / "Alongside").exists(), "--check must not create folders"


def test_check_fails_without_display_or_writable_folder(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    env = sandbox_env(tmp_path)
    env["XDG_DATA_HOME"] = str(blocker)
    result = run_app(["--check"], env)
    assert result.returncode == 1
    assert "PROBLEM: no display" in result.stdout
    assert "is not writable" in result.stdout


def test_no_display_prints_one_sentence(tmp_path):
    result = run_app([], sandbox_env(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "desktop" in lines[0]


def test_window_shows_offscreen(tmp_path):
    env = sandbox_env(tmp_path, QT_QPA_PLATFORM="offscreen", ALONGSIDE_BENCH_EXIT_ON_SHOWN="1")
    result = run_app([], env)
    assert result.returncode == 0, result.stderr
    assert "alongside: window shown" in result.stdout
    assert not list((tmp_path / "config").rglob("QtProject.conf"))


PORTABLE_DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEventLoop
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import desktop
    from desktop.app import prepare_locations, start_window
    from desktop.vault import FLOOR_KDF

    assert desktop.__file__.startswith(sys.argv[1]), desktop.__file__
    locations = prepare_locations()
    assert locations.portable
    app = QApplication([sys.argv[0]])
    window = start_window(app, locations, kdf=FLOOR_KDF)

    loop = QEventLoop()

    def settle():
        # QEventLoop.processEvents: the static QCoreApplication one leaks None refs.
        while window.context.runner.busy:
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    wizard = window._flow_inner
    wizard.name_edit.setText("Stick vault")
    wizard.place_next.click()
    wizard.passphrase_form.first.setText("quiet harbour lantern seven")
    wizard.passphrase_form.second.setText("quiet harbour lantern seven")
    wizard.create_button.click()
    settle()
    flow = wizard.code_flow
    code = "-".join(flow.code_label.text().split())
    flow.written_button.click()
    flow.entry.setText(code)
    flow.confirm_button.click()
    settle()
    view = window.vault_view
    view.new_debrief("free_note")
    QTest.keyClicks(view.title_edit, "PortableCanaryTitle")
    QTest.keyClicks(view.body_edit, "PortableCanaryBody")
    window.close()
    settle()
    window.context.runner.shutdown()
    print("portable-ok")
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="XDG sandboxing is Linux-specific")
def test_portable_mode_writes_only_beside_the_app(tmp_path):
    app_dir = tmp_path / "stick" / "Alongside"
    shutil.copytree(
        ROOT / "desktop", app_dir / "desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "resources", app_dir / "resources")
    (app_dir / "alongside.portable").write_text("")
    (app_dir / "drive.py").write_text(PORTABLE_DRIVER)
    before = set(files_under(app_dir))
    sandbox = tmp_path / "machine"
    env = sandbox_env(sandbox, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(app_dir / "drive.py"), str(app_dir)],
        env=env,
        cwd=app_dir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "portable-ok" in result.stdout

    leaked = files_under(sandbox)
    assert leaked == [], f"portable mode wrote outside data/: {leaked}"
    new_files = set(files_under(app_dir)) - before
    assert new_files, "nothing was written at all"
    outside = [p for p in new_files if not p.is_relative_to(app_dir / "data")]
    assert outside == []
    assert (app_dir / "data" / "settings.json").exists()
    vaults = list((app_dir / "data" / "vaults").glob("*/keyslots.json"))
    assert len(vaults) == 1
    from desktop.vault import open_vault

    with open_vault(vaults[0].parent, "quiet harbour lantern seven") as vault:
        assert "PortableCanaryTitle" in [d.title for d in vault.debriefs.list()]
    for path in new_files:
        data = path.read_bytes()
        for canary in ("PortableCanaryTitle", "PortableCanaryBody"):
            assert canary.encode() not in data, path
            assert canary.encode("utf-16-le") not in data, path


START_UP_PROBE = textwrap.dedent(
    """
    import sys
    import PySide6.QtCore as core
    from PySide6.QtWidgets import QApplication
    from desktop.app import prepare_locations, start_window

    app = QApplication([sys.argv[0]])
    window = start_window(app, prepare_locations())
    assert window._flow_inner is None, "expected the unlock screen"
    heavy = ("pydantic", "nacl", "sqlcipher3", "keyring", "jeepney", "httpx", "desktop.vault")
    print("heavy:", [m for m in heavy if m in sys.modules])
    print("qt-namespace:", "Qt" in core.__dict__)
    """
)


def test_unlock_window_needs_only_qt_and_stdlib(tmp_path):
    """Start-up stays light (DESIGN.md §1): no vault stack, not even PySide6's Qt enums."""
    env = sandbox_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    settings = tmp_path / "data" / "Alongside" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"known_vaults": [{"path": "/nowhere", "name": "V"}]}')
    result = subprocess.run(
        [sys.executable, "-c", START_UP_PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-1500:]
    assert "heavy: []" in result.stdout
    assert "qt-namespace: False" in result.stdout
