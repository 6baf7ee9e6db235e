"""My own crisis lines in the vault: add, edit, remove, and all-or-nothing import."""

from __future__ import annotations

import json

import pytest

from desktop.models.crisis import CrisisFileRefused, crisis_file_bytes
from desktop.vault import Vault
from desktop.vault.crisis_directory import crisis_line

CLINIC = {
    "country": "Ireland",
    "service": "Riverside staff support",
    "how": "call 01 555 0100",
    "hours": "weekdays 9:00-17:00",
    "source": "clinic intranet",
    "checked": "2026-11",
}


def test_add_edit_remove(vault: Vault) -> None:
    added = vault.crisis_lines.add(crisis_line(**CLINIC))
    assert [line.service for line in vault.crisis_lines.list()] == ["Riverside staff support"]
    vault.crisis_lines.update(added.id, crisis_line(**{**CLINIC, "hours": "24/7"}))
    assert vault.crisis_lines.list()[0].hours == "24/7"
    vault.crisis_lines.remove(added.id)
    assert vault.crisis_lines.list() == []


def test_a_valid_file_imports_every_line_once(vault: Vault) -> None:
    other = {**CLINIC, "service": "Peer line", "how": "text 5050"}
    raw = json.dumps({"format": "alongside-crisis-lines", "version": 1, "lines": [CLINIC, other]})
    assert vault.crisis_lines.import_file(raw.encode()) == 2
    assert vault.crisis_lines.import_file(raw.encode()) == 0
    assert len(vault.crisis_lines.list()) == 2


def test_export_then_import_round_trips(vault: Vault, tmp_path) -> None:
    vault.crisis_lines.add(crisis_line(**CLINIC))
    exported = crisis_file_bytes(vault.crisis_lines.list())
    assert b'"id"' not in exported
    vault.crisis_lines.remove(vault.crisis_lines.list()[0].id)
    assert vault.crisis_lines.import_file(exported) == 1
    assert vault.crisis_lines.list()[0].service == CLINIC["service"]


@pytest.mark.parametrize(
    ("raw", "sentence"),
    [
        (b"{not json", "This file can't be imported: it is not JSON. Nothing was changed."),
        (
            json.dumps({"format": "something-else", "version": 1, "lines": []}).encode(),
            "This file can't be imported: it is not an Alongside crisis-lines file "
            "(version 1). Nothing was changed.",
        ),
        (
            json.dumps(
                {
                    "format": "alongside-crisis-lines",
                    "version": 1,
                    "lines": [CLINIC, {**CLINIC, "hours": 24}],
                }
            ).encode(),
            "This file can't be imported: line 2's hours should be text. Nothing was changed.",
        ),
        (
            json.dumps(
                {
                    "format": "alongside-crisis-lines",
                    "version": 1,
                    "lines": [{k: v for k, v in CLINIC.items() if k != "service"}],
                }
            ).encode(),
            "This file can't be imported: line 1 has no service (it needs a service name). "
            "Nothing was changed.",
        ),
        (
            json.dumps(
                {
                    "format": "alongside-crisis-lines",
                    "version": 1,
                    "lines": [{**CLINIC, "checked": "Kestrel-Canary"}],
                }
            ).encode(),
            "This file can't be imported: line 1 needs the date it was checked "
            "(like 2026-11). Nothing was changed.",
        ),
        (
            b"[1, 2, 3]",
            "This file can't be imported: it is not an Alongside crisis-lines "
            "file. Nothing was changed.",
        ),
        (
            b'{"format": "alongside-crisis-lines", "version": 1, "lines": []}' + b" " * 1_000_001,
            "This file can't be imported: it is larger than 1 MB. Nothing was changed.",
        ),
        (
            b"\xff\xfe\x00bad",
            "This file can't be imported: it is not a text file. Nothing was changed.",
        ),
    ],
    ids=[
        "not-json",
        "wrong-schema",
        "wrong-type",
        "missing-field",
        "bad-date",
        "a-list",
        "huge",
        "not-text",
    ],
)
def test_a_bad_file_is_refused_with_one_sentence_and_changes_nothing(
    vault: Vault, raw: bytes, sentence: str
) -> None:
    vault.crisis_lines.add(crisis_line(**CLINIC))
    before = vault.crisis_lines.list()
    with pytest.raises(CrisisFileRefused) as refused:
        vault.crisis_lines.import_file(raw)
    assert str(refused.value) == sentence
    assert "Kestrel" not in str(refused.value)
    assert vault.crisis_lines.list() == before
