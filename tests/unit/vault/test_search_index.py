"""The search index stays exact through many edits, tag changes and deletes.

FTS5's secure-delete option mishandled in-place updates here (see search_index.py), so
this drives random edits through the public API and checks, after each round, that
SQLite's own integrity check passes and that search finds exactly what a plain scan of
the current texts would find.
"""

from __future__ import annotations

import random

from desktop.vault import Vault

WORDS = ["night", "grief", "team", "family", "more", "ward", "calm", "restraint"]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.choice([3, 40, 400])))


def test_random_edits_and_deletes_keep_the_index_exact(vault: Vault) -> None:
    # Choices follow insertion order (ids are random), so a run is repeatable; no tag
    # starts with one of WORDS, since search matches prefixes ("night" finds "nights").
    rng = random.Random(20261122)
    texts: dict[str, str] = {}
    for _ in range(60):
        roll = rng.random()
        if roll < 0.3 or not texts:
            debrief = vault.debriefs.add("t", _text(rng))
            texts[debrief.id] = debrief.body
        elif roll < 0.7:
            debrief_id = rng.choice(list(texts))
            texts[debrief_id] = vault.debriefs.update(debrief_id, body=_text(rng)).body
        elif roll < 0.85:
            vault.tags.set(rng.choice(list(texts)), [rng.choice(["weekends", "days"])])
        else:
            debrief_id = rng.choice(list(texts))
            vault.trash.delete_forever(debrief_id)
            del texts[debrief_id]
    vault.integrity_check()
    for word in WORDS:
        expected = {i for i, text in texts.items() if word in text.split()}
        assert {h.summary.id for h in vault.search.find(word, limit=1000)} == expected, word
    indexed = vault.run(lambda c: c.execute("SELECT count(*) FROM debrief_fts").fetchone()[0])
    assert indexed == len(texts)
