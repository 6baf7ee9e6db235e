"""The vault's identity key and its one pairing with a sharing partner (issue 11).

The identity key pair is made once per vault, on first use, and its private half never
leaves the vault's database. The pairing is one row, written once pairing has finished
on both sides, replaced by a re-pair and deleted by unpairing. Writes announce
`Changed.PAIRING`, so open screens follow. Nothing here logs.
"""

from __future__ import annotations

import json

import nacl.public

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.pairing import IdentityKeys, StoredPairing
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.sql import optional_time, to_db_time, transaction

RELAY_ADDRESS_PREFERENCE = "relay_address"

_COLUMNS = (
    "relay_address, partner_identity, my_inbox, partner_inbox, owner_key, putter_key, "
    "send_key, receive_key, key_id, safety_number, paired_at, verified_at, "
    "identity_changed, clock_offset_seconds"
)


class NotPaired(UserSentence, LookupError):
    """This vault is not paired with a colleague."""


def _pairing_from_row(row: tuple[object, ...]) -> StoredPairing:
    names = [name.strip() for name in _COLUMNS.split(",")]
    values = dict(zip(names, row, strict=True))
    values["paired_at"] = optional_time(str(values["paired_at"]))
    values["verified_at"] = optional_time(values["verified_at"])  # type: ignore[arg-type]
    values["identity_changed"] = bool(values["identity_changed"])
    return StoredPairing.model_validate(values)


def read_pairing(connection: Connection) -> StoredPairing | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM pairing WHERE id = 1").fetchone()
    return None if row is None else _pairing_from_row(tuple(row))


class PairingStore:
    """Read and write the identity key, the pairing and the remembered relay address."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    # -- identity ----------------------------------------------------------------------

    def identity(self) -> IdentityKeys:
        """This vault's identity key pair, made on first use and kept ever after."""

        def get_or_make(connection: Connection) -> IdentityKeys:
            with transaction(connection):
                row = connection.execute(
                    "SELECT private_key, public_key FROM sync_identity WHERE id = 1"
                ).fetchone()
                if row is not None:
                    return IdentityKeys(private_key=bytes(row[0]), public_key=bytes(row[1]))
                private = nacl.public.PrivateKey.generate()
                keys = IdentityKeys(
                    private_key=bytes(private), public_key=bytes(private.public_key)
                )
                connection.execute(
                    "INSERT INTO sync_identity (id, private_key, public_key, created) "
                    "VALUES (1, ?, ?, ?)",
                    (keys.private_key, keys.public_key, to_db_time(self._clock.now())),
                )
                return keys

        return self._worker.call(get_or_make)

    # -- the pairing -------------------------------------------------------------------

    def current(self) -> StoredPairing | None:
        """The stored pairing, or None when this vault is not paired."""
        return self._worker.call(read_pairing)

    def save(self, pairing: StoredPairing) -> StoredPairing | None:
        """Store `pairing`, replacing any earlier one; returns the one it replaced."""

        def write(connection: Connection) -> StoredPairing | None:
            with transaction(connection):
                previous = read_pairing(connection)
                connection.execute("DELETE FROM pairing")
                connection.execute(
                    f"INSERT INTO pairing (id, {_COLUMNS}) "
                    "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        pairing.relay_address,
                        pairing.partner_identity,
                        pairing.my_inbox,
                        pairing.partner_inbox,
                        pairing.owner_key,
                        pairing.putter_key,
                        pairing.send_key,
                        pairing.receive_key,
                        pairing.key_id,
                        pairing.safety_number,
                        to_db_time(pairing.paired_at),
                        None if pairing.verified_at is None else to_db_time(pairing.verified_at),
                        int(pairing.identity_changed),
                        pairing.clock_offset_seconds,
                    ),
                )
                return previous

        return self._worker.call(write)

    def mark_verified(self) -> StoredPairing:
        """Record that both users compared the safety number and it matched."""

        def write(connection: Connection) -> StoredPairing:
            with transaction(connection):
                updated = connection.execute(
                    "UPDATE pairing SET verified_at = ?, identity_changed = 0 WHERE id = 1",
                    (to_db_time(self._clock.now()),),
                ).rowcount
                stored = read_pairing(connection)
                if not updated or stored is None:
                    raise NotPaired()
                return stored

        return self._worker.call(write)

    def set_clock_offset(self, seconds: int) -> None:
        """Remember how far the relay's clock is from ours (used to sign requests)."""
        self._worker.call(
            lambda c: c.execute(
                "UPDATE pairing SET clock_offset_seconds = ? WHERE id = 1 "
                "AND clock_offset_seconds != ?",
                (seconds, seconds),
            )
        )

    def remove(self) -> StoredPairing | None:
        """Delete the pairing and its keys (unpairing); returns what was deleted."""

        def delete(connection: Connection) -> StoredPairing | None:
            with transaction(connection):
                previous = read_pairing(connection)
                connection.execute("DELETE FROM pairing")
                return previous

        return self._worker.call(delete)

    # -- the relay address -------------------------------------------------------------

    @property
    def relay_address(self) -> str | None:
        """The relay address last used for pairing (remembered in the vault)."""
        row = self._worker.call(
            lambda c: c.execute(
                "SELECT value FROM preferences WHERE key = ?", (RELAY_ADDRESS_PREFERENCE,)
            ).fetchone()
        )
        value = None if row is None else json.loads(row[0])
        return value if isinstance(value, str) else None

    def remember_relay_address(self, address: str) -> None:
        encoded = json.dumps(address)
        self._worker.call(
            lambda c: c.execute(
                "INSERT INTO preferences (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (RELAY_ADDRESS_PREFERENCE, encoded),
            )
        )
