"""A missing system library for Qt's X11 plugin is one plain sentence, not Qt's abort."""

from __future__ import annotations

from desktop.platform_libraries import MISSING_XCB_CURSOR, XCB_CURSOR, missing_platform_library


def test_missing_xcb_cursor_names_the_package(tmp_path):
    found = missing_platform_library({"DISPLAY": ":0"}, folders=(str(tmp_path),))
    assert found == MISSING_XCB_CURSOR
    assert "libxcb-cursor0" in found
    assert found.count(".") <= 3  # a sentence or two, not a log


def test_present_library_or_another_platform_says_nothing(tmp_path):
    (tmp_path / XCB_CURSOR).write_bytes(b"")
    assert missing_platform_library({"DISPLAY": ":0"}, folders=(str(tmp_path),)) is None
    empty = tmp_path / "empty"
    empty.mkdir()
    folders = (str(empty),)
    assert missing_platform_library({"QT_QPA_PLATFORM": "offscreen"}, folders=folders) is None
    assert (
        missing_platform_library({"WAYLAND_DISPLAY": "w", "DISPLAY": ":0"}, folders=folders) is None
    )
    assert missing_platform_library({"QT_QPA_PLATFORM": "xcb"}, folders=folders) is not None


def test_ld_library_path_counts(tmp_path):
    (tmp_path / XCB_CURSOR).write_bytes(b"")
    environ = {"DISPLAY": ":0", "LD_LIBRARY_PATH": str(tmp_path)}
    assert missing_platform_library(environ, folders=()) is None
