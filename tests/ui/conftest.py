"""Fixtures for UI tests: a main window over a temporary data folder, floor KDF, fake clock.

Vaults are real SQLCipher folders under ``tmp_path``; key derivation uses the floor
parameters passed through the app context (never lower, DESIGN.md §5).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.startup_settings import StartupSettings
from desktop.ui.context import AppContext
from desktop.ui.locations import Locations
from desktop.ui.shell import ShellWindow
from desktop.ui.theme import apply_theme
from desktop.vault import FLOOR_KDF, create_vault

PASSPHRASE = "quiet harbour lantern seven"
NEW_PASSPHRASE = "amber orchard bicycle thunder"


class FakeClock:
    """A wall clock that only moves when a test moves it."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.current = start

    def now(self) -> float:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += seconds


@dataclass
class MadeVault:
    folder: Path
    passphrase: str
    recovery_code: str


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


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
    )
    ctx.messages.require_answers = True
    yield ctx
    ctx.runner.shutdown()


@pytest.fixture
def made_vault(tmp_path: Path, context: AppContext) -> MadeVault:
    """A vault created through the API, closed, and known to the settings."""
    folder = tmp_path / "vaults" / "Alongside vault"
    vault, code = create_vault(folder, "Practice vault", PASSPHRASE, kdf=FLOOR_KDF)
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


def wait_idle(qtbot, context: AppContext) -> None:
    """Wait until every background job has reported back on the UI thread."""
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=10_000)


def unlock(qtbot, window: ShellWindow, passphrase: str) -> None:
    screen = window.unlock_screen
    screen.passphrase.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        screen.unlock_button.click()
    wait_idle(qtbot, window.context)


def texts_held_by_widgets() -> list[str]:
    """Every piece of text any live widget shows or holds (for canary scans)."""
    found: list[str] = []
    for widget in QApplication.allWidgets():
        found.append(widget.windowTitle())
        found.append(widget.toolTip())
        found.append(widget.accessibleName())
        if isinstance(widget, QLineEdit):
            found.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            found.append(widget.toPlainText())
        elif isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
        elif isinstance(widget, QListWidget):
            found += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
    return found


def any_widget_holds(text: str) -> bool:
    return any(text in held for held in texts_held_by_widgets())


def visible(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.window().isVisible()
