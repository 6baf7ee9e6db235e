"""Forgot passphrase (recovery code), change passphrase, change and re-encrypt."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from desktop.ui.unlock.change_passphrase import ChangePassphraseDialog
from desktop.vault import (
    RecoveryCodeTypo,
    VaultError,
    WrongPassphrase,
    WrongRecoveryCode,
    open_vault,
    open_vault_with_recovery_code,
)
from tests.ui.helpers import NEW_PASSPHRASE, unlock, wait_idle


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code_from(flow) -> str:
    return "-".join(flow.code_label.text().split())


def _confirm(qtbot, flow, signal) -> None:
    code = _code_from(flow)
    flow.written_button.click()
    flow.entry.setText(code)
    with qtbot.waitSignal(signal, timeout=10_000):
        flow.confirm_button.click()


def _forgot_flow(qtbot, window, made_vault):
    window.show_unlock()
    window.unlock_screen.forgot_button.click()
    return window._flow_inner


def test_recovery_code_typo_is_caught_before_trying(qtbot, window, made_vault):
    flow = _forgot_flow(qtbot, window, made_vault)
    code = made_vault.recovery_code
    flow.code_entry.setText(("1" if code[0] != "1" else "2") + code[1:])
    flow.code_next.click()
    assert flow.code_error.text() == RecoveryCodeTypo().user_message
    assert not window.context.runner.busy


def test_forgot_passphrase_then_new_passphrase_and_new_code(qtbot, window, made_vault, context):
    flow = _forgot_flow(qtbot, window, made_vault)
    flow.code_entry.setText(made_vault.recovery_code.replace("-", " ").lower())
    flow.code_next.click()
    wait_idle(qtbot, context)
    assert flow.currentIndex() == 1, flow.code_error.text()

    flow.passphrase_form.first.setText(NEW_PASSPHRASE)
    flow.passphrase_form.second.setText(NEW_PASSPHRASE)
    flow.passphrase_next.click()
    wait_idle(qtbot, context)
    assert flow.currentIndex() == 2
    assert flow.new_code_button.isDefault()
    flow.new_code_button.click()
    wait_idle(qtbot, context)
    assert flow.currentIndex() == 3
    new_code = _code_from(flow.code_flow)
    _confirm(qtbot, flow.code_flow, window.unlocked)
    assert window.vault_view is not None
    wait_idle(qtbot, context)
    assert "First debrief" in window.vault_view.debriefs.list_model.index(0).data()

    window.lock()
    wait_idle(qtbot, context)
    with pytest.raises(WrongPassphrase):
        open_vault(made_vault.folder, made_vault.passphrase)
    with pytest.raises(WrongRecoveryCode):
        open_vault_with_recovery_code(made_vault.folder, made_vault.recovery_code)
    open_vault_with_recovery_code(made_vault.folder, new_code).close()
    unlock(qtbot, window, NEW_PASSPHRASE)


def test_wrong_recovery_code_says_so(qtbot, window, made_vault, context, tmp_path):
    from desktop.vault import FLOOR_KDF, create_vault

    other, other_code = create_vault(tmp_path / "other", "Other", NEW_PASSPHRASE, kdf=FLOOR_KDF)
    other.close()
    flow = _forgot_flow(qtbot, window, made_vault)
    flow.code_entry.setText(other_code)
    flow.code_next.click()
    wait_idle(qtbot, context)
    assert flow.code_error.text() == WrongRecoveryCode().user_message
    flow.code_cancel.click()
    assert window.stack.currentWidget() is window.unlock_screen


def _open_change_dialog(qtbot, window, made_vault) -> ChangePassphraseDialog:
    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    dialog = window.change_passphrase()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert "old copy" in dialog.why.text()
    dialog.current.setText(made_vault.passphrase)
    dialog.form.first.setText(NEW_PASSPHRASE)
    dialog.form.second.setText(NEW_PASSPHRASE)
    return dialog


def test_change_passphrase_rewraps_only(qtbot, window, made_vault, context):
    dialog = _open_change_dialog(qtbot, window, made_vault)
    database = made_vault.folder / "vault.db"
    before = _digest(database)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.change_button.click()
    wait_idle(qtbot, context)
    assert _digest(database) == before
    assert window.status.text.text() == "Passphrase changed"
    window.lock()
    wait_idle(qtbot, context)
    with pytest.raises(WrongPassphrase):
        open_vault(made_vault.folder, made_vault.passphrase)
    unlock(qtbot, window, NEW_PASSPHRASE)


def test_change_passphrase_needs_the_current_one(qtbot, window, made_vault, context):
    dialog = _open_change_dialog(qtbot, window, made_vault)
    keyslots = made_vault.folder / "keyslots.json"
    before = _digest(keyslots)
    dialog.current.setText("not my passphrase at all")
    dialog.change_button.click()
    wait_idle(qtbot, context)
    assert dialog.isVisible()
    assert "passphrase is wrong" in dialog.problem.text()
    assert _digest(keyslots) == before
    dialog.current.clear()
    dialog.change_button.click()
    assert dialog.problem.text() == "Type your current passphrase first."


def test_change_and_reencrypt_makes_old_keyslots_useless(
    qtbot, window, made_vault, context, tmp_path
):
    old_keyslots = tmp_path / "old-keyslots.json"
    shutil.copy2(made_vault.folder / "keyslots.json", old_keyslots)
    dialog = _open_change_dialog(qtbot, window, made_vault)
    dialog.reencrypt.setChecked(True)
    dialog.change_button.click()
    wait_idle(qtbot, context)
    assert dialog.pages.currentIndex() == 1, dialog.problem.text()
    dialog.reject()  # cannot leave before the new code is confirmed
    assert dialog.isVisible()
    new_code = _code_from(dialog.code_flow)
    _confirm(qtbot, dialog.code_flow, dialog.accepted)
    window.lock()
    wait_idle(qtbot, context)

    open_vault(made_vault.folder, NEW_PASSPHRASE).close()
    open_vault_with_recovery_code(made_vault.folder, new_code).close()
    # An old copy of the keyslot file with the old passphrase no longer opens the data.
    shutil.copy2(old_keyslots, made_vault.folder / "keyslots.json")
    with pytest.raises(VaultError):
        open_vault(made_vault.folder, made_vault.passphrase)


def test_idle_lock_waits_while_a_new_code_is_on_screen(qtbot, window, made_vault, context, clock):
    dialog = _open_change_dialog(qtbot, window, made_vault)
    dialog.reencrypt.setChecked(True)
    dialog.change_button.click()
    wait_idle(qtbot, context)
    assert dialog.pages.currentIndex() == 1
    clock.advance(6 * 60)
    window.idle_lock.check()
    assert window.vault is not None, "locking now would lose the unconfirmed recovery code"
    _confirm(qtbot, dialog.code_flow, dialog.accepted)
    clock.advance(6 * 60)
    window.idle_lock.check()
    assert window.vault is None


def test_a_computer_lock_while_choosing_a_new_passphrase_closes_the_vault(
    qtbot, window, made_vault, context
):
    """Nobody else at this computer may set the passphrase of a vault left open with the
    recovery code; the code still opens it afterwards."""
    from desktop.ui.shell.window import LOCKED_WHILE_RECOVERING

    flow = _forgot_flow(qtbot, window, made_vault)
    flow.code_entry.setText(made_vault.recovery_code)
    flow.code_next.click()
    wait_idle(qtbot, context)
    assert flow.currentIndex() == 1
    window.auto_lock.computer_locked("screen_locked")
    wait_idle(qtbot, context)
    assert window.stack.currentWidget() is window.unlock_screen
    assert window.unlock_screen.error.text() == LOCKED_WHILE_RECOVERING
    assert window.vault is None
    open_vault(made_vault.folder, made_vault.passphrase).close()  # closed, unchanged
    open_vault_with_recovery_code(made_vault.folder, made_vault.recovery_code).close()


def test_a_computer_lock_never_loses_a_new_recovery_code_being_shown(
    qtbot, window, made_vault, context
):
    flow = _forgot_flow(qtbot, window, made_vault)
    flow.code_entry.setText(made_vault.recovery_code)
    flow.code_next.click()
    wait_idle(qtbot, context)
    flow.passphrase_form.first.setText(NEW_PASSPHRASE)
    flow.passphrase_form.second.setText(NEW_PASSPHRASE)
    flow.passphrase_next.click()
    wait_idle(qtbot, context)
    flow.new_code_button.click()
    wait_idle(qtbot, context)
    assert flow.currentIndex() == 3
    code = _code_from(flow.code_flow)
    window.auto_lock.computer_locked("screen_locked")
    wait_idle(qtbot, context)
    assert window._flow_inner is flow  # still there: the OS lock covers the screen
    assert flow.currentIndex() == 3
    assert _code_from(flow.code_flow) == code
