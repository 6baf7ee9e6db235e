"""The channel's keys from the vault's pairing record: my id, the sealer, a sync round.

``sealing_for`` is what a screen needs to write a shared note (my id in version vectors
and a sealer bound to the partner's inbox); ``open_channel`` builds the relay client and
the `ChannelSync` for the background loop. Both give None while the vault is not paired.

Partner ids (the keys of version vectors, docs/protocol.md §12) are the first 16 bytes
of SHA-256 of each vault's identity public key, in lowercase hex: stable across
re-pairing with the same colleague, and the same on both sides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import nacl.signing

from alongside_wire.protocol import b64url_decode
from desktop.clock import Clock
from desktop.models.pairing import StoredPairing
from desktop.sentences import UserSentence
from desktop.sync.channel_sync import ChannelKeys, ChannelSync
from desktop.sync.envelope import seal
from desktop.sync.inbox_client import InboxClient
from desktop.vault import Vault
from desktop.vault.shared_notes import queue_notes_lacking

Sealer = Callable[[int, bytes], bytes]


def partner_id(identity_public_key: bytes) -> str:
    """The id a vault has in version vectors."""
    return hashlib.sha256(identity_public_key).digest()[:16].hex()


def channel_keys(my_identity_public: bytes, pairing: StoredPairing) -> ChannelKeys:
    return ChannelKeys(
        me=partner_id(my_identity_public),
        partner=partner_id(pairing.partner_identity),
        key_id=int(pairing.key_id, 16),
        send_key=pairing.send_key,
        receive_key=pairing.receive_key,
        my_inbox=b64url_decode(pairing.my_inbox),
        partner_inbox=b64url_decode(pairing.partner_inbox),
    )


class CompareSafetyNumberFirst(UserSentence, PermissionError):
    """Your partner's safety number changed. Compare it on the Peers page before you share."""


def _keys(vault: Vault) -> tuple[ChannelKeys, StoredPairing] | None:
    pairing = vault.pairing.current()
    if pairing is None:
        return None
    if pairing.identity_changed:
        # Someone else may be on the other end: nothing leaves until the users compared
        # the new safety number (then Changed.PAIRING restarts the channel).
        raise CompareSafetyNumberFirst()
    keys = channel_keys(vault.pairing.identity().public_key, pairing)
    sealer = _sealer(keys)
    vault.channel.start_for_keys(
        keys.key_id,
        keys.partner,
        lambda connection, now: queue_notes_lacking(connection, {}, sealer, now),
    )
    return keys, pairing


def _sealer(keys: ChannelKeys) -> Sealer:
    def sealer(seq: int, plaintext: bytes) -> bytes:
        return seal(
            plaintext, key=keys.send_key, key_id=keys.key_id, inbox_id=keys.partner_inbox, seq=seq
        )

    return sealer


def sealing_for(vault: Vault) -> tuple[str, Sealer] | None:
    """My partner id and a sealer for the partner's inbox; None when not paired."""
    found = _keys(vault)
    if found is None:
        return None
    keys = found[0]
    return keys.me, _sealer(keys)


def open_channel(vault: Vault, clock: Clock) -> ChannelSync | None:
    """A sync for the vault's pairing (close it when done); None when not paired or while
    a changed safety number waits to be compared."""
    try:
        found = _keys(vault)
    except CompareSafetyNumberFirst:
        return None
    if found is None:
        return None
    keys, pairing = found
    client = InboxClient(
        pairing.relay_address,
        owner_key=nacl.signing.SigningKey(pairing.owner_key),
        putter_key=nacl.signing.SigningKey(pairing.putter_key),
        my_inbox=pairing.my_inbox,
        partner_inbox=pairing.partner_inbox,
        clock=clock,
    )
    client.clock_offset = pairing.clock_offset_seconds
    return ChannelSync(vault, keys, client)
