"""Helpers shared by the UI tests: waiting for background work, unlocking, scanning widgets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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

from desktop.ui.shell.places import Place
from tests.clock import FakeClock

if TYPE_CHECKING:
    from desktop.ui.common.context import AppContext
    from desktop.ui.shell.vault_view import MainView
    from desktop.ui.shell.window import ShellWindow


__all__ = ["FakeClock"]

PASSPHRASE = "quiet harbour lantern seven"
NEW_PASSPHRASE = "amber orchard bicycle thunder"


@dataclass
class MadeVault:
    folder: Path
    passphrase: str
    recovery_code: str


def wait_idle(qtbot, context: AppContext) -> None:
    """Wait until every background job has reported back on the UI thread."""
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=10_000)


def unlock(qtbot, window: ShellWindow, passphrase: str) -> None:
    screen = window.unlock_screen
    screen.passphrase.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        screen.unlock_button.click()
    wait_idle(qtbot, window.context)


def texts_held_by_widgets(widgets: list[QWidget] | None = None) -> list[str]:
    """Every piece of text any live widget (or each of ``widgets``) shows or holds."""
    found: list[str] = []
    for widget in QApplication.allWidgets() if widgets is None else widgets:
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


def settle(qtbot, view: MainView) -> None:
    """Wait until every vault job the view started has reported back."""
    qtbot.waitUntil(lambda: not view.context.runner.busy, timeout=10_000)
    wait_idle(qtbot, view.context)


def new_from(qtbot, view: MainView, template_id: str) -> None:
    view.new_debrief(template_id)
    assert view.current_place is Place.DEBRIEFS
    assert view.debriefs.editor.template.id == template_id


def save_now(qtbot, view: MainView) -> None:
    """Flush the editor and wait for the save to land."""
    view.save_pending()
    settle(qtbot, view)
