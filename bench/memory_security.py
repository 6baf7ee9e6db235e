"""What `PRAGMA cipher_memory_security = ON` would cost: the same vault work with it off and on.

SQLCipher's memory security wipes and locks every allocation it makes; it is process-wide,
so it is measured in two child processes (off, then on) doing identical work: add
debriefs, search them, list the first page. Prints medians and the ratio.

    python3 scripts/dev.py bench bench/memory_security.py [--debriefs 2000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import sqlcipher3
    probe = sqlcipher3.connect(":memory:")
    probe.execute(f"PRAGMA cipher_memory_security = {sys.argv[2]}")
    from desktop.vault import FLOOR_KDF, create_vault
    vault, _ = create_vault(Path(sys.argv[1]), "Bench", "bench passphrase words", kdf=FLOOR_KDF)
    words = "shift handover family ward calm tired heard team night doctor".split()
    timings = {"add": [], "search": [], "list": []}
    for number in range(int(sys.argv[3])):
        body = " ".join(words[(number * 7 + k) % len(words)] for k in range(60))
        start = time.perf_counter()
        vault.debriefs.add(f"Debrief {number}", body)
        timings["add"].append(time.perf_counter() - start)
    for word in words * 3:
        start = time.perf_counter()
        vault.search.find(word)
        timings["search"].append(time.perf_counter() - start)
        start = time.perf_counter()
        vault.debriefs.page(limit=100)
        timings["list"].append(time.perf_counter() - start)
    vault.close()
    print(json.dumps(timings))
    """
)


def run(setting: str, debriefs: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        output = subprocess.run(
            [sys.executable, "-c", CHILD, str(Path(folder) / "v"), setting, str(debriefs)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    result: dict[str, list[float]] = json.loads(output)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debriefs", type=int, default=2000)
    args = parser.parse_args()
    off, on = run("OFF", args.debriefs), run("ON", args.debriefs)
    print(f"{'operation':<22} {'off ms':>8} {'on ms':>8} {'on/off':>7}")
    for name in off:
        off_ms = statistics.median(off[name]) * 1000
        on_ms = statistics.median(on[name]) * 1000
        print(f"{name + ' (median)':<22} {off_ms:>8.2f} {on_ms:>8.2f} {on_ms / off_ms:>7.2f}")


if __name__ == "__main__":
    main()
