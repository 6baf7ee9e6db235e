"""The unlocked view is imported and built while the key is derived, and holds nothing
until the vault is attached (desktop/ui/shell/warm_up.py, docs/performance.md "Unlock")."""

from __future__ import annotations

import ast
import inspect

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit

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


def test_the_view_is_built_during_the_key_derivation_and_empty_until_unlocked(
    qtbot, window, context, tmp_path
):
    _slow_vault(tmp_path, context)
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    # Argon2id with the shipped parameters takes ~0.4 s: the frame arrives well before.
    qtbot.waitUntil(lambda: window._prebuilt_view is not None, timeout=5_000)
    prebuilt = window._prebuilt_view
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
    _slow_vault(tmp_path, context)
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText("not the passphrase")
    screen.unlock_button.click()
    wait_idle(qtbot, context)
    assert window.vault is None
    assert screen.error.text()
    prebuilt = window._prebuilt_view
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

    _slow_vault(tmp_path, context)
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText("not the passphrase")
    screen.unlock_button.click()
    wait_idle(qtbot, context)
    assert window._prebuilt_view is not None
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
