"""The operations partners send each other, and their canonical bytes.

See docs/protocol.md, "Channel messages: operations".

Each envelope carries one small, self-describing operation. ``put`` is the shared-notes
operation from the start (note id, version vector, title, body), so a note shared now can
be edited by both partners later without a change of format:

- ``put``: a note's whole state at a version (a share, an edit, a rename, a restore).
- ``delete``: an explicit tombstone at a version; a note missing from a sync is never
  deleted.
- ``ack``: "I have committed every message of yours up to ``upto``" (the sender may then
  drop them from its outbox); itself never acknowledged.
- ``resync``: "my inbox expired messages: send me what I lack", with my version vectors,
  so the partner sends only notes I do not have at their version.

Canonical form: UTF-8 JSON of the model's fields with keys sorted, no spaces, strings in
Unicode NFC, integers only (no floats), no ``null`` (absent fields are left out). Two
programs that agree on the operation produce the same bytes, which the tests' vectors pin.
Parsing is strict: unknown fields, duplicate keys, NaN and numbers out of range are
refused with one sentence that never quotes the input.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
)

from desktop.sentences import UserSentence

MAX_TITLE_CHARS = 500
MAX_BODY_CHARS = 200_000
MAX_COUNTER = 2**53 - 1
# Note ids are UUIDs in canonical text form; partner ids are 32 lowercase hex digits.
NOTE_ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
PARTNER_ID_PATTERN = r"^[0-9a-f]{32}$"


class OperationRejected(UserSentence, ValueError):
    """A message from your sharing partner was not in a form Alongside knows; it was set aside."""


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


Text = Annotated[StrictStr, AfterValidator(_nfc)]
Counter = Annotated[StrictInt, Field(ge=1, le=MAX_COUNTER)]
PartnerId = Annotated[StrictStr, Field(pattern=PARTNER_ID_PATTERN)]
NoteId = Annotated[StrictStr, Field(pattern=NOTE_ID_PATTERN)]
# One counter per partner who edited; a partner who never edited has no entry.
VersionVectorField = Annotated[dict[PartnerId, Counter], Field(min_length=1, max_length=2)]


class _Operation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class PutNote(_Operation):
    """A shared note's whole state at version ``vv``."""

    op: Literal["put"] = "put"
    note: NoteId
    vv: VersionVectorField
    title: Annotated[Text, Field(max_length=MAX_TITLE_CHARS)] = Field(repr=False)
    body: Annotated[Text, Field(max_length=MAX_BODY_CHARS)] = Field(repr=False)


class DeleteNote(_Operation):
    """A tombstone: the note was deleted at version ``vv``."""

    op: Literal["delete"] = "delete"
    note: NoteId
    vv: VersionVectorField


class Ack(_Operation):
    """Every message of the partner's up to seq ``upto`` is committed here."""

    op: Literal["ack"] = "ack"
    upto: Annotated[StrictInt, Field(ge=0, le=MAX_COUNTER)]


class Resync(_Operation):
    """My inbox lost messages to expiry: send what I lack, judged by these versions."""

    op: Literal["resync"] = "resync"
    have: dict[NoteId, VersionVectorField] = Field(max_length=100_000)


Operation = Annotated[PutNote | DeleteNote | Ack | Resync, Field(discriminator="op")]
_OPERATION: TypeAdapter[PutNote | DeleteNote | Ack | Resync] = TypeAdapter(Operation)


def encode_operation(operation: PutNote | DeleteNote | Ack | Resync) -> bytes:
    """The canonical bytes of one operation."""
    fields = operation.model_dump(mode="json")
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _no_constant(_: str) -> object:
    raise ValueError("not JSON")


def decode_operation(data: bytes) -> PutNote | DeleteNote | Ack | Resync:
    """The operation in ``data``; OperationRejected for anything else."""
    try:
        raw = json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_no_constant,
        )
        return _OPERATION.validate_python(raw, strict=True)
    except (UnicodeDecodeError, ValueError, RecursionError, ValidationError):
        raise OperationRejected() from None
