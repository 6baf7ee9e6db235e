"""A debrief: what a clinician wrote after a hard case or shift."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from desktop.models.template import FIELD_ID_PATTERN, Template

MAX_TITLE_CHARS = 300
MAX_BODY_CHARS = 1_000_000
AUTO_TITLE_CHARS = 80

FieldId = Annotated[str, StringConstraints(pattern=FIELD_ID_PATTERN)]
FieldText = Annotated[str, StringConstraints(max_length=MAX_BODY_CHARS)]


class Debrief(BaseModel):
    """One saved debrief. Content fields stay out of repr and validation errors.

    `fields` holds the text of each template field by field id; `body` is those texts
    joined in the template's order (or the whole note for a debrief without a
    template), so search and the simple `add(title, body)` API see one text.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    title: str = Field(repr=False, max_length=MAX_TITLE_CHARS)
    body: str = Field(repr=False, max_length=MAX_BODY_CHARS)
    created: datetime
    updated: datetime
    template_id: str | None = None
    template_version: int | None = Field(default=None, ge=1)
    fields: dict[FieldId, FieldText] = Field(default_factory=dict, repr=False)
    tags: tuple[str, ...] = Field(default=(), repr=False)
    checkin_id: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")
    trashed_at: datetime | None = None
    title_is_automatic: bool = False

    @property
    def word_count(self) -> int:
        """Words in the whole text, for the editor's status line."""
        return len(self.body.split())

    @property
    def in_trash(self) -> bool:
        """Whether the debrief waits in the trash."""
        return self.trashed_at is not None


def compose_body(template: Template | None, fields: Mapping[str, str]) -> str:
    """The fields' texts in the template's order, blank fields left out."""
    if template is None:
        ordered = list(fields.values())
    else:
        ordered = [fields.get(field.id, "") for field in template.fields]
        # Text kept for a field this version no longer has is still searchable.
        known = {field.id for field in template.fields}
        ordered += [text for field_id, text in fields.items() if field_id not in known]
    return "\n\n".join(text for text in ordered if text.strip())


def title_from_text(text: str) -> str:
    """A title from the first non-blank line of `text`, shortened at a word boundary."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= AUTO_TITLE_CHARS:
                return line
            cut = line[:AUTO_TITLE_CHARS].rsplit(" ", 1)[0] or line[:AUTO_TITLE_CHARS]
            return cut + "…"
    return ""


def title_from_fields(template: Template | None, fields: Mapping[str, str]) -> str:
    """The default title: the first line of the first field that has text."""
    if template is None:
        texts = list(fields.values())
    else:
        texts = [fields.get(field.id, "") for field in template.fields]
    for text in texts:
        title = title_from_text(text)
        if title:
            return title
    return ""
