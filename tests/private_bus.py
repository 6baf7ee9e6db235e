"""A private D-Bus daemon for tests: its own config and socket, nothing of the machine's.

The test starts ``dbus-daemon --nofork --print-address`` on a socket in a fresh
temporary folder, talks to it with jeepney like any D-Bus client, and stops it after.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
DBUS_DAEMON = shutil.which("dbus-daemon") or "/usr/bin/dbus-daemon"


@contextmanager
def private_bus() -> Iterator[str]:
    """Start a bus daemon; yield its address; stop it."""
    # Short folder: a unix socket's path must fit in 108 bytes.
    folder = Path(tempfile.mkdtemp(prefix="bus-", dir="/tmp"))
    config = folder / "bus.conf"
    config.write_text(CONFIG.format(socket=folder / "socket"), encoding="utf-8")
    daemon = subprocess.Popen(
        [DBUS_DAEMON, f"--config-file={config}", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()  # printed once it listens
        assert address.startswith("unix:"), daemon.stderr.read() if daemon.stderr else ""
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        if daemon.stdout is not None:
            daemon.stdout.close()
        if daemon.stderr is not None:
            daemon.stderr.close()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def bus_client(address: str) -> Iterator[object]:
    """A plain jeepney connection to ``address`` (what a desktop service would use)."""
    from jeepney.io.blocking import open_dbus_connection

    connection = open_dbus_connection(bus=address)
    try:
        yield connection
    finally:
        connection.close()
