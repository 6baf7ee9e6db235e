"""Merging a 2,000-line shared note edited by both partners, beside a two-way line diff.

The note has 2,000 lines; each partner changed 100 lines of their own (every 20th line,
offset so they never touch the same one). We time `merge_text` (three-way, merge3) and,
in the same run as its baseline, difflib's two-way line diff of the base and one side.
Target: the merge <= 50 ms.

    .venv/bin/python bench/merge.py [--runs 21] [--lines 2000]
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.models.note_merge import merge_text


def texts(lines: int) -> tuple[str, str, str]:
    base = [
        f"Line {n}: what happened on the ward, and what helped afterwards.\n" for n in range(lines)
    ]
    mine, theirs = list(base), list(base)
    for n in range(0, lines, 20):
        mine[n] = f"Line {n}: edited by me.\n"
    for n in range(10, lines, 20):
        theirs[n] = f"Line {n}: edited by my partner.\n"
    return "".join(base), "".join(mine), "".join(theirs)


def timed(work, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    base, mine, theirs = texts(args.lines)
    merged = merge_text(base, mine, theirs)
    assert merged is not None
    assert "edited by me" in merged
    assert "edited by my partner" in merged
    base_lines, mine_lines = base.splitlines(keepends=True), mine.splitlines(keepends=True)
    diff = timed(lambda: list(difflib.unified_diff(base_lines, mine_lines)), args.runs)
    merge = timed(lambda: merge_text(base, mine, theirs), args.runs)
    print(f"{args.lines}-line note, 100 lines changed on each side, median of {args.runs}")
    print(f"{'':38}{'median ms':>10}{'min ms':>8}{'max ms':>8}")
    for name, times in (
        ("two-way line diff (difflib), baseline", diff),
        ("three-way merge (merge3, patience)", merge),
    ):
        median, low, high = (x * 1000 for x in (statistics.median(times), min(times), max(times)))
        print(f"{name:38}{median:10.1f}{low:8.1f}{high:8.1f}")
    print(
        f"merge {statistics.median(merge) * 1000:.1f} ms (target <= 50 ms), "
        f"{statistics.median(merge) / statistics.median(diff):.1f}x the diff"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
