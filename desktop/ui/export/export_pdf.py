"""Debriefs to PDF with Qt's own writer (QTextDocument + QPdfWriter; no WebEngine).

The document is built with a text cursor from plain text, never from HTML or
Markdown, so nothing in a note is interpreted (no links, images or markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

UNTITLED = "Untitled debrief"


def _formats(size: float, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    char = QTextCharFormat()
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    char.setFont(font)
    return char


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def build_document(items: Sequence[Any]) -> QTextDocument:
    """One document with every debrief, each starting on a new page."""
    document = QTextDocument()
    cursor = QTextCursor(document)
    title, heading = _formats(18, bold=True), _formats(13, bold=True)
    body, muted = _formats(11), _formats(9.5, italic=True)
    first = True

    def block(
        text: str, char: QTextCharFormat, *, new_page: bool = False, space: float = 6
    ) -> None:
        nonlocal first
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(space)
        if new_page:
            fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if first:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(char)
            first = False
        else:
            cursor.insertBlock(fmt, char)
        cursor.insertText(text, char)

    for number, item in enumerate(items):
        debrief, template = item.debrief, item.template
        block(" ".join(debrief.title.split()) or UNTITLED, title, new_page=number > 0)
        facts = [f"Written {_when(debrief.created)}", f"last saved {_when(debrief.updated)}"]
        if template is not None:
            facts.insert(0, f"Template: {template.name} (version {template.version})")
        block(" · ".join(facts), muted)
        if debrief.tags:
            block("Tags: " + ", ".join(debrief.tags), muted)
        if item.checkin is not None:
            zone = item.checkin.zone
            block(f"Check-in: {zone.label} ({zone.colour})", muted)
        actions: dict[str, list[Any]] = {}
        for action in item.actions:
            actions.setdefault(action.field_id, []).append(action)
        sections = (
            [
                (f.heading, debrief.fields.get(f.id, ""), actions.get(f.id, []))
                for f in template.fields
            ]
            if template is not None
            else [("", debrief.body, [a for group in actions.values() for a in group])]
        )
        for section_heading, text, section_actions in sections:
            if section_heading:
                block(section_heading, heading, space=4)
            for paragraph in text.rstrip().split("\n") if text.strip() else []:
                block(paragraph, body, space=2)
            for action in section_actions:
                mark = "☑" if action.done else "☐"
                due = f" (due {action.due.isoformat()})" if action.due else ""
                block(f"{mark} {action.text}{due}", body, space=2)
        if template is not None and template.attribution:
            block(template.attribution, muted)
    return document


def write_pdf(items: Sequence[Any], path: Path) -> None:
    """Write the PDF straight to ``path`` (no temporary file)."""
    document = build_document(items)
    writer = QPdfWriter(str(path))
    writer.setTitle("Alongside export")  # neutral: never a debrief title
    writer.setCreator("Alongside")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    document.print_(writer)
