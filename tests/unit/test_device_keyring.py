"""The OS keyring side of "Remember on this computer": only a real keyring is used.

The `fail` and `null` backends and keyrings.alt's plaintext files count as "not
available on this computer"; the in-memory backend (tests/memory_keyring.py) stands in
for a real OS keyring. A keyring that never answers is given up on, not waited for.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail, null

from desktop.device_keyring import (
    SERVICE,
    DeviceKeyMissing,
    KeyringTimedOut,
    KeyringUnavailable,
    check_available,
    delete_device_key,
    load_device_key,
    store_device_key,
)
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def use_backend() -> Iterator:
    previous = keyring.get_keyring()

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_the_fail_and_null_backends_are_not_a_keyring(use_backend, backend):
    use_backend(backend())
    with pytest.raises(KeyringUnavailable) as refused:
        check_available()
    assert "no safe keyring" in refused.value.user_message
    with pytest.raises(KeyringUnavailable):
        store_device_key("vault-x", b"k" * 32)


def test_a_plaintext_keyring_is_refused_and_writes_nothing(use_backend, tmp_path, monkeypatch):
    from keyrings.alt.file import PlaintextKeyring

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    plaintext = use_backend(PlaintextKeyring())
    with pytest.raises(KeyringUnavailable):
        check_available()
    with pytest.raises(KeyringUnavailable):
        store_device_key("vault-x", b"k" * 32)
    assert not Path(plaintext.file_path).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_chain_holding_a_plaintext_keyring_is_refused(use_backend, tmp_path, monkeypatch):
    from keyrings.alt.file import PlaintextKeyring

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    chain = chainer.ChainerBackend()
    monkeypatch.setattr(
        chainer.ChainerBackend,
        "backends",
        property(lambda _: [MemoryKeyring(), PlaintextKeyring()]),
    )
    use_backend(chain)
    with pytest.raises(KeyringUnavailable):
        check_available()


def test_a_real_keyring_passes_the_probe_and_keeps_nothing_of_it(use_backend):
    memory = use_backend(MemoryKeyring())
    check_available()
    assert memory.entries == {}  # the test entry was deleted again


def test_a_keyring_that_reads_back_something_else_is_refused(use_backend):
    class Forgetful(MemoryKeyring):
        def get_password(self, service, username):
            return None

    use_backend(Forgetful())
    with pytest.raises(KeyringUnavailable):
        check_available()


def test_store_load_delete(use_backend):
    memory = use_backend(MemoryKeyring())
    key = bytes(range(32))
    store_device_key("vault-abc", key)
    assert memory.entries == {(SERVICE, "vault-abc"): base64.b64encode(key).decode()}
    assert load_device_key("vault-abc") == key
    delete_device_key("vault-abc")
    assert memory.entries == {}
    delete_device_key("vault-abc")  # already gone: fine
    with pytest.raises(DeviceKeyMissing):
        load_device_key("vault-abc")
    memory.entries[(SERVICE, "vault-abc")] = "not base64 !"
    with pytest.raises(DeviceKeyMissing):
        load_device_key("vault-abc")


def test_a_keyring_that_never_answers_is_given_up_on(use_backend):
    answer = threading.Event()

    class Hung(MemoryKeyring):
        def set_password(self, service, username, password):
            answer.wait(10)

    use_backend(Hung())
    try:
        with pytest.raises(KeyringTimedOut) as late:
            check_available(timeout_s=0.2)
        assert "did not answer in time" in late.value.user_message
    finally:
        answer.set()
