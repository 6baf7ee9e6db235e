"""Linux: hear over D-Bus that the screen locks or the computer suspends (issue 17).

Three signals mean "lock the vault now":

- logind's ``PrepareForSleep(true)`` (system bus, ``org.freedesktop.login1.Manager``),
- logind's ``Lock`` on a session (system bus, ``org.freedesktop.login1.Session``; what
  ``loginctl lock-session`` and most desktops' lock commands send),
- the screensaver's ``ActiveChanged(true)`` (session bus, ``org.freedesktop.ScreenSaver``
  from KDE, Xfce and others; ``org.gnome.ScreenSaver`` from GNOME).

Each bus is watched by its own daemon thread with ``jeepney`` (pure Python, blocking
I/O; docs/shared-pc.md says why not Qt's D-Bus module). Nothing here touches Qt: a
matching signal calls ``on_lock(reason)``, which the caller makes thread-safe (a queued
Qt signal). No bus, a refused connection or a bus that never answers ends the thread
quietly with one log line: clinic PCs and containers often have no bus at all.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("alongside.lock_signals")

LOGIN1 = "org.freedesktop.login1"
SCREENSAVER_INTERFACES = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
CONNECT_TIMEOUT_S = 1.0  # jeepney's authentication timeout; a hung bus costs a thread only
POLL_S = 1.0  # how often a listening thread looks whether it was asked to stop


@dataclass(frozen=True)
class BusAddresses:
    """Where to listen: jeepney's "SESSION"/"SYSTEM" (from the environment) or an address."""

    session: str = "SESSION"
    system: str = "SYSTEM"


def _rules(bus: str) -> list[Any]:
    from jeepney import MatchRule

    if bus == "system":
        return [
            MatchRule(
                type="signal",
                sender=LOGIN1,
                interface=f"{LOGIN1}.Manager",
                member="PrepareForSleep",
                path="/org/freedesktop/login1",
            ),
            MatchRule(type="signal", sender=LOGIN1, interface=f"{LOGIN1}.Session", member="Lock"),
        ]
    return [
        MatchRule(type="signal", interface=interface, member="ActiveChanged")
        for interface in SCREENSAVER_INTERFACES
    ]


def lock_reason(message: Any, own_session: str | None) -> str | None:
    """The reason to lock that ``message`` (a jeepney signal) carries, or None."""
    header = message.header
    from jeepney import HeaderFields

    interface = header.fields.get(HeaderFields.interface)
    member = header.fields.get(HeaderFields.member)
    body = message.body
    if member == "PrepareForSleep" and interface == f"{LOGIN1}.Manager":
        return "suspend" if body and body[0] is True else None
    if member == "Lock" and interface == f"{LOGIN1}.Session":
        path = header.fields.get(HeaderFields.path)
        # Our own session when logind told us which; any session's Lock otherwise
        # (locking once too often is the safe mistake).
        return "screen_locked" if own_session is None or path == own_session else None
    if member == "ActiveChanged" and interface in SCREENSAVER_INTERFACES:
        return "screen_locked" if body and body[0] is True else None
    return None


def _own_session(connection: Any) -> str | None:
    """Our logind session's object path, or None when logind does not say."""
    import os

    from jeepney import DBusAddress, MessageType, new_method_call

    manager = DBusAddress("/org/freedesktop/login1", LOGIN1, f"{LOGIN1}.Manager")
    try:
        reply = connection.send_and_get_reply(
            new_method_call(manager, "GetSessionByPID", "u", (os.getpid(),)),
            timeout=CONNECT_TIMEOUT_S,
        )
    except (OSError, TimeoutError):
        return None
    if reply.header.message_type != MessageType.method_return or not reply.body:
        return None
    path = reply.body[0]
    return path if isinstance(path, str) else None


class LockSignalListener:
    """Listens on the session and system buses until ``stop``; one thread per bus."""

    def __init__(self, addresses: BusAddresses, on_lock: Callable[[str], None]) -> None:
        self._addresses = addresses
        self._on_lock = on_lock
        self._stopping = threading.Event()
        self.listening: dict[str, threading.Event] = {
            "session": threading.Event(),
            "system": threading.Event(),
        }
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        for bus, address in (
            ("session", self._addresses.session),
            ("system", self._addresses.system),
        ):
            thread = threading.Thread(
                target=self._listen, args=(bus, address), name=f"lock-signals-{bus}", daemon=True
            )
            self.threads.append(thread)
            thread.start()

    def stop(self) -> None:
        """Ask the threads to end (within ``POLL_S``); never waits for them."""
        self._stopping.set()

    def _listen(self, bus: str, address: str) -> None:
        try:
            self._watch(bus, address)
        except Exception as exc:  # no bus, refused, closed: the app works without it
            log.info("lock_signals.unavailable bus=%s %s", bus, type(exc).__name__)

    def _watch(self, bus: str, address: str) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus=address, auth_timeout=CONNECT_TIMEOUT_S) as connection:
            for rule in _rules(bus):
                connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=2.0)
            own_session = _own_session(connection) if bus == "system" else None
            self.listening[bus].set()
            log.info("lock_signals.listening bus=%s", bus)
            while not self._stopping.is_set():
                try:
                    message = connection.receive(timeout=POLL_S)
                except TimeoutError:
                    continue
                reason = lock_reason(message, own_session)
                if reason is not None and not self._stopping.is_set():
                    log.info("lock_signals.heard bus=%s reason=%s", bus, reason)
                    self._on_lock(reason)
