"""Locking: Ctrl+L, menu, toolbar and idle auto-lock save, clear content and close the vault."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.common.messages import Button
from desktop.ui.common.widgets import SENSITIVE_HINTS
from desktop.ui.shell.places import Place
from desktop.vault import VaultDamaged, open_vault
from tests.ui.helpers import any_widget_holds, unlock, wait_idle

CANARY_TITLE = "Canary-Title-Jonesworth"
CANARY_BODY = "Canary body about Mrs Featherstonehaugh"


def _write_canaries(qtbot, window) -> None:
    view = window.vault_view
    view.new_debrief("free_note")
    qtbot.keyClicks(view.title_edit, CANARY_TITLE)
    qtbot.keyClicks(view.body_edit, CANARY_BODY)
    assert any_widget_holds(CANARY_TITLE)
    assert CANARY_TITLE not in window.windowTitle()


def _assert_locked_and_clean(window) -> None:
    assert window.vault is None
    assert window.vault_view is None
    assert window.stack.currentWidget() is window.unlock_screen
    assert not window.chrome.toolbar.isVisible()
    assert not any_widget_holds(CANARY_TITLE)
    assert not any_widget_holds(CANARY_BODY)
    assert not any_widget_holds("First debrief")


def _saved_titles(qtbot, window, made_vault) -> list[str]:
    wait_idle(qtbot, window.context)  # the vault closes on the worker thread
    with open_vault(made_vault.folder, made_vault.passphrase) as vault:
        return [d.title for d in vault.debriefs.list()]


@pytest.fixture
def unlocked(qtbot, window, made_vault):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    return window


def test_content_widgets_are_marked_sensitive(unlocked):
    view = unlocked.vault_view
    view.new_debrief("free_note")
    for widget in (view.title_edit, view.body_edit):
        assert widget.inputMethodHints() & SENSITIVE_HINTS == SENSITIVE_HINTS
    passphrase = unlocked.unlock_screen.passphrase
    assert passphrase.inputMethodHints() & SENSITIVE_HINTS == SENSITIVE_HINTS


@pytest.mark.parametrize("how", ["shortcut", "menu", "toolbar"])
def test_lock_saves_clears_and_closes(qtbot, unlocked, made_vault, how):
    window = unlocked
    _write_canaries(qtbot, window)
    with qtbot.waitSignal(window.locked):
        if how == "shortcut":
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
            qtbot.keyClick(
                window.vault_view.body_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
            )
        elif how == "menu":
            menu = window.menuBar().actions()[0].menu()
            next(a for a in menu.actions() if a.text() == "&Lock").trigger()
        else:
            button = window.chrome.toolbar.widgetForAction(window.chrome.lock_action)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _assert_locked_and_clean(window)
    assert CANARY_TITLE in _saved_titles(
        qtbot, window, made_vault
    )  # pending edit saved, vault closed


def test_idle_auto_lock_by_wall_clock(qtbot, unlocked, clock, made_vault):
    window = unlocked
    _write_canaries(qtbot, window)
    clock.advance(4 * 60 + 59)
    window.idle_lock.check()
    assert window.vault is not None
    qtbot.keyClick(window.vault_view.body_edit, Qt.Key.Key_Space)  # activity resets the clock
    clock.advance(4 * 60)
    window.idle_lock.check()
    assert window.vault is not None
    clock.advance(60)  # e.g. the laptop slept: wall-clock time still counts
    with qtbot.waitSignal(window.locked):
        window.idle_lock.check()
    _assert_locked_and_clean(window)
    assert CANARY_TITLE in _saved_titles(qtbot, window, made_vault)


def test_unlocking_after_an_idle_lock_reopens_the_debrief_that_was_open(
    qtbot, unlocked, clock, made_vault
):
    window = unlocked
    view = window.vault_view
    view.go_to_place(Place.DEBRIEFS)
    page = view.debriefs
    qtbot.waitUntil(lambda: page.list_model.rowCount() == 1)
    page.list_view.setCurrentIndex(page.list_model.index(0))
    qtbot.waitUntil(lambda: page.editor.current_id is not None)
    opened = page.editor.current_id
    clock.advance(6 * 60)
    with qtbot.waitSignal(window.locked):
        window.idle_lock.check()
    wait_idle(qtbot, window.context)
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    qtbot.waitUntil(lambda: view.debriefs.editor.current_id == opened, timeout=5_000)
    assert view.current_place is Place.DEBRIEFS
    assert view.debriefs.editor.body_edit.toPlainText() == "Something to protect"


def test_auto_lock_minutes_are_per_vault(qtbot, window, made_vault, clock):
    with open_vault(made_vault.folder, made_vault.passphrase) as vault:
        vault.auto_lock_minutes = 1
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    assert window.idle_lock.minutes == 1
    clock.advance(61)
    window.idle_lock.check()
    assert window.vault is None


def test_damage_found_later_locks_and_says_damaged(qtbot, unlocked, context):
    window = unlocked
    _write_canaries(qtbot, window)
    context.messages.set_next_answer(Button.Ok)
    window.handle_error(VaultDamaged("integrity-check"))
    _assert_locked_and_clean(window)
    assert window.unlock_screen.error.text() == VaultDamaged().user_message
    assert context.messages.history[-1][0] == "This vault is damaged"


def test_background_integrity_check_runs_after_unlock(qtbot, unlocked):
    qtbot.waitUntil(
        lambda: unlocked.status.text.text() == "Vault checked · 1 debrief · no backup yet",
        timeout=10_000,
    )
    assert unlocked.context.settings.known_vaults[0].name == "Practice vault"


def test_unexpected_error_shows_no_details(qtbot, unlocked, context):
    from desktop.ui.common.diagnostics import diagnostics_text

    secret = "no such column: Featherstonehaugh"
    try:
        raise RuntimeError(secret)
    except RuntimeError as exc:
        error = exc
    context.messages.set_next_answer(Button.Ok)
    unlocked.handle_error(error)
    title, text = context.messages.history[-1]
    assert title == "Something went wrong"
    assert "Featherstonehaugh" not in text
    diagnostics = diagnostics_text(error)
    assert "RuntimeError" in diagnostics
    assert "Featherstonehaugh" not in diagnostics
    assert unlocked.vault is not None  # a bug is not a reason to lose the session


def test_auto_lock_minutes_chosen_in_the_menu(qtbot, unlocked, clock, made_vault):
    window = unlocked
    assert window.chrome.auto_lock_actions[5].isChecked()  # the default
    window.chrome.auto_lock_actions[1].trigger()
    wait_idle(qtbot, window.context)  # stored on the database lane, then applied
    assert window.idle_lock.minutes == 1
    clock.advance(61)
    window.idle_lock.check()
    assert window.vault is None
    wait_idle(qtbot, window.context)
    unlock(qtbot, window, made_vault.passphrase)
    assert window.chrome.auto_lock_actions[1].isChecked()  # stored inside the vault
    window.chrome.auto_lock_actions[0].trigger()
    wait_idle(qtbot, window.context)
    clock.advance(24 * 3600)
    window.idle_lock.check()
    assert window.vault is not None
