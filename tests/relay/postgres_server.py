"""A real PostgreSQL for the test run, started from the server binaries on this machine.

Why the binaries on the PATH (not a wheel that carries them): the image CI runs on has
PostgreSQL 15 installed, a wheel would add a download of ~50 MB to every CI run, and an
operator runs the relay against a real packaged server anyway.

`initdb` and `postgres` refuse to run as root, and CI runs as root. So when this process
is root the server runs as an unprivileged account: the `postgres` system account where
the server package created one (it does wherever the binaries come from a package), else
`nobody`. Commands switch to it with `setpriv` (util-linux; no PAM, no login shell, no
password), in a private temporary folder owned by that account. The server listens on
127.0.0.1 at a free port with a random password (scram-sha-256), so other users of a
shared machine cannot use it, and its Unix socket sits inside that folder.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

SUPERUSER = "alongside"


class PostgresUnavailable(Exception):
    """PostgreSQL cannot be started here; the message says why, for the test report."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_bindir() -> Path | None:
    """The folder with `initdb`, `pg_ctl` and `postgres`.

    `ALONGSIDE_PG_BINDIR` when set (a PostgreSQL installed elsewhere), else from the
    PATH, else Debian's /usr/lib/postgresql/<version>/bin.
    """
    explicit = os.environ.get("ALONGSIDE_PG_BINDIR")
    if explicit is not None:
        return Path(explicit) if (Path(explicit) / "pg_ctl").exists() else None
    found = shutil.which("pg_ctl")
    if found is not None:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _unprivileged_account() -> pwd.struct_passwd:
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PostgresUnavailable("running as root and no 'postgres' or 'nobody' account exists")


@dataclass
class PostgresServer:
    """One PostgreSQL cluster in a temporary folder; stop() removes everything."""

    bindir: Path
    root: Path
    fsync: bool = False
    port: int = field(default_factory=_free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    account: pwd.struct_passwd | None = None
    _databases: int = 0

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _command(self, *args: str) -> list[str]:
        if self.account is None:
            return list(args)
        return [
            "setpriv",
            f"--reuid={self.account.pw_uid}",
            f"--regid={self.account.pw_gid}",
            "--clear-groups",
            "--",
            *args,
        ]

    def _run(self, *args: str, timeout: float = 60) -> None:
        env = dict(os.environ, LC_ALL="C", HOME=str(self.root))
        result = subprocess.run(
            self._command(*args),
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=self.root,
            check=False,
        )
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise PostgresUnavailable(f"{Path(args[0]).name} failed: {' / '.join(tail)}")

    def init(self) -> None:
        """Create the cluster (initdb) as the unprivileged account."""
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                raise PostgresUnavailable("running as root and 'setpriv' is not installed")
            self.account = _unprivileged_account()
            os.chown(self.root, self.account.pw_uid, self.account.pw_gid)
        self.root.chmod(0o700)
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.account is not None:
            os.chown(pwfile, self.account.pw_uid, self.account.pw_gid)
        pwfile.chmod(0o600)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--no-sync",
            "--no-instructions",
        )
        pwfile.unlink()

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = " ".join(
            [
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={self.root}",
                "-c max_connections=300",
                f"-c fsync={'on' if self.fsync else 'off'}",
                "-c shared_buffers=64MB",
            ]
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`fast`: clients are disconnected, as in a restart)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        """Stop and start again on the same port: what an operator's restart does."""
        self.stop()
        self.start()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        self._databases += 1
        name = f"relay_{os.getpid()}_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def destroy(self) -> None:
        with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(fsync: bool = False) -> PostgresServer:
    """Start a private PostgreSQL, or raise PostgresUnavailable saying why not."""
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            "no PostgreSQL server binaries (pg_ctl) on the PATH or in ALONGSIDE_PG_BINDIR"
        )
    last: PostgresUnavailable | None = None
    for _ in range(3):  # the free port can be taken between choosing and binding it
        server = PostgresServer(bindir, Path(tempfile.mkdtemp(prefix="alongside-pg-")), fsync)
        try:
            server.init()
            server.start()
            return server
        except (PostgresUnavailable, subprocess.TimeoutExpired, OSError) as exc:
            last = exc if isinstance(exc, PostgresUnavailable) else PostgresUnavailable(str(exc))
            server.destroy()
            time.sleep(0.2)
    assert last is not None
    raise last
