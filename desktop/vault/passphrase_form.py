"""One Unicode form for passphrases, so the same typed words open a vault on any computer.

"é" can arrive as one code point (most keyboards on Windows and Linux) or as "e" plus a
combining accent (some macOS input paths); the UTF-8 bytes, and so the Argon2id key,
differ. As RFC 8265's OpaqueString profile does, a passphrase is put in Unicode
Normalization Form C before the KDF. Slots written before this rule carry no mark; for
them the typed form and NFD are tried as well (see `passphrase_candidates`).
"""

from __future__ import annotations

import unicodedata
from typing import Literal

# The value of a passphrase slot's `passphrase_form` field once it is normalised.
NORMALISED_FORM: Literal["NFC"] = "NFC"


def normalise_passphrase(passphrase: str) -> str:
    """The passphrase in Unicode NFC: the form every new slot is derived from."""
    return unicodedata.normalize("NFC", passphrase)


def passphrase_candidates(passphrase: str, *, slot_is_normalised: bool) -> list[str]:
    """The forms of `passphrase` to try against one slot, most likely first, no repeats.

    A normalised slot needs only NFC. A slot from before normalisation was derived from
    whatever form the keyboard produced then: try NFC (the form most keyboards produce),
    then the form typed now, then NFD (a Mac that decomposed it). Each extra form costs
    one more Argon2id, and only on that old-slot path; an ASCII passphrase has one form.
    """
    nfc = normalise_passphrase(passphrase)
    if slot_is_normalised:
        return [nfc]
    forms: list[str] = []
    for form in (nfc, passphrase, unicodedata.normalize("NFD", passphrase)):
        if form not in forms:
            forms.append(form)
    return forms
