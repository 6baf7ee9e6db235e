"""Export: Markdown and PDF, cancelling, selections, progress, the default folder."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.common.messages import Button
from desktop.ui.export.export_files import default_export_folder, is_synced_or_temp
from desktop.ui.shell.places import Place
from tests.ui.helpers import new_from, save_now, settle


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
    assert view.window() is not view  # the real main window, which has a title
    assert view.window().windowTitle() == "Alongside"
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
