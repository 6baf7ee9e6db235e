"""Share a copy of a debrief with the sharing partner, after a preview of exactly what goes.

The copy is the debrief as Markdown (as Export writes it). Before anything is queued,
the identifier check runs on that text (desktop/privacy) and the preview shows it whole,
with likely patient identifiers highlighted, and asks once. Sending makes a shared note
(a new note in Shared, sealed into the outbox); the debrief itself stays private and
unchanged. The check and the vault reads run on the long-job lane; nothing is logged
but a count.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from desktop.ui.common.identifier_check import CheckSettings
from desktop.ui.common.identifier_preview import IdentifierPreviewDialog, PreviewWords

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.privacy.findings import Finding
    from desktop.ui.common.ops import VaultOps
    from desktop.ui.shared.channel_access import ChannelAccess
    from desktop.vault import Vault

log = logging.getLogger("alongside.ui")

SHARE_WORDS = PreviewWords(
    title="Check before you share",
    caveat="This check can miss identifiers; read what you send.",
    text_name="Text to be sent to your partner",
    proceed="&Send to my partner",
    back="&Go back",
    note="Your partner gets this copy in their Shared place. Your debrief stays private.",
)
NOT_PAIRED = "Pair with a colleague on the Peers page before you share a debrief."


class PreparedShare(NamedTuple):
    title: str
    text: str
    findings: list[Finding]


class ShareDebriefFlow(QObject):
    """Debriefs → Share with my partner…: preview, then a new shared note."""

    shared = Signal(str)  # the new shared note's id
    status = Signal(str)

    def __init__(self, ops: VaultOps, parent: QWidget, channel: ChannelAccess) -> None:
        super().__init__(parent)
        self._ops = ops
        self._parent = parent
        self._channel = channel
        self.preview: IdentifierPreviewDialog | None = None

    def share_open_debrief(self, debriefs: Any) -> None:
        """The debrief open in the Debriefs place (saved first, even a new one)."""
        debriefs.save_pending()
        handle = debriefs.editor.handle
        if handle is None:
            self.status.emit("Open the debrief you want to share first.")
            return
        if handle.id is None:
            debriefs.editor.ensure_saved()
        self._ops.run(lambda _: handle.id, self.share)

    def share(self, debrief_id: str | None) -> None:
        if debrief_id is None:
            self.status.emit("Choose a debrief to share first.")
            return
        vault, channel = self._ops.vault, self._channel
        settings = CheckSettings(self._ops.today())  # QLocale look-ups, on this thread

        def prepare() -> PreparedShare | None:
            from desktop.vault.export_markdown import debriefs_to_markdown

            if channel.sealing(vault) is None:
                return None
            items = vault.exports.items([debrief_id])
            text = debriefs_to_markdown(items)
            title = items[0].debrief.title if items else ""
            return PreparedShare(title, text, settings.check_for(vault).find(text))

        self._ops.run_long(prepare, self._prepared, busy_text="Checking what would be sent…")

    def _prepared(self, prepared: PreparedShare | None) -> None:
        if prepared is None:
            self.status.emit(NOT_PAIRED)
            return
        log.info("share.checked findings=%d", len(prepared.findings))  # a count, never what
        dialog = IdentifierPreviewDialog(self._parent, SHARE_WORDS)
        dialog.show_text(prepared.text, prepared.findings)
        dialog.accepted.connect(lambda: self._send(prepared))
        dialog.rejected.connect(lambda: self.status.emit("Nothing was sent."))
        dialog.finished.connect(lambda _: self._closed(dialog))
        self.preview = dialog
        dialog.open()

    def _closed(self, dialog: IdentifierPreviewDialog) -> None:
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    def _send(self, prepared: PreparedShare) -> None:
        channel, note_id = self._channel, str(uuid.uuid4())

        def send(v: Vault) -> Any:
            sealing = channel.sealing(v)
            if sealing is None:
                from desktop.ui.shared.channel_access import NotPairedAnyMore

                raise NotPairedAnyMore()
            me, seal = sealing
            return v.shared_notes.share(note_id, prepared.title, prepared.text, me=me, seal=seal)

        def sent(_: object) -> None:
            self.status.emit("Shared with your partner: it goes as soon as the relay is reached.")
            self.shared.emit(note_id)

        self._ops.run(send, sent, write=True)
