"""A backup file is outside input: any bytes are refused with a sentence, never a crash."""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.vault import (
    FLOOR_KDF,
    BackupDamaged,
    NotABackup,
    VaultError,
    create_vault,
    restore_backup,
)
from desktop.vault.backup_format import HEADER, MAGIC, read_layout

from .conftest import PASSPHRASE


@pytest.fixture(scope="module")
def small_backup() -> Iterator[bytes]:
    work = Path(tempfile.mkdtemp(prefix="alongside-parse-"))
    try:
        vault, _ = create_vault(work / "v", "Parse", PASSPHRASE, kdf=FLOOR_KDF)
        vault.debriefs.add("One", "Two")
        vault.back_up(work / "b.albk")
        vault.close()
        yield (work / "b.albk").read_bytes()
    finally:
        shutil.rmtree(work)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.binary(max_size=200).map(lambda tail: MAGIC + tail),
        st.tuples(st.integers(0, 3), st.integers(0, 2**32 - 1), st.integers(0, 2**64 - 1)).map(
            lambda fields: HEADER.pack(MAGIC, *fields[:1], 0, *fields[1:]) + b"{}"
        ),
    )
)
def test_any_broken_header_is_refused_plainly(raw: bytes) -> None:
    with pytest.raises((NotABackup, BackupDamaged)):
        read_layout(io.BytesIO(raw), len(raw))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_mutated_backup_restores_intact_or_is_refused_leaving_nothing(
    small_backup: bytes, tmp_path: Path, data: st.DataObject
) -> None:
    raw = bytearray(small_backup)
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    (work / "b.albk").write_bytes(bytes(raw))
    try:
        restore_backup(work / "b.albk", work / "restored", passphrase=PASSPHRASE)
    except VaultError:
        assert sorted(p.name for p in work.iterdir()) == ["b.albk"]
    else:
        assert bytes(raw) == small_backup  # only an unchanged file may restore
