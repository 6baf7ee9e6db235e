"""Save the main window in light and dark to docs/ (offscreen), with fictional sample data.

    .venv/bin/python scripts/screenshots.py
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python scripts/screenshots.py

The screenshots in docs/ were made the second way, in a real X window under Xvfb.

The vault lives in a temporary folder and is deleted afterwards; the sample debriefs
are invented and name no one.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.clock import SYSTEM_CLOCK  # noqa: E402
from desktop.models.checkin import StressZone  # noqa: E402
from desktop.resources import builtin_templates  # noqa: E402
from desktop.startup_settings import StartupSettings  # noqa: E402
from desktop.ui.common.context import AppContext  # noqa: E402
from desktop.ui.common.locations import Locations  # noqa: E402
from desktop.ui.common.theme import apply_theme  # noqa: E402
from desktop.ui.shell.window import ShellWindow  # noqa: E402
from desktop.vault import FLOOR_KDF, create_vault  # noqa: E402

SMALL = "--small" in sys.argv  # the smallest supported size, saved to the temp folder
# --text 150: the app's own text size (View > Text size), as a clinician may set it.
TEXT = int(sys.argv[sys.argv.index("--text") + 1]) if "--text" in sys.argv else 100
SIZE = (1024, 700) if SMALL else (1280, 800)
OUT = Path(tempfile.gettempdir()) / "alongside-shots" if SMALL else ROOT / "docs"
PASSPHRASE = "screenshot sample passphrase"  # noqa: S105 - a throwaway sample vault


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        QTest.qWait(10)


def fill(vault) -> None:
    templates = {t.id: t for t in builtin_templates()}
    vault.debriefs.add(
        template=templates["gibbs"],
        fields={"description": "Family meeting about discharge; two siblings disagreed."},
        tags=["family"],
    )
    vault.debriefs.add("Quiet evening, one long phone call", "Mostly calm. One long call.")
    night = vault.debriefs.add(
        template=templates["stop5"],
        fields={
            "summarise": "Night shift: a young person in crisis arrived at 2 am; we stayed "
            "with them until the morning team came in.",
            "went_well": "The team kept a calm room. Handover was clear and kind.",
            "improve": "We waited too long for the on-call doctor.",
        },
        tags=["night", "crisis"],
    )
    vault.actions.add(night.id, "actions", "Ask about the on-call rota (me)")
    vault.checkins.add(StressZone.REACTING, energy=4, sleep=3, debrief_id=night.id)
    now = SYSTEM_CLOCK.now()
    for days, zone in (
        (6, "ready"),
        (4, "reacting"),
        (3, "reacting"),
        (1, "injured"),
        (0, "reacting"),
    ):
        vault.checkins.add(StressZone(zone), energy=5, sleep=6, at=now - timedelta(days=days))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    app = QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "vault"
        vault, _ = create_vault(folder, "Sample vault", PASSPHRASE, kdf=FLOOR_KDF)
        fill(vault)
        vault.close()
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            settings = StartupSettings()
            settings.theme = theme
            locations = Locations(data_dir=Path(temp) / "data", portable=False, root=Path(temp))
            context = AppContext(locations=locations, settings=settings, kdf=FLOOR_KDF)
            settings.remember_vault(folder, "Sample vault")
            window = ShellWindow(context)
            window.resize(*SIZE)
            window.show()
            window.unlock_screen.passphrase.setText(PASSPHRASE)
            window.unlock_screen.unlock_button.click()
            wait_until(lambda w=window, c=context: w.vault_view is not None and not c.runner.busy)
            view = window.vault_view
            window.computer.set_text_scale(TEXT)
            wait_until(lambda v=view: v.debriefs.ready and not v.context.runner.busy)
            suffix = "" if TEXT == 100 else f"-text{TEXT}"
            today = OUT / f"screenshot-today-{theme}{suffix}.png"
            QTest.qWait(50)
            window.grab().save(str(today))
            view.go_to_place(1)
            page = view.debriefs
            wait_until(lambda p=page: p.list_model.rowCount() == 3)
            page.list_view.setCurrentIndex(page.list_model.index(0))
            wait_until(lambda v=view, c=context: not c.runner.busy)
            QTest.qWait(50)
            window.grab().save(str(OUT / f"screenshot-{theme}{suffix}.png"))
            if "--all" in sys.argv:  # every place, for a look (not kept in docs/)
                extra = Path(tempfile.gettempdir()) / "alongside-shots"
                extra.mkdir(exist_ok=True)
                view.checkins.set_span("month")
                for index in (2, 3, 5, 6):
                    view.go_to_place(index)
                    wait_until(lambda v=view, c=context: not c.runner.busy)
                    QTest.qWait(50)
                    window.grab().save(str(extra / f"place{index}-{theme}{suffix}.png"))
                view.new_debrief()
                QTest.qWait(50)
                window.grab().save(str(extra / f"picker-{theme}{suffix}.png"))
                view.check_in()
                QTest.qWait(50)
                view.checkin_flow.dialog.grab().save(str(extra / f"checkin-{theme}{suffix}.png"))
                view.checkin_flow.close()
            window.computer.set_text_scale(100)
            window.close()
            context.runner.shutdown()
    print(f"saved {OUT}/screenshot-light.png and screenshot-dark.png")


if __name__ == "__main__":
    main()
