"""Reconciling versions: the same result on both sides, nothing dropped, no clocks."""

from __future__ import annotations

from desktop.models.note_merge import Outcome, Version, reconcile

A, B = "a" * 32, "b" * 32
BASE = Version("Plan", "one\ntwo\nthree\n", {A: 1})


def both_sides(a_version: Version, b_version: Version, base: Version | None = BASE):
    on_a = reconcile(a_version, b_version, base=base, me=A, partner=B)
    on_b = reconcile(b_version, a_version, base=base, me=B, partner=A)
    return on_a, on_b


def test_a_rename_and_an_edit_made_apart_merge_identically() -> None:
    renamed = Version("Plan for supervision", BASE.body, {A: 2})
    edited = Version("Plan", "one\ntwo, and a walk\nthree\n", {A: 1, B: 1})
    on_a, on_b = both_sides(renamed, edited)
    assert on_a == on_b
    assert on_a.outcome is Outcome.MERGED
    assert on_a.version == Version(
        "Plan for supervision", "one\ntwo, and a walk\nthree\n", {A: 2, B: 1}
    )


def test_the_same_line_changed_differently_keeps_both_in_one_order() -> None:
    mine = Version("Plan", "one\nTWO\nthree\n", {A: 2})
    theirs = Version("Plan", "one\n2\nthree\n", {A: 1, B: 1})
    on_a, on_b = both_sides(mine, theirs)
    assert on_a == on_b
    assert on_a.outcome is Outcome.BOTH
    assert (on_a.version.body, on_a.second.body, on_a.first_by) == (  # type: ignore[union-attr]
        "one\nTWO\nthree\n",
        "one\n2\nthree\n",
        A,
    )


def test_without_a_known_base_nothing_is_merged_and_nothing_dropped() -> None:
    mine = Version("Plan", "mine\n", {A: 2})
    theirs = Version("Plan", "theirs\n", {A: 1, B: 1})
    on_a, _ = both_sides(mine, theirs, base=None)
    assert on_a.outcome is Outcome.BOTH
    assert {on_a.version.body, on_a.second.body} == {"mine\n", "theirs\n"}  # type: ignore[union-attr]


def test_an_edit_made_while_the_other_deleted_keeps_the_note() -> None:
    deleted = Version("Plan", BASE.body, {A: 2}, deleted=True)
    edited = Version("Plan", "one\ntwo\nthree\nfour\n", {A: 1, B: 1})
    on_a, on_b = both_sides(deleted, edited)
    assert on_a.outcome is on_b.outcome is Outcome.KEPT_EDIT
    assert on_a.version == on_b.version == Version("Plan", edited.body, {A: 2, B: 1})


def test_newer_replaces_older_is_ignored_and_no_clock_is_read() -> None:
    newer = Version("Plan", "later\n", {A: 3, B: 1})
    older = Version("Plan", "earlier\n", {A: 2, B: 1})
    assert reconcile(older, newer, base=None, me=B, partner=A).outcome is Outcome.TAKE
    assert reconcile(newer, older, base=None, me=B, partner=A).outcome is Outcome.KEEP


def test_lines_end_only_at_newline_as_the_protocol_says() -> None:
    from desktop.models.note_merge import lines

    assert lines("a\r\nb\u2028c\n") == ["a\r\n", "b\u2028c\n"]
    assert lines("no end") == ["no end"]
    assert lines("") == []
