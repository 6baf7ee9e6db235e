"""Start Alongside: command-line flags, the Qt window, then process hardening.

Start-up imports only what the unlock window needs; ``desktop.vault`` (with pydantic,
PyNaCl, sqlcipher3) is imported on a worker thread once the window is on screen
(DESIGN.md §1). ``--version`` and ``--check`` never need a display.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.common.locations import Locations
    from desktop.ui.shell.window import ShellWindow
    from desktop.vault import KdfParams

USAGE = """usage: alongside [--version | --check]

Private, offline debriefing for mental-health professionals.

  --version   print the version and exit
  --check     print diagnostics for IT (Qt, SQLCipher, keyring, data folder) and exit;
              the exit code is non-zero if Alongside cannot run here
"""

NO_DISPLAY_SENTENCE = (
    "Alongside needs a desktop to show its window: start it from your desktop session "
    "(DISPLAY or WAYLAND_DISPLAY set), or set QT_QPA_PLATFORM=offscreen to run it "
    "without a screen."
)
BENCH_EXIT_ON_SHOWN = "ALONGSIDE_BENCH_EXIT_ON_SHOWN"
SHOWN_MARKER = "alongside: window shown"

log = logging.getLogger("alongside")


def display_problem(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """One sentence when Qt would abort: no display, or a missing system library."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        from desktop.platform_libraries import missing_platform_library

        return missing_platform_library(environ)
    return NO_DISPLAY_SENTENCE


def _configure_logging() -> None:
    """Event names and counts to stderr; nothing is written to a file."""
    level = logging.INFO if os.environ.get("ALONGSIDE_LOG") == "info" else logging.WARNING
    logging.basicConfig(level=level, format="%(name)s: %(message)s", stream=sys.stderr)


def _install_excepthook() -> None:
    """Unexpected errors: log types and locations (no messages) and say so calmly."""

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        from desktop.ui.common.diagnostics import describe_exception

        log.error("bug %s", describe_exception(exc))
        window = _WINDOW[0] if _WINDOW else None
        if window is not None:
            window.context.messages.something_went_wrong(window, exc)

    sys.excepthook = hook


_WINDOW: list[ShellWindow] = []


def prepare_locations() -> Locations:
    """Find the data folder; in portable mode keep scratch files in data/ too."""
    from desktop.ui.common.locations import redirect_scratch_folders, resolve_locations

    locations = resolve_locations()
    if locations.portable:
        redirect_scratch_folders(locations.data_dir)
    return locations


def start_window(
    app: QApplication, locations: Locations, *, kdf: KdfParams | None = None
) -> ShellWindow | None:
    """Theme, settings and the main window, shown; None if the data folder is unusable.

    ``kdf`` is for tests and benchmarks that drive the real start-up with the floor
    parameters; the app itself always passes None (the shipped parameters).
    """
    from desktop.startup_settings import load_settings
    from desktop.ui.common.context import AppContext
    from desktop.ui.common.locations import writable_problem
    from desktop.ui.common.theme import apply_theme
    from desktop.ui.shell.window import ShellWindow

    app.setApplicationName("Alongside")
    settings = load_settings(locations.settings_file)
    apply_theme(app, settings.theme, settings.text_scale)
    problem = writable_problem(locations.data_dir)
    if problem:
        # No silent fallback to another folder (DESIGN.md §2).
        print(problem, file=sys.stderr)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Alongside can't start", problem)
        return None
    context = AppContext(locations=locations, settings=settings, kdf=kdf)
    window = ShellWindow(context)
    window.show()
    return window


def run_gui() -> int:
    """Build the application and the window, show it, run the event loop."""
    # Qt first, then mark every module so PySide6 never reads our sources (~4 ms).
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.common.feature_scan import skip_feature_scans

    skip_feature_scans()
    locations = prepare_locations()

    # Fusion on every platform (theme.py); given as an argument so Python never has to
    # touch QStyle during start-up.
    app = QApplication([sys.argv[0], "-style", "fusion"])
    window = start_window(app, locations)
    if window is None:
        return 1
    _WINDOW.append(window)
    _install_excepthook()
    context = window.context

    def after_shown() -> None:
        if os.environ.get(BENCH_EXIT_ON_SHOWN) == "1":
            print(SHOWN_MARKER, flush=True)
            app.quit()
            return
        # Before any secret can exist (nothing can be typed before the window shows),
        # and off the path to the first window: ctypes costs ~2 ms of start-up.
        from desktop.hardening import disable_core_dumps

        disable_core_dumps()
        from desktop.preload import preload

        context.runner.run(
            preload, owner=None, on_success=lambda _: None, on_failure=window.handle_error
        )

    QTimer.singleShot(0, after_shown)
    code = app.exec()
    context.runner.shutdown()  # the vault closes on the worker: let it finish
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``alongside`` command."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--help"], ["-h"]):
        print(USAGE, end="")
        return 0
    if args == ["--version"]:
        from desktop.ui.common.diagnostics import app_version

        print(f"Alongside {app_version()}")
        return 0
    if args == ["--check"]:
        from desktop.ui.checks.system_check import run_check

        return run_check()
    if args == ["--self-test"]:  # hidden: the packaging smoke test's headless session
        from desktop.ui.checks.self_test import run_self_test

        return run_self_test()
    if args:
        print(USAGE, end="", file=sys.stderr)
        return 2
    _configure_logging()
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    return run_gui()
