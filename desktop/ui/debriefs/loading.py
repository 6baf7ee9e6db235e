"""What the Debriefs page reads for the editor, and the sentence for a failed save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.sentences import UserSentence

if TYPE_CHECKING:
    from desktop.vault import Vault


def load_for_editor(v: Vault, debrief_id: str) -> tuple[Any, ...]:
    """On the runner: a debrief with its template version, actions, check-in and tags."""
    debrief = v.debriefs.get(debrief_id)
    template = (
        None
        if debrief.template_id is None
        else v.templates.get(debrief.template_id, debrief.template_version)
    )
    return (
        debrief,
        template,
        v.actions.of(debrief_id),
        v.checkins.for_debrief(debrief_id),
        [t.name for t in v.tags.all()],
    )


def sentence_for(exc: BaseException) -> str:
    """The user's sentence for an expected error, or a calm general one."""
    if isinstance(exc, UserSentence):
        return exc.user_message
    return "Alongside could not save your latest changes."
