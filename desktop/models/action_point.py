"""Action points: checklist items written in a debrief field, with an optional due date."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

MAX_ACTION_CHARS = 1000


class ActionPoint(BaseModel):
    """One thing to do, kept with the debrief field it was written in."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    debrief_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    field_id: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    text: str = Field(repr=False, min_length=1, max_length=MAX_ACTION_CHARS)
    due: date | None = None
    done_at: datetime | None = None
    created: datetime

    @property
    def done(self) -> bool:
        """Whether the action point is ticked off."""
        return self.done_at is not None


class OpenAction(BaseModel):
    """An action point not yet done, with the debrief it came from (for "Open actions")."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    action: ActionPoint
    debrief_title: str = Field(repr=False)
    debrief_created: datetime
