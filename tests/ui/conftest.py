"""Fixtures for UI tests: a main window over a temporary data folder, floor KDF, fake clock.

Vaults are real SQLCipher folders under ``tmp_path``; key derivation uses the floor
parameters passed through the app context (never lower, DESIGN.md §5).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QApplication,
)

from desktop.startup_settings import StartupSettings
from desktop.ui.common.context import AppContext
from desktop.ui.common.locations import Locations
from desktop.ui.common.theme import apply_theme
from desktop.ui.shell.vault_view import MainView
from desktop.ui.shell.window import ShellWindow
from desktop.vault import FLOOR_KDF, Vault, create_vault, open_vault
from tests.memory_keyring import MemoryKeyring

from .helpers import PASSPHRASE, FakeClock, MadeVault, wait_idle


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every UI test gets an empty in-memory keyring: no test touches the real one."""
    import keyring

    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def clock() -> FakeClock:
    """The app's one clock; each reading steps a microsecond, so saves stay in order."""
    return FakeClock(step=timedelta(microseconds=1))


@pytest.fixture
def context(tmp_path: Path, clock: FakeClock, qapp: QApplication) -> Iterator[AppContext]:
    apply_theme(qapp, "light")
    locations = Locations(data_dir=tmp_path / "data", portable=False, root=tmp_path / "app")
    ctx = AppContext(
        locations=locations,
        settings=StartupSettings(),
        kdf=FLOOR_KDF,
        clock=clock,
        idle_check_interval_ms=3_600_000,  # tests call IdleLock.check() themselves
        lock_signal_buses=None,  # tests/ui/shell/test_computer_lock.py gives a private bus
    )
    ctx.messages.require_answers = True
    yield ctx
    ctx.runner.shutdown()


@pytest.fixture
def made_vault(tmp_path: Path, context: AppContext) -> MadeVault:
    """A vault created through the API, closed, and known to the settings."""
    folder = tmp_path / "vaults" / "Alongside vault"
    vault, code = create_vault(
        folder, "Practice vault", PASSPHRASE, kdf=FLOOR_KDF, clock=context.clock
    )
    vault.debriefs.add("First debrief", "Something to protect")
    vault.close()
    context.settings.remember_vault(folder, "Practice vault")
    return MadeVault(folder, PASSPHRASE, code)


@pytest.fixture
def window(qtbot, context: AppContext) -> Iterator[ShellWindow]:
    shell = ShellWindow(context)
    qtbot.addWidget(shell)
    shell.show()
    qtbot.waitExposed(shell)
    yield shell
    # pytest-qt may already have closed (and deleted) the window it was given.
    if shiboken6.isValid(shell):
        shell.close()
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=10_000)


@pytest.fixture
def vault_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "vaults" / "Debrief vault"
    vault, _ = create_vault(folder, "Debrief vault", PASSPHRASE, kdf=FLOOR_KDF)
    vault.close()
    return folder


@pytest.fixture
def vault(vault_folder: Path, context: AppContext) -> Iterator[Vault]:
    opened = open_vault(vault_folder, PASSPHRASE, clock=context.clock)
    yield opened
    if opened.is_open:
        context.runner.run(
            opened.close, owner=None, on_success=lambda _: None, on_failure=lambda _: None
        )
        context.runner.wait_for_all()


@pytest.fixture
def view(qtbot, context: AppContext, vault: Vault) -> Iterator[MainView]:
    """The open vault's view inside the real main window (its title, menus, chrome)."""
    shell = ShellWindow(context)
    qtbot.addWidget(shell)
    shell.resize(1100, 720)
    shell.show()
    qtbot.waitExposed(shell)
    shell.open_session(vault)
    main = shell.vault_view
    assert main is not None
    shell.activateWindow()  # shortcuts and focus need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shell)
    qtbot.waitUntil(lambda: main.debriefs.ready, timeout=10_000)
    wait_idle(qtbot, context)
    yield main
    wait_idle(qtbot, context)
    if shiboken6.isValid(shell) and shell.vault is not None:
        shell.lock("closed")
    wait_idle(qtbot, context)
