"""A mixin for expected errors whose docstring is the sentence shown to the user."""

from __future__ import annotations


class UserSentence(Exception):
    """Something went wrong."""

    @property
    def user_message(self) -> str:
        """The docstring as one line (as `VaultError.user_message`); never user input."""
        return " ".join((type(self).__doc__ or "").split())

    def __str__(self) -> str:
        return self.user_message
