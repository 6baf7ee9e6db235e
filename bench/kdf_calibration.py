"""Calibrate the shipped Argon2id parameters: time per unlock for a grid of costs.

Prints one row per (passes, memory) with the median of several derivations, beside the
floor parameters measured in the same run. The shipped choice aims at ~0.5–1 s on a
typical clinic PC; see docs/performance.md.

    python3 scripts/dev.py bench bench/kdf_calibration.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from desktop.vault.kdf import FLOOR_KDF, MIB, SHIPPED_KDF, KdfParams, derive_key

GRID = [
    FLOOR_KDF,
    KdfParams(2, 64 * MIB),
    KdfParams(3, 64 * MIB),
    KdfParams(2, 128 * MIB),
    KdfParams(3, 128 * MIB),
    KdfParams(2, 256 * MIB),
    KdfParams(3, 256 * MIB),
    KdfParams(4, 256 * MIB),
    KdfParams(3, 512 * MIB),
]


def median_seconds(params: KdfParams, repeats: int) -> float:
    salt = os.urandom(16)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        derive_key("calibration passphrase", salt, params)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    measured = [(params, median_seconds(params, args.repeats)) for params in GRID]
    floor = measured[0][1]
    print(f"{'passes':>6} {'memory':>8} {'median s':>9} {'× floor':>8}")
    for params, seconds in measured:
        mark = "  <- shipped" if params == SHIPPED_KDF else ""
        mark = "  <- floor (tests)" if params == FLOOR_KDF else mark
        print(
            f"{params.opslimit:>6} {params.memlimit // MIB:>6} MiB {seconds:>9.3f}"
            f" {seconds / floor:>8.1f}{mark}"
        )


if __name__ == "__main__":
    main()
