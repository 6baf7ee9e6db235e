"""Leak test for the debrief UI: canaries typed into the editor, the search box, exports
and a listening session (a participant's name) reach no file in home, config, cache,
data, state, runtime or temp sandboxes after a locked-and-quit session (only the
encrypted vault and the chosen exports hold them), and the export file dialog leaves no
QtProject.conf."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.common.folder_dialog import SCRATCH_NAME
from desktop.ui.export.export_files import choose_export_path
from tests.sandbox import contains_canary, make_sandbox, scan_for_canaries

CANARY = "Kestrel-Quillfeather-4471"
SEARCH_CANARY = "Vanadiumsearch"
SEARCH_ONLY = "Orchidlanternquery"
CANARIES = (CANARY, SEARCH_CANARY, SEARCH_ONLY)
ROOT = Path(__file__).resolve().parents[3]


def test_ui_session_leaves_no_canary_outside_vault_and_exports(tmp_path: Path) -> None:
    sandbox = make_sandbox(tmp_path, QT_QPA_PLATFORM="offscreen")
    sandboxes = {**sandbox.folders, "logs": tmp_path / "logs"}
    sandboxes["logs"].mkdir()
    exports = tmp_path / "exports"
    exports.mkdir()
    env = sandbox.env
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ui.shell.leak_session",
            str(sandboxes["data"]),
            str(exports),
            str(sandboxes["logs"] / "alongside.log"),
            *CANARIES,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.stdout.strip().endswith(b"done"), result.stderr.decode(errors="replace")
    # The exports hold the text (the user chose to write it), and nothing else is there.
    assert sorted(p.name for p in exports.iterdir()) == ["export.md", "export.pdf"]
    assert CANARY in (exports / "export.md").read_text(encoding="utf-8")
    # Issue 17: the copy was made, and after its wait the clipboard held none of it.
    assert b"clipboard copied: True" in result.stdout
    assert b"clipboard after its wait: ''" in result.stdout
    # Every settings file the session left (ours and any Qt wrote) is among those scanned.
    settings_files = [
        path
        for folder in sandboxes.values()
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".json", ".conf", ".ini", ".cfg", ".plist"}
    ]
    assert any(path.name == "settings.json" for path in settings_files)
    hits, scanned = scan_for_canaries(sandboxes.values(), CANARIES)
    for stream in (result.stdout, result.stderr):
        assert not contains_canary(stream, CANARIES)
    assert hits == []
    assert scanned >= 3
    # The listening session ran to its reflection (issue 15: names are content too).
    log_text = (sandboxes["logs"] / "alongside.log").read_text(encoding="utf-8")
    assert "listening.reflection_saved" in log_text


def test_export_dialog_leaves_no_qtproject_conf(qtbot, tmp_path: Path) -> None:
    config = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    conf = Path(config) / "QtProject.conf"
    before = conf.stat().st_mtime_ns if conf.exists() else None

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.reject()

    QTimer.singleShot(0, cancel)
    chosen = choose_export_path(None, "Export", tmp_path / "alongside-debrief.md", tmp_path / "d")
    assert chosen is None
    after = conf.stat().st_mtime_ns if conf.exists() else None
    assert after == before
    assert not (tmp_path / "d" / SCRATCH_NAME).exists()
