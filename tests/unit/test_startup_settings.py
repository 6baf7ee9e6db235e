"""The plaintext pre-unlock settings: stdlib JSON, tolerant reading, atomic writing."""

from __future__ import annotations

import json
import subprocess
import sys

from desktop.startup_settings import StartupSettings, load_settings, save_settings


def test_round_trip_and_most_recent_first(tmp_path):
    path = tmp_path / "settings.json"
    settings = StartupSettings(theme="dark", window_geometry="01ab")
    settings.remember_vault(tmp_path / "a", "First")
    settings.remember_vault(tmp_path / "b", "Second")
    settings.remember_vault(tmp_path / "a", "First renamed")
    save_settings(path, settings)
    loaded = load_settings(path)
    assert [k.name for k in loaded.known_vaults] == ["First renamed", "Second"]
    assert loaded.theme == "dark"
    assert loaded.window_geometry == "01ab"
    assert set(json.loads(path.read_text())) == {
        "known_vaults",
        "window_geometry",
        "theme",
        "text_scale",
        "clipboard_seconds",
        "lock_on_minimise",
        "unlock_failures",
    }
    assert not list(tmp_path.glob("*.tmp"))


def test_missing_or_malformed_files_give_defaults(tmp_path):
    assert load_settings(tmp_path / "nope.json") == StartupSettings()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert load_settings(broken) == StartupSettings()
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"known_vaults": [{"path": 3}], "theme": "neon", "x": 1}))
    assert load_settings(odd) == StartupSettings()


def test_reading_settings_imports_nothing_heavy():
    code = (
        "import sys, desktop.startup_settings as s, pathlib;"
        "s.load_settings(pathlib.Path('/nonexistent'));"
        "print(sorted(m for m in ('pydantic','nacl','sqlcipher3','keyring','PySide6')"
        " if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_text_size_is_remembered_and_a_strange_value_falls_back(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(path, StartupSettings(text_scale=150))
    assert load_settings(path).text_scale == 150
    for strange in (151, "150", True, 1e400, None):
        path.write_text(
            json.dumps({"text_scale": strange}) if strange != 1e400 else '{"text_scale": 1e400}'
        )
        assert load_settings(path).text_scale == 100
