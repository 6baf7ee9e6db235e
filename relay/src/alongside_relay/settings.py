"""Relay configuration from the environment (`ALONGSIDE_RELAY_*`) with every default once.

Each field's description is its `alongside-relay serve --help` text: the command line is
generated from this model, so every setting is listed there and documented in one place.
"""

from __future__ import annotations

import stat
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from alongside_wire.protocol import MAX_CIPHERTEXT_BYTES, MAX_REQUEST_BODY_BYTES

ENV_PREFIX = "ALONGSIDE_RELAY_"


class ConfigurationError(ValueError):
    """A configuration the relay refuses; the message is a sentence for the operator."""


class NewerDatabase(ConfigurationError, RuntimeError):
    """The database was upgraded by a newer relay; this one must not touch it."""

    def __init__(self) -> None:
        super().__init__("the relay database is from a newer relay version; run that version")


class TokenFileTooOpen(ConfigurationError):
    """The enrolment token file can be read by other users of the machine."""

    def __init__(self) -> None:
        super().__init__(
            "the enrolment token file can be read by other users; "
            "make it readable by the relay's user only (chmod 600)"
        )


class RelaySettings(BaseSettings):
    """Everything an operator can tune; tests build a fresh instance with small values."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, extra="ignore", hide_input_in_errors=True
    )

    db: Path = Field(
        default=Path("relay.db"), description="SQLite database file (created if missing)"
    )
    database: SecretStr | None = Field(
        default=None,
        description="PostgreSQL URL (postgresql://user@host/dbname) for several instances on "
        "one database; replaces --db. Put the password in ~/.pgpass or PGPASSWORD, not here",
    )
    database_pool_size: int = Field(
        default=8, ge=1, le=100, description="PostgreSQL connections (and threads) per instance"
    )
    database_timeout_seconds: float = Field(
        default=5.0,
        gt=0,
        le=60,
        description="how long a request waits for a PostgreSQL connection before 503",
    )
    host: str = Field(default="127.0.0.1", description="address to listen on")
    port: int = Field(default=8787, ge=0, le=65535, description="port to listen on")
    tls_cert: Path | None = Field(default=None, description="PEM certificate chain for HTTPS")
    tls_key: Path | None = Field(default=None, description="PEM private key for HTTPS")

    # Optional shared secret a clinic hands its clinicians; required to allocate
    # nameplates when set. Read from the environment or a file, never from argv.
    enrolment_token: SecretStr | None = Field(
        default=None,
        description="token needed to allocate nameplates (environment only, never argv)",
    )
    enrolment_token_file: Path | None = Field(
        default=None,
        description="file holding the enrolment token; must not be readable by other users",
    )

    max_wait_seconds: float = Field(
        default=30.0, gt=0, le=300, description="longest a long-poll waits before answering"
    )
    message_ttl_seconds: int = Field(
        default=30 * 24 * 3600, ge=1, description="how long an unacked message is kept"
    )
    nameplate_ttl_seconds: int = Field(
        default=600, ge=1, description="how long a nameplate (pairing code) stays claimable"
    )
    mailbox_ttl_seconds: int = Field(
        default=1800, ge=1, description="how long an unclosed pairing mailbox lives"
    )
    prune_interval_seconds: float = Field(
        default=60.0,
        gt=0,
        description="how often expired data is deleted and the summary line logged",
    )

    max_ciphertext_bytes: int = Field(
        default=MAX_CIPHERTEXT_BYTES, ge=1, description="largest decoded ciphertext, in bytes"
    )
    max_body_bytes: int = Field(
        default=MAX_REQUEST_BODY_BYTES, ge=1024, description="largest request body, in bytes"
    )
    inbox_max_messages: int = Field(
        default=10_000, ge=1, description="pending messages per inbox before 507 inbox_full"
    )
    inbox_max_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=1,
        description="pending ciphertext bytes per inbox before 507 inbox_full",
    )
    max_inboxes: int = Field(
        default=10_000, ge=1, description="inboxes on the relay before 507 relay_full"
    )
    max_nameplates: int = Field(
        default=10_000,
        ge=1,
        description="nameplates open at once before 507 nameplates_exhausted",
    )

    rate_per_second: float = Field(
        default=20.0, gt=0, description="requests a second per signing key or client address"
    )
    rate_burst: int = Field(default=200, ge=1, description="burst allowed above that rate")

    @model_validator(mode="after")
    def _tls_needs_both(self) -> RelaySettings:
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("TLS needs both a certificate and a key")
        return self

    @model_validator(mode="after")
    def _database_is_postgresql(self) -> RelaySettings:
        if self.database is not None and not self.database.get_secret_value().startswith(
            ("postgresql://", "postgres://")
        ):
            raise ValueError("--database takes a postgresql:// URL (SQLite is --db)")
        return self

    def resolved_enrolment_token(self) -> str | None:
        """The enrolment token from the environment or its file, or None when open.

        A token file that group or others may read is refused (as ssh refuses an open
        private key): the token is what keeps strangers from starting pairings.
        """
        if self.enrolment_token is not None:
            token = self.enrolment_token.get_secret_value().strip()
        elif self.enrolment_token_file is not None:
            if stat.S_IMODE(self.enrolment_token_file.stat().st_mode) & 0o077:
                raise TokenFileTooOpen()
            token = self.enrolment_token_file.read_text(encoding="utf-8").strip()
        else:
            return None
        if not token:
            raise ConfigurationError("the enrolment token is empty")
        return token
