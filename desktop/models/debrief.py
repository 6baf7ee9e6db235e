"""A debrief: what a clinician wrote after a hard case or shift."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

MAX_TITLE_CHARS = 300
MAX_BODY_CHARS = 1_000_000


class Debrief(BaseModel):
    """One saved debrief. Content fields stay out of repr and validation errors."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    title: str = Field(repr=False, max_length=MAX_TITLE_CHARS)
    body: str = Field(repr=False, max_length=MAX_BODY_CHARS)
    created: datetime
    updated: datetime
