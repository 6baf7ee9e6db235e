"""Debrief templates: named fields with a heading and a prompt, shipped or user-made."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from desktop.sentences import UserSentence

MAX_TEMPLATE_FIELDS = 30
MAX_HEADING_CHARS = 120
MAX_PROMPT_CHARS = 500
MAX_NAME_CHARS = 120
FIELD_ID_PATTERN = r"^[a-z0-9_]{1,40}$"


class InvalidTemplate(UserSentence, ValueError):
    """This template cannot be used: it is damaged or has no fields."""


class TemplateField(BaseModel):
    """One field of a template: what to write about, and whether it holds action points."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=FIELD_ID_PATTERN)
    heading: str = Field(repr=False, min_length=1, max_length=MAX_HEADING_CHARS)
    prompt: str = Field(default="", repr=False, max_length=MAX_PROMPT_CHARS)
    holds_actions: bool = False


class Template(BaseModel):
    """One version of a template. A debrief records the `id` and `version` it used."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    version: int = Field(ge=1)
    name: str = Field(repr=False, min_length=1, max_length=MAX_NAME_CHARS)
    description: str = Field(default="", repr=False, max_length=1000)
    estimated_minutes: int = Field(default=10, ge=1, le=240)
    attribution: str = Field(default="", repr=False, max_length=1000)
    licence: str = Field(default="", repr=False, max_length=1000)
    fields: tuple[TemplateField, ...] = Field(min_length=1, max_length=MAX_TEMPLATE_FIELDS)
    builtin: bool = False
    retired: bool = False

    @field_validator("fields")
    @classmethod
    def _unique_field_ids(cls, fields: tuple[TemplateField, ...]) -> tuple[TemplateField, ...]:
        ids = [field.id for field in fields]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate field id")
        return fields

    def field(self, field_id: str) -> TemplateField:
        """The field with this id; `KeyError` if this version has none."""
        for field in self.fields:
            if field.id == field_id:
                return field
        raise KeyError(field_id)

    def content_json(self) -> str:
        """The template as stored: everything but the flags that live beside it."""
        return self.model_dump_json(exclude={"builtin", "retired"})


def parse_template_json(raw: str | bytes, *, builtin: bool = False) -> Template:
    """Parse one template file; any fault is `InvalidTemplate`, never pydantic's text."""
    try:
        template = Template.model_validate_json(raw)
    except (ValidationError, ValueError):
        raise InvalidTemplate() from None
    return template.model_copy(update={"builtin": builtin}) if builtin else template
