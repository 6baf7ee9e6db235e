"""The OS keyring side of "Remember on this computer" (issue 17): safe backends only.

A device slot (desktop/vault/keyslots.py) wraps the vault's data key under a random KEK;
this module keeps that KEK in the operating system's keyring through ``keyring``
(Windows Credential Manager, macOS Keychain, Secret Service on Linux). A keyring that
is no keyring counts as "not available on this computer", never as a fallback: the
``fail`` and ``null`` backends and every backend of ``keyrings.alt`` (plaintext or
home-made files). Before remembering, ``check_available`` writes a test entry, reads it
back, compares and deletes it.

Every call here blocks (Secret Service may ask the user to unlock their keyring), so
the UI runs them on the long-job lane, each under ``KEYRING_TIMEOUT_S``. ``keyring`` is
imported inside the functions, so nothing here costs start-up. No Qt.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import logging
import secrets
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from desktop.sentences import UserSentence

log = logging.getLogger("alongside.keyring")

SERVICE = "Alongside"
KEYRING_TIMEOUT_S = 20.0  # long enough to type a password into the keyring's own prompt
REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
T = TypeVar("T")


class KeyringUnavailable(UserSentence):
    """This computer has no safe keyring, so Alongside can't remember the vault here.
    Your passphrase works as always."""


class KeyringTimedOut(UserSentence):
    """This computer's keyring did not answer in time. Nothing was changed; use your
    passphrase."""


class DeviceKeyMissing(UserSentence):
    """This computer no longer holds the key that opened this vault without its
    passphrase. Type your passphrase; nothing was lost."""


def entry_for(vault_id: str) -> str:
    """The keyring entry's user name: the vault's random id, never its name or folder."""
    return f"vault-{vault_id}"


def _with_timeout(call: Callable[[], T], timeout_s: float) -> T:
    """Run a keyring call on its own daemon thread; give up after ``timeout_s``."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="keyring-call", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive():
        log.warning("keyring.timed_out")
        raise KeyringTimedOut("timeout")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def _refused(backend: Any) -> bool:
    module = type(backend).__module__
    if any(module == name or module.startswith(name + ".") for name in REFUSED_MODULES):
        return True
    chained = getattr(backend, "backends", None)
    if module == "keyring.backends.chainer":
        # The chainer writes to its first backend that works: safe only if all of them are.
        return not chained or any(_refused(inner) for inner in chained)
    return False


def _backend() -> Any:
    import keyring

    return keyring.get_keyring()


def backend_is_safe() -> bool:
    """Whether the configured backend is a real OS keyring (no write is made)."""
    return not _refused(_with_timeout(_backend, KEYRING_TIMEOUT_S))


def check_available(timeout_s: float = KEYRING_TIMEOUT_S) -> None:
    """Raise ``KeyringUnavailable`` unless a safe keyring stores, returns and deletes a
    test entry (a random value under a random name)."""

    def probe() -> bool:
        backend = _backend()
        if _refused(backend):
            log.info("keyring.refused backend=%s", type(backend).__module__)
            return False
        name, value = f"probe-{secrets.token_hex(8)}", secrets.token_urlsafe(24)
        try:
            backend.set_password(SERVICE, name, value)
            same = backend.get_password(SERVICE, name) == value
            backend.delete_password(SERVICE, name)
        except Exception as exc:  # keyring errors, D-Bus errors: the keyring is not usable
            log.info("keyring.probe_failed %s", type(exc).__name__)
            return False
        return same and backend.get_password(SERVICE, name) is None

    if not _with_timeout(probe, timeout_s):
        raise KeyringUnavailable("probe")


def store_device_key(entry: str, device_key: bytes, timeout_s: float = KEYRING_TIMEOUT_S) -> None:
    """Put the device KEK in the keyring (base64; it is random, not the passphrase)."""
    text = base64.b64encode(device_key).decode("ascii")

    def store() -> None:
        backend = _backend()
        if _refused(backend):
            raise KeyringUnavailable("refused")
        backend.set_password(SERVICE, entry, text)

    _with_timeout(store, timeout_s)


def load_device_key(entry: str, timeout_s: float = KEYRING_TIMEOUT_S) -> bytes:
    """The device KEK for ``entry``; ``DeviceKeyMissing`` when gone or not a key."""

    def load() -> str | None:
        backend = _backend()
        if _refused(backend):
            raise KeyringUnavailable("refused")
        value = backend.get_password(SERVICE, entry)
        return value if isinstance(value, str) else None

    text = _with_timeout(load, timeout_s)
    if text is None:
        raise DeviceKeyMissing("absent")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise DeviceKeyMissing("malformed") from None


def delete_device_key(entry: str, timeout_s: float = KEYRING_TIMEOUT_S) -> None:
    """Remove the entry; one already gone is fine."""

    def delete() -> None:
        import keyring.errors

        backend = _backend()
        if _refused(backend):
            return
        with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
            backend.delete_password(SERVICE, entry)

    _with_timeout(delete, timeout_s)
