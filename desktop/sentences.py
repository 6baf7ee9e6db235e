"""The one base for expected errors: the docstring is the sentence shown to the user.

Two tiers (STYLE.md §2): a subclass of `UserSentence` is a *known* failure of the
environment or of the user's input, with a clinician-readable sentence; anything else
is a bug. The sentence never holds note content, SQL text or a library's own message;
`detail_code` is a short code for diagnostics (an SQLite error name, an errno name).
Stdlib only, so the unlock screen can use it before anything heavy is imported.
"""

from __future__ import annotations


class UserSentence(Exception):
    """Something went wrong."""

    def __init__(self, detail_code: str | None = None) -> None:
        self.detail_code = detail_code
        super().__init__(self.user_message)

    @property
    def user_message(self) -> str:
        """The docstring as one line; never user input."""
        doc = type(self).__doc__ or UserSentence.__doc__ or ""
        return " ".join(doc.split())

    def __str__(self) -> str:
        return self.user_message
