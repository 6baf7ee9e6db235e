"""The keyslot file: the vault's random data key (DEK), wrapped several ways.

As in LUKS or Bitwarden, the database is encrypted with one random 256-bit DEK; each
slot wraps that DEK under a key-encryption key (KEK): Argon2id of the passphrase, a
random recovery code, or a random KEK kept in this computer's OS keyring ("Remember on
this computer", issue 17: the slot names the keyring entry, the keyring holds the KEK). Wrapping is
XChaCha20-Poly1305 with the vault id, slot kind and generation as associated data, so
a slot cannot be moved to another vault or kind. `keyslots.json` holds no secret in
clear.

A *generation* counts data keys. While a re-encryption is under way the file briefly
holds slots of two generations; whichever DEK the database accepts wins at open.
"""

from __future__ import annotations

import base64
import json
import secrets
from typing import Annotated, Literal

import nacl.bindings as sodium
import nacl.exceptions
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    ValidationError,
)

from desktop.vault.errors import VaultDamaged
from desktop.vault.kdf import SALT_BYTES, KdfParams, check_kdf_params, derive_key
from desktop.vault.passphrase_form import (
    NORMALISED_FORM,
    normalise_passphrase,
    passphrase_candidates,
)

DEK_BYTES = 32
NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
WRAPPED_BYTES = DEK_BYTES + sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES


def _decode_b64(value: object) -> object:
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except ValueError:
            raise ValueError("not base64") from None
    return value


def _sized(length: int) -> object:
    return Annotated[
        bytes,
        BeforeValidator(_decode_b64),
        Field(min_length=length, max_length=length),
        PlainSerializer(lambda raw: base64.b64encode(raw).decode("ascii"), return_type=str),
    ]


Salt = _sized(SALT_BYTES)
Nonce = _sized(NONCE_BYTES)
Wrapped = _sized(WRAPPED_BYTES)

_STRICT = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class PassphraseSlot(BaseModel):
    """The DEK wrapped under Argon2id(passphrase)."""

    model_config = _STRICT
    kind: Literal["passphrase"] = "passphrase"
    generation: int = Field(ge=1)
    # "NFC": the KEK was derived from the NFC form of the passphrase. Absent (slots
    # written before issue 16): derived from the form typed then; see passphrase_form.py.
    passphrase_form: Literal["NFC"] | None = None
    salt: Salt  # type: ignore[valid-type]
    opslimit: StrictInt
    memlimit: StrictInt
    nonce: Nonce  # type: ignore[valid-type]
    wrapped_key: Wrapped  # type: ignore[valid-type]


class RecoverySlot(BaseModel):
    """The DEK wrapped under HKDF(recovery code)."""

    model_config = _STRICT
    kind: Literal["recovery"] = "recovery"
    generation: int = Field(ge=1)
    salt: Salt  # type: ignore[valid-type]
    nonce: Nonce  # type: ignore[valid-type]
    wrapped_key: Wrapped  # type: ignore[valid-type]


class DeviceSlot(BaseModel):
    """The DEK wrapped under a random KEK kept in the OS keyring ("remember here")."""

    model_config = _STRICT
    kind: Literal["device"] = "device"
    generation: int = Field(ge=1)
    keyring_entry: str = Field(min_length=1, max_length=200)
    nonce: Nonce  # type: ignore[valid-type]
    wrapped_key: Wrapped  # type: ignore[valid-type]


Slot = Annotated[PassphraseSlot | RecoverySlot | DeviceSlot, Field(discriminator="kind")]


class KeyslotFile(BaseModel):
    """The whole `keyslots.json`."""

    model_config = _STRICT
    format: Literal["alongside-keyslots"] = "alongside-keyslots"
    version: Literal[1] = 1
    vault_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    slots: tuple[Slot, ...] = Field(max_length=16)

    def to_bytes(self) -> bytes:
        # exclude_none: an old slot without `passphrase_form` is written back unchanged.
        payload = self.model_dump(mode="json", exclude_none=True)
        return json.dumps(payload, indent=2).encode("utf-8") + b"\n"

    def generations(self) -> list[int]:
        """Data-key generations present, newest first."""
        return sorted({slot.generation for slot in self.slots}, reverse=True)


def parse_keyslot_file(raw: bytes) -> KeyslotFile:
    """Parse and validate `keyslots.json`; anything malformed is `VaultDamaged`.

    KDF parameters are bounds-checked here, before any derivation is attempted.
    """
    try:
        parsed = KeyslotFile.model_validate_json(raw)
    except ValidationError:
        raise VaultDamaged("keyslots-invalid") from None
    for slot in parsed.slots:
        if isinstance(slot, PassphraseSlot):
            check_kdf_params(slot.opslimit, slot.memlimit)
    return parsed


def _associated_data(vault_id: str, kind: str, generation: int) -> bytes:
    return f"alongside/keyslot/v1\x00{vault_id}\x00{kind}\x00{generation}".encode("ascii")


def _wrap(dek: bytes, kek: bytes, ad: bytes, nonce: bytes | None) -> tuple[bytes, bytes]:
    if nonce is None:
        nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce, sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(dek, ad, nonce, kek)


def _unwrap(wrapped: bytes, nonce: bytes, kek: bytes, ad: bytes) -> bytes | None:
    try:
        return bytes(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(wrapped, ad, nonce, kek))
    except nacl.exceptions.CryptoError:
        return None


def recovery_kek(secret: bytes, salt: bytes) -> bytes:
    """Stretch the 128-bit recovery secret into a slot KEK (HKDF-SHA256, RFC 5869)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"alongside/v1/recovery-kek"
    ).derive(secret)


def new_data_key() -> bytes:
    """A fresh random 256-bit database key."""
    return secrets.token_bytes(DEK_BYTES)


def make_passphrase_slot(
    vault_id: str,
    generation: int,
    dek: bytes,
    passphrase: str,
    params: KdfParams,
    *,
    salt: bytes | None = None,
    nonce: bytes | None = None,
) -> PassphraseSlot:
    """Wrap `dek` under Argon2id of the NFC passphrase; the slot says it is normalised.

    `salt` and `nonce` are random unless given (only the format's worked example does).
    """
    if salt is None:
        salt = secrets.token_bytes(SALT_BYTES)
    kek = derive_key(normalise_passphrase(passphrase), salt, params)
    ad = _associated_data(vault_id, "passphrase", generation)
    nonce, wrapped = _wrap(dek, kek, ad, nonce)
    return PassphraseSlot(
        generation=generation,
        passphrase_form=NORMALISED_FORM,
        salt=salt,
        opslimit=params.opslimit,
        memlimit=params.memlimit,
        nonce=nonce,
        wrapped_key=wrapped,
    )


def make_recovery_slot(
    vault_id: str,
    generation: int,
    dek: bytes,
    secret: bytes,
    *,
    salt: bytes | None = None,
    nonce: bytes | None = None,
) -> RecoverySlot:
    """Wrap `dek` under HKDF of the 16-byte recovery secret (random salt and nonce)."""
    if salt is None:
        salt = secrets.token_bytes(SALT_BYTES)
    kek = recovery_kek(secret, salt)
    nonce, wrapped = _wrap(dek, kek, _associated_data(vault_id, "recovery", generation), nonce)
    return RecoverySlot(generation=generation, salt=salt, nonce=nonce, wrapped_key=wrapped)


def unwrap_with_passphrase(keyslots: KeyslotFile, passphrase: str) -> list[tuple[int, bytes]]:
    """Return (generation, DEK) for every passphrase slot this passphrase opens.

    A slot written before passphrases were normalised is tried with up to three Unicode
    forms of the passphrase (`passphrase_candidates`).
    """
    opened = []
    for slot in keyslots.slots:
        if not isinstance(slot, PassphraseSlot):
            continue
        params = KdfParams(slot.opslimit, slot.memlimit)
        ad = _associated_data(keyslots.vault_id, "passphrase", slot.generation)
        normalised = slot.passphrase_form == NORMALISED_FORM
        for form in passphrase_candidates(passphrase, slot_is_normalised=normalised):
            dek = _unwrap(slot.wrapped_key, slot.nonce, derive_key(form, slot.salt, params), ad)
            if dek is not None:
                opened.append((slot.generation, dek))
                break
    return opened


def has_unnormalised_passphrase_slot(keyslots: KeyslotFile) -> bool:
    """Whether a passphrase slot predates NFC normalisation (and should be rewrapped)."""
    return any(
        isinstance(slot, PassphraseSlot) and slot.passphrase_form != NORMALISED_FORM
        for slot in keyslots.slots
    )


def unwrap_with_recovery_secret(keyslots: KeyslotFile, secret: bytes) -> list[tuple[int, bytes]]:
    """Return (generation, DEK) for every recovery slot this secret opens."""
    opened = []
    for slot in keyslots.slots:
        if not isinstance(slot, RecoverySlot):
            continue
        kek = recovery_kek(secret, slot.salt)
        ad = _associated_data(keyslots.vault_id, "recovery", slot.generation)
        dek = _unwrap(slot.wrapped_key, slot.nonce, kek, ad)
        if dek is not None:
            opened.append((slot.generation, dek))
    return opened


DEVICE_KEY_BYTES = 32


def new_device_key() -> bytes:
    """A random KEK for a device slot (kept in the OS keyring, never derived from a secret
    the user knows, so the keyring never holds the passphrase or anything that opens it)."""
    return secrets.token_bytes(DEVICE_KEY_BYTES)


def make_device_slot(
    vault_id: str, generation: int, dek: bytes, device_key: bytes, keyring_entry: str
) -> DeviceSlot:
    """Wrap `dek` under the device KEK; the slot names the keyring entry that holds it."""
    if len(device_key) != DEVICE_KEY_BYTES:
        raise ValueError("device key length")
    ad = _associated_data(vault_id, "device", generation)
    nonce, wrapped = _wrap(dek, device_key, ad, None)
    return DeviceSlot(
        generation=generation, keyring_entry=keyring_entry, nonce=nonce, wrapped_key=wrapped
    )


def device_slot_of(keyslots: KeyslotFile) -> DeviceSlot | None:
    """The vault's device slot, if this vault is remembered on a computer."""
    return next((slot for slot in keyslots.slots if isinstance(slot, DeviceSlot)), None)


def unwrap_with_device_key(keyslots: KeyslotFile, device_key: bytes) -> list[tuple[int, bytes]]:
    """Return (generation, DEK) for every device slot this KEK opens."""
    if len(device_key) != DEVICE_KEY_BYTES:
        return []
    opened = []
    for slot in keyslots.slots:
        if not isinstance(slot, DeviceSlot):
            continue
        ad = _associated_data(keyslots.vault_id, "device", slot.generation)
        dek = _unwrap(slot.wrapped_key, slot.nonce, device_key, ad)
        if dek is not None:
            opened.append((slot.generation, dek))
    return opened
