"""packaging/bundle_rules.py: which Qt plugins, translations and libraries the bundle keeps.

Cheap checks of the rules alone; the real bundle is built and smoke-tested in CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_rules  # noqa: E402

LINUX = bundle_rules.plugin_rules("linux")


def test_linux_keeps_desktop_platforms_and_drops_the_rest() -> None:
    plugins = "PySide6/Qt/plugins"
    assert bundle_rules.keep_plugin(f"{plugins}/platforms/libqxcb.so", LINUX)
    assert bundle_rules.keep_plugin(f"{plugins}/platforms/libqwayland.so", LINUX)
    assert bundle_rules.keep_plugin(f"{plugins}/platforms/libqoffscreen.so", LINUX)
    assert not bundle_rules.keep_plugin(f"{plugins}/platforms/libqeglfs.so", LINUX)
    assert not bundle_rules.keep_plugin(f"{plugins}/platformthemes/libqgtk3.so", LINUX)
    assert not bundle_rules.keep_plugin(f"{plugins}/imageformats/libqjpeg.so", LINUX)
    assert bundle_rules.keep_plugin(f"{plugins}/imageformats/libqsvg.so", LINUX)
    assert bundle_rules.keep_plugin(f"{plugins}/iconengines/libqsvgicon.so", LINUX)
    assert not bundle_rules.keep_plugin(f"{plugins}/tls/libqopensslbackend.so", LINUX)
    assert bundle_rules.keep_plugin(f"{plugins}/printsupport/libcupsprintersupport.so", LINUX)
    assert bundle_rules.keep_plugin("PySide6/Qt/lib/libQt6Core.so.6", LINUX)


def test_windows_plugin_names_match_release_and_skip_debug_suffix() -> None:
    windows = bundle_rules.plugin_rules("win32")
    # The Windows wheels keep plugins in PySide6/plugins, without the Qt folder.
    assert bundle_rules.keep_plugin("PySide6/plugins/platforms/qwindows.dll", windows)
    assert bundle_rules.keep_plugin("PySide6/plugins/platforms/qwindowsd.dll", windows)
    assert not bundle_rules.keep_plugin("PySide6/plugins/platforms/qdirect2d.dll", windows)
    assert not bundle_rules.keep_plugin("PySide6/plugins/imageformats/qjpeg.dll", windows)


def test_qt_translations_are_dropped_but_not_ours() -> None:
    assert bundle_rules.is_qt_translation("PySide6/Qt/translations/qtbase_de.qm")
    assert bundle_rules.is_qt_translation("PySide6/translations/qtbase_de.qm")
    assert not bundle_rules.is_qt_translation("resources/translations/alongside_de.qm")


def test_unused_qt_modules_are_everything_but_what_the_app_imports(tmp_path: Path) -> None:
    for name in ("QtCore.abi3.so", "QtQml.abi3.so", "QtWebEngineCore.abi3.so", "Qt"):
        (tmp_path / name).touch()
    assert bundle_rules.unused_qt_modules(tmp_path) == [
        "PySide6.QtQml",
        "PySide6.QtWebEngineCore",
    ]


def test_prune_keeps_what_roots_link_to_and_drops_the_rest() -> None:
    toc = [
        ("PySide6/QtCore.abi3.so", "/src/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/src/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libgnutls.so.30", "/lib/libgnutls.so.30", "BINARY"),
    ]
    links = {
        "/src/QtCore.abi3.so": ["libQt6Core.so.6"],
        "/src/libQt6Core.so.6": ["libicuuc.so.73", "libc.so.6"],
    }
    kept, dropped = bundle_rules.prune_unreachable(toc, lambda path: links.get(path, []))
    assert [entry[0] for entry in kept] == [
        "PySide6/QtCore.abi3.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libicuuc.so.73",
        "libQt6Core.so.6",
        "libQt6Network.so.6",  # a symlink: left for drop_dangling_symlinks
    ]
    assert dropped == ["PySide6/Qt/lib/libQt6Network.so.6", "libgnutls.so.30"]


def test_a_library_needed_through_its_symlink_name_is_kept() -> None:
    toc = [
        ("_cffi.abi3.so", "/src/_cffi.abi3.so", "EXTENSION"),
        ("libffi.so.8.1.2", "/lib/libffi.so.8.1.2", "BINARY"),
        ("libffi.so.8", "libffi.so.8.1.2", "SYMLINK"),
    ]
    links = {"/src/_cffi.abi3.so": ["libffi.so.8"]}
    kept, dropped = bundle_rules.prune_unreachable(toc, lambda path: links.get(path, []))
    assert kept == toc
    assert dropped == []


def test_dangling_symlinks_are_dropped() -> None:
    toc = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
    ]
    kept = bundle_rules.drop_dangling_symlinks(toc, {"PySide6/Qt/lib/libQt6Core.so.6"})
    assert kept == toc[:1]


def test_symlinks_to_folders_that_hold_files_are_kept() -> None:
    framework = "PySide6/Qt/lib/QtCore.framework"
    toc = [(f"{framework}/Versions/Current", "A", "SYMLINK")]
    present = {f"{framework}/Versions/A/QtCore"}
    assert bundle_rules.drop_dangling_symlinks(toc, present) == toc


def test_libcups_is_left_to_linux() -> None:
    assert bundle_rules.is_system_library("libcups.so.2", "linux")
    assert not bundle_rules.is_system_library("libQt6Core.so.6", "linux")
    assert not bundle_rules.is_system_library("libcups.so.2", "win32")
