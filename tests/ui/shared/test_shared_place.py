"""The Shared place before pairing: it says what it is for and leads to pairing."""

from __future__ import annotations

from desktop.ui.shell.places import Place

from ..helpers import settle


def test_before_pairing_the_place_explains_itself_and_leads_to_peers(qtbot, view, tmp_path):
    view.go_to_place(Place.SHARED)
    settle(qtbot, view)
    page = view.shared
    assert "Pair with a colleague on the Peers page first" in page.intro.text()
    assert page.go_pair.isVisible()
    assert not page.new_button.isVisible()
    assert page.right.currentWidget() is page.empty
    view.window().grab().save(str(tmp_path / "shared.png"))
    page.go_pair.click()
    assert view.current_place is Place.PEERS


def test_two_versions_kept_are_settled_by_one_choice_and_nothing_is_typed_over(
    qtbot, view, vault, context
):
    from desktop.models.note_merge import Version
    from desktop.vault.shared_note_apply import apply_remote
    from desktop.vault.sql import transaction

    me, sam = "a" * 32, "b" * 32
    note = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"

    def seal(seq: int, plaintext: bytes) -> bytes:
        return plaintext  # the page's own sealing is what is tested elsewhere

    class Paired:
        def sealing(self, _vault):  # type: ignore[no-untyped-def]
            return me, seal

    vault.shared_notes.share(note, "Plan", "one\ntwo\n", me=me, seal=seal)
    base = vault.shared_notes.get(note).vv
    vault.shared_notes.edit(note, "Plan", "one\nTWO (mine)\n", me=me, seal=seal, based_on=base)

    def theirs_arrives(connection):  # type: ignore[no-untyped-def]
        with transaction(connection):
            arriving = Version("Plan", "one\n2 (theirs)\n", {**base, sam: 1})
            apply_remote(connection, note, arriving, me=me, partner=sam, now=context.clock.now())

    vault.run(theirs_arrives)
    page = view.shared
    page._channel = Paired()
    view.go_to_place(Place.SHARED)
    settle(qtbot, view)
    assert "Both changed it" in page.list.item(0).text()
    page.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: page.body.toPlainText() == "one\nTWO (mine)\n")
    assert page.both.theirs.toPlainText() == "one\n2 (theirs)\n"
    assert page.body.isReadOnly()  # nothing is typed over either version
    page.both.keep_both.click()
    settle(qtbot, view)
    saved = vault.shared_notes.get(note)
    assert saved.body == "one\nTWO (mine)\n\none\n2 (theirs)\n"
    assert saved.other_body is None
    assert not page.body.isReadOnly()
    assert saved.status == "waiting to send"


def test_shared_notes_leave_with_export_through_the_identifier_preview(
    qtbot, view, vault, tmp_path
):
    me = "a" * 32

    def seal(seq: int, plaintext: bytes) -> bytes:
        return plaintext

    class Paired:
        def sealing(self, _vault):  # type: ignore[no-untyped-def]
            return me, seal

    vault.shared_notes.share(
        "1f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", "Plan", "Ring 943 476 5919's GP.", me=me, seal=seal
    )
    vault.shared_notes.share(
        "2f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", "What helped", "A walk.", me=me, seal=seal
    )
    view.shared._channel = Paired()
    view.go_to_place(Place.SHARED)
    settle(qtbot, view)
    view.shared.list.selectAll()
    target = tmp_path / "shared.md"
    view.export_flow.choose_path = lambda *_: target
    view.export()  # Ctrl+E in the Shared place
    flow = view.export_flow
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible(), timeout=10_000)
    assert flow.preview.preview.highlighted_texts() == ["943 476 5919"]
    flow.preview.proceed_button.click()
    qtbot.waitUntil(target.exists, timeout=10_000)
    written = target.read_text(encoding="utf-8")
    assert "# Plan" in written
    assert "# What helped" in written


def test_a_debriefs_search_finds_shared_notes_too(qtbot, view, vault):
    me = "a" * 32

    def seal(seq: int, plaintext: bytes) -> bytes:
        return plaintext

    class Paired:
        def sealing(self, _vault):  # type: ignore[no-untyped-def]
            return me, seal

    note = "3f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
    vault.shared_notes.share(note, "Supervision", "Bring the handover.", me=me, seal=seal)
    vault.shared_notes.share(
        "4f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", "Other", "Nothing here.", me=me, seal=seal
    )
    view.shared._channel = Paired()
    view.go_to_place(Place.DEBRIEFS)
    settle(qtbot, view)
    page = view.debriefs
    qtbot.keyClicks(page.search_box, "handover")
    link = page.shared_matches
    qtbot.waitUntil(lambda: link.isVisible() and "1 shared note matches too" in link.text())
    link.click()
    assert view.current_place is Place.SHARED
    qtbot.waitUntil(lambda: view.shared.body.toPlainText() == "Bring the handover.")
    visible = [
        view.shared.list.item(i).text()
        for i in range(view.shared.list.count())
        if not view.shared.list.item(i).isHidden()
    ]
    assert visible == ["Supervision\nWaiting to send"]
