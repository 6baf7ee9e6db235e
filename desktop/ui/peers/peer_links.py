"""Small peer widgets other places show: the people I can call when it is hard (Today,
the heavy-week card) and calm catch-up reminders (Today). In the app only: nothing here
ever reaches an OS notification, because each line names a person."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desktop.ui.common.widgets import button, label

SHOWN_PEERS = 4
# A push button does not wrap: long names and titles are shortened, never clipped.
MAX_LINK_CHARS = 60
MAX_NAME_CHARS = 32


def shortened(text: str, limit: int = MAX_LINK_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (the full text is the
    button's accessible name)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _LinkColumn(QWidget):
    """A heading and a column of link buttons (one per line, so nothing runs sideways)."""

    peer_requested = Signal(str)

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label(heading, "Muted")
        self.links: list[QPushButton] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.heading)
        self.hide()

    def _set_links(self, entries: list[tuple[str, str, str]]) -> None:
        """(peer id, text, accessible name) for each link; hidden when there are none."""
        self.clear()
        for peer_id, text, name in entries:
            link = button(text, name, link=True)
            link.setStyleSheet("text-align: left;")
            link.clicked.connect(lambda _=False, p=peer_id: self.peer_requested.emit(p))
            self._column.addWidget(link)
            self.links.append(link)
        self.setVisible(bool(entries))

    def clear(self) -> None:
        for link in self.links:
            link.setText("")
            link.hide()
            link.deleteLater()
        self.links = []
        self.hide()


class CallWhenHard(_LinkColumn):
    """ "People you can call when it is hard": each opens the peer in Peers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("People you can call when it is hard:", parent)

    def show_peers(self, peers: list[Any]) -> None:
        entries = []
        for peer in peers[:SHOWN_PEERS]:
            name = shortened(peer.name, MAX_NAME_CHARS)
            text = f"{name} · {peer.phone}" if peer.phone else name
            entries.append((peer.id, text, f"See {peer.name} in Peers"))
        self._set_links(entries)


class CatchUpReminders(_LinkColumn):
    """ "It's been 3 weeks since you caught up with Sam." — each opens the peer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Catching up with peers:", parent)

    def show_due(self, due: list[Any]) -> None:
        entries = []
        for entry in due[:SHOWN_PEERS]:
            short = entry.model_copy(update={"name": shortened(entry.name, MAX_NAME_CHARS)})
            entries.append((entry.peer_id, short.sentence, entry.sentence))
        self._set_links(entries)
