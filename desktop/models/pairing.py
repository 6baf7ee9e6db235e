"""The sharing partner as the vault keeps it: keys, inboxes and the safety number.

`StoredPairing` holds secrets (relay request key seeds, message keys): its fields never
show in a repr, and it never leaves the vault and the sync code. `PairingSummary` is
what a screen may show. Byte fields are raw bytes; docs/protocol.md §10 says how each
is made.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

KEY_BYTES = 32
SAFETY_NUMBER_DIGITS = 60


class IdentityKeys(BaseModel):
    """This vault's long-term X25519 identity key pair (made once, kept only in the vault)."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    private_key: bytes = Field(min_length=KEY_BYTES, max_length=KEY_BYTES, repr=False)
    public_key: bytes = Field(min_length=KEY_BYTES, max_length=KEY_BYTES, repr=False)


class StoredPairing(BaseModel):
    """Everything the encrypted channel needs, as stored in the vault's `pairing` table."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    relay_address: str = Field(repr=False)
    partner_identity: bytes = Field(min_length=KEY_BYTES, max_length=KEY_BYTES, repr=False)
    my_inbox: str = Field(repr=False)
    partner_inbox: str = Field(repr=False)
    # Ed25519 seeds of the two random relay request keys: the owner key of my inbox
    # (fetch, ack, status, delete) and the key that puts into my partner's inbox.
    owner_key: bytes = Field(min_length=KEY_BYTES, max_length=KEY_BYTES, repr=False)
    putter_key: bytes = Field(min_length=KEY_BYTES, max_length=KEY_BYTES, repr=False)
    # XChaCha20-Poly1305 keys per direction: I seal with send_key, open with receive_key.
    send_key: bytes = Field(min_length=KEY_BYTES, max_length=KEY_BYTES, repr=False)
    receive_key: bytes = Field(min_length=KEY_BYTES, max_length=KEY_BYTES, repr=False)
    key_id: str = Field(pattern=r"^[0-9a-f]{16}$", repr=False)
    safety_number: str = Field(pattern=r"^[0-9]{60}$", repr=False)
    paired_at: datetime
    verified_at: datetime | None = None
    identity_changed: bool = False
    clock_offset_seconds: int = 0

    def summary(self) -> PairingSummary:
        return PairingSummary(
            safety_number=self.safety_number,
            paired_at=self.paired_at,
            verified=self.verified_at is not None,
            verified_at=self.verified_at,
            identity_changed=self.identity_changed,
            relay_address=self.relay_address,
        )


class PairingSummary(BaseModel):
    """What the Peers page shows about the pairing; no key material."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    safety_number: str = Field(repr=False)
    paired_at: datetime
    verified: bool
    verified_at: datetime | None
    # True after a re-pair whose partner identity key differs from the stored one, until
    # the users compare the new safety number and mark it verified.
    identity_changed: bool
    relay_address: str = Field(repr=False)

    @property
    def safety_number_groups(self) -> tuple[str, ...]:
        """The 60 digits in twelve groups of five, as both sides show them."""
        return group_safety_number(self.safety_number)


def group_safety_number(digits: str) -> tuple[str, ...]:
    """Twelve groups of five digits (Signal's display)."""
    return tuple(digits[i : i + 5] for i in range(0, len(digits), 5))
