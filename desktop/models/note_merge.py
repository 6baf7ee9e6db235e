"""Reconciling two versions of a shared note: replace, ignore, merge, or keep both.

The rules (DESIGN.md §4.5, docs/protocol.md "Shared notes: merging"):

- A version whose vector dominates replaces; a dominated or equal one is ignored. Never a
  comparison of wall clocks.
- Concurrent versions are merged against their **base**, the last version both had: the
  version whose vector is the pointwise minimum of the two. Title and body merge
  separately: the title by value (one side changed it, or both to the same), the body by
  a three-way line merge (`merge3`, Bazaar's and Breezy's merge, with its patience
  diff matcher). Inputs are ordered by
  partner id (the lower id's version first), so both partners, merging independently,
  produce the same bytes; the merged vector is the pointwise maximum **without** an
  increment, so the two merges are the same version and nothing ping-pongs.
- When the merge is not clean, or the base is not known, both versions are kept side by
  side (first the lower id's), at the pointwise maximum; an edit by either partner
  resolves it. Nothing is ever dropped.
- A delete concurrent with an edit keeps the edited note; two deletes stay deleted.
  A tombstone carries no text: a deleted note keeps, in each vault's trash, the text that
  vault last had.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple, cast

from merge3 import Merge3, SequenceMatcherProtocol
from patiencediff import PatienceSequenceMatcher

from desktop.models.version_vector import Order, VersionVector, common, compare, joined

# patiencediff's matcher has difflib's interface, which its stubs describe as difflib's.
_PATIENCE = cast("type[SequenceMatcherProtocol[str]]", PatienceSequenceMatcher)


class Version(NamedTuple):
    """One version of a shared note."""

    title: str
    body: str
    vv: dict[str, int]
    deleted: bool = False


class Outcome(StrEnum):
    KEEP = "keep"  # the arriving version is older or the same: nothing changes
    TAKE = "take"  # the arriving version is newer: it replaces ours
    MERGED = "merged"  # concurrent, merged cleanly
    KEPT_EDIT = "kept_edit"  # concurrent edit and delete: the edit stays
    BOTH = "both"  # concurrent, not mergeable: both kept side by side


class Reconciled(NamedTuple):
    outcome: Outcome
    version: Version  # what the note is now (for BOTH: the first candidate)
    second: Version | None = None  # for BOTH: the other candidate
    first_by: str | None = None  # for BOTH: whose version is ``version``


def lines(text: str) -> list[str]:
    """Lines as docs/protocol.md §13 defines them: split after each "\\n" only (not at
    the other characters `str.splitlines` treats as line ends), each keeping its end."""
    parts = text.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def merge_text(base: str, first: str, second: str) -> str | None:
    """The three-way line merge of ``first`` and ``second`` from ``base``; None if it clashes."""
    merger = Merge3(
        lines(base),
        lines(first),
        lines(second),
        sequence_matcher=_PATIENCE,
    )
    merged: list[str] = []
    for region in merger.merge_regions():
        kind = region[0]
        if kind == "unchanged":
            merged.extend(merger.base[region[1] : region[2]])
        elif kind in ("a", "same"):
            merged.extend(merger.a[region[1] : region[2]])
        elif kind == "b":
            merged.extend(merger.b[region[1] : region[2]])
        else:  # "conflict": both changed the same lines differently
            return None
    return "".join(merged)


def _merge_value(base: str, first: str, second: str) -> str | None:
    if first == second:
        return first
    if first == base:
        return second
    if second == base:
        return first
    return None


def reconcile(
    mine: Version,
    arriving: Version,
    *,
    base: Version | None,
    me: str,
    partner: str,
) -> Reconciled:
    """What a note becomes when ``arriving`` (the partner's) meets ``mine``."""
    order = compare(arriving.vv, mine.vv)
    if order in (Order.OLDER, Order.EQUAL):
        return Reconciled(Outcome.KEEP, mine)
    if order is Order.NEWER:
        if arriving.deleted:  # a tombstone keeps the text (the note goes to the trash)
            return Reconciled(Outcome.TAKE, mine._replace(vv=arriving.vv, deleted=True))
        return Reconciled(Outcome.TAKE, arriving)
    vv = joined(mine.vv, arriving.vv)
    first, second = (mine, arriving) if me < partner else (arriving, mine)
    first_by = me if me < partner else partner
    if mine.deleted and arriving.deleted:
        # A tombstone carries no text: each side's trash keeps the text it last had, and
        # restoring it is a new edit that both then share.
        return Reconciled(Outcome.MERGED, mine._replace(vv=vv))
    if mine.deleted or arriving.deleted:
        edited = arriving if mine.deleted else mine
        return Reconciled(Outcome.KEPT_EDIT, edited._replace(vv=vv, deleted=False))
    if base is not None and dict(base.vv) == common(mine.vv, arriving.vv):
        title = _merge_value(base.title, first.title, second.title)
        body = merge_text(base.body, first.body, second.body)
        if title is not None and body is not None:
            return Reconciled(Outcome.MERGED, Version(title, body, vv))
    return Reconciled(
        Outcome.BOTH, first._replace(vv=vv), second._replace(vv=vv), first_by=first_by
    )


def base_vector(a: VersionVector, b: VersionVector) -> dict[str, int]:
    """The vector of the base two concurrent versions merge from."""
    return common(a, b)
