"""The two lanes in a real window: nothing blocks the UI thread, nothing delays a save,
and outcomes reach only the screens that still exist (words never vanish silently)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.shell.places import Place
from desktop.vault import DiskFull, Vault
from tests.ui.helpers import settle, wait_idle


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_the_window_keeps_painting_while_a_slow_vault_call_runs(qtbot, view, vault: Vault):
    release = threading.Event()
    slow = vault.submit(lambda _: release.wait(20))  # the database lane is busy
    try:
        counter = PaintCounter()
        label = QLabel("first")
        view.today.layout().addWidget(label)
        label.installEventFilter(counter)
        view.go_to_place(Place.TODAY)  # its refresh queues behind the slow call
        assert view.pages.currentWidget() is view.today  # shown at once, not after it
        for text in ("second", "third"):
            painted = counter.paints
            label.setText(text)
            qtbot.waitUntil(lambda p=painted: counter.paints > p, timeout=2_000)
        assert not slow.done()  # all that painting happened while the vault was busy
    finally:
        release.set()
    settle(qtbot, view)


def test_a_long_job_never_delays_a_save(qtbot, view, vault: Vault):
    runner = view.context.runner
    release = threading.Event()
    long_done: list[object] = []
    runner.run(
        lambda: release.wait(20),
        owner=None,
        on_success=long_done.append,
        on_failure=long_done.append,
    )
    saved: list[object] = []
    try:
        view.ops.run(lambda v: v.debriefs.add("Saved during a backup", "body"), saved.append)
        qtbot.waitUntil(lambda: bool(saved), timeout=5_000)
        assert long_done == []  # the long job is still running
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(long_done), timeout=5_000)


def test_a_result_for_a_screen_that_is_gone_is_dropped(qtbot, view, vault: Vault):
    runner = view.context.runner
    release = threading.Event()
    owner = QWidget()
    delivered: list[object] = []

    def wait_then_read(v: Vault) -> int:
        release.wait(20)
        return v.debriefs.count()

    runner.run_on_vault(
        vault,
        wait_then_read,
        owner=owner,
        on_success=delivered.append,
        on_failure=delivered.append,
    )
    shiboken6.delete(owner)
    release.set()
    wait_idle(qtbot, view.context)
    assert delivered == []


def test_a_failed_write_still_reaches_the_window_after_its_screen_is_gone(
    qtbot, view, vault: Vault
):
    window = view.window()
    runner = view.context.runner
    release = threading.Event()
    owner = QWidget()
    seen: list[object] = []

    def save_that_fails(_: Vault) -> None:
        release.wait(20)
        raise DiskFull("ENOSPC")

    runner.run_on_vault(
        vault,
        save_that_fails,
        owner=owner,
        on_success=seen.append,
        on_failure=seen.append,
        write=True,
    )
    shiboken6.delete(owner)  # e.g. the editor, destroyed by a lock
    release.set()
    wait_idle(qtbot, view.context)
    assert seen == []  # not to the screen that is gone …
    banner = window.status.banner  # … but to the window's banner, in words
    assert banner is not None
    assert banner.isVisible()
    assert banner.text.text() == DiskFull().user_message
