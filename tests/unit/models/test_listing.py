"""Snippets: highlight spans from FTS5's marks, and HTML that escapes the note first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.listing import HIGHLIGHT_END, HIGHLIGHT_START, Snippet


def test_marks_become_spans() -> None:
    snippet = Snippet.from_marked(f"a {HIGHLIGHT_START}burn{HIGHLIGHT_END}out b")
    assert snippet.text == "a burnout b"
    assert snippet.highlights == ((2, 6),)
    assert snippet.to_html() == "a <b>burn</b>out b"


@settings(deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Co"])), st.text())
def test_note_text_never_becomes_markup(note: str, match: str) -> None:
    marked = note + HIGHLIGHT_START + match + HIGHLIGHT_END + note
    html = Snippet.from_marked(marked).to_html(open_tag="[", close_tag="]")
    assert "<" not in html
    assert ">" not in html
