"""Locking follows the computer (issue 17): a real D-Bus signal, sent on a private
dbus-daemon the test starts, locks the vault in the real window; no bus, a refused bus
and a bus that never answers leave the app working as before."""

from __future__ import annotations

import logging
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.bus_messages import message_bus

from desktop.ui.shell.window import ShellWindow
from desktop.vault import open_vault
from tests.private_bus import bus_client, private_bus
from tests.ui.helpers import any_widget_holds, unlock, wait_idle

CANARY_TITLE = "Canary-Title-Ravensworth"
LOGIN1 = "org.freedesktop.login1"
SLEEP = (LOGIN1, "/org/freedesktop/login1", f"{LOGIN1}.Manager", "PrepareForSleep")
SESSION_LOCK = (LOGIN1, "/org/freedesktop/login1/session/_32", f"{LOGIN1}.Session", "Lock")
KDE_SAVER = (None, "/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged")
GNOME_SAVER = (None, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged")


@pytest.fixture
def buses() -> Iterator[tuple[str, str]]:
    """Two private daemons: one stands for the session bus, one for the system bus."""
    with private_bus() as session, private_bus() as system:
        yield session, system


def open_window(qtbot, context, buses) -> ShellWindow:
    context.lock_signal_buses = buses
    window = ShellWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.computer_lock is not None)
    return window


def emit(address: str, owner: str | None, path: str, interface: str, member: str, *body):
    """Send a signal as the desktop service would: owning its well-known name first."""
    with bus_client(address) as connection:
        if owner is not None:
            connection.send_and_get_reply(message_bus.RequestName(owner), timeout=5)
        signature = "b" if body else None
        connection.send(new_signal(DBusAddress(path, interface=interface), member, signature, body))


def listening(window: ShellWindow) -> bool:
    listener = window.computer_lock.listener
    return all(event.is_set() for event in listener.listening.values())


@pytest.mark.parametrize(
    ("signal", "bus", "body"),
    [
        (SLEEP, "system", (True,)),
        (SESSION_LOCK, "system", ()),
        (KDE_SAVER, "session", (True,)),
        (GNOME_SAVER, "session", (True,)),
    ],
    ids=["suspend", "logind-session-lock", "freedesktop-screensaver", "gnome-screensaver"],
)
def test_a_real_dbus_signal_locks_the_vault(
    qtbot, context, made_vault, buses, caplog, signal, bus, body
):
    caplog.set_level(logging.INFO)
    window = open_window(qtbot, context, buses)
    unlock(qtbot, window, made_vault.passphrase)
    window.vault_view.new_debrief("free_note")
    qtbot.keyClicks(window.vault_view.title_edit, CANARY_TITLE)
    assert any_widget_holds(CANARY_TITLE)  # the vault's content is on screen
    qtbot.waitUntil(lambda: listening(window), timeout=5_000)
    address = buses[0] if bus == "session" else buses[1]
    owner, path, interface, member = signal
    if body:  # "false" (screen unlocked, resumed) comes first and must not lock
        emit(address, owner, path, interface, member, False)
    with qtbot.waitSignal(window.locked, timeout=5_000):
        emit(address, owner, path, interface, member, *body)
    assert window.vault is None
    assert window.vault_view is None
    assert window.stack.currentWidget() is window.unlock_screen
    assert not any_widget_holds(CANARY_TITLE)  # content widgets are gone
    assert not window.chrome.toolbar.isVisible()
    wait_idle(qtbot, context)
    with open_vault(made_vault.folder, made_vault.passphrase) as vault:  # saved first
        assert CANARY_TITLE in [d.title for d in vault.debriefs.list()]
    heard = [r.getMessage() for r in caplog.records if "lock_signals.heard" in r.getMessage()]
    assert len(heard) == 1  # the "false" signal was not taken for a lock


def test_a_sleep_signal_from_a_name_other_than_logind_is_ignored(
    qtbot, context, made_vault, buses, caplog
):
    """logind's signals count only from the name logind owns (the system bus's rule)."""
    caplog.set_level(logging.INFO)
    window = open_window(qtbot, context, buses)
    unlock(qtbot, window, made_vault.passphrase)
    qtbot.waitUntil(lambda: listening(window), timeout=5_000)
    _, path, interface, member = SLEEP
    emit(buses[1], "org.example.NotLogind", path, interface, member, True)
    # Then a genuine one: the vault locks on that, and only once.
    with qtbot.waitSignal(window.locked, timeout=5_000):
        emit(buses[0], *KDE_SAVER, True)
    assert window.vault is None
    heard = [r.getMessage() for r in caplog.records if "lock_signals.heard" in r.getMessage()]
    assert heard == ["lock_signals.heard bus=session reason=screen_locked"]


@pytest.fixture
def silent_socket() -> Iterator[str]:
    """A socket that accepts connections and never says a word (a hung bus)."""
    folder = Path(tempfile.mkdtemp(prefix="hung-", dir="/tmp"))
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket"))
    server.listen(4)
    yield f"unix:path={folder / 'socket'}"
    server.close()


def test_no_bus_and_a_hung_bus_leave_the_app_working(
    qtbot, context, made_vault, caplog, silent_socket, monkeypatch
):
    caplog.set_level(logging.INFO)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # a clinic PC, a container
    window = open_window(qtbot, context, ("SESSION", silent_socket))
    listener = window.computer_lock.listener
    unlock(qtbot, window, made_vault.passphrase)  # not held up by either bus
    assert window.vault is not None
    qtbot.waitUntil(lambda: not any(t.is_alive() for t in listener.threads), timeout=5_000)
    unavailable = [r.getMessage() for r in caplog.records if "unavailable" in r.getMessage()]
    assert sorted(unavailable) == [
        "lock_signals.unavailable bus=session KeyError",
        "lock_signals.unavailable bus=system TimeoutError",
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    window.lock("shortcut")  # locking by hand still works
    assert window.stack.currentWidget() is window.unlock_screen
    wait_idle(qtbot, context)


def test_a_refused_bus_address_is_quietly_skipped(qtbot, context, made_vault, caplog):
    caplog.set_level(logging.INFO)
    missing = "unix:path=/nonexistent-alongside/bus"
    window = open_window(qtbot, context, (missing, missing))
    listener = window.computer_lock.listener
    qtbot.waitUntil(lambda: not any(t.is_alive() for t in listener.threads), timeout=5_000)
    unlock(qtbot, window, made_vault.passphrase)
    assert window.vault is not None
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
