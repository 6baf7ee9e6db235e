"""Unlock screen: known vaults by name, wrong passphrase, damaged, open elsewhere."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from desktop.vault import (
    SHIPPED_KDF,
    VaultDamaged,
    VaultOpenElsewhere,
    WrongPassphrase,
    create_vault,
    open_vault,
)
from tests.ui.helpers import PASSPHRASE, unlock, wait_idle


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "vault.lock"
    }


def test_unlock_screen_lists_known_vaults_by_name(window, made_vault):
    window.show_unlock()
    choice = window.unlock_screen.vault_choice
    assert [choice.itemText(i) for i in range(choice.count())] == ["Practice vault"]
    assert str(made_vault.folder) not in choice.itemText(0)


def test_unlock_shows_the_vault(qtbot, window, made_vault):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    assert view is not None
    assert view.current_place.title == "Today"  # the landing page after unlock
    assert "First debrief" in view.debriefs.list_model.index(0).data()
    assert window.chrome.lock_action.isEnabled()
    assert window.windowTitle() == "Alongside"
    assert window.statusBar().isVisible()


def test_wrong_passphrase_says_so_and_changes_nothing(qtbot, window, made_vault):
    window.show_unlock()
    before = _hashes(made_vault.folder)
    screen = window.unlock_screen
    screen.passphrase.setText("not the passphrase at all")
    screen.unlock_button.click()
    assert screen.busy.isVisible() or not window.context.runner.busy
    wait_idle(qtbot, window.context)
    assert screen.error.text() == WrongPassphrase().user_message
    assert window.vault is None
    assert screen.passphrase.isEnabled()
    assert _hashes(made_vault.folder) == before


def test_damaged_vault_says_damaged_and_shows_nothing(qtbot, window, made_vault):
    database = made_vault.folder / "vault.db"
    data = bytearray(database.read_bytes())
    for offset in range(100, 4000, 97):  # scramble page 1
        data[offset] ^= 0xFF
    database.write_bytes(bytes(data))
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText(made_vault.passphrase)
    screen.unlock_button.click()
    wait_idle(qtbot, window.context)
    assert screen.error.text() == VaultDamaged().user_message
    assert "repair" not in screen.error.text().lower()
    assert window.vault is None
    assert window.vault_view is None


def test_vault_open_elsewhere_says_so(qtbot, window, made_vault):
    elsewhere = open_vault(made_vault.folder, made_vault.passphrase)
    try:
        window.show_unlock()
        screen = window.unlock_screen
        screen.passphrase.setText(made_vault.passphrase)
        screen.unlock_button.click()
        wait_idle(qtbot, window.context)
        assert screen.error.text() == VaultOpenElsewhere().user_message
    finally:
        elsewhere.close()


def test_missing_folder_is_a_clear_message(qtbot, window, context, tmp_path):
    context.settings.remember_vault(tmp_path / "unplugged", "USB vault")
    window.show_unlock()
    screen = window.unlock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    wait_idle(qtbot, context)
    assert "can't be found" in screen.error.text()
    assert window.vault is None


def test_window_keeps_responding_during_key_derivation(qtbot, window, context, tmp_path):
    """The shipped Argon2id parameters run off the UI thread; a UI timer keeps ticking."""
    folder = tmp_path / "shipped"
    vault, _ = create_vault(folder, "Shipped", PASSPHRASE, kdf=SHIPPED_KDF)
    vault.close()
    context.settings.remember_vault(folder, "Shipped")
    window.show_unlock()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1) if context.runner.busy else None)
    timer.start()
    window.unlock_screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=20_000):
        window.unlock_screen.unlock_button.click()
        assert window.status.busy.isVisibleTo(window)
    timer.stop()
    assert len(ticks) >= 5, "the event loop stalled while the key was derived"
    wait_idle(qtbot, context)


def test_unlock_by_keyboard_alone(qtbot, window, made_vault):
    from PySide6.QtCore import Qt

    window.show_unlock()
    field = window.unlock_screen.passphrase
    assert field.hasFocus() or window.focusWidget() in (None, field)
    qtbot.keyClicks(field, made_vault.passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_idle(qtbot, window.context)
    assert field.text() == ""


def test_open_another_vault_folder(qtbot, window, context, tmp_path):
    from desktop.vault import FLOOR_KDF

    folder = tmp_path / "usb" / "Some vault"
    vault, _ = create_vault(folder, "Colleague's stick", PASSPHRASE, kdf=FLOOR_KDF)
    vault.close()
    window.show_unlock()
    window.unlock_screen.add_folder(folder)
    unlock(qtbot, window, PASSPHRASE)
    assert context.settings.known_vaults[0].name == "Colleague's stick"


def test_window_geometry_is_remembered(qtbot, window, context):
    from desktop.startup_settings import load_settings
    from desktop.ui.shell.window import ShellWindow

    window.resize(790, 530)  # within the offscreen screen (800×600)
    window.close()
    saved = load_settings(context.locations.settings_file)
    assert saved.window_geometry
    context.settings = saved
    again = ShellWindow(context)
    qtbot.addWidget(again)
    assert again.width() == 790


def _try(qtbot, window, passphrase: str) -> str:
    screen = window.unlock_screen
    screen.passphrase.setText(passphrase)
    screen.unlock_button.click()
    wait_idle(qtbot, window.context)
    return screen.error.text()


def test_wrong_passphrases_slow_down_and_the_wait_survives_a_restart(
    qtbot, window, made_vault, context, clock
):
    from desktop.startup_settings import load_settings
    from desktop.ui.shell.window import ShellWindow

    window.show_unlock()
    for _ in range(2):
        assert "wait" not in _try(qtbot, window, "not it at all")
    said = _try(qtbot, window, "still not it")  # after the third wrong try, a wait
    assert "The passphrase is wrong" in said
    assert "wait 5 seconds" in said
    assert "wait 5 seconds" in _try(qtbot, window, PASSPHRASE)  # not even tried
    assert window.vault is None
    saved = load_settings(context.locations.settings_file)
    assert PASSPHRASE not in context.locations.settings_file.read_text()  # no secret kept
    context.settings = saved  # a restart: the count and the time come back from the file
    again = ShellWindow(context)
    qtbot.addWidget(again)
    again.show_unlock()
    assert "wait" in _try(qtbot, again, PASSPHRASE)
    clock.advance(5)
    unlock(qtbot, again, made_vault.passphrase)  # the wait is over: the right one works
    assert again.vault is not None
    assert load_settings(context.locations.settings_file).unlock_failures == {}
    again.close()


def test_forgetting_a_vault_takes_it_off_this_computer_without_deleting_it(
    qtbot, window, made_vault, context
):
    from desktop.startup_settings import load_settings
    from desktop.ui.common.messages import Button

    window.show_unlock()
    screen = window.unlock_screen
    assert screen.selected_folder() == made_vault.folder
    context.messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(screen.forget_button, Qt.MouseButton.LeftButton)
    assert screen.vault_choice.count() == 0
    assert load_settings(context.locations.settings_file).known_vaults == []
    assert (made_vault.folder / "vault.db").is_file()  # the vault itself is untouched
    screen.add_folder(made_vault.folder)  # what "Open another vault…" does
    unlock(qtbot, window, made_vault.passphrase)
    assert window.vault is not None
