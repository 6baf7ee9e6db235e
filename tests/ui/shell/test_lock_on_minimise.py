"""View > Lock when minimised (off by default, remembered), and a locked window shows
nothing of the vault: what a taskbar preview or a passer-by could see is the lock screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.startup_settings import load_settings
from desktop.ui.common.theme import apply_theme
from desktop.ui.shell.window import WINDOW_TITLE
from tests.ui.helpers import any_widget_holds, texts_held_by_widgets, unlock, visible, wait_idle

TITLE = "Canary-Title-Mabelthorpe"
BODY = "Canary body about Mr Applewhistle"


def write_canaries(qtbot, window) -> None:
    view = window.vault_view
    view.new_debrief("free_note")
    qtbot.keyClicks(view.title_edit, TITLE)
    qtbot.keyClicks(view.body_edit, BODY)


def visible_texts() -> list[str]:
    """What every visible widget shows or holds, window titles included."""
    return texts_held_by_widgets([w for w in QApplication.allWidgets() if w.isVisible()])


def test_minimising_does_not_lock_by_default(qtbot, window, made_vault):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    assert not window.chrome.lock_on_minimise_action.isChecked()
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    assert window.vault is not None
    window.showNormal()


def test_lock_when_minimised_is_a_remembered_view_setting(qtbot, window, made_vault, context):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    write_canaries(qtbot, window)
    window.chrome.lock_on_minimise_action.trigger()  # View > Lock when minimised
    assert load_settings(context.locations.settings_file).lock_on_minimise
    with qtbot.waitSignal(window.locked, timeout=5_000):
        window.showMinimized()
    assert window.vault is None
    assert not any_widget_holds(TITLE)
    assert not any_widget_holds(BODY)
    window.showNormal()
    wait_idle(qtbot, context)


def test_a_locked_window_shows_only_the_lock_screen(qtbot, window, made_vault, tmp_path: Path):
    window.resize(1024, 700)
    apply_theme(QApplication.instance(), "light", 150)
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    write_canaries(qtbot, window)
    assert any(TITLE in text for text in visible_texts())
    window.lock("shortcut")
    wait_idle(qtbot, window.context)
    assert window.windowTitle() == WINDOW_TITLE  # never content, unlocked or not
    held = visible_texts()
    assert not any(TITLE in text or BODY in text for text in held)
    assert not any("First debrief" in text for text in held)
    assert visible(window.unlock_screen)
    assert window.stack.currentWidget() is window.unlock_screen
    window.grab().save(str(tmp_path / "locked-1024x700-150.png"))
