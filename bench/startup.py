"""Start-up: process start to the unlock window shown, beside a bare PySide6 window.

Runs ``python -m desktop`` (with one known vault, so the unlock screen shows) and a bare
``QApplication`` + ``QMainWindow`` script alternately, each until it prints that its window
is shown (``ALONGSIDE_BENCH_EXIT_ON_SHOWN=1``), and reports the medians and their ratio
(target ≤ 1.3×). Also checks that none of the heavy modules that belong after the window
(pydantic, nacl, sqlcipher3, keyring, jeepney, httpx) was imported before it showed.

    python3 scripts/dev.py bench bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "window shown"
HEAVY = ("pydantic", "nacl", "sqlcipher3", "keyring", "jeepney", "httpx", "zxcvbn", "desktop.vault")

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(980, 660)
window.show()
def shown():
    print("bare: window shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def sandbox(base: Path) -> dict[str, str]:
    """Environment with HOME/XDG in a temporary folder holding one known vault."""
    env = dict(os.environ)
    # Measure like an installed app, whose modules are byte-compiled: let the warm-up run
    # write __pycache__ (a PYTHONDONTWRITEBYTECODE=1 shell would recompile every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        folder = base / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    data = base / "xdg_data_home" / "Alongside"
    data.mkdir(parents=True, exist_ok=True)
    settings = {"known_vaults": [{"path": str(base / "vault"), "name": "Bench vault"}]}
    (data / "settings.json").write_text(json.dumps(settings))
    env.update(QT_QPA_PLATFORM="offscreen", ALONGSIDE_BENCH_EXIT_ON_SHOWN="1")
    return env


def time_to_marker(command: list[str], env: dict[str, str]) -> float:
    """Seconds from process start until it prints the marker line."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if MARKER in line:
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{command} never showed its window")
    process.wait(timeout=30)
    return elapsed


def heavy_imports_before_shown(env: dict[str, str]) -> list[str]:
    """Heavy modules imported by the time the window shows (the app exits right then)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    return sorted(name for name in HEAVY if name in imported)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        env = sandbox(base)
        bare_script = base / "bare_window.py"
        bare_script.write_text(BARE)
        app_cmd = [sys.executable, "-m", "desktop"]
        bare_cmd = [sys.executable, str(bare_script)]
        for command in (app_cmd, bare_cmd):  # warm the page cache and __pycache__
            time_to_marker(command, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            app_times.append(time_to_marker(app_cmd, env))
            bare_times.append(time_to_marker(bare_cmd, env))
        heavy = heavy_imports_before_shown(env)
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"start-up to window shown, median of {args.runs} (offscreen, interleaved)")
    print(f"{'':28}{'median s':>10}{'min s':>8}{'max s':>8}")
    for name, median, times in (
        ("bare QMainWindow", bare_median, bare_times),
        ("alongside unlock screen", app_median, app_times),
    ):
        print(f"{name:28}{median:10.3f}{min(times):8.3f}{max(times):8.3f}")
    ratio = app_median / bare_median
    print(f"ratio of medians {ratio:.2f}x (target <= 1.3x)")
    print(f"ratio of minimums {min(app_times) / min(bare_times):.2f}x (least disturbed runs)")
    print(f"heavy modules imported before the window showed: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
