"""The export preview and the watch-list dialog hold at 1024×700 with text at 150%, in
both themes; the highlight keeps the theme's contrast. With ALONGSIDE_SHOTS set to a
folder, screenshots are saved there to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.common.theme import apply_theme, load_colours
from tests.ui.helpers import save_now, settle
from tests.ui.layout_check import layout_problems

from .test_export_check import NAME, NHS, open_preview, write_debrief

SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")
LONG_NOTE = (
    f"Night shift on ward 7. Mr {NAME} (DOB 12/03/1985, NHS {NHS}) was distressed at "
    "02:00; 10 mg lorazepam given at 02:15, BP 120/80. His daughter rang from "
    "07911 123456 and asked us to write to her at daughter.q@example.org.\n\n"
    + "We talked through the plan with the team and agreed to review it tomorrow. "
    * 12
)


def shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("text", [100, 150])
def test_preview_and_watch_list_hold_at_1024_by_700(qtbot, view, vault, qapp, theme, text):
    window = view.window()
    window.computer.set_text_scale(text)
    apply_theme(qapp, theme, text)
    try:
        window.resize(1024, 700)
        for name in (NAME, "Anne-Marie O'Sullivan-Fitzgerald", "José Álvarez"):
            vault.watch_list.add(name)
        watch = view.show_watch_list()
        qtbot.waitExposed(watch)
        settle(qtbot, view)
        QApplication.processEvents()
        assert watch.names() == ["Anne-Marie O'Sullivan-Fitzgerald", "José Álvarez", NAME]
        assert watch.height() <= 700
        assert layout_problems(watch) == []
        shot(watch, f"watch-list-{text}-{theme}")
        watch.reject()
        settle(qtbot, view)

        write_debrief(qtbot, view, f"Night shift with Mr {NAME}")
        view.debriefs.editor.field_edits["went_well"].insertPlainText(LONG_NOTE)  # pasted
        save_now(qtbot, view)
        view.export_flow.choose_path = lambda *args: None
        preview = open_preview(qtbot, view)
        QApplication.processEvents()
        assert preview.width() <= 1024
        assert preview.height() <= 700
        assert layout_problems(preview) == []
        shown = preview.preview
        assert shown.findings_list.count() == 7  # title and summary name him too
        colours = load_colours(theme)
        marks = shown.highlight_formats()
        assert {f.background().color().name() for f in marks} == {colours["mark"]}
        assert {f.foreground().color().name() for f in marks} == {colours["mark_text"]}
        assert all(f.fontUnderline() for f in marks)  # colour is never the only signal
        shot(preview, f"export-preview-{text}-{theme}")
        preview.reject()
        settle(qtbot, view)
    finally:
        apply_theme(qapp, "light", 100)
        window.computer.set_text_scale(100)


def test_every_control_is_named_and_text_boxes_are_sensitive(qtbot, view, vault):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QLineEdit,
        QPlainTextEdit,
        QScrollBar,
        QWidget,
    )

    from desktop.ui.common.widgets import SENSITIVE_HINTS

    vault.watch_list.add(NAME)
    watch = view.show_watch_list()
    qtbot.waitExposed(watch)
    write_debrief(qtbot, view, f"{NAME}, NHS {NHS}")
    watch.reject()
    view.export_flow.choose_path = lambda *args: None
    preview = open_preview(qtbot, view)
    watch = view.show_watch_list()
    unnamed, insensitive = [], []
    for dialog in (preview, watch):
        for widget in dialog.findChildren(QWidget):
            if isinstance(widget, QScrollBar) or isinstance(widget.parent(), QAbstractItemView):
                continue
            if isinstance(widget, (QAbstractButton, QAbstractItemView, QLineEdit, QPlainTextEdit)):
                text = widget.text() if isinstance(widget, QAbstractButton) else ""
                if not (widget.accessibleName() or text.replace("&", "").strip()):
                    unnamed.append(type(widget).__name__)
            if isinstance(widget, (QLineEdit, QPlainTextEdit)) and (
                widget.inputMethodHints() & SENSITIVE_HINTS != SENSITIVE_HINTS
            ):
                insensitive.append(widget.accessibleName())
    assert unnamed == []
    assert insensitive == []
    watch.reject()
    preview.reject()
    settle(qtbot, view)
