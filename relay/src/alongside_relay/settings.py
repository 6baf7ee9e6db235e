"""Relay configuration from the environment (`ALONGSIDE_RELAY_*`) with every default once."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from alongside_wire.protocol import MAX_CIPHERTEXT_BYTES, MAX_REQUEST_BODY_BYTES


class RelaySettings(BaseSettings):
    """Everything an operator can tune; tests build a fresh instance with small values."""

    model_config = SettingsConfigDict(
        env_prefix="ALONGSIDE_RELAY_", extra="ignore", hide_input_in_errors=True
    )

    db: Path = Path("relay.db")
    host: str = "127.0.0.1"
    port: int = Field(default=8787, ge=0, le=65535)
    tls_cert: Path | None = None
    tls_key: Path | None = None

    # Optional shared secret a clinic hands its clinicians; required to allocate
    # nameplates when set. Read from the environment or a file, never from argv.
    enrolment_token: SecretStr | None = None
    enrolment_token_file: Path | None = None

    max_wait_seconds: float = Field(default=30.0, gt=0, le=300)
    message_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=1)
    nameplate_ttl_seconds: int = Field(default=600, ge=1)
    mailbox_ttl_seconds: int = Field(default=1800, ge=1)
    prune_interval_seconds: float = Field(default=60.0, gt=0)

    max_ciphertext_bytes: int = Field(default=MAX_CIPHERTEXT_BYTES, ge=1)
    max_body_bytes: int = Field(default=MAX_REQUEST_BODY_BYTES, ge=1024)
    inbox_max_messages: int = Field(default=10_000, ge=1)
    inbox_max_bytes: int = Field(default=64 * 1024 * 1024, ge=1)
    max_inboxes: int = Field(default=10_000, ge=1)
    max_nameplates: int = Field(default=10_000, ge=1)

    rate_per_second: float = Field(default=20.0, gt=0)
    rate_burst: int = Field(default=200, ge=1)

    @model_validator(mode="after")
    def _tls_needs_both(self) -> RelaySettings:
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("TLS needs both a certificate and a key")
        return self

    def resolved_enrolment_token(self) -> str | None:
        """The enrolment token from the environment or its file, or None when open."""
        if self.enrolment_token is not None:
            token = self.enrolment_token.get_secret_value().strip()
        elif self.enrolment_token_file is not None:
            token = self.enrolment_token_file.read_text(encoding="utf-8").strip()
        else:
            return None
        if not token:
            raise ValueError("the enrolment token is empty")
        return token
