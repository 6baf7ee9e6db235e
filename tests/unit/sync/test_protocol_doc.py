"""docs/protocol.md §10 is exact: its constants and test vectors are the code's."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.sync import derivation, pairing_messages, safety_number

from .vectors import vectors

DOC = Path(__file__).resolve().parents[3] / "docs" / "protocol.md"


def _block(heading: str) -> dict[str, str]:
    """The `name = value` lines of the first code block after `heading`."""
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    block = re.search(r"```\n(.*?)```", after, re.DOTALL)
    assert block is not None
    pairs = (line.split(" = ", 1) for line in block.group(1).splitlines() if " = " in line)
    return {name.strip(): value.strip() for name, value in pairs}


def test_the_documented_constants_are_the_codes() -> None:
    doc = _block("### 10.7 Constants")
    assert doc == {
        "spake2_id_symmetric": derivation.SPAKE2_ID.decode(),
        "phases": " ".join(pairing_messages.PHASES),
        "confirm_label": derivation.CONFIRM_LABEL.decode(),
        "done_label": pairing_messages.DONE_LABEL.decode(),
        "keys_aad_label": pairing_messages.KEYS_AAD_LABEL.decode(),
        "keys_version": str(pairing_messages.KEYS_VERSION),
        "purpose_confirm": derivation.PURPOSE_CONFIRM.decode(),
        "purpose_seal": derivation.PURPOSE_SEAL.decode(),
        "purpose_root": derivation.PURPOSE_ROOT.decode(),
        "purpose_inbox": derivation.PURPOSE_INBOX.decode(),
        "purpose_message_key": derivation.PURPOSE_MESSAGE_KEY.decode(),
        "purpose_key_id": derivation.PURPOSE_KEY_ID.decode(),
        "safety_identifier": safety_number.ALONGSIDE_IDENTIFIER.decode(),
        "safety_iterations": str(safety_number.ITERATIONS),
    }


def test_the_documented_vectors_are_what_the_code_computes() -> None:
    assert _block("### 10.8 Test vectors") == vectors()


def test_every_purpose_string_is_in_the_derivation_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("### 10.4 Key derivation") : text.index("### 10.5")]
    for purpose in derivation.PURPOSES:
        assert f"`{purpose.decode()}" in table
