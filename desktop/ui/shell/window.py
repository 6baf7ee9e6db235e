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
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.context import AppContext, close_vault
from desktop.ui.common.widgets import fit_to_screen, vault_api
from desktop.ui.shell.auto_lock import AutoLock
from desktop.ui.shell.computer_settings import ComputerSettings
from desktop.ui.shell.integrity import start_integrity_check
from desktop.ui.shell.lock_guard import (
    ASKING_LOCK_REASONS,
    UNATTENDED_LOCK_MESSAGES,
    confirm_losing_unsaved,
)
from desktop.ui.shell.status import StatusArea
from desktop.ui.shell.warm_up import PreparedView
from desktop.ui.unlock.unlock_screen import UnlockScreen, centred

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # importing it builds QEvent's 179-member enum

    from desktop.ui.backup.restore_dialog import RestoreDialog
    from desktop.ui.common.clipboard import ClipboardGuard
    from desktop.ui.help.help_dialog import HelpDialog
    from desktop.ui.shell.chrome import WindowChrome
    from desktop.ui.shell.computer_lock import ComputerLockWatch
    from desktop.ui.shell.remember_device import RememberDevice
    from desktop.ui.shell.vault_view import MainView
    from desktop.ui.unlock.change_passphrase import ChangePassphraseDialog
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")
WINDOW_TITLE = "Alongside"  # never a debrief title (DESIGN.md §3)
LOCKED_WHILE_RECOVERING = (
    "Alongside locked while you were choosing a new passphrase, so your vault was closed "
    "again. Use Forgot passphrase? and your recovery code to start again."
)


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
        # After an idle lock: the vault folder and the debrief that was open (an id, no
        # content, in memory only), so unlocking picks up where the user was.
        self._resume: tuple[str, str] | None = None
        self.setWindowTitle(WINDOW_TITLE)
        fit_to_screen(self, (980, 660), (760, 520))

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
        # The unlocked view, built while the key is derived (warm_up.py).
        self.prepared = PreparedView(context, self.stack, self, lambda: self.vault is None)
        self.unlock_screen.unlock_started.connect(self.prepared.start)
        self.unlock_screen.typing_started.connect(self.prepared.start)

        self.auto_lock = AutoLock(context, self, self.lock, self.handle_error)
        self.idle_lock = self.auto_lock.idle  # tests move the clock and check it
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
        self.computer = ComputerSettings(context)  # View > theme, text size, copies
        self.computer.look_changed = self.prepared.drop
        self.clipboard: ClipboardGuard  # made with the chrome, once the window shows
        self.computer_lock: ComputerLockWatch | None = None  # likewise (start-up)
        self.remember: RememberDevice | None = None  # Vault > Remember on this computer
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
        from desktop.ui.shell.chrome import build_chrome
        from desktop.ui.shell.window_handlers import handlers_for

        handlers = handlers_for(self)
        settings = self.context.settings
        self.chrome = build_chrome(
            self,
            self.menus,
            handlers,
            settings.theme,
            settings.text_scale,
            settings.clipboard_seconds,
            settings.lock_on_minimise,
        )
        from desktop.ui.common.clipboard import ClipboardGuard

        self.clipboard = ClipboardGuard(self.context.clock, self)
        self.clipboard.clear_after_s = settings.clipboard_seconds
        self.computer.chrome, self.computer.clipboard = self.chrome, self.clipboard
        self.clipboard.copied.connect(lambda s: self.set_status(f"Copied; clears in {s} s"))
        self.auto_lock.menu_actions = self.chrome.auto_lock_actions
        from desktop.ui.shell.shared_pc import guard_shared_pc

        self.computer_lock, self.remember = guard_shared_pc(self, self.chrome)
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
        if flow is not None:
            self.stack.addWidget(flow)
        # Current before the old flow goes: otherwise Qt shows a neighbour, which could be
        # the view built ahead of the vault (warm_up.py), and focus would walk into it.
        self.stack.setCurrentWidget(flow if flow is not None else self.unlock_screen)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

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
    def open_session(self, vault: Vault) -> None:
        """Show the unlocked vault; start the integrity check and the idle timer."""
        from desktop.ui.shell.vault_view import MainView

        self._replace_flow(None)
        self.vault = vault
        chrome = self.ensure_chrome()
        self.context.settings.remember_vault(vault.folder, vault.name)
        view = self.prepared.take()
        if view is None:
            view = MainView(self.context, None)
            self.stack.addWidget(view)
        self.menus["vault"].insertActions(chrome.lock_action, view.view_actions)
        view.failed.connect(self.handle_error)
        view.status.connect(self.set_status)
        view.undo_offered.connect(self.status.offer_undo)
        self.vault_view = view
        view.attach(vault)
        self.stack.setCurrentWidget(view)
        self._update_actions()
        if self.remember is not None:
            self.remember.follow_vault(vault)
        self.auto_lock.follow_vault(vault, view)
        from desktop.ui.shell.shared_pc import watch_minimise  # after the first window

        watch_minimise(self)
        resume, self._resume = self._resume, None
        if resume is not None and resume[0] == str(vault.folder):
            view.open_debrief(resume[1])
        self.set_status("Unlocked")
        self.unlocked.emit()
        # After the first paint of the unlocked view: the settings file (fsync'd) and the
        # integrity check are not what the user waits for.
        QTimer.singleShot(0, self.context.store_settings)
        QTimer.singleShot(0, self.start_integrity_check)

    def start_integrity_check(self) -> None:
        """The full integrity check, quietly on the database lane (shell/integrity.py)."""
        if self.vault is not None and self.vault_view is not None:
            start_integrity_check(self, self.vault, self.vault_view)

    def lock(self, reason: str = "manual", message: str = "") -> bool:
        """Save, clear and destroy content, close the vault, show the unlock screen.

        Returns False when the user chose to stay unlocked because a save is failing.
        """
        if self.vault is None:
            self.unlock_screen.abandon_unlock()  # a key being derived opens nothing now
            self.unlock_screen.passphrase.clear()  # nor does a half-typed passphrase stay
            recovering = getattr(self._flow_inner, "computer_locked", None)
            if recovering is not None and recovering():  # Forgot passphrase: vault closed
                self.show_unlock(LOCKED_WHILE_RECOVERING)
            return True
        view_ = self.vault_view
        if view_ is not None and reason != "damaged" and view_.has_failed_save():
            if reason in ASKING_LOCK_REASONS and not confirm_losing_unsaved(
                self.context.messages, self, reason
            ):
                return False
            message = UNATTENDED_LOCK_MESSAGES.get(reason, message)
        self.auto_lock.stop()
        self.status.forget_undo()  # its action belongs to the view about to go
        if self.chrome is not None:
            self.clipboard.clear()  # only if it still holds our copy
        open_id = self.vault_view.debriefs.editor.current_id if self.vault_view else None
        folder = str(self.vault.folder)
        unattended = reason in UNATTENDED_LOCK_MESSAGES
        self._resume = (folder, open_id) if unattended and open_id else None
        view, self.vault_view = self.vault_view, None
        if view is not None:
            if reason != "damaged":
                view.save_pending()
            view.clear_content()
            self.stack.removeWidget(view)
            shiboken6.delete(view)  # destroy now, not at the next event loop turn
        vault, self.vault = self.vault, None
        if self.remember is not None:
            self.remember.follow_vault(None)
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

    def set_auto_lock(self, minutes: int) -> None:
        """Change this vault's auto-lock minutes (stored inside the vault)."""
        if self.vault is not None and self.vault_view is not None:
            self.auto_lock.change(self.vault, self.vault_view, minutes, self.set_status)

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
    def new_debrief_from_menu(self) -> None:
        if self.vault_view is not None:
            self.vault_view.new_debrief()

    def go_to_place_row(self, index: int) -> None:
        if self.vault_view is not None:
            self.vault_view.go_to_place(index)

    def listening_session(self) -> None:
        """Go menu: set up a listening session (its window outlives a lock, issue 15)."""
        from desktop.ui.listening.launch import open_listening_setup

        if self.vault_view is not None:
            open_listening_setup(
                self.vault_view.ops, self.vault_view, self, lambda: self.vault_view
            )

    def change_passphrase(self) -> ChangePassphraseDialog | None:
        from desktop.ui.unlock.change_passphrase import open_change_passphrase

        if self.vault is None:
            return None
        if self.vault_view is not None:
            self.vault_view.save_pending()
        return open_change_passphrase(
            self, self.context, self.vault, self.handle_error, self.set_status
        )

    def selected_vault_folder(self) -> Path | None:
        return self.unlock_screen.selected_folder()

    def as_parent(self) -> QWidget:
        return self

    def show_notice(self, text: str) -> None:
        self.status.notice(text)

    def restore_from_backup(self) -> RestoreDialog | None:
        """Vault > Restore from a backup…: into the open vault's folder (locking it first)
        or the one chosen on the unlock screen; verified before anything is replaced."""
        from desktop.ui.backup.restore_flow import start_restore

        return start_restore(self)

    def show_help(self) -> HelpDialog:
        """F1: the help page; its places and shortcuts are read from the live menus."""
        from desktop.ui.help.help_dialog import open_help
        from desktop.ui.shell.places import PLACES

        places = [(place.title, place.shortcut) for place in PLACES]
        return open_help(self, list(self.menus.values()), places, self.crisis_resources)

    def crisis_resources(self) -> None:
        """Shift+F1 (and the help page's Crisis lines): unlocked, the Resources place
        (shipped lines and the user's own); locked, the shipped lines only, in a window."""
        if self.vault_view is not None:
            self.vault_view.show_crisis_resources()
            return
        from desktop.ui.resources.crisis_view import show_crisis_resources

        show_crisis_resources(self)

    # Geometry and closing.
    def _restore_geometry(self) -> None:
        geometry = self.context.settings.window_geometry
        if geometry:
            self.restoreGeometry(QByteArray.fromHex(geometry.encode("ascii")))
            fit_to_screen(self, (self.width(), self.height()), (760, 520), frame=(0, 0))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.lock("quit"):
            event.ignore()
            return
        if self._flow is not None:
            self._replace_flow(None)
        if self.chrome is not None:
            self.clipboard.clear()  # on quit too, if it still holds our copy
        if self.computer_lock is not None:
            self.computer_lock.stop()
        self.context.settings.window_geometry = bytes(self.saveGeometry().toHex().data()).decode(
            "ascii"
        )
        self.context.store_settings()
        super().closeEvent(event)
