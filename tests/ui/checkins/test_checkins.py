"""Check-ins: the dialog by keyboard, the chart and table, the heavy-week card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.models.checkin import StressZone
from desktop.ui.common.messages import Button
from desktop.ui.shell.places import Place
from tests.ui.helpers import new_from, settle


def test_checkin_dialog_by_keyboard_with_debrief(qtbot, view, vault):
    new_from(qtbot, view, "gibbs")
    qtbot.keyClicks(view.debriefs.editor.body_edit, "Hard afternoon")
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    qtbot.keyClick(
        view.debriefs.editor.body_edit,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = view.checkin_flow.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.save_button.isEnabled()  # a zone first
    # Zones carry their names and colours in words, not colour alone.
    assert [b.text().split(" —")[0] for b in dialog.zone_buttons.values()] == [
        "Ready (green)",
        "Reacting (yellow)",
        "Injured (orange)",
        "Ill (red)",
    ]
    dialog.close()
    settle(qtbot, view)
    view.check_in(for_debrief=True)
    dialog = view.checkin_flow.dialog
    dialog.zone_buttons["reacting"].click()
    dialog.energy.slider.setValue(3)
    dialog.sleep.enabled.setChecked(True)
    qtbot.keyClicks(dialog.note, "short note")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    debrief_id = view.debriefs.editor.current_id
    checkin = vault.checkins.for_debrief(debrief_id)
    assert (checkin.zone, checkin.energy, checkin.sleep, checkin.note) == (
        StressZone.REACTING,
        3,
        5,
        "short note",
    )
    assert view.debriefs.editor.checkin_text.text() == "Check-in: Reacting (yellow)"


def test_one_click_checkin_chart_table_and_heavy_week_card(qtbot, view, vault):
    view.go_to_place(Place.TODAY)
    for zone in ("injured", "ill", "injured"):
        qtbot.mouseClick(view.today.zone_buttons[zone], Qt.MouseButton.LeftButton)
        settle(qtbot, view)
    assert [c.zone.value for c in vault.checkins.recent()] == ["injured", "ill", "injured"]
    card = view.today.card
    assert card.isVisible()
    assert card.accessibleName() == "It has been a heavy week"
    assert "3 times" in card.text.text()
    # The card offers the crisis resources and is dismissed with one click.
    qtbot.mouseClick(card.crisis_button, Qt.MouseButton.LeftButton)
    assert view.current_place is Place.RESOURCES  # shipped lines and the user's own
    assert view.resources.notice.text().startswith("If you are in immediate danger")
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    qtbot.mouseClick(card.dismiss_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert not card.isVisible()
    assert vault.checkins.heavy_week() is None
    view.go_to_place(Place.CHECKINS)
    settle(qtbot, view)
    page = view.checkins
    rows = page.table.cell_texts()
    assert len(rows) == 7
    assert rows[0][1:5] == ["0", "0", "2", "1"]  # today: ready, reacting, injured, ill
    qtbot.mouseClick(page.span_buttons["year"], Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert len(page.table.cell_texts()) == 12
    assert page.chart.span == "year"
    image = page.chart.grab()
    assert not image.isNull()
    assert page.recent.count() == 3
    assert "Injured (orange)" in page.recent.item(0).text()
    page.recent.setCurrentRow(0)
    view.context.messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert page.recent.count() == 2
    assert len(vault.checkins.recent()) == 2


def test_heavy_week_card_can_be_turned_off(qtbot, view, vault):
    for _ in range(3):
        vault.checkins.add(StressZone.ILL)
    view.today.refresh()
    settle(qtbot, view)
    assert view.today.card.isVisible()
    qtbot.mouseClick(view.today.card.off_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert not vault.checkins.heavy_week_signal_enabled
    vault.checkins.add(StressZone.ILL)
    view.today.refresh()
    settle(qtbot, view)
    assert not view.today.card.isVisible()
    view.go_to_place(Place.CHECKINS)
    settle(qtbot, view)
    assert not view.checkins.signal_box.isChecked()
    view.checkins.signal_box.setChecked(True)  # on again, from Check-ins
    settle(qtbot, view)
    assert vault.checkins.heavy_week_signal_enabled
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    assert view.today.card.isVisible()


def test_a_one_click_checkin_can_be_taken_back_for_a_few_seconds(qtbot, view, vault):
    window = view.window()
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    qtbot.mouseClick(view.today.zone_buttons["ill"], Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert [c.zone.value for c in vault.checkins.recent()] == ["ill"]
    undo = window.status.undo_button
    assert undo.isVisible()
    assert window.status.text.text() == "Check-in saved: Ill (red)."
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert vault.checkins.recent() == []  # a slip of the mouse costs nothing
    assert not undo.isVisible()
    assert window.status.text.text() == "Check-in taken back."
    window.status.undo_ms = 50  # the real offer lasts 8 s
    qtbot.mouseClick(view.today.zone_buttons["ready"], Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not undo.isVisible(), timeout=2_000)  # the offer passes
    assert [c.zone.value for c in vault.checkins.recent()] == ["ready"]
