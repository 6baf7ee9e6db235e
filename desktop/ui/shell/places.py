"""The sidebar's places, in order (Ctrl+1 … Ctrl+6 go to the first six, UI.md)."""

from __future__ import annotations

from enum import Enum


class Place(Enum):
    """A place in the sidebar; the value is its title."""

    TODAY = "Today"
    DEBRIEFS = "Debriefs"
    CHECKINS = "Check-ins"
    ACTIONS = "Actions"
    PEERS = "Peers"
    RESOURCES = "Resources"
    TRASH = "Trash"

    @property
    def title(self) -> str:
        return self.value


PLACES: tuple[Place, ...] = tuple(Place)
PLACE_TITLES: tuple[str, ...] = tuple(place.title for place in PLACES[:6])
