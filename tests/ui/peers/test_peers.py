"""The Peers place: add, edit, search, delete to the trash and restore, contact links,
catching up — through the real widgets over a real vault."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from desktop.ui.shell.places import Place

from ..helpers import settle


def list_texts(page) -> list[str]:
    return [page.list.item(i).text() for i in range(page.list.count())]


def add_peer(qtbot, view, name: str, **fields: str) -> None:
    page = view.peers
    page.add_button.click()
    assert page.right.currentWidget() is page.form
    qtbot.keyClicks(page.form.name, name)
    for field, text in fields.items():
        getattr(page.form, field).setText(text)
    page.form.save_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(
        lambda: page.right.currentWidget() is page.card and page.card.name.text() == name
    )


def test_an_empty_place_says_what_it_is_for_and_offers_the_first_action(qtbot, view):
    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    page = view.peers
    assert page.right.currentWidget() is page.empty
    assert "talk things through" in page.empty.text()
    assert page.add_button.isVisible()


def test_add_edit_and_see_a_peer(qtbot, view):
    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    add_peer(qtbot, view, "Sam Okafor", role="Psychologist", phone="+44 20 7946 0000")
    page = view.peers
    assert list_texts(page) == ["Sam Okafor\nPsychologist"]
    assert page.card.call_button.text() == "Call +44 20 7946 0000"
    assert page.card.call_button.isVisible()
    assert not page.card.email_button.isVisible()
    page.card.edit_button.click()
    assert page.form.name.text() == "Sam Okafor"
    page.form.role.setText("Team lead")
    page.form.call_when_hard.setChecked(True)
    page.form.save_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: list_texts(page) == ["Sam Okafor\nTeam lead"])
    assert "You can call them when it is hard." in page.card.details.text()
    assert "Sam" not in view.window().windowTitle()


def test_a_peer_without_a_name_is_refused_with_a_sentence(qtbot, view):
    view.go_to_place(Place.PEERS)
    page = view.peers
    page.add_button.click()
    page.form.phone.setText("not a number")
    page.form.save_button.click()
    assert page.form.error.isVisible()
    assert page.form.error.text().startswith("A peer needs a name.")
    assert page.right.currentWidget() is page.form
    assert view.ops.vault.peers.list() == []


def test_search_finds_a_peer_by_name_role_or_tag(qtbot, view):
    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    add_peer(qtbot, view, "Sam Okafor", tags="night shift")
    add_peer(qtbot, view, "Alex Moreau", organisation="Riverside")
    page = view.peers
    assert list_texts(page) == ["Alex Moreau\nRiverside", "Sam Okafor"]
    view.focus_search()
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "night")
    qtbot.waitUntil(lambda: list_texts(page) == ["Sam Okafor"])
    page.search.setText("nobody-like-this")
    qtbot.waitUntil(lambda: page.no_match.isVisible())
    assert list_texts(page) == []


def test_delete_to_the_trash_and_restore(qtbot, view):
    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    add_peer(qtbot, view, "Sam Okafor")
    page = view.peers
    page.card.delete_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: list_texts(page) == [])
    assert page.right.currentWidget() is page.empty
    view.go_to_place(Place.TRASH)
    trash = view.trash.peers
    qtbot.waitUntil(lambda: trash.isVisible() and trash.list.count() == 1)
    assert trash.list.item(0).text().startswith("Sam Okafor\ndeleted ")
    trash.restore_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not trash.isVisible())
    view.go_to_place(Place.PEERS)
    qtbot.waitUntil(lambda: list_texts(page) == ["Sam Okafor"])


class UrlCatcher(QObject):
    """Stands in for the system's phone and mail apps (Qt's own URL-handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_contact_links_open_the_systems_handler(qtbot, view):
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("tel", catcher, "open")
    QDesktopServices.setUrlHandler("mailto", catcher, "open")
    QDesktopServices.setUrlHandler("sgnl", catcher, "open")
    try:
        view.go_to_place(Place.PEERS)
        settle(qtbot, view)
        add_peer(
            qtbot,
            view,
            "Sam Okafor",
            phone="+44 (20) 7946-0000",
            email="sam@example.org",
            handle="Signal sgnl://signal.me/#p/+442079460000",
        )
        card = view.peers.card
        card.call_button.click()
        card.email_button.click()
        assert card.message_button.isVisible()
        card.message_button.click()
        assert catcher.opened == [
            "tel:+442079460000",
            "mailto:sam@example.org",
            "sgnl://signal.me/#p/+442079460000",
        ]
        # A handle that is not an address is shown as text, never a link.
        card.edit_button.click()
        view.peers.form.handle.setText("@sam.k on Signal")
        view.peers.form.save_button.click()
        settle(qtbot, view)
        qtbot.waitUntil(lambda: "Messaging: @sam.k on Signal" in card.details.text())
        assert not card.message_button.isVisible()
    finally:
        for scheme in ("tel", "mailto", "sgnl"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_a_peer_added_elsewhere_shows_through_change_notices(qtbot, view):
    from desktop.models.peer import peer_details

    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    view.ops.run(lambda v: v.peers.add(peer_details(name="Added by sync")))
    qtbot.waitUntil(lambda: list_texts(view.peers) == ["Added by sync"])


def test_log_a_catch_up(qtbot, view):
    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    add_peer(qtbot, view, "Sam Okafor")
    card = view.peers.card
    assert card.catch_up_state.text().startswith("No catch-ups logged yet.")
    card.way.setCurrentIndex(card.way.findText("Phone call"))
    qtbot.keyClicks(card.catch_up_note, "walked after the shift")
    card.log_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: card.catch_up_state.text().startswith("Last caught up today"))
    texts = [card.history.itemAt(i).widget().text() for i in range(card.history.count())]
    assert any("Phone call — walked after the shift" in text for text in texts)


def test_locking_leaves_no_peer_content_in_any_widget(qtbot, window, made_vault, clock):
    from desktop.models.peer import peer_details

    from ..helpers import unlock

    window.show_unlock()
    unlock(qtbot, window, made_vault.passphrase)
    view = window.vault_view
    canary = "Quillfeather Peer 5521"
    view.ops.run(
        lambda v: v.peers.add(
            peer_details(name=canary, notes=f"notes {canary}", call_when_hard=True, rhythm_days=7)
        )
    )
    settle(qtbot, view)
    clock.advance(days=10)
    view.go_to_place(Place.PEERS)
    qtbot.waitUntil(lambda: view.peers.card.name.text() == canary)
    view.go_to_place(Place.TODAY)
    qtbot.waitUntil(lambda: any(canary in link.text() for link in view.today.catch_ups.links))
    from ..helpers import any_widget_holds

    assert any_widget_holds(canary)
    assert canary not in window.windowTitle()
    window.lock("manual")
    qtbot.waitUntil(lambda: window.vault is None, timeout=10_000)
    qtbot.waitUntil(lambda: not any_widget_holds(canary))


def test_add_a_peer_by_keyboard_only_and_escape_cancels(qtbot, view):
    from PySide6.QtCore import Qt

    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    page = view.peers
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    assert page.form.name.hasFocus()
    qtbot.keyClicks(page.form.name, "Nobody yet")
    qtbot.keyClick(page.form.name, Qt.Key.Key_Escape)
    assert page.right.currentWidget() is page.empty
    assert list_texts(page) == []
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    qtbot.keyClicks(page.form.name, "Sam Okafor")
    qtbot.keyClick(page.form.name, Qt.Key.Key_Tab)
    assert page.form.role.hasFocus()
    qtbot.keyClicks(page.form.role, "Psychologist")
    qtbot.keyClick(page.form.name, Qt.Key.Key_Return)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: list_texts(page) == ["Sam Okafor\nPsychologist"])
    assert page.list.hasFocus()


def test_log_a_catch_up_for_an_earlier_day(qtbot, view, vault):
    from datetime import timedelta

    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    add_peer(qtbot, view, "Sam Okafor")
    card = view.peers.card
    today = view.ops.today()
    assert card.when.itemText(0) == "Today"  # never ahead of the app's clock
    assert card.when.itemText(1) == "Yesterday"
    assert card.when.itemData(0) == today
    card.when.setCurrentIndex(3)
    card.log_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: card.catch_up_state.text().startswith("Last caught up "))
    (entry,) = vault.peers.catch_ups(card.peer.id)
    assert entry.at.astimezone().date() == today - timedelta(days=3)


def test_delete_a_peer_forever_from_the_trash_after_confirming(qtbot, view, vault):
    from desktop.models.peer import peer_details
    from desktop.ui.common.messages import Button

    peer = vault.peers.add(peer_details(name="Sam Okafor", notes="walks after shifts"))
    vault.peers.log_catch_up(peer.id, note="coffee")
    vault.peers.delete(peer.id)
    view.go_to_place(Place.TRASH)
    trash = view.trash.peers
    qtbot.waitUntil(lambda: trash.isVisible() and trash.list.count() == 1)
    view.context.messages.set_next_answer(Button.Cancel)
    trash.delete_button.click()
    settle(qtbot, view)
    assert [p.id for p in vault.peers.trashed()] == [peer.id]
    view.context.messages.set_next_answer(Button.Yes)
    trash.delete_button.click()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not trash.isVisible())
    assert vault.peers.trashed() == []
    assert vault.run(lambda c: c.execute("SELECT count(*) FROM catch_ups").fetchone()[0]) == 0


def test_tab_follows_reading_order_on_the_card(qtbot, view):
    from PySide6.QtCore import Qt

    view.go_to_place(Place.PEERS)
    settle(qtbot, view)
    add_peer(qtbot, view, "Sam Okafor")
    card = view.peers.card
    card.catch_up_note.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(view.window().focusWidget(), Qt.Key.Key_Tab)
        order.append(view.window().focusWidget())
    assert order == [card.when, card.way, card.log_button]
