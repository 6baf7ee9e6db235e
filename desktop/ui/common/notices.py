"""The vault's change notices, brought to the UI thread for the views to refresh from.

The vault announces on its database thread (``desktop.vault.changes``); this object
re-emits each notice as a Qt signal queued to the UI thread. A view connects
``changed`` and asks ``concerns(notice, kinds, view)``: whether the notice is about
what it shows and came from somewhere else — never its own save, so the editor does
not reload the text the user is typing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.vault import Changed, ChangeNotice, Vault


class VaultNotices(QObject):
    """Re-emits one vault's change notices on the UI thread as ``changed``."""

    changed = Signal(object)  # a ChangeNotice
    _arrived = Signal(object)

    def __init__(self, vault: Vault | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vault: Vault | None = None
        # Emitted on the database thread; queued to this object's (the UI) thread.
        self._arrived.connect(self.changed)
        if vault is not None:
            self.attach(vault)

    def attach(self, vault: Vault) -> None:
        """Listen to ``vault`` (views built before the vault opened attach it then)."""
        self.detach()
        self._vault = vault
        vault.on_change(self._forward)

    def _forward(self, notice: ChangeNotice) -> None:
        self._arrived.emit(notice)

    def detach(self) -> None:
        """Stop listening (the views are being destroyed on lock)."""
        if self._vault is not None:
            self._vault.remove_change_listener(self._forward)
            self._vault = None


def comes_from(origin: object, view: QObject) -> bool:
    """Whether ``origin`` is ``view`` or one of its descendants (its own editor, list…)."""
    current = origin
    while isinstance(current, QObject) and shiboken6.isValid(current):
        if current is view:
            return True
        current = current.parent()
    return False


def concerns(notice: ChangeNotice, kinds: Iterable[Changed], view: QObject) -> bool:
    """Whether ``view`` should refresh: the kinds it shows changed, elsewhere."""
    return bool(notice.kinds & frozenset(kinds)) and not comes_from(notice.origin, view)


def follow_changes(
    view: QWidget, notices: VaultNotices, kinds: Iterable[Changed], refresh: Callable[[], None]
) -> None:
    """Refresh ``view`` when what it shows changes elsewhere, while it is on screen.

    A hidden place refreshes when it is shown again (the vault view does that on every
    change of place), so a burst of notices costs no queries for pages nobody sees.
    """
    wanted = frozenset(kinds)

    def changed(notice: ChangeNotice) -> None:
        if shiboken6.isValid(view) and view.isVisible() and concerns(notice, wanted, view):
            refresh()

    notices.changed.connect(changed)
