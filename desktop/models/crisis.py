"""Crisis resources: public starting data shipped outside the vault."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from desktop.sentences import UserSentence


class InvalidCrisisLines(UserSentence, ValueError):
    """The crisis resources file is damaged."""


class CrisisLine(BaseModel):
    """One service: where it is, how to reach it, when, and where the facts came from."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    country: str = Field(min_length=1, max_length=200)
    service: str = Field(min_length=1, max_length=200)
    how: str = Field(min_length=1, max_length=300)
    hours: str = Field(min_length=1, max_length=100)
    source: str = Field(min_length=1, max_length=300)
    checked: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")


LineT = TypeVar("LineT", bound="CrisisLine")


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


# -- the editable directory: my own and my clinic's lines, import and export ----------

CRISIS_FILE_FORMAT = "alongside-crisis-lines"
CRISIS_FILE_VERSION = 1
MAX_CRISIS_FILE_BYTES = 1_000_000
MAX_CRISIS_FILE_LINES = 500


class InvalidCrisisLine(UserSentence, ValueError):
    """A line needs a service, a country, how to reach it, its hours, a source and the
    month it was checked (like 2026-11)."""


class CrisisFileRefused(UserSentence, ValueError):
    """This file can't be imported. Nothing was changed."""

    def __init__(self, problem: str) -> None:
        # `problem` is built from our own words (field names, line numbers), never
        # from the file's values, so the sentence can be shown and logged.
        self.problem = problem
        super().__init__("crisis-file")

    @property
    def user_message(self) -> str:
        return f"This file can't be imported: {self.problem}. Nothing was changed."


class OwnCrisisLine(CrisisLine):
    """A line the user or their clinic added; kept inside the vault."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    id: str = Field(pattern=r"^[0-9a-f]{32}$")


class CrisisLinesFile(BaseModel):
    """The published JSON format for sharing a list of lines between clinicians.

    `docs/crisis-lines.schema.json` is this model's JSON schema (a test keeps them equal).
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        title="Alongside crisis lines",
        json_schema_extra={"$id": "https://alongside.invalid/schema/crisis-lines-1.json"},
    )

    format: Literal["alongside-crisis-lines"] = "alongside-crisis-lines"
    version: Literal[1] = 1
    lines: tuple[CrisisLine, ...] = Field(max_length=MAX_CRISIS_FILE_LINES)


_FIELD_WORDS = {
    "country": "a country",
    "service": "a service name",
    "how": "how to reach it",
    "hours": "its hours",
    "source": "a source (where the facts come from)",
    "checked": "the date it was checked (like 2026-11)",
}


def _first_problem(exc: ValidationError) -> str:
    """One plain phrase for pydantic's first error, from locations and types only."""
    error = exc.errors(include_input=False, include_url=False)[0]
    location = [part for part in error["loc"]]
    kind = error["type"]
    if location[:1] == ["lines"] and len(location) >= 2 and isinstance(location[1], int):
        where = f"line {location[1] + 1}"
        field = str(location[2]) if len(location) >= 3 else ""
        if not field:
            return f"{where} is not a list entry"
        if kind == "extra_forbidden":
            return f"{where} has a field Alongside doesn't know ({field})"
        wanted = _FIELD_WORDS.get(field, field)
        if kind == "missing":
            return f"{where} has no {field} (it needs {wanted})"
        if kind in ("string_too_long", "too_long"):
            return f"{where}'s {field} is too long"
        if kind == "string_pattern_mismatch":
            return f"{where} needs {wanted}"
        if kind == "string_too_short":
            return f"{where}'s {field} is empty"
        return f"{where}'s {field} should be text"
    field = str(location[0]) if location else ""
    if field == "format" or field == "version":
        return "it is not an Alongside crisis-lines file (version 1)"
    if field == "lines" and kind in ("too_long",):
        return f"it holds more than {MAX_CRISIS_FILE_LINES} lines"
    if field == "lines":
        return "it has no list of lines"
    if kind == "extra_forbidden":
        return f"it has a field Alongside doesn't know ({field})"
    if kind == "model_type":
        return "it is not an Alongside crisis-lines file"
    return f"its {field or 'content'} is not what Alongside expects"


def parse_crisis_file(raw: bytes) -> CrisisLinesFile:
    """Read an import file, or raise `CrisisFileRefused` naming the first problem."""
    if len(raw) > MAX_CRISIS_FILE_BYTES:
        raise CrisisFileRefused(f"it is larger than {MAX_CRISIS_FILE_BYTES // 1_000_000} MB")
    try:
        decoded = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CrisisFileRefused("it is not a text file") from None
    except (ValueError, RecursionError):
        raise CrisisFileRefused("it is not JSON") from None
    if not isinstance(decoded, dict):
        raise CrisisFileRefused("it is not an Alongside crisis-lines file")
    try:
        return CrisisLinesFile.model_validate(decoded)
    except ValidationError as exc:
        raise CrisisFileRefused(_first_problem(exc)) from None


def crisis_file_bytes(lines: Sequence[CrisisLine]) -> bytes:
    """The export file: the published format, plain fields only (no vault ids)."""
    plain = tuple(
        CrisisLine.model_validate(line.model_dump(include=_LINE_FIELDS)) for line in lines
    )
    return CrisisLinesFile(lines=plain).model_dump_json(indent=2).encode("utf-8") + b"\n"


_LINE_FIELDS = {"country", "service", "how", "hours", "source", "checked"}


def crisis_file_schema() -> dict[str, object]:
    """The published JSON schema of the import/export file."""
    return CrisisLinesFile.model_json_schema()


# Countries whose people the listed lines serve, beyond an exact name match: the
# United Kingdom covers Northern Ireland; Ireland is served by the Samaritans.
_SERVED_BY = {
    "united kingdom": ("united kingdom and ireland", "northern ireland"),
    "ireland": ("united kingdom and ireland",),
}


def serves_country(line_country: str, country: str) -> bool:
    """Whether a line listed under `line_country` is for people in `country`."""
    listed, here = line_country.casefold().strip(), country.casefold().strip()
    if not here:
        return False
    if listed == here or listed.startswith(f"{here} ("):
        return True
    return listed in _SERVED_BY.get(here, ())


def order_for_country(lines: Sequence[LineT], country: str) -> list[LineT]:
    """This computer's country first, then the others, each group in its given order."""
    here = [line for line in lines if serves_country(line.country, country)]
    others = [line for line in lines if not serves_country(line.country, country)]
    return here + others
