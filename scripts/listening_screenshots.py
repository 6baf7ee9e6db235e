"""Screenshots of the listening session (set-up, a turn near its end, the end screen).

    .venv/bin/python scripts/listening_screenshots.py [--text 1.5] [--size 1024x700] [--out DIR]

Offscreen, on a fake clock, with invented first names. Each screen is saved in light
and dark; with no --out, the two docs/ pictures are written (a turn, 1280×720).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.models.listening import DEFAULT_FORMAT, SessionPlan  # noqa: E402
from desktop.ui.common.messages import MessageBoxes  # noqa: E402
from desktop.ui.common.theme import apply_theme  # noqa: E402
from desktop.ui.listening.session_window import ListeningWindow  # noqa: E402


class StillClock:
    """A clock that moves only when told (no test package in a script)."""

    def __init__(self) -> None:
        self.elapsed = 0.0

    def now(self) -> datetime:
        return datetime(2026, 12, 3, 10, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.elapsed


def argument(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> None:
    text = float(argument("--text", "1.0"))
    width, height = (int(n) for n in argument("--size", "1280x720").split("x"))
    out = Path(argument("--out", str(ROOT / "docs")))
    docs = "--out" not in sys.argv
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0], "-style", "fusion"])
    for theme in ("light", "dark"):
        apply_theme(app, theme, round(text * 100))  # as View > Text size does
        clock = StillClock()
        plan = SessionPlan.make(["Robin", "Sam", "Alex"], DEFAULT_FORMAT)
        window = ListeningWindow(plan, clock, MessageBoxes())
        window.resize(width, height)
        window.show()
        clock.elapsed = 108.0
        window.refresh()
        app.processEvents()
        if docs:
            window.grab().save(str(out / f"screenshot-listening-{theme}.png"))
        else:
            window.grab().save(str(out / f"listening-turn-{theme}.png"))
            for _ in window.session.turns:  # on to the end screen
                window.next_turn()
            app.processEvents()
            window.grab().save(str(out / f"listening-end-{theme}.png"))
        if window.session.current is not None:
            for _ in window.session.turns:  # a session that has ended closes without asking
                window.next_turn()
        window.close()
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
