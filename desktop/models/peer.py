"""Peer contacts: the people in my support network, and catching up with them.

A peer's name, notes and ways to reach them are content (DESIGN.md §3): every such
field is `repr=False`, and validation errors hide their input, so neither a log line
nor an exception can carry them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from desktop.sentences import UserSentence

MAX_PEER_NOTES_CHARS = 20_000
MAX_CATCH_UP_NOTE_CHARS = 1_000
MAX_PEER_TAGS = 20
# Digits with the usual separators; a leading + for international numbers.
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{1,40}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
# A messaging handle given as an address the system can open (Signal, WhatsApp,
# Telegram, Teams, Matrix, a web link): only these schemes become a link.
HANDLE_SCHEMES = ("https://", "sgnl://", "whatsapp://", "tg://", "msteams:", "matrix:", "xmpp:")
_HANDLE_LINK = re.compile("(?:" + "|".join(map(re.escape, HANDLE_SCHEMES)) + r")\S+")


class InvalidPeer(UserSentence, ValueError):
    """A peer needs a name. Check the phone number and e-mail address too."""


class InvalidCatchUp(UserSentence, ValueError):
    """A catch-up note can hold up to 1,000 characters."""


class CatchUpWay(StrEnum):
    """How we caught up (a short list: the note holds the rest)."""

    IN_PERSON = "in_person"
    CALL = "call"
    MESSAGE = "message"
    VIDEO = "video"

    @property
    def label(self) -> str:
        return _WAY_LABELS[self]


_WAY_LABELS = {
    CatchUpWay.IN_PERSON: "In person",
    CatchUpWay.CALL: "Phone call",
    CatchUpWay.MESSAGE: "Messages",
    CatchUpWay.VIDEO: "Video call",
}


def _folded(text: str) -> str:
    """Case- and accent-blind form for matching, as the debriefs' search ("jose" finds
    "José")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _clean_tag(tag: str) -> str:
    return " ".join(tag.split())


class PeerDetails(BaseModel):
    """What the user types about a peer: everything except identity and timestamps."""

    model_config = ConfigDict(
        frozen=True, hide_input_in_errors=True, extra="forbid", str_strip_whitespace=True
    )

    name: str = Field(repr=False, min_length=1, max_length=200)
    role: str = Field("", repr=False, max_length=200)
    organisation: str = Field("", repr=False, max_length=200)
    phone: str = Field("", repr=False, max_length=60)
    email: str = Field("", repr=False, max_length=254)
    # A messaging handle ("Signal: @sam.k"): shown as text, never a link we act on.
    handle: str = Field("", repr=False, max_length=200)
    availability: str = Field("", repr=False, max_length=300)
    notes: str = Field("", repr=False, max_length=MAX_PEER_NOTES_CHARS)
    tags: tuple[str, ...] = Field((), repr=False, max_length=MAX_PEER_TAGS)
    call_when_hard: bool = False  # "I can call them when it is hard"
    rhythm_days: int | None = Field(None, ge=1, le=366)  # catch up every … days

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if value and not _PHONE.match(value):
            raise ValueError("phone")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not _EMAIL.match(value):
            raise ValueError("email")
        return value

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned: list[str] = []
        for tag in value:
            tag = _clean_tag(tag)
            if tag and tag.casefold() not in {t.casefold() for t in cleaned}:
                if len(tag) > 60:
                    raise ValueError("tag")
                cleaned.append(tag)
        return tuple(cleaned)

    @property
    def phone_link(self) -> str:
        """A ``tel:`` address for the system's handler (digits and a leading + only)."""
        if not self.phone:
            return ""
        digits = re.sub(r"[^0-9]", "", self.phone)
        return f"tel:{'+' if self.phone.startswith('+') else ''}{digits}"

    @property
    def email_link(self) -> str:
        return f"mailto:{self.email}" if self.email else ""

    @property
    def handle_link(self) -> str:
        """The address in the handle the system's messaging app can open, or ""."""
        found = _HANDLE_LINK.search(self.handle)
        return found.group(0) if found else ""


class Peer(PeerDetails):
    """A peer contact as stored: details plus identity, times and trash state."""

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    created: datetime
    updated: datetime
    last_caught_up: datetime | None = None
    trashed_at: datetime | None = None

    @property
    def details(self) -> PeerDetails:
        return PeerDetails.model_validate(self.model_dump(include=set(PeerDetails.model_fields)))

    def matches(self, words: str) -> bool:
        """Whether every word typed appears in the name, role, organisation, tags or notes."""
        haystack = _folded(
            " ".join(
                (self.name, self.role, self.organisation, self.availability, self.notes, *self.tags)
            )
        )
        return all(word in haystack for word in _folded(words).split())


class CatchUp(BaseModel):
    """That I caught up with a peer: when, how, a short private note."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    peer_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    at: datetime
    way: CatchUpWay
    note: str = Field("", repr=False, max_length=MAX_CATCH_UP_NOTE_CHARS)


class CatchUpDue(BaseModel):
    """A calm reminder: the peer's rhythm has passed since the last catch-up."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    peer_id: str
    name: str = Field(repr=False)
    since: date  # the last catch-up, or when the peer was added
    days: int

    @property
    def sentence(self) -> str:
        """ "It's been 3 weeks since you caught up with Sam." (in-app only, never an OS
        notification: it names a person)."""
        return f"It's been {_span(self.days)} since you caught up with {self.name}."


def _span(days: int) -> str:
    if days >= 60:
        months = round(days / 30.4)
        return f"{months} months"
    if days >= 14:
        weeks = days // 7
        return f"{weeks} weeks"
    return f"{days} day{'s' if days != 1 else ''}"


def peer_details(**values: object) -> PeerDetails:
    """Validate what the user typed; any fault is `InvalidPeer` (a sentence, no input)."""
    from pydantic import ValidationError

    try:
        return PeerDetails.model_validate(values)
    except ValidationError:
        raise InvalidPeer() from None
