"""Change notices: what changes behind the UI's back (as sync will) shows on open screens.

Each change here is made through the vault API on another thread, never through the UI,
and nothing but the vault's own notice tells the screens about it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.models.checkin import StressZone
from desktop.ui.shell.places import Place
from desktop.vault import Changed, ChangeNotice, Vault
from tests.ui.helpers import settle


def behind_the_ui(change: Callable[[], object]) -> None:
    """Run `change` on a thread of its own, as the sync client will."""
    worker = threading.Thread(target=change)
    worker.start()
    worker.join(timeout=10)


def list_titles(view) -> list[str]:
    model = view.debriefs.list_model
    return [model.summary_at(row).title for row in range(model.rowCount())]


def test_a_debrief_added_elsewhere_appears_in_the_open_list(qtbot, view, vault: Vault):
    view.go_to_place(Place.DEBRIEFS)
    settle(qtbot, view)
    assert list_titles(view) == []
    behind_the_ui(lambda: vault.debriefs.add("Arrived by sync", "body"))
    qtbot.waitUntil(lambda: list_titles(view) == ["Arrived by sync"], timeout=5_000)


def test_a_checkin_added_elsewhere_appears_on_today(qtbot, view, vault: Vault):
    view.go_to_place(Place.TODAY)
    settle(qtbot, view)
    assert view.today.checkin_status.text() == "No check-ins yet."
    behind_the_ui(lambda: vault.checkins.add(StressZone.INJURED))
    qtbot.waitUntil(lambda: "Injured (orange)" in view.today.checkin_status.text(), timeout=5_000)


def test_a_checkin_added_elsewhere_appears_in_the_chart(qtbot, view, vault: Vault):
    view.go_to_place(Place.CHECKINS)
    settle(qtbot, view)
    table = view.checkins.table

    def ill_total() -> int:
        column = 1 + list(StressZone).index(StressZone.ILL)
        return sum(int(row[column]) for row in table.cell_texts())

    assert ill_total() == 0
    behind_the_ui(lambda: vault.checkins.add(StressZone.ILL))
    qtbot.waitUntil(lambda: ill_total() == 1, timeout=5_000)


def test_the_editors_own_save_does_not_reload_the_list_or_the_text(qtbot, view, vault: Vault):
    notices: list[ChangeNotice] = []
    view.notices.changed.connect(notices.append)
    view.new_debrief("free_note")
    editor = view.debriefs.editor
    box = editor.body_edit
    qtbot.keyClicks(box, "typed by hand")
    view.save_pending()
    settle(qtbot, view)
    fetched = view.debriefs.list_model.pages_fetched
    cursor = box.textCursor().position()
    qtbot.keyClicks(box, " and more")
    view.save_pending()
    settle(qtbot, view)
    own = [n for n in notices if Changed.DEBRIEFS in n.kinds]
    assert own, "the save announced a change"
    assert view.debriefs.list_model.pages_fetched == fetched  # no reload for its own save
    assert box.toPlainText() == "typed by hand and more"
    assert box.textCursor().position() == cursor + len(" and more")
    behind_the_ui(lambda: vault.debriefs.add("Another", "from elsewhere"))
    qtbot.waitUntil(lambda: view.debriefs.list_model.pages_fetched > fetched, timeout=5_000)
    assert box.toPlainText() == "typed by hand and more"  # the editor never reloads


def test_a_notice_names_its_kinds_and_never_content(vault: Vault):
    heard: list[ChangeNotice] = []
    vault.on_change(heard.append)
    debrief = vault.debriefs.add("Secret title Wrenfield", "body")
    vault.tags.set(debrief.id, ["nights"])
    vault.remove_change_listener(heard.append)
    vault.checkins.add(StressZone.READY)
    assert [sorted(n.kinds) for n in heard] == [
        [Changed.DEBRIEFS],
        [Changed.DEBRIEFS, Changed.TAGS],
    ]
    assert all("Wrenfield" not in repr(n) for n in heard)
