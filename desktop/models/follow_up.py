"""Follow-ups after a hard debrief or check-in: a gentle look back in ~72 hours and
again in about a month. They carry no words of the debrief, only when and what kind."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SOON = timedelta(hours=72)
LATER = timedelta(days=30)


class FollowUpKind(StrEnum):
    SOON = "days"  # about 72 hours after
    LATER = "month"  # about a month after


class FollowUpSource(StrEnum):
    DEBRIEF = "debrief"
    CHECKIN = "checkin"


class FollowUp(BaseModel):
    """A follow-up waiting for its day (or due now)."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    kind: FollowUpKind
    source: FollowUpSource
    due: datetime
    created: datetime

    @property
    def sentence(self) -> str:
        """What Today shows: when, never what the debrief said."""
        what = "wrote a hard debrief" if self.source is FollowUpSource.DEBRIEF else "had a hard day"
        when = "A few days ago" if self.kind is FollowUpKind.SOON else "About a month ago"
        return f"{when} you {what}. How are you doing now?"
