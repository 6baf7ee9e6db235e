"""Tags: short labels on debriefs, matched case-insensitively."""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel, ConfigDict, Field

from desktop.sentences import UserSentence

MAX_TAG_CHARS = 60


class InvalidTag(UserSentence, ValueError):
    """A tag needs at least one letter or digit and at most 60 characters."""


def normalise_tag_name(raw: str) -> str:
    """Trim and collapse whitespace; drop control characters; refuse empty or long tags."""
    cleaned = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    name = " ".join(cleaned.split())
    if not any(ch.isalnum() for ch in name) or len(name) > MAX_TAG_CHARS:
        raise InvalidTag()
    return unicodedata.normalize("NFC", name)


class Tag(BaseModel):
    """A tag and how many debriefs (outside the trash) carry it."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    name: str = Field(repr=False, min_length=1, max_length=MAX_TAG_CHARS)
    count: int = Field(default=0, ge=0)
