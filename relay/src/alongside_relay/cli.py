"""`alongside-relay serve`: run the relay under uvicorn, loopback by default.

Options on the command line override `ALONGSIDE_RELAY_*` environment variables. The
enrolment token is deliberately not an option: `ps` would show it to every local user.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import uvicorn
from pydantic import ValidationError

from alongside_relay.app import create_app
from alongside_relay.runtime import tune_for_serving
from alongside_relay.settings import ENV_PREFIX, ConfigurationError, RelaySettings
from alongside_relay.stores import DatabaseUnreachable

# Settings with a hand-written option (or none: the token must never be on the command line).
_OWN_OPTIONS = {"db", "host", "port", "tls_cert", "tls_key", "enrolment_token"}


def _listen_address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError("expected HOST:PORT, e.g. 127.0.0.1:8787")
    return host.strip("[]"), int(port)


def _help(name: str) -> str:
    field = RelaySettings.model_fields[name]
    default = "none" if field.default is None else field.default
    return f"{field.description} (default {default}; env {ENV_PREFIX}{name.upper()})"


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface; `serve` has one option per setting (settings.py)."""
    parser = argparse.ArgumentParser(prog="alongside-relay", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        # No prefixes: `--enrolment-token` must not be read as `--enrolment-token-file`.
        allow_abbrev=False,
        help="run the relay",
        description="Run the relay. Every option can also be set by its environment variable; "
        "the option wins.",
        epilog=f"{ENV_PREFIX}ENROLMENT_TOKEN: {_help('enrolment_token')}. "
        "The token itself is never read from the command line, where ps would show it.",
    )
    serve.add_argument("--db", type=Path, help=_help("db"))
    serve.add_argument(
        "--listen",
        type=_listen_address,
        help=f"HOST:PORT (default 127.0.0.1:8787; env {ENV_PREFIX}HOST and {ENV_PREFIX}PORT)",
    )
    serve.add_argument("--tls-cert", type=Path, help=_help("tls_cert"))
    serve.add_argument("--tls-key", type=Path, help=_help("tls_key"))
    serve.add_argument(
        "--log-level",
        default="info",
        choices=["debug", "info", "warning"],
        help="level of the relay's own log (default info; uvicorn stays at warning)",
    )
    for name in RelaySettings.model_fields:
        if name not in _OWN_OPTIONS:
            # A string here: the settings model validates it, with its own messages.
            serve.add_argument(
                "--" + name.replace("_", "-"), dest=name, metavar="VALUE", help=_help(name)
            )
    return parser


def settings_from_args(args: argparse.Namespace) -> RelaySettings:
    """Environment settings, with whatever the command line gives taking precedence."""
    overrides: dict[str, Any] = {
        name: getattr(args, name)
        for name in RelaySettings.model_fields
        if name not in _OWN_OPTIONS and getattr(args, name, None) is not None
    }
    if args.db is not None:
        overrides["db"] = args.db
    if args.listen is not None:
        overrides["host"], overrides["port"] = args.listen
    if args.tls_cert is not None:
        overrides["tls_cert"] = args.tls_cert
    if args.tls_key is not None:
        overrides["tls_key"] = args.tls_key
    return RelaySettings(**overrides)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `alongside-relay` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    # uvicorn stays at WARNING whatever the level: its info and debug lines name addresses.
    logging.getLogger("alongside.relay").setLevel(args.log_level.upper())
    # psycopg's pool warns with the database server's address; the relay's own warnings
    # ("database unavailable", "notifications lost") say the same without it.
    logging.getLogger("psycopg").setLevel(logging.ERROR)
    try:
        settings = settings_from_args(args)
        app = create_app(settings)
    except DatabaseUnreachable as exc:
        sys.stderr.write(f"alongside-relay: {exc}.\n")
        return 1
    except ConfigurationError as exc:
        sys.stderr.write(f"alongside-relay: {exc}.\n")  # written for the operator, no input
        return 2
    except (ValidationError, ValueError, OSError) as exc:
        # Field names and pydantic's message, never the input: it could be a secret.
        if isinstance(exc, ValidationError):
            reasons = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors()
            )
        else:
            reasons = type(exc).__name__
        sys.stderr.write(f"alongside-relay: invalid configuration ({reasons})\n")
        return 2
    tune_for_serving()
    logging.getLogger("alongside.relay").info(
        "listening on port %d (%s)", settings.port, "https" if settings.tls_cert else "http"
    )
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        ssl_certfile=str(settings.tls_cert) if settings.tls_cert else None,
        ssl_keyfile=str(settings.tls_key) if settings.tls_key else None,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        log_level="warning",
        log_config=None,
        timeout_graceful_shutdown=5,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
