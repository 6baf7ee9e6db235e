"""What can go wrong while pairing or talking to the relay, each as one plain sentence.

Every class is a `UserSentence`: its docstring is what the Peers page shows. None of
them carries the code, a key, an id or the relay's own text; `detail_code` holds at most
the relay's error code or an exception type name, for diagnostics.
"""

from __future__ import annotations

from desktop.sentences import UserSentence


class SyncError(UserSentence):
    """Something went wrong while talking to the relay."""


class InvalidCode(SyncError, ValueError):
    """That code does not look right. A code is a number followed by three or more words,
    like 7-apple-river-stone."""


class InvalidRelayAddress(SyncError, ValueError):
    """That relay address does not look right. It starts with http:// or https://, like
    https://relay.example.org."""


class WrongCode(SyncError):
    """The codes did not match, so nothing was paired. Check the code with your colleague
    and start again with a new code."""


class CodeInUse(SyncError):
    """Someone else has already used this code, so it no longer works. Start again with
    a new code."""


class CodeExpired(SyncError):
    """This code has expired or was never given out. Ask your colleague to show a new
    code."""


class PartnerLeft(SyncError):
    """Your colleague stopped pairing before it finished. Nothing was paired; start again
    when you are both ready."""


class PairingCancelled(SyncError):
    """Pairing was cancelled. Nothing was paired."""


class RelayUnreachable(SyncError):
    """The relay can't be reached. Check the relay address and your connection, then try
    again."""


class RelayFailed(SyncError):
    """The relay answered with an error. Try again later; if it keeps happening, tell
    whoever runs the relay."""


class RelayBusy(SyncError):
    """The relay is busy. Wait a minute and try again."""


class RelayRefused(SyncError):
    """The relay refused the request. If your clinic runs its own relay, check that you
    are allowed to use it."""


class PairingWithItself(SyncError):
    """This vault cannot pair with itself. Enter the code on your colleague's computer."""


class PairingUnsafe(SyncError):
    """Pairing stopped because a message from the other side did not check out. Nothing
    was paired; start again with a new code."""
