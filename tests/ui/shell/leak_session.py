"""A whole debrief session in a child process, for the leak test (not a test itself).

Run with HOME, XDG_* and TMPDIR pointed at sandboxes. It unlocks a vault through the
window, types canaries into the editor (title, field, tag, action point, check-in note)
and the search box, puts the canary on the identifier check's watch list, exports
Markdown and PDF (through the check's preview) to a folder outside the sandboxes, runs a
listening session with a canary as a participant's name (kept in a reflection), copies
the debrief's text and lets the clipboard's wait pass on the app's clock (printing what
the clipboard then holds), locks, unlocks, quits, and prints "done". Waiting uses
QTest.qWait, which runs the event loop.
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.clock import SystemClock
from desktop.startup_settings import StartupSettings
from desktop.ui.common.context import AppContext
from desktop.ui.common.locations import Locations
from desktop.ui.common.messages import Button
from desktop.ui.common.theme import apply_theme
from desktop.ui.listening.session_window import ListeningWindow
from desktop.ui.listening.setup_dialog import SetupDialog
from desktop.ui.shell.places import Place
from desktop.ui.shell.window import ShellWindow
from desktop.vault import FLOOR_KDF, create_vault

PASSPHRASE = "a calm test passphrase for leaks"


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        QTest.qWait(10)


class MovableClock(SystemClock):
    """The real clock plus an offset, so the clipboard's 30 s pass without waiting."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> datetime:
        return super().now() + timedelta(seconds=self.offset)


def copy_and_let_it_expire(window: ShellWindow, clock: MovableClock, canary: str) -> None:
    """Ctrl+C out of the debrief, then the clipboard's wait passes on the app's clock."""
    from PySide6.QtGui import QGuiApplication

    window.activateWindow()  # a copy is made in the focused window (Ctrl+C)
    wait_until(lambda: QGuiApplication.focusWindow() is not None)
    box = window.vault_view.debriefs.editor.field_edits["summarise"]
    box.selectAll()
    box.copy()  # what Ctrl+C does in the box
    clipboard = QGuiApplication.clipboard()
    wait_until(lambda: window.clipboard.pending)
    print("clipboard copied:", canary in clipboard.text(), flush=True)
    clock.offset += window.clipboard.clear_after_s + 1
    QTest.qWait(1_200)  # one tick of the guard's own timer, which asks the clock
    # Printed for the test's canary scan of stdout: it must not hold the canary.
    print("clipboard after its wait:", repr(clipboard.text()), flush=True)


def listening_session(window: ShellWindow, context: AppContext, canary: str, settle) -> None:
    """Issue 15: a participant named with the canary; a format saved; the reflection."""
    view = window.vault_view
    window.listening_session()
    dialog = view.findChildren(SetupDialog)[0]
    QTest.keyClicks(dialog.name_edits[0], canary)
    QTest.keyClicks(dialog.name_edits[1], "Ben")
    QTest.keyClicks(dialog.format_name, "Team format")
    dialog.save_format_button.click()
    settle()
    dialog.start_button.click()
    session = window.findChildren(ListeningWindow)[0]
    session.give_back()
    session.next_turn()
    context.messages.set_next_answer(Button.Yes)
    session.leave()
    session.end_page.with_names.setChecked(True)
    session.end_page.reflect_button.click()  # the names go into the vault, only there
    settle()
    wait_until(lambda: view.debriefs.editor.handle is not None)


def main() -> None:
    data, exports, log_file, canary, search_canary, search_only = sys.argv[1:7]
    logging.basicConfig(filename=log_file, level=logging.DEBUG)
    app = QApplication([sys.argv[0]])
    apply_theme(app, "light")
    locations = Locations(data_dir=Path(data) / "app", portable=False, root=Path(data))
    clock = MovableClock()
    context = AppContext(
        locations=locations, settings=StartupSettings(), kdf=FLOOR_KDF, clock=clock
    )
    context.messages.require_answers = True
    folder = Path(data) / "vault"
    vault, _ = create_vault(folder, "Leaks", PASSPHRASE, kdf=FLOOR_KDF)
    vault.close()
    context.settings.remember_vault(folder, "Leaks")
    window = ShellWindow(context)
    window.show()

    def unlock() -> None:
        window.show_unlock()
        window.unlock_screen.passphrase.setText(PASSPHRASE)
        window.unlock_screen.unlock_button.click()
        wait_until(lambda: window.vault_view is not None and not context.runner.busy)
        wait_until(lambda: window.vault_view.debriefs.ready)

    def settle() -> None:
        wait_until(lambda: not context.runner.busy)

    unlock()
    view = window.vault_view
    view.new_debrief("stop5")
    editor = view.debriefs.editor
    QTest.keyClicks(editor.title_edit, f"Title {canary}")
    QTest.keyClicks(editor.field_edits["summarise"], f"Body {canary} {search_canary}")
    QTest.keyClicks(editor.tag_row.input, f"tag{canary}")
    QTest.keyClick(editor.tag_row.input, Qt.Key.Key_Return)
    checklist = editor.checklists["actions"]
    QTest.keyClicks(checklist.new_text, f"Action {canary}")
    QTest.keyClick(checklist.new_text, Qt.Key.Key_Return)
    settle()
    debrief_id = editor.current_id
    view.check_in(for_debrief=True)
    dialog = view.checkin_flow.dialog
    dialog.zone_buttons["injured"].click()
    QTest.keyClicks(dialog.note, f"Note {canary}")
    dialog.save_button.click()
    settle()
    # Peer support (issue 14): a peer's name, role, notes and a catch-up note are
    # content; so is a peer search. Linked to the debrief, shown on Today.
    view.go_to_place(Place.PEERS)
    settle()
    peers = view.peers
    peers.add_button.click()
    QTest.keyClicks(peers.form.name, f"Peer {canary}")
    peers.form.role.setText(f"Role {canary}")
    peers.form.notes.setPlainText(f"Notes {canary}")
    peers.form.call_when_hard.setChecked(True)
    peers.form.rhythm.setCurrentIndex(1)
    peers.form.save_button.click()
    settle()
    wait_until(lambda: peers.card.peer is not None)
    QTest.keyClicks(peers.card.catch_up_note, f"Caught up {canary}")
    peers.card.log_button.click()
    settle()
    QTest.keyClicks(peers.search, search_only)
    QTest.qWait(300)
    settle()
    view.go_to_place(Place.DEBRIEFS)
    editor.talked_with.toggle(peers.card.peer.id, True)
    settle()
    view.go_to_place(Place.TODAY)
    settle()
    view.focus_search()
    QTest.keyClicks(view.debriefs.search_box, search_canary)
    wait_until(lambda: view.debriefs.results_model.rowCount() == 1)
    settle()
    view.debriefs.search_box.selectAll()
    QTest.keyClicks(view.debriefs.search_box, search_only)  # a term in no note
    wait_until(lambda: view.debriefs.search_runner.last_query == search_only)
    settle()
    # A search that matches nothing closes the editor; open the debrief again to export it.
    view.debriefs.search_box.clear()
    view.open_debrief(debrief_id)
    wait_until(lambda: view.debriefs.editor.current_id == debrief_id)
    settle()
    # Issue 12: the canary is a name on the watch list, so each export shows the
    # identifier check's preview, highlighting it; the check must log none of it.
    watch = view.show_watch_list()
    settle()
    QTest.keyClicks(watch.name_edit, canary)
    watch.add_button.click()
    settle()
    watch.reject()
    for name in ("export.md", "export.pdf"):
        view.export_flow.choose_path = lambda *_, n=name: Path(exports) / n
        view.export()
        wait_until(lambda: view.export_flow.preview is not None)
        view.export_flow.preview.proceed_button.click()
        wait_until(lambda n=name: (Path(exports) / n).exists())
        settle()
    wait_until(lambda: (Path(exports) / "export.pdf").exists())
    copy_and_let_it_expire(window, clock, canary)
    listening_session(window, context, canary, settle)
    window.lock()
    wait_until(lambda: not context.runner.busy)
    unlock()
    window.close()
    context.runner.shutdown()
    print("done", flush=True)


if __name__ == "__main__":
    main()
