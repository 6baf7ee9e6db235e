"""The one main window: lock screen, wizard and unlocked vault share it (UI.md).

It owns the open vault for the session: unlocking starts the background integrity check
and the idle timer; locking saves pending edits, clears and destroys every widget that
holds content, closes the vault (dropping its key) and leaves only the unlock screen.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.context import AppContext, close_vault
from desktop.ui.common.theme import apply_theme
from desktop.ui.common.widgets import vault_api
from desktop.ui.shell.idle_lock import IdleLock
from desktop.ui.shell.lock_guard import (
    ASKING_LOCK_REASONS,
    IDLE_LOCK_LOST_CHANGES,
    confirm_losing_unsaved,
)
from desktop.ui.shell.status import StatusArea
from desktop.ui.unlock.unlock_screen import UnlockScreen, centred

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # importing it builds QEvent's 179-member enum

    from desktop.ui.shell.chrome import WindowChrome
    from desktop.ui.shell.vault_view import MainView
    from desktop.ui.unlock.change_passphrase import ChangePassphraseDialog
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")
WINDOW_TITLE = "Alongside"  # never a debrief title (DESIGN.md §3)


class ShellWindow(QMainWindow):
    """Main window; ``locked`` and ``unlocked`` tell tests and benchmarks where it is."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.vault: Vault | None = None
        self.vault_view: MainView | None = None
        self._flow: QWidget | None = None  # wizard or forgot-passphrase flow, centred
        self._flow_inner: QWidget | None = None
        self.setWindowTitle(WINDOW_TITLE)
        self.setMinimumSize(760, 520)
        self.resize(980, 660)

        self.stack = QStackedWidget()
        central = QWidget()
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.unlock_screen = UnlockScreen(context)
        self.stack.addWidget(self.unlock_screen)
        self.unlock_screen.unlocked.connect(self.open_session)
        self.unlock_screen.create_requested.connect(self.show_wizard)
        self.unlock_screen.forgot_requested.connect(self.show_forgot)
        self.unlock_screen.failed.connect(self.handle_error)
        self.unlock_screen.unlock_started.connect(self._warm_up_session)

        self.idle_lock = IdleLock(context.clock, context.idle_check_interval_ms, self)
        self.idle_lock.timed_out.connect(self._idle_timeout)
        self.status = StatusArea(self, self._central_layout, context.runner)
        # Menu titles now (so the layout does not jump); their actions once shown.
        self.menus = {
            name: self.menuBar().addMenu(title)
            for name, title in (
                ("vault", "&Vault"),
                ("go", "&Go"),
                ("view", "V&iew"),
                ("help", "&Help"),
            )
        }
        self.chrome: WindowChrome | None = None
        # Two event-loop turns: the first one paints the window, the second builds menus.
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, self.ensure_chrome))
        self._restore_geometry()
        self._update_actions()
        if context.settings.known_vaults:
            self.show_unlock()
        else:
            self.show_wizard()

    # Chrome.
    def ensure_chrome(self) -> WindowChrome:
        """Fill the menus and toolbar (deferred until the window is on screen: start-up)."""
        if self.chrome is not None:
            return self.chrome
        from desktop.ui.shell.chrome import ChromeHandlers, build_chrome

        handlers = ChromeHandlers(
            lock=lambda: self.lock("shortcut"),
            new_debrief=self._new_debrief,
            change_passphrase=self.change_passphrase,
            check_integrity=self.start_integrity_check,
            quit=self.close,
            crisis_resources=self._crisis,
            about=self._about,
            go_to_place=self._go,
            set_auto_lock=self.set_auto_lock,
            set_theme=self.set_theme,
        )
        self.chrome = build_chrome(self, self.menus, handlers, self.context.settings.theme)
        self._update_actions()
        return self.chrome

    def _update_actions(self) -> None:
        if self.chrome is None:
            return
        open_ = self.vault is not None
        for action in self.chrome.actions_needing_a_vault():
            action.setEnabled(open_)
        self.chrome.auto_lock_menu.setEnabled(open_)
        self.chrome.toolbar.setVisible(open_)

    def set_status(self, text: str) -> None:
        self.status.set_text(text)

    # Screens.
    def _replace_flow(self, flow: QWidget | None, inner: QWidget | None = None) -> None:
        """Swap the wizard/forgot flow shown (``flow`` wraps ``inner``, the flow itself)."""
        old, self._flow = self._flow, flow
        old_inner, self._flow_inner = self._flow_inner, inner
        if old_inner is not None and shiboken6.isValid(old_inner):
            discard = getattr(old_inner, "discard", None)
            if discard is not None:
                discard()
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        if flow is not None:
            self.stack.addWidget(flow)
            self.stack.setCurrentWidget(flow)

    def show_unlock(self, message: str = "") -> None:
        self._replace_flow(None)
        self.unlock_screen.reload()
        self.unlock_screen.set_message(message)
        self.stack.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.focus_passphrase()

    def show_wizard(self) -> None:
        # Screens other than the unlock screen are imported when first needed (start-up).
        from desktop.ui.unlock.wizard import CreateVaultWizard

        wizard = CreateVaultWizard(self.context)
        wizard.created.connect(self.open_session)
        wizard.cancelled.connect(self.show_unlock)
        wizard.failed.connect(self.handle_error)
        self._replace_flow(centred(wizard, 600), wizard)
        wizard.name_edit.setFocus()

    def show_forgot(self, folder: Path) -> None:
        from desktop.ui.unlock.forgot_passphrase import ForgotPassphraseFlow

        flow = ForgotPassphraseFlow(self.context, folder)
        flow.unlocked.connect(self.open_session)
        flow.cancelled.connect(self.show_unlock)
        flow.failed.connect(self.handle_error)
        self._replace_flow(centred(flow, 600), flow)
        flow.code_entry.setFocus()

    # Session.
    def _warm_up_session(self) -> None:
        """Import the unlocked view's modules while the key is derived on the worker.

        They take ~0.2 s to import; libsodium releases the GIL during Argon2id, so this
        overlaps the wait instead of adding to it. Deferred one turn so the busy
        indicator paints first.
        """

        def warm_up() -> None:
            import desktop.ui.shell.vault_view  # noqa: F401

        QTimer.singleShot(0, warm_up)

    def open_session(self, vault: Vault) -> None:
        """Show the unlocked vault; start the integrity check and the idle timer."""
        from desktop.ui.shell.vault_view import MainView

        self._replace_flow(None)
        self.vault = vault
        chrome = self.ensure_chrome()
        self.context.settings.remember_vault(vault.folder, vault.name)
        view = MainView(self.context, vault)
        self.menus["vault"].insertActions(chrome.lock_action, view.view_actions)
        view.failed.connect(self.handle_error)
        view.status.connect(self.set_status)
        self.vault_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._update_actions()
        self.context.runner.run_on_vault(
            vault,
            lambda v: v.auto_lock_minutes,
            owner=view,
            on_success=self._start_idle_lock,
            on_failure=self.handle_error,
        )
        self.set_status("Unlocked")
        self.unlocked.emit()
        # After the first paint of the unlocked view: the settings file (fsync'd) and the
        # integrity check are not what the user waits for.
        QTimer.singleShot(0, self.context.store_settings)
        QTimer.singleShot(0, self.start_integrity_check)

    def start_integrity_check(self) -> None:
        """Run the full integrity check quietly on the database lane.

        Its outcome belongs to this session's vault view: after a lock it is dropped.
        """
        if self.vault is None or self.vault_view is None:
            return

        def checked(_: object) -> None:
            log.info("vault.integrity_ok")
            self.set_status("Vault checked")

        self.context.runner.run_on_vault(
            self.vault,
            lambda v: v.integrity_check(),
            owner=self.vault_view,
            on_success=checked,
            on_failure=self.handle_error,
        )

    def lock(self, reason: str = "manual", message: str = "") -> bool:
        """Save, clear and destroy content, close the vault, show the unlock screen.

        Returns False when the user chose to stay unlocked because a save is failing.
        """
        if self.vault is None:
            return True
        view_ = self.vault_view
        if view_ is not None and reason != "damaged" and view_.has_failed_save():
            if reason in ASKING_LOCK_REASONS and not confirm_losing_unsaved(
                self.context.messages, self, reason
            ):
                return False
            if reason == "idle":
                message = IDLE_LOCK_LOST_CHANGES
        self.idle_lock.stop()
        view, self.vault_view = self.vault_view, None
        if view is not None:
            if reason != "damaged":
                view.save_pending()
            view.clear_content()
            self.stack.removeWidget(view)
            shiboken6.delete(view)  # destroy now, not at the next event loop turn
        vault, self.vault = self.vault, None
        close_vault(self.context, vault)
        from desktop.ui.unlock.change_passphrase import ChangePassphraseDialog

        for dialog in self.findChildren(ChangePassphraseDialog):
            dialog.code_flow.clear()
            dialog.form.clear()
            shiboken6.delete(dialog)
        self._update_actions()
        self.set_status("")
        log.info("vault.locked reason=%s", reason)
        self.show_unlock(message)
        self.locked.emit()
        return True

    def _start_idle_lock(self, minutes: int) -> None:
        """Watch for idleness with the vault's own setting; tick it in the menu."""
        self.idle_lock.follow(minutes)
        action = self.chrome.auto_lock_actions.get(minutes) if self.chrome else None
        if action is not None:
            action.setChecked(True)

    def set_auto_lock(self, minutes: int) -> None:
        """Change this vault's auto-lock minutes (stored inside the vault)."""
        if self.vault is None:
            return

        def store(vault: Vault) -> None:
            vault.auto_lock_minutes = minutes

        def stored(_: object) -> None:
            log.info("vault.auto_lock_changed")
            self._start_idle_lock(minutes)
            self.set_status(
                "Auto-lock: never" if minutes == 0 else f"Locks after {minutes} min idle"
            )

        self.context.runner.run_on_vault(
            self.vault,
            store,
            owner=self.vault_view,
            on_success=stored,
            on_failure=self.handle_error,
            write=True,
        )

    def _idle_timeout(self) -> None:
        """Lock when idle, unless a key change is under way or its new code is on screen.

        Locking then would lose the new recovery code the user has not written down yet.
        """
        from desktop.ui.unlock.change_passphrase import ChangePassphraseDialog

        changing = any(
            dialog.isVisible() and (dialog.working or dialog.pages.currentIndex() == 1)
            for dialog in self.findChildren(ChangePassphraseDialog)
        )
        if changing and self.vault is not None:
            log.info("vault.idle_lock_deferred")
            self.idle_lock.start(self.idle_lock.minutes)
            return
        self.lock("idle")

    def handle_error(self, exc: BaseException) -> None:
        """Known vault errors become their sentence; damage locks; anything else is a bug."""
        api = vault_api()
        if isinstance(exc, api.VaultDamaged):
            log.warning("vault.damaged")
            self.lock("damaged", exc.user_message)
            self.context.messages.warn(self, "This vault is damaged", exc.user_message)
        elif isinstance(exc, api.VaultLocked):
            self.lock("closed", exc.user_message)
        elif isinstance(exc, api.VaultError):
            self.context.messages.warn(self, "Alongside", exc.user_message)
        else:
            self.context.messages.something_went_wrong(self, exc)

    # Actions.
    def _new_debrief(self) -> None:
        if self.vault_view is not None:
            self.vault_view.new_debrief()

    def _go(self, index: int) -> None:
        if self.vault_view is not None:
            self.vault_view.go_to_place(index)

    def change_passphrase(self) -> ChangePassphraseDialog | None:
        from desktop.ui.unlock.change_passphrase import open_change_passphrase

        if self.vault is None:
            return None
        if self.vault_view is not None:
            self.vault_view.save_pending()
        return open_change_passphrase(
            self, self.context, self.vault, self.handle_error, self.set_status
        )

    def set_theme(self, name: str) -> None:
        self.context.settings.theme = name
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.context.store_settings()

    def _crisis(self) -> None:
        """F1: unlocked, the Resources place (shipped lines and the user's own); locked,
        the shipped lines only, in a window of their own."""
        if self.vault_view is not None:
            self.vault_view.show_crisis_resources()
            return
        from desktop.ui.resources.crisis_view import show_crisis_resources

        show_crisis_resources(self)

    def _about(self) -> None:
        from desktop.ui.common.diagnostics import app_version

        self.context.messages.inform(
            self,
            "About Alongside",
            f"Alongside {app_version()}\n\nPrivate debriefing for mental-health professionals. "
            "Your notes stay encrypted on this computer.",
        )

    # Geometry and closing.
    def _restore_geometry(self) -> None:
        geometry = self.context.settings.window_geometry
        if geometry:
            self.restoreGeometry(QByteArray.fromHex(geometry.encode("ascii")))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.lock("quit"):
            event.ignore()
            return
        if self._flow is not None:
            self._replace_flow(None)
        self.context.settings.window_geometry = bytes(self.saveGeometry().toHex().data()).decode(
            "ascii"
        )
        self.context.store_settings()
        super().closeEvent(event)
