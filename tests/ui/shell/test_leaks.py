"""Qt-side leak hygiene: no QtProject.conf from file dialogs, no content in logs or titles."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.common.folder_dialog import SCRATCH_NAME, choose_folder
from tests.ui.helpers import unlock, wait_idle

CANARY = "LeakCanary-Featherstonehaugh"


def _qtproject_conf() -> Path:
    config = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(config) / "QtProject.conf"


def test_folder_dialog_leaves_no_qtproject_conf(qtbot, tmp_path):
    conf = _qtproject_conf()
    before = conf.stat().st_mtime_ns if conf.exists() else None

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert choose_folder(None, "Choose", tmp_path, tmp_path / "data") is None
    after = conf.stat().st_mtime_ns if conf.exists() else None
    assert after == before, "Qt's file dialog wrote QtProject.conf"
    assert not (tmp_path / "data" / SCRATCH_NAME).exists()


def test_logs_and_titles_hold_no_content(qtbot, window, made_vault, caplog):
    caplog.set_level(logging.DEBUG)
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    view.new_debrief("free_note")
    qtbot.keyClicks(view.title_edit, CANARY)
    qtbot.keyClicks(view.body_edit, CANARY)
    view.save_pending()
    window.lock()
    wait_idle(qtbot, window.context)
    assert "vault.locked" in caplog.text
    assert CANARY not in caplog.text
    assert made_vault.passphrase not in caplog.text
    assert all(CANARY not in w.windowTitle() for w in QApplication.topLevelWidgets())
