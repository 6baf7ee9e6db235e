"""The unlocked view is imported and built while the key is derived, and holds nothing
until the vault is attached (desktop/ui/shell/warm_up.py, docs/performance.md "Unlock")."""

from __future__ import annotations

import ast
import inspect

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPlainTextEdit

import desktop.ui.shell.vault_view as vault_view_module
from desktop.ui.shell.warm_up import PLACE_MODULES
from desktop.vault import SHIPPED_KDF, create_vault
from tests.ui.helpers import PASSPHRASE, wait_idle

TITLE = "Night shift that stayed with me"


def _texts(widget) -> list[str]:
    found = []
    for child in widget.findChildren(QLabel):
        found.append(child.text())
    for child in widget.findChildren(QLineEdit):
        found.append(child.text())
    for child in widget.findChildren(QPlainTextEdit):
        found.append(child.toPlainText())
    for child in widget.findChildren(QAbstractButton):
        found.append(child.text())
    return found


def test_the_warm_up_imports_every_place_the_view_imports():
    tree = ast.parse(inspect.getsource(vault_view_module))
    imported = {
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("desktop.ui.")
        and not node.module.startswith(("desktop.ui.common.", "desktop.ui.shell."))
        and node.module != "desktop.ui.backup.reminder_menu"  # small, comes with backup_flow
    }
    assert imported <= set(PLACE_MODULES)


def _slow_vault(tmp_path, context):
    folder = tmp_path / "shipped"
    vault, _ = create_vault(folder, "Shipped", PASSPHRASE, kdf=SHIPPED_KDF)
    vault.debriefs.add(TITLE, "What I carried home.")
    vault.close()
    context.settings.remember_vault(folder, "Shipped")
    return folder


def _after_a_wrong_passphrase(qtbot, window, context, tmp_path):
    """A slow vault on the unlock screen after one wrong try: the view is built ahead."""
    _slow_vault(tmp_path, context)
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText("not the passphrase")
    screen.unlock_button.click()
    wait_idle(qtbot, context)
    return screen


def test_the_view_is_built_during_the_key_derivation_and_empty_until_unlocked(
    qtbot, window, context, tmp_path
):
    _slow_vault(tmp_path, context)
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    # Argon2id with the shipped parameters takes ~0.4 s: the frame arrives well before.
    qtbot.waitUntil(lambda: window.prepared.view is not None, timeout=5_000)
    prebuilt = window.prepared.view
    assert window.vault is None, "the key was derived before the warm-up started"
    assert window.stack.currentWidget() is screen
    assert not prebuilt.isVisible()
    assert prebuilt.slot.vault is None
    assert not any(TITLE in text for text in _texts(prebuilt))
    qtbot.waitUntil(lambda: window.vault is not None, timeout=20_000)
    wait_idle(qtbot, context)
    assert window.vault_view is prebuilt
    assert window.stack.currentWidget() is prebuilt
    assert prebuilt.isVisible()
    assert prebuilt.current_place.title == "Today"
    assert TITLE in prebuilt.debriefs.list_model.index(0).data()


def test_after_a_wrong_passphrase_the_empty_view_waits_for_the_right_one(
    qtbot, window, context, tmp_path
):
    screen = _after_a_wrong_passphrase(qtbot, window, context, tmp_path)
    assert window.vault is None
    assert screen.error.text()
    prebuilt = window.prepared.view
    assert prebuilt is not None
    assert not prebuilt.isVisible()
    assert not any(TITLE in text for text in _texts(prebuilt))
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=20_000):
        screen.unlock_button.click()
    wait_idle(qtbot, context)
    assert window.vault_view is prebuilt
    assert TITLE in prebuilt.debriefs.list_model.index(0).data()


def test_the_hidden_view_answers_no_shortcut_on_the_unlock_screen(qtbot, window, context, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    screen = _after_a_wrong_passphrase(qtbot, window, context, tmp_path)
    assert window.prepared.view is not None
    windows_before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    screen.passphrase.setFocus()
    for key, modifiers in (
        (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(screen.passphrase, key, modifiers)
    QApplication.processEvents()
    assert window.stack.currentWidget() is screen  # no dialog, no place, still locked
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == windows_before
    assert context.messages.history == []


def test_a_new_text_size_on_the_unlock_screen_is_the_size_after_unlocking(
    qtbot, window, context, tmp_path
):
    screen = _after_a_wrong_passphrase(qtbot, window, context, tmp_path)
    old = window.prepared.view
    assert old is not None
    window.computer.set_text_scale(150)  # View > Text size, while locked
    try:
        assert window.prepared.view is None  # styled for 100%: dropped
        screen.passphrase.setText(PASSPHRASE)
        with qtbot.waitSignal(window.unlocked, timeout=20_000):
            screen.unlock_button.click()
        wait_idle(qtbot, context)
        view = window.vault_view
        assert view is not old
        places = view.places
        row_height = places.fontMetrics().height() + 16
        assert places.item(0).sizeHint().height() == row_height
        assert places.visualItemRect(places.item(1)).height() >= row_height
    finally:
        window.computer.set_text_scale(100)


def test_the_computer_locking_while_the_key_is_derived_keeps_the_vault_locked(
    qtbot, window, context, tmp_path
):
    from desktop.ui.unlock.unlock_screen import ABANDONED
    from desktop.vault import open_vault

    folder = _slow_vault(tmp_path, context)
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    assert context.runner.busy  # Argon2id with the shipped parameters is running
    window.auto_lock.computer_locked("screen_locked")  # as the lock signals deliver it
    wait_idle(qtbot, context)
    assert window.vault is None
    assert window.vault_view is None
    assert window.stack.currentWidget() is screen
    assert screen.error.text() == ABANDONED
    assert screen.passphrase.text() == ""
    assert screen.passphrase.isEnabled()
    again = open_vault(folder, PASSPHRASE)  # the abandoned unlock let go of the folder
    again.close()


def test_leaving_the_forgot_screen_never_shows_the_view_built_ahead(
    qtbot, window, context, tmp_path
):
    screen = _after_a_wrong_passphrase(qtbot, window, context, tmp_path)
    prebuilt = window.prepared.view
    assert prebuilt is not None
    screen.forgot_button.click()
    flow = window.stack.currentWidget()
    assert flow is not screen
    window._flow_inner.code_cancel.click()
    QApplication.processEvents()
    assert window.stack.currentWidget() is screen
    assert not prebuilt.isVisible()
    assert prebuilt.places.currentRow() == -1  # its pages were never asked to load


def test_typing_the_passphrase_prepares_the_view_and_loses_no_key(qtbot, window, made_vault):
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setFocus()
    qtbot.keyClicks(screen.passphrase, made_vault.passphrase[:5])
    # Between keystrokes the places are imported and built, one small step a turn.
    qtbot.waitUntil(lambda: window.prepared.view is not None, timeout=10_000)
    qtbot.keyClicks(screen.passphrase, made_vault.passphrase[5:])
    assert screen.passphrase.text() == made_vault.passphrase
    assert window.vault is None
    prebuilt = window.prepared.view
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    wait_idle(qtbot, window.context)
    assert window.vault_view is prebuilt
    assert "First debrief" in prebuilt.debriefs.list_model.index(0).data()
