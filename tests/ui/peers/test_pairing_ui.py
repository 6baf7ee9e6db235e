"""Pairing through the Peers page on two real windows, two vaults and a relay process.

A shows a code, B types it; both see the same safety number and confirm it; the Peers
pages say "verified"; a note written in A's Shared place arrives in B's. Then: a
mistyped code fails on both sides and stores nothing; Cancel leaves nothing; Stop
sharing asks first and forgets the pairing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from desktop.startup_settings import StartupSettings
from desktop.ui.common.context import AppContext
from desktop.ui.common.locations import Locations
from desktop.ui.common.theme import apply_theme
from desktop.ui.shell.places import Place
from desktop.ui.shell.window import ShellWindow
from desktop.vault import FLOOR_KDF, create_vault, open_vault
from tests.clock import FakeClock
from tests.relay.conftest import RelayProcess, relay_env

from ..helpers import wait_idle

# Known and left for the relay-client work (closing note, docs/performance.md): when a
# window locks, closing the channel's httpx client under its long-poll can leave one
# connection's socket to this test relay unclosed, and the warning surfaces at some
# later test's garbage collection. Only that warning is let through here.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning",
    "ignore:unclosed <socket.socket:ResourceWarning",
)


@pytest.fixture(autouse=True)
def _collect_left_sockets() -> Iterator[None]:
    """After the windows are gone, collect here, so such a socket is let through in
    this module rather than failing whichever test runs next."""
    yield
    gc.collect()


PASSPHRASE = "quiet harbour lantern 42"


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayProcess]:
    process = RelayProcess(
        db=tmp_path / "relay.db", log_path=tmp_path / "relay.log", env=relay_env()
    )
    process.start()
    yield process
    process.stop()


def open_window(qtbot, tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    """A second app context and window on its own vault (as a second computer)."""
    from datetime import timedelta

    apply_theme(QApplication.instance(), "light")  # type: ignore[arg-type]
    clock = FakeClock(step=timedelta(microseconds=1))
    locations = Locations(tmp_path / name / "data", False, tmp_path / name / "app")
    context = AppContext(locations, StartupSettings(), kdf=FLOOR_KDF, clock=clock)
    context.messages.require_answers = True
    folder = tmp_path / name / "vault"
    create_vault(folder, name, PASSPHRASE, kdf=FLOOR_KDF)[0].close()
    vault = open_vault(folder, PASSPHRASE, clock=clock)
    shell = ShellWindow(context)
    qtbot.addWidget(shell)
    shell.resize(1100, 720)
    shell.show()
    shell.open_session(vault)
    view = shell.vault_view
    qtbot.waitUntil(lambda: view.debriefs.ready, timeout=10_000)
    wait_idle(qtbot, context)
    return shell, view, context


@pytest.fixture
def two(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    a = open_window(qtbot, tmp_path, "a")
    b = open_window(qtbot, tmp_path, "b")
    yield a, b
    for shell, _, context in (a, b):
        if shiboken6.isValid(shell) and shell.vault is not None:
            shell.lock("closed")
        wait_idle(qtbot, context)
        context.runner.shutdown()


def start_pairing(qtbot, view, relay_url: str):  # type: ignore[no-untyped-def]
    view.go_to_place(Place.PEERS)
    wait_idle(qtbot, view.context)
    sharing = view.peers.sharing
    assert sharing.panel.pair_button.isVisible()
    sharing.panel.pair_button.click()
    qtbot.waitUntil(lambda: sharing.dialog is not None and sharing.dialog.isVisible())
    dialog = sharing.dialog
    dialog.relay.setText(relay_url)
    return dialog


def test_pair_through_the_ui_compare_and_share_a_note(qtbot, two, relay) -> None:  # type: ignore[no-untyped-def]
    (shell_a, view_a, ctx_a), (_shell_b, view_b, ctx_b) = two
    dialog_a = start_pairing(qtbot, view_a, relay.url)
    dialog_a.show_code_button.click()
    qtbot.waitUntil(
        lambda: dialog_a.shown_code.isVisible() and "-" in dialog_a.shown_code.text(),
        timeout=10_000,
    )
    assert "minute" in dialog_a.expiry.text()
    dialog_b = start_pairing(qtbot, view_b, relay.url)
    qtbot.keyClicks(dialog_b.code, dialog_a.shown_code.text())
    dialog_b.join_button.click()
    qtbot.waitUntil(lambda: dialog_a.steps.currentWidget() is dialog_a.compare_page, timeout=15_000)
    qtbot.waitUntil(lambda: dialog_b.steps.currentWidget() is dialog_b.compare_page, timeout=15_000)
    assert dialog_a.number.text() == dialog_b.number.text()
    assert len(dialog_a.number.text().replace(" ", "").replace("\n", "")) == 60
    assert not dialog_a.changed_warning.isVisible()
    dialog_a.matches_button.click()
    dialog_b.later_button.click()
    wait_idle(qtbot, ctx_a)
    wait_idle(qtbot, ctx_b)
    qtbot.waitUntil(lambda: "verified." in view_a.peers.sharing.panel.state.text())
    qtbot.waitUntil(lambda: "not verified" in view_b.peers.sharing.panel.state.text())
    assert view_b.peers.sharing.panel.compare_button.isVisible()
    assert not view_a.peers.sharing.panel.pair_button.isVisible()

    # A writes a note for B in the Shared place; it arrives in B's.
    view_a.go_to_place(Place.SHARED)
    wait_idle(qtbot, ctx_a)
    page_a = view_a.shared
    assert page_a.new_button.isVisible()
    page_a.new_button.click()
    qtbot.waitUntil(lambda: page_a.right.currentWidget() is page_a.editor)
    qtbot.keyClicks(page_a.title, "What helped")
    page_a.body.setFocus()
    qtbot.keyClicks(page_a.body, "A walk after the shift.")
    page_a.save_pending()
    view_b.go_to_place(Place.SHARED)
    page_b = view_b.shared
    qtbot.waitUntil(
        lambda: page_b.list.count() == 1 and "What helped" in page_b.list.item(0).text(),
        timeout=15_000,
    )
    qtbot.waitUntil(lambda: "Delivered" in page_a.list.item(0).text(), timeout=15_000)
    # B types in the note while A's edit of another line arrives: B's text is saved first
    # and merged with A's; B's cursor stays where it was.
    page_b.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: page_b.body.toPlainText() == "A walk after the shift.")
    page_b.body.setFocus()
    cursor = page_b.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    page_b.body.setTextCursor(cursor)
    qtbot.keyClicks(page_b.body, " And tea.")
    typed_at = page_b.body.textCursor().position()
    page_a.title.setText("What helped this week")
    page_a._edited()
    page_a.save_pending()
    qtbot.waitUntil(lambda: "What helped this week" in page_b.title.text(), timeout=15_000)
    qtbot.waitUntil(lambda: not page_b._dirty, timeout=15_000)
    assert page_b.body.toPlainText() == "A walk after the shift. And tea."
    assert page_b.body.textCursor().position() == typed_at
    qtbot.waitUntil(
        lambda: page_a.body.toPlainText() == "A walk after the shift. And tea.", timeout=15_000
    )
    assert page_a.title.text() == "What helped this week"
    import os

    if os.environ.get("ALONGSIDE_SHOTS"):
        shell_a.resize(1024, 700)
        apply_theme(QApplication.instance(), "light", 150)  # type: ignore[arg-type]
        qtbot.wait(200)
        shell_a.grab().save(os.environ["ALONGSIDE_SHOTS"] + "/shared-paired.png")
        view_a.go_to_place(Place.PEERS)
        qtbot.wait(300)
        shell_a.grab().save(os.environ["ALONGSIDE_SHOTS"] + "/peers-paired.png")


def test_a_mistyped_code_fails_on_both_sides_and_stores_nothing(qtbot, two, relay) -> None:  # type: ignore[no-untyped-def]
    (_, view_a, ctx_a), (_, view_b, ctx_b) = two
    dialog_a = start_pairing(qtbot, view_a, relay.url)
    dialog_a.show_code_button.click()
    qtbot.waitUntil(lambda: "-" in dialog_a.shown_code.text(), timeout=10_000)
    nameplate, *words = dialog_a.shown_code.text().split("-")
    wrong = (
        "-".join([nameplate, *reversed(words)])
        if len(set(words)) > 1
        else f"{nameplate}-zzz-zzz-zzz"
    )
    dialog_b = start_pairing(qtbot, view_b, relay.url)
    dialog_b.code.setText(wrong)
    dialog_b.join_button.click()
    qtbot.waitUntil(lambda: dialog_b.steps.currentWidget() is dialog_b.problem_page, timeout=15_000)
    qtbot.waitUntil(lambda: dialog_a.steps.currentWidget() is dialog_a.problem_page, timeout=15_000)
    assert dialog_a.problem.text()
    assert "Traceback" not in dialog_a.problem.text()
    for view, ctx in ((view_a, ctx_a), (view_b, ctx_b)):
        wait_idle(qtbot, ctx)
        assert view.peers.sharing.summary is None


def test_cancel_while_waiting_leaves_nothing(qtbot, two, relay) -> None:  # type: ignore[no-untyped-def]
    (_, view_a, ctx_a), _ = two
    dialog_a = start_pairing(qtbot, view_a, relay.url)
    dialog_a.show_code_button.click()
    qtbot.waitUntil(lambda: "-" in dialog_a.shown_code.text(), timeout=10_000)
    dialog_a.cancel_button.click()
    assert dialog_a.steps.currentWidget() is dialog_a.start_page
    wait_idle(qtbot, ctx_a)
    import sqlite3

    qtbot.waitUntil(
        lambda: (
            sqlite3.connect(relay.db).execute("SELECT count(*) FROM nameplates").fetchone()[0] == 0
        ),
        timeout=10_000,
    )


def pair_through_ui(qtbot, view_a, view_b, relay_url: str) -> None:  # type: ignore[no-untyped-def]
    dialog_a = start_pairing(qtbot, view_a, relay_url)
    dialog_a.show_code_button.click()
    qtbot.waitUntil(lambda: "-" in dialog_a.shown_code.text(), timeout=10_000)
    dialog_b = start_pairing(qtbot, view_b, relay_url)
    dialog_b.code.setText(dialog_a.shown_code.text())
    dialog_b.join_button.click()
    for dialog in (dialog_a, dialog_b):
        qtbot.waitUntil(lambda d=dialog: d.steps.currentWidget() is d.compare_page, timeout=15_000)
        dialog.matches_button.click()
    wait_idle(qtbot, view_a.context)
    wait_idle(qtbot, view_b.context)


def test_share_a_copy_of_a_debrief_after_the_preview(qtbot, two, relay) -> None:  # type: ignore[no-untyped-def]
    (_, view_a, ctx_a), (_, view_b, _) = two
    pair_through_ui(qtbot, view_a, view_b, relay.url)
    debrief = view_a.ops.vault.debriefs.add(
        "Night shift", "Handover about NHS number 943 476 5919 went badly."
    )
    view_a.open_debrief(debrief.id)
    qtbot.waitUntil(lambda: view_a.debriefs.editor.current_id == debrief.id, timeout=10_000)
    flow = view_a.share_flow
    view_a.share_with_partner()
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible(), timeout=10_000)
    preview = flow.preview.preview
    assert preview.highlighted_texts() == ["943 476 5919"]
    assert "Handover about" in preview.text_view.toPlainText()
    flow.preview.back_button.click()  # Go back: nothing is queued
    wait_idle(qtbot, ctx_a)
    assert view_a.ops.vault.shared_notes.list() == []
    view_a.share_with_partner()
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible(), timeout=10_000)
    flow.preview.proceed_button.click()
    qtbot.waitUntil(lambda: view_a.current_place is Place.SHARED, timeout=10_000)
    qtbot.waitUntil(
        lambda: any("Night shift" in n.title for n in view_b.ops.vault.shared_notes.list()),
        timeout=15_000,
    )
    received = view_b.ops.vault.shared_notes.list()[0]
    assert "943 476 5919" in received.body  # sent as previewed, by the user's choice
    assert view_a.ops.vault.debriefs.get(debrief.id).body.startswith("Handover")  # untouched


def test_a_peer_contact_marked_as_the_sharing_partner_and_unpairing(qtbot, two, relay) -> None:  # type: ignore[no-untyped-def]
    (_, view_a, ctx_a), (_, view_b, _) = two
    view_a.go_to_place(Place.PEERS)
    wait_idle(qtbot, ctx_a)
    card = view_a.peers.card
    from desktop.models.peer import peer_details

    sam = view_a.ops.vault.peers.add(peer_details(name="Sam Okafor"))
    view_a.peers.refresh()
    view_a.peers.show_peer(sam.id)
    wait_idle(qtbot, ctx_a)
    assert not card.partner_button.isVisible()  # not paired: nothing to mark
    pair_through_ui(qtbot, view_a, view_b, relay.url)
    view_a.go_to_place(Place.PEERS)
    view_a.peers.show_peer(sam.id)
    wait_idle(qtbot, ctx_a)
    assert card.partner_button.isVisible()
    card.partner_button.click()
    wait_idle(qtbot, ctx_a)
    qtbot.waitUntil(lambda: card.partner_line.isVisible())
    panel = view_a.peers.sharing.panel
    qtbot.waitUntil(lambda: "Paired with your sharing partner, Sam Okafor." in panel.state.text())

    # Stop sharing asks first; the keys go, the contact stays, the mark goes.
    from desktop.ui.common.messages import Button

    ctx_a.messages.set_next_answer(Button.Yes)
    panel.unpair_button.click()
    wait_idle(qtbot, ctx_a)
    qtbot.waitUntil(lambda: panel.pair_button.isVisible(), timeout=10_000)
    assert view_a.ops.vault.pairing.current() is None
    assert [p.name for p in view_a.ops.vault.peers.list("")] == ["Sam Okafor"]
    view_a.peers.show_peer(sam.id)
    wait_idle(qtbot, ctx_a)
    assert not card.partner_line.isVisible()
    assert "Stop sharing" in ctx_a.messages.history[-1][0]


def test_delete_for_both_and_restore_from_deleted_notes(qtbot, two, relay) -> None:  # type: ignore[no-untyped-def]
    (_, view_a, ctx_a), (_, view_b, ctx_b) = two
    pair_through_ui(qtbot, view_a, view_b, relay.url)
    from desktop.sync.channel_keys import sealing_for
    from desktop.ui.common.messages import Button

    for n in range(4):
        me, seal = sealing_for(view_a.ops.vault)  # type: ignore[misc]
        view_a.ops.vault.shared_notes.share(
            f"{n}f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", f"Note {n}", f"text {n}", me=me, seal=seal
        )
    view_a.channel.send_now()
    for view in (view_a, view_b):
        view.go_to_place(Place.SHARED)
    page_a, page_b = view_a.shared, view_b.shared
    qtbot.waitUntil(lambda: page_b.list.count() == 4, timeout=15_000)
    qtbot.waitUntil(lambda: page_a.list.count() == 4, timeout=15_000)
    page_a.list.selectAll()  # four at once: asked first
    ctx_a.messages.set_next_answer(Button.Yes)
    page_a.delete_button.click()
    assert "these 4 notes" in ctx_a.messages.history[-1][1]
    qtbot.waitUntil(lambda: page_a.list.count() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: page_b.list.count() == 0, timeout=15_000)
    qtbot.waitUntil(lambda: "Your partner deleted" in view_b.window().status.text.text())
    dialog = page_b.show_deleted()
    qtbot.waitUntil(lambda: dialog.list.count() == 4)
    assert dialog.text.toPlainText().startswith("text ")
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: page_b.list.count() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: page_a.list.count() == 1, timeout=15_000)
    wait_idle(qtbot, ctx_b)
