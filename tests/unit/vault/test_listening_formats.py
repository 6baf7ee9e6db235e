"""Saved listening formats: kept in the vault, replaced by name, announced as a change."""

from __future__ import annotations

from pathlib import Path

from desktop.models.listening import DEFAULT_FORMAT, format_from
from desktop.vault import Vault, open_vault
from desktop.vault.changes import Changed, ChangeNotice

from .conftest import PASSPHRASE
from .debriefing_helpers import FakeClock


def test_a_saved_format_comes_back_after_reopening(
    vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    vault.listening_formats.save(format_from("Tuesday team", ["Right now", "This week"], 3))
    vault.listening_formats.save(DEFAULT_FORMAT)
    vault.close()
    again = open_vault(tmp_path / "vault", PASSPHRASE, clock=clock)
    names = [f.name for f in again.listening_formats.list()]
    assert names == ["Three rounds", "Tuesday team"]
    tuesday = again.listening_formats.list()[1]
    assert tuesday.rounds == ("Right now", "This week")
    assert tuesday.minutes_per_turn == 3
    again.close()


def test_saving_the_same_name_replaces_and_delete_forgets(vault: Vault) -> None:
    vault.listening_formats.save(format_from("Short", ["One"], 2))
    vault.listening_formats.save(format_from("short", ["Two"], 4))
    [only] = vault.listening_formats.list()
    assert only.rounds == ("Two",)
    vault.listening_formats.delete("SHORT")
    assert vault.listening_formats.list() == []


def test_saving_a_format_is_announced(vault: Vault) -> None:
    heard: list[ChangeNotice] = []
    vault.on_change(heard.append)
    vault.listening_formats.save(DEFAULT_FORMAT)
    assert any(Changed.LISTENING_FORMATS in notice.kinds for notice in heard)
