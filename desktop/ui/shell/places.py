"""The sidebar's places, in order: the one list the sidebar, the Go menu and Ctrl+1 … Ctrl+8
are built from (UI.md)."""

from __future__ import annotations

from enum import Enum


class Place(Enum):
    """A place in the sidebar; the value is its title."""

    TODAY = "Today"
    DEBRIEFS = "Debriefs"
    CHECKINS = "Check-ins"
    ACTIONS = "Actions"
    PEERS = "Peers"
    SHARED = "Shared"
    RESOURCES = "Resources"
    TRASH = "Trash"

    @property
    def title(self) -> str:
        return self.value

    @property
    def shortcut(self) -> str:
        """Ctrl+1 … Ctrl+8, in sidebar order."""
        return f"Ctrl+{PLACES.index(self) + 1}"


PLACES: tuple[Place, ...] = tuple(Place)
