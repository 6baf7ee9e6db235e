"""Back up… and Restore… through the window, as a person would: the round trip, a refused
restore that changes nothing, a file that is not a backup, and the reminder on Today."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.ui.backup import restore_flow
from desktop.ui.common.messages import Button
from desktop.ui.shell.places import Place
from desktop.vault import open_vault
from tests.sandbox import contains_canary
from tests.ui.helpers import PASSPHRASE, new_from, save_now, settle, wait_idle

CANARY = "Backup canary Hollowmere"


@pytest.fixture
def restore_chooses(monkeypatch):
    """Answer the restore file dialog with the path a test gives."""
    chosen: list[Path] = []
    monkeypatch.setattr(restore_flow, "CHOOSER", [lambda parent, data_dir: chosen[0]])
    return chosen


def back_up(qtbot, view, path: Path) -> None:
    view.backup_flow.choose_path = lambda parent, title, suggested, data_dir: path
    menu = {a.text(): a for a in view.window().menus["vault"].actions()}
    menu["&Back up…"].trigger()
    qtbot.waitUntil(lambda: view.backup_flow.last_written == path, timeout=20_000)
    wait_idle(qtbot, view.context)


def test_back_up_and_restore_through_the_window(qtbot, view, vault, tmp_path, restore_chooses):
    window = view.window()
    new_from(qtbot, view, "free_note")
    qtbot.keyClicks(view.debriefs.editor.body_edit, CANARY)
    save_now(qtbot, view)
    backup = tmp_path / "out" / "alongside-backup.albk"
    backup.parent.mkdir()
    back_up(qtbot, view, backup)
    assert backup.stat().st_size > 0
    assert "Backed up to alongside-backup.albk" in window.status.text.text()
    assert not contains_canary(backup.read_bytes(), [CANARY])  # encrypted
    view.ops.run(lambda v: v.debriefs.add("Written after the backup", "later"))
    settle(qtbot, view)

    folder = vault.folder
    restore_chooses.append(backup)
    dialog = window.restore_from_backup()
    assert dialog is not None
    assert window.vault is None  # locked first: what was typed is saved and cleared
    assert "Backup made on" in dialog.findChildren(type(dialog.problem))[1].text()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.context)
    notice = window.status.banner
    assert notice is not None
    assert notice.isVisible()
    assert "The vault it replaced is kept in" in notice.text.text()
    titles = {d.title for d in window.vault.debriefs.list()}
    assert "Written after the backup" not in titles  # the vault is as it was backed up
    assert any(CANARY in d.body for d in window.vault.debriefs.list())
    aside = [p for p in folder.parent.iterdir() if p.name.startswith(f"{folder.name} (replaced")]
    assert len(aside) == 1  # the replaced vault is kept until the user removes it
    window.lock("closed")
    wait_idle(qtbot, window.context)
    with open_vault(aside[0], PASSPHRASE) as replaced:
        assert "Written after the backup" in {d.title for d in replaced.debriefs.list()}


def test_a_wrong_passphrase_restores_nothing(qtbot, view, vault, tmp_path, restore_chooses):
    window = view.window()
    backup = tmp_path / "b.albk"
    back_up(qtbot, view, backup)
    before = sorted(p.name for p in vault.folder.parent.iterdir())
    restore_chooses.append(backup)
    dialog = window.restore_from_backup()
    qtbot.keyClicks(dialog.passphrase, "not the passphrase at all")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.problem.text()), timeout=30_000)
    assert "passphrase" in dialog.problem.text().lower()
    assert dialog.isVisible()  # the user can try again
    assert sorted(p.name for p in vault.folder.parent.iterdir()) == before  # nothing replaced
    dialog.reject()


def test_a_file_that_is_not_a_backup_is_refused_before_any_secret(
    qtbot, view, tmp_path, restore_chooses
):
    window = view.window()
    stray = tmp_path / "notes.albk"
    stray.write_bytes(b"just some bytes, not a backup at all" * 10)
    restore_chooses.append(stray)
    window.context.messages.set_next_answer(Button.Ok)
    assert window.restore_from_backup() is None
    title, text = window.context.messages.history[-1]
    assert title == "This file can't be restored"
    assert text.endswith(".")
    assert window.vault is not None  # not even locked


def test_today_says_when_a_backup_is_due(qtbot, view, clock, tmp_path):
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    assert not view.today.backup_reminder.isVisible()  # not on the first day
    clock.advance(timedelta(days=31).total_seconds())
    view.today.refresh()
    settle(qtbot, view)
    assert "no backup yet" in view.today.backup_reminder.text()
    back_up(qtbot, view, tmp_path / "fresh.albk")
    view.today.refresh()
    settle(qtbot, view)
    assert not view.today.backup_reminder.isVisible()
    clock.advance(timedelta(days=40).total_seconds())
    view.today.refresh()
    settle(qtbot, view)
    assert "It's been 40 days since your last backup" in view.today.backup_reminder.text()
    view.backup_reminder_actions[0].trigger()  # Vault > Backup reminder > Never
    settle(qtbot, view)
    view.today.refresh()
    settle(qtbot, view)
    assert not view.today.backup_reminder.isVisible()
