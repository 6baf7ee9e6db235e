"""The peer-support screens hold at 1024×700 with text at 150%: no button squeezed
below its text, no sideways scrollbar (UI.md, "Sizes every screen must hold")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollBar

from desktop.models.checkin import StressZone
from desktop.models.peer import CatchUpWay, peer_details
from desktop.ui.common.theme import apply_theme
from desktop.ui.shell.places import Place
from desktop.vault.crisis_directory import crisis_line

from ..helpers import settle


@pytest.fixture
def large_text(qapp: QApplication):
    font = qapp.font()
    bigger = type(font)(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    apply_theme(qapp, "light")
    yield
    qapp.setFont(font)
    apply_theme(qapp, "light")


def squeezed_or_sideways(page) -> list[str]:
    found = []
    for widget in page.findChildren(QAbstractButton):
        if widget.isVisibleTo(page) and widget.width() + 1 < widget.sizeHint().width():
            found.append(f"button {widget.text()!r} {widget.width()} < {widget.sizeHint().width()}")
    for bar in page.findChildren(QScrollBar):
        if bar.orientation() == Qt.Orientation.Horizontal and bar.isVisibleTo(page):
            found.append(f"sideways scrollbar under {type(bar.parent().parent()).__name__}")
    return found


def test_peers_today_and_resources_hold_at_1024_by_700_and_150_percent(
    qtbot, large_text, view, vault, clock
):
    sam = vault.peers.add(
        peer_details(
            name="Dr Priya Ramanathan-Whitfield",
            role="Consultant psychiatrist and team lead",
            organisation="Riverside Community Mental Health Team",
            phone="+44 20 7946 0000",
            email="priya.ramanathan-whitfield@example.org",
            handle="Signal: @priya.rw",
            availability="Weekday evenings after 18:00",
            notes="Understands the long shifts. " * 10,
            call_when_hard=True,
            rhythm_days=7,
        )
    )
    vault.peers.log_catch_up(sam.id, CatchUpWay.VIDEO, "A long talk after the review " * 3)
    debrief = vault.debriefs.add("Night shift on ward 7 after the incident", "hard")
    vault.peer_links.set_for_debrief(debrief.id, [sam.id])
    for zone in (StressZone.INJURED, StressZone.ILL, StressZone.INJURED):
        vault.checkins.add(zone)
    vault.crisis_lines.add(
        crisis_line(
            country="United Kingdom",
            service="Riverside staff support line",
            how="call 020 7946 0100",
            hours="weekdays",
            source="intranet",
            checked="2026-11",
        )
    )
    clock.advance(days=2)
    window = view.window()
    window.resize(1024, 700)
    for place, page in (
        (Place.PEERS, view.peers),
        (Place.TODAY, view.today),
        (Place.RESOURCES, view.resources),
        (Place.TRASH, view.trash),
    ):
        view.go_to_place(place)
        settle(qtbot, view)
        if place is Place.PEERS:
            qtbot.waitUntil(lambda: view.peers.card.linked.count() == 1)
        QApplication.processEvents()
        assert squeezed_or_sideways(page) == [], place
    view.go_to_place(Place.PEERS)
    view.peers.edit_selected()
    QApplication.processEvents()
    assert squeezed_or_sideways(view.peers) == []
    view.peers.form.cancel_button.click()
