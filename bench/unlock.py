"""Unlock: passphrase typed → main window usable, beside the key derivation alone.

Creates a vault with the shipped Argon2id parameters (and a few hundred debriefs), then
alternates, in one process on Qt's offscreen platform:
  * the KDF alone — ``derive_key`` with the same parameters, the floor of any unlock;
  * a full unlock through the real window, themed as the app themes it (palette and
    style sheet: the style sheet is what makes building widgets cost) — click Unlock,
    the key derived on the background thread, SQLCipher opened with the raw key, the
    vault view attached (the window builds it while the key is derived) and one
    event-loop turn processed (the window is usable). The background integrity check
    that starts afterwards is not counted (it runs while the user already works).
Prints the medians and their ratio (target ≤ 1.1×).

    python3 scripts/dev.py bench bench/unlock.py [--runs 7] [--debriefs 300] [--typed]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

import desktop.sync.channel_keys  # as desktop.preload loads it after the window shows
import desktop.ui  # noqa: F401  (PySide6 refcount workaround first)
from desktop.startup_settings import StartupSettings
from desktop.ui.common.context import AppContext
from desktop.ui.common.locations import Locations
from desktop.ui.common.theme import apply_theme
from desktop.ui.shell.window import ShellWindow
from desktop.vault import SHIPPED_KDF, create_vault
from desktop.vault.kdf import SALT_BYTES, derive_key

PASSPHRASE = "benchmark lantern harbour seven"


def wait_until(condition, loop: QEventLoop) -> None:
    """Process events until ``condition()`` holds (QEventLoop.processEvents: no busy sleep)."""
    while not condition():
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def time_ui_unlock(window: ShellWindow, loop: QEventLoop, typed: bool = False) -> float:
    """Seconds from clicking Unlock to the vault view shown and the event loop idle again.

    ``typed``: the passphrase is typed key by key first, 80 ms apart (not counted), as a
    person types it; the window starts preparing the unlocked view at the first key.
    """
    usable: list[float] = []
    if typed:
        from PySide6.QtTest import QTest

        window.unlock_screen.passphrase.clear()
        QTest.keyClicks(window.unlock_screen.passphrase, PASSPHRASE, delay=80)
    else:
        window.unlock_screen.passphrase.setText(PASSPHRASE)

    def on_unlocked() -> None:
        # One more event-loop turn: the view has been laid out and can take input.
        QTimer.singleShot(0, lambda: usable.append(time.perf_counter()))

    window.unlocked.connect(on_unlocked)
    start = time.perf_counter()
    window.unlock_screen.unlock_button.click()
    wait_until(lambda: bool(usable), loop)
    window.unlocked.disconnect(on_unlocked)
    elapsed = usable[0] - start
    window.lock()
    wait_until(lambda: not window.context.runner.busy, loop)  # integrity check + close
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--debriefs", type=int, default=300)
    parser.add_argument(
        "--typed", action="store_true", help="type the passphrase key by key before each unlock"
    )
    args = parser.parse_args()
    app = QApplication([sys.argv[0], "-style", "fusion"])  # as desktop/app.py starts it
    loop = QEventLoop()
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        folder = base / "vault"
        vault, _ = create_vault(folder, "Bench vault", PASSPHRASE, kdf=SHIPPED_KDF)
        for number in range(args.debriefs):
            vault.debriefs.add(f"Debrief {number}", "A paragraph of reflection. " * 40)
        vault.close()
        settings = StartupSettings()
        settings.remember_vault(folder, "Bench vault")
        context = AppContext(Locations(base / "data", False, base / "app"), settings)
        apply_theme(app, settings.theme, settings.text_scale)  # as app.start_window does
        window = ShellWindow(context)
        window.show()
        salt = os.urandom(SALT_BYTES)
        kdf_times, unlock_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            derive_key(PASSPHRASE, salt, SHIPPED_KDF)
            kdf_times.append(time.perf_counter() - start)
            unlock_times.append(time_ui_unlock(window, loop, args.typed))
        window.close()
        context.runner.shutdown()
    del app
    first_unlock = unlock_times[0]  # includes loading the unlocked view's modules
    kdf, unlock = statistics.median(kdf_times), statistics.median(unlock_times)
    params = f"t={SHIPPED_KDF.opslimit}, m={SHIPPED_KDF.memlimit // (1024 * 1024)} MiB"
    how = "passphrase typed" if args.typed else "passphrase pasted"
    print(
        f"unlock with the shipped KDF ({params}), {args.debriefs} debriefs, {how}, "
        f"median of {args.runs}"
    )
    print(f"{'':34}{'median s':>10}{'min s':>8}{'max s':>8}")
    for name, median, times in (
        ("Argon2id alone", kdf, kdf_times),
        ("unlock to main window usable", unlock, unlock_times),
    ):
        print(f"{name:34}{median:10.3f}{min(times):8.3f}{max(times):8.3f}")
    print(f"ratio {unlock / kdf:.2f}x (target <= 1.1x); overhead {1000 * (unlock - kdf):.0f} ms")
    print(f"first unlock after start: {first_unlock:.3f} s ({first_unlock / kdf:.2f}x the KDF)")


if __name__ == "__main__":
    main()
