"""PySide6 reads the source of each module imported after it, unless we mark it first.

The start-up figure in docs/performance.md counts on this; if a PySide6 release stops
scanning (or renames its table), the first test fails and the trick can go.
"""

from __future__ import annotations

import importlib
import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook)
import pytest

from desktop.ui.common.feature_scan import NO_FEATURE, _FeatureScanSkipper, skip_feature_scans


@pytest.fixture
def module_folder(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))


def _write_module(folder: Path, name: str) -> Path:
    source = folder / f"{name}.py"
    source.write_text("VALUE = 'a module that never mentions Qt'\n", encoding="utf-8")
    return source


def _feature_table() -> dict[str, int]:
    table = sys.modules["shibokensupport.feature"].pyside_feature_dict  # type: ignore[attr-defined]
    assert isinstance(table, dict)
    return table


def test_without_the_finder_pyside_reads_the_whole_source(module_folder: Path) -> None:
    source = _write_module(module_folder, "scanned_module_for_test")
    saved = [f for f in sys.meta_path if isinstance(f, _FeatureScanSkipper)]
    for finder in saved:
        sys.meta_path.remove(finder)
    try:
        importlib.invalidate_caches()
        exec("import scanned_module_for_test", {})  # an import statement, as in our code
    finally:
        sys.meta_path[:0] = saved
        sys.modules.pop("scanned_module_for_test", None)
    assert str(source) in linecache.cache
    assert _feature_table()["scanned_module_for_test"] == -1  # "no PySide6 in the text"


def test_with_the_finder_no_source_is_read(module_folder: Path) -> None:
    source = _write_module(module_folder, "unscanned_module_for_test")
    skip_feature_scans()
    try:
        importlib.invalidate_caches()
        exec("import unscanned_module_for_test", {})
        assert sys.modules["unscanned_module_for_test"].VALUE.startswith("a module")
    finally:
        sys.modules.pop("unscanned_module_for_test", None)
    assert str(source) not in linecache.cache
    assert _feature_table()["unscanned_module_for_test"] == NO_FEATURE


def test_modules_imported_before_are_marked_and_the_finder_is_installed_once() -> None:
    skip_feature_scans()
    skip_feature_scans()
    assert sum(isinstance(f, _FeatureScanSkipper) for f in sys.meta_path) == 1
    assert isinstance(sys.meta_path[0], _FeatureScanSkipper)
    table = _feature_table()
    assert all(name in table for name in ("json", "desktop.startup_settings"))
