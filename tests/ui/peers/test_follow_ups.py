"""Follow-ups after a hard check-in or debrief: a quiet inline offer (never a dialog),
offered once, and the 72-hour and one-month follow-ups on Today on the injected clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.ui.shell.places import Place

from ..helpers import new_from, settle


def quick_checkin(qtbot, view, zone: str) -> None:
    qtbot.mouseClick(view.today.zone_buttons[zone], Qt.MouseButton.LeftButton)
    settle(qtbot, view)


def no_dialog_open() -> bool:
    return not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


def test_72_hour_and_one_month_follow_ups_after_a_red_check_in(qtbot, view, vault, clock):
    view.go_to_place(Place.TODAY)
    today = view.today
    quick_checkin(qtbot, view, "ready")
    assert not today.follow_up_offer.isVisible()  # green: nothing offered
    quick_checkin(qtbot, view, "ill")
    qtbot.waitUntil(lambda: today.follow_up_offer.isVisible())
    assert no_dialog_open()
    assert today.follow_up_offer.text.text().startswith("That sounded hard.")
    qtbot.mouseClick(today.follow_up_offer.accept_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert not today.follow_up_offer.isVisible()
    assert vault.follow_ups.pending()
    # No new offer while follow-ups are pending.
    quick_checkin(qtbot, view, "injured")
    assert not today.follow_up_offer.isVisible()
    # Nothing shows until 72 hours have passed.
    clock.advance(hours=71)
    today.refresh()
    settle(qtbot, view)
    assert not today.follow_ups.isVisible()
    clock.advance(hours=2)
    today.refresh()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: today.follow_ups.isVisible())
    ((entry, row),) = today.follow_ups.rows
    assert entry.sentence == "A few days ago you had a hard day. How are you doing now?"
    dismiss = next(b for b in row.findChildren(type(today.crisis_link)) if b.text() == "Dismiss")
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert not today.follow_ups.isVisible()
    # The month one, cleared by "Talk to a peer" (which opens Peers).
    clock.advance(days=27)
    today.refresh()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: today.follow_ups.isVisible())
    ((entry, row),) = today.follow_ups.rows
    assert entry.sentence.startswith("About a month ago")
    peer = next(
        b for b in row.findChildren(type(today.crisis_link)) if b.text() == "Talk to a peer"
    )
    qtbot.mouseClick(peer, Qt.MouseButton.LeftButton)
    assert view.current_place is Place.PEERS
    settle(qtbot, view)
    assert not vault.follow_ups.pending()
    assert vault.follow_ups.due() == []


def test_declining_is_one_click_and_is_remembered(qtbot, view, vault):
    view.go_to_place(Place.TODAY)
    today = view.today
    quick_checkin(qtbot, view, "injured")
    qtbot.waitUntil(lambda: today.follow_up_offer.isVisible())
    qtbot.mouseClick(today.follow_up_offer.decline_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert not today.follow_up_offer.isVisible()
    assert not vault.follow_ups.pending()


def test_a_red_check_in_with_a_debrief_offers_under_the_debrief(qtbot, view, vault):
    new_from(qtbot, view, "stop5")
    editor = view.debriefs.editor
    body = editor.body_edit
    assert body is not None
    qtbot.keyClicks(body, "A very hard case")
    view.check_in(for_debrief=True)
    dialog = view.checkin_flow.dialog
    dialog.zone_buttons["ill"].click()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: editor.follow_up_offer.isVisible())
    assert not view.today.follow_up_offer.isVisible()
    qtbot.mouseClick(editor.follow_up_offer.accept_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    assert vault.follow_ups.pending()
