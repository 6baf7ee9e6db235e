"""The core packages never import Qt, so they run headless and the relay needs no PySide6."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.import_graph import cycles, desktop_graph

ROOT = Path(__file__).resolve().parent.parent
CORE = ("desktop/models", "desktop/vault", "desktop/sync", "desktop/privacy")


@pytest.mark.parametrize("package", CORE)
def test_core_source_has_no_qt_import(package: str) -> None:
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in CORE
        for path in (ROOT / package).rglob("*.py")
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# The house rules of docs/architecture.md ("Which package may import which"), held here.
PLACES = (
    "today",
    "debriefs",
    "checkins",
    "actions",
    "trash",
    "resources",
    "peers",
    "shared",
    "listening",
    "export",
    "identifiers",
)


def _package(module: str) -> str:
    """`desktop.ui.debriefs.editor` -> `desktop.ui.debriefs`; `desktop.vault.x` -> its package."""
    parts = module.split(".")
    return ".".join(parts[:3] if len(parts) > 2 and parts[1] == "ui" else parts[:2])


def _offending_imports(allowed: Callable[[str, str], bool]) -> list[str]:
    return sorted(
        f"{module} -> {target}"
        for module, targets in desktop_graph().items()
        for target in targets
        if _package(module) != _package(target) and not allowed(_package(module), _package(target))
    )


def test_desktop_has_no_import_cycles() -> None:
    """Lazy imports count: a cycle through a function-level import is still a cycle."""
    assert cycles(desktop_graph()) == []


def test_core_imports_run_one_way() -> None:
    """models -> nothing of ours but the error base and the clock; vault -> models;
    privacy (the identifier check) -> models; sync -> vault, models, privacy; none of
    them -> ui or the app."""

    def allowed(source: str, target: str) -> bool:
        if source == "desktop.models":
            return target in {"desktop.sentences", "desktop.clock"}
        if source == "desktop.vault":
            return target in {
                "desktop.models",
                "desktop.sentences",
                "desktop.clock",
                "desktop.resources",
            }
        if source == "desktop.privacy":
            return target in {"desktop.models", "desktop.sentences", "desktop.clock"}
        if source == "desktop.sync":
            return target in {
                "desktop.models",
                "desktop.vault",
                "desktop.privacy",
                "desktop.sentences",
                "desktop.clock",
                "desktop.resources",  # the pairing code's word list
            }
        return True

    assert _offending_imports(allowed) == []


def test_ui_packages_keep_to_their_rooms() -> None:
    """common is imported by every screen and imports none of them; a place never reaches
    into the shell, the unlock screens or the command-line checks; the unlock screens use
    only common and the crisis lines (reachable while locked); only the app and the
    checks build the shell."""
    places = {f"desktop.ui.{place}" for place in PLACES}

    def allowed(source: str, target: str) -> bool:
        if target == "desktop.ui.shell":
            return source in {"desktop.app", "desktop.ui.checks"}
        if source == "desktop.ui.common":
            return not target.startswith("desktop.ui.")
        if source in places:
            return target not in {"desktop.ui.unlock", "desktop.ui.checks"}
        if source == "desktop.ui.unlock":
            return not target.startswith("desktop.ui.") or target in {
                "desktop.ui.common",
                "desktop.ui.resources",
            }
        return True

    assert _offending_imports(allowed) == []


def test_every_place_has_its_own_package() -> None:
    """A newcomer finds a screen from the folder names (issue 9)."""
    missing = [place for place in PLACES if not (ROOT / "desktop" / "ui" / place).is_dir()]
    assert missing == []


TIME_READERS = re.compile(
    r"\b(time\.(time|monotonic|perf_counter|time_ns)\(|datetime\.(now|utcnow|today)\(|"
    r"date\.today\()"
)


def test_only_the_clock_reads_the_time() -> None:
    """One clock, injected (STYLE.md §8): nothing else in desktop/ reads the time."""
    readers = sorted(
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "desktop").rglob("*.py")
        if path != ROOT / "desktop" / "clock.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if TIME_READERS.search(line)
    )
    assert readers == []
