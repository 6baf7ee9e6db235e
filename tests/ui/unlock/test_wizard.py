"""First-start wizard: name, place, passphrase with feedback, recovery code asked back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.startup_settings import load_settings
from desktop.ui.common.messages import Button
from desktop.vault import check_recovery_code, open_vault_with_recovery_code
from tests.ui.helpers import PASSPHRASE, any_widget_holds, wait_idle


def _to_passphrase_step(window, name: str = "Ward vault") -> object:
    wizard = window._flow_inner
    wizard.name_edit.setText(name)
    wizard.place_next.click()
    assert wizard.steps.currentIndex() == 1
    return wizard


def _create(qtbot, window, wizard) -> str:
    wizard.passphrase_form.first.setText(PASSPHRASE)
    wizard.passphrase_form.second.setText(PASSPHRASE)
    wizard.create_button.click()
    wait_idle(qtbot, window.context)
    assert wizard.steps.currentIndex() == 2, wizard.passphrase_error.text()
    return wizard.code_flow.code_label.text()


def test_first_start_shows_the_wizard(window):
    assert window._flow_inner is not None
    assert window.stack.currentWidget() is window._flow
    assert window.windowTitle() == "Alongside"


def _shown_with(wizard, words: str) -> list[str]:
    """The visible labels of the wizard that say `words`."""
    return [
        shown.text()
        for shown in wizard.findChildren(QLabel)
        if shown.isVisibleTo(wizard) and words in shown.text()
    ]


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("short", "Too short"),
        ("password12", "common"),
        ("iloveyou12", "common"),
        ("Welcome123", "common"),
        ("Password1!", "common"),
        ("Summer2024!", "common"),
    ],
)
def test_weak_passphrase_is_refused_with_its_reason_said_once(qtbot, window, passphrase, reason):
    wizard = _to_passphrase_step(window)
    qtbot.keyClicks(wizard.passphrase_form.first, passphrase)
    qtbot.keyClicks(wizard.passphrase_form.second, passphrase)
    assert reason in wizard.passphrase_form.feedback.text()
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    assert wizard.steps.currentIndex() == 1
    assert not window.context.runner.busy
    assert len(_shown_with(wizard, reason)) == 1


def test_a_passphrase_of_the_vaults_own_name_is_refused(qtbot, window):
    wizard = _to_passphrase_step(window)
    wizard.passphrase_form.first.setText("Wrenfield2026!")
    assert "Too easy to guess" not in wizard.passphrase_form.feedback.text()
    wizard.steps.setCurrentIndex(0)
    wizard.name_edit.setText("Wrenfield Surgery")
    wizard.place_next.click()
    assert wizard.steps.currentIndex() == 1
    assert "Too easy to guess" in wizard.passphrase_form.feedback.text()


def test_mismatched_passphrases_are_refused(qtbot, window):
    wizard = _to_passphrase_step(window)
    wizard.passphrase_form.first.setText(PASSPHRASE)
    wizard.passphrase_form.second.setText(PASSPHRASE + "x")
    wizard.create_button.click()
    assert _shown_with(wizard, "The two passphrases are different.") == [
        "The two passphrases are different."
    ]


def test_wizard_creates_vault_and_asks_the_code_back(qtbot, window, context):
    wizard = _to_passphrase_step(window)
    shown = _create(qtbot, window, wizard)
    code = "-".join(shown.split())
    flow = wizard.code_flow
    assert flow.written_button.isDefault()
    flow.written_button.click()
    assert flow.currentIndex() == 1

    # A typo is caught by the checksum and nothing goes on.
    typo = ("1" if code[0] != "1" else "2") + code[1:]
    flow.entry.setText(typo)
    flow.confirm_button.click()
    assert "typo" in flow.error.text()
    assert window.vault is None

    flow.entry.setText(code.lower().replace("-", " "))
    with qtbot.waitSignal(window.unlocked):
        flow.confirm_button.click()
    wait_idle(qtbot, context)
    assert window.vault is not None
    assert window.vault.name == "Ward vault"
    assert window.stack.currentWidget() is window.vault_view
    assert not any_widget_holds(shown.splitlines()[0]), "the code stays on screen"
    assert not any_widget_holds(code.lower().replace("-", " ")[:9])

    saved = load_settings(context.locations.settings_file)
    assert [k.name for k in saved.known_vaults] == ["Ward vault"]
    folder = Path(saved.known_vaults[0].path)
    assert folder.parent == context.locations.default_vaults_dir
    window.lock()
    wait_idle(qtbot, context)
    open_vault_with_recovery_code(folder, check_recovery_code(code)).close()


def test_printing_warns_before_anything_is_printed(qtbot, window, context):
    wizard = _to_passphrase_step(window)
    _create(qtbot, window, wizard)
    context.messages.set_next_answer(Button.Cancel)
    wizard.code_flow.print_button.click()
    title, text = context.messages.history[-1]
    assert title == "Print the recovery code?"
    assert "Print to PDF" in text
    assert "keep a copy" in text
    assert wizard.code_flow.currentIndex() == 0


def test_vault_in_another_folder(qtbot, window, context, tmp_path):
    usb = tmp_path / "usb-stick"
    wizard = window._flow_inner
    wizard.set_other_folder(usb)
    _to_passphrase_step(window, "Stick")
    _create(qtbot, window, wizard)
    assert (usb / "Alongside vault" / "keyslots.json").exists()


def test_unwritable_folder_is_a_clear_error(qtbot, window, tmp_path):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    wizard = window._flow_inner
    wizard.set_other_folder(not_a_folder / "inside")
    wizard.name_edit.setText("X")
    wizard.place_next.click()
    assert "can't create the folder" in wizard.place_error.text()
    assert wizard.steps.currentIndex() == 0


def test_show_passphrase_keeps_input_methods_out(window):
    from desktop.ui.common.widgets import sensitive_hints

    form = window._flow_inner.passphrase_form
    form.show_toggle.setChecked(True)
    for field in (form.first, form.second):
        assert field.inputMethodHints() & sensitive_hints() == sensitive_hints()
    form.show_toggle.setChecked(False)
    assert form.first.inputMethodHints() & sensitive_hints() == sensitive_hints()


def test_beside_the_app_on_first_start_makes_this_copy_portable(qtbot, window, context):
    root = context.locations.root
    wizard = window._flow_inner
    wizard.beside_choice.setChecked(True)
    _to_passphrase_step(window, "Stick")
    _create(qtbot, window, wizard)
    assert (root / "alongside.portable").exists()
    assert context.locations.portable
    assert (root / "data" / "settings.json").exists()
    assert list((root / "data" / "vaults").glob("*/keyslots.json"))


def test_create_another_vault_can_be_cancelled(qtbot, window, made_vault):
    window.show_unlock()
    window.unlock_screen.create_button.click()
    wizard = window._flow_inner
    assert wizard.place_cancel.isVisible()
    wizard.place_cancel.click()
    assert window.stack.currentWidget() is window.unlock_screen
