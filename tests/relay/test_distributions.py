"""The three distributions stay apart: the relay and the wire carry no desktop code or Qt,
and the desktop app never imports the relay (DESIGN.md §1, docs/architecture.md)."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_ONLY = ("pyside", "shiboken", "sqlcipher", "keyring")


def _imported_top_levels(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def _requirement_names(pyproject: Path, extras: tuple[str, ...] = ()) -> set[str]:
    project = tomllib.loads(pyproject.read_text())["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    return {re.split(r"[<>=!~\[ ;@]", spec, maxsplit=1)[0].lower() for spec in specs}


def _loaded_after_import(*modules: str) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    loaded: list[str] = json.loads(out)
    return loaded


def test_the_relay_source_imports_only_the_wire_from_alongside() -> None:
    imported = _imported_top_levels(ROOT / "relay" / "src")
    assert "desktop" not in imported
    assert not {name for name in imported if name.lower().startswith(DESKTOP_ONLY)}


def test_the_wire_imports_no_server_no_desktop_and_no_io_framework() -> None:
    imported = _imported_top_levels(ROOT / "wire" / "src")
    forbidden = {"desktop", "alongside_relay", "fastapi", "starlette", "uvicorn", "psycopg"}
    assert imported & forbidden == set()


def test_the_desktop_app_never_imports_the_relay() -> None:
    imported = _imported_top_levels(ROOT / "desktop")
    assert imported & {"alongside_relay", "fastapi", "starlette", "uvicorn", "psycopg"} == set()


def test_running_the_relay_loads_neither_qt_nor_desktop_code() -> None:
    loaded = _loaded_after_import("alongside_relay.cli", "alongside_relay.app")
    assert "alongside_wire" in loaded
    assert {"desktop", "PySide6", "shiboken6", "sqlcipher3"} & set(loaded) == set()


@pytest.mark.parametrize(
    ("pyproject", "extras"),
    [(ROOT / "relay" / "pyproject.toml", ()), (ROOT / "wire" / "pyproject.toml", ())],
)
def test_the_relay_and_wire_requirements_pull_no_qt(pyproject: Path, extras: tuple[str]) -> None:
    names = _requirement_names(pyproject, extras)
    assert not {name for name in names if name.startswith(DESKTOP_ONLY)}
    assert "alongside" not in names


def test_each_distribution_requires_what_it_imports() -> None:
    relay = _requirement_names(ROOT / "relay" / "pyproject.toml")
    assert {"alongside-wire", "fastapi", "uvicorn", "pydantic-settings", "psycopg"} <= relay
    desktop = _requirement_names(ROOT / "pyproject.toml", ("desktop",))
    assert "alongside-wire" in desktop
    assert desktop & {"alongside-relay", "fastapi", "uvicorn", "psycopg"} == set()
