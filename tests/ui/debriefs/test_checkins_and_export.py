"""Check-ins (dialog and one click), the trend chart and table, the heavy-week card,
crisis resources, and export to Markdown and PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.models.checkin import StressZone
from desktop.ui.debriefs.crisis_view import CrisisResourcesView
from desktop.ui.debriefs.export_files import default_export_folder, is_synced_or_temp
from desktop.ui.debriefs.places import Place
from desktop.ui.messages import Button

from .conftest import new_from, save_now, settle


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
    dialogs = [w for w in view.window().findChildren(CrisisResourcesView)]
    assert dialogs
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


def test_crisis_resources_place_shows_sources_and_dates(qtbot, view):
    view.go_to_place(Place.RESOURCES)
    resources = view.resources
    assert resources.notice.text() == (
        "If you are in immediate danger, call your local emergency number."
    )
    assert any("Samaritans" in line for line in resources.lines_text)
    sources = [w.text() for w in resources.findChildren(type(resources.notice))]
    assert any(text.startswith("Source: https://") and "checked 20" in text for text in sources)


def _export(qtbot, view, tmp_path: Path, name: str, pdf: bool = False) -> Path:
    target = tmp_path / "exports" / name
    target.parent.mkdir(exist_ok=True)
    suggested: list[Path] = []

    def choose(parent, title, suggestion, data_dir):
        suggested.append(suggestion)
        return target

    view.export_flow.choose_path = choose
    view.context.messages.set_next_answer(Button.Yes)
    view.export(pdf=pdf)
    settle(qtbot, view)
    title, _text = view.context.messages.history[-1]
    assert title == "The exported file is not encrypted"
    assert suggested
    assert suggested[0].name.startswith("alongside-debrief")
    assert not is_synced_or_temp(suggested[0].parent)
    return target


def test_export_markdown_and_pdf(qtbot, view, vault, tmp_path):
    from pypdf import PdfReader

    new_from(qtbot, view, "stop5")
    editor = view.debriefs.editor
    qtbot.keyClicks(editor.field_edits["summarise"], "Export canary Quillfeather")
    qtbot.keyClicks(editor.field_edits["went_well"], "Team stayed calm")
    save_now(qtbot, view)
    assert editor.current_id
    markdown = _export(qtbot, view, tmp_path, "out.md")
    text = markdown.read_text(encoding="utf-8")
    assert "# Export canary Quillfeather" in text
    assert "## Things that went well" in text
    assert "Team stayed calm" in text
    assert "Quillfeather" not in view.window().windowTitle()
    pdf = _export(qtbot, view, tmp_path, "out.pdf", pdf=True)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) > 0
    content = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Quillfeather" in content
    assert "Things that went well" in content
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["out.md", "out.pdf"]  # no temp


def test_export_cancelled_at_warning_writes_nothing(qtbot, view, vault, tmp_path):
    vault.debriefs.add("Something", "text")
    view.debriefs.reload_list()
    settle(qtbot, view)
    view.debriefs.list_view.setCurrentIndex(view.debriefs.list_model.index(0))
    settle(qtbot, view)
    called = []
    view.export_flow.choose_path = lambda *args: called.append(args)
    view.context.messages.set_next_answer(Button.Cancel)
    view.export()
    assert called == []


def test_default_export_folder_is_never_synced_or_temp(tmp_path):
    assert is_synced_or_temp(Path("/home/x/OneDrive/Documents"))
    assert is_synced_or_temp(Path("/Users/x/Library/Mobile Documents/com~apple~CloudDocs"))
    assert is_synced_or_temp(Path("/home/x/Dropbox"))
    import tempfile

    assert is_synced_or_temp(Path(tempfile.gettempdir()) / "sub")
    assert not is_synced_or_temp(default_export_folder())


def test_export_a_selection_of_debriefs(qtbot, view, vault, tmp_path):
    from PySide6.QtCore import QItemSelectionModel

    vault.debriefs.add("First of two", "alpha text")
    vault.debriefs.add("Second of two", "beta text")
    vault.debriefs.add("Not chosen", "gamma text")
    page = view.debriefs
    view.go_to_place(Place.DEBRIEFS)
    page.reload_list()
    settle(qtbot, view)
    selection = page.list_view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select
    for row in (1, 2):
        selection.select(page.list_model.index(row), flags)
    settle(qtbot, view)
    markdown = _export(qtbot, view, tmp_path, "two.md")
    assert view.export_flow.last_written == markdown
    text = markdown.read_text(encoding="utf-8")
    assert "# First of two" in text
    assert "# Second of two" in text
    assert "Not chosen" not in text


def test_a_large_export_reports_its_progress(qtbot, view, vault, tmp_path):
    from PySide6.QtCore import QItemSelectionModel

    for number in range(60):
        vault.debriefs.add(f"Shift {number}", f"notes for shift {number}")
    progress: list[str] = []
    view.context.runner.progress_changed.connect(progress.append)
    page = view.debriefs
    view.go_to_place(Place.DEBRIEFS)
    page.reload_list()
    settle(qtbot, view)
    while page.list_model.canFetchMore(page.list_model.index(-1)):
        page.list_model.fetchMore(page.list_model.index(-1))
        settle(qtbot, view)
    selection = page.list_view.selectionModel()
    for row in range(page.list_model.rowCount()):
        selection.select(page.list_model.index(row), QItemSelectionModel.SelectionFlag.Select)
    settle(qtbot, view)
    markdown = _export(qtbot, view, tmp_path, "all.md")
    assert markdown.read_text(encoding="utf-8").count("# Shift ") == 60
    assert progress == ["Exporting… 25 of 60", "Exporting… 50 of 60", "Exporting… 60 of 60"]
