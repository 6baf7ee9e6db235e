"""Small peer widgets other places show: the people I can call when it is hard (Today,
the heavy-week card) and calm catch-up reminders (Today). In the app only: nothing here
ever reaches an OS notification, because each line names a person."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desktop.ui.common.widgets import button, label

SHOWN_PEERS = 4


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
            text = f"{peer.name} · {peer.phone}" if peer.phone else peer.name
            entries.append((peer.id, text, f"See {peer.name} in Peers"))
        self._set_links(entries)


class CatchUpReminders(_LinkColumn):
    """ "It's been 3 weeks since you caught up with Sam." — each opens the peer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Catching up with peers:", parent)

    def show_due(self, due: list[Any]) -> None:
        self._set_links(
            [(entry.peer_id, entry.sentence, entry.sentence) for entry in due[:SHOWN_PEERS]]
        )
