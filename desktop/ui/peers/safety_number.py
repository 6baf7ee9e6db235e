"""The safety number, shown the same way everywhere: twelve groups of five digits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ui.common.widgets import label

GROUP = 5
GROUPS_PER_LINE = 4


def grouped(digits: str) -> str:
    """``"12345 67890 …"``, four groups a line (three lines for 60 digits)."""
    groups = [digits[i : i + GROUP] for i in range(0, len(digits), GROUP)]
    lines = [
        "  ".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    ]
    return "\n".join(lines)


def safety_number_label(digits: str = "") -> QLabel:
    """A large, selectable, monospaced safety number a screen reader reads group by group."""
    widget = label(grouped(digits), "SafetyNumber", wrap=False)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    show_safety_number(widget, digits)
    return widget


def show_safety_number(widget: QLabel, digits: str) -> None:
    widget.setText(grouped(digits))
    spoken = ", ".join(digits[i : i + GROUP] for i in range(0, len(digits), GROUP))
    widget.setAccessibleName("Safety number")
    widget.setAccessibleDescription(spoken)
