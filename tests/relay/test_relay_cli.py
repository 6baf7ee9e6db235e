"""Configuration: environment, enrolment token sources, and the command line."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside_relay import cli
from alongside_relay.settings import RelaySettings
from tests.relay.conftest import ROOT


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALONGSIDE_RELAY_MAX_INBOXES", "12")
    monkeypatch.setenv("ALONGSIDE_RELAY_MESSAGE_TTL_SECONDS", "3600")
    settings = RelaySettings()
    assert (settings.max_inboxes, settings.message_ttl_seconds) == (12, 3600)
    assert (settings.host, settings.port) == ("127.0.0.1", 8787)  # loopback by default


def test_the_enrolment_token_comes_from_the_environment_or_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert RelaySettings().resolved_enrolment_token() is None
    monkeypatch.setenv("ALONGSIDE_RELAY_ENROLMENT_TOKEN", "from-env")
    assert RelaySettings().resolved_enrolment_token() == "from-env"
    monkeypatch.delenv("ALONGSIDE_RELAY_ENROLMENT_TOKEN")
    token_file = tmp_path / "token"
    token_file.write_text("from-file\n")
    token_file.chmod(0o600)
    monkeypatch.setenv("ALONGSIDE_RELAY_ENROLMENT_TOKEN_FILE", str(token_file))
    assert RelaySettings().resolved_enrolment_token() == "from-file"
    token_file.write_text("  \n")
    with pytest.raises(ValueError, match="empty"):
        RelaySettings().resolved_enrolment_token()


def test_the_token_is_not_a_command_line_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--enrolment-token", "secret"])
    assert exited.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_command_line_overrides_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ALONGSIDE_RELAY_PORT", "9000")
    args = cli.build_parser().parse_args(
        ["serve", "--db", str(tmp_path / "r.db"), "--listen", "0.0.0.0:8443"]
    )
    settings = cli.settings_from_args(args)
    assert (settings.db, settings.host, settings.port) == (tmp_path / "r.db", "0.0.0.0", 8443)


def test_tls_needs_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["serve", "--db", str(tmp_path / "r.db"), "--tls-cert", "cert.pem"])
    assert code == 2
    assert "invalid configuration" in capsys.readouterr().err


@given(st.text(max_size=40))
def test_listen_parser_accepts_host_port_or_refuses(text: str) -> None:
    try:
        host, port = cli._listen_address(text)
    except argparse.ArgumentTypeError:
        return
    assert host
    assert 0 <= port <= 65535


def test_serving_tunes_the_interpreter_in_its_own_process() -> None:
    code = (
        "import gc, sys; from alongside_relay.runtime import tune_for_serving;"
        "tune_for_serving(); print(sys.getswitchinterval(), gc.get_threshold()[0],"
        " gc.get_freeze_count() > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0.0005", "50000", "True"]


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_a_token_file_others_can_read_is_refused_with_a_sentence(
    tmp_path: Path, mode: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("clinic-secret-token\n")
    token_file.chmod(mode)
    monkeypatch.setenv("ALONGSIDE_RELAY_ENROLMENT_TOKEN_FILE", str(token_file))
    assert cli.main(["serve", "--db", str(tmp_path / "r.db")]) == 2
    err = capsys.readouterr().err
    assert "can be read by other users" in err
    assert "chmod 600" in err
    assert "clinic-secret-token" not in err


def test_serve_help_lists_every_setting_with_its_environment_name() -> None:
    text = " ".join(
        cli.build_parser()._subparsers._group_actions[0].choices["serve"].format_help().split()
    )
    for name, field in RelaySettings.model_fields.items():
        assert f"ALONGSIDE_RELAY_{name.upper()}" in text, name
        assert field.description is not None
        if name not in ("host", "port"):  # both in --listen HOST:PORT
            assert " ".join(field.description.split()) in text, name
    for option in ("--listen", "--db", "--log-level", "--max-nameplates", "--rate-burst"):
        assert option in text
    assert "--enrolment-token " not in text  # never on the command line


def test_every_setting_can_be_given_on_the_command_line(tmp_path: Path) -> None:
    args = cli.build_parser().parse_args(
        ["serve", "--max-nameplates", "7", "--rate-burst", "3", "--message-ttl-seconds", "60"]
    )
    settings = cli.settings_from_args(args)
    assert (settings.max_nameplates, settings.rate_burst, settings.message_ttl_seconds) == (
        7,
        3,
        60,
    )
    bad = cli.build_parser().parse_args(["serve", "--max-nameplates", "many"])
    with pytest.raises(ValueError, match="max_nameplates"):
        cli.settings_from_args(bad)


def test_database_takes_only_a_postgresql_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", "--database", "mysql://relay@db/relay"]) == 2
    assert "postgresql:// URL" in capsys.readouterr().err


def test_an_unreachable_database_at_start_is_one_sentence_and_a_failed_exit() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://relay:s3cret-pw@127.0.0.1:{port}/relay"
    result = subprocess.run(
        [sys.executable, "-m", "alongside_relay", "serve", "--database", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        "alongside-relay: cannot connect to the PostgreSQL database given by --database ("
    )
    assert "Connection refused" in lines[0]
    assert "Traceback" not in result.stderr
    assert "s3cret-pw" not in result.stderr
