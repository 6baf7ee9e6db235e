"""Fixtures for the debrief UI tests: an open vault and its main view, built directly.

The view is built without the lock screen (the shell's tests cover unlocking), over a
real SQLCipher vault with the floor KDF; the injected fake clock drives autosave.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.context import AppContext
from desktop.ui.debriefs.main_view import MainView
from desktop.ui.debriefs.places import Place
from desktop.vault import FLOOR_KDF, create_vault, open_vault

from ..conftest import PASSPHRASE, wait_idle


@pytest.fixture
def vault_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "vaults" / "Debrief vault"
    vault, _ = create_vault(folder, "Debrief vault", PASSPHRASE, kdf=FLOOR_KDF)
    vault.close()
    return folder


@pytest.fixture
def vault(vault_folder: Path, context: AppContext) -> Iterator[Any]:
    opened = open_vault(vault_folder, PASSPHRASE)
    yield opened
    if opened.is_open:
        context.runner.run(opened.close, on_success=lambda _: None, on_failure=lambda _: None)
        context.runner.wait_for_all()


@pytest.fixture
def view(qtbot, context: AppContext, vault: Any) -> Iterator[MainView]:
    main = MainView(context, vault)
    qtbot.addWidget(main)
    main.resize(1100, 720)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()  # shortcuts and focus need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.waitUntil(lambda: main.debriefs.ready, timeout=10_000)
    wait_idle(qtbot, context)
    yield main
    wait_idle(qtbot, context)
    main.clear_content()


def settle(qtbot, view: MainView) -> None:
    """Wait until every vault job the view started has reported back."""
    qtbot.waitUntil(lambda: view.ops.pending == 0, timeout=10_000)
    wait_idle(qtbot, view.context)


def new_from(qtbot, view: MainView, template_id: str) -> None:
    view.new_debrief(template_id)
    assert view.current_place is Place.DEBRIEFS
    assert view.debriefs.editor.template.id == template_id


def save_now(qtbot, view: MainView) -> None:
    """Flush the editor and wait for the save to land."""
    view.save_pending()
    settle(qtbot, view)
