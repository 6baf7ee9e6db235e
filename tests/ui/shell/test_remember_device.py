"""Vault > Remember on this computer (issue 17), end to end through the window with the
in-memory keyring standing in for the OS one: off by default, refused without a real
keyring, never offered in portable mode; a remembered vault unlocks from the unlock
screen without its passphrase; a missing or wrong entry is said plainly and the
passphrase still works; forgetting the computer or the vault removes the keyring entry."""

from __future__ import annotations

import base64
import json
import secrets

import keyring
import pytest
from keyring.backends import fail, null
from PySide6.QtCore import Qt

from desktop.device_keyring import SERVICE
from desktop.ui.common.context import AppContext
from desktop.ui.common.locations import Locations
from desktop.ui.common.messages import Button
from desktop.ui.shell.remember_device import FORGET_TEXT, REMEMBER_TEXT, WHY_UNWISE
from desktop.ui.shell.window import ShellWindow
from desktop.vault import WrongPassphrase, open_vault
from tests.ui.helpers import unlock, visible, wait_idle


def slot_kinds(folder) -> list[str]:
    return [s["kind"] for s in json.loads((folder / "keyslots.json").read_text())["slots"]]


@pytest.fixture
def unlocked(qtbot, window, made_vault):
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    return window


def remember(qtbot, window) -> None:
    window.context.messages.set_next_answer(Button.Yes)
    window.remember.action.trigger()
    wait_idle(qtbot, window.context)


def lock_and_wait_for_button(qtbot, window) -> None:
    window.lock("shortcut")
    wait_idle(qtbot, window.context)
    qtbot.waitUntil(lambda: visible(window.unlock_screen.device.button))


def test_it_is_off_by_default_and_says_why_it_is_unwise(unlocked, made_vault):
    action = unlocked.remember.action
    assert action.isVisible()
    assert action.text() == REMEMBER_TEXT
    assert "shared PC" in action.statusTip()
    assert WHY_UNWISE.count(".") == 1  # one line
    assert slot_kinds(made_vault.folder) == ["passphrase", "recovery"]
    assert not visible(unlocked.unlock_screen.device.button)


def test_remembered_vault_unlocks_without_its_passphrase(
    qtbot, unlocked, made_vault, memory_keyring
):
    window = unlocked
    remember(qtbot, window)
    _, asked = window.context.messages.history[-1]
    assert "unwise on a shared PC" in asked
    assert slot_kinds(made_vault.folder) == ["passphrase", "recovery", "device"]
    assert window.remember.action.text() == FORGET_TEXT
    assert window.status.text.text() == "This computer now opens the vault"
    # The keyring holds a random key, not the passphrase, and it is no passphrase.
    [(service, _)] = memory_keyring.entries
    stored = next(iter(memory_keyring.entries.values()))
    assert service == SERVICE
    assert stored != made_vault.passphrase
    assert made_vault.passphrase not in stored
    assert len(base64.b64decode(stored)) == 32
    lock_and_wait_for_button(qtbot, window)
    with pytest.raises(WrongPassphrase):  # and it opens nothing as a passphrase
        open_vault(made_vault.folder, stored)
    screen = window.unlock_screen
    assert screen.passphrase.text() == ""
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.mouseClick(screen.device.button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.context)
    assert window.vault is not None
    assert window.stack.currentWidget() is window.vault_view


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_no_real_keyring_means_not_available_and_nothing_written(
    qtbot, unlocked, made_vault, backend
):
    keyring.set_keyring(backend())  # the autouse fixture puts the previous one back
    window = unlocked
    window.context.messages.set_next_answer(Button.Ok)
    window.remember.action.trigger()
    wait_idle(qtbot, window.context)
    _, said = window.context.messages.history[-1]
    assert said.startswith("This computer has no safe keyring")
    assert "passphrase works as always" in said
    assert slot_kinds(made_vault.folder) == ["passphrase", "recovery"]
    assert window.remember.action.text() == REMEMBER_TEXT


def test_a_plaintext_keyring_is_not_available(qtbot, unlocked, made_vault, tmp_path, monkeypatch):
    from keyrings.alt.file import PlaintextKeyring

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    keyring.set_keyring(PlaintextKeyring())
    window = unlocked
    window.context.messages.set_next_answer(Button.Ok)
    window.remember.action.trigger()
    wait_idle(qtbot, window.context)
    assert window.context.messages.history[-1][1].startswith("This computer has no safe keyring")
    assert slot_kinds(made_vault.folder) == ["passphrase", "recovery"]
    assert not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("damage", ["gone", "wrong"])
def test_a_missing_or_wrong_entry_falls_back_to_the_passphrase(
    qtbot, unlocked, made_vault, memory_keyring, damage
):
    window = unlocked
    remember(qtbot, window)
    lock_and_wait_for_button(qtbot, window)
    [entry] = memory_keyring.entries
    if damage == "gone":
        del memory_keyring.entries[entry]
    else:
        memory_keyring.entries[entry] = base64.b64encode(secrets.token_bytes(32)).decode()
    screen = window.unlock_screen
    qtbot.mouseClick(screen.device.button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.context)
    assert window.vault is None
    expected = "no longer holds the key" if damage == "gone" else "no longer opens this vault"
    assert expected in screen.error.text()
    assert "passphrase" in screen.error.text()
    unlock(qtbot, window, made_vault.passphrase)  # nothing lost
    assert window.vault is not None


def test_forget_this_computer_removes_the_slot_and_the_entry(
    qtbot, unlocked, made_vault, memory_keyring
):
    window = unlocked
    remember(qtbot, window)
    assert memory_keyring.entries
    window.remember.action.trigger()  # now "Forget this computer"
    wait_idle(qtbot, window.context)
    assert memory_keyring.entries == {}
    assert slot_kinds(made_vault.folder) == ["passphrase", "recovery"]
    assert window.remember.action.text() == REMEMBER_TEXT
    window.lock("shortcut")
    wait_idle(qtbot, window.context)
    assert not visible(window.unlock_screen.device.button)


def test_forgetting_the_vault_here_removes_its_keyring_entry(
    qtbot, unlocked, made_vault, memory_keyring
):
    window = unlocked
    remember(qtbot, window)
    lock_and_wait_for_button(qtbot, window)
    window.context.messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(window.unlock_screen.forget_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.context)
    assert memory_keyring.entries == {}
    assert window.unlock_screen.vault_choice.count() == 0
    assert slot_kinds(made_vault.folder)  # the vault itself is untouched


def test_not_offered_in_portable_mode(qtbot, tmp_path, made_vault, context):
    portable = AppContext(
        locations=Locations(data_dir=tmp_path / "p" / "data", portable=True, root=tmp_path / "p"),
        settings=context.settings,
        kdf=context.kdf,
        clock=context.clock,
        lock_signal_buses=None,
    )
    portable.messages.require_answers = True
    window = ShellWindow(portable)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    assert not window.remember.action.isVisible()
    assert not window.remember.action.isEnabled()
    window.close()
    wait_idle(qtbot, portable)
    portable.runner.shutdown()


@pytest.mark.parametrize("text", [100, 150])
def test_the_unlock_screen_with_the_button_holds_at_1024x700(
    qtbot, unlocked, made_vault, tmp_path, text
):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.common.theme import apply_theme
    from tests.ui.layout_check import layout_problems

    window = unlocked
    remember(qtbot, window)
    lock_and_wait_for_button(qtbot, window)
    window.unlock_screen.set_message(
        "This computer no longer holds the key that opened this vault without its "
        "passphrase. Type your passphrase; nothing was lost."
    )
    apply_theme(QApplication.instance(), "light", text)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    assert layout_problems(window) == []
    window.grab().save(str(tmp_path / f"unlock-remembered-{text}.png"))


def test_a_computer_lock_during_a_refused_device_unlock_leaves_the_passphrase_working(
    qtbot, unlocked, made_vault, memory_keyring
):
    """The computer locks while "Unlock on this computer" runs, and the keyring entry is
    gone: the next correct passphrase must open the vault, not be thrown away."""
    window = unlocked
    remember(qtbot, window)
    lock_and_wait_for_button(qtbot, window)
    [entry] = memory_keyring.entries
    del memory_keyring.entries[entry]
    screen = window.unlock_screen
    qtbot.mouseClick(screen.device.button, Qt.MouseButton.LeftButton)
    window.auto_lock.computer_locked("screen_locked")  # while the keyring is asked
    wait_idle(qtbot, window.context)
    assert window.vault is None
    unlock(qtbot, window, made_vault.passphrase)
    assert window.vault is not None
