"""What the debrief list and search return: light rows, filters, pages and snippets."""

from __future__ import annotations

import html
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from desktop.models.checkin import StressZone

HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"


class ListFilter(BaseModel):
    """Which debriefs to show; every criterion is optional and they combine with AND."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    tag: str | None = Field(default=None, repr=False)
    template_id: str | None = None
    created_from: datetime | None = None
    created_before: datetime | None = None
    zone: StressZone | None = None


class DebriefSummary(BaseModel):
    """One row of the list: enough to draw it, without the debrief's full text."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str
    title: str = Field(repr=False)
    template_id: str | None
    created: datetime
    updated: datetime
    zone: StressZone | None = None


class PageCursor(BaseModel):
    """Where the next page starts (keyset): the last row's creation time and id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    created: str
    id: str


class DebriefPage(BaseModel):
    """One page of the list; `next_cursor` is None on the last page."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rows: tuple[DebriefSummary, ...]
    next_cursor: PageCursor | None


class Snippet(BaseModel):
    """Note text around a match, with the matched spans as (start, end) offsets."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    text: str = Field(repr=False)
    highlights: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_marked(cls, marked: str) -> Snippet:
        """Split FTS5's snippet, which wraps matches in private-use marks, into spans."""
        text: list[str] = []
        highlights: list[tuple[int, int]] = []
        length = 0
        start: int | None = None
        for ch in marked:
            if ch == HIGHLIGHT_START:
                start = length
            elif ch == HIGHLIGHT_END:
                if start is not None and length > start:
                    highlights.append((start, length))
                start = None
            else:
                text.append(ch)
                length += 1
        return cls(text="".join(text), highlights=tuple(highlights))

    def to_html(self, open_tag: str = "<b>", close_tag: str = "</b>") -> str:
        """The snippet as HTML: note text escaped first, then the highlight tags added."""
        parts: list[str] = []
        position = 0
        for start, end in self.highlights:
            parts.append(html.escape(self.text[position:start]))
            parts.append(open_tag + html.escape(self.text[start:end]) + close_tag)
            position = end
        parts.append(html.escape(self.text[position:]))
        return "".join(parts)


class SearchHit(BaseModel):
    """A debrief that matches a search, best first, with a snippet of the match."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    summary: DebriefSummary
    snippet: Snippet
