"""What every view of the open vault holds: the vault, the work runner, the clock.

A view binds its own copy (``ops.bound_to(self)``), so each job it starts names it as
the owner: results reach it only while it exists (``WorkRunner``'s one rule), and its
change notices name it as their origin. Errors a view does not handle itself go to one
handler, the vault view's banner.

The views can be built before the vault is open (the window builds them while the key
is derived, so unlocking does not wait for ~600 widgets): all copies share one
``VaultSlot``, and database jobs asked for before ``VaultSlot.attach`` wait in it and
run, in the order asked, once the vault is there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.clock import local_today

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop.ui.common.context import AppContext
    from desktop.ui.common.notices import VaultNotices
    from desktop.vault import Vault

T = TypeVar("T")


class VaultSlot:
    """The open vault, shared by every copy of one view's ``VaultOps``; empty until set."""

    def __init__(self, vault: Vault | None = None) -> None:
        self.vault = vault
        self._waiting: list[Callable[[], None]] = []

    def attach(self, vault: Vault) -> None:
        """The vault is open: run the jobs that waited for it, in the order asked."""
        self.vault = vault
        waiting, self._waiting = self._waiting, []
        for start in waiting:
            start()

    def when_attached(self, start: Callable[[], None]) -> None:
        if self.vault is not None:
            start()
        else:
            self._waiting.append(start)


class VaultOps:
    """Runs ``work(vault)`` on the database lane for the object it is bound to."""

    def __init__(
        self,
        context: AppContext,
        slot: VaultSlot,
        on_error: Callable[[BaseException], None],
        notices: VaultNotices,
        owner: QObject | None = None,
    ) -> None:
        self.context = context
        self.slot = slot
        self._on_error = on_error
        # ``notices.changed`` tells every view what changed in the vault (notices.py).
        self.notices = notices
        self.owner = owner

    def bound_to(self, owner: QObject) -> VaultOps:
        """The same vault and error handler, with ``owner`` as the asker of every job."""
        return VaultOps(self.context, self.slot, self._on_error, self.notices, owner)

    @property
    def vault(self) -> Vault:
        """The open vault, for actions a user starts (the view shows only once it is set)."""
        vault = self.slot.vault
        if vault is None:
            raise RuntimeError("the vault view was used before its vault was attached")
        return vault

    def now(self) -> datetime:
        return self.context.clock.now()

    def today(self) -> date:
        """Today's local date by the injected clock."""
        return local_today(self.context.clock)

    def report(self, exc: BaseException) -> None:
        """Hand an error to the view's handler (the banner, or the window for damage)."""
        self._on_error(exc)

    def run(
        self,
        work: Callable[[Vault], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        busy_text: str = "",
        *,
        write: bool = False,
    ) -> None:
        """Run ``work(vault)`` as one database job; ``on_done(result)`` on the UI thread.

        ``write`` marks a save or delete: if it fails after the owner is gone, the
        shell still says so.
        """

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)

        def start() -> None:
            self.context.runner.run_on_vault(
                self.vault,
                work,
                owner=self.owner,
                on_success=done,
                on_failure=on_error or self._on_error,
                busy_text=busy_text,
                write=write,
            )

        self.slot.when_attached(start)

    def run_long(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        busy_text: str = "",
    ) -> None:
        """Run ``job()`` on the long-job lane (export, backup); outcome on the UI thread."""
        self.context.runner.run(
            job,
            owner=self.owner,
            on_success=on_done,
            on_failure=on_error or self._on_error,
            busy_text=busy_text,
        )
