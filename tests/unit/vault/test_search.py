"""Search: prefix matches over every field, tag and action point; safe for any input."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.checkin import StressZone
from desktop.models.listing import ListFilter
from desktop.vault import Vault
from desktop.vault.search import SearchCancelled, fts_query

from .debriefing_helpers import FakeClock, open_test_vault

NASTY_QUERIES = [
    '"',
    "'",
    "*",
    "AND",
    "OR NOT",
    "NEAR(a b",
    "title:",
    "body: x",
    "(",
    ")",
    "^start",
    "-minus",
    "a\x00b",
    "\ud800",
    "😀 burn",
    'bu"rn',
    "{title body}: x",
    "x OR",
    "\u202e",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    vault = open_test_vault(tmp_path_factory.mktemp("search") / "vault", FakeClock())
    vault.debriefs.add("Night shift", "burnout after a hard café handover", tags=["night"])
    yield vault
    vault.close()


def found(vault: Vault, text: str, list_filter: ListFilter | None = None) -> list[str]:
    return [hit.summary.id for hit in vault.search.find(text, list_filter)]


def test_a_prefix_finds_whole_words_and_accents_do_not_matter(vault: Vault) -> None:
    debrief = vault.debriefs.add("Handover", "Signs of burnout in the café team")
    assert found(vault, "burn") == [debrief.id]
    assert found(vault, "BURNOUT") == [debrief.id]
    assert found(vault, "cafe") == [debrief.id]
    assert found(vault, "burnt") == []


def test_every_field_tag_and_action_point_is_searched(vault: Vault) -> None:
    gibbs = vault.templates.get("gibbs")
    debrief = vault.debriefs.add(
        template=gibbs, fields={"feelings": "helpless", "analysis": "staffing"}, tags=["paeds"]
    )
    vault.actions.add(debrief.id, "action_plan", "book supervision")
    for word in ("helpless", "staffing", "paeds", "supervision"):
        assert found(vault, word) == [debrief.id], word


def test_all_words_must_match(vault: Vault) -> None:
    both = vault.debriefs.add("a", "night family")
    vault.debriefs.add("b", "night only")
    assert found(vault, "night fam") == [both.id]


def test_title_matches_rank_above_body_matches(vault: Vault) -> None:
    in_body = vault.debriefs.add("Tuesday", "we spoke about grief and more grief")
    in_title = vault.debriefs.add("Grief", "a quiet shift")
    assert found(vault, "grief") == [in_title.id, in_body.id]


def test_snippets_mark_the_match_and_escape_the_note(vault: Vault) -> None:
    vault.debriefs.add("t", "He wrote <script>alert(1)</script> & then burnout came")
    hit = vault.search.find("burnout")[0]
    start, end = hit.snippet.highlights[0]
    assert hit.snippet.text[start:end] == "burnout"
    html = hit.snippet.to_html()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html
    assert "<b>burnout</b>" in html


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_special_characters_never_raise(shared_vault: Vault, query: str) -> None:
    assert isinstance(shared_vault.search.find(query), list)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_text_is_a_safe_query(shared_vault: Vault, query: str) -> None:
    hits = shared_vault.search.find(query)
    assert all(hit.summary.title == "Night shift" for hit in hits)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_the_query_is_always_valid_fts5(query: str) -> None:
    connection = sqlcipher3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE f USING fts5 (a, tokenize = 'unicode61')")
    built = fts_query(query)
    if built is not None:
        connection.execute("SELECT * FROM f WHERE f MATCH ?", (built,)).fetchall()
    connection.close()


def test_words_of_the_query_language_are_searched_as_words(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "NEAR the door, NOT calm")
    assert found(vault, "near not") == [debrief.id]


def test_search_leaves_out_the_trash_and_honours_filters(vault: Vault) -> None:
    red = vault.checkins.add(StressZone.ILL)
    tagged = vault.debriefs.add("a", "restraint", tags=["ward"], checkin_id=red.id)
    other = vault.debriefs.add("b", "restraint")
    gone = vault.debriefs.add("c", "restraint")
    vault.debriefs.delete(gone.id)
    assert set(found(vault, "restraint")) == {tagged.id, other.id}
    assert found(vault, "restraint", ListFilter(tag="ward")) == [tagged.id]
    assert found(vault, "restraint", ListFilter(zone=StressZone.ILL)) == [tagged.id]


def test_edits_are_searchable_at_once_and_old_words_are_gone(vault: Vault) -> None:
    debrief = vault.debriefs.add("t", "first draft")
    vault.debriefs.update(debrief.id, body="second version")
    assert found(vault, "second") == [debrief.id]
    assert found(vault, "draft") == []


def test_results_come_in_pages(vault: Vault) -> None:
    for n in range(30):
        vault.debriefs.add(f"t{n}", "common")
    first = vault.search.find("common", limit=20)
    rest = vault.search.find("common", limit=20, offset=20)
    assert len(first) == 20
    assert len(rest) == 10
    assert not {h.summary.id for h in first} & {h.summary.id for h in rest}


def test_a_queued_search_is_dropped_when_a_newer_one_cancels_it(vault: Vault) -> None:
    vault.debriefs.add("t", "burnout")
    busy, gate = threading.Event(), threading.Event()

    def hold_the_database_thread(_: object) -> None:
        busy.set()
        gate.wait(10)

    blocker = threading.Thread(target=lambda: vault.run(hold_the_database_thread))
    blocker.start()
    assert busy.wait(10)
    outcome: list[object] = []

    def older() -> None:
        try:
            outcome.append(vault.search.find("burn"))
        except SearchCancelled as cancelled:
            outcome.append(cancelled)

    searcher = threading.Thread(target=older)
    searcher.start()
    jobs = vault._worker._jobs  # the database thread's queue: wait until the search waits
    deadline = time.monotonic() + 10
    while jobs.qsize() == 0 and time.monotonic() < deadline:
        time.sleep(0.001)
    vault.search.cancel()  # the user typed on; the older search must not run
    gate.set()
    blocker.join()
    searcher.join()
    assert isinstance(outcome[0], SearchCancelled)
    assert len(vault.search.find("burn")) == 1  # newer searches run normally


def test_a_running_search_is_interrupted_and_saving_still_works(vault: Vault) -> None:
    vault.debriefs.add("t", "burnout " * 50)
    inside = threading.Event()
    release = threading.Event()

    def hold_the_statement() -> int:
        # Runs between the search statement's steps: hold it there, mid-statement.
        if not inside.is_set():
            inside.set()
            release.wait(10)
        return 0

    vault.run(lambda c: c.set_progress_handler(hold_the_statement, 1))
    outcome: list[object] = []

    def search() -> None:
        try:
            outcome.append(vault.search.find("burn"))
        except SearchCancelled as cancelled:
            outcome.append(cancelled)

    searcher = threading.Thread(target=search)
    searcher.start()
    assert inside.wait(10)
    vault.search.cancel()
    release.set()
    searcher.join()
    vault.run(lambda c: c.set_progress_handler(None, 0))
    assert isinstance(outcome[0], SearchCancelled)
    saved = vault.debriefs.add("after", "still saved")
    assert vault.debriefs.get(saved.id).body == "still saved"
