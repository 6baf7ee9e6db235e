"""Crisis resources: public starting data shipped outside the vault."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from desktop.sentences import UserSentence


class InvalidCrisisLines(UserSentence, ValueError):
    """The crisis resources file is damaged."""


class CrisisLine(BaseModel):
    """One service: where it is, how to reach it, when, and where the facts came from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str = Field(min_length=1, max_length=200)
    service: str = Field(min_length=1, max_length=200)
    how: str = Field(min_length=1, max_length=300)
    hours: str = Field(min_length=1, max_length=100)
    source: str = Field(min_length=1, max_length=300)
    checked: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")


class CrisisLines(BaseModel):
    """The list, always shown under its emergency notice; never presented as complete."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    emergency_notice: str = Field(min_length=1)
    completeness_notice: str = ""
    checked: str
    lines: tuple[CrisisLine, ...]


def parse_crisis_lines(raw: str | bytes) -> CrisisLines:
    """Parse the crisis resources file; any fault is `InvalidCrisisLines`."""
    try:
        return CrisisLines.model_validate_json(raw)
    except (ValidationError, ValueError):
        raise InvalidCrisisLines() from None
