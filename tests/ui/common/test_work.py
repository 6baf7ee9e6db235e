"""The background runner, and the PySide6 reference-count workaround it relies on."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

from desktop.ui.common.work import WorkRunner


def test_work_runs_off_the_ui_thread_and_reports_on_it(qtbot):
    runner = WorkRunner()
    seen: dict[str, object] = {}
    busy: list[tuple[bool, str]] = []
    runner.busy_changed.connect(lambda b, t: busy.append((b, t)))

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    runner.run(work, owner=None, on_success=done, on_failure=lambda e: None, busy_text="Working…")
    qtbot.waitUntil(lambda: not runner.busy)
    runner.shutdown()
    assert seen["value"] == 42
    assert seen["callback"] == threading.get_ident()
    assert seen["worker"] != threading.get_ident()
    assert busy == [(True, "Working…"), (False, "")]


def test_failures_reach_the_failure_callback(qtbot):
    runner = WorkRunner()
    errors: list[BaseException] = []

    def work() -> None:
        raise KeyError("x")

    runner.run(work, owner=None, on_success=lambda _: None, on_failure=errors.append)
    qtbot.waitUntil(lambda: not runner.busy)
    runner.shutdown()
    assert isinstance(errors[0], KeyError)


def test_many_signals_do_not_exhaust_none_or_true():
    """Thousands of signals must not crash the interpreter.

    PySide6 6.12.0 on Python 3.11 drops a reference to None per slot call and to True per
    emit, so this aborted ("Fatal Python error: none_dealloc"); pyproject pins below 6.12.
    """
    script = textwrap.dedent(
        """
        import desktop.ui
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QLineEdit
        app = QApplication([])
        class Source(QObject):
            fired = Signal()
        source = Source()
        source.fired.connect(lambda: None)
        edit = QLineEdit()
        edit.textChanged.connect(lambda text: None)
        for i in range(20_000):
            source.fired.emit()
            edit.setText(str(i))
        print("survived")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-1000:]
    assert "survived" in result.stdout


def test_what_a_job_made_for_a_screen_that_is_gone_is_released(qtbot):
    """An unlock whose screen closed meanwhile: the vault it opened must be closed again."""
    import shiboken6
    from PySide6.QtWidgets import QWidget

    runner = WorkRunner()
    owner = QWidget()
    release = threading.Event()
    delivered: list[object] = []
    released: list[object] = []
    runner.run(
        lambda: (release.wait(10), "an open vault")[1],
        owner=owner,
        on_success=delivered.append,
        on_failure=delivered.append,
        on_orphaned=released.append,
    )
    shiboken6.delete(owner)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    runner.shutdown()
    assert delivered == []
    assert released == ["an open vault"]
