"""Peers on Today and the heavy-week card: calm catch-up reminders on the injected clock,
and the people I can call when it is hard beside the crisis lines."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.models.checkin import StressZone
from desktop.models.peer import peer_details
from desktop.ui.shell.places import Place

from ..helpers import settle


def link_texts(column) -> list[str]:
    return [link.text() for link in column.links]


def test_a_reminder_appears_when_the_rhythm_passes_and_goes_when_i_catch_up(
    qtbot, view, vault, clock
):
    vault.peers.add(peer_details(name="Sam Okafor", rhythm_days=14))
    vault.peers.add(peer_details(name="Alex Moreau"))  # no rhythm: never reminded
    today = view.today
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    assert not today.catch_ups.isVisible()
    clock.advance(days=13)
    today.refresh()
    settle(qtbot, view)
    assert not today.catch_ups.isVisible()
    clock.advance(days=8)
    today.refresh()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: today.catch_ups.isVisible())
    assert link_texts(today.catch_ups) == ["It's been 3 weeks since you caught up with Sam Okafor."]
    qtbot.mouseClick(today.catch_ups.links[0], Qt.MouseButton.LeftButton)
    assert view.current_place is Place.PEERS
    card = view.peers.card
    qtbot.waitUntil(lambda: card.name.text() == "Sam Okafor")
    card.log_button.click()
    settle(qtbot, view)
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not today.catch_ups.isVisible())
    assert "Sam" not in view.window().windowTitle()


def test_today_and_the_heavy_week_card_link_to_peers_i_can_call(qtbot, view, vault):
    vault.peers.add(peer_details(name="Sam Okafor", phone="+44 20 7946 0000", call_when_hard=True))
    vault.peers.add(peer_details(name="Alex Moreau"))
    for zone in (StressZone.INJURED, StressZone.ILL, StressZone.INJURED):
        vault.checkins.add(zone)
    today = view.today
    view.go_to_place(Place.TODAY)
    today.refresh()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: today.card.isVisible())
    assert link_texts(today.call_when_hard) == ["Sam Okafor · +44 20 7946 0000"]
    assert link_texts(today.card.peers) == ["Sam Okafor · +44 20 7946 0000"]
    assert today.crisis_link.isVisible()
    qtbot.mouseClick(today.card.peers.links[0], Qt.MouseButton.LeftButton)
    assert view.current_place is Place.PEERS
    qtbot.waitUntil(lambda: view.peers.card.name.text() == "Sam Okafor")
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    qtbot.mouseClick(today.crisis_link, Qt.MouseButton.LeftButton)
    assert view.current_place is Place.RESOURCES


def test_marking_a_peer_elsewhere_updates_today(qtbot, view, vault):
    today = view.today
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    assert not today.call_when_hard.isVisible()
    view.ops.run(lambda v: v.peers.add(peer_details(name="Added by sync", call_when_hard=True)))
    qtbot.waitUntil(lambda: link_texts(today.call_when_hard) == ["Added by sync"])


def test_reminders_never_reach_an_os_notification():
    """Reminders name a person, so they stay in the window: nothing in the app can post
    a system notification (no tray icon, no notification service)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "desktop"
    senders = ("QSystemTrayIcon", "showMessage(", "notify-send", "org.freedesktop.Notifications")
    found = [
        f"{path.relative_to(root)}: {sender}"
        for path in root.rglob("*.py")
        for sender in senders
        if sender in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_a_long_name_is_shortened_in_a_link_never_clipped(qtbot, view, vault, clock):
    long_name = "Dr Priya Ramanathan-Whitfield-Abernathy of the Riverside Clinic"
    vault.peers.add(peer_details(name=long_name, rhythm_days=7, call_when_hard=True))
    clock.advance(days=8)
    today = view.today
    view.go_to_place(Place.TODAY)
    today.refresh()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: today.catch_ups.isVisible())
    (link,) = today.catch_ups.links
    assert link.text().startswith("It's been 8 days since you caught up with Dr Priya")
    assert "…" in link.text()
    assert link.accessibleName().endswith(f"{long_name}.")  # the whole name for a reader
    assert link.width() >= link.sizeHint().width()
